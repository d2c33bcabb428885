/* layout: places each slide's regions on a page, draws every page once
 * into a display list and returns it with where everything went (the
 * layout_result below).
 *
 * Page: A4 landscape (841.89 x 595.28 pt) by default, or 16:9.  Regions of
 * a content slide, top to bottom: title (navy, on a rule), key-points box
 * (■ bullets, hanging indent), body (paragraphs, lists, tables, one to
 * three charts side by side), notes (※, small), source lines (smaller,
 * grey, bottom left) and the page number (bottom right).  A cover slide
 * has the title, its lines and no page number.  A slide with 速報 or 仮
 * values carries a visible mark at the top right.
 *
 * Margins, gaps and paddings are set for A4 and scale with the page's
 * height on a 16:9 page; text sizes do not.
 *
 * Fit: when the body does not fit, charts shrink first (down to the
 * height that keeps their text legible), then text, the padding of table
 * rows and the notes, each down to a stated minimum; then the charts
 * below their legible height down to a minimum row height in proportion
 * to the page; past that, an error names the slide, the region and by
 * how much it overflows.  Nothing is drawn outside the
 * page.  Characters the PDF cannot draw (missing from the font, outside
 * the BMP, variation selectors) are errors at their template position.
 * docs/layout.md describes the regions and the Markdown conventions.
 *
 * Memory: the caller owns the layout_result layout_deck returns and frees it
 * with layout_result_free(); the result borrows the deck and the font. */
#ifndef SHIRYO_LAYOUT_H
#define SHIRYO_LAYOUT_H
#include "canvas.h"
#include "deck.h"
#include "diag.h"
#include "linebreak.h"

typedef enum { PAGE_A4_LANDSCAPE, PAGE_16_9 } page_size;

typedef struct layout_opts {
    page_size size;
    lb_level linebreak; /* strictness of line breaking; the default (0) is
                           LB_STRICT */
    int hanging;        /* hanging punctuation (burasage) for 。、 */
} layout_opts;

/* ---- the result ----------------------------------------------------
 *
 * Layout mutates nothing: what it decided comes back in a layout_result,
 * which every output reads (the PDF replays the display list, the site
 * draws each chart in its box, a writer of editable slides would place a
 * text box at each region).
 *
 * Units and origin: every box is in points (1/72 in) on its page, origin
 * at the page's top-left corner, y growing downwards (the canvas's
 * coordinates, canvas.h).  Page i is slide i of the deck. */

typedef struct layout_box {
    double x, y, w, h;
} layout_box;

typedef enum {
    LAYOUT_TITLE,  /* the slide title's text box (on a content slide it
                      stops short of the mark; the rule under it is not
                      part of it) */
    LAYOUT_MARK,   /* a 速報/仮 mark (index: its prov, one region per
                      kind the slide shows): its framed box, with the label
                      「速報値を含む」 or 「仮の値を含む」 inside */
    LAYOUT_POINTS, /* the key-points frame (filled and ruled) */
    LAYOUT_POINT,  /* one key point's text inside the frame, its ■ included;
                      index: i of slide.points */
    LAYOUT_BLOCK,  /* one body block; index: i of slide.body, block: its
                      kind.  A chart block is its caption (when it has a
                      title) and the chart below; a table block carries
                      its column widths and row heights; a list block holds
                      all its items; on a cover, a block is its lines */
    LAYOUT_NOTE,   /* one ※ note; index: i of slide.notes */
    LAYOUT_SOURCE, /* one source line; index: i of slide.sources */
    LAYOUT_PAGENO  /* the page number's text (right-aligned at the right
                      margin, its baseline on the bottom margin) */
} layout_region_kind;

typedef struct layout_region {
    layout_region_kind kind;
    size_t index;     /* see the kinds above; 0 where there is one */
    block_kind block; /* LAYOUT_BLOCK only */
    layout_box box;   /* where the region was set: a text's box is its
                         width and the height its lines took; the mark,
                         the key-points frame and a table are their
                         outline; a chart block, caption and chart */
    double size;      /* the text size in points after fitting (a chart
                         block: its caption's; 0 for a chart without one;
                         LAYOUT_POINTS: the points' size) */
    /* a table block: the width of each column and the height of each row
     * (row 0 the header), in points, summing to box.w and box.h; NULL
     * and 0 otherwise */
    double *col_w;
    size_t ncols;
    double *row_h;
    size_t nrows;
} layout_region;

typedef struct layout_page {
    double w, h;
    layout_region *regions; /* in the order they are drawn */
    size_t nregions;
} layout_page;

/* A chart as drawn: the box chart_draw() was given (below its caption),
 * so that another output can draw the very same picture. */
typedef struct layout_chart {
    const chart *chart; /* borrowed from the deck */
    size_t slide, block; /* indexes in dk->slides and slide.body */
    layout_box box;
} layout_chart;

/* Everything in it (the display list, the pages and their regions with
 * their column and row arrays, the charts) is owned by the result and
 * freed by layout_result_free(). */
typedef struct layout_result {
    canvas *display; /* a canvas_record holding every page, to replay */
    layout_page *pages; /* npages == the deck's nslides */
    size_t npages;
    layout_chart *charts; /* every chart drawn, in page order */
    size_t ncharts;
} layout_result;

/* Lays every slide of dk out as one page, once.  Returns the result, or
 * NULL after adding errors (overflow, undrawable characters); every slide
 * is laid out even after an error, so that one run reports them all.  The
 * result borrows dk and f (both must outlive it); free it with
 * layout_result_free(). */
layout_result *layout_deck(const deck *dk, const font *f,
                           const layout_opts *opts, diag_list *d);
void layout_result_free(layout_result *r);
/* The chart of block bi of slide si as drawn, or NULL when that block is
 * no chart or was not laid out (a chart on a cover). */
const layout_chart *layout_find_chart(const layout_result *r, size_t si,
                                      size_t bi);

/* Page dimensions in points. */
void layout_page_size(page_size size, double *w, double *h);

#endif
