/* pdf_tags: the logical structure of a tagged PDF (PDF/UA-1, ISO 14289-1).
 *
 * libharu 2.3.0 has no tagging API.  Its object layer is public
 * (hpdf_objects.h), and the few entries of its own objects are set there:
 * the catalog's /MarkInfo, /Lang (ja-JP), /ViewerPreferences
 * /DisplayDocTitle, /Metadata (an XMP stream with the title and
 * pdfuaid:part 1) and /StructTreeRoot; each page's /StructParents and
 * /Tabs /S; each link annotation's /StructParent and /Contents.
 *
 * The tree itself (a Document element holding one element per
 * canvas_tag, canvas.h, and the parent tree that maps each page's MCIDs
 * and each annotation back to its element) is kept here and written
 * after libharu has written the document, into a compressed object
 * stream (pdf_objstm.h): thousands of small dictionaries written by
 * libharu one by one would triple the file.  The catalog's
 * /StructTreeRoot points at an empty placeholder libharu writes, which
 * the object stream's copy replaces.
 *
 * Figures carry /Alt and a /BBox (layout attributes), header cells their
 * /Scope (table attributes), elements without drawing their text as
 * /ActualText.  Text strings are UTF-16BE with a byte-order mark.
 *
 * The caller (canvas_pdf.c) writes the marked-content operators (BDC with
 * the /MCID pdf_tags_mcid returns, EMC) into the page's content.
 *
 * Memory: pdf_tags_new's result is freed with pdf_tags_free; the PDF
 * objects made in libharu belong to the document.  Failures are sticky: a
 * call after one does nothing, and pdf_tags_error says what went wrong. */
#ifndef SHIRYO_PDF_TAGS_H
#define SHIRYO_PDF_TAGS_H
#include <hpdf.h>

#include "canvas.h"
#include "pdf_info.h"

typedef struct pdf_tags pdf_tags;

/* Adds the document-level entries at once (info gives the XMP
 * metadata); pdf_tags_error says whether libharu refused one. */
pdf_tags *pdf_tags_new(HPDF_Doc pdf, const pdf_info *info);
void pdf_tags_free(pdf_tags *t);

/* A new page, height h points: its /StructParents and /Tabs. */
void pdf_tags_page(pdf_tags *t, HPDF_Page page, double h);
/* Opens an element, a child of the innermost open one; closes it. */
void pdf_tags_open(pdf_tags *t, const canvas_tag *tag);
void pdf_tags_close(pdf_tags *t);

/* What the drawing made now is: an artifact, the page number (an
 * artifact of pagination), or content of the innermost element (text
 * anywhere; paths only inside a figure). */
typedef enum { MARK_NONE, MARK_ARTIFACT, MARK_PAGENO, MARK_CONTENT } pdf_mark;
pdf_mark pdf_tags_mark_for(const pdf_tags *t, int is_text);
/* The innermost open element (0: none, inside an artifact), for content
 * drawn later than it is given (text held back for its line). */
unsigned long pdf_tags_current(const pdf_tags *t);
/* The structure type element el is written with ("P"). */
const char *pdf_tags_role(const pdf_tags *t, unsigned long el);
/* A new marked-content id on the current page for element el, or -1. */
int pdf_tags_mcid(pdf_tags *t, unsigned long el);
/* Puts annotation a (a link to uri) in the structure: in the innermost
 * Link element, or a new Link element there is none; /Contents is uri. */
void pdf_tags_annot(pdf_tags *t, HPDF_Annotation a, const char *uri);

/* Before libharu saves: the version to write.  0, or -1 when an element
 * was left open or a call failed (pdf_tags_error says why). */
int pdf_tags_finish(pdf_tags *t);
/* The saved document pdf with the tree added (pdf_objstm_write): *out
 * to free with free(), or the reason it cannot be made. */
const char *pdf_tags_write(pdf_tags *t, const unsigned char *pdf, size_t len,
                           unsigned char **out, size_t *outlen);
const char *pdf_tags_error(const pdf_tags *t);

#endif
