/* out_html: the site writer (a row of output.h's table): the deck as a
 * self-contained site in OUT/site.
 *
 *   dir/index.html     the cover (h1), a table of contents linking every
 *                      slide, then every slide as a <section> (h2, lower
 *                      headings h3) in order, one page for the whole deck
 *                      (docs/site.md says why); each chart drawn in the
 *                      box the layout result gives it (html_figure.h);
 *   dir/NAME.pdf       a copy of the PDF, when dir/../NAME.pdf exists,
 *                      so the directory can be posted on its own;
 *   dir/img/HASH.EXT   each picture of an image block, byte for byte
 *                      (html_image_file), shown by an <img> with its
 *                      alternative text at the size the slide shows it.
 *
 * Each chart's data, dir/data/STEM.csv and dir/data/STEM.xlsx, which the
 * page links to, is written by the chart-data writer (out_data.h), named
 * by html_chart_file().
 *
 * No external fonts, scripts or styles and no requests: the stylesheet
 * is inline and allowed by a Content-Security-Policy hash; links are
 * relative, so the site works from file:// and from any server path.
 * Every text goes through the one escaper (escape.h), so the page is
 * well-formed XML as well as HTML.  Every file is written atomically; the
 * output depends only on the deck and its layout (byte-identical across
 * runs).
 *
 * Memory: nothing is kept past a call; the functions that append do so
 * to the caller's buf (freed with buf_free()). */
#ifndef SHIRYO_OUT_HTML_H
#define SHIRYO_OUT_HTML_H
#include "buf.h"
#include "deck.h"
#include "diag.h"
#include "font.h"
#include "layout.h"
#include "output.h"

/* The site's directory under the output directory, and its folder of
 * chart data files. */
#define OUT_HTML_DIR "site"
#define OUT_HTML_DATA_DIR "data"

/* The writer's render (output.h): every slide's section with its charts
 * drawn, the part of the page that takes time (no file touched); NULL
 * with errors added.  out_html_release frees it. */
void *out_html_render(const build_result *b, diag_list *d);
void out_html_release(void *made);
/* The writer: the site in out_dir/site, linking (and copying) the PDF
 * out_dir/NAME.pdf; the slides are b->prepared (out_html_render's) when
 * given.  0, or -1 with errors added. */
int out_html_write(const build_result *b, const char *out_dir, diag_list *d);
/* "out_dir/site/index.html", appended to out. */
void out_html_wrote(const build_result *b, const char *out_dir, buf *out);

/* The site of dk in dir.  lr: the deck's layout, whose chart boxes the
 * site's wide pictures are drawn in; NULL draws each chart in a box of
 * its own.  pdf_name, pptx_name: the PDF's and the PowerPoint file's
 * names relative to the site's parent directory, or NULL for no link.
 * When such a file exists it is copied into dir and linked there;
 * otherwise the link points to ../NAME.  0, or -1 with errors added. */
int out_html_site(const deck *dk, const font *f, const layout_result *lr,
                  const char *dir, const char *pdf_name, const char *pptx_name,
                  diag_list *d);

/* 1 when the site shows slide si as a section: every slide but a cover
 * in first place, which becomes the page's header. */
int html_slide_shown(const deck *dk, size_t si);
/* The id of chart block bi of slide si, "s3-f1" (the slide's number,
 * then the chart's on the slide): it names the chart's figure and begins
 * the names of its data files (html_chart_file).  Appended to out. */
void html_chart_id(const deck *dk, size_t si, size_t bi, buf *out);

/* The name of chart block bi's data files without their extension: its
 * id, then its title made safe for a file name (fs_safe_name, at most
 * HTML_DATA_TITLE_MAX bytes), "s10-f1-RPA導入分野別の導入件数"; the id
 * alone when no character of the title is left.  The id keeps the names
 * unique and stable; the files are data/STEM.csv and data/STEM.xlsx.
 * Appended to out. */
#define HTML_DATA_TITLE_MAX 90
void html_chart_file(const deck *dk, size_t si, size_t bi, buf *out);

/* The Content-Security-Policy of a page whose only style element holds
 * css: nothing may load but, when images is set, the site's own
 * pictures (img-src 'self') and the page's empty icon (data:, which
 * keeps a browser from asking the server for /favicon.ico), no script
 * may run, and only that stylesheet
 * applies.  Appended to out (attribute-safe text). */
void html_csp(buf *out, const char *css, int images);

/* The site's copy of picture im, relative to the site's folder:
 * "img/HASH.png", named by its content (canvas_image.hash) so that the
 * name is stable and one file serves every block that shows it.
 * Appended to out. */
#define OUT_HTML_IMAGE_DIR "img"
void html_image_file(const canvas_image *im, buf *out);

#endif
