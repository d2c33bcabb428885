/* out_html: writes the deck as a self-contained site: dir/index.html (the
 * cover, a table of contents and every slide as a section; charts as
 * inline SVG drawn by the same chart code as the PDF, each with its data
 * as a table and a CSV download in dir/data/).  No external fonts,
 * scripts or styles; works from file:// and any server path.  Every file
 * is written atomically. */
#ifndef SHIRYO_OUT_HTML_H
#define SHIRYO_OUT_HTML_H
#include "buf.h"
#include "deck.h"
#include "diag.h"
#include "font.h"

/* pdf_name: the PDF's file name relative to the site's parent directory
 * (linked as ../NAME), or NULL for no link. */
int out_html_write(const deck *dk, const font *f, const char *dir,
                   const char *pdf_name, diag_list *d);

/* Escapes text for HTML element content and attribute values. */
void html_escape(buf *out, const char *s, size_t len);
/* One CSV field for a spreadsheet: quoted when needed; a cell starting
 * with = + - @ (and not a plain number) gets a leading ' so that no
 * spreadsheet runs it as a formula. */
void csv_field_safe(buf *out, const char *s);

#endif
