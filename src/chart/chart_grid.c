/* chart_grid: the data drawn, as a grid of text cells for the site's table
 * and its CSV file: one row per panel and bar, one column per series (the
 * grid of most types; a type may have its own, see chart_types.c).  See
 * chart.h and docs/charts.md (Data table). */
#include "chart_impl.h"
#include "format.h"
#include "xalloc.h"

/* One row per panel and bar under a header naming the facet column, the x
 * column and each series (with its unit); empty cells where no row had a
 * value. */
void chart_grid_by_bar(const chart *c, grid *g)
{
    size_t k = 0;
    buf b = BUF_INIT;
    size_t lead = (c->facet_col ? 1 : 0) + (c->x_col ? 1 : 0);
    g->ncols = lead + c->ns;
    g->nrows = 1 + c->nf * c->nx;
    g->cells = xcalloc(g->nrows * g->ncols, sizeof *g->cells);
    char **cells = g->cells;
    if (c->facet_col)
        cells[k++] = xstrdup(c->facet_col);
    if (c->x_col)
        cells[k++] = xstrdup(c->x_col);
    for (size_t s = 0; s < c->ns; s++) {
        buf_puts(&b, c->series_labels[s]);
        if (*c->unit)
            buf_printf(&b, "（%s）", c->unit);
        cells[k++] = buf_detach(&b);
    }
    for (size_t f = 0; f < c->nf; f++)
        for (size_t x = 0; x < c->nx; x++) {
            if (c->facet_col)
                cells[k++] = xstrdup(c->facet_labels[f]);
            if (c->x_col)
                cells[k++] = xstrdup(c->x_long[x]);
            for (size_t s = 0; s < c->ns; s++) {
                if (c->have[chart_at(c, f, x, s)])
                    fmt_number(&b, c->raw[chart_at(c, f, x, s)],
                               c->value_decimals);
                cells[k++] = buf_detach(&b);
            }
        }
}
