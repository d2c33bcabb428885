/* pdf_objstm: objects added to a finished PDF in a compressed object
 * stream, with a cross-reference stream in place of its table.
 *
 * libharu 2.3.0 writes every object on its own, uncompressed, with a
 * classic cross-reference table; the structure tree of a tagged deck is
 * thousands of small dictionaries, which written that way tripled the
 * file.  So the tree is not given to libharu: after libharu has written
 * the document, its cross-reference table and trailer are cut off, the
 * objects given here are written into one Flate-compressed object stream
 * (PDF 1.5, ISO 32000-1 7.5.7), and a cross-reference stream (7.5.8)
 * lists libharu's objects where they lie and the new ones in the object
 * stream.  The header is raised to PDF-1.7.  The result is one revision,
 * as if written at once.
 *
 * Memory: *out is allocated (free with free()); the inputs are borrowed. */
#ifndef SHIRYO_PDF_OBJSTM_H
#define SHIRYO_PDF_OBJSTM_H
#include <stddef.h>

#include "buf.h"

/* The number of objects of libharu's output pdf (its trailer's /Size: new
 * objects are numbered from it), or -1 when it is not a PDF as libharu
 * writes it. */
long pdf_objstm_size(const unsigned char *pdf, size_t len);

/* Writes pdf with the n objects objs[i] (each the text of one object,
 * without "obj"/"endobj") numbered nums[i]: a number below the size
 * replaces libharu's object of that number.  The object stream takes
 * number size, the cross-reference stream the number after the last one
 * given.  NULL, or why not. */
const char *pdf_objstm_write(const unsigned char *pdf, size_t len,
                             const long *nums, const buf *objs, size_t n,
                             unsigned char **out, size_t *outlen);

#endif
