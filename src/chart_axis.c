/* chart_axis: nice value axes (ticks at 1, 2, 2.5 or 5 times a power of
 * ten, fewer when their labels would crowd the axis) and their tick
 * labels.  See chart_impl.h. */
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
        max = min + (percent ? 1 : 1);
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
