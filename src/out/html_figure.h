/* html_figure: the markup of the parts of a slide's page that carry
 * data: tables and charts.
 *
 * A chart becomes a <figure class="chart"> with its caption, the chart as
 * inline SVG twice (the slide-width drawing, and a narrow drawing with
 * the panels stacked for phones; the stylesheet shows one), then a
 * <details> disclosure holding the data drawn as a table (<caption>,
 * <th scope>) and links to the same data as CSV and as an Excel workbook,
 * data/STEM.csv and data/STEM.xlsx (the files are the chart-data
 * writer's, out_data.h), each naming its format, file and size.  Markup
 * only: nothing here reads or writes a file or allocates anything the
 * caller frees; output is appended to out. */
#ifndef SHIRYO_HTML_FIGURE_H
#define SHIRYO_HTML_FIGURE_H
#include <stddef.h>

#include "buf.h"
#include "chart.h"
#include "diag.h"
#include "font.h"
#include "layout.h"
#include "table.h"

/* A table of text cells (row 0 the header, column 0 the row headers).
 * caption may be NULL; id (may be NULL) names the caption element so
 * the scrolling wrapper can be labelled by it. */
void html_table(buf *out, size_t nrows, size_t ncols, char *const *cells,
                const char *caption, const char *id);

/* A chart's data files: their name without the extension, "s3-f1-TITLE"
 * (html_chart_file), and their sizes in bytes (-1: unknown, left out of
 * the link; HTML_SIZE_LATER: the files are not written yet, and the link
 * holds a mark html_fill_sizes() replaces by the size). */
typedef struct html_data_files {
    const char *stem;
    long long csv_bytes, xlsx_bytes;
} html_data_files;
#define HTML_SIZE_LATER (-2LL)

/* Appends html to out with every size mark of a download link replaced
 * by "、" and the size of that file in data_dir (nothing when it cannot
 * be had): the slides are made, in parallel with the PDF, before the
 * chart-data writer has written the files. */
void html_fill_sizes(buf *out, const char *html, const char *data_dir);

/* The figure for chart c; id ("s3-f1") names its elements, files its
 * downloads.  box is where the slide layout drew c (layout.h): the wide
 * picture is drawn in that box, so that it is the PDF's; NULL for a
 * chart the layout did not draw, which gets a box of its own
 * (html_chart_height).  0, or -1 with an error added. */
int html_chart(buf *out, const chart *c, const font *f, const char *id,
               const html_data_files *files, const layout_box *box,
               diag_list *d);

/* The widths, in drawing units, at which charts are drawn: the slide
 * width for wide screens, and a narrow width (panels stacked) that the
 * page scales up to a phone's width. */
#define HTML_CHART_WIDE_WIDTH 720.0
#define HTML_CHART_NARROW_WIDTH 230.0
/* The smallest text size, in drawing units, that is still legible (9 CSS
 * px) where each drawing is shown: the wide one at up to 960 px across,
 * the narrow one at about 358 px (a 390 px phone). */
#define HTML_LEGIBLE_WIDE (9.0 * 720.0 / 960.0)
#define HTML_LEGIBLE_NARROW (9.0 * 230.0 / 358.0)

/* The height for drawing c at width w: the chart's preferred aspect,
 * unless a taller box lets it draw more text runs of at least floor
 * units (labels that it shrinks with thin bars, or leaves out); then the
 * first height, scanning upwards to 18 times the nominal one, with the
 * most such runs, plus a quarter for air when that loses none (measured
 * by drawing into a canvas that only counts text). */
double html_chart_height(const chart *c, const font *f, double w,
                         double floor);

#endif
