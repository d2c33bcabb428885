/* chart_alt: the Japanese alternative text of a chart: its title, then
 * the type's own text (the alt function of its row in chart_types.c),
 * made of the phrases here: the panels, the range of the bars, what is
 * compared, the largest and smallest values, the trend over the years.
 * See chart_impl.h and docs/charts.md (Alternative text). */
#include <stdlib.h>

#include "chart_impl.h"
#include "format.h"

void chart_alt_facets(const chart *c, buf *b)
{
    if (!c->facet_col)
        return;
    for (size_t f = 0; f < c->nf; f++) {
        if (f)
            buf_puts(b, "・");
        buf_puts(b, c->facet_labels[f]);
    }
    buf_puts(b, "ごとに");
}

/* The bars' range: "平成30年度から令和6年度" for years, else the count. */
void chart_alt_x_range(const chart *c, buf *b)
{
    if (c->x_is_year && c->nx > 1) {
        size_t lo = 0, hi = 0;
        for (size_t x = 0; x < c->nx; x++) {
            if (c->x_year[x] < c->x_year[lo])
                lo = x;
            if (c->x_year[x] > c->x_year[hi])
                hi = x;
        }
        buf_printf(b, "%sから%s", c->x_long[lo], c->x_long[hi]);
    } else if (c->nx == 1) {
        buf_puts(b, c->x_long[0]);
    } else {
        buf_printf(b, "%zu項目", c->nx);
    }
}

void chart_alt_value(const chart *c, buf *b, double v)
{
    if (c->normalise) {
        fmt_percent(b, v, 0);
        return;
    }
    fmt_number(b, v, c->value_decimals);
    buf_puts(b, *c->unit ? c->unit : "");
}

/* Where a cell is, in words: "指定都市の音声認識（令和6年度）". */
static void cell_name(const chart *c, buf *b, size_t f, size_t x,
                          size_t s)
{
    if (c->facet_col)
        buf_printf(b, "%sの", c->facet_labels[f]);
    if (c->x_col)
        buf_puts(b, c->x_long[x]);
    if (c->series_col) {
        if (c->x_col)
            buf_printf(b, "（%s）", c->series_labels[s]);
        else
            buf_puts(b, c->series_labels[s]);
    }
}

/* Largest and smallest cells with data. */
void chart_alt_extremes(const chart *c, buf *b)
{
    size_t n = c->nf * c->nx * c->ns, hi = n, lo = n;
    for (size_t i = 0; i < n; i++) {
        if (!c->have[i])
            continue;
        if (hi == n || c->val[i] > c->val[hi])
            hi = i;
        if (lo == n || c->val[i] < c->val[lo])
            lo = i;
    }
    if (hi == n)
        return;
    size_t per_f = c->nx * c->ns;
    buf_puts(b, "最も大きいのは");
    cell_name(c, b, hi / per_f, hi % per_f / c->ns, hi % c->ns);
    buf_puts(b, "の");
    chart_alt_value(c, b, c->val[hi]);
    if (lo != hi) {
        buf_puts(b, "、最も小さいのは");
        cell_name(c, b, lo / per_f, lo % per_f / c->ns, lo % c->ns);
        buf_puts(b, "の");
        chart_alt_value(c, b, c->val[lo]);
    }
    buf_puts(b, "。");
}

/* The trend over years: between the first and last year of the x axis (per
 * series) or of the series (summed over the bars). */
void chart_alt_trend(const chart *c, buf *b)
{
    for (size_t f = 0; f < c->nf; f++) {
        double a = 0, z = 0;
        const char *from = NULL, *to = NULL;
        if (c->series_is_year && c->ns > 1) {
            for (size_t x = 0; x < c->nx; x++) {
                a += c->val[chart_at(c, f, x, 0)];
                z += c->val[chart_at(c, f, x, c->ns - 1)];
            }
            from = c->series_labels[0];
            to = c->series_labels[c->ns - 1];
        } else if (c->x_is_year && c->nx > 1) {
            for (size_t s = 0; s < c->ns; s++) {
                a += c->val[chart_at(c, f, 0, s)];
                z += c->val[chart_at(c, f, c->nx - 1, s)];
            }
            from = c->x_long[0];
            to = c->x_long[c->nx - 1];
        } else {
            return;
        }
        if (c->facet_col)
            buf_printf(b, "%sでは", c->facet_labels[f]);
        buf_printf(b, "%sから%sにかけて", from, to);
        if (!c->series_is_year && c->series_col && c->ns > 1 && c->ns <= 4) {
            /* Each series on its own. */
            for (size_t s = 0; s < c->ns; s++) {
                double sa = c->val[chart_at(c, f, 0, s)];
                double sz = c->val[chart_at(c, f, c->nx - 1, s)];
                if (s)
                    buf_puts(b, "、");
                buf_printf(b, "%sは", c->series_labels[s]);
                chart_alt_value(c, b, sa);
                buf_puts(b, "から");
                chart_alt_value(c, b, sz);
                buf_printf(b, "に%s", fmt_trend(sz - sa, 0));
            }
            buf_puts(b, "。");
            continue;
        }
        buf_puts(b, "合計が");
        chart_alt_value(c, b, a);
        buf_puts(b, "から");
        chart_alt_value(c, b, z);
        buf_printf(b, "に%s。", fmt_trend(z - a, 0));
    }
}

void chart_alt_compare(const chart *c, buf *b, const char *what)
{
    chart_alt_facets(c, b);
    chart_alt_x_range(c, b);
    if (c->series_col && c->ns > 1) {
        buf_puts(b, "について");
        for (size_t s = 0; s < c->ns; s++) {
            if (s)
                buf_puts(b, "・");
            buf_puts(b, c->series_labels[s]);
        }
    }
    buf_puts(b, what);
    chart_alt_extremes(c, b);
}

char *chart_alt_text(const chart *c)
{
    buf b = BUF_INIT;
    if (*c->title)
        buf_printf(&b, "%sの", c->title);
    c->type->alt(c, &b);
    return buf_detach(&b);
}

char *chart_alt_in_box(const chart *c, const font *fo, double w, double h)
{
    buf b = BUF_INIT;
    buf_puts(&b, c->alt);
    if (chart_omitted_labels(c, fo, w, h) > 0)
        buf_puts(&b, "一部の数値ラベルは場所がないため省略している"
                     "（すべての値はデータ表に示す）。");
    return buf_detach(&b);
}
