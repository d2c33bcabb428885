#include "format.h"

#include <math.h>
#include <string.h>

void fmt_number(buf *out, double v, int decimals)
{
    buf tmp = BUF_INIT;
    buf_num(&tmp, v, decimals, 0);
    const char *s = buf_cstr(&tmp);
    if (*s == '-') {
        buf_putc(out, '-');
        s++;
    }
    size_t ilen = strcspn(s, ".");
    for (size_t i = 0; i < ilen; i++) {
        buf_putc(out, s[i]);
        size_t left = ilen - i - 1;
        if (left > 0 && left % 3 == 0)
            buf_putc(out, ',');
    }
    buf_puts(out, s + ilen);
    buf_free(&tmp);
}

void fmt_percent(buf *out, double ratio, int decimals)
{
    fmt_number(out, ratio * 100.0, decimals);
    buf_putc(out, '%');
}

void fmt_points(buf *out, double ratio_diff, int decimals)
{
    fmt_number(out, ratio_diff * 100.0, decimals);
    buf_puts(out, "ポイント");
}

const char *fmt_trend(double diff, double tolerance)
{
    if (fabs(diff) <= tolerance)
        return "横ばい";
    return diff > 0 ? "増加" : "減少";
}
