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

void chart_column_head(const column *col, buf *label, buf *unit)
{
    size_t before = label->len;
    schema_description_parts(
        col->description ? col->description : "",
        col->type == COL_INTEGER || col->type == COL_DECIMAL, label, unit);
    if (label->len == before)
        buf_puts(label, col->name);
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
