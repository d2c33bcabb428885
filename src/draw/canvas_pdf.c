/* canvas_pdf: the canvas drawn into a PDF with libharu (see canvas_pdf.h).
 *
 * How the libharu traps are handled here:
 * - The font is subset by HarfBuzz to the code points the caller gives, so
 *   libharu builds its code point maps over a tiny font.  The subset goes
 *   through a private temporary file (libharu 2.3.0 loads TrueType fonts
 *   only from files), removed as soon as libharu has read it.
 * - Text reaches libharu only as valid UTF-8 of BMP code points that were
 *   in the subset: anything else fails the canvas with a message naming the
 *   code point (libharu would silently draw spaces, gaps or .notdef).
 * - libharu's ToUnicode CMap is malformed; it is replaced before saving
 *   (fix_tounicode below).
 * - HPDF_Page_SetDash takes integer points in 2.3.0; dashes are rounded.
 * - The path and the graphics state are kept here and written only when the
 *   path is painted, so callers may set colours at any moment (libharu
 *   refuses colour operators inside a path).
 * - No dates are written unless pdf_info.date_ymd is set, and libharu
 *   writes no /ID without encryption, so output is byte-identical across
 *   runs. */
#include "canvas_pdf.h"

#include <hpdf.h>
/* libharu's installed internal headers, for the ToUnicode fix. */
#include <hpdf_font.h>
#include <hpdf_list.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsutil.h"
#include "pdf_ops.h"
#include "pdf_tags.h"
#include "utf8.h"
#include "xalloc.h"

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

static void flush_text(pdfc *p);
static void write_raw(pdfc *p, const char *ops);
static void close_mark(pdfc *p);

static int bit_get(const uint32_t *set, uint32_t cp)
{
    return cp < 0x10000 && (set[cp >> 5] >> (cp & 31)) & 1u;
}
static void bit_set(uint32_t *set, uint32_t cp)
{
    if (cp < 0x10000)
        set[cp >> 5] |= 1u << (cp & 31);
}

/* libharu's errors; a file that cannot be opened or written is said in
 * words: an open error carries the errno as its detail, a write error
 * only ferror()'s flag, so errno is read as the callback starts (the
 * other codes are internal). */
static void on_error(HPDF_STATUS code, HPDF_STATUS detail, void *user)
{
    int err = errno;
    if (code == HPDF_FILE_OPEN_ERROR && detail > 0)
        canvas_fail((canvas *)user, "cannot create the file: %s",
                    strerror((int)detail));
    else if (code == HPDF_FILE_IO_ERROR)
        canvas_fail((canvas *)user, "cannot write the file: %s",
                    err ? strerror(err) : "a write failed");
    else
        canvas_fail((canvas *)user, "libharu error 0x%04X (detail %u)",
                    (unsigned)code, (unsigned)detail);
}

static int ready(pdfc *p, const char *what)
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
static HPDF_REAL q(double v) { return (HPDF_REAL)(round(v * 8.0) / 8.0); }
static HPDF_REAL fy(const pdfc *p, double y) { return q(p->page_h - y); }
/* Colour components to three decimals: finer than 8-bit sRGB steps
 * (1/255), and shorter to write than libharu's five. */
static HPDF_REAL qc(double v) { return (HPDF_REAL)(round(v * 1000.0) / 1000.0); }

static const gstate initial_state = {{0, 0, 0}, {0, 0, 0}, 1, 1, 1, 0, {0}, 0};

/* ---- graphics state --------------------------------------------------- */

static double clamp01(double v)
{
    if (!(v >= 0))
        return 0;
    return v > 1 ? 1 : v;
}

static int same_rgb(rgb a, rgb b) { return a.r == b.r && a.g == b.g && a.b == b.b; }

static HPDF_ExtGState alpha_state(pdfc *p, int fa, int sa)
{
    for (size_t i = 0; i < p->nalphas; i++)
        if (p->alphas[i].fill == fa && p->alphas[i].stroke == sa)
            return p->alphas[i].gs;
    HPDF_ExtGState gs = HPDF_CreateExtGState(p->pdf);
    if (!gs)
        return NULL;
    HPDF_ExtGState_SetAlphaFill(gs, (HPDF_REAL)(fa / 1000.0));
    HPDF_ExtGState_SetAlphaStroke(gs, (HPDF_REAL)(sa / 1000.0));
    p->alphas = xgrow(p->alphas, &p->capalphas, p->nalphas + 1,
                      sizeof *p->alphas);
    p->alphas[p->nalphas++] = (alpha_gs){fa, sa, gs};
    return gs;
}

/* Writes the pending operators of b (pdf_ops.h) into the page's content
 * stream; b is emptied. */
static void write_ops(pdfc *p, buf *b)
{
    if (pdf_ops_flush(p->page, b) != 0)
        canvas_fail(&p->base, "cannot write to the page's content stream");
}

/* Writes whatever part of the wanted state differs from the written one. */
static void apply_state(pdfc *p)
{
    gstate *w = &p->want, *d = &p->done;
    buf *o = &p->ops;
    if (!same_rgb(w->fill, d->fill)) {
        HPDF_REAL v[3] = {qc(w->fill.r), qc(w->fill.g), qc(w->fill.b)};
        pdf_op(o, v, 3, "rg");
        d->fill = w->fill;
    }
    if (!same_rgb(w->stroke, d->stroke)) {
        HPDF_REAL v[3] = {qc(w->stroke.r), qc(w->stroke.g), qc(w->stroke.b)};
        pdf_op(o, v, 3, "RG");
        d->stroke = w->stroke;
    }
    if (w->width != d->width) {
        HPDF_REAL v[1] = {(HPDF_REAL)w->width};
        pdf_op(o, v, 1, "w");
        d->width = w->width;
    }
    /* before anything libharu writes itself */
    write_ops(p, o);
    if (w->ndash != d->ndash || w->phase != d->phase ||
        memcmp(w->dash, d->dash, sizeof w->dash) != 0) {
        HPDF_UINT16 ptn[MAX_DASH];
        for (int i = 0; i < w->ndash; i++)
            ptn[i] = (HPDF_UINT16)w->dash[i];
        HPDF_Page_SetDash(p->page, w->ndash ? ptn : NULL,
                          (HPDF_UINT)w->ndash, (HPDF_UINT)w->phase);
        d->ndash = w->ndash;
        memcpy(d->dash, w->dash, sizeof d->dash);
        d->phase = w->phase;
    }
    if (w->fill_alpha != d->fill_alpha || w->stroke_alpha != d->stroke_alpha) {
        HPDF_ExtGState gs =
            alpha_state(p, (int)lround(w->fill_alpha * 1000),
                        (int)lround(w->stroke_alpha * 1000));
        if (gs)
            HPDF_Page_SetExtGState(p->page, gs);
        d->fill_alpha = w->fill_alpha;
        d->stroke_alpha = w->stroke_alpha;
    }
}

static void push_state(pdfc *p)
{
    if (p->depth >= MAX_SAVE) {
        canvas_fail(&p->base, "save nested more than %d deep", MAX_SAVE);
        return;
    }
    p->want_stack[p->depth] = p->want;
    p->done_stack[p->depth] = p->done;
    p->depth++;
    HPDF_Page_GSave(p->page);
}

static void pop_state(pdfc *p)
{
    if (p->depth == 0) {
        canvas_fail(&p->base, "restore without a matching save");
        return;
    }
    p->depth--;
    /* a marked-content sequence and a save/restore pair nest */
    if (p->mark != MARK_NONE && p->mark_depth > p->depth)
        close_mark(p);
    p->want = p->want_stack[p->depth];
    p->done = p->done_stack[p->depth];
    HPDF_Page_GRestore(p->page);
}

/* ---- pages -------------------------------------------------------------- */

static void p_begin_page(canvas *c, double w, double h)
{
    pdfc *p = (pdfc *)c;
    if (p->page) {
        canvas_fail(c, "begin_page inside a page (call end_page first)");
        return;
    }
    if (!(w > 0 && h > 0 && w <= 14400 && h <= 14400)) {
        canvas_fail(c, "page size out of range");
        return;
    }
    p->page = HPDF_AddPage(p->pdf);
    if (!p->page)
        return;
    HPDF_Page_SetWidth(p->page, (HPDF_REAL)w);
    HPDF_Page_SetHeight(p->page, (HPDF_REAL)h);
    p->page_h = h;
    p->want = p->done = initial_state;
    p->depth = 0;
    p->npath = 0;
    p->has_point = 0;
    p->mark = MARK_NONE;
    pdf_tags_page(p->tags, p->page, h);
}

/* libharu frees only a page's innermost graphics state: the outer ones of
 * a page whose drawing failed between a save and its restore go here. */
static void drop_states(pdfc *p)
{
    HPDF_PageAttr attr = p->page ? (HPDF_PageAttr)p->page->attr : NULL;
    while (attr && attr->gstate && attr->gstate->prev)
        attr->gstate = HPDF_GState_Free(p->page->mmgr, attr->gstate);
    p->depth = 0;
}

static void p_end_page(canvas *c)
{
    pdfc *p = (pdfc *)c;
    if (c->failed)
        drop_states(p);
    if (!ready(p, "end_page"))
        return;
    flush_text(p);
    while (p->depth > 0 && !c->failed)
        pop_state(p);
    close_mark(p);
    if (pdf_tags_error(p->tags))
        canvas_fail(c, "%s", pdf_tags_error(p->tags));
    p->npath = 0;
    p->page = NULL;
}

static void p_save(canvas *c)
{
    pdfc *p = (pdfc *)c;
    if (ready(p, "save")) {
        flush_text(p);
        push_state(p);
    }
}

static void p_restore(canvas *c)
{
    pdfc *p = (pdfc *)c;
    if (ready(p, "restore")) {
        flush_text(p);
        pop_state(p);
    }
}

static void p_set_fill(canvas *c, rgb col, double opacity)
{
    pdfc *p = (pdfc *)c;
    flush_text(p);
    p->want.fill = (rgb){clamp01(col.r), clamp01(col.g), clamp01(col.b)};
    p->want.fill_alpha = clamp01(opacity);
}

static void p_set_stroke(canvas *c, rgb col, double opacity, double width)
{
    pdfc *p = (pdfc *)c;
    flush_text(p);
    p->want.stroke = (rgb){clamp01(col.r), clamp01(col.g), clamp01(col.b)};
    p->want.stroke_alpha = clamp01(opacity);
    p->want.width = width >= 0 && isfinite(width) ? width : 0;
}

static void p_set_dash(canvas *c, const double *pattern, int n, double phase)
{
    pdfc *p = (pdfc *)c;
    flush_text(p);
    if (n > MAX_DASH)
        n = MAX_DASH;
    memset(p->want.dash, 0, sizeof p->want.dash);
    int all_zero = 1;
    for (int i = 0; i < n; i++) {
        double v = pattern[i] >= 0 && pattern[i] < 10000 ? pattern[i] : 0;
        p->want.dash[i] = (int)lround(v);
        if (p->want.dash[i] > 0)
            all_zero = 0;
    }
    if (all_zero)
        n = 0; /* a pattern of zeros is not a valid dash */
    p->want.ndash = n;
    p->want.phase = n && phase > 0 && phase < 10000 ? (int)lround(phase) : 0;
}

/* ---- paths -------------------------------------------------------------- */

static void add_seg(pdfc *p, seg_kind k, const double *v, int nv)
{
    p->path = xgrow(p->path, &p->cappath, p->npath + 1, sizeof *p->path);
    seg *s = &p->path[p->npath++];
    s->kind = k;
    memset(s->v, 0, sizeof s->v);
    for (int i = 0; i < nv; i++)
        s->v[i] = isfinite(v[i]) ? v[i] : 0;
}

static void p_move_to(canvas *c, double x, double y)
{
    pdfc *p = (pdfc *)c;
    add_seg(p, SEG_MOVE, (double[]){x, y}, 2);
    p->has_point = 1;
}

static void p_line_to(canvas *c, double x, double y)
{
    pdfc *p = (pdfc *)c;
    add_seg(p, p->has_point ? SEG_LINE : SEG_MOVE, (double[]){x, y}, 2);
    p->has_point = 1;
}

static void p_curve_to(canvas *c, double x1, double y1, double x2, double y2,
                       double x3, double y3)
{
    pdfc *p = (pdfc *)c;
    if (!p->has_point)
        add_seg(p, SEG_MOVE, (double[]){x1, y1}, 2);
    add_seg(p, SEG_CURVE, (double[]){x1, y1, x2, y2, x3, y3}, 6);
    p->has_point = 1;
}

static void p_close_path(canvas *c)
{
    pdfc *p = (pdfc *)c;
    if (p->has_point)
        add_seg(p, SEG_CLOSE, NULL, 0);
}

static void p_rect(canvas *c, double x, double y, double w, double h)
{
    pdfc *p = (pdfc *)c;
    add_seg(p, SEG_RECT, (double[]){x, y, w, h}, 4);
    p->has_point = 1;
}

/* Writes the buffered path; returns 0 when it is empty. */
static int emit_path(pdfc *p)
{
    if (p->npath == 0)
        return 0;
    buf *o = &p->ops;
    for (size_t i = 0; i < p->npath; i++) {
        const double *v = p->path[i].v;
        switch (p->path[i].kind) {
        case SEG_MOVE:
            pdf_op(o, (HPDF_REAL[]){q(v[0]), fy(p, v[1])}, 2, "m");
            break;
        case SEG_LINE:
            pdf_op(o, (HPDF_REAL[]){q(v[0]), fy(p, v[1])}, 2, "l");
            break;
        case SEG_CURVE:
            pdf_op(o,
                   (HPDF_REAL[]){q(v[0]), fy(p, v[1]), q(v[2]), fy(p, v[3]),
                                 q(v[4]), fy(p, v[5])},
                   6, "c");
            break;
        case SEG_CLOSE:
            pdf_op(o, NULL, 0, "h");
            break;
        case SEG_RECT:
            /* y-down (x, y, w, h) is y-up (x, H - y - h, w, h). */
            pdf_op(o,
                   (HPDF_REAL[]){q(v[0]), fy(p, v[1] + v[3]), q(v[2]),
                                 q(v[3])},
                   4, "re");
            break;
        }
    }
    p->npath = 0;
    p->has_point = 0;
    return 1;
}

/* ---- marked content ----------------------------------------------------
 *
 * Every painting operator lies in a marked-content sequence: content of
 * the innermost structure element (/P <</MCID 3>> BDC … EMC), or an
 * artifact (pdf_tags_mark_for says which).  A sequence is opened when
 * something is painted and is still open while the drawing goes on
 * belonging to the same element, so a paragraph's lines are one
 * sequence; it is closed when another kind or element paints, at a
 * restore below the depth it was opened at, and at the end of the page.
 * Text held back (flush_text) is written before a tag changes. */

static void close_mark(pdfc *p)
{
    if (p->mark == MARK_NONE)
        return;
    p->mark = MARK_NONE;
    write_raw(p, "EMC\n");
}

/* Writes the operator that opens a sequence marking want (of element
 * el); 0, or -1 (canvas failed). */
static int open_mark(pdfc *p, pdf_mark want, unsigned long el)
{
    buf b = BUF_INIT;
    if (want == MARK_CONTENT) {
        int mcid = pdf_tags_mcid(p->tags, el);
        if (mcid < 0) {
            canvas_fail(&p->base, "%s",
                        pdf_tags_error(p->tags) ? pdf_tags_error(p->tags)
                                                : "tagging failed");
            return -1;
        }
        buf_printf(&b, "/%s<</MCID %d>>BDC\n", pdf_tags_role(p->tags, el),
                   mcid);
    } else if (want == MARK_PAGENO) {
        buf_puts(&b, "/Artifact <</Type /Pagination /Subtype /PageNum>> "
                     "BDC\n");
    } else {
        buf_puts(&b, "/Artifact BMC\n");
    }
    write_raw(p, buf_cstr(&b));
    buf_free(&b);
    return 0;
}

static void mark_as(pdfc *p, pdf_mark want, unsigned long el)
{
    if (want == p->mark && (want != MARK_CONTENT || el == p->mark_elem))
        return;
    close_mark(p);
    if (open_mark(p, want, el) < 0)
        return;
    p->mark = want;
    p->mark_elem = el;
    p->mark_depth = p->depth;
}

static void mark(pdfc *p, int is_text)
{
    mark_as(p, pdf_tags_mark_for(p->tags, is_text), pdf_tags_current(p->tags));
}

typedef enum { PAINT_FILL, PAINT_STROKE, PAINT_BOTH, PAINT_CLIP } paint_kind;

static void paint(pdfc *p, paint_kind k, const char *what)
{
    if (!ready(p, what))
        return;
    flush_text(p);
    if (p->npath == 0)
        return;
    if (k != PAINT_CLIP) {
        mark(p, 0);
        apply_state(p);
    }
    emit_path(p);
    switch (k) {
    case PAINT_FILL: pdf_op(&p->ops, NULL, 0, "f"); break;
    case PAINT_STROKE: pdf_op(&p->ops, NULL, 0, "S"); break;
    case PAINT_BOTH: pdf_op(&p->ops, NULL, 0, "B"); break;
    case PAINT_CLIP: buf_puts(&p->ops, "W\nn\n"); break;
    }
    write_ops(p, &p->ops);
}

static void p_fill(canvas *c) { paint((pdfc *)c, PAINT_FILL, "fill"); }
static void p_stroke(canvas *c) { paint((pdfc *)c, PAINT_STROKE, "stroke"); }
static void p_fill_stroke(canvas *c)
{
    paint((pdfc *)c, PAINT_BOTH, "fill_stroke");
}
static void p_clip(canvas *c) { paint((pdfc *)c, PAINT_CLIP, "clip"); }

/* ---- text --------------------------------------------------------------- */

/* Checks every code point; returns 0 (canvas failed) on the first one that
 * must not reach libharu.  Text is checked against font_can_draw before
 * anything is written (layout, charts), so a failure here is an internal
 * one. */
static int text_ok(pdfc *p, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t adv;
        int32_t cp = utf8_decode(s + i, len - i, &adv);
        if (cp < 0) {
            canvas_fail(&p->base, "invalid UTF-8 in text at byte %zu", i);
            return 0;
        }
        if (!p->base.font || !font_can_draw(p->base.font, (uint32_t)cp)) {
            canvas_fail(&p->base,
                        "U+%04X cannot be drawn and was not refused before "
                        "writing",
                        (unsigned)cp);
            return 0;
        }
        if (!bit_get(p->allowed, (uint32_t)cp)) {
            canvas_fail(&p->base,
                        "U+%04X was not among the code points given to "
                        "canvas_pdf_new",
                        (unsigned)cp);
            return 0;
        }
        i += adv;
    }
    return 1;
}

/* Starts and ends one text object in the held-back style. */
static void begin_text(pdfc *p, double size, text_style style)
{
    if (style == TEXT_BOLD) {
        /* Fake bold: fill then stroke the outlines with a thin stroke in
         * the fill colour, without dashes. */
        push_state(p);
        p->want.stroke = p->want.fill;
        p->want.stroke_alpha = p->want.fill_alpha;
        p->want.width = size * 0.03;
        p->want.ndash = 0;
        p->want.phase = 0;
        memset(p->want.dash, 0, sizeof p->want.dash);
        HPDF_Page_SetLineJoin(p->page, HPDF_ROUND_JOIN);
    }
    apply_state(p);
    HPDF_Page_BeginText(p->page);
    HPDF_Page_SetFontAndSize(p->page, p->font, (HPDF_REAL)size);
    if (style == TEXT_BOLD)
        HPDF_Page_SetTextRenderingMode(p->page, HPDF_FILL_THEN_STROKE);
}

static void end_text(pdfc *p, text_style style)
{
    if (style == TEXT_BOLD)
        HPDF_Page_SetTextRenderingMode(p->page, HPDF_FILL);
    HPDF_Page_EndText(p->page);
    if (style == TEXT_BOLD)
        pop_state(p);
}

static int one_char(const char *s, size_t len)
{
    size_t adv;
    return utf8_decode(s, len, &adv) >= 0 && adv == len;
}

/* Writes raw operators into the page's content stream (libharu has no
 * call for marked content); the installed internal header gives the
 * page's stream. */
static void write_raw(pdfc *p, const char *ops)
{
    buf_puts(&p->ops, ops);
    write_ops(p, &p->ops);
}

static int same_mark(const pend_piece *a, const pend_piece *b)
{
    return a->mark == b->mark && (a->mark != MARK_CONTENT || a->el == b->el);
}

/* Opens the /ActualText span of pieces [i, j) when they are not flush
 * against each other; 1 when it did. */
static int open_span(pdfc *p, size_t i, size_t j)
{
    int gaps = 0;
    for (size_t k = i + 1; k < j; k++)
        if (fabs(p->pend[k].x - p->pend[k - 1].end) > 0.005)
            gaps = 1;
    if (!gaps)
        return 0;
    buf b = BUF_INIT;
    buf_puts(&b, "/Span <</ActualText <FEFF");
    for (size_t k = i; k < j; k++) {
        const char *t = p->pend_text + p->pend[k].off;
        size_t len = p->pend[k].len;
        for (size_t m = 0; m < len;) {
            size_t adv;
            int32_t cp = utf8_decode(t + m, len - m, &adv);
            buf_hex(&b, (unsigned)cp, 4, 1); /* BMP only */
            m += adv;
        }
    }
    buf_puts(&b, ">>> BDC\n");
    write_raw(p, buf_cstr(&b));
    buf_free(&b);
    return 1;
}

/* Writes the held-back pieces of text, one text object for the line.
 * Pieces that are not flush against each other are wrapped in a
 * marked-content span whose /ActualText is their text, written as they
 * were given.  A line whose pieces belong to one element (or are all
 * artifacts) is marked around its text object; a line of several (a list
 * item's label and the first line of its body, a link in a sentence) is
 * marked piece by piece inside it, each part continuing where the one
 * before ended, so it is drawn exactly as one line would be. */
static void flush_text(pdfc *p)
{
    if (p->npend == 0)
        return;
    size_t n = p->npend;
    p->npend = 0;
    if (!p->page || p->base.failed)
        return;
    int parts = 0;
    for (size_t i = 1; i < n; i++)
        if (!same_mark(&p->pend[i], &p->pend[i - 1]))
            parts = 1;
    int span = 0;
    if (parts) {
        close_mark(p);
    } else {
        mark_as(p, p->pend[0].mark, p->pend[0].el);
        span = open_span(p, 0, n);
    }
    /* one string for a stretch of single characters with equal gaps (a
     * justified line), with character spacing */
    begin_text(p, p->pend_size, p->pend_style);
    double tc = 0;
    size_t part_end = 0; /* marked inside: the end of the part open */
    for (size_t i = 0; i < n && !p->base.failed;) {
        const pend_piece *pc = &p->pend[i];
        const char *t = p->pend_text + pc->off;
        size_t j = i + 1;
        double gap = 0;
        if (one_char(t, pc->len) && i + 1 < n &&
            one_char(p->pend_text + p->pend[i + 1].off, p->pend[i + 1].len)) {
            gap = p->pend[i + 1].x - pc->end;
            while (j < n &&
                   one_char(p->pend_text + p->pend[j].off, p->pend[j].len) &&
                   fabs(p->pend[j].x - p->pend[j - 1].end - gap) < 1e-4)
                j++;
            if (j == i + 1)
                gap = 0;
        }
        if (fabs(gap - tc) > 1e-6) {
            HPDF_Page_SetCharSpace(p->page, (HPDF_REAL)gap);
            tc = gap;
        }
        pdf_op(&p->ops, (HPDF_REAL[]){1, 0, 0, 1, q(pc->x), fy(p, p->pend_y)},
               6, "Tm");
        write_ops(p, &p->ops);
        /* pieces [i, j) are contiguous in pend_text; shown part by part */
        for (size_t k = i; k < j;) {
            size_t e = j;
            if (parts) {
                if (k == part_end) {
                    part_end = k + 1;
                    while (part_end < n &&
                           same_mark(&p->pend[part_end], &p->pend[k]))
                        part_end++;
                    if (open_mark(p, p->pend[k].mark, p->pend[k].el) < 0)
                        break;
                    span = open_span(p, k, part_end);
                }
                if (part_end < e)
                    e = part_end;
            }
            size_t from = p->pend[k].off;
            size_t len = p->pend[e - 1].off + p->pend[e - 1].len - from;
            char *str = xstrndup(p->pend_text + from, len);
            HPDF_Page_ShowText(p->page, str);
            free(str);
            if (parts && e == part_end) {
                write_raw(p, span ? "EMC\nEMC\n" : "EMC\n");
                span = 0;
            }
            k = e;
        }
        i = j;
    }
    if (tc != 0)
        HPDF_Page_SetCharSpace(p->page, 0);
    end_text(p, p->pend_style);
    if (span)
        write_raw(p, "EMC\n");
}

/* Text is held back while the calls continue one line: same baseline,
 * size, style and colour, each starting less than one em from where the
 * one before ends.  When such a line has gaps between its pieces (the
 * 1/4-em space between Japanese and Latin, justification, a half-width
 * punctuation's removed half), it is written inside one marked-content
 * span carrying the line's text as /ActualText: text extraction (pdftotext,
 * copy and paste) then gives back the text as written instead of taking
 * each gap for a word space.  Any other drawing call writes the held-back
 * text first. */
static void p_text(canvas *c, double x, double y, double size,
                   text_style style, const char *utf8, size_t len)
{
    pdfc *p = (pdfc *)c;
    if (!ready(p, "text") || len == 0)
        return;
    if (!(size > 0 && size < 1000)) {
        canvas_fail(c, "text size out of range");
        return;
    }
    if (!text_ok(p, utf8, len))
        return;
    for (size_t i = 0; i < len;) {
        size_t adv;
        int32_t cp = utf8_decode(utf8 + i, len - i, &adv);
        bit_set(p->drawn, (uint32_t)cp);
        i += adv;
    }
    if (p->npend && !(p->pend_y == y && p->pend_size == size &&
                      p->pend_style == style &&
                      fabs(x - p->pend[p->npend - 1].end) < size))
        flush_text(p);
    if (p->npend == 0) {
        p->pend_len = 0;
        p->pend_y = y;
        p->pend_size = size;
        p->pend_style = style;
    }
    p->pend_text = xgrow(p->pend_text, &p->pend_textcap, p->pend_len + len,
                         1);
    memcpy(p->pend_text + p->pend_len, utf8, len);
    p->pend = xgrow(p->pend, &p->pend_cap, p->npend + 1, sizeof *p->pend);
    double w = p->base.font ? font_text_width(p->base.font, utf8, len, size)
                            : 0;
    p->pend[p->npend++] =
        (pend_piece){x, x + w, p->pend_len, len,
                     pdf_tags_mark_for(p->tags, 1), pdf_tags_current(p->tags)};
    p->pend_len += len;
}

/* ---- pictures ----------------------------------------------------------- */

/* A picture (canvas.h): loaded into the document the first time it is
 * drawn (by content, so a file shown twice is one image object), then
 * placed with libharu's own q/cm/Do/Q.  image.c refused beforehand what
 * libharu 2.3.0 cannot draw (interlaced or 16-bit PNG, non-baseline
 * JPEG), so a failure here is internal. */
static void p_image(canvas *c, double x, double y, double w, double h,
                    const canvas_image *im)
{
    pdfc *p = (pdfc *)c;
    if (!ready(p, "image"))
        return;
    flush_text(p);
    write_ops(p, &p->ops);
    HPDF_Image img = NULL;
    for (size_t i = 0; i < p->nimages && !img; i++)
        if (strcmp(p->images[i].hash, im->hash) == 0)
            img = p->images[i].image;
    if (!img) {
        img = im->kind == CANVAS_IMAGE_PNG
                  ? HPDF_LoadPngImageFromMem(p->pdf, im->data,
                                             (HPDF_UINT)im->len)
                  : HPDF_LoadJpegImageFromMem(p->pdf, im->data,
                                              (HPDF_UINT)im->len);
        if (!img) {
            canvas_fail(c, "the PDF library could not load the picture "
                           "\"%s\"", im->alt);
            return;
        }
        p->images = xgrow(p->images, &p->capimages, p->nimages + 1,
                          sizeof *p->images);
        memcpy(p->images[p->nimages].hash, im->hash, sizeof im->hash);
        p->images[p->nimages++].image = img;
    }
    mark(p, 0); /* a figure's content, when the layout tagged it one */
    HPDF_Page_DrawImage(p->page, img, q(x), fy(p, y + h), q(w), q(h));
}

/* ---- links, bookmarks --------------------------------------------------- */

static void p_link(canvas *c, double x, double y, double w, double h,
                   const char *uri)
{
    pdfc *p = (pdfc *)c;
    if (!ready(p, "link"))
        return;
    HPDF_Rect r = {(HPDF_REAL)x, fy(p, y + h), (HPDF_REAL)(x + w), fy(p, y)};
    HPDF_Annotation a = HPDF_Page_CreateURILinkAnnot(p->page, r, uri);
    if (a) {
        HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
        pdf_tags_annot(p->tags, a, uri);
    }
}

static void p_tag_begin(canvas *c, const canvas_tag *t)
{
    pdfc *p = (pdfc *)c;
    if (ready(p, "tag_begin"))
        pdf_tags_open(p->tags, t); /* held-back text keeps its element */
}

static void p_tag_end(canvas *c)
{
    pdfc *p = (pdfc *)c;
    if (ready(p, "tag_end"))
        pdf_tags_close(p->tags);
}

static void p_bookmark(canvas *c, const char *title, int level)
{
    pdfc *p = (pdfc *)c;
    if (!ready(p, "bookmark"))
        return;
    for (size_t i = 0, len = strlen(title); i < len;) {
        size_t adv;
        int32_t cp = utf8_decode(title + i, len - i, &adv);
        if (cp < 0 || cp >= 0x10000) {
            canvas_fail(c, "bookmark title is not UTF-8 of the BMP");
            return;
        }
        i += adv;
    }
    if (level > p->noutline)
        level = p->noutline;
    if (level >= MAX_LEVELS)
        level = MAX_LEVELS - 1;
    HPDF_Outline parent = level > 0 ? p->outline[level - 1] : NULL;
    HPDF_Outline o = HPDF_CreateOutline(p->pdf, parent, title, p->utf8);
    if (!o)
        return;
    HPDF_Outline_SetOpened(o, HPDF_TRUE);
    HPDF_Destination dst = HPDF_Page_CreateDestination(p->page);
    if (dst) /* libharu's default destination shows the whole page */
        HPDF_Outline_SetDestination(o, dst);
    p->outline[level] = o;
    p->noutline = level + 1;
    HPDF_SetPageMode(p->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
}

static void p_destroy(canvas *c)
{
    pdfc *p = (pdfc *)c;
    drop_states(p);
    if (p->pdf)
        HPDF_Free(p->pdf);
    if (p->tags)
        pdf_tags_free(p->tags);
    free(p->path);
    free(p->alphas);
    free(p->pend);
    free(p->pend_text);
    free(p->images);
    buf_free(&p->ops);
    free(p);
}

static const canvas_ops pdf_ops = {
    .name = "pdf",
    .begin_page = p_begin_page,
    .end_page = p_end_page,
    .save = p_save,
    .restore = p_restore,
    .set_fill = p_set_fill,
    .set_stroke = p_set_stroke,
    .set_dash = p_set_dash,
    .move_to = p_move_to,
    .line_to = p_line_to,
    .curve_to = p_curve_to,
    .close_path = p_close_path,
    .rect = p_rect,
    .image = p_image,
    .fill = p_fill,
    .stroke = p_stroke,
    .fill_stroke = p_fill_stroke,
    .clip = p_clip,
    .text = p_text,
    .link = p_link,
    .bookmark = p_bookmark,
    .tag_begin = p_tag_begin,
    .tag_end = p_tag_end,
    .group_begin = NULL,
    .group_end = NULL,
    .destroy = p_destroy,
};

/* ---- creation ----------------------------------------------------------- */

static int load_font(pdfc *p, const font *f, const uint32_t *cps,
                     size_t ncps, diag_list *d)
{
    uint32_t *keep = xmalloc((ncps ? ncps : 1) * sizeof *keep);
    size_t nkeep = 0;
    for (size_t i = 0; i < ncps; i++)
        if (font_can_draw(f, cps[i])) {
            keep[nkeep++] = cps[i];
            bit_set(p->allowed, cps[i]);
        }
    if (nkeep == 0) {
        free(keep);
        return 0; /* nothing to draw: no font */
    }
    unsigned char *data;
    size_t len;
    int rc = font_subset(f, keep, nkeep, &data, &len, d);
    free(keep);
    if (rc < 0)
        return -1;

    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    buf path = BUF_INIT;
    buf_printf(&path, "%s/shiryo-font-XXXXXX", dir);
    int fd = mkstemp(path.data);
    if (fd < 0) {
        diag_add(d, DIAG_ERROR, NULL, 0, 0,
                 "cannot create a temporary file in %s: %s", dir,
                 strerror(errno));
        free(data);
        buf_free(&path);
        return -1;
    }
    int werr = fs_write_close(fd, data, len);
    free(data);
    if (werr) {
        diag_add(d, DIAG_ERROR, NULL, 0, 0,
                 "cannot write the font subset to %s: %s", path.data,
                 strerror(werr));
        unlink(path.data);
        buf_free(&path);
        return -1;
    }
    const char *name = HPDF_LoadTTFontFromFile(p->pdf, path.data, HPDF_TRUE);
    if (name)
        p->font = HPDF_GetFont(p->pdf, name, "UTF-8");
    unlink(path.data);
    buf_free(&path);
    if (!name || !p->font) {
        diag_add(d, DIAG_ERROR, font_path(f), 0, 0,
                 "libharu cannot load the font: %s",
                 p->base.error[0] ? p->base.error : "unknown error");
        diag_hint(d, "use a TrueType font (glyf outlines), such as "
                     "IPAexGothic; CFF-based OpenType fonts are not "
                     "supported");
        return -1;
    }
    return 0;
}

static void set_info(pdfc *p, HPDF_InfoType t, const char *s)
{
    if (s && *s)
        HPDF_SetInfoAttr(p->pdf, t, s);
}

canvas *canvas_pdf_new(const font *f, const uint32_t *cps, size_t ncps,
                       const pdf_info *info, diag_list *d)
{
    pdfc *p = xcalloc(1, sizeof *p);
    p->base.ops = &pdf_ops;
    p->base.font = f;
    p->pdf = HPDF_New(on_error, p);
    if (!p->pdf) {
        diag_add(d, DIAG_ERROR, NULL, 0, 0, "cannot create a PDF document");
        free(p);
        return NULL;
    }
    HPDF_SetCompressionMode(p->pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(p->pdf);
    HPDF_SetCurrentEncoder(p->pdf, "UTF-8");
    p->utf8 = HPDF_GetEncoder(p->pdf, "UTF-8");
    if (p->base.failed || !p->utf8) {
        diag_add(d, DIAG_ERROR, NULL, 0, 0,
                 "cannot set up the PDF's UTF-8 encoding: %s",
                 p->base.error);
        p_destroy(&p->base);
        return NULL;
    }
    if (load_font(p, f, cps, ncps, d) < 0) {
        p_destroy(&p->base);
        return NULL;
    }
    if (info) {
        set_info(p, HPDF_INFO_TITLE, info->title);
        set_info(p, HPDF_INFO_AUTHOR, info->author);
        set_info(p, HPDF_INFO_SUBJECT, info->subject);
        set_info(p, HPDF_INFO_KEYWORDS, info->keywords);
        set_info(p, HPDF_INFO_CREATOR, info->creator);
        if (info->date_ymd > 0) {
            HPDF_Date date = {info->date_ymd / 10000,
                              info->date_ymd / 100 % 100,
                              info->date_ymd % 100, 0, 0, 0, 'Z', 0, 0};
            HPDF_SetInfoDateAttr(p->pdf, HPDF_INFO_CREATION_DATE, date);
            HPDF_SetInfoDateAttr(p->pdf, HPDF_INFO_MOD_DATE, date);
        }
    }
    p->tags = pdf_tags_new(p->pdf, info);
    if (!p->base.failed && pdf_tags_error(p->tags))
        canvas_fail(&p->base, "%s", pdf_tags_error(p->tags));
    if (p->base.failed) {
        diag_add(d, DIAG_ERROR, NULL, 0, 0, "cannot set the PDF's document "
                 "information: %s", p->base.error);
        p_destroy(&p->base);
        return NULL;
    }
    return &p->base;
}

/* ---- saving ------------------------------------------------------------- */

const char *canvas_pdf_bytes(canvas *c, unsigned char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    if (!c || c->ops != &pdf_ops)
        return "not a PDF canvas";
    pdfc *p = (pdfc *)c;
    if (!c->failed && p->page)
        canvas_fail(c, "the last page was not ended (call end_page)");
    if (!c->failed && pdf_tags_finish(p->tags) < 0)
        canvas_fail(c, "%s", pdf_tags_error(p->tags));
    if (!c->failed && pdf_fix_tounicode(p->font, p->drawn) < 0)
        canvas_fail(c, "cannot write the font's ToUnicode map");
    /* page labels: decimal from 1, the number printed on each slide (a
     * label prefix would have to be ASCII) */
    if (!c->failed && HPDF_GetCurrentPage(p->pdf))
        HPDF_AddPageLabel(p->pdf, 0, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, NULL);
    if (c->failed)
        return c->error;
    HPDF_UINT32 size = 0, got = 0;
    unsigned char *bytes = NULL;
    if (HPDF_SaveToStream(p->pdf) == HPDF_OK && !c->failed) {
        got = size = HPDF_GetStreamSize(p->pdf);
        bytes = xmalloc((size_t)size + 1);
        HPDF_ResetStream(p->pdf);
        HPDF_ReadFromStream(p->pdf, bytes, &got);
    }
    if (!bytes || got != size || c->failed) {
        free(bytes);
        return c->failed ? c->error : "unknown error";
    }
    /* the structure tree goes in after libharu's objects (pdf_tags.h) */
    const char *why = pdf_tags_write(p->tags, bytes, size, out, len);
    free(bytes);
    if (why) {
        canvas_fail(c, "%s", why);
        return c->error;
    }
    return NULL;
}

int canvas_pdf_save(canvas *c, const char *path, diag_list *d)
{
    if (!c || c->ops != &pdf_ops) {
        diag_add(d, DIAG_ERROR, path, 0, 0, "not a PDF canvas");
        return -1;
    }
    int drawn = !c->failed;
    unsigned char *bytes;
    size_t size;
    const char *err = canvas_pdf_bytes(c, &bytes, &size);
    if (err) {
        diag_add(d, DIAG_ERROR, path, 0, 0, "cannot %s the PDF: %s",
                 drawn ? "make" : "draw", err);
        return -1;
    }
    /* made in memory and written by fs_write_atomic: a failure to write
     * is the system's reason at the user's path, never a libharu code */
    int rc = fs_write_atomic(path, bytes, size, d);
    free(bytes);
    return rc;
}

const char *canvas_pdf_library_version(void)
{
    return HPDF_GetVersion();
}
