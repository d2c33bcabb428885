/* chart_pie: the pie and donut types: one pie or donut per panel, and
 * their alternative text.  Slices start at 12 o'clock and
 * run clockwise in series order.  A value label ("25，53%") goes inside its
 * slice when its whole box fits there, otherwise outside with a leader
 * line, moved up or down a little to clear the labels already placed, and
 * is dropped when no place is free. */
#include <math.h>
#include <stdlib.h>

#include "chart_impl.h"
#include "format.h"
#include "xalloc.h"

#define TAU 6.283185307179586

static double pie_natural_h(const chart *c, const font *fo, const frame *F,
                            double pw)
{
    (void)c;
    (void)fo;
    (void)F;
    return pw * 0.5;
}

static double pie_min_h(const chart *c, const font *fo, const frame *F,
                        double pw)
{
    (void)c;
    (void)fo;
    (void)pw;
    return F->fs * 5;
}

/* args: cx cy r a0 a1 */
static void slice_path(canvas *cv, const double *a)
{
    if (a[4] - a[3] >= TAU - 1e-9) {
        canvas_arc(cv, a[0], a[1], a[2], 0, TAU);
        canvas_close_path(cv);
        return;
    }
    canvas_move_to(cv, a[0], a[1]);
    canvas_arc(cv, a[0], a[1], a[2], a[3], a[4]);
    canvas_close_path(cv);
}

/* Angle of (x, y) around (cx, cy), clockwise from 12 o'clock, 0..2pi. */
static double angle_of(double cx, double cy, double x, double y)
{
    double a = atan2(x - cx, cy - y);
    return a < 0 ? a + TAU : a;
}

static int inside_slice(double cx, double cy, double r0, double r1, double a0,
                        double a1, double x, double y, double w, double h)
{
    double pts[4][2] = {{x, y}, {x + w, y}, {x, y + h}, {x + w, y + h}};
    for (int i = 0; i < 4; i++) {
        double dx = pts[i][0] - cx, dy = pts[i][1] - cy;
        double d = sqrt(dx * dx + dy * dy);
        if (d > r1 - 1 || d < r0 + 1)
            return 0;
        if (a1 - a0 < TAU - 1e-9) {
            double a = angle_of(cx, cy, pts[i][0], pts[i][1]);
            if (a < a0 || a > a1)
                return 0;
        }
    }
    return 1;
}

/* One pie (or donut) of a panel. */
typedef struct pie {
    const chart *c;
    size_t f;
    double px, top, pw, ph; /* the panel */
    double total;
    double cx, cy, r, hole; /* hole: the donut's, 0 for a pie */
    double lfs, th;         /* label size and height */
    double *ang;            /* [ns + 1]: the angle where each slice starts */
} pie;

static int has_slice(const chart *c, size_t f, size_t s)
{
    return c->have[chart_at(c, f, 0, s)] && c->raw[chart_at(c, f, 0, s)] > 0;
}

/* The radius, leaving room around the pie for the widest label outside
 * it; -1 when there is nothing to draw. */
static int pie_layout(pie *p, const font *fo, const frame *F,
                      double hole_share)
{
    const chart *c = p->c;
    p->lfs = F->tick_fs;
    p->th = p->lfs * (cd_ascent(fo) + cd_descent(fo));
    p->total = chart_bar_total(c, p->f, 0);
    if (p->total <= 0)
        return -1;
    double lw = 0;
    for (size_t s = 0; s < c->ns; s++) {
        buf b = BUF_INIT;
        chart_value_label(c, &b, p->f, 0, s,
                          c->raw[chart_at(c, p->f, 0, s)] / p->total);
        lw = fmax(lw, cd_text_w(fo, buf_cstr(&b), p->lfs));
        buf_free(&b);
    }
    double margin_x = c->labels == LAB_OFF ? 2 : lw + p->lfs * 0.8;
    double margin_y = c->labels == LAB_OFF ? 2 : p->th * 1.4;
    p->r = fmin(p->pw / 2 - margin_x, p->ph / 2 - margin_y);
    if (p->r < p->pw * 0.18)
        /* labels go inside or are dropped */
        p->r = fmin(p->pw, p->ph) / 2 * 0.8;
    if (p->r <= 4)
        return -1;
    p->cx = p->px + p->pw / 2;
    p->cy = p->top + p->ph / 2;
    p->hole = p->r * hole_share;
    return 0;
}

/* The slices clockwise from 12 o'clock, then white separators between
 * them; fills p->ang. */
static void draw_slices(pie *p, canvas *cv)
{
    const chart *c = p->c;
    double cx = p->cx, cy = p->cy, r = p->r;
    double a0 = 0;
    for (size_t s = 0; s < c->ns; s++) {
        double v = c->raw[chart_at(c, p->f, 0, s)];
        p->ang[s] = a0;
        if (!c->have[chart_at(c, p->f, 0, s)] || v <= 0)
            continue;
        double a1 = a0 + TAU * v / p->total;
        if (s == c->ns - 1 || a1 > TAU)
            a1 = a1 > TAU - 1e-6 ? TAU : a1;
        double args[5] = {cx, cy, r, a0, a1};
        cd_fill_series(c, cv, s, slice_path, args, cx - r, cy - r, 2 * r,
                       2 * r);
        a0 = a1;
    }
    p->ang[c->ns] = a0;
    canvas_set_stroke(cv, look_rgb(LOOK_WHITE), 1, 0.75);
    int nslices = 0;
    for (size_t s = 0; s < c->ns; s++)
        nslices += has_slice(c, p->f, s);
    if (nslices > 1) {
        for (size_t s = 0; s < c->ns; s++) {
            if (!has_slice(c, p->f, s))
                continue;
            canvas_move_to(cv, cx, cy);
            canvas_line_to(cv, cx + r * sin(p->ang[s]),
                           cy - r * cos(p->ang[s]));
        }
        canvas_stroke(cv);
    }
}

/* A donut's hole, with the total in it when it fits. */
static void draw_hole(const pie *p, canvas *cv, boxset *bs)
{
    canvas_set_fill(cv, look_rgb(LOOK_WHITE), 1);
    canvas_arc(cv, p->cx, p->cy, p->hole, 0, TAU);
    canvas_close_path(cv);
    canvas_fill(cv);
    buf b = BUF_INIT;
    buf_puts(&b, "計");
    fmt_number(&b, p->total, p->c->value_decimals);
    double tw = cd_text_w(cv->font, buf_cstr(&b), p->lfs);
    if (tw < p->hole * 1.6) {
        cd_text_mid(cv, p->cx, p->cy, p->lfs, 1, look_rgb(LOOK_INK),
                    buf_cstr(&b));
        cd_box_add(bs, p->cx - tw / 2, p->cy - p->th / 2, tw, p->th);
    }
    buf_free(&b);
}

/* Label t (tw wide) of slice s from sa to ea inside it, when its whole box
 * fits there and is free; returns 1 when drawn. */
static int label_inside(const pie *p, canvas *cv, boxset *bs, size_t s,
                        double sa, double ea, const char *t, double tw)
{
    double mid = (sa + ea) / 2, th = p->th;
    double rl = p->hole > 0 ? (p->hole + p->r) / 2 : p->r * 0.62;
    double lx = p->cx + rl * sin(mid) - tw / 2;
    double ly = p->cy - rl * cos(mid) - th / 2;
    if (!inside_slice(p->cx, p->cy, p->hole, p->r, sa, ea, lx, ly, tw, th) ||
        !cd_box_free(bs, lx, ly, tw, th))
        return 0;
    cd_value_text(cv, lx, ly + th / 2, p->lfs, 0, p->c->text_on[s],
                  cd_label_back(p->c, s), t);
    cd_box_add(bs, lx, ly, tw, th);
    return 1;
}

/* Label t outside the pie at angle mid, with a leader line, nudged up or
 * down when its place is taken; dropped when no place is free. */
static void label_outside(const pie *p, canvas *cv, boxset *bs, double mid,
                          const char *t, double tw)
{
    double cx = p->cx, cy = p->cy, r = p->r, th = p->th;
    int right = sin(mid) >= 0;
    double ex = cx + r * 1.1 * sin(mid), ey = cy - r * 1.1 * cos(mid);
    static const double nudge[] = {0, -1, 1, -2, 2};
    for (int n = 0; n < 5; n++) {
        double yy = ey - th / 2 + nudge[n] * th * 1.05;
        double xx = right ? ex + 2 : ex - 2 - tw;
        if (xx < p->px || xx + tw > p->px + p->pw || yy < p->top ||
            yy + th > p->top + p->ph)
            continue;
        if (!cd_box_free(bs, xx, yy, tw, th))
            continue;
        /* Keep clear of the pie itself. */
        if (!(right ? xx >= cx + 1 : xx + tw <= cx - 1) &&
            fabs(yy + th / 2 - cy) < r + th)
            continue;
        int clear = 1;
        double pts[4][2] = {{xx, yy}, {xx + tw, yy}, {xx, yy + th},
                            {xx + tw, yy + th}};
        for (int q = 0; q < 4; q++) {
            double dx = pts[q][0] - cx, dy = pts[q][1] - cy;
            if (sqrt(dx * dx + dy * dy) < r + 1)
                clear = 0;
        }
        if (!clear)
            continue;
        canvas_set_stroke(cv, look_rgb(LOOK_AXIS), 1, 0.5);
        canvas_move_to(cv, cx + r * sin(mid), cy - r * cos(mid));
        canvas_line_to(cv, right ? xx - 1 : xx + tw + 1, yy + th / 2);
        canvas_stroke(cv);
        cd_value_text(cv, xx, yy + th / 2, p->lfs, 0, look_rgb(LOOK_INK),
                      NULL, t);
        cd_box_add(bs, xx, yy, tw, th);
        return;
    }
    cd_value_omitted(cv);
}

/* The value labels, largest slices first so that small ones give way. */
static void draw_labels(const pie *p, canvas *cv, boxset *bs)
{
    const chart *c = p->c;
    size_t f = p->f;
    size_t *order = xcalloc(c->ns, sizeof *order);
    for (size_t s = 0; s < c->ns; s++)
        order[s] = s;
    for (size_t i = 1; i < c->ns; i++) {
        size_t v = order[i], j = i;
        while (j > 0 && c->raw[chart_at(c, f, 0, order[j - 1])] <
                            c->raw[chart_at(c, f, 0, v)]) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = v;
    }
    for (size_t k = 0; k < c->ns; k++) {
        size_t s = order[k];
        double v = c->raw[chart_at(c, f, 0, s)];
        if (!c->have[chart_at(c, f, 0, s)] || v <= 0)
            continue;
        double sa = p->ang[s], ea = sa + TAU * v / p->total;
        if (ea > TAU)
            ea = TAU;
        buf b = BUF_INIT;
        chart_value_label(c, &b, f, 0, s, v / p->total);
        const char *t = buf_cstr(&b);
        double tw = cd_text_w(cv->font, t, p->lfs);
        if (!label_inside(p, cv, bs, s, sa, ea, t, tw))
            label_outside(p, cv, bs, (sa + ea) / 2, t, tw);
        buf_free(&b);
    }
    free(order);
}

/* hole_share: the radius of a donut's hole as a share of the radius (0: a
 * pie). */
static void pie_panel(const chart *c, canvas *cv, const frame *F, size_t f,
                      double px, double top, double pw, double ph,
                      double hole_share)
{
    pie p = {.c = c, .f = f, .px = px, .top = top, .pw = pw, .ph = ph};
    if (pie_layout(&p, cv->font, F, hole_share) < 0)
        return;
    boxset bs = {0};
    p.ang = xcalloc(c->ns + 1, sizeof *p.ang);
    draw_slices(&p, cv);
    if (p.hole > 0)
        draw_hole(&p, cv, &bs);
    if (c->labels != LAB_OFF)
        draw_labels(&p, cv, &bs);
    free(p.ang);
    cd_boxset_free(&bs);
}

static void pie_draw(const chart *c, canvas *cv, const frame *F, size_t f,
                     double px, double top, double pw, double ph)
{
    pie_panel(c, cv, F, f, px, top, pw, ph, 0);
}

static void donut_draw(const chart *c, canvas *cv, const frame *F, size_t f,
                       double px, double top, double pw, double ph)
{
    pie_panel(c, cv, F, f, px, top, pw, ph, CHART_DONUT_HOLE);
}

const panel_ops chart_pie_ops = {
    .min_panel_w = 120,
    .natural_h = pie_natural_h,
    .min_h = pie_min_h,
    .draw = pie_draw,
};

const panel_ops chart_donut_ops = {
    .min_panel_w = 120,
    .natural_h = pie_natural_h,
    .min_h = pie_min_h,
    .draw = donut_draw,
};

/* ------------------------------------------------------------------ */
/* Alternative text: each panel's total, its largest and smallest slices */

chart_alt_fn chart_pie_alt, chart_donut_alt;

static void alt_slices(const chart *c, buf *b, const char *kind)
{
    buf_puts(b, kind);
    if (c->facet_col) {
        chart_alt_facets(c, b);
        buf_puts(b, "内訳を示す。");
    }
    for (size_t f = 0; f < c->nf; f++) {
        double tot = chart_bar_total(c, f, 0);
        size_t hi = c->ns, lo = c->ns;
        for (size_t s = 0; s < c->ns; s++) {
            if (!c->have[chart_at(c, f, 0, s)])
                continue;
            double v = c->raw[chart_at(c, f, 0, s)];
            if (hi == c->ns || v > c->raw[chart_at(c, f, 0, hi)])
                hi = s;
            if (lo == c->ns || v < c->raw[chart_at(c, f, 0, lo)])
                lo = s;
        }
        if (hi == c->ns || tot <= 0)
            continue;
        if (c->facet_col)
            buf_printf(b, "%sでは", c->facet_labels[f]);
        buf_puts(b, "合計");
        chart_alt_value(c, b, tot);
        buf_printf(b, "のうち%sが最も多く", c->series_labels[hi]);
        chart_alt_value(c, b, c->raw[chart_at(c, f, 0, hi)]);
        buf_puts(b, "（");
        fmt_percent(b, c->raw[chart_at(c, f, 0, hi)] / tot, 0);
        buf_puts(b, "）");
        if (lo != hi) {
            buf_printf(b, "、最も少ないのは%s（", c->series_labels[lo]);
            chart_alt_value(c, b, c->raw[chart_at(c, f, 0, lo)]);
            buf_puts(b, "、");
            fmt_percent(b, c->raw[chart_at(c, f, 0, lo)] / tot, 0);
            buf_puts(b, "）");
        }
        buf_puts(b, "。");
    }
}

void chart_pie_alt(const chart *c, buf *b) { alt_slices(c, b, "円グラフ。"); }

void chart_donut_alt(const chart *c, buf *b)
{
    alt_slices(c, b, "ドーナツグラフ。");
}
