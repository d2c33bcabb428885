#include "buf.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "num.h"
#include "xalloc.h"

/* Room for extra more bytes and the terminating NUL. */
static void reserve(buf *b, size_t extra)
{
    b->data = xgrow(b->data, &b->cap, b->len + extra + 1, 1);
}

void buf_put(buf *b, const void *p, size_t n)
{
    reserve(b, n);
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void buf_puts(buf *b, const char *s) { buf_put(b, s, strlen(s)); }

void buf_putc(buf *b, char c)
{
    reserve(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

void buf_vprintf(buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    if (n < 0) {
        va_end(ap2);
        return;
    }
    if ((size_t)n < sizeof small) {
        buf_put(b, small, (size_t)n);
    } else {
        reserve(b, (size_t)n);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
        b->len += (size_t)n;
    }
    va_end(ap2);
}

void buf_printf(buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void buf_num(buf *b, double v, int decimals, int trim)
{
    if (decimals < 0)
        decimals = 0;
    if (decimals > 6)
        decimals = 6;
    if (!isfinite(v)) {
        buf_putc(b, '0');
        return;
    }
    long long scale = 1;
    for (int i = 0; i < decimals; i++)
        scale *= 10;
    double scaled = fabs(v) * (double)scale;
    if (scaled >= 9e18) {
        /* beyond the integer arithmetic below (found by fuzzing): whole
         * numbers only; "%.0f" has no decimal point, so no locale */
        char big[400];
        int bn = snprintf(big, sizeof big, "%.0f", v);
        buf_put(b, big, (size_t)(bn > 0 ? bn : 0));
        return;
    }
    /* half away from zero, nudged past binary error (num.h) */
    unsigned long long q = (unsigned long long)num_round_half_away(scaled);
    unsigned long long ip = q / (unsigned long long)scale;
    unsigned long long fp = q % (unsigned long long)scale;
    /* digits by hand: this is the hot path of every coordinate the PDF
     * and SVG writers print, and snprintf cost more than the drawing */
    char tmp[48];
    int n = 0;
    if (v < 0 && q != 0)
        tmp[n++] = '-';
    char rev[24];
    int rn = 0;
    do {
        rev[rn++] = (char)('0' + ip % 10);
        ip /= 10;
    } while (ip);
    while (rn > 0)
        tmp[n++] = rev[--rn];
    if (decimals > 0) {
        char frac[8];
        for (int i = decimals - 1; i >= 0; i--) {
            frac[i] = (char)('0' + fp % 10);
            fp /= 10;
        }
        int fl = decimals;
        if (trim)
            while (fl > 0 && frac[fl - 1] == '0')
                fl--;
        if (fl > 0) {
            tmp[n++] = '.';
            memcpy(tmp + n, frac, (size_t)fl);
            n += fl;
        }
    }
    buf_put(b, tmp, (size_t)n);
}

void buf_hex(buf *b, unsigned v, int digits, int upper)
{
    const char *xd = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[8];
    if (digits < 1)
        digits = 1;
    if (digits > 8)
        digits = 8;
    for (int i = digits - 1; i >= 0; i--) {
        tmp[i] = xd[v & 15];
        v >>= 4;
    }
    buf_put(b, tmp, (size_t)digits);
}

void buf_reset(buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void buf_free(buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

const char *buf_cstr(const buf *b) { return b->data ? b->data : ""; }

char *buf_detach(buf *b)
{
    char *d = b->data ? b->data : xstrdup("");
    b->data = NULL;
    b->len = b->cap = 0;
    return d;
}
