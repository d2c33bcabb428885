/* layout: places each slide's regions on a page and draws them through a
 * canvas.
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
 * docs/layout.md describes the regions and the Markdown conventions. */
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

/* Draws every slide of dk as one page of cv.  Returns 0, or -1 after
 * adding errors (overflow, undrawable characters). */
int layout_deck(const deck *dk, const font *f, canvas *cv,
                const layout_opts *opts, diag_list *d);

/* Page dimensions in points. */
void layout_page_size(page_size size, double *w, double *h);

#endif
