/* out_pdf: writes the deck's display list (layout.h) as a PDF file,
 * atomically: the font subset to exactly the code points drawn, the
 * deck's title, author, subject and keywords as document information.
 * Nothing here lays anything out. */
#ifndef SHIRYO_OUT_PDF_H
#define SHIRYO_OUT_PDF_H
#include "deck.h"
#include "diag.h"
#include "font.h"
#include "layout.h"

/* Writes lr's display list, laid out from dk with f, as the PDF at path.
 * Returns 0, or -1 with errors added; on failure path is untouched. */
int out_pdf_write(const deck *dk, const font *f, const layout_result *lr,
                  const char *path, diag_list *d);

#endif
