/* chart_line: one line per series over the categories of x (survey years
 * in year order), on a nice value axis shared by every panel.  Each series
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

static void line_draw(const chart *c, canvas *cv, const frame *F, size_t f,
                      double px, double top, double pw, double ph)
{
    const font *fo = cv->font;
    double fs = F->fs, tfs = F->tick_fs;
    double asc = cd_ascent(fo), desc = cd_descent(fo);
    double lh = tfs * (asc + desc);
    double lo = 0, hi = 0;
    int any = 0;
    for (size_t i = 0; i < c->nf * c->nx * c->ns; i++)
        if (c->have[i]) {
            lo = any ? fmin(lo, c->val[i]) : fmin(0, c->val[i]);
            hi = any ? fmax(hi, c->val[i]) : fmax(0, c->val[i]);
            any = 1;
        }
    axis a;
    cd_axis(lo, hi, c->normalise, &a);
    size_t nticks = (size_t)floor((a.hi - a.lo) / a.step + 0.5) + 1;
    double tick_w = 0;
    for (size_t i = 0; i < nticks; i++) {
        buf b = BUF_INIT;
        cd_tick_label(&a, a.lo + a.step * (double)i, &b);
        tick_w = fmax(tick_w, cd_text_w(fo, buf_cstr(&b), tfs));
        buf_free(&b);
    }
    double unit_h = *c->unit ? tfs * 1.3 : 0;
    double x0 = px + tick_w + fs * 0.5, x1 = px + pw - fs * 0.5;
    double band = (x1 - x0) / (double)(c->nx ? c->nx : 1);
    /* Category labels (wrapped) under the axis. */
    size_t maxl = 1;
    for (size_t x = 0; x < c->nx; x++) {
        char **ln;
        size_t n = cd_wrap(c, fo, c->x_short[x], tfs, band * 0.96, 2, &ln);
        cd_free_lines(ln, n);
        if (n > maxl)
            maxl = n;
    }
    double lab_h = fs * 0.35 + (double)maxl * tfs * 1.2;
    double y0 = top + unit_h + lh * 1.2, y1 = top + ph - lab_h;
    if (x1 <= x0 || y1 <= y0)
        return;
    cd_axis_fit(lo, hi, c->normalise, fo, tfs, y1 - y0, 0, &a);
    nticks = (size_t)floor((a.hi - a.lo) / a.step + 0.5) + 1;
    boxset bs = {0};
#define YPOS(v) (y1 - (y1 - y0) * (((v) - a.lo) / (a.hi - a.lo)))
    canvas_set_stroke(cv, cd_grid_grey, 1, 0.5);
    for (size_t i = 0; i < nticks; i++) {
        double p = YPOS(a.lo + a.step * (double)i);
        canvas_move_to(cv, x0, p);
        canvas_line_to(cv, x1, p);
    }
    canvas_stroke(cv);
    for (size_t i = 0; i < nticks; i++) {
        double v = a.lo + a.step * (double)i, p = YPOS(v);
        buf b = BUF_INIT;
        cd_tick_label(&a, v, &b);
        double tw = cd_text_w(fo, buf_cstr(&b), tfs);
        cd_text_mid(cv, x0 - fs * 0.4, p, tfs, 2, cd_axis_grey, buf_cstr(&b));
        cd_box_add(&bs, x0 - fs * 0.4 - tw, p - lh / 2, tw, lh);
        buf_free(&b);
    }
    if (*c->unit) {
        buf b = BUF_INIT;
        buf_printf(&b, "（%s）", c->unit);
        cd_text_mid(cv, px, top + unit_h / 2, tfs, 0, cd_axis_grey,
                    buf_cstr(&b));
        cd_box_add(&bs, px, top, cd_text_w(fo, buf_cstr(&b), tfs), unit_h);
        buf_free(&b);
    }
    for (size_t x = 0; x < c->nx; x++) {
        double mx = x0 + band * ((double)x + 0.5);
        char **ln;
        size_t n = cd_wrap(c, fo, c->x_short[x], tfs, band * 0.96, 2, &ln);
        for (size_t i = 0; i < n; i++) {
            double yy = y1 + fs * 0.35 + tfs * 1.2 * ((double)i + 0.5);
            double tw = cd_text_w(fo, ln[i], tfs);
            cd_text_mid(cv, mx, yy, tfs, 1, cd_text_dark, ln[i]);
            cd_box_add(&bs, mx - tw / 2, yy - tfs * 0.6, tw, tfs * 1.2);
        }
        cd_free_lines(ln, n);
    }
    /* Axis line at the bottom. */
    canvas_set_stroke(cv, cd_axis_grey, 1, 0.75);
    canvas_move_to(cv, x0, YPOS(a.lo));
    canvas_line_to(cv, x1, YPOS(a.lo));
    canvas_stroke(cv);
    static const double dashes[4][4] = {
        {0, 0, 0, 0}, {4, 2, 0, 0}, {1.5, 1.5, 0, 0}, {6, 2, 1.5, 2}};
    static const int ndash[4] = {0, 2, 2, 4};
    double m = fmax(1.5, fs * 0.25);
    for (size_t s = 0; s < c->ns; s++) {
        canvas_set_stroke(cv, c->colours[s], 1, 1.75);
        if (c->patterns)
            canvas_set_dash(cv, dashes[s % 4], ndash[s % 4], 0);
        int pen = 0;
        for (size_t x = 0; x < c->nx; x++) {
            if (!c->have[chart_at(c, f, x, s)]) {
                pen = 0; /* a gap for missing data, never a 0 */
                continue;
            }
            double xx = x0 + band * ((double)x + 0.5);
            double yy = YPOS(c->val[chart_at(c, f, x, s)]);
            if (pen)
                canvas_line_to(cv, xx, yy);
            else
                canvas_move_to(cv, xx, yy);
            pen = 1;
        }
        canvas_stroke(cv);
        if (c->patterns)
            canvas_set_dash(cv, NULL, 0, 0);
        canvas_set_fill(cv, c->colours[s], 1);
        canvas_set_stroke(cv, cd_white, 1, 0.75);
        for (size_t x = 0; x < c->nx; x++) {
            if (!c->have[chart_at(c, f, x, s)])
                continue;
            double xx = x0 + band * ((double)x + 0.5);
            double yy = YPOS(c->val[chart_at(c, f, x, s)]);
            marker(cv, (int)s, xx, yy, m);
            canvas_fill_stroke(cv);
            cd_box_add(&bs, xx - m * 1.2, yy - m * 1.3, m * 2.4, m * 2.6);
        }
    }
    /* Value labels after every marker, so no label hides a point. */
    for (size_t s = 0; s < c->ns && c->labels != LAB_OFF; s++)
        for (size_t x = 0; x < c->nx; x++) {
            if (!c->have[chart_at(c, f, x, s)])
                continue;
            double xx = x0 + band * ((double)x + 0.5);
            double yy = YPOS(c->val[chart_at(c, f, x, s)]);
            buf b = BUF_INIT;
            chart_value_label(c, &b, f, x, s, chart_share(c, f, x, s));
            double tw = cd_text_w(fo, buf_cstr(&b), tfs);
            double cand[2] = {yy - m * 1.4 - lh, yy + m * 1.4};
            for (int k = 0; k < 2; k++) {
                double lx = xx - tw / 2, ly = cand[k];
                if (lx < px || lx + tw > px + pw || ly < top ||
                    ly + lh > y1 || !cd_box_free(&bs, lx, ly, tw, lh))
                    continue;
                cd_text_mid(cv, lx, ly + lh / 2, tfs, 0, cd_text_dark,
                            buf_cstr(&b));
                cd_box_add(&bs, lx, ly, tw, lh);
                break;
            }
            buf_free(&b);
        }
#undef YPOS
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
