/* chart_bar: one panel of a bar chart.  stacked-bar-100 drawn
 * horizontally has its own layout (chart_bar100_ops: the 0-100% axis, era
 * year labels); every other bar chart, horizontal or vertical, stacked or
 * grouped, goes through chart_bar_ops with a nice value axis.  See
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

static double b100_min_h(const chart *c, const font *fo, const frame *F,
                         double pw)
{
    (void)fo;
    (void)pw;
    return F->head_h + (double)c->nx * F->fs * 1.2 + b100_axis_h(F);
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
        cd_text_mid(cv, x0 - fs * 0.4, mid, tfs, 2, cd_text_dark,
                    c->x_short[x]);
        double total = chart_bar_total(c, f, x);
        if (total <= 0)
            continue;
        double cum = 0;
        size_t last = 0;
        for (size_t s = 0; s < c->ns; s++)
            if (c->have[chart_at(c, f, x, s)] && c->raw[chart_at(c, f, x, s)] > 0)
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
                canvas_set_stroke(cv, cd_white, 1, 0.75);
                canvas_move_to(cv, sx, by);
                canvas_line_to(cv, sx, by + thick);
                canvas_stroke(cv);
            }
            if (c->labels != LAB_OFF) {
                buf b = BUF_INIT;
                chart_value_label(c, &b, f, x, s, v / total);
                double tw = cd_text_w(fo, buf_cstr(&b), lfs);
                if (tw + 2 * LABEL_PAD <= segw && lfs >= 4)
                    cd_text_mid(cv, sx + segw / 2, mid, lfs, 1,
                                c->text_on[s],
                                buf_cstr(&b));
                buf_free(&b);
            }
            sx = ex;
        }
    }
    /* Axis: baseline, ticks at 0..100% and their labels. */
    double ay = top + bars_h;
    canvas_set_stroke(cv, cd_axis_grey, 1, 0.5);
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
        cd_text(cv, x0 + pw_plot * i / 5.0, tby, tfs, 1, cd_axis_grey,
                buf_cstr(&b));
        buf_free(&b);
    }
}

static const panel_ops b100_ops = {
    .min_panel_w = 150,
    .natural_h = b100_natural_h,
    .min_h = b100_min_h,
    .draw = b100_draw,
};

/* ------------------------------------------------------------------ */
/* Every other bar chart */

static int is_stacked(const chart *c) { return c->type->stacked; }

/* The value axis over every panel (one scale for all panels), with as
 * many ticks as fit length (0: five). */
static void value_axis(const chart *c, const font *fo, double size,
                       double length, axis *a)
{
    double max = 0;
    for (size_t f = 0; f < c->nf; f++)
        for (size_t x = 0; x < c->nx; x++) {
            if (is_stacked(c)) {
                double t = 0;
                for (size_t s = 0; s < c->ns; s++)
                    if (c->have[chart_at(c, f, x, s)] && c->val[chart_at(c, f, x, s)] > 0)
                        t += c->val[chart_at(c, f, x, s)];
                max = fmax(max, t);
            } else {
                for (size_t s = 0; s < c->ns; s++)
                    if (c->have[chart_at(c, f, x, s)])
                        max = fmax(max, c->val[chart_at(c, f, x, s)]);
            }
        }
    if (c->type->shares) {
        a->lo = 0;
        a->hi = 1;
        a->step = 0.2;
        a->decimals = 0;
        a->percent = 1;
        return;
    }
    if (length > 0)
        cd_axis_fit(0, max, c->normalise, fo, size, length, c->horizontal, a);
    else
        cd_axis(0, max, c->normalise, a);
}

static double line_h(double size) { return size * 1.2; }

/* Height of the tick-label row plus the unit row. */
static double h_axis_h(const chart *c, const frame *F)
{
    double h = F->fs * 0.35 + F->tick_fs * 1.4;
    if (*c->unit)
        h += F->tick_fs * 1.3;
    return h;
}

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

/* Lines the widest wrapped category label needs at width w. */
static size_t max_lines(const chart *c, const font *fo, double size, double w,
                        size_t limit)
{
    size_t best = 1;
    for (size_t x = 0; x < c->nx; x++) {
        char **ln;
        size_t n = cd_wrap(c, fo, c->x_short[x], size, w, limit, &ln);
        cd_free_lines(ln, n);
        if (n > best)
            best = n;
    }
    return best;
}

/* Vertical bars: the category label block under the axis. */
static double v_label_h(const chart *c, const font *fo, const frame *F,
                        double pw)
{
    double slot = pw / (double)(c->nx ? c->nx : 1);
    size_t n = max_lines(c, fo, F->tick_fs, slot * 0.96, 3);
    return F->fs * 0.35 + (double)n * line_h(F->tick_fs) + F->tick_fs * 0.2;
}

static double bar_natural_h(const chart *c, const font *fo, const frame *F,
                            double pw)
{
    if (c->horizontal) {
        double lw = h_label_w(c, fo, F, pw) - F->fs * 0.4;
        size_t n = max_lines(c, fo, F->tick_fs, lw, 3);
        double p = fmax(natural_pitch(c, F),
                        (double)n * line_h(F->tick_fs) + F->fs * 0.6);
        return (double)c->nx * p + h_axis_h(c, F);
    }
    return pw * 0.55 + v_label_h(c, fo, F, pw) +
           (*c->unit ? F->tick_fs * 1.3 : 0);
}

static double bar_min_h(const chart *c, const font *fo, const frame *F,
                        double pw)
{
    if (c->horizontal)
        return (double)c->nx * min_pitch(c, F) + h_axis_h(c, F);
    return v_label_h(c, fo, F, pw) + F->fs * 5 +
           (*c->unit ? F->tick_fs * 1.3 : 0);
}

/* Draws a wrapped label: lines centred on (cx, ...) or right-aligned at cx
 * (align 2), the block centred vertically on ymid (or starting at ytop when
 * ymid < 0). */
static void wrapped(const chart *c, canvas *cv, boxset *bs, const char *s,
                    double size, double width, size_t maxl, double x,
                    int align, double ymid, double ytop)
{
    char **ln;
    size_t n = cd_wrap(c, cv->font, s, size, width, maxl, &ln);
    double lh = line_h(size);
    double y0 = ymid >= 0 ? ymid - (double)n * lh / 2 : ytop;
    for (size_t i = 0; i < n; i++) {
        double w = cd_text_w(cv->font, ln[i], size);
        double lx = align == 1 ? x - w / 2 : align == 2 ? x - w : x;
        cd_text_mid(cv, x, y0 + lh * ((double)i + 0.5), size, align,
                    cd_text_dark, ln[i]);
        cd_box_add(bs, lx, y0 + lh * (double)i, w, lh);
    }
    cd_free_lines(ln, n);
}

/* A value label of size lfs whose box is (x, y, w, h) drawn if it does not
 * touch a label already placed; returns 1 when drawn. */
static int place_label(canvas *cv, boxset *bs, double x, double y, double w,
                       double h, double lfs, rgb colour, const char *s,
                       double clipx0, double clipy0, double clipx1,
                       double clipy1)
{
    if (x < clipx0 - 1e-9 || y < clipy0 - 1e-9 || x + w > clipx1 + 1e-9 ||
        y + h > clipy1 + 1e-9)
        return 0;
    if (!cd_box_free(bs, x, y, w, h))
        return 0;
    cd_text_mid(cv, x, y + h / 2, lfs, 0, colour, s);
    cd_box_add(bs, x, y, w, h);
    return 1;
}

static void bar_draw(const chart *c, canvas *cv, const frame *F, size_t f,
                     double px, double top, double pw, double ph)
{
    const font *fo = cv->font;
    double fs = F->fs, tfs = F->tick_fs;
    double asc = cd_ascent(fo), desc = cd_descent(fo);
    axis a;
    value_axis(c, fo, tfs, 0, &a);
    boxset bs = {0};
    int stacked = is_stacked(c);
    size_t per = stacked ? 1 : c->ns; /* bars per category */

    /* Tick labels. */
    size_t nticks = (size_t)floor((a.hi - a.lo) / a.step + 0.5) + 1;
    double tick_w = 0;
    for (size_t i = 0; i < nticks; i++) {
        buf b = BUF_INIT;
        cd_tick_label(&a, a.lo + a.step * (double)i, &b);
        tick_w = fmax(tick_w, cd_text_w(fo, buf_cstr(&b), tfs));
        buf_free(&b);
    }
    double unit_h = *c->unit ? tfs * 1.3 : 0;

    /* Plot rectangle (x0, y0)-(x1, y1) and the category geometry. */
    double x0, x1, y0, y1;
    double lab_w = 0, lab_h = 0;
    if (c->horizontal) {
        lab_w = h_label_w(c, fo, F, pw);
        buf b = BUF_INIT;
        cd_tick_label(&a, a.lo, &b);
        double half_first = cd_text_w(fo, buf_cstr(&b), tfs) / 2;
        buf_reset(&b);
        cd_tick_label(&a, a.hi, &b);
        double half_last = cd_text_w(fo, buf_cstr(&b), tfs) / 2;
        buf_free(&b);
        x0 = px + fmax(lab_w, half_first);
        x1 = px + pw - half_last - 1;
        y0 = top;
        y1 = top + ph - h_axis_h(c, F);
    } else {
        x0 = px + tick_w + fs * 0.5;
        x1 = px + pw - 1;
        lab_h = v_label_h(c, fo, F, x1 - x0);
        y0 = top + unit_h + tfs * 0.6; /* room for the top tick label */
        y1 = top + ph - lab_h;
    }
    if (x1 - x0 <= 0 || y1 - y0 <= 0)
        return;
    /* Fewer ticks when their labels would crowd the axis. */
    value_axis(c, fo, tfs, c->horizontal ? x1 - x0 : y1 - y0, &a);
    nticks = (size_t)floor((a.hi - a.lo) / a.step + 0.5) + 1;
    if (c->horizontal) {
        buf b = BUF_INIT;
        cd_tick_label(&a, a.hi, &b);
        x1 = px + pw - cd_text_w(fo, buf_cstr(&b), tfs) / 2 - 1;
        buf_free(&b);
        if (x1 - x0 <= 0)
            return;
    }
    double span = a.hi - a.lo;
    /* Position along the value axis. */
#define VPOS(v)                                                              \
    (c->horizontal ? x0 + (x1 - x0) * (((v) - a.lo) / span)                  \
                   : y1 - (y1 - y0) * (((v) - a.lo) / span))

    /* Grid lines and tick labels. */
    canvas_set_stroke(cv, cd_grid_grey, 1, 0.5);
    for (size_t i = 1; i < nticks; i++) {
        double p = VPOS(a.lo + a.step * (double)i);
        if (c->horizontal) {
            canvas_move_to(cv, p, y0);
            canvas_line_to(cv, p, y1);
        } else {
            canvas_move_to(cv, x0, p);
            canvas_line_to(cv, x1, p);
        }
    }
    canvas_stroke(cv);
    for (size_t i = 0; i < nticks; i++) {
        double v = a.lo + a.step * (double)i, p = VPOS(v);
        buf b = BUF_INIT;
        cd_tick_label(&a, v, &b);
        double tw = cd_text_w(fo, buf_cstr(&b), tfs);
        if (c->horizontal) {
            double ty = y1 + fs * 0.35;
            cd_text(cv, p, ty + tfs * asc + tfs * 0.05, tfs, 1, cd_axis_grey,
                    buf_cstr(&b));
            cd_box_add(&bs, p - tw / 2, ty, tw, tfs * (asc + desc));
        } else {
            cd_text_mid(cv, x0 - fs * 0.4, p, tfs, 2, cd_axis_grey,
                        buf_cstr(&b));
            cd_box_add(&bs, x0 - fs * 0.4 - tw, p - line_h(tfs) / 2, tw,
                       line_h(tfs));
        }
        buf_free(&b);
    }
    if (*c->unit) {
        buf b = BUF_INIT;
        buf_printf(&b, "（%s）", c->unit);
        double tw = cd_text_w(fo, buf_cstr(&b), tfs);
        if (c->horizontal) {
            double uy = top + ph - unit_h;
            cd_text_mid(cv, x1, uy + unit_h / 2, tfs, 2, cd_axis_grey,
                        buf_cstr(&b));
            cd_box_add(&bs, x1 - tw, uy, tw, unit_h);
        } else {
            cd_text_mid(cv, px, top + unit_h / 2, tfs, 0, cd_axis_grey,
                        buf_cstr(&b));
            cd_box_add(&bs, px, top, tw, unit_h);
        }
        buf_free(&b);
    }

    /* Categories. */
    double band = (c->horizontal ? y1 - y0 : x1 - x0) / (double)c->nx;
    double group = band * (stacked || per == 1 ? 0.65 : 0.8);
    double thick = group / (double)per;
    double lfs = tfs;
    double cross = c->horizontal ? thick : group / (double)per;
    if (c->horizontal && lfs * (asc + desc) > cross)
        lfs = cross / (asc + desc);
    /* Category labels first, so value labels keep clear of them. */
    for (size_t x = 0; x < c->nx; x++) {
        double mid = (c->horizontal ? y0 : x0) + band * ((double)x + 0.5);
        if (c->horizontal) {
            /* As many lines as the band holds; a band lower than one
             * line takes a smaller font, so labels never overlap. */
            double cfs = fmin(tfs, band / 1.2);
            size_t maxl = (size_t)fmax(1, floor(band / line_h(cfs)));
            if (cfs >= 3)
                wrapped(c, cv, &bs, c->x_short[x], cfs, lab_w - fs * 0.4,
                        maxl > 3 ? 3 : maxl, x0 - fs * 0.4, 2, mid, 0);
        } else {
            wrapped(c, cv, &bs, c->x_short[x], tfs, band * 0.96, 3, mid, 1, -1,
                    y1 + fs * 0.35);
        }
    }
    double base = VPOS(0 > a.lo ? 0 : a.lo);
    for (size_t x = 0; x < c->nx; x++) {
        double start = (c->horizontal ? y0 : x0) + band * (double)x +
                       (band - group) / 2;
        double cum = 0;
        for (size_t s = 0; s < c->ns; s++) {
            size_t i = chart_at(c, f, x, s);
            if (!c->have[i])
                continue;
            double v = c->val[i];
            if (stacked && v <= 0)
                continue;
            double from = stacked ? cum : 0, to = from + v;
            cum = to;
            double p0 = VPOS(from), p1 = VPOS(to);
            double off = stacked ? 0 : thick * (double)s;
            double r[4];
            if (c->horizontal) {
                r[0] = p0;
                r[1] = start + off;
                r[2] = p1 - p0;
                r[3] = thick;
            } else {
                r[0] = start + off;
                r[1] = p1;
                r[2] = thick;
                r[3] = p0 - p1;
            }
            cd_fill_series(c, cv, s, cd_rect_path, r, r[0], r[1], r[2], r[3]);
            if (stacked && from > 0) { /* white hairline between segments */
                canvas_set_stroke(cv, cd_white, 1, 0.75);
                if (c->horizontal) {
                    canvas_move_to(cv, p0, r[1]);
                    canvas_line_to(cv, p0, r[1] + r[3]);
                } else {
                    canvas_move_to(cv, r[0], p0);
                    canvas_line_to(cv, r[0] + r[2], p0);
                }
                canvas_stroke(cv);
            }
            if (c->labels == LAB_OFF)
                continue;
            buf b = BUF_INIT;
            double tot = chart_bar_total(c, f, x);
            chart_value_label(c, &b, f, x, s,
                              tot > 0 ? c->raw[i] / tot : 0);
            const char *t = buf_cstr(&b);
            double vfs = lfs;
            double tw = cd_text_w(fo, t, vfs), th = vfs * (asc + desc);
            rgb inside = c->text_on[s];
            int done = 0;
            if (stacked) {
                /* Inside the segment, or nowhere. */
                if (tw + 2 * LABEL_PAD <= r[2] && th <= r[3] + 1e-9 &&
                    vfs >= 4)
                    done = place_label(cv, &bs, r[0] + (r[2] - tw) / 2,
                                       r[1] + (r[3] - th) / 2, tw, th, vfs,
                                       inside, t, r[0], r[1], r[0] + r[2],
                                       r[1] + r[3]);
            } else if (c->horizontal) {
                /* Outside after the bar's end; inside its end when the
                 * panel has no room; else dropped. */
                if (vfs >= 4)
                    done = place_label(cv, &bs, r[0] + r[2] + LABEL_PAD,
                                       r[1] + (r[3] - th) / 2, tw, th, vfs,
                                       cd_text_dark, t, x0, y0, px + pw, y1);
                if (!done && vfs >= 4 && tw + 2 * LABEL_PAD <= r[2])
                    done = place_label(cv, &bs, r[0] + r[2] - LABEL_PAD - tw,
                                       r[1] + (r[3] - th) / 2, tw, th, vfs,
                                       inside, t, r[0], r[1], r[0] + r[2],
                                       r[1] + r[3]);
            } else {
                /* Above the bar, within its own slot. */
                if (tw > thick * 1.0 && vfs > 4) {
                    vfs = fmax(4, vfs * thick / tw);
                    tw = cd_text_w(fo, t, vfs);
                    th = vfs * (asc + desc);
                }
                if (tw <= thick + 1e-9)
                    done = place_label(cv, &bs, r[0] + (r[2] - tw) / 2,
                                       r[1] - th - 1, tw, th, vfs,
                                       cd_text_dark, t, x0, top, x1, y1);
            }
            (void)done;
            buf_free(&b);
        }
    }
    /* Baseline. */
    canvas_set_stroke(cv, cd_axis_grey, 1, 0.75);
    if (c->horizontal) {
        canvas_move_to(cv, base, y0);
        canvas_line_to(cv, base, y1);
    } else {
        canvas_move_to(cv, x0, base);
        canvas_line_to(cv, x1, base);
    }
    canvas_stroke(cv);
#undef VPOS
    cd_boxset_free(&bs);
}

const panel_ops chart_bar_ops = {
    .min_panel_w = 150,
    .natural_h = bar_natural_h,
    .min_h = bar_min_h,
    .draw = bar_draw,
};

/* ------------------------------------------------------------------ */
/* stacked-bar-100: horizontal bars of years keep the compact 0-100%
 * layout of the status slides; other categories need wrapped labels, and
 * vertical bars the common panel. */

static const panel_ops *s100_ops(const chart *c)
{
    return c->horizontal && c->x_is_year ? &b100_ops : &chart_bar_ops;
}

static double s100_natural_h(const chart *c, const font *fo, const frame *F,
                             double pw)
{
    return s100_ops(c)->natural_h(c, fo, F, pw);
}

static double s100_min_h(const chart *c, const font *fo, const frame *F,
                         double pw)
{
    return s100_ops(c)->min_h(c, fo, F, pw);
}

static void s100_draw(const chart *c, canvas *cv, const frame *F, size_t f,
                      double px, double top, double pw, double ph)
{
    s100_ops(c)->draw(c, cv, F, f, px, top, pw, ph);
}

const panel_ops chart_stacked100_ops = {
    .min_panel_w = 150,
    .natural_h = s100_natural_h,
    .min_h = s100_min_h,
    .draw = s100_draw,
};

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
