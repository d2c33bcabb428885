/* html_figure: the parts of a slide's page that carry data: tables and
 * charts.
 *
 * A chart becomes a <figure class="chart"> with its caption, the chart as
 * inline SVG twice (the slide-width drawing, and a narrow drawing with
 * the panels stacked for phones; the stylesheet shows one), then a
 * <details> disclosure holding the data drawn as a table (<caption>,
 * <th scope>) and a link to the same data as CSV, written to
 * site_dir/data/ID.csv.  Nothing here allocates anything the caller
 * frees; output is appended to out. */
#ifndef SHIRYO_HTML_FIGURE_H
#define SHIRYO_HTML_FIGURE_H
#include <stddef.h>

#include "buf.h"
#include "chart.h"
#include "diag.h"
#include "font.h"
#include "table.h"

/* A table of text cells (row 0 the header, column 0 the row headers).
 * caption may be NULL; id (may be NULL) names the caption element so
 * the scrolling wrapper can be labelled by it. */
void html_table(buf *out, size_t nrows, size_t ncols, char *const *cells,
                const char *caption, const char *id);

/* The figure for chart c; id ("s3-f1") names its elements and its CSV
 * file.  0, or -1 with an error added (nothing is left half-written in
 * site_dir). */
int html_chart(buf *out, const chart *c, const font *f, const char *id,
               const char *site_dir, diag_list *d);

/* The width at which the narrow (phone) drawing of a chart is made, in
 * drawing units; the page scales it up to the screen's width. */
#define HTML_CHART_NARROW_WIDTH 230.0
#define HTML_CHART_WIDE_WIDTH 720.0

/* The height for drawing c at width w: the smallest height at which the
 * chart keeps the text size it has when given room, plus a quarter for
 * air (found by drawing into a measuring canvas). */
double html_chart_height(const chart *c, const font *f, double w);

#endif
