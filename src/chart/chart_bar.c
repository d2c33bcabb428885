/* chart_bar: the bar types (stacked-bar-100, stacked-bar, grouped-bar and
 * bar): one panel of bars, and their alternative text.  stacked-bar-100
 * drawn horizontally over years has its own layout (b100_ops: the 0-100%
 * axis, era year labels); every other bar chart, horizontal or vertical,
 * stacked or grouped, goes through chart_bar_ops with a nice value axis,
 * laid out once in value and category space and mapped to the page by its
 * orientation.  Reached through the rows of chart_types.c.  See
 * docs/charts.md for the rules of value labels. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart_impl.h"
#include "format.h"
#include "xalloc.h"

#define LABEL_PAD 2.0

/* ------------------------------------------------------------------ */
/* stacked-bar-100, horizontal */

static double b100_axis_h(const frame *F)
{
    return F->fs * 0.35 + F->tick_fs * 1.4;
}

static double max_label_w(const chart *c, const font *fo, double fs)
{
    double m = 0;
    for (size_t x = 0; x < c->nx; x++) {
        double tw = cd_text_w(fo, c->x_short[x], fs);
        if (tw > m)
            m = tw;
    }
    return m;
}

static double b100_natural_h(const chart *c, const font *fo, const frame *F,
                             double pw)
{
    (void)fo;
    (void)pw;
    return F->head_h + (double)c->nx * F->fs * 2.0 + b100_axis_h(F);
}

static double b100_pitch(const chart *c, const frame *F)
{
    (void)c;
    return F->fs * 1.2;
}

static double b100_min_h(const chart *c, const font *fo, const frame *F,
                         double pw)
{
    (void)fo;
    (void)pw;
    return F->head_h + (double)c->nx * b100_pitch(c, F) + b100_axis_h(F);
}

static void b100_draw(const chart *c, canvas *cv, const frame *F, size_t f,
                      double px, double top, double pw, double ph)
{
    const font *fo = cv->font;
    double fs = F->fs, tfs = F->tick_fs;
    double axis_h = b100_axis_h(F);
    if (ph <= axis_h)
        return; /* a box too small for anything but the legend */
    double half0 = cd_text_w(fo, "0%", tfs) / 2;
    double half100 = cd_text_w(fo, "100%", tfs) / 2;
    double lab_w = max_label_w(c, fo, tfs) + fs * 0.5;
    double x0 = px + (lab_w > half0 ? lab_w : half0);
    double x1 = px + pw - half100 - 1;
    double pw_plot = x1 - x0;
    double bars_h = ph - axis_h;
    if (pw_plot <= 0 || bars_h <= 0)
        return;
    double pitch = c->nx ? bars_h / (double)c->nx : 0;
    double thick = pitch * 0.65;
    double lfs = tfs;
    if (lfs * (cd_ascent(fo) + cd_descent(fo)) > thick)
        lfs = thick / (cd_ascent(fo) + cd_descent(fo));
    for (size_t x = 0; x < c->nx; x++) {
        double by = top + pitch * (double)x + (pitch - thick) / 2;
        double mid = by + thick / 2;
        cd_text_mid(cv, x0 - fs * 0.4, mid, tfs, 2, look_rgb(LOOK_INK),
                    c->x_short[x]);
        double total = chart_bar_total(c, f, x);
        if (total <= 0)
            continue;
        double cum = 0;
        size_t last = 0;
        for (size_t s = 0; s < c->ns; s++)
            if (c->have[chart_at(c, f, x, s)] &&
                c->raw[chart_at(c, f, x, s)] > 0)
                last = s;
        double sx = x0;
        for (size_t s = 0; s < c->ns; s++) {
            double v = c->raw[chart_at(c, f, x, s)];
            if (!c->have[chart_at(c, f, x, s)] || v <= 0)
                continue;
            cum += v;
            double ex = s == last ? x1 : x0 + pw_plot * (cum / total);
            double segw = ex - sx;
            double r[4] = {sx, by, segw, thick};
            cd_fill_series(c, cv, s, cd_rect_path, r, sx, by, segw, thick);
            if (sx > x0) { /* hairline at the segment's left edge */
                canvas_set_stroke(cv, look_rgb(LOOK_WHITE), 1, 0.75);
                canvas_move_to(cv, sx, by);
                canvas_line_to(cv, sx, by + thick);
                canvas_stroke(cv);
            }
            if (c->labels != LAB_OFF) {
                buf b = BUF_INIT;
                chart_value_label(c, &b, f, x, s, v / total);
                double tw = cd_text_w(fo, buf_cstr(&b), lfs);
                if (tw + 2 * LABEL_PAD <= segw && lfs >= CHART_TEXT_FLOOR)
                    cd_value_text(cv, sx + segw / 2, mid, lfs, 1,
                                  c->text_on[s], cd_label_back(c, s),
                                  buf_cstr(&b));
                else
                    cd_value_omitted(cv);
                buf_free(&b);
            }
            sx = ex;
        }
    }
    /* Axis: baseline, ticks at 0..100% and their labels. */
    double ay = top + bars_h;
    canvas_set_stroke(cv, look_rgb(LOOK_AXIS), 1, 0.5);
    canvas_move_to(cv, x0, ay);
    canvas_line_to(cv, x1, ay);
    canvas_stroke(cv);
    double tick = fs * 0.35;
    for (int i = 0; i <= 5; i++) {
        double tx = x0 + pw_plot * i / 5.0;
        canvas_move_to(cv, tx, ay);
        canvas_line_to(cv, tx, ay + tick);
    }
    canvas_stroke(cv);
    double tby = ay + tick + tfs * cd_ascent(fo) + tfs * 0.05;
    for (int i = 0; i <= 5; i++) {
        buf b = BUF_INIT;
        buf_printf(&b, "%d%%", i * 20);
        cd_text(cv, x0 + pw_plot * i / 5.0, tby, tfs, 1, look_rgb(LOOK_AXIS),
                buf_cstr(&b));
        buf_free(&b);
    }
}

static const panel_ops b100_ops = {
    .min_panel_w = 150,
    .natural_h = b100_natural_h,
    .min_h = b100_min_h,
    .pitch = b100_pitch,
    .draw = b100_draw,
};

/* ------------------------------------------------------------------ */
/* Every other bar chart: one panel in value and category space */

static int is_stacked(const chart *c) { return c->type->stacked; }

/* The largest bar (stacked) or value over every panel: one scale for all. */
static double bar_max(const chart *c)
{
    double max = 0;
    for (size_t f = 0; f < c->nf; f++)
        for (size_t x = 0; x < c->nx; x++) {
            if (is_stacked(c)) {
                double t = 0;
                for (size_t s = 0; s < c->ns; s++)
                    if (c->have[chart_at(c, f, x, s)] &&
                        c->val[chart_at(c, f, x, s)] > 0)
                        t += c->val[chart_at(c, f, x, s)];
                max = fmax(max, t);
            } else {
                for (size_t s = 0; s < c->ns; s++)
                    if (c->have[chart_at(c, f, x, s)])
                        max = fmax(max, c->val[chart_at(c, f, x, s)]);
            }
        }
    return max;
}

/* Shares of their bar run 0-100% in steps of 20%. */
static const axis shares_axis = {
    .lo = 0, .hi = 1, .step = 0.2, .decimals = 0, .percent = 1};

static double line_h(double size) { return size * 1.2; }

/* Bar pitch for n series: stacked bars take one bar per pitch. */
static double min_pitch(const chart *c, const frame *F)
{
    if (is_stacked(c) || c->ns == 1)
        return F->fs * 1.2;
    return F->tick_fs * 0.55 * (double)c->ns + F->fs * 0.5;
}

static double natural_pitch(const chart *c, const frame *F)
{
    if (is_stacked(c) || c->ns == 1)
        return F->fs * 2.0;
    return F->fs * (0.8 * (double)c->ns + 0.8);
}

/* The layout of one panel.  v is a position along the value axis, k one
 * across the categories; the orientation (bar_orient) maps them to the
 * page: horizontal bars run v along x and k down y, vertical bars v up y
 * and k along x. */
typedef struct bar_panel {
    const chart *c;
    size_t f;
    double px, top, pw, ph; /* the panel */
    double x0, x1, y0, y1;  /* the plot */
    axis a;
    size_t nticks;
    double v_from, v_len; /* page position of a.lo, and a.lo to a.hi */
    double k0, k1;        /* the categories' extent across */
    double band, group, thick; /* per category, its bars, one bar */
    int stacked;
    size_t per;     /* bars per category */
    double lfs;     /* value label size */
    double asc, desc;
    double lab_w;   /* horizontal: the category label column */
    vaxis va;       /* vertical: the axis shared with lines */
} bar_panel;

/* Where the value label t of grouped bars goes: the page rectangles of
 * every bar of the panel (rects[x * ns + s], width 0 for a bar without
 * data), the label's bar at (its category x, its series s). */
typedef void (*bar_label_fn)(const bar_panel *p, canvas *cv, boxset *bs,
                             const double (*rects)[4], size_t x, size_t s,
                             const char *t);

/* What differs between horizontal and vertical bars. */
typedef struct bar_orient {
    /* Fills the plot and axis of p (panel set); -1 when nothing fits. */
    int (*layout)(bar_panel *p, const font *fo, const frame *F);
    /* The value axis and the category labels. */
    void (*axis)(const bar_panel *p, canvas *cv, const frame *F, boxset *bs);
    /* The page rectangle of a bar from p0 to p1 along, k to k + w across. */
    void (*rect)(double p0, double p1, double k, double w, double r[4]);
    /* A line across at v, from k0 to k1. */
    void (*across)(canvas *cv, double v, double k0, double k1);
    bar_label_fn grouped_label; /* a value label of grouped bars */
    /* Value labels lie across the bars: their size fits a bar's
     * thickness. */
    int labels_across;
} bar_orient;

static double vpos(const bar_panel *p, double v)
{
    return p->v_from + p->v_len * ((v - p->a.lo) / (p->a.hi - p->a.lo));
}

/* A value label of size lfs whose box is (x, y, w, h) drawn if it lies
 * inside the clip and keeps the gap from every label already placed
 * (cd_box_free); on a plain box of *back when back is not NULL; returns
 * 1 when drawn. */
static int place_label(canvas *cv, boxset *bs, double x, double y, double w,
                       double h, double lfs, rgb colour, const rgb *back,
                       const char *s, double clipx0, double clipy0,
                       double clipx1, double clipy1)
{
    if (x < clipx0 - 1e-9 || y < clipy0 - 1e-9 || x + w > clipx1 + 1e-9 ||
        y + h > clipy1 + 1e-9)
        return 0;
    if (!cd_box_free(bs, x, y, w, h))
        return 0;
    cd_value_text(cv, x, y + h / 2, lfs, 0, colour, back, s);
    cd_box_add(bs, x, y, w, h);
    return 1;
}

/* Stacked: inside the segment, or nowhere. */
static void label_inside(const bar_panel *p, canvas *cv, boxset *bs,
                         const double r[4], const char *t, size_t s)
{
    const chart *c = p->c;
    double vfs = p->lfs;
    double tw = cd_text_w(cv->font, t, vfs), th = vfs * (p->asc + p->desc);
    if (!(tw + 2 * LABEL_PAD <= r[2] && th <= r[3] + 1e-9 &&
          vfs >= CHART_TEXT_FLOOR &&
          place_label(cv, bs, r[0] + (r[2] - tw) / 2, r[1] + (r[3] - th) / 2,
                      tw, th, vfs, c->text_on[s], cd_label_back(c, s), t,
                      r[0], r[1], r[0] + r[2], r[1] + r[3])))
        cd_value_omitted(cv);
}

/* Grouped horizontal: outside after the bar's end; inside its end when
 * the panel has no room; else dropped. */
static void label_after(const bar_panel *p, canvas *cv, boxset *bs,
                        const double (*rects)[4], size_t x, size_t s,
                        const char *t)
{
    const chart *c = p->c;
    const double *r = rects[x * c->ns + s];
    double vfs = p->lfs;
    double tw = cd_text_w(cv->font, t, vfs), th = vfs * (p->asc + p->desc);
    if (vfs < CHART_TEXT_FLOOR) {
        cd_value_omitted(cv);
        return;
    }
    if (!place_label(cv, bs, r[0] + r[2] + LABEL_PAD, r[1] + (r[3] - th) / 2,
                     tw, th, vfs, look_rgb(LOOK_INK), NULL, t, p->x0, p->y0,
                     p->px + p->pw, p->y1) &&
        !(tw + 2 * LABEL_PAD <= r[2] &&
          place_label(cv, bs, r[0] + r[2] - LABEL_PAD - tw,
                      r[1] + (r[3] - th) / 2, tw, th, vfs, c->text_on[s],
                      cd_label_back(c, s), t, r[0], r[1], r[0] + r[2],
                      r[1] + r[3])))
        cd_value_omitted(cv);
}

static int overlaps(double x, double y, double w, double h, const double *r)
{
    return x < r[0] + r[2] && r[0] < x + w && y < r[1] + r[3] &&
           r[1] < y + h;
}

/* Grouped vertical: above the bar, once all bars are drawn: at the tick
 * size, centred over the bar (else reaching right from its left edge,
 * else left from its right edge), CHART_LABEL_GAP above it and above
 * every bar it reaches over (a neighbour at most one label's height
 * taller), where the label keeps the gap from every label placed.  So
 * labels that would crowd are thinned out (grouped_labels gives the
 * order); a label is shrunk (down to CHART_TEXT_FLOOR) only when it is
 * wider than its whole group of bars; the others are left out (and
 * counted, for the alternative text). */
static void label_above(const bar_panel *p, canvas *cv, boxset *bs,
                        const double (*rects)[4], size_t x, size_t s,
                        const char *t)
{
    const chart *c = p->c;
    const font *fo = cv->font;
    const double *r = rects[x * c->ns + s];
    size_t nr = c->nx * c->ns;
    double vfs = p->lfs, tw = cd_text_w(fo, t, vfs);
    if (tw > p->group && vfs > CHART_TEXT_FLOOR) {
        vfs = fmax(CHART_TEXT_FLOOR, vfs * p->group / tw);
        tw = cd_text_w(fo, t, vfs);
    }
    double th = vfs * (p->asc + p->desc);
    double cand[3] = {r[0] + r[2] / 2 - tw / 2, r[0], r[0] + r[2] - tw};
    for (int q = 0; q < 3 && tw <= p->group + 1e-9; q++) {
        double lx = cand[q];
        /* above its bar, and above any bar it reaches over, but not by
         * more than its own height: a label floating higher would seem
         * to belong to the taller bar */
        double own = r[1] - CHART_LABEL_GAP - th, ly = own;
        for (size_t j = 0; j < nr; j++)
            if (rects[j][2] > 0 && overlaps(lx, -1e300, tw, 2e300, rects[j]))
                ly = fmin(ly, rects[j][1] - CHART_LABEL_GAP - th);
        if (own - ly <= th + 1e-9 &&
            place_label(cv, bs, lx, ly, tw, th, vfs, look_rgb(LOOK_INK),
                        NULL, t, p->px, p->top, p->x1, p->y1))
            return;
    }
    cd_value_omitted(cv);
}

/* The value labels of grouped bars, once all bars are drawn: each
 * category's labels claim their room in cd_label_order (the newest year
 * first, then the oldest, then the others), through the orientation's
 * label function. */
static void grouped_labels(const bar_panel *p, bar_label_fn label,
                           canvas *cv, boxset *bs, const double (*rects)[4])
{
    const chart *c = p->c;
    size_t *order = xmalloc(c->ns * sizeof *order);
    cd_label_order(c, order);
    for (size_t x = 0; x < c->nx; x++)
        for (size_t k = 0; k < c->ns; k++) {
            size_t s = order[k], i = chart_at(c, p->f, x, s);
            if (!c->have[i])
                continue;
            buf b = BUF_INIT;
            double tot = chart_bar_total(c, p->f, x);
            chart_value_label(c, &b, p->f, x, s,
                              tot > 0 ? c->raw[i] / tot : 0);
            label(p, cv, bs, rects, x, s, buf_cstr(&b));
            buf_free(&b);
        }
    free(order);
}

/* ---- Horizontal bars: categories down the left, values along x ---- */

/* Height of the tick-label row plus the unit row. */
static double h_axis_h(const chart *c, const frame *F)
{
    double h = F->fs * 0.35 + F->tick_fs * 1.4;
    if (*c->unit)
        h += F->tick_fs * 1.3;
    return h;
}

/* Category label width on the left of horizontal bars. */
static double h_label_w(const chart *c, const font *fo, const frame *F,
                        double pw)
{
    double m = 0;
    for (size_t x = 0; x < c->nx; x++)
        m = fmax(m, cd_text_w(fo, c->x_short[x], F->tick_fs));
    double cap = pw * 0.38;
    return (m < cap ? m : cap) + F->fs * 0.4;
}

static double h_natural_h(const chart *c, const font *fo, const frame *F,
                          double pw)
{
    double lw = h_label_w(c, fo, F, pw) - F->fs * 0.4;
    size_t n = cd_max_lines(c, fo, F->tick_fs, lw, 3);
    double p = fmax(natural_pitch(c, F),
                    (double)n * line_h(F->tick_fs) + F->fs * 0.6);
    return (double)c->nx * p + h_axis_h(c, F);
}

static double h_min_h(const chart *c, const font *fo, const frame *F,
                      double pw)
{
    (void)fo;
    (void)pw;
    return (double)c->nx * min_pitch(c, F) + h_axis_h(c, F);
}

/* Half the width of tick label v at size. */
static double half_tick_w(const axis *a, const font *fo, double v,
                          double size)
{
    buf b = BUF_INIT;
    cd_tick_label(a, v, &b);
    double w = cd_text_w(fo, buf_cstr(&b), size) / 2;
    buf_free(&b);
    return w;
}

static int h_layout(bar_panel *p, const font *fo, const frame *F)
{
    const chart *c = p->c;
    double tfs = F->tick_fs;
    if (c->type->shares)
        p->a = shares_axis;
    else
        cd_axis(0, bar_max(c), c->normalise, &p->a);
    p->lab_w = h_label_w(c, fo, F, p->pw);
    p->x0 = p->px + fmax(p->lab_w, half_tick_w(&p->a, fo, p->a.lo, tfs));
    p->x1 = p->px + p->pw - half_tick_w(&p->a, fo, p->a.hi, tfs) - 1;
    p->y0 = p->top;
    p->y1 = p->top + p->ph - h_axis_h(c, F);
    if (p->x1 - p->x0 <= 0 || p->y1 - p->y0 <= 0)
        return -1;
    /* Fewer ticks when their labels would crowd the axis. */
    if (!c->type->shares)
        cd_axis_fit(0, bar_max(c), c->normalise, fo, tfs, p->x1 - p->x0, 1,
                    &p->a);
    p->nticks = (size_t)floor((p->a.hi - p->a.lo) / p->a.step + 0.5) + 1;
    p->x1 = p->px + p->pw - half_tick_w(&p->a, fo, p->a.hi, tfs) - 1;
    if (p->x1 - p->x0 <= 0)
        return -1;
    p->v_from = p->x0;
    p->v_len = p->x1 - p->x0;
    p->k0 = p->y0;
    p->k1 = p->y1;
    return 0;
}

static void h_rect(double p0, double p1, double k, double w, double r[4])
{
    r[0] = p0;
    r[1] = k;
    r[2] = p1 - p0;
    r[3] = w;
}

static void h_across(canvas *cv, double v, double k0, double k1)
{
    canvas_move_to(cv, v, k0);
    canvas_line_to(cv, v, k1);
}

/* Grid lines and tick labels under the plot, the unit at its bottom
 * right, and the category labels, wrapped, right-aligned on the left. */
static void h_axis(const bar_panel *p, canvas *cv, const frame *F, boxset *bs)
{
    const chart *c = p->c;
    const font *fo = cv->font;
    double fs = F->fs, tfs = F->tick_fs;
    canvas_set_stroke(cv, look_rgb(LOOK_GRID), 1, 0.5);
    for (size_t i = 1; i < p->nticks; i++)
        h_across(cv, vpos(p, p->a.lo + p->a.step * (double)i), p->y0, p->y1);
    canvas_stroke(cv);
    for (size_t i = 0; i < p->nticks; i++) {
        double v = p->a.lo + p->a.step * (double)i, x = vpos(p, v);
        buf b = BUF_INIT;
        cd_tick_label(&p->a, v, &b);
        double tw = cd_text_w(fo, buf_cstr(&b), tfs);
        double ty = p->y1 + fs * 0.35;
        cd_text(cv, x, ty + tfs * p->asc + tfs * 0.05, tfs, 1,
                look_rgb(LOOK_AXIS), buf_cstr(&b));
        cd_box_add(bs, x - tw / 2, ty, tw, tfs * (p->asc + p->desc));
        buf_free(&b);
    }
    if (*c->unit) {
        double unit_h = tfs * 1.3;
        buf b = BUF_INIT;
        buf_printf(&b, "（%s）", c->unit);
        double tw = cd_text_w(fo, buf_cstr(&b), tfs);
        double uy = p->top + p->ph - unit_h;
        cd_text_mid(cv, p->x1, uy + unit_h / 2, tfs, 2, look_rgb(LOOK_AXIS),
                    buf_cstr(&b));
        cd_box_add(bs, p->x1 - tw, uy, tw, unit_h);
        buf_free(&b);
    }
    for (size_t x = 0; x < c->nx; x++) {
        double mid = p->y0 + p->band * ((double)x + 0.5);
        /* As many lines as the band holds; a band lower than one line
         * takes a smaller font, so labels never overlap. */
        double cfs = fmin(tfs, p->band / 1.2);
        double lines = floor(p->band / line_h(cfs)); /* may be huge */
        size_t maxl = lines >= 3 ? 3 : lines >= 2 ? 2 : 1;
        if (cfs >= 3)
            cd_wrapped(c, cv, bs, c->x_short[x], cfs, p->lab_w - fs * 0.4, maxl,
                       p->x0 - fs * 0.4, 2, mid, 0);
    }
}

static const bar_orient horizontal_bars = {
    .layout = h_layout,
    .axis = h_axis,
    .rect = h_rect,
    .across = h_across,
    .grouped_label = label_after,
    .labels_across = 1,
};

/* ---- Vertical bars: categories along the bottom, values up y ---- */

/* The vertical value axis as bars draw it (lines: chart_line.c). */
static vaxis_style v_style(const frame *F)
{
    return (vaxis_style){
        .right = 1,
        .top = F->tick_fs * 0.6, /* room for the top tick label */
        .tick_h = line_h(F->tick_fs),
        .label_pad = F->tick_fs * 0.2,
        .label_lines = 3,
        .first_grid = 1,
    };
}

static double v_natural_h(const chart *c, const font *fo, const frame *F,
                          double pw)
{
    vaxis_style st = v_style(F);
    return pw * 0.55 + cd_vaxis_labels_h(c, fo, F, &st, pw) +
           (*c->unit ? F->tick_fs * 1.3 : 0);
}

static double v_min_h(const chart *c, const font *fo, const frame *F,
                      double pw)
{
    vaxis_style st = v_style(F);
    return cd_vaxis_labels_h(c, fo, F, &st, pw) + F->fs * 5 +
           (*c->unit ? F->tick_fs * 1.3 : 0);
}

static int v_layout(bar_panel *p, const font *fo, const frame *F)
{
    const chart *c = p->c;
    vaxis_style st = v_style(F);
    vaxis *va = &p->va;
    va->px = p->px;
    va->top = p->top;
    va->pw = p->pw;
    va->ph = p->ph;
    if (cd_vaxis_layout(c, fo, F, &st, 0, bar_max(c),
                        c->type->shares ? &shares_axis : NULL, va) < 0)
        return -1;
    p->a = va->a;
    p->nticks = va->nticks;
    p->x0 = va->x0;
    p->x1 = va->x1;
    p->y0 = va->y0;
    p->y1 = va->y1;
    p->v_from = p->y1;
    p->v_len = -(p->y1 - p->y0);
    p->k0 = p->x0;
    p->k1 = p->x1;
    return 0;
}

static void v_rect(double p0, double p1, double k, double w, double r[4])
{
    r[0] = k;
    r[1] = p1;
    r[2] = w;
    r[3] = p0 - p1;
}

static void v_across(canvas *cv, double v, double k0, double k1)
{
    canvas_move_to(cv, k0, v);
    canvas_line_to(cv, k1, v);
}

static void v_axis(const bar_panel *p, canvas *cv, const frame *F, boxset *bs)
{
    vaxis_style st = v_style(F);
    cd_vaxis_draw(p->c, cv, F, &st, &p->va, bs);
}

static const bar_orient vertical_bars = {
    .layout = v_layout,
    .axis = v_axis,
    .rect = v_rect,
    .across = v_across,
    .grouped_label = label_above,
    .labels_across = 0,
};

/* ---- The panel ---- */

/* The bars of every category: filled segments (stacked) or bars side by
 * side (grouped), white hairlines between segments, value labels. */
static void draw_bars(const bar_panel *p, const bar_orient *o, canvas *cv,
                      boxset *bs)
{
    const chart *c = p->c;
    /* Grouped bars: labels after all bars, most prominent first; the
     * rectangle of every bar. */
    double(*rects)[4] =
        p->stacked ? NULL : xcalloc(c->nx * c->ns, sizeof *rects);
    for (size_t x = 0; x < c->nx; x++) {
        double start =
            p->k0 + p->band * (double)x + (p->band - p->group) / 2;
        double cum = 0;
        for (size_t s = 0; s < c->ns; s++) {
            size_t i = chart_at(c, p->f, x, s);
            if (!c->have[i])
                continue;
            double v = c->val[i];
            if (p->stacked && v <= 0)
                continue;
            double from = p->stacked ? cum : 0, to = from + v;
            cum = to;
            double p0 = vpos(p, from), p1 = vpos(p, to);
            double k = start + (p->stacked ? 0 : p->thick * (double)s);
            double r[4];
            o->rect(p0, p1, k, p->thick, r);
            cd_fill_series(c, cv, s, cd_rect_path, r, r[0], r[1], r[2], r[3]);
            if (p->stacked && from > 0) { /* white hairline between segments */
                canvas_set_stroke(cv, look_rgb(LOOK_WHITE), 1, 0.75);
                o->across(cv, p0, k, k + p->thick);
                canvas_stroke(cv);
            }
            if (rects) {
                memcpy(rects[x * c->ns + s], r, sizeof r);
                continue;
            }
            if (c->labels == LAB_OFF)
                continue;
            buf b = BUF_INIT;
            double tot = chart_bar_total(c, p->f, x);
            chart_value_label(c, &b, p->f, x, s,
                              tot > 0 ? c->raw[i] / tot : 0);
            label_inside(p, cv, bs, r, buf_cstr(&b), s);
            buf_free(&b);
        }
    }
    if (rects && c->labels != LAB_OFF)
        grouped_labels(p, o->grouped_label, cv, bs,
                       (const double(*)[4])rects);
    free(rects);
}

static void bar_draw(const bar_orient *o, const chart *c, canvas *cv,
                     const frame *F, size_t f, double px, double top,
                     double pw, double ph)
{
    const font *fo = cv->font;
    bar_panel p = {.c = c, .f = f, .px = px, .top = top, .pw = pw, .ph = ph};
    p.asc = cd_ascent(fo);
    p.desc = cd_descent(fo);
    if (o->layout(&p, fo, F) < 0)
        return;
    p.stacked = is_stacked(c);
    p.per = p.stacked ? 1 : c->ns;
    p.band = (p.k1 - p.k0) / (double)c->nx;
    p.group = p.band * (p.stacked || p.per == 1 ? 0.65 : 0.8);
    p.thick = p.group / (double)p.per;
    p.lfs = F->tick_fs;
    if (o->labels_across && p.lfs * (p.asc + p.desc) > p.thick)
        p.lfs = p.thick / (p.asc + p.desc);
    boxset bs = {0};
    /* Category labels first, so value labels keep clear of them. */
    o->axis(&p, cv, F, &bs);
    draw_bars(&p, o, cv, &bs);
    /* Baseline. */
    canvas_set_stroke(cv, look_rgb(LOOK_AXIS), 1, 0.75);
    o->across(cv, vpos(&p, 0 > p.a.lo ? 0 : p.a.lo), p.k0, p.k1);
    canvas_stroke(cv);
    cd_boxset_free(&bs);
}

static void h_bar_draw(const chart *c, canvas *cv, const frame *F, size_t f,
                       double px, double top, double pw, double ph)
{
    bar_draw(&horizontal_bars, c, cv, F, f, px, top, pw, ph);
}

static void v_bar_draw(const chart *c, canvas *cv, const frame *F, size_t f,
                       double px, double top, double pw, double ph)
{
    bar_draw(&vertical_bars, c, cv, F, f, px, top, pw, ph);
}

static const panel_ops h_bar_ops = {
    .min_panel_w = 150,
    .natural_h = h_natural_h,
    .min_h = h_min_h,
    .pitch = min_pitch,
    .draw = h_bar_draw,
};

/* The most categories whose labels show their first character in the
 * slots of a panel pw wide (cd_vaxis_draw wraps them at 0.96 of a
 * slot). */
static size_t v_most_across(const chart *c, const font *fo, const frame *F,
                            double pw)
{
    bar_panel p = {.c = c, .pw = pw, .ph = 1e6};
    double first = cd_first_char_w(c, fo, F->tick_fs);
    if (v_layout(&p, fo, F) < 0)
        return 0;
    if (first <= 0)
        return c->nx;
    double n = floor((p.x1 - p.x0) * 0.96 / first);
    return n > 0 ? (size_t)n : 0;
}

static const panel_ops v_bar_ops = {
    .min_panel_w = 150,
    .natural_h = v_natural_h,
    .min_h = v_min_h,
    .most_across = v_most_across,
    .draw = v_bar_draw,
};

/* The orientation is chosen here, once. */
static const panel_ops *bar_pick(const chart *c)
{
    return c->horizontal ? &h_bar_ops : &v_bar_ops;
}

const panel_ops chart_bar_ops = {.pick = bar_pick};

/* ------------------------------------------------------------------ */
/* stacked-bar-100: horizontal bars of years keep the compact 0-100%
 * layout of the status slides; other categories need wrapped labels, and
 * vertical bars the common panel. */

static const panel_ops *s100_pick(const chart *c)
{
    return c->horizontal && c->x_is_year ? &b100_ops : &chart_bar_ops;
}

const panel_ops chart_stacked100_ops = {.pick = s100_pick};

/* ------------------------------------------------------------------ */
/* Alternative text */

chart_alt_fn chart_stacked100_alt, chart_stacked_alt, chart_grouped_alt;

static int bar_has_data(const chart *c, size_t f, size_t x)
{
    return chart_bar_total(c, f, x) > 0;
}

/* The latest bar with data in facet f: the greatest year for year axes,
 * otherwise the last bar in key order; nx when none. */
static size_t latest_bar(const chart *c, size_t f)
{
    size_t best = c->nx;
    for (size_t x = 0; x < c->nx; x++) {
        if (!bar_has_data(c, f, x))
            continue;
        if (best == c->nx)
            best = x;
        else if (c->x_is_year ? c->x_year[x] > c->x_year[best] : 1)
            best = x;
    }
    return best;
}

static size_t largest_segment(const chart *c, size_t f, size_t x)
{
    size_t best = 0;
    for (size_t s = 1; s < c->ns; s++)
        if (c->val[chart_at(c, f, x, s)] > c->val[chart_at(c, f, x, best)])
            best = s;
    return best;
}

void chart_stacked100_alt(const chart *c, buf *b)
{
    buf_puts(b, c->horizontal ? "100%積み上げ横棒グラフ。"
                              : "100%積み上げ縦棒グラフ。");
    chart_alt_facets(c, b);
    if (c->nx > 1) {
        chart_alt_x_range(c, b);
        buf_puts(b, "を比較。");
    } else if (c->nx == 1) {
        buf_printf(b, "%sの内訳。", c->x_long[0]);
    }
    /* Per facet: the latest bar's largest segment. */
    size_t *lx = xmalloc(c->nf * sizeof *lx), *ls = xmalloc(c->nf * sizeof *ls);
    int same_bar = 1, same_series = 1;
    for (size_t f = 0; f < c->nf; f++) {
        lx[f] = latest_bar(c, f);
        ls[f] = lx[f] < c->nx ? largest_segment(c, f, lx[f]) : 0;
        if (f && lx[f] != lx[0])
            same_bar = 0;
        if (f && ls[f] != ls[0])
            same_series = 0;
    }
    if (same_bar && same_series && lx[0] < c->nx) {
        buf_printf(b, "%sの%sは", c->x_long[lx[0]], c->series_labels[ls[0]]);
        for (size_t f = 0; f < c->nf; f++) {
            if (f)
                buf_puts(b, "、");
            buf_puts(b, c->facet_labels[f]);
            fmt_percent(b, c->val[chart_at(c, f, lx[f], ls[f])], 0);
        }
        buf_puts(b, "。");
    } else {
        int first = 1;
        for (size_t f = 0; f < c->nf; f++) {
            if (lx[f] >= c->nx)
                continue;
            if (first && same_bar)
                buf_printf(b, "%sに最も大きい区分は、", c->x_long[lx[f]]);
            else if (first)
                buf_puts(b, "最も大きい区分は、");
            else
                buf_puts(b, "、");
            first = 0;
            if (c->facet_col && same_bar)
                buf_printf(b, "%sでは", c->facet_labels[f]);
            else if (c->facet_col)
                buf_printf(b, "%sの%sでは", c->facet_labels[f],
                           c->x_long[lx[f]]);
            buf_printf(b, "%s（", c->series_labels[ls[f]]);
            fmt_percent(b, c->val[chart_at(c, f, lx[f], ls[f])], 0);
            buf_puts(b, "）");
        }
        if (!first)
            buf_puts(b, "。");
    }
    free(lx);
    free(ls);
}

/* The bars compared, then the trend over the years unless the values are
 * shares. */
static void alt_bars(const chart *c, buf *b)
{
    chart_alt_compare(c, b, "を比較。");
    if (!c->normalise)
        chart_alt_trend(c, b);
}

void chart_stacked_alt(const chart *c, buf *b)
{
    buf_printf(b, "積み上げ%s棒グラフ。", c->horizontal ? "横" : "縦");
    alt_bars(c, b);
}

void chart_grouped_alt(const chart *c, buf *b)
{
    const char *dir = c->horizontal ? "横" : "縦";
    if (c->ns > 1)
        buf_printf(b, "集合%s棒グラフ。", dir);
    else
        buf_printf(b, "%s棒グラフ。", dir);
    alt_bars(c, b);
}
