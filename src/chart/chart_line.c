/* chart_line: the line type: one line per series over the categories of x
 * (survey years in year order), on the vertical value axis of chart_axis.c
 * with one scale for every panel; and its alternative text.  Each series
 * has its own marker shape (circle, square, triangle, diamond) so that the
 * lines stay apart without colour; with patterns: on they are also dashed
 * differently.  Value labels go above their point, or below it when that
 * place is taken, or are dropped. */
#include <math.h>
#include <stdlib.h>

#include "chart_impl.h"
#include "format.h"

#define TAU 6.283185307179586

static double line_natural_h(const chart *c, const font *fo, const frame *F,
                             double pw)
{
    (void)c;
    (void)fo;
    return pw * 0.45 + F->tick_fs * 1.6;
}

static double line_min_h(const chart *c, const font *fo, const frame *F,
                         double pw)
{
    (void)c;
    (void)fo;
    (void)pw;
    return F->fs * 6;
}

static void marker(canvas *cv, int kind, double x, double y, double m)
{
    switch (kind % 4) {
    case 0:
        canvas_arc(cv, x, y, m, 0, TAU);
        canvas_close_path(cv);
        break;
    case 1:
        canvas_rect(cv, x - m * 0.9, y - m * 0.9, m * 1.8, m * 1.8);
        break;
    case 2:
        canvas_move_to(cv, x, y - m * 1.2);
        canvas_line_to(cv, x + m * 1.1, y + m * 0.8);
        canvas_line_to(cv, x - m * 1.1, y + m * 0.8);
        canvas_close_path(cv);
        break;
    default:
        canvas_move_to(cv, x, y - m * 1.25);
        canvas_line_to(cv, x + m * 1.1, y);
        canvas_line_to(cv, x, y + m * 1.25);
        canvas_line_to(cv, x - m * 1.1, y);
        canvas_close_path(cv);
        break;
    }
}

/* The range of every value of the chart (one scale for all panels),
 * with 0. */
static void value_range(const chart *c, double *lo, double *hi)
{
    int any = 0;
    *lo = *hi = 0;
    for (size_t i = 0; i < c->nf * c->nx * c->ns; i++)
        if (c->have[i]) {
            *lo = any ? fmin(*lo, c->val[i]) : fmin(0, c->val[i]);
            *hi = any ? fmax(*hi, c->val[i]) : fmax(0, c->val[i]);
            any = 1;
        }
}

/* Where point (x, s) of panel f is drawn. */
static double point_x(const vaxis *va, size_t x)
{
    return va->x0 + va->band * ((double)x + 0.5);
}

static double point_y(const chart *c, const vaxis *va, size_t f, size_t x,
                      size_t s)
{
    return cd_vaxis_y(va, c->val[chart_at(c, f, x, s)]);
}

/* Each series: its line (dashed where it is hatched: patterns: on, print:
 * mono, or a colour repeated), then its markers. */
static void draw_series(const chart *c, canvas *cv, const frame *F, size_t f,
                        const vaxis *va, boxset *bs)
{
    static const double dashes[CHART_HATCH_KINDS][4] = {
        {0, 0, 0, 0}, {4, 2, 0, 0},     {1.5, 1.5, 0, 0},
        {6, 2, 1.5, 2}, {8, 3, 0, 0}, {3, 1.5, 1, 1.5}};
    static const int ndash[CHART_HATCH_KINDS] = {0, 2, 2, 4, 2, 4};
    double m = fmax(1.5, F->fs * 0.25);
    for (size_t s = 0; s < c->ns; s++) {
        int h = c->hatch[s];
        canvas_set_stroke(cv, c->colours[s], 1, 1.75);
        if (h)
            canvas_set_dash(cv, dashes[h], ndash[h], 0);
        int pen = 0;
        for (size_t x = 0; x < c->nx; x++) {
            if (!c->have[chart_at(c, f, x, s)]) {
                pen = 0; /* a gap for missing data, never a 0 */
                continue;
            }
            double xx = point_x(va, x), yy = point_y(c, va, f, x, s);
            if (pen)
                canvas_line_to(cv, xx, yy);
            else
                canvas_move_to(cv, xx, yy);
            pen = 1;
        }
        canvas_stroke(cv);
        if (h)
            canvas_set_dash(cv, NULL, 0, 0);
        canvas_set_fill(cv, c->colours[s], 1);
        canvas_set_stroke(cv, look_rgb(LOOK_WHITE), 1, 0.75);
        for (size_t x = 0; x < c->nx; x++) {
            if (!c->have[chart_at(c, f, x, s)])
                continue;
            double xx = point_x(va, x), yy = point_y(c, va, f, x, s);
            marker(cv, (int)s, xx, yy, m);
            canvas_fill_stroke(cv);
            cd_box_add(bs, xx - m * 1.2, yy - m * 1.3, m * 2.4, m * 2.6);
        }
    }
}

/* Value labels after every marker, so no label hides a point: above the
 * point, else below it, else none. */
static void draw_labels(const chart *c, canvas *cv, const frame *F, size_t f,
                        const vaxis *va, boxset *bs)
{
    const font *fo = cv->font;
    double tfs = F->tick_fs;
    double lh = tfs * (cd_ascent(fo) + cd_descent(fo));
    double m = fmax(1.5, F->fs * 0.25);
    for (size_t s = 0; s < c->ns; s++)
        for (size_t x = 0; x < c->nx; x++) {
            if (!c->have[chart_at(c, f, x, s)])
                continue;
            double xx = point_x(va, x), yy = point_y(c, va, f, x, s);
            buf b = BUF_INIT;
            chart_value_label(c, &b, f, x, s, chart_share(c, f, x, s));
            double tw = cd_text_w(fo, buf_cstr(&b), tfs);
            /* the gap from the marker's box (m * 1.3 around the point) */
            double cand[2] = {yy - m * 1.3 - CHART_LABEL_GAP - lh,
                              yy + m * 1.3 + CHART_LABEL_GAP};
            int k = 0;
            for (; k < 2; k++) {
                double lx = xx - tw / 2, ly = cand[k];
                if (lx < va->px || lx + tw > va->px + va->pw ||
                    ly < va->top || ly + lh > va->y1 ||
                    !cd_box_free(bs, lx, ly, tw, lh))
                    continue;
                cd_value_text(cv, lx, ly + lh / 2, tfs, 0, look_rgb(LOOK_INK),
                              NULL, buf_cstr(&b));
                cd_box_add(bs, lx, ly, tw, lh);
                break;
            }
            if (k == 2)
                cd_value_omitted(cv);
            buf_free(&b);
        }
}

static void line_draw(const chart *c, canvas *cv, const frame *F, size_t f,
                      double px, double top, double pw, double ph)
{
    const font *fo = cv->font;
    double lh = F->tick_fs * (cd_ascent(fo) + cd_descent(fo));
    const vaxis_style st = {
        .right = F->fs * 0.5,
        .top = lh * 1.2,
        .tick_h = lh,
        .label_pad = 0,
        .label_lines = 2,
        .first_grid = 0,
    };
    double lo, hi;
    value_range(c, &lo, &hi);
    vaxis va = {.px = px, .top = top, .pw = pw, .ph = ph};
    if (cd_vaxis_layout(c, fo, F, &st, lo, hi, NULL, &va) < 0)
        return;
    boxset bs = {0};
    cd_vaxis_draw(c, cv, F, &st, &va, &bs);
    /* Axis line at the bottom. */
    double base = cd_vaxis_y(&va, va.a.lo);
    canvas_set_stroke(cv, look_rgb(LOOK_AXIS), 1, 0.75);
    canvas_move_to(cv, va.x0, base);
    canvas_line_to(cv, va.x1, base);
    canvas_stroke(cv);
    draw_series(c, cv, F, f, &va, &bs);
    if (c->labels != LAB_OFF)
        draw_labels(c, cv, F, f, &va, &bs);
    cd_boxset_free(&bs);
}

const panel_ops chart_line_ops = {
    .min_panel_w = 150,
    .natural_h = line_natural_h,
    .min_h = line_min_h,
    .draw = line_draw,
};

/* ------------------------------------------------------------------ */
/* Alternative text: the series over the bars, the extremes, the trend */

chart_alt_fn chart_line_alt;

void chart_line_alt(const chart *c, buf *b)
{
    buf_puts(b, "折れ線グラフ。");
    chart_alt_compare(c, b, "の推移を示す。");
    chart_alt_trend(c, b);
}
