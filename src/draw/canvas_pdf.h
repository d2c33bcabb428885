/* canvas_pdf: the canvas drawn into a PDF with libharu.
 *
 * libharu is used only here (and its traps are worked around here): the
 * font is subset by HarfBuzz to the code points the document draws before
 * libharu loads it, and the ToUnicode map libharu writes is replaced by a
 * correct one before saving.  Each begin_page adds a page of the given size.
 * Text pieces that continue one line with gaps between them (spacing made
 * by positioning) are wrapped in a marked-content span with /ActualText,
 * so text extraction gives back the text as written, without spaces the
 * text does not hold.  Links become URI link annotations; the saved
 * document has page labels (decimal, from 1) and, when bookmarks were
 * added, opens with its outline shown.
 *
 * The document is a tagged PDF (PDF/UA-1): the canvas_tags given while
 * drawing become its structure tree (pdf_tags.h), everything painted is
 * marked as an element's content or as an artifact, and the file is
 * written with its small objects in a compressed object stream
 * (pdf_objstm.h).
 *
 * Typical use: draw every page onto a canvas_record, take its code points,
 * create the PDF canvas with them, replay, save.
 *
 * Memory: the caller owns the canvas canvas_pdf_new returns and frees it with
 * canvas_destroy() after canvas_pdf_save; the font and the code points are
 * borrowed until then. The version string is static. */
#ifndef SHIRYO_CANVAS_PDF_H
#define SHIRYO_CANVAS_PDF_H
#include <stddef.h>
#include <stdint.h>

#include "canvas.h"
#include "diag.h"
#include "pdf_info.h"


/* Returns NULL (with an error added) when the font cannot be subset or
 * loaded.  Strings in info are copied. */
canvas *canvas_pdf_new(const font *f, const uint32_t *cps, size_t ncps,
                       const pdf_info *info, diag_list *d);
/* The whole document in memory: NULL with *out (free with free()) and
 * *len set, or the reason it cannot be made (owned by the canvas).  Pure
 * computation (no file): the build runs it on a thread of its own. */
const char *canvas_pdf_bytes(canvas *c, unsigned char **out, size_t *len);
/* Writes the whole document to path (the caller writes to a temporary path
 * and renames).  Returns 0, or -1 with an error added. */
int canvas_pdf_save(canvas *c, const char *path, diag_list *d);

/* The version of libharu in use (for --version). */
const char *canvas_pdf_library_version(void);

#endif
