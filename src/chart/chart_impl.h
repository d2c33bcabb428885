/* chart_impl: what the chart modules share and nobody else sees.
 *
 * The family, by job:
 *   chart_spec.c    a ```chart block → chart_spec (keys, checked values)
 *   chart_types.c   THE table of chart types: one row per type
 *   chart.c         chart_build: the settings, then the steps below; the
 *                   accessors of chart.h
 *   chart_cube.c    the value cube: columns, filter, keys, sums, top: and
 *                   その他, sort:, labels, normalise:
 *   palette.c       the palette, colour arithmetic, the series' colours
 *   chart_grid.c    the data grid (site table and CSV)
 *   chart_alt.c     the Japanese alternative text, from phrases
 *   chart_frame.c   the frame: legend, panels, fitting the box; series fills
 *   chart_labels.c  text, wrapped labels, label boxes, value label text
 *   chart_axis.c    nice value axes; the vertical value axis of bars and lines
 *   chart_memo.c    the memo of wrapped labels, with its lock
 *   chart_bar.c, chart_pie.c, chart_venn.c, chart_line.c
 *                   one type each (or a family of types): its panel drawing,
 *                   alt text and (Venn) grid, reached only through its row
 *                   in chart_types.c
 *
 * Helpers shared by the drawing files are prefixed cd_.  Everything here
 * is owned by the chart or the spec it belongs to and freed by chart_free()
 * / chart_spec_free(), unless a function says otherwise. */
#ifndef SHIRYO_CHART_IMPL_H
#define SHIRYO_CHART_IMPL_H
#include <stddef.h>

#include "buf.h"
#include "canvas.h"
#include "chart.h"
#include "diag.h"
#include "palette.h"

/* ------------------------------------------------------------------ */
/* Spec */

enum {
    K_TYPE,
    K_DATA,
    K_FILTER,
    K_X,
    K_Y,
    K_VALUE,
    K_SERIES,
    K_FACET,
    K_SETS,
    K_SORT,
    K_TOP,
    K_OTHER,
    K_NORMALISE,
    K_LABELS,
    K_UNIT,
    K_COLOURS,
    K_PATTERNS,
    K_DIRECTION,
    K_TITLE,
    K_SIZE,
    K_ALT,
    K_LEGEND,
    K_COUNT
};
extern const char *const chart_key_names[K_COUNT];

typedef struct chart_type chart_type;

enum { LEGEND_TOP, LEGEND_BOTTOM, LEGEND_OFF };
/* labels: */
enum { LAB_OFF, LAB_VALUE, LAB_PERCENT, LAB_BOTH, LAB_DEFAULT };
/* sort: */
enum { SORT_KEY, SORT_REVERSE, SORT_LARGEST, SORT_SMALLEST };

#define VENN_MAX_SETS 3

struct chart_spec {
    char *val[K_COUNT];     /* NULL when the key is absent */
    srcloc key_at[K_COUNT]; /* position of the key */
    srcloc val_at[K_COUNT]; /* position of the value's first character */
    srcloc block;           /* first line of the block */
    const chart_type *type; /* its row in chart_types.c; NULL until known */
    int labels; /* LAB_* */
    int legend;
    int sort;     /* SORT_* */
    int normalise;
    int patterns;
    int mono; /* print: mono (chart_spec_set_mono) */
    int horizontal;
    size_t top; /* 0 = all */
    double aspect; /* 0 = automatic */
    rgb *colours;
    size_t ncolours;
    /* sets: column names and their positions in the template */
    char *sets[VENN_MAX_SETS];
    srcloc sets_at[VENN_MAX_SETS];
    size_t nsets;
};

/* ------------------------------------------------------------------ */
/* The built chart */

/* One text the chart draws and where it came from. */
typedef struct chart_text {
    const char *text;
    srcloc at;
} chart_text;

struct chart {
    const chart_type *type;
    const table *data; /* the table of data: (the deck's tableset's) */
    int horizontal;
    char *title;
    char *alt;
    int alt_given;
    int labels; /* LAB_*, never LAB_DEFAULT */
    int legend;
    int patterns; /* patterns: on, or print: mono */
    int mono;     /* print: mono: greys, hatching, labels on a plain box */
    int normalise; /* values are shares (stacked-bar-100 or normalise: on) */
    double aspect;
    char *facet_col, *x_col, *series_col, *unit;
    /* the data grid's headers of the facet and x columns and of the
     * values, and the value column's unit (chart_column_head) */
    char *facet_head, *x_head, *value_head, *value_unit;
    int x_is_year, series_is_year;
    size_t nf, nx, ns;
    char **facet_labels;
    char **x_short, **x_long; /* axis label, data-table label */
    int *x_year;
    char **series_labels;
    int *series_year; /* [s]: the year of a year series (an その他 series: 0) */
    rgb *colours;
    /* [s]: the hatching of series s, 0 (none) to 5 (chart_colours_assign):
     * patterns: on, print: mono, or where its colour's grey lies less
     * than CHART_MIN_DELTA_L from that of a series with the same
     * hatching (beyond the palette's eight colours, or colours:). */
    unsigned char *hatch;
    double *val;         /* [f][x][s], as drawn (shares when normalised) */
    double *raw;         /* [f][x][s], the summed data values */
    unsigned char *have; /* [f][x][s] */
    int value_decimals;
    /* venn: ns == 1 << nsets, series index = membership bit mask (bit i =
     * in set i); index 0 = in no set. */
    size_t nsets;
    char *set_names[VENN_MAX_SETS];
    prov prov;
    unsigned marks; /* PROV_BIT of every provenance but final drawn */
    grid g;
    /* Wrapped labels and value label texts, kept for the chart's lifetime:
     * a chart is drawn many times (the PDF, each site width, every height
     * tried while fitting it) with the same labels at the same sizes.
     * Created with the chart, freed by chart_free().  It is the only
     * state written while a chart is drawn, through a const chart: its
     * lock lets one chart be drawn from several threads at once (the PDF
     * and the site are to be written in parallel); see chart_memo.c. */
    struct cd_memo *memo;
    rgb *text_on; /* [s]: chart_text_colour_on(colours[s]) */
    /* Every text of the chart that comes from the user (labels from data
     * cells and headers, その他 or other:, unit:, title:), with the
     * position it came from, for chart_check_text; the texts are the
     * chart's own strings above. */
    chart_text *texts;
    size_t ntexts, ctexts;
};

/* Records one of the chart's texts and where it came from (chart.c). */
void chart_add_text(chart *c, const char *text, srcloc at);

/* The index of the cell of panel f, bar x, series s in val, raw and have. */
static inline size_t chart_at(const chart *c, size_t f, size_t x, size_t s)
{
    return (f * c->nx + x) * c->ns + s;
}

/* Sum of the positive values of bar (f, x) (chart.c). */
double chart_bar_total(const chart *c, size_t f, size_t x);
/* Value label text of cell (f, x, s) according to c->labels, appended;
 * memoised (chart_labels.c). */
void chart_value_label(const chart *c, buf *out, size_t f, size_t x,
                       size_t s, double share);
/* Region label of a Venn mask, the series of sets: "AIのみ", "AI・RPA",
 * "いずれもなし" (chart_cube.c). */
void chart_venn_region_name(const chart *c, buf *out, size_t mask);

/* ------------------------------------------------------------------ */
/* Labels (chart_labels.c) */

/* Text width with the canvas's font, or an estimate (1 em for non-ASCII,
 * 0.55 em for ASCII) when there is none. */
double cd_text_w(const font *fo, const char *s, double size);
double cd_ascent(const font *fo);
double cd_descent(const font *fo);
/* Text aligned left (0), centre (1) or right (2) of x, baseline y. */
void cd_text(canvas *cv, double x, double y, double size, int align,
             rgb colour, const char *s);
/* Text centred vertically on ymid. */
void cd_text_mid(canvas *cv, double x, double ymid, double size, int align,
                 rgb colour, const char *s);

/* A value label: s at size, anchored as cd_text_mid, inside a group of
 * its own (see CHART_LABEL_GAP in chart.h); on a plain box of *back (1 pt
 * wider each side than the text) when back is not NULL, so that a label
 * over hatching stays readable.  cd_label_back gives the back of a label
 * inside series s's fill: its colour when it is hatched, else NULL. */
void cd_value_text(canvas *cv, double x, double ymid, double size, int align,
                   rgb colour, const rgb *back, const char *s);
const rgb *cd_label_back(const chart *c, size_t s);
/* A value label left out for want of room (counted by a probe canvas:
 * chart_omitted_labels). */
void cd_value_omitted(canvas *cv);

/* Lines of s broken with lb_break at width (at most maxlines; the last one
 * is cut with "…" when more would be needed).  Returns the count; *lines
 * are malloc'ed strings (free with cd_free_lines).  The result is looked
 * up in c's memo first when c is not NULL (the same arguments give the
 * same lines). */
size_t cd_wrap(const chart *c, const font *fo, const char *s, double size,
               double width, size_t maxlines, char ***lines);
void cd_free_lines(char **lines, size_t n);

/* A set of placed label boxes, to keep labels from overlapping. */
typedef struct boxset {
    double (*b)[4]; /* x, y, w, h */
    size_t n, cap;
} boxset;
int cd_box_free(const boxset *bs, double x, double y, double w, double h);
void cd_box_add(boxset *bs, double x, double y, double w, double h);
void cd_boxset_free(boxset *bs);

/* The widest first character of the category labels (x_short) at size:
 * a slot narrower than that shows no character of some label. */
double cd_first_char_w(const chart *c, const font *fo, double size);
/* The lines the widest category label (x_short) takes wrapped at width w,
 * at most limit (at least 1). */
size_t cd_max_lines(const chart *c, const font *fo, double size, double w,
                    size_t limit);
/* Draws s wrapped at width, at most maxl lines of size * 1.2: each line
 * centred on x (align 1) or right-aligned at x (align 2), the block centred
 * on ymid, or from ytop down when ymid < 0; adds each line's box to bs. */
void cd_wrapped(const chart *c, canvas *cv, boxset *bs, const char *s,
                double size, double width, size_t maxl, double x, int align,
                double ymid, double ytop);

/* ------------------------------------------------------------------ */
/* The memo (chart_memo.c) */

/* The memo of a chart (see struct chart); cd_memo_free(NULL) is a no-op.
 * cd_memo_get returns 1 when the key is there, and then gives copies of
 * its strings in *lines (free with cd_free_lines), their number in *n and
 * the first string appended to first, each only when not NULL; 0 when
 * the key is not there.  cd_memo_put stores copies.  Keys are compared
 * byte for byte: callers lay them out without padding.  Both may be
 * called from several threads at once. */
struct cd_memo *cd_memo_new(void);
void cd_memo_free(struct cd_memo *m);
int cd_memo_get(struct cd_memo *m, const void *key, size_t klen,
                char ***lines, size_t *n, buf *first);
void cd_memo_put(struct cd_memo *m, const void *key, size_t klen,
                 char *const *lines, size_t n);

/* ------------------------------------------------------------------ */
/* Axes (chart_axis.c) */

/* Nice axis: ticks from lo to hi by step, covering [min, max]. */
typedef struct axis {
    double lo, hi, step;
    int decimals;
    int percent; /* tick labels as percentages (values are ratios) */
} axis;
void cd_axis(double min, double max, int percent, axis *a);
/* The same with fewer ticks when their labels (at size) would not fit
 * length points: along = 1 when labels lie along the axis (horizontal
 * axis), 0 when they are stacked (vertical axis). */
void cd_axis_fit(double min, double max, int percent, const font *fo,
                 double size, double length, int along, axis *a);
void cd_tick_label(const axis *a, double v, buf *out);

/* ------------------------------------------------------------------ */
/* The frame and series fills (chart_frame.c) */

/* Fills the current path in series s's colour, with hatching for
 * patterns: on.  The path must be given by the callback, which is called
 * once to fill and once to clip. */
typedef void (*cd_path_fn)(canvas *cv, const double *args);
void cd_fill_series(const chart *c, canvas *cv, size_t s, cd_path_fn path,
                    const double *args, double bx, double by, double bw,
                    double bh);
void cd_rect_path(canvas *cv, const double *args); /* x y w h */
/* Hatching kind 1..5 (0 = none) in colour, clipped to the path, over the
 * bounding box (bx, by, bw, bh). */
void cd_hatch(canvas *cv, int kind, rgb colour, cd_path_fn path,
              const double *args, double bx, double by, double bw, double bh);

/* The frame: the legend and a grid of panels. */
typedef struct frame {
    double fs;       /* base font size */
    double tick_fs;  /* tick and axis label size */
    double legend_h; /* height of the legend block */
    size_t legend_rows;
    size_t pcols, prows;
    double panel_w, panel_h;
    double gap;
    double head_h; /* facet title row */
} frame;

/* Per-type panel drawing.  natural_h gives the panel height that looks as
 * designed for a panel width; draw draws panel f into the box.  pick, when
 * not NULL, gives the ops to use instead for the chart (a type drawn
 * differently by orientation or by its data), and nothing else is set. */
typedef struct panel_ops panel_ops;
struct panel_ops {
    const panel_ops *(*pick)(const chart *c);
    double min_panel_w;
    double (*natural_h)(const chart *c, const font *fo, const frame *F,
                        double pw);
    /* Smallest panel height that still draws (below it the fonts shrink). */
    double (*min_h)(const chart *c, const font *fo, const frame *F,
                    double pw);
    /* The part of min_h each category (bar) takes, when min_h grows with
     * their number (horizontal bars); NULL otherwise.  chart_fits says
     * from it how many categories would fit. */
    double (*pitch)(const chart *c, const frame *F);
    /* The most categories whose labels, side by side across a panel pw
     * wide, still show a character each (vertical bars); NULL when the
     * width does not limit them. */
    size_t (*most_across)(const chart *c, const font *fo, const frame *F,
                          double pw);
    void (*draw)(const chart *c, canvas *cv, const frame *F, size_t f,
                 double px, double py, double pw, double ph);
};

/* ------------------------------------------------------------------ */
/* The vertical value axis (chart_axis.c) */

/* The value axis at the left of a panel, with the unit above it and the
 * category labels wrapped under the plot: vertical bars and lines.  The
 * two draw it with different spacings, given by the style. */
typedef struct vaxis_style {
    double right;       /* room right of the plot */
    double top;         /* room above the plot (under the unit row) */
    double tick_h;      /* height of a tick label's box */
    double label_pad;   /* room under the category labels */
    size_t label_lines; /* lines a category label may take */
    size_t first_grid;  /* the first tick with a grid line (1: none at lo) */
} vaxis_style;

typedef struct vaxis {
    double px, top, pw, ph; /* the panel: set by the caller */
    axis a;
    size_t nticks;
    double x0, x1, y0, y1; /* the plot */
    double band;           /* the width of one category */
    double unit_h;         /* the unit row (0: no unit:) */
} vaxis;

/* The height of the category labels under a plot width wide. */
double cd_vaxis_labels_h(const chart *c, const font *fo, const frame *F,
                         const vaxis_style *st, double width);
/* Lays out the axis in va's panel for values from lo to hi: a nice axis
 * with as many ticks as fit the plot's height, or *fixed when not NULL.
 * -1 when there is no room for a plot. */
int cd_vaxis_layout(const chart *c, const font *fo, const frame *F,
                    const vaxis_style *st, double lo, double hi,
                    const axis *fixed, vaxis *va);
/* The page y of value v. */
double cd_vaxis_y(const vaxis *va, double v);
/* Draws the grid lines, tick labels, unit and category labels, in that
 * order, and adds the boxes of their text to bs. */
void cd_vaxis_draw(const chart *c, canvas *cv, const frame *F,
                   const vaxis_style *st, const vaxis *va, boxset *bs);

/* ------------------------------------------------------------------ */
/* The chart types (chart_types.c) */

/* The type's own alternative text, after the title (chart_alt.c has the
 * phrases), and its data grid (chart_grid.c has the common one).  A type
 * file declares the functions it defines with these types, as the table
 * does: "chart_alt_fn chart_pie_alt;". */
typedef void chart_alt_fn(const chart *c, buf *out);
typedef void chart_grid_fn(const chart *c, grid *out);

/* What zeros draw (chart_type.zeros): nothing when every value of the
 * chart is 0 (bars, Venn: the default), nothing in a panel whose values
 * are all 0 (pies and donuts: one whole per panel), or a mark at 0 (lines:
 * a flat line is a drawing). */
enum { ZEROS_EMPTY_CHART, ZEROS_EMPTY_PANEL, ZEROS_DRAWN };

/* When the series legend is shown (unless legend: off). */
enum { SHOW_LEGEND_NEVER, SHOW_LEGEND_SEVERAL, SHOW_LEGEND_ALWAYS };

/* A chart type: one row of the table in chart_types.c.  Everything that
 * differs between types is here or behind the functions named here, which
 * the type's own file defines (chart_bar.c, chart_pie.c, chart_venn.c,
 * chart_line.c). */
struct chart_type {
    const char *name;  /* as written after type: */
    const char *alias; /* another name for the same type, or NULL */
    unsigned allowed;  /* the keys it takes: bit k for key K_* k */
    unsigned required; /* the keys it needs */
    /* The hint for a key given but not taken (NULL: the common one). */
    const char *unused_hint[K_COUNT];
    /* What labels: on (or no labels:) means: LAB_*, or LAB_DEFAULT for
     * percent when the values are shares (normalise: on), else value. */
    int default_labels;
    int labels_both; /* takes labels: both */
    /* Values are always shares of their bar: normalise: cannot be off (the
     * hint says why), and the value axis runs 0-100%. */
    int shares;
    const char *shares_hint;
    int stacked;     /* a bar's series stack (normalise: by bar) */
    int negative_ok; /* draws negative values */
    int zeros;       /* ZEROS_*: when zeros leave nothing to draw */
    /* Palette order of the series (colour_order[i % n]); n = 0: 1, 2, 3… */
    const size_t *colour_order;
    size_t ncolour_order;
    int show_legend; /* SHOW_LEGEND_* */
    chart_family family; /* what it is among other programs' charts */
    const panel_ops *ops;
    chart_alt_fn *alt;
    chart_grid_fn *grid;
};

/* The table, in the order the types are listed to users; chart_type_find
 * returns the row of a name or alias, or NULL.  chart_type_names writes
 * every name and alias in that order to names (room for
 * 2 * chart_type_count) and returns how many. */
extern const chart_type chart_types[];
extern const size_t chart_type_count;
const chart_type *chart_type_find(const char *name);
size_t chart_type_names(const char **names);

/* ------------------------------------------------------------------ */
/* Building: the steps of chart_build after the settings (chart.c) */

/* The steps of chart_build.  chart_cube_build (chart_cube.c) fills the
 * value cube of c, whose settings are taken from s: the dimensions, their
 * labels, val/raw/have, the decimals and provenance; -1 after errors.
 * chart_colours_assign (chart.c) sets colours and text_on. */
int chart_cube_build(chart *c, const chart_spec *s, const table *t,
                     diag_list *d);
void chart_colours_assign(chart *c, const chart_spec *s);
/* The place of series i in the palette order (chart.c): its position, or
 * for survey years its recency (0 = the newest, the most prominent
 * colour). */
size_t chart_colour_rank(const chart *c, size_t i);
/* The series in the order their value labels claim room (chart.c): the
 * most prominent first (the newest year), then the last (the oldest
 * year), then the others by rank; order has room for c->ns. */
void cd_label_order(const chart *c, size_t *order);
/* The grid of most types: one row per panel and bar (chart_grid.c). */
chart_grid_fn chart_grid_by_bar;
/* The one rule for a column's header in the data grid and the downloads:
 * its schema description up to the first remark in brackets ("団体数
 * (団体)" gives 団体数), or its name when it has no description; for a
 * number column the remark up to its first ";" is the unit (団体; "" when
 * there is none).  Both are appended to the caller's bufs. */
void chart_column_head(const column *col, buf *label, buf *unit);
/* A grid of nrows x ncols empty cells (cells, values, numeric). */
void chart_grid_alloc(grid *g, size_t nrows, size_t ncols);
/* The header of a value column: label and the values' unit (unit:, else
 * the value column's), as "令和4年度（件）"; the caller frees it. */
char *chart_grid_value_head(const chart *c, const char *label);
/* Cell k as the number v, shown with the chart's decimals (1,788). */
void chart_grid_number(const chart *c, grid *g, size_t k, double v);

/* The alternative text (chart_alt.c): the title, then the type's alt;
 * malloc'ed.  The phrases the types' alt functions are made of: the panels
 * ("都道府県・指定都市ごとに"), the bars' range ("平成30年度から令和6年度"
 * or "8項目"), a value with its unit (a percentage when normalised), the
 * comparison (panels, range, series, then what, then the extremes) and the
 * trend from the first to the last year. */
char *chart_alt_text(const chart *c);
void chart_alt_facets(const chart *c, buf *b);
void chart_alt_x_range(const chart *c, buf *b);
void chart_alt_value(const chart *c, buf *b, double v);
void chart_alt_extremes(const chart *c, buf *b);
void chart_alt_compare(const chart *c, buf *b, const char *what);
void chart_alt_trend(const chart *c, buf *b);

#endif
