/* canvas_pdf_impl: what the PDF canvas's two files share: canvas_pdf.c
 * (pages, graphics state, paths, pictures, links, bookmarks, the
 * document) and canvas_pdf_text.c (text held back by line, and the
 * marked content that tags it).  Private to those two files.
 *
 * Memory: the pdfc is the canvas canvas_pdf_new returns; canvas_destroy
 * frees it and everything it holds. */
#ifndef SHIRYO_CANVAS_PDF_IMPL_H
#define SHIRYO_CANVAS_PDF_IMPL_H
#include <hpdf.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "canvas.h"
#include "pdf_tags.h"

#define MAX_DASH 8
#define MAX_SAVE 64
#define MAX_LEVELS 8
#define BMP_WORDS (0x10000 / 32)

typedef struct gstate {
    rgb fill, stroke;
    double fill_alpha, stroke_alpha, width;
    int ndash;
    int dash[MAX_DASH];
    int phase;
} gstate;

typedef enum { SEG_MOVE, SEG_LINE, SEG_CURVE, SEG_CLOSE, SEG_RECT } seg_kind;

typedef struct seg {
    seg_kind kind;
    double v[6];
} seg;

typedef struct alpha_gs {
    int fill, stroke; /* per mille */
    HPDF_ExtGState gs;
} alpha_gs;

typedef struct pend_piece {
    double x, end; /* end: x plus the piece's own width */
    size_t off, len; /* bytes in pend_text */
    pdf_mark mark;    /* what it is (pdf_tags_mark_for when it was given) */
    unsigned long el; /* and whose content */
} pend_piece;

typedef struct pdfc {
    canvas base;
    HPDF_Doc pdf;
    HPDF_Font font; /* NULL when no code points were given */
    HPDF_Encoder utf8;
    HPDF_Page page; /* NULL outside begin_page/end_page */
    buf ops;        /* operators being written directly (write_ops) */
    double page_h;
    gstate want, done;
    gstate want_stack[MAX_SAVE], done_stack[MAX_SAVE];
    int depth;
    seg *path;
    size_t npath, cappath;
    int has_point;
    alpha_gs *alphas;
    size_t nalphas, capalphas;
    HPDF_Outline outline[MAX_LEVELS];
    int noutline; /* levels currently open */
    uint32_t allowed[BMP_WORDS]; /* code points in the subset */
    uint32_t drawn[BMP_WORDS];   /* code points drawn, for ToUnicode */
    /* text held back by p_text: pieces of one line */
    pend_piece *pend;
    size_t npend, pend_cap;
    char *pend_text; /* the pieces' bytes, one after another */
    size_t pend_len, pend_textcap;
    double pend_y, pend_size;
    text_style pend_style;
    /* the structure (pdf_tags.c) and the marked-content sequence open in
     * the page's content: what it marks, for which element, opened at
     * which save depth */
    pdf_tags *tags;
    pdf_mark mark;
    unsigned long mark_elem;
    int mark_depth;
    /* each distinct picture loaded once per document (p_image) */
    struct loaded {
        char hash[17];
        HPDF_Image image;
    } *images;
    size_t nimages, capimages;
} pdfc;

static inline int bit_get(const uint32_t *set, uint32_t cp)
{
    return cp < 0x10000 && (set[cp >> 5] >> (cp & 31)) & 1u;
}
static inline void bit_set(uint32_t *set, uint32_t cp)
{
    if (cp < 0x10000)
        set[cp >> 5] |= 1u << (cp & 31);
}

static inline int ready(pdfc *p, const char *what)
{
    if (p->base.failed)
        return 0;
    if (!p->page) {
        canvas_fail(&p->base, "%s outside a page (call begin_page first)",
                    what);
        return 0;
    }
    return 1;
}

/* Coordinates go to libharu rounded to 1/8 pt: exact in its float, so it
 * prints at most six short decimals instead of five noisy ones (a smaller
 * PDF), and far below what any device can show. */
static inline HPDF_REAL q(double v) { return (HPDF_REAL)(round(v * 8.0) / 8.0); }
static inline HPDF_REAL fy(const pdfc *p, double y) { return q(p->page_h - y); }
/* Colour components to three decimals: finer than 8-bit sRGB steps
 * (1/255), and shorter to write than libharu's five. */
static inline HPDF_REAL qc(double v) { return (HPDF_REAL)(round(v * 1000.0) / 1000.0); }

/* canvas_pdf.c */
void pdfc_write_ops(pdfc *p, buf *b);
void pdfc_apply_state(pdfc *p);
void pdfc_push_state(pdfc *p);
void pdfc_pop_state(pdfc *p);

/* canvas_pdf_text.c: raw operators into the page's content; the
 * marked-content sequence (closed, or opened for what is painted now:
 * is_text says whether it is text); the held-back text written; the
 * canvas's text operation. */
void pdfc_write_raw(pdfc *p, const char *ops);
void pdfc_close_mark(pdfc *p);
void pdfc_mark(pdfc *p, int is_text);
void pdfc_flush_text(pdfc *p);
void pdfc_text(canvas *c, double x, double y, double size, text_style style,
               const char *utf8, size_t len);

#endif
