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

/* Colour helpers, public so the tests (and the HTML legend) can use them.
 * The palette: blues for the first series (the first is the darkest),
 * then a light blue, an orange, greys; chosen for distinct CIE L* so the
 * segments stay apart in greyscale and under colour-vision deficiencies
 * (docs/charts.md says how this is checked). */
size_t chart_palette_size(void);
rgb chart_palette_colour(size_t i); /* i wraps around */
/* WCAG 2 relative luminance and contrast ratio (1..21). */
double chart_luminance(rgb c);
double chart_contrast(rgb a, rgb b);
/* CIE L* (D65) of an sRGB colour, 0..100. */
double chart_lightness(rgb c);
/* The label colour for text on bg: white or the dark text colour,
 * whichever contrasts more. */
rgb chart_text_colour_on(rgb bg);

/* Number of bars per panel and of panels (facets; 1 without facet:). */
size_t chart_bar_count(const chart *c);
size_t chart_facet_count(const chart *c);
size_t chart_series_count(const chart *c);
/* The colour of series i as drawn (colours: or the palette). */
rgb chart_series_colour(const chart *c, size_t i);

#endif
