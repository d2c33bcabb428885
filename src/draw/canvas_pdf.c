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
#include "canvas_pdf_impl.h"

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
void pdfc_write_ops(pdfc *p, buf *b)
{
    if (pdf_ops_flush(p->page, b) != 0)
        canvas_fail(&p->base, "cannot write to the page's content stream");
}

/* Writes whatever part of the wanted state differs from the written one. */
void pdfc_apply_state(pdfc *p)
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
    pdfc_write_ops(p, o);
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

void pdfc_push_state(pdfc *p)
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

void pdfc_pop_state(pdfc *p)
{
    if (p->depth == 0) {
        canvas_fail(&p->base, "restore without a matching save");
        return;
    }
    p->depth--;
    /* a marked-content sequence and a save/restore pair nest */
    if (p->mark != MARK_NONE && p->mark_depth > p->depth)
        pdfc_close_mark(p);
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
    pdfc_flush_text(p);
    while (p->depth > 0 && !c->failed)
        pdfc_pop_state(p);
    pdfc_close_mark(p);
    if (pdf_tags_error(p->tags))
        canvas_fail(c, "%s", pdf_tags_error(p->tags));
    p->npath = 0;
    p->page = NULL;
}

static void p_save(canvas *c)
{
    pdfc *p = (pdfc *)c;
    if (ready(p, "save")) {
        pdfc_flush_text(p);
        pdfc_push_state(p);
    }
}

static void p_restore(canvas *c)
{
    pdfc *p = (pdfc *)c;
    if (ready(p, "restore")) {
        pdfc_flush_text(p);
        pdfc_pop_state(p);
    }
}

static void p_set_fill(canvas *c, rgb col, double opacity)
{
    pdfc *p = (pdfc *)c;
    pdfc_flush_text(p);
    p->want.fill = (rgb){clamp01(col.r), clamp01(col.g), clamp01(col.b)};
    p->want.fill_alpha = clamp01(opacity);
}

static void p_set_stroke(canvas *c, rgb col, double opacity, double width)
{
    pdfc *p = (pdfc *)c;
    pdfc_flush_text(p);
    p->want.stroke = (rgb){clamp01(col.r), clamp01(col.g), clamp01(col.b)};
    p->want.stroke_alpha = clamp01(opacity);
    p->want.width = width >= 0 && isfinite(width) ? width : 0;
}

static void p_set_dash(canvas *c, const double *pattern, int n, double phase)
{
    pdfc *p = (pdfc *)c;
    pdfc_flush_text(p);
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

typedef enum { PAINT_FILL, PAINT_STROKE, PAINT_BOTH, PAINT_CLIP } paint_kind;

static void paint(pdfc *p, paint_kind k, const char *what)
{
    if (!ready(p, what))
        return;
    pdfc_flush_text(p);
    if (p->npath == 0)
        return;
    if (k != PAINT_CLIP) {
        pdfc_mark(p, 0);
        pdfc_apply_state(p);
    }
    emit_path(p);
    switch (k) {
    case PAINT_FILL: pdf_op(&p->ops, NULL, 0, "f"); break;
    case PAINT_STROKE: pdf_op(&p->ops, NULL, 0, "S"); break;
    case PAINT_BOTH: pdf_op(&p->ops, NULL, 0, "B"); break;
    case PAINT_CLIP: buf_puts(&p->ops, "W\nn\n"); break;
    }
    pdfc_write_ops(p, &p->ops);
}

static void p_fill(canvas *c) { paint((pdfc *)c, PAINT_FILL, "fill"); }
static void p_stroke(canvas *c) { paint((pdfc *)c, PAINT_STROKE, "stroke"); }
static void p_fill_stroke(canvas *c)
{
    paint((pdfc *)c, PAINT_BOTH, "fill_stroke");
}
static void p_clip(canvas *c) { paint((pdfc *)c, PAINT_CLIP, "clip"); }

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
    pdfc_flush_text(p);
    pdfc_write_ops(p, &p->ops);
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
    pdfc_mark(p, 0); /* a figure's content, when the layout tagged it one */
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
    .text = pdfc_text,
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
