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

#endif
