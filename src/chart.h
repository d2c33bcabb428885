/* chart: a chart spec (a ```chart fenced block in a template) turned into
 * data and drawn through the canvas.
 *
 * Spec: one "key: value" per line (see docs/charts.md).  Keys for the
 * first chart type, a 100%-stacked horizontal bar chart:
 *
 *   type: stacked-bar-100      (the type)
 *   data: ai_adoption_status   (a table in data/)
 *   filter: year >= 2019       (an expression, optional)
 *   x: year                    (the category axis: one bar per value)
 *   series: status             (the stacked segments, in category order)
 *   facet: org_type            (one panel per value, optional)
 *   value: count               (the measured column)
 *   title: …, alt: …, labels: on|off, unit: …
 *
 * Unknown keys and columns are errors at the template's line:column with
 * the nearest name suggested; empty data is an error. */
#ifndef SHIRYO_CHART_H
#define SHIRYO_CHART_H
#include <stddef.h>

#include "canvas.h"
#include "diag.h"
#include "table.h"

typedef struct chart_spec chart_spec;
typedef struct chart chart;

/* text is the block's content (len bytes); lines[i] is the template
 * position of its i-th line (nlines entries).  NULL after errors. */
chart_spec *chart_spec_parse(const char *text, size_t len,
                             const srcloc *lines, size_t nlines,
                             diag_list *d);
void chart_spec_free(chart_spec *s);

/* Resolves the data; NULL after errors. */
chart *chart_build(const chart_spec *s, const tableset *ts, diag_list *d);
void chart_free(chart *c);

/* Draws into the box (x, y, w, h) of the current page. */
void chart_draw(const chart *c, canvas *cv, double x, double y, double w,
                double h);
/* The preferred aspect ratio (height / width) of the chart. */
double chart_aspect(const chart *c);
const char *chart_title(const chart *c); /* "" when none */
/* Alternative text in Japanese, generated from the data unless alt: was
 * given. Owned by the chart. */
const char *chart_alt(const chart *c);
/* The weakest provenance of the values drawn. */
prov chart_prov(const chart *c);

/* The data drawn, as a grid of text cells: row 0 is the header. */
typedef struct grid {
    size_t nrows, ncols;
    char **cells; /* row-major, owned by the chart */
} grid;
const grid *chart_grid(const chart *c);

#endif
