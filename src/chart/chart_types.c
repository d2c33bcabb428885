/* chart_types: THE table of chart types.  One row per type: its name, the
 * keys it takes and needs, the hints for keys it does not take, what
 * labels: on means, its value rules, the palette order of its series, when
 * it shows a legend, and the functions of its own file: the panel drawing
 * (panel_ops), the alternative text and the data grid.  Nothing outside
 * this table and the type files tests which type a chart is.
 *
 * Adding a type (docs/charts.md, "Adding a chart type"): a file
 * chart_NAME.c defining its panel_ops and its alt function, and a row here
 * with the two declarations below. */
#include <string.h>

#include "chart_impl.h"

/* What the type files define (chart_bar.c, chart_pie.c, chart_venn.c,
 * chart_line.c). */
extern const panel_ops chart_stacked100_ops, chart_bar_ops, chart_pie_ops,
    chart_donut_ops, chart_venn_ops, chart_line_ops;
chart_alt_fn chart_stacked100_alt, chart_stacked_alt, chart_grouped_alt,
    chart_pie_alt, chart_donut_alt, chart_venn_alt, chart_line_alt;
chart_grid_fn chart_venn_grid;

#define B(k) (1u << (k))
/* Keys every type takes. */
#define COMMON                                                               \
    (B(K_TYPE) | B(K_DATA) | B(K_FILTER) | B(K_Y) | B(K_VALUE) |             \
     B(K_FACET) | B(K_LABELS) | B(K_UNIT) | B(K_COLOURS) | B(K_PATTERNS) |   \
     B(K_TITLE) | B(K_SIZE) | B(K_ALT) | B(K_LEGEND))
#define BARS                                                                 \
    (COMMON | B(K_X) | B(K_SERIES) | B(K_SORT) | B(K_TOP) | B(K_OTHER) |     \
     B(K_NORMALISE) | B(K_DIRECTION))
#define SLICES (COMMON | B(K_SERIES) | B(K_SORT) | B(K_TOP) | B(K_OTHER))

/* Lines and Venn sets skip the palette's light colours (docs/charts.md,
 * Palette): palette colours 1, 4, 5, 2, 7, 8, 3, 6 and 2, 4, 5. */
static const size_t line_colours[] = {0, 3, 4, 1, 6, 7, 2, 5};
static const size_t venn_colours[] = {1, 3, 4};

const chart_type chart_types[] = {
    {
        .name = "stacked-bar-100",
        .family = CHART_FAMILY_BAR,
        .allowed = BARS,
        .required = B(K_X) | B(K_SERIES),
        .default_labels = LAB_PERCENT,
        .shares = 1,
        .shares_hint = "a 100% stacked bar always shows each segment's "
                       "share of its bar; use type: stacked-bar",
        .stacked = 1,
        .show_legend = SHOW_LEGEND_SEVERAL,
        .ops = &chart_stacked100_ops,
        .alt = chart_stacked100_alt,
        .grid = chart_grid_by_bar,
    },
    {
        .name = "stacked-bar",
        .family = CHART_FAMILY_BAR,
        .allowed = BARS,
        .required = B(K_X) | B(K_SERIES),
        .default_labels = LAB_DEFAULT,
        .stacked = 1,
        .show_legend = SHOW_LEGEND_SEVERAL,
        .ops = &chart_bar_ops,
        .alt = chart_stacked_alt,
        .grid = chart_grid_by_bar,
    },
    {
        .name = "grouped-bar",
        .family = CHART_FAMILY_BAR,
        .alias = "bar",
        .allowed = BARS,
        .required = B(K_X),
        .default_labels = LAB_DEFAULT,
        .show_legend = SHOW_LEGEND_SEVERAL,
        .ops = &chart_bar_ops,
        .alt = chart_grouped_alt,
        .grid = chart_grid_by_bar,
    },
    {
        .name = "pie",
        .family = CHART_FAMILY_PIE,
        .allowed = SLICES,
        .required = B(K_SERIES),
        .unused_hint = {[K_X] =
                            "a pie has no x axis: name the slices with "
                            "\"series:\" and give \"facet:\" for one pie per "
                            "value"},
        .default_labels = LAB_BOTH,
        .labels_both = 1,
        .zeros = ZEROS_EMPTY_PANEL,
        .show_legend = SHOW_LEGEND_ALWAYS,
        .ops = &chart_pie_ops,
        .alt = chart_pie_alt,
        .grid = chart_grid_by_bar,
    },
    {
        .name = "donut",
        .family = CHART_FAMILY_DONUT,
        .allowed = SLICES,
        .required = B(K_SERIES),
        .unused_hint = {[K_X] = "a donut has no x axis: name the slices with "
                                "\"series:\" and give \"facet:\" for one donut "
                                "per value"},
        .default_labels = LAB_BOTH,
        .labels_both = 1,
        .zeros = ZEROS_EMPTY_PANEL,
        .show_legend = SHOW_LEGEND_ALWAYS,
        .ops = &chart_donut_ops,
        .alt = chart_donut_alt,
        .grid = chart_grid_by_bar,
    },
    {
        .name = "venn",
        .family = CHART_FAMILY_VENN,
        .allowed = COMMON | B(K_SETS),
        .required = B(K_SETS),
        .unused_hint = {[K_X] = "a venn takes its regions from the membership "
                                "columns named by \"sets:\"",
                        [K_SERIES] = "a venn takes its regions from the "
                                     "membership columns named by \"sets:\""},
        .default_labels = LAB_DEFAULT,
        .labels_both = 1,
        .colour_order = venn_colours,
        .ncolour_order = sizeof venn_colours / sizeof venn_colours[0],
        .show_legend = SHOW_LEGEND_NEVER,
        .ops = &chart_venn_ops,
        .alt = chart_venn_alt,
        .grid = chart_venn_grid,
    },
    {
        .name = "line",
        .family = CHART_FAMILY_LINE,
        .allowed = COMMON | B(K_X) | B(K_SERIES) | B(K_TOP) | B(K_OTHER) |
                   B(K_NORMALISE),
        .required = B(K_X),
        .default_labels = LAB_DEFAULT,
        .negative_ok = 1,
        .colour_order = line_colours,
        .ncolour_order = sizeof line_colours / sizeof line_colours[0],
        .zeros = ZEROS_DRAWN,
        .show_legend = SHOW_LEGEND_SEVERAL,
        .ops = &chart_line_ops,
        .alt = chart_line_alt,
        .grid = chart_grid_by_bar,
    },
};

const size_t chart_type_count = sizeof chart_types / sizeof chart_types[0];

const chart_type *chart_type_find(const char *name)
{
    for (size_t i = 0; i < chart_type_count; i++) {
        const chart_type *t = &chart_types[i];
        if (!strcmp(name, t->name) || (t->alias && !strcmp(name, t->alias)))
            return t;
    }
    return NULL;
}

size_t chart_type_names(const char **names)
{
    size_t n = 0;
    for (size_t i = 0; i < chart_type_count; i++) {
        names[n++] = chart_types[i].name;
        if (chart_types[i].alias)
            names[n++] = chart_types[i].alias;
    }
    return n;
}
