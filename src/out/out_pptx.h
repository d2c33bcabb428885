/* out_pptx: the PowerPoint writer (a row of output.h's table, --pptx;
 * the site copies and links its file): the deck as OUT/NAME.pptx,
 * a PresentationML package (ECMA-376 Part 1 and Part 2, Open Packaging
 * Conventions) written with libzip.
 *
 * The package: [Content_Types].xml, the relationships, docProps/core.xml
 * and app.xml (the deck's title, author, subject, keywords and edition),
 * ppt/presentation.xml (the slide size from the layout's page: A4
 * landscape or 16:9), one slide master, one blank layout, the theme (the
 * colours and the font of the one look, look.h) and one part per slide
 * (pptx_slide.h).  Deterministic: the parts in a fixed order, every entry
 * dated 1980-01-01 00:00 (the zip format's earliest date, independent of
 * the time zone), no extra fields, so the same deck gives the same bytes.
 *
 * Memory: the build_result is borrowed and only read; everything made
 * here is freed before a function returns; "wrote" lines are appended to
 * the caller's buf. */
#ifndef SHIRYO_OUT_PPTX_H
#define SHIRYO_OUT_PPTX_H
#include "buf.h"
#include "deck.h"
#include "diag.h"
#include "output.h"

/* The writer: b's deck as out_dir/NAME.pptx.  0, or -1 with an error
 * (exit 3: the file could not be written). */
int out_pptx_write(const build_result *b, const char *out_dir, diag_list *d);
/* "out_dir/NAME.pptx (N slides)", appended to out. */
void out_pptx_wrote(const build_result *b, const char *out_dir, buf *out);
/* The file's name, "NAME.pptx" (the deck's name), appended to out. */
void out_pptx_name(const deck *dk, buf *out);

#endif
