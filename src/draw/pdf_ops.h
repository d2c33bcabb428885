/* pdf_ops: what canvas_pdf.c writes into libharu's objects directly,
 * through its installed internal headers: content-stream operators, and
 * the font's ToUnicode CMap.
 *
 * The operators drawn most (colours, line widths, paths and their
 * painting, text matrices) are written here instead of through libharu's
 * HPDF_Page_* calls, which cost about 4,000 instructions each (a zeroed
 * buffer and checks per call; a third of the PDF's time).  They are
 * written byte for byte as libharu writes them (pdf_op_real is its
 * HPDF_FToA), so the PDF is the same.  libharu's own state is unaffected
 * as long as the caller writes every path through here: libharu then
 * never sees a path (its graphics mode stays "page description"), and
 * nothing it writes later depends on the colour or text matrix it would
 * have recorded.
 *
 * Memory: operators are appended to the caller's buf; nothing is kept. */
#ifndef SHIRYO_PDF_OPS_H
#define SHIRYO_PDF_OPS_H
#include <hpdf.h>
#include <stdint.h>

#include "buf.h"

/* A number as libharu's HPDF_FToA writes it: clamped to +-32767, five
 * decimals at most, trailing zeros and point dropped. */
void pdf_op_real(buf *b, HPDF_REAL val);
/* "v1 v2 ... op\n" (n numbers) appended to b. */
void pdf_op(buf *b, const HPDF_REAL *v, int n, const char *op);
/* Writes b into page's content stream and empties b.  0, or -1 when
 * libharu refuses the write. */
int pdf_ops_flush(HPDF_Page page, buf *b);

/* Replaces the ToUnicode CMap libharu 2.3.0 writes for font (malformed)
 * with one bfchar entry per code point in drawn (a bit set of the BMP,
 * FONT_BMP_WORDS words).  0 (also for a NULL font), or -1. */
int pdf_fix_tounicode(HPDF_Font font, const uint32_t *drawn);

#endif
