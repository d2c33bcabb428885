/* chart_axis: nice value axes (ticks at 1, 2, 2.5 or 5 times a power of
 * ten, fewer when their labels would crowd the axis) and their tick
 * labels; and the one vertical value axis of vertical bars and lines (grid,
 * tick labels, unit, category labels under the plot).  See chart_impl.h. */
#include <math.h>

#include "chart_impl.h"
#include "format.h"

/* ------------------------------------------------------------------ */
/* Axes */

static void axis_n(double min, double max, int percent, int target, axis *a);

void cd_axis(double min, double max, int percent, axis *a)
{
    axis_n(min, max, percent, 5, a);
}

void cd_axis_fit(double min, double max, int percent, const font *fo,
                 double size, double length, int along, axis *a)
{
    for (int target = 5; target >= 1; target--) {
        axis_n(min, max, percent, target, a);
        size_t n = (size_t)floor((a->hi - a->lo) / a->step + 0.5);
        if (n == 0)
            return;
        double need = 0;
        for (size_t i = 0; i <= n; i++) {
            buf b = BUF_INIT;
            cd_tick_label(a, a->lo + a->step * (double)i, &b);
            double w = along ? cd_text_w(fo, buf_cstr(&b), size) : size * 1.2;
            buf_free(&b);
            if (w > need)
                need = w;
        }
        if (length / (double)n >= need + size * 0.6)
            return;
    }
}

static void axis_n(double min, double max, int percent, int target, axis *a)
{
    if (min > 0)
        min = 0;
    if (max < 0)
        max = 0;
    if (max - min <= 0)
        max = min + 1; /* an empty range: one unit up from min */
    double raw = (max - min) / target;
    double mag = pow(10, floor(log10(raw)));
    double f = raw / mag, step;
    if (f <= 1)
        step = 1;
    else if (f <= 2)
        step = 2;
    else if (f <= 2.5)
        step = 2.5;
    else if (f <= 5)
        step = 5;
    else
        step = 10;
    step *= mag;
    a->step = step;
    a->lo = floor(min / step + 1e-9) * step;
    a->hi = ceil(max / step - 1e-9) * step;
    a->percent = percent;
    /* Decimals of the step (of its percentage for percent axes). */
    double sv = percent ? step * 100 : step;
    int d = 0;
    while (d < 4 && fabs(sv * pow(10, d) - floor(sv * pow(10, d) + 0.5)) >
                        1e-6)
        d++;
    a->decimals = d;
}

void cd_tick_label(const axis *a, double v, buf *out)
{
    if (fabs(v) < a->step * 1e-9)
        v = 0;
    if (a->percent)
        fmt_percent(out, v, a->decimals);
    else
        fmt_number(out, v, a->decimals);
}

/* The widest tick label of a at size. */
static double tick_width(const axis *a, const font *fo, double size)
{
    size_t nticks = (size_t)floor((a->hi - a->lo) / a->step + 0.5) + 1;
    double w = 0;
    for (size_t i = 0; i < nticks; i++) {
        buf b = BUF_INIT;
        cd_tick_label(a, a->lo + a->step * (double)i, &b);
        w = fmax(w, cd_text_w(fo, buf_cstr(&b), size));
        buf_free(&b);
    }
    return w;
}

/* ------------------------------------------------------------------ */
/* The vertical value axis of vertical bars and lines */

double cd_vaxis_labels_h(const chart *c, const font *fo, const frame *F,
                         const vaxis_style *st, double width)
{
    double slot = width / (double)(c->nx ? c->nx : 1);
    size_t n = cd_max_lines(c, fo, F->tick_fs, slot * 0.96, st->label_lines);
    return F->fs * 0.35 + (double)n * (F->tick_fs * 1.2) + st->label_pad;
}

int cd_vaxis_layout(const chart *c, const font *fo, const frame *F,
                    const vaxis_style *st, double lo, double hi,
                    const axis *fixed, vaxis *va)
{
    double fs = F->fs, tfs = F->tick_fs;
    if (fixed)
        va->a = *fixed;
    else
        cd_axis(lo, hi, c->normalise, &va->a);
    va->unit_h = *c->unit ? tfs * 1.3 : 0;
    va->x0 = va->px + tick_width(&va->a, fo, tfs) + fs * 0.5;
    va->x1 = va->px + va->pw - st->right;
    double lab_h = cd_vaxis_labels_h(c, fo, F, st, va->x1 - va->x0);
    va->y0 = va->top + va->unit_h + st->top;
    va->y1 = va->top + va->ph - lab_h;
    if (va->x1 - va->x0 <= 0 || va->y1 - va->y0 <= 0)
        return -1;
    /* Fewer ticks when their labels would crowd the axis. */
    if (!fixed)
        cd_axis_fit(lo, hi, c->normalise, fo, tfs, va->y1 - va->y0, 0,
                    &va->a);
    va->nticks = (size_t)floor((va->a.hi - va->a.lo) / va->a.step + 0.5) + 1;
    va->band = (va->x1 - va->x0) / (double)(c->nx ? c->nx : 1);
    return 0;
}

double cd_vaxis_y(const vaxis *va, double v)
{
    return va->y1 -
           (va->y1 - va->y0) * ((v - va->a.lo) / (va->a.hi - va->a.lo));
}

void cd_vaxis_draw(const chart *c, canvas *cv, const frame *F,
                   const vaxis_style *st, const vaxis *va, boxset *bs)
{
    const font *fo = cv->font;
    double fs = F->fs, tfs = F->tick_fs;
    const axis *a = &va->a;
    canvas_set_stroke(cv, look_rgb(LOOK_GRID), 1, 0.5);
    for (size_t i = st->first_grid; i < va->nticks; i++) {
        double p = cd_vaxis_y(va, a->lo + a->step * (double)i);
        canvas_move_to(cv, va->x0, p);
        canvas_line_to(cv, va->x1, p);
    }
    canvas_stroke(cv);
    for (size_t i = 0; i < va->nticks; i++) {
        double v = a->lo + a->step * (double)i, p = cd_vaxis_y(va, v);
        buf b = BUF_INIT;
        cd_tick_label(a, v, &b);
        double tw = cd_text_w(fo, buf_cstr(&b), tfs);
        cd_text_mid(cv, va->x0 - fs * 0.4, p, tfs, 2, look_rgb(LOOK_AXIS),
                    buf_cstr(&b));
        cd_box_add(bs, va->x0 - fs * 0.4 - tw, p - st->tick_h / 2, tw,
                   st->tick_h);
        buf_free(&b);
    }
    if (*c->unit) {
        buf b = BUF_INIT;
        buf_printf(&b, "（%s）", c->unit);
        double tw = cd_text_w(fo, buf_cstr(&b), tfs);
        cd_text_mid(cv, va->px, va->top + va->unit_h / 2, tfs, 0,
                    look_rgb(LOOK_AXIS), buf_cstr(&b));
        cd_box_add(bs, va->px, va->top, tw, va->unit_h);
        buf_free(&b);
    }
    for (size_t x = 0; x < c->nx; x++) {
        double mid = va->x0 + va->band * ((double)x + 0.5);
        cd_wrapped(c, cv, bs, c->x_short[x], tfs, va->band * 0.96,
                   st->label_lines, mid, 1, -1, va->y1 + fs * 0.35);
    }
}
