/* out_html: writes the deck as a self-contained site.
 *
 *   dir/index.html     the cover (h1), a table of contents linking every
 *                      slide, then every slide as a <section> (h2, lower
 *                      headings h3) in order, one page for the whole deck
 *                      (docs/site.md says why);
 *   dir/data/ID.csv    each chart's data (html_figure.h, out_csv.h);
 *   dir/NAME.pdf       a copy of the PDF, when dir/../NAME.pdf exists,
 *                      so the directory can be posted on its own.
 *
 * No external fonts, scripts or styles and no requests: the stylesheet
 * is inline and allowed by a Content-Security-Policy hash; links are
 * relative, so the site works from file:// and from any server path.
 * The page is well-formed XML as well as HTML.  Every file is written
 * atomically; the output depends only on the deck (byte-identical
 * across runs). */
#ifndef SHIRYO_OUT_HTML_H
#define SHIRYO_OUT_HTML_H
#include "buf.h"
#include "deck.h"
#include "diag.h"
#include "font.h"
#include "layout.h"

/* lr: the deck's layout (layout.h), whose chart boxes the site's wide
 * pictures are drawn in; NULL draws each chart in a box of its own.
 * pdf_name: the PDF's file name relative to the site's parent directory,
 * or NULL for no link.  When that file exists it is copied into dir and
 * linked there; otherwise the link points to ../NAME.  0, or -1 with
 * errors added. */
int out_html_write(const deck *dk, const font *f, const layout_result *lr,
                   const char *dir, const char *pdf_name, diag_list *d);

/* The Content-Security-Policy of a page whose only style element holds
 * css: nothing may load, no script may run, and only that stylesheet
 * applies.  Appended to out (attribute-safe text). */
void html_csp(buf *out, const char *css);

#endif
