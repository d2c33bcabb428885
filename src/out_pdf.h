/* out_pdf: writes the deck as a PDF (atomically). */
#ifndef SHIRYO_OUT_PDF_H
#define SHIRYO_OUT_PDF_H
#include "deck.h"
#include "diag.h"
#include "font.h"
#include "layout.h"

/* Lays the deck out (overflow errors are reported) and writes path.
 * Returns 0, or -1 with errors added; on failure path is untouched. */
int out_pdf_write(const deck *dk, const font *f, const layout_opts *opts,
                  const char *path, diag_list *d);
/* Lays the deck out without writing anything (for `shiryo check`). */
int out_pdf_check(const deck *dk, const font *f, const layout_opts *opts,
                  diag_list *d);

/* Lays the deck out into a display list (a canvas_record), or NULL after
 * errors (overflow, characters that cannot be drawn).  The caller destroys
 * it with canvas_destroy(). */
canvas *out_pdf_layout(const deck *dk, const font *f, const layout_opts *opts,
                       diag_list *d);
/* Writes a display list made by out_pdf_layout as the PDF at path. */
int out_pdf_write_laid_out(const deck *dk, const font *f, canvas *rec,
                           const char *path, diag_list *d);

#endif
