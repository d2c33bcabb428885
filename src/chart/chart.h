/* chart: a chart spec (a ```chart fenced block in a template) turned into
 * data and drawn through the canvas.
 *
 * Spec: one "key: value" per line; docs/charts.md documents every key and
 * every type (the types are the rows of the table in chart_types.c).
 *
 *   type: grouped-bar          data: ai_function_counts
 *   filter: year >= 2022       x: function      series: year
 *   facet: org_type            value: count     top: 10
 *   sort: largest              unit: 件         title: …   alt: …
 *
 * Unknown keys and columns, keys the type does not take, values the type
 * cannot draw and empty data are errors at the template's line:column with
 * the nearest name suggested.
 *
 * The spec and the chart are freed by their _free functions; every string
 * and array returned by the accessors is owned by the chart and valid until
 * chart_free().  chart_impl.h maps the modules that implement it. */
#ifndef SHIRYO_CHART_H
#define SHIRYO_CHART_H
#include <stddef.h>

#include "canvas.h"
#include "diag.h"
#include "font.h"
#include "table.h"

typedef struct chart_spec chart_spec;
typedef struct chart chart;

/* text is the block's content (len bytes); lines[i] is the template
 * position of its i-th line (nlines entries).  NULL after errors. */
chart_spec *chart_spec_parse(const char *text, size_t len,
                             const srcloc *lines, size_t nlines,
                             diag_list *d);
void chart_spec_free(chart_spec *s);
/* Sets the chart for black-and-white printing (the deck's print: mono):
 * every series in the grey of its colour and hatched (as patterns: on),
 * value labels over hatching on a plain box of the series' grey. */
void chart_spec_set_mono(chart_spec *s);

/* Resolves the data; NULL after errors. */
chart *chart_build(const chart_spec *s, const tableset *ts, diag_list *d);
void chart_free(chart *c);

/* Draws into the box (x, y, w, h) of the current page. */
void chart_draw(const chart *c, canvas *cv, double x, double y, double w,
                double h);
/* The preferred aspect ratio (height / width) of the chart. */
double chart_aspect(const chart *c);
/* The lowest box, at width w, in which the chart's text keeps a base size
 * of min_fs points or more (ticks and axis labels are 0.85 of it; bar
 * value labels may still be smaller where a bar is thinner than they
 * are); in a lower box the text shrinks further.  Measured with fo, the
 * font the chart will be drawn with, and rounded up by 0.05 pt.  When
 * even the chart's starting size is below min_fs (a box narrower than
 * 420 pt starts at 7 pt), the lowest box at that size. */
double chart_legible_height(const chart *c, const font *fo, double w,
                            double min_fs);
/* The smallest text a chart draws, in points: a value label that would
 * be smaller is left out, and a chart whose axis and category labels
 * would be smaller in its box is not legible (chart_fits). */
#define CHART_TEXT_FLOOR 4.0
/* The least distance between a value label and any other label: labels
 * of neighbouring bars closer than this read as one number (「879879」).
 * Value labels are drawn last in each panel, each inside its own group
 * (canvas_group_begin with an empty label), so a test of the drawing can
 * tell them from the other texts. */
#define CHART_LABEL_GAP 2.0
/* 1 when c can be drawn legibly in a w x h box: the frame chart_draw
 * chooses (its text shrinking by 15% steps while the box is too low)
 * keeps the axis and category labels at CHART_TEXT_FLOOR or more, gives
 * every panel the height its type needs (bars at least 1.2 times the
 * text apart), and, for vertical bars, leaves each category label room
 * for a character.  0 otherwise, with *most the number of categories
 * (bars) that would fit, or 0 when their number is not what decides
 * (panels, a pie). */
int chart_fits(const chart *c, const font *fo, double w, double h,
               size_t *most);
const char *chart_title(const chart *c); /* "" when none */
/* The table of its data (the tableset's, which must outlive it). */
const table *chart_table(const chart *c);
/* Reports every character of the chart's texts that the outputs cannot
 * draw with f (font_check_text), each at the place the text came from:
 * the data cell of a label, the header of a column named in a label, the
 * chart key of the title, unit or other:.  `where` names the chart
 * ("slide 3, chart"); missing as for font_check_text.  Returns the
 * number reported. */
size_t chart_check_text(const chart *c, const font *f, const char *where,
                        uint32_t *missing, diag_list *d);
/* Alternative text in Japanese, generated from the data unless alt: was
 * given. Owned by the chart. */
const char *chart_alt(const chart *c);
/* Draws c into a probe canvas (canvas_probe.h) in a w x h box with fo:
 * *legible the text runs of floor points or more, *omitted the value
 * labels left out for want of room (either may be NULL). */
void chart_probe(const chart *c, const font *fo, double w, double h,
                 double floor, size_t *legible, size_t *omitted);
/* The value labels chart_draw leaves out in a w x h box drawn with fo
 * (a label with no room where it keeps CHART_LABEL_GAP from the others:
 * docs/charts.md, "Value labels"). */
size_t chart_omitted_labels(const chart *c, const font *fo, double w,
                            double h);
/* The alternative text of the chart as drawn in a w x h box: chart_alt,
 * and a sentence saying that value labels were left out when some were
 * (the values are all in the data table); malloc'ed. */
char *chart_alt_in_box(const chart *c, const font *fo, double w, double h);
/* The weakest provenance of the values drawn. */
prov chart_prov(const chart *c);
/* PROV_BIT of every provenance but final among the values drawn. */
unsigned chart_marks(const chart *c);

/* How a chart is drawn, for a writer that expresses it with another
 * program's chart types (the PowerPoint file's native charts): the
 * family of its type, and the choices chart_draw makes. */
typedef enum {
    CHART_FAMILY_BAR, /* grouped, stacked and 100% stacked bars */
    CHART_FAMILY_PIE,
    CHART_FAMILY_DONUT,
    CHART_FAMILY_LINE,
    CHART_FAMILY_VENN
} chart_family;
typedef struct chart_form {
    chart_family family;
    int stacked;        /* bars: a bar's series stack */
    int shares;         /* the values drawn are shares of their bar (100%
                           stacked, or normalise: on): chart_share */
    int horizontal;     /* bars: drawn left to right, first bar on top */
    int labels;         /* value labels: 0 none, 1 the values (shares as
                           percentages when shares), 2 percentages of the bar
                           or pie, 3 both */
    int value_decimals; /* the decimals a value label shows */
    int legend;         /* 0 none, 1 above the plot, 2 below it */
    double value_max;   /* bars and lines: the top of a value scale that
                           every panel shares (a nice number over the
                           largest bar, 1 for shares); 0 otherwise */
    double value_step;  /* the step of its ticks */
} chart_form;
chart_form chart_form_of(const chart *c);

/* Where chart_draw, given the box (x, y, w, h) and the font fo, puts
 * panel f: its box (facet title row included), the height of that row
 * (0 without facet:), the base text size, and the legend's box (h 0 when
 * none is drawn).  0, or -1 when the panel is not drawn (no room). */
typedef struct chart_panel {
    double x, y, w, h;
    double head_h;
    double fs;
    double legend_x, legend_y, legend_w, legend_h;
} chart_panel;
int chart_panel_at(const chart *c, const font *fo, double x, double y, double w,
                   double h, size_t f, chart_panel *out);

/* The data drawn, as a grid of text cells: row 0 is the header, named by
 * chart_column_head's rule.  A number cell's text is as the page shows it
 * (1,788); its value is in values[], for the files that take numbers as
 * numbers (the CSV and workbook downloads). */
typedef struct grid {
    size_t nrows, ncols;
    char **cells;           /* row-major, owned by the chart */
    double *values;         /* row-major: a number cell's value, else 0 */
    unsigned char *numeric; /* row-major: 1 where the cell is a number */
    int decimals;           /* the decimals of the number cells */
} grid;
const grid *chart_grid(const chart *c);
/* The caption of the data grid wherever it is given as a table (the
 * site's table, the PDF's structure): the chart's title, or 「図表のデータ」
 * for a chart without one, and （速報） or （仮） when its values are. */
void chart_data_caption(const chart *c, buf *out);

/* Number of bars per panel and of panels (facets; 1 without facet:). */
size_t chart_bar_count(const chart *c);
size_t chart_facet_count(const chart *c);
size_t chart_series_count(const chart *c);
/* The colour of series i as drawn (colours: or the palette; the newest
 * of series that are survey years takes the first, most prominent colour
 * of the type's order; print: mono makes each its grey). */
rgb chart_series_colour(const chart *c, size_t i);
/* Its hatching, 0 (none) to 5 (palette.h: CHART_HATCH_KINDS). */
int chart_series_hatch(const chart *c, size_t i);
/* The label of panel f (the facet: value), "" without facet:. */
const char *chart_facet_label(const chart *c, size_t f);
/* The radius of a donut's hole as a share of its radius. */
#define CHART_DONUT_HOLE 0.55
/* Series (legend) label i, and bar label i as in the data table. */
const char *chart_series_label(const chart *c, size_t i);
/* Series i's name in the data grid, without its unit: the series label,
 * or, for the one series of a chart without series:, its value column's
 * header (chart_column_head: 回答数 for "回答数 (件)"). */
const char *chart_series_head(const chart *c, size_t i);
const char *chart_bar_label(const chart *c, size_t i);
/* Bar label i as the category axis shows it (H30 for 平成30年度). */
const char *chart_bar_axis_label(const chart *c, size_t i);
/* The chart's unit: (the text of unit:), "" when none. */
const char *chart_unit(const chart *c);
/* The summed data value of panel f, bar x, series s (pie: x = 0; venn:
 * s = the region's membership bit mask, bit i = in the i-th set of sets:,
 * 0 = in none); *have (may be NULL) is 0 when no row had it. */
double chart_value(const chart *c, size_t f, size_t x, size_t s, int *have);
/* That value's share of its bar (pie: of its pie), 0..1. */
double chart_share(const chart *c, size_t f, size_t x, size_t s);

#endif
