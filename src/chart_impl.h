/* chart_impl: what the chart modules share and nobody else sees.
 *
 * chart_spec.c parses a ```chart block into a chart_spec; chart.c builds a
 * chart (the data cube, grid and alt text) from it; chart_draw.c lays out
 * the frame (legend, panels) and holds the drawing helpers; chart_bar.c,
 * chart_pie.c, chart_venn.c and chart_line.c draw one panel of their type;
 * palette.c holds the colours.  Everything here is owned by the chart or the
 * spec it belongs to and freed by chart_free() / chart_spec_free(). */
#ifndef SHIRYO_CHART_IMPL_H
#define SHIRYO_CHART_IMPL_H
#include <stddef.h>

#include "buf.h"
#include "canvas.h"
#include "chart.h"
#include "diag.h"

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

typedef enum {
    CT_STACKED100,
    CT_STACKED,
    CT_GROUPED,
    CT_BAR, /* grouped-bar under another name */
    CT_PIE,
    CT_DONUT,
    CT_VENN,
    CT_LINE,
    CT_COUNT
} chart_type;
extern const char *const chart_type_names[CT_COUNT];

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
    chart_type type;
    int labels; /* LAB_* */
    int legend;
    int sort;     /* SORT_* */
    int normalise;
    int patterns;
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

struct chart {
    chart_type type;
    int horizontal;
    char *title;
    char *alt;
    int alt_given;
    int labels; /* LAB_*, never LAB_DEFAULT */
    int legend;
    int patterns;
    int normalise; /* values are shares (stacked-bar-100 or normalise: on) */
    double aspect;
    char *facet_col, *x_col, *series_col, *unit;
    int x_is_year, series_is_year;
    size_t nf, nx, ns;
    char **facet_labels;
    char **x_short, **x_long; /* axis label, data-table label */
    int *x_year;
    char **series_labels;
    rgb *colours;
    double *val;         /* [f][x][s], as drawn (shares when normalised) */
    double *raw;         /* [f][x][s], the summed data values */
    unsigned char *have; /* [f][x][s] */
    int value_decimals;
    /* venn: ns == 1 << nsets, series index = membership bit mask (bit i =
     * in set i); index 0 = in no set. */
    size_t nsets;
    char *set_names[VENN_MAX_SETS];
    prov prov;
    grid g;
    /* cd_wrap's results, kept for the chart's lifetime: a chart is drawn
     * many times (the PDF, each HTML width, the heights tried to fit it)
     * with the same labels at the same sizes.  Created with the chart,
     * freed by chart_free(); safe to use from several threads. */
    struct cd_memo *memo;
    rgb *text_on; /* [s]: chart_text_colour_on(colours[s]) */
};

#define IDX(c, f, x, s) (((f) * (c)->nx + (x)) * (c)->ns + (s))

/* Sum of the positive values of bar (f, x). */
double chart_bar_total(const chart *c, size_t f, size_t x);
/* Value label text of cell (f, x, s) according to c->labels (appended). */
void chart_value_label(const chart *c, buf *out, size_t f, size_t x,
                       size_t s, double share);
/* Region label of a Venn mask: "AIのみ", "AI・RPA", "いずれもなし". */
void chart_venn_region_name(const chart *c, buf *out, size_t mask);

/* ------------------------------------------------------------------ */
/* Drawing helpers (chart_draw.c) */

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

/* Lines of s broken with lb_break at width (at most maxlines; the last one
 * is cut with "…" when more would be needed).  Returns the count; *lines
 * are malloc'ed strings (free with cd_free_lines).  The result is looked
 * up in c's memo first when c is not NULL (the same arguments give the
 * same lines). */
size_t cd_wrap(const chart *c, const font *fo, const char *s, double size,
               double width, size_t maxlines, char ***lines);
void cd_free_lines(char **lines, size_t n);

/* The memo of a chart (see struct chart); cd_memo_free(NULL) is a no-op.
 * cd_memo_find returns 1 and copies of the strings stored under the key
 * (free with cd_free_lines), or 0; cd_memo_put stores copies.  Keys are
 * compared byte for byte: callers lay them out without padding. */
struct cd_memo *cd_memo_new(void);
void cd_memo_free(struct cd_memo *m);
int cd_memo_find(struct cd_memo *m, const void *key, size_t klen,
                 char ***lines, size_t *n);
void cd_memo_put(struct cd_memo *m, const void *key, size_t klen,
                 char *const *lines, size_t n);

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

/* A set of placed label boxes, to keep labels from overlapping. */
typedef struct boxset {
    double (*b)[4]; /* x, y, w, h */
    size_t n, cap;
} boxset;
int cd_box_free(const boxset *bs, double x, double y, double w, double h);
void cd_box_add(boxset *bs, double x, double y, double w, double h);
void cd_boxset_free(boxset *bs);

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

extern const rgb cd_text_dark, cd_white, cd_axis_grey, cd_grid_grey;

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
 * designed for a panel width; draw draws panel f into the box. */
typedef struct panel_ops {
    double min_panel_w;
    double (*natural_h)(const chart *c, const font *fo, const frame *F,
                        double pw);
    /* Smallest panel height that still draws (below it the fonts shrink). */
    double (*min_h)(const chart *c, const font *fo, const frame *F,
                    double pw);
    void (*draw)(const chart *c, canvas *cv, const frame *F, size_t f,
                 double px, double py, double pw, double ph);
    int has_legend; /* shows the series legend */
} panel_ops;

extern const panel_ops chart_bar100_ops, chart_bar_ops, chart_pie_ops,
    chart_venn_ops, chart_line_ops;

#endif
