/* canvas_pdf_text: the PDF canvas's text and marked content (see
 * canvas_pdf_impl.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "canvas_pdf_impl.h"
#include "pdf_ops.h"
#include "utf8.h"
#include "xalloc.h"

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

void pdfc_close_mark(pdfc *p)
{
    if (p->mark == MARK_NONE)
        return;
    p->mark = MARK_NONE;
    pdfc_write_raw(p, "EMC\n");
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
        /* a footer of pagination, as PDF/UA asks of page numbers
         * (Matterhorn 18-002; PDF 1.7 has no PageNum subtype) */
        buf_puts(&b, "/Artifact <</Type /Pagination /Subtype /Footer>> "
                     "BDC\n");
    } else {
        buf_puts(&b, "/Artifact BMC\n");
    }
    pdfc_write_raw(p, buf_cstr(&b));
    buf_free(&b);
    return 0;
}

static void mark_as(pdfc *p, pdf_mark want, unsigned long el)
{
    if (want == p->mark && (want != MARK_CONTENT || el == p->mark_elem))
        return;
    pdfc_close_mark(p);
    if (open_mark(p, want, el) < 0)
        return;
    p->mark = want;
    p->mark_elem = el;
    p->mark_depth = p->depth;
}

void pdfc_mark(pdfc *p, int is_text)
{
    mark_as(p, pdf_tags_mark_for(p->tags, is_text), pdf_tags_current(p->tags));
}

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
        pdfc_push_state(p);
        p->want.stroke = p->want.fill;
        p->want.stroke_alpha = p->want.fill_alpha;
        p->want.width = size * 0.03;
        p->want.ndash = 0;
        p->want.phase = 0;
        memset(p->want.dash, 0, sizeof p->want.dash);
        HPDF_Page_SetLineJoin(p->page, HPDF_ROUND_JOIN);
    }
    pdfc_apply_state(p);
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
        pdfc_pop_state(p);
}

static int one_char(const char *s, size_t len)
{
    size_t adv;
    return utf8_decode(s, len, &adv) >= 0 && adv == len;
}

/* Writes raw operators into the page's content stream (libharu has no
 * call for marked content); the installed internal header gives the
 * page's stream. */
void pdfc_write_raw(pdfc *p, const char *ops)
{
    buf_puts(&p->ops, ops);
    pdfc_write_ops(p, &p->ops);
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
    pdfc_write_raw(p, buf_cstr(&b));
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
void pdfc_flush_text(pdfc *p)
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
        pdfc_close_mark(p);
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
        pdfc_write_ops(p, &p->ops);
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
                pdfc_write_raw(p, span ? "EMC\nEMC\n" : "EMC\n");
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
        pdfc_write_raw(p, "EMC\n");
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
void pdfc_text(canvas *c, double x, double y, double size,
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
        pdfc_flush_text(p);
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

