/* out_pdf: the PDF writer (a row of output.h's table): the deck's display
 * list (layout.h) written as OUT/NAME.pdf, atomically, with the font
 * subset to exactly the code points drawn and the deck's title, author,
 * subject and keywords as document information.  Nothing here lays
 * anything out.
 *
 * Memory: the deck, font and layout are borrowed and only read; names and
 * "wrote" lines are appended to the caller's buf (freed with buf_free()), and
 * everything else is freed before a function returns. */
#ifndef SHIRYO_OUT_PDF_H
#define SHIRYO_OUT_PDF_H
#include "buf.h"
#include "deck.h"
#include "diag.h"
#include "font.h"
#include "layout.h"
#include "output.h"

/* The writer's render (output.h): the whole PDF made in memory from b's
 * display list, no file touched; NULL with errors added when the font
 * cannot be subset.  out_pdf_release frees it. */
void *out_pdf_render(const build_result *b, diag_list *d);
void out_pdf_release(void *made);
/* The writer: b's display list as out_dir/NAME.pdf (the bytes b->prepared
 * holds, made by out_pdf_render, or made here when it is NULL).  0, or -1
 * with errors added; on failure the earlier file is untouched. */
int out_pdf_write(const build_result *b, const char *out_dir, diag_list *d);
/* "out_dir/NAME.pdf (N pages)", appended to out. */
void out_pdf_wrote(const build_result *b, const char *out_dir, buf *out);
/* The PDF's file name, "NAME.pdf" (the deck's name), appended to out. */
void out_pdf_name(const deck *dk, buf *out);

/* Writes lr's display list, laid out from dk with f, as the PDF at path.
 * Returns 0, or -1 with errors added; on failure path is untouched. */
int out_pdf_save(const deck *dk, const font *f, const layout_result *lr,
                 const char *path, diag_list *d);

#endif
