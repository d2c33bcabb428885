/* chart_venn: a 2-set or 3-set Venn diagram per panel, with the count of
 * each region printed in it.
 *
 * The circles are equal (a schematic Venn diagram, not area-proportional):
 * the counts are printed, and areas scaled to them would make small
 * regions such as 生成AIのみ too small to hold their number.  Sets are
 * drawn as translucent fills of their colours (palette 2, 4, 5) with a solid
 * outline; the set names sit outside the circles; the rows in no set are
 * printed under the diagram ("いずれにも該当しない：634").  A region label
 * shrinks (down to 5 pt) to fit its region and is dropped when its box
 * would touch a label already placed.  Its alternative text and data grid
 * list the regions in reading order (single sets, pairs, all, none). */
#include <math.h>
#include <stdlib.h>

#include "chart_impl.h"
#include "format.h"
#include "xalloc.h"

#define TAU 6.283185307179586
#define FILL_OPACITY 0.3

static double venn_natural_h(const chart *c, const font *fo, const frame *F,
                             double pw)
{
    (void)fo;
    double rows = F->fs * 1.5 * (c->nsets == 3 ? 2 : 1) + F->fs * 1.5;
    return pw * 0.42 + rows;
}

static double venn_min_h(const chart *c, const font *fo, const frame *F,
                         double pw)
{
    (void)c;
    (void)fo;
    (void)pw;
    return F->fs * 8;
}

static void circle_path(canvas *cv, const double *a)
{
    canvas_arc(cv, a[0], a[1], a[2], 0, TAU);
    canvas_close_path(cv);
}

/* Colour of a region as drawn: white under the translucent fills of the
 * sets in mask, in drawing order. */
static rgb region_colour(const chart *c, size_t mask)
{
    rgb r = look_rgb(LOOK_WHITE);
    for (size_t i = 0; i < c->nsets; i++)
        if ((mask >> i) & 1) {
            rgb s = c->colours[i];
            r.r = r.r * (1 - FILL_OPACITY) + s.r * FILL_OPACITY;
            r.g = r.g * (1 - FILL_OPACITY) + s.g * FILL_OPACITY;
            r.b = r.b * (1 - FILL_OPACITY) + s.b * FILL_OPACITY;
        }
    return r;
}

/* One diagram of a panel: the circles' centres and radius. */
typedef struct venn {
    const chart *c;
    size_t f;
    double px, top, pw, ph; /* the panel */
    double fs, asc, desc;
    int three;
    double none_h; /* the row of the rows in no set (0: none) */
    double cx, r;
    double ctr[VENN_MAX_SETS][2];
} venn;

/* The circles in the box left by the set names and the row under the
 * diagram; -1 when it is too low. */
static int venn_layout(venn *v, const font *fo, const frame *F)
{
    const chart *c = v->c;
    double fs = v->fs = F->fs;
    v->asc = cd_ascent(fo);
    v->desc = cd_descent(fo);
    int three = v->three = c->nsets == 3;
    double name_h = fs * 1.5;
    v->none_h = c->have[chart_at(c, v->f, 0, 0)] ? fs * 1.5 : 0;
    double dy0 = v->top + name_h;
    double dh = v->ph - name_h - (three ? name_h : 0) - v->none_h;
    if (dh <= fs * 2)
        return -1;
    /* 2 sets: width 3r, height 2r.  3 sets: width 3r, height 2.866r. */
    double r = v->r = fmin(v->pw / 3.1, three ? dh / 2.87 : dh / 2);
    double cx = v->cx = v->px + v->pw / 2;
    double cyc = dy0 + dh / 2;
    double (*ctr)[2] = v->ctr;
    if (three) {
        double h3 = r * sqrt(3) / 2; /* centres r apart */
        double cy = cyc - h3 / 6;    /* the extents centred in the box */
        ctr[0][0] = cx - r / 2, ctr[0][1] = cy - h3 / 3;
        ctr[1][0] = cx + r / 2, ctr[1][1] = cy - h3 / 3;
        ctr[2][0] = cx, ctr[2][1] = cy + 2 * h3 / 3;
    } else {
        ctr[0][0] = cx - r / 2, ctr[0][1] = cyc;
        ctr[1][0] = cx + r / 2, ctr[1][1] = cyc;
    }
    return 0;
}

/* Fills, hatching, outlines; then the set names outside each circle,
 * above it (the third below). */
static void draw_sets(const venn *v, canvas *cv, boxset *bs)
{
    const chart *c = v->c;
    double r = v->r, fs = v->fs;
    const double (*ctr)[2] = v->ctr;
    for (size_t i = 0; i < c->nsets; i++) {
        double a[3] = {ctr[i][0], ctr[i][1], r};
        canvas_set_fill(cv, c->colours[i], FILL_OPACITY);
        circle_path(cv, a);
        canvas_fill(cv);
        if (c->patterns)
            cd_hatch(cv, (int)i + 1, c->colours[i], circle_path, a,
                     ctr[i][0] - r, ctr[i][1] - r, 2 * r, 2 * r);
    }
    for (size_t i = 0; i < c->nsets; i++) {
        double a[3] = {ctr[i][0], ctr[i][1], r};
        canvas_set_stroke(cv, c->colours[i], 1, 1.25);
        circle_path(cv, a);
        canvas_stroke(cv);
    }
    for (size_t i = 0; i < c->nsets; i++) {
        const char *nm = c->set_names[i];
        double tw = cd_text_w(cv->font, nm, fs), th = fs * (v->asc + v->desc);
        double x = ctr[i][0] - tw / 2, y;
        if (v->three && i == 2)
            y = ctr[i][1] + r + fs * 0.25;
        else
            y = ctr[i][1] - r - th - fs * 0.25;
        if (!v->three)
            x += i == 0 ? -r * 0.4 : r * 0.4;
        if (x < v->px)
            x = v->px;
        if (x + tw > v->px + v->pw)
            x = v->px + v->pw - tw;
        rgb col = chart_contrast(c->colours[i], look_rgb(LOOK_WHITE)) >= 4.5
                      ? c->colours[i]
                      : look_rgb(LOOK_INK);
        cd_text_mid(cv, x, y + th / 2, fs, 0, col, nm);
        cd_box_add(bs, x, y, tw, th);
    }
}

/* Each region's count at its anchor, shrunk (down to 5 pt) to fit the
 * region, dropped when its box would touch a label already placed. */
static void draw_regions(const venn *v, canvas *cv, boxset *bs)
{
    const chart *c = v->c;
    const font *fo = cv->font;
    size_t f = v->f;
    double r = v->r, fs = v->fs;
    int three = v->three;
    const double (*ctr)[2] = v->ctr;
    double gx = 0, gy = 0;
    for (size_t i = 0; i < c->nsets; i++) {
        gx += ctr[i][0] / (double)c->nsets;
        gy += ctr[i][1] / (double)c->nsets;
    }
    for (size_t m = 1; m < c->ns; m++) {
        if (!c->have[chart_at(c, f, 0, m)] || c->labels == LAB_OFF)
            continue;
        size_t bits = 0;
        double ax = 0, ay = 0;
        for (size_t i = 0; i < c->nsets; i++)
            if ((m >> i) & 1) {
                bits++;
                ax += ctr[i][0];
                ay += ctr[i][1];
            }
        ax /= (double)bits;
        ay /= (double)bits;
        double room; /* rough width of the region at its anchor */
        if (bits == c->nsets) {
            ax = gx;
            ay = gy;
            room = three ? r * 0.45 : r * 0.85;
        } else {
            /* Away from the centre of the diagram. */
            double dx = ax - gx, dy = ay - gy, d = hypot(dx, dy);
            double k = bits == 1 ? (three ? 0.45 : 0.5) : 0.5;
            ax += dx / d * r * k;
            ay += dy / d * r * k;
            room = bits == 1 ? r * 0.8 : r * 0.42;
        }
        buf b = BUF_INIT;
        double tot = 0;
        for (size_t k = 1; k < c->ns; k++)
            tot += c->raw[chart_at(c, f, 0, k)];
        chart_value_label(c, &b, f, 0, m,
                          tot > 0 ? c->raw[chart_at(c, f, 0, m)] / tot : 0);
        const char *t = buf_cstr(&b);
        double lfs = fs * 1.1;
        double tw = cd_text_w(fo, t, lfs);
        while (tw > room && lfs > 5) {
            lfs = fmax(5, lfs * 0.9);
            tw = cd_text_w(fo, t, lfs);
        }
        double th = lfs * (v->asc + v->desc);
        double lx = ax - tw / 2, ly = ay - th / 2;
        if (lx >= v->px && lx + tw <= v->px + v->pw &&
            cd_box_free(bs, lx, ly, tw, th)) {
            cd_value_text(cv, lx, ay, lfs, 0,
                          chart_text_colour_on(region_colour(c, m)), NULL, t);
            cd_box_add(bs, lx, ly, tw, th);
        } else {
            cd_value_omitted(cv);
        }
        buf_free(&b);
    }
}

/* The rows in no set, centred under the diagram. */
static void draw_none(const venn *v, canvas *cv, boxset *bs)
{
    const chart *c = v->c;
    double fs = v->fs;
    buf b = BUF_INIT;
    buf_puts(&b, "いずれにも該当しない：");
    fmt_number(&b, c->raw[chart_at(c, v->f, 0, 0)], c->value_decimals);
    buf_puts(&b, c->unit);
    double tw = cd_text_w(cv->font, buf_cstr(&b), fs * 0.9);
    double y = v->top + v->ph - v->none_h;
    double x = v->cx - tw / 2;
    if (x < v->px)
        x = v->px;
    if (cd_box_free(bs, x, y, tw, v->none_h))
        cd_text_mid(cv, x, y + v->none_h / 2, fs * 0.9, 0, look_rgb(LOOK_INK),
                    buf_cstr(&b));
    buf_free(&b);
}

static void venn_draw(const chart *c, canvas *cv, const frame *F, size_t f,
                      double px, double top, double pw, double ph)
{
    venn v = {.c = c, .f = f, .px = px, .top = top, .pw = pw, .ph = ph};
    if (venn_layout(&v, cv->font, F) < 0)
        return;
    boxset bs = {0};
    draw_sets(&v, cv, &bs);
    draw_regions(&v, cv, &bs);
    if (v.none_h > 0 && c->labels != LAB_OFF)
        draw_none(&v, cv, &bs);
    cd_boxset_free(&bs);
}

const panel_ops chart_venn_ops = {
    .min_panel_w = 150,
    .natural_h = venn_natural_h,
    .min_h = venn_min_h,
    .draw = venn_draw,
};

/* ------------------------------------------------------------------ */
/* Alternative text and data grid: the regions in reading order */

chart_alt_fn chart_venn_alt;
chart_grid_fn chart_venn_grid;

/* Venn regions in reading order: single sets, then pairs, then all, then
 * the rows in no set; returns the count written to order. */
static size_t venn_order(const chart *c, size_t *order)
{
    size_t n = 0;
    for (size_t k = 1; k <= c->nsets; k++)
        for (size_t m = 1; m < c->ns; m++) {
            size_t bits = 0;
            for (size_t i = 0; i < c->nsets; i++)
                bits += (m >> i) & 1;
            if (bits == k)
                order[n++] = m;
        }
    order[n++] = 0;
    return n;
}

void chart_venn_alt(const chart *c, buf *b)
{
    buf_puts(b, "ベン図。");
    for (size_t i = 0; i < c->nsets; i++) {
        if (i)
            buf_puts(b, "・");
        buf_puts(b, c->set_names[i]);
    }
    buf_puts(b, "の重なりを示す。");
    size_t order[1 << VENN_MAX_SETS];
    size_t n = venn_order(c, order);
    for (size_t f = 0; f < c->nf; f++) {
        if (c->facet_col)
            buf_printf(b, "%sでは", c->facet_labels[f]);
        double tot = 0;
        int first = 1;
        for (size_t i = 0; i < n; i++) {
            size_t m = order[i];
            if (m == 0 || !c->have[chart_at(c, f, 0, m)])
                continue;
            if (!first)
                buf_puts(b, "、");
            first = 0;
            buf_puts(b, c->series_labels[m]);
            chart_alt_value(c, b, c->raw[chart_at(c, f, 0, m)]);
            tot += c->raw[chart_at(c, f, 0, m)];
        }
        buf_puts(b, "で、いずれかに該当するのは計");
        chart_alt_value(c, b, tot);
        if (c->have[chart_at(c, f, 0, 0)]) {
            buf_puts(b, "、いずれにも該当しないのは");
            chart_alt_value(c, b, c->raw[chart_at(c, f, 0, 0)]);
        }
        buf_puts(b, "。");
    }
}

/* The facet, 区分 and 件数（unit）; one row per region in reading order. */
void chart_venn_grid(const chart *c, grid *g)
{
    size_t k = 0;
    size_t lead = c->facet_col ? 2 : 1;
    chart_grid_alloc(g, 1 + c->nf * c->ns, lead + 1);
    g->decimals = c->value_decimals;
    if (c->facet_col)
        g->cells[k++] = xstrdup(c->facet_head);
    g->cells[k++] = xstrdup("区分");
    g->cells[k++] = chart_grid_value_head(c, c->value_head);
    size_t order[1 << VENN_MAX_SETS];
    size_t n = venn_order(c, order);
    for (size_t f = 0; f < c->nf; f++)
        for (size_t i = 0; i < n; i++) {
            if (c->facet_col)
                g->cells[k++] = xstrdup(c->facet_labels[f]);
            g->cells[k++] = xstrdup(c->series_labels[order[i]]);
            if (c->have[chart_at(c, f, 0, order[i])])
                chart_grid_number(c, g, k, c->raw[chart_at(c, f, 0, order[i])]);
            else
                g->cells[k] = xstrdup("");
            k++;
        }
}
