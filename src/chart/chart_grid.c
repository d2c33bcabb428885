/* chart_grid: the data drawn, as a grid of text cells for the site's table,
 * its CSV and workbook downloads and the PowerPoint chart's workbook: one
 * row per panel and bar, one column per series (the grid of most types; a
 * type may have its own, see chart_types.c), under headers named by the
 * one rule of chart_column_head.  See chart.h and docs/charts.md (Data
 * table). */
#include <string.h>

#include "chart_impl.h"
#include "format.h"
#include "xalloc.h"

/* Where a description's remark starts: the first "(" or "（", NULL when
 * none. */
static const char *remark_start(const char *s)
{
    const char *a = strchr(s, '('), *b = strstr(s, "（");
    if (!a)
        return b;
    return b && b < a ? b : a;
}

/* Appends s[0..n) without the spaces (ASCII or U+3000) at either end. */
static void put_trimmed(buf *out, const char *s, size_t n)
{
    for (;;) {
        if (n && (s[0] == ' ' || s[0] == '\t')) {
            s++, n--;
        } else if (n >= 3 && memcmp(s, "\u3000", 3) == 0) {
            s += 3, n -= 3;
        } else if (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) {
            n--;
        } else if (n >= 3 && memcmp(s + n - 3, "\u3000", 3) == 0) {
            n -= 3;
        } else {
            break;
        }
    }
    buf_put(out, s, n);
}

void chart_column_head(const column *col, buf *label, buf *unit)
{
    const char *d = col->description ? col->description : "";
    const char *r = remark_start(d);
    size_t before = label->len;
    put_trimmed(label, d, r ? (size_t)(r - d) : strlen(d));
    if (label->len == before)
        buf_puts(label, col->name);
    if (!r || (col->type != COL_INTEGER && col->type != COL_DECIMAL))
        return;
    r += *r == '(' ? 1 : strlen("（");
    size_t n = strcspn(r, ";)");
    const char *cut[] = {"；", "）"};
    for (size_t i = 0; i < 2; i++) {
        const char *p = strstr(r, cut[i]);
        if (p && (size_t)(p - r) < n)
            n = (size_t)(p - r);
    }
    put_trimmed(unit, r, n);
}

void chart_grid_alloc(grid *g, size_t nrows, size_t ncols)
{
    g->nrows = nrows;
    g->ncols = ncols;
    g->cells = xcalloc(nrows * ncols, sizeof *g->cells);
    g->values = xcalloc(nrows * ncols, sizeof *g->values);
    g->numeric = xcalloc(nrows * ncols, 1);
}

char *chart_grid_value_head(const chart *c, const char *label)
{
    buf b = BUF_INIT;
    const char *unit = *c->unit ? c->unit : c->value_unit;
    buf_puts(&b, label ? label : "");
    if (unit && *unit)
        buf_printf(&b, "（%s）", unit);
    return buf_detach(&b);
}

void chart_grid_number(const chart *c, grid *g, size_t k, double v)
{
    buf b = BUF_INIT;
    fmt_number(&b, v, c->value_decimals);
    g->cells[k] = buf_detach(&b);
    g->values[k] = v;
    g->numeric[k] = 1;
    g->decimals = c->value_decimals;
}

/* One row per panel and bar under a header naming the facet column, the x
 * column and each series (with its unit); empty cells where no row had a
 * value. */
void chart_grid_by_bar(const chart *c, grid *g)
{
    size_t k = 0;
    size_t lead = (c->facet_col ? 1 : 0) + (c->x_col ? 1 : 0);
    chart_grid_alloc(g, 1 + c->nf * c->nx, lead + c->ns);
    g->decimals = c->value_decimals;
    char **cells = g->cells;
    if (c->facet_col)
        cells[k++] = xstrdup(c->facet_head);
    if (c->x_col)
        cells[k++] = xstrdup(c->x_head);
    for (size_t s = 0; s < c->ns; s++)
        cells[k++] = chart_grid_value_head(c, chart_series_head(c, s));
    for (size_t f = 0; f < c->nf; f++)
        for (size_t x = 0; x < c->nx; x++) {
            if (c->facet_col)
                cells[k++] = xstrdup(c->facet_labels[f]);
            if (c->x_col)
                cells[k++] = xstrdup(c->x_long[x]);
            for (size_t s = 0; s < c->ns; s++, k++) {
                if (c->have[chart_at(c, f, x, s)])
                    chart_grid_number(c, g, k, c->raw[chart_at(c, f, x, s)]);
                else
                    cells[k] = xstrdup("");
            }
        }
}
