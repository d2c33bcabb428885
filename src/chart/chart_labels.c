/* chart_labels: the text of charts: width and placement of a label,
 * labels wrapped to a width with the JLREQ line breaker (memoised per
 * chart), the set of placed label boxes that keeps labels apart, and the
 * text of value labels.  See chart_impl.h. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "canvas_probe.h"
#include "chart_impl.h"
#include "format.h"
#include "linebreak.h"
#include "utf8.h"
#include "xalloc.h"

#define ASCENT 0.88
#define DESCENT 0.12

/* ------------------------------------------------------------------ */
/* Text */

double cd_text_w(const font *fo, const char *s, double size)
{
    if (fo)
        return font_text_width(fo, s, strlen(s), size);
    double w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x80)
            w += 0.55;
        else if ((*p & 0xC0) == 0xC0)
            w += 1.0;
    }
    return w * size;
}

double cd_first_char_w(const chart *c, const font *fo, double size)
{
    double m = 0;
    for (size_t x = 0; x < c->nx; x++) {
        const char *s = c->x_short[x];
        size_t adv = 1, n = strlen(s);
        if (n == 0)
            continue;
        utf8_decode(s, n, &adv);
        char first[8] = {0};
        memcpy(first, s, adv < sizeof first ? adv : sizeof first - 1);
        double w = cd_text_w(fo, first, size);
        if (w > m)
            m = w;
    }
    return m;
}

double cd_ascent(const font *fo) { return fo ? font_ascent(fo) : ASCENT; }
double cd_descent(const font *fo) { return fo ? font_descent(fo) : DESCENT; }

void cd_text(canvas *cv, double x, double y, double size, int align,
             rgb colour, const char *s)
{
    double w = cd_text_w(cv->font, s, size);
    if (align == 1)
        x -= w / 2;
    else if (align == 2)
        x -= w;
    canvas_set_fill(cv, colour, 1);
    canvas_text(cv, x, y, size, TEXT_REGULAR, s, strlen(s));
}

void cd_text_mid(canvas *cv, double x, double ymid, double size, int align,
                 rgb colour, const char *s)
{
    const font *fo = cv->font;
    cd_text(cv, x, ymid + size * (cd_ascent(fo) - cd_descent(fo)) / 2, size,
            align, colour, s);
}

void cd_value_text(canvas *cv, double x, double ymid, double size, int align,
                   rgb colour, const rgb *back, const char *s)
{
    canvas_group_begin(cv, "");
    if (back) {
        const font *fo = cv->font;
        double tw = cd_text_w(fo, s, size);
        double th = size * (cd_ascent(fo) + cd_descent(fo));
        double lx = align == 0 ? x : align == 1 ? x - tw / 2 : x - tw;
        canvas_set_fill(cv, *back, 1);
        canvas_rect(cv, lx - 1, ymid - th / 2, tw + 2, th);
        canvas_fill(cv);
    }
    cd_text_mid(cv, x, ymid, size, align, colour, s);
    canvas_group_end(cv);
}

void cd_value_omitted(canvas *cv) { canvas_probe_omit(cv); }

const rgb *cd_label_back(const chart *c, size_t s)
{
    return c->ns && c->hatch[s % c->ns] ? &c->colours[s % c->ns] : NULL;
}

static size_t utf8_prev(const char *s, size_t i)
{
    while (i > 0 && ((unsigned char)s[--i] & 0xC0) == 0x80)
        ;
    return i;
}

/* s[start..] cut so that it plus "…" fits width. */
static char *ellipsize(const font *fo, const char *s, size_t start,
                       size_t end, double size, double width)
{
    buf b = BUF_INIT;
    while (end > start) {
        buf_reset(&b);
        buf_put(&b, s + start, end - start);
        buf_puts(&b, "…");
        if (cd_text_w(fo, buf_cstr(&b), size) <= width)
            return buf_detach(&b);
        end = utf8_prev(s, end);
    }
    buf_reset(&b);
    buf_puts(&b, "…");
    return buf_detach(&b);
}

/* Narrows the measure until every line of *ll (n lines of s broken at
 * width) fits width as drawn; returns the new line count. */
static size_t fit_drawn(const font *fo, const char *s, size_t len,
                        double size, double width, lb_line **ll, size_t n)
{
    double measure = width;
    for (int it = 0; it < 8; it++) {
        double over = 0;
        for (size_t i = 0; i < n; i++) {
            double dw = font_text_width(fo, s + (*ll)[i].start,
                                        (*ll)[i].end - (*ll)[i].start, size);
            if (dw - width > over)
                over = dw - width;
        }
        if (over <= 1e-6)
            break;
        free(*ll);
        measure -= over;
        if (measure <= 1)
            measure = 1;
        n = lb_break(fo, s, len, size, measure, ll);
    }
    return n;
}

static size_t wrap_lines(const font *fo, const char *s, double size,
                         double width, size_t maxlines, char ***lines)
{
    size_t len = strlen(s);
    if (maxlines == 0)
        maxlines = 1;
    lb_line *ll = NULL;
    size_t n;
    if (fo && width > 0) {
        n = lb_break(fo, s, len, size, width, &ll);
        /* The breaker measures with JLREQ spacing (half-width brackets and
         * middle dots), but labels are drawn as plain runs: a line it fits
         * can be wider when drawn, and spilled past the label column
         * ("組織・職員（行政改革を含む）").  Narrow the measure by the
         * excess until every line fits as drawn. */
        n = fit_drawn(fo, s, len, size, width, &ll, n);
        if (n > 1 && n <= maxlines) {
            /* Balance the lines: the narrowest measure that still needs
             * no more lines, so "チャットボットによる応|答" becomes
             * "チャットボット|による応答". */
            double lo = width * 0.3, hi = width;
            for (int it = 0; it < 12; it++) {
                double mid = (lo + hi) / 2;
                lb_line *t = NULL;
                size_t m = lb_break(fo, s, len, size, mid, &t);
                int fits = m <= n;
                for (size_t i = 0; i < m && fits; i++)
                    if (t[i].width > mid + 1e-9)
                        fits = 0;
                free(t);
                if (fits)
                    hi = mid;
                else
                    lo = mid;
            }
            free(ll);
            n = lb_break(fo, s, len, size, hi, &ll);
            n = fit_drawn(fo, s, len, size, hi, &ll, n);
        }
    } else {
        /* No font (the preferred aspect is computed without one): greedy
         * by characters with the estimated widths. */
        ll = xcalloc(len + 1, sizeof *ll);
        n = 0;
        size_t i = 0;
        while (i < len || n == 0) {
            size_t st = i;
            double w = 0;
            while (i < len) {
                size_t j = i + 1;
                while (j < len && ((unsigned char)s[j] & 0xC0) == 0x80)
                    j++;
                char ch[8] = {0};
                memcpy(ch, s + i, j - i < 7 ? j - i : 7);
                double cw = cd_text_w(NULL, ch, size);
                if (w + cw > width && i > st)
                    break;
                w += cw;
                i = j;
            }
            ll[n].start = st;
            ll[n].end = i;
            ll[n].width = w;
            n++;
            if (i >= len)
                break;
        }
    }
    size_t keep = n < maxlines ? n : maxlines;
    char **out = xcalloc(keep ? keep : 1, sizeof *out);
    for (size_t i = 0; i < keep; i++) {
        size_t end = ll[i].end;
        if (i + 1 == keep && keep < n)
            out[i] = ellipsize(fo, s, ll[i].start, len, size, width);
        else
            out[i] = xstrndup(s + ll[i].start, end - ll[i].start);
        /* A line wider than the measure (an unbreakable run, or the line
         * breaker's own spacing) is cut with "…" at the plain width. */
        if (cd_text_w(fo, out[i], size) > width + 1e-9) {
            free(out[i]);
            out[i] = ellipsize(fo, s, ll[i].start, end, size, width);
        }
    }
    free(ll);
    *lines = out;
    return keep;
}

void cd_free_lines(char **lines, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(lines[i]);
    free(lines);
}

/* cd_wrap, and its count alone when lines is NULL (nothing copied out of
 * the memo then). */
static size_t wrap_memo(const chart *c, const font *fo, const char *s,
                        double size, double width, size_t maxlines,
                        char ***lines)
{
    struct cd_memo *m = c ? c->memo : NULL;
    char **own;
    if (!m) {
        size_t n =
            wrap_lines(fo, s, size, width, maxlines, lines ? lines : &own);
        if (!lines)
            cd_free_lines(own, n);
        return n;
    }
    size_t len = strlen(s);
    unsigned char stack[256];
    size_t head = sizeof fo + 2 * sizeof(double) + sizeof maxlines;
    size_t klen = head + len;
    unsigned char *key = klen <= sizeof stack ? stack : xmalloc(klen);
    memcpy(key, &fo, sizeof fo);
    memcpy(key + sizeof fo, &size, sizeof size);
    memcpy(key + sizeof fo + sizeof size, &width, sizeof width);
    memcpy(key + head - sizeof maxlines, &maxlines, sizeof maxlines);
    memcpy(key + head, s, len);
    size_t n;
    int found = cd_memo_get(m, key, klen, lines, &n, NULL);
    if (!found) {
        n = wrap_lines(fo, s, size, width, maxlines, &own);
        cd_memo_put(m, key, klen, own, n);
        if (lines)
            *lines = own;
        else
            cd_free_lines(own, n);
    }
    if (key != stack)
        free(key);
    return n;
}

size_t cd_wrap(const chart *c, const font *fo, const char *s, double size,
               double width, size_t maxlines, char ***lines)
{
    return wrap_memo(c, fo, s, size, width, maxlines, lines);
}

/* Lines the widest wrapped category label needs at width w. */
size_t cd_max_lines(const chart *c, const font *fo, double size, double w,
                    size_t limit)
{
    size_t best = 1;
    for (size_t x = 0; x < c->nx; x++) {
        size_t n = wrap_memo(c, fo, c->x_short[x], size, w, limit, NULL);
        if (n > best)
            best = n;
    }
    return best;
}

/* Draws a wrapped label: lines centred on (cx, ...) or right-aligned at cx
 * (align 2), the block centred vertically on ymid (or starting at ytop when
 * ymid < 0). */
void cd_wrapped(const chart *c, canvas *cv, boxset *bs, const char *s,
                double size, double width, size_t maxl, double x, int align,
                double ymid, double ytop)
{
    char **ln;
    size_t n = cd_wrap(c, cv->font, s, size, width, maxl, &ln);
    double lh = size * 1.2;
    double y0 = ymid >= 0 ? ymid - (double)n * lh / 2 : ytop;
    for (size_t i = 0; i < n; i++) {
        double w = cd_text_w(cv->font, ln[i], size);
        double lx = align == 1 ? x - w / 2 : align == 2 ? x - w : x;
        cd_text_mid(cv, x, y0 + lh * ((double)i + 0.5), size, align,
                    look_rgb(LOOK_INK), ln[i]);
        cd_box_add(bs, lx, y0 + lh * (double)i, w, lh);
    }
    cd_free_lines(ln, n);
}

/* ------------------------------------------------------------------ */
/* Label boxes */

int cd_box_free(const boxset *bs, double x, double y, double w, double h)
{
    /* A box is free when it keeps CHART_LABEL_GAP from every box placed
     * (boxes exactly that far apart are free of each other).  The
     * tolerance keeps the answer the same wherever the chart is drawn:
     * rounding at one position on the page made two labels that were
     * exactly the gap apart come 1e-14 too close and dropped a label the
     * SVG (drawn at 0, 0) kept. */
    const double g = CHART_LABEL_GAP - 1e-6;
    for (size_t i = 0; i < bs->n; i++) {
        const double *o = bs->b[i];
        if (x < o[0] + o[2] + g && o[0] < x + w + g && y < o[1] + o[3] + g &&
            o[1] < y + h + g)
            return 0;
    }
    return 1;
}

void cd_box_add(boxset *bs, double x, double y, double w, double h)
{
    bs->b = xgrow(bs->b, &bs->cap, bs->n + 1, sizeof *bs->b);
    bs->b[bs->n][0] = x;
    bs->b[bs->n][1] = y;
    bs->b[bs->n][2] = w;
    bs->b[bs->n][3] = h;
    bs->n++;
}

void cd_boxset_free(boxset *bs)
{
    free(bs->b);
    bs->b = NULL;
    bs->n = bs->cap = 0;
}

/* ------------------------------------------------------------------ */
/* Value labels */

static void value_label(const chart *c, buf *out, size_t f, size_t x,
                        size_t s, double share)
{
    double v = c->raw[chart_at(c, f, x, s)];
    switch (c->labels) {
    case LAB_VALUE:
        if (c->normalise)
            fmt_percent(out, c->val[chart_at(c, f, x, s)], 0);
        else
            fmt_number(out, v, c->value_decimals);
        break;
    case LAB_PERCENT:
        fmt_percent(out, c->normalise ? c->val[chart_at(c, f, x, s)] : share,
                    0);
        break;
    case LAB_BOTH:
        fmt_number(out, v, c->value_decimals);
        buf_puts(out, "，");
        fmt_percent(out, share, 0);
        break;
    default:
        break;
    }
}

/* Memoised: a chart is drawn many times with the same labels. */
void chart_value_label(const chart *c, buf *out, size_t f, size_t x,
                       size_t s, double share)
{
    unsigned char mk[1 + 3 * sizeof(size_t) + sizeof share];
    mk[0] = 'V';
    memcpy(mk + 1, &f, sizeof f);
    memcpy(mk + 1 + sizeof f, &x, sizeof x);
    memcpy(mk + 1 + 2 * sizeof f, &s, sizeof s);
    memcpy(mk + 1 + 3 * sizeof f, &share, sizeof share);
    if (cd_memo_get(c->memo, mk, sizeof mk, NULL, NULL, out))
        return;
    size_t at = out->len;
    value_label(c, out, f, x, s, share);
    char *text = xstrndup(out->data ? out->data + at : "", out->len - at);
    cd_memo_put(c->memo, mk, sizeof mk, &text, 1);
    free(text);
}
