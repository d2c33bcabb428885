/* canvas_svg: the canvas as inline SVG (see canvas_svg.h).
 *
 * The graphics state (colours, line width, dashes) is kept here and written
 * as attributes on each shape.  save/restore and group_begin/group_end map
 * to nested <g> elements only where needed: a clip opens
 * <g clip-path="url(#…)"> that the matching restore closes. */
#include "canvas_svg.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "url.h"
#include "xalloc.h"

#define MAX_DASH 16
#define MAX_DEPTH 64

typedef struct sstate {
    rgb fill, stroke;
    double fill_alpha, stroke_alpha, width;
    int ndash;
    double dash[MAX_DASH];
    double phase;
    size_t open; /* <g> elements open when this state was saved */
} sstate;

typedef enum { G_CLIP, G_GROUP } g_kind;

typedef struct svgc {
    canvas base;
    buf *out;
    char *title, *desc, *id;
    int in_page;
    int page_no;
    int clip_no;
    sstate st;
    sstate stack[MAX_DEPTH];
    int depth;
    g_kind *gs; /* open <g> elements, innermost last */
    size_t ngs, capgs;
    buf path;
    int has_point;
    int path_parts;  /* subpaths or rects in the path */
    int path_is_rect; /* the path is exactly one rect */
    double rect[4];
} svgc;

static const sstate initial_state = {
    {0, 0, 0}, {0, 0, 0}, 1, 1, 1, 0, {0}, 0, 0};

static void num(buf *b, double v) { buf_num(b, v, 2, 1); }

static void colour(buf *b, rgb c)
{
    double v[3] = {c.r, c.g, c.b};
    buf_putc(b, '#');
    for (int i = 0; i < 3; i++) {
        double x = v[i] >= 0 ? (v[i] <= 1 ? v[i] : 1) : 0;
        buf_hex(b, (unsigned)lround(x * 255), 2, 0);
    }
}

static int ready(svgc *s, const char *what)
{
    if (s->base.failed)
        return 0;
    if (!s->in_page) {
        canvas_fail(&s->base, "%s outside a page (call begin_page first)",
                    what);
        return 0;
    }
    return 1;
}

static void id_prefix(svgc *s)
{
    escape_xml_str(s->out, s->id);
    if (s->page_no > 1)
        buf_printf(s->out, "-p%d", s->page_no);
}

static void close_g_to(svgc *s, size_t n)
{
    while (s->ngs > n) {
        s->ngs--;
        buf_puts(s->out, "</g>\n");
    }
}

static void open_g(svgc *s, g_kind k)
{
    s->gs = xgrow(s->gs, &s->capgs, s->ngs + 1, sizeof *s->gs);
    s->gs[s->ngs++] = k;
}

static void reset_path(svgc *s)
{
    buf_reset(&s->path);
    s->has_point = 0;
    s->path_parts = 0;
    s->path_is_rect = 0;
}

/* ---- pages and state ------------------------------------------------- */

static void s_begin_page(canvas *c, double w, double h)
{
    svgc *s = (svgc *)c;
    if (s->in_page) {
        canvas_fail(c, "begin_page inside a page (call end_page first)");
        return;
    }
    s->in_page = 1;
    s->page_no++;
    s->st = initial_state;
    s->depth = 0;
    s->ngs = 0;
    reset_path(s);
    buf *b = s->out;
    buf_puts(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ");
    num(b, w);
    buf_putc(b, ' ');
    num(b, h);
    buf_puts(b, "\" width=\"");
    num(b, w);
    buf_puts(b, "\" height=\"");
    num(b, h);
    buf_puts(b, "\" role=\"img\" aria-labelledby=\"");
    id_prefix(s);
    buf_puts(b, "-title ");
    id_prefix(s);
    buf_puts(b, "-desc\" font-family=\"");
    look_font_family(b, '\'');
    buf_puts(b, "\">\n");
    buf_puts(b, "<title id=\"");
    id_prefix(s);
    buf_puts(b, "-title\">");
    escape_xml_str(b, s->title);
    buf_puts(b, "</title>\n<desc id=\"");
    id_prefix(s);
    buf_puts(b, "-desc\">");
    escape_xml_str(b, s->desc);
    buf_puts(b, "</desc>\n");
}

static void s_end_page(canvas *c)
{
    svgc *s = (svgc *)c;
    if (!ready(s, "end_page"))
        return;
    close_g_to(s, 0);
    buf_puts(s->out, "</svg>\n");
    s->in_page = 0;
    reset_path(s);
}

static void s_save(canvas *c)
{
    svgc *s = (svgc *)c;
    if (!ready(s, "save"))
        return;
    if (s->depth >= MAX_DEPTH) {
        canvas_fail(c, "save nested more than %d deep", MAX_DEPTH);
        return;
    }
    s->st.open = s->ngs;
    s->stack[s->depth++] = s->st;
}

static void s_restore(canvas *c)
{
    svgc *s = (svgc *)c;
    if (!ready(s, "restore"))
        return;
    if (s->depth == 0) {
        canvas_fail(c, "restore without a matching save");
        return;
    }
    s->st = s->stack[--s->depth];
    close_g_to(s, s->st.open);
}

static void s_set_fill(canvas *c, rgb col, double opacity)
{
    svgc *s = (svgc *)c;
    s->st.fill = col;
    s->st.fill_alpha = opacity >= 0 ? (opacity <= 1 ? opacity : 1) : 0;
}

static void s_set_stroke(canvas *c, rgb col, double opacity, double width)
{
    svgc *s = (svgc *)c;
    s->st.stroke = col;
    s->st.stroke_alpha = opacity >= 0 ? (opacity <= 1 ? opacity : 1) : 0;
    s->st.width = width >= 0 && isfinite(width) ? width : 0;
}

static void s_set_dash(canvas *c, const double *p, int n, double phase)
{
    svgc *s = (svgc *)c;
    if (n > MAX_DASH)
        n = MAX_DASH;
    int positive = 0;
    for (int i = 0; i < n; i++) {
        s->st.dash[i] = p[i] >= 0 && isfinite(p[i]) ? p[i] : 0;
        if (s->st.dash[i] > 0)
            positive = 1;
    }
    s->st.ndash = positive ? n : 0;
    s->st.phase = positive && isfinite(phase) ? phase : 0;
}

/* ---- paths ------------------------------------------------------------ */

static void pt(svgc *s, char op, double x, double y)
{
    if (s->path.len)
        buf_putc(&s->path, ' ');
    buf_putc(&s->path, op);
    num(&s->path, x);
    buf_putc(&s->path, ' ');
    num(&s->path, y);
}

static void s_move_to(canvas *c, double x, double y)
{
    svgc *s = (svgc *)c;
    pt(s, 'M', x, y);
    s->has_point = 1;
    s->path_parts++;
    s->path_is_rect = 0;
}

static void s_line_to(canvas *c, double x, double y)
{
    svgc *s = (svgc *)c;
    if (!s->has_point) {
        s_move_to(c, x, y);
        return;
    }
    pt(s, 'L', x, y);
    s->path_is_rect = 0;
}

static void s_curve_to(canvas *c, double x1, double y1, double x2, double y2,
                       double x3, double y3)
{
    svgc *s = (svgc *)c;
    if (!s->has_point)
        s_move_to(c, x1, y1);
    pt(s, 'C', x1, y1);
    buf_putc(&s->path, ' ');
    num(&s->path, x2);
    buf_putc(&s->path, ' ');
    num(&s->path, y2);
    buf_putc(&s->path, ' ');
    num(&s->path, x3);
    buf_putc(&s->path, ' ');
    num(&s->path, y3);
    s->path_is_rect = 0;
}

static void s_close_path(canvas *c)
{
    svgc *s = (svgc *)c;
    if (!s->has_point)
        return;
    buf_puts(&s->path, " Z");
    s->path_is_rect = 0;
}

static void s_rect(canvas *c, double x, double y, double w, double h)
{
    svgc *s = (svgc *)c;
    if (w < 0) {
        x += w;
        w = -w;
    }
    if (h < 0) {
        y += h;
        h = -h;
    }
    s->path_is_rect = s->path_parts == 0;
    s->path_parts++;
    s->rect[0] = x;
    s->rect[1] = y;
    s->rect[2] = w;
    s->rect[3] = h;
    pt(s, 'M', x, y);
    buf_puts(&s->path, " H");
    num(&s->path, x + w);
    buf_puts(&s->path, " V");
    num(&s->path, y + h);
    buf_puts(&s->path, " H");
    num(&s->path, x);
    buf_puts(&s->path, " Z");
    s->has_point = 1;
}

/* Writes the path as <rect …  or <path d="…"  (the element left open). */
static void shape_open(svgc *s)
{
    buf *b = s->out;
    if (s->path_is_rect) {
        buf_puts(b, "<rect x=\"");
        num(b, s->rect[0]);
        buf_puts(b, "\" y=\"");
        num(b, s->rect[1]);
        buf_puts(b, "\" width=\"");
        num(b, s->rect[2]);
        buf_puts(b, "\" height=\"");
        num(b, s->rect[3]);
        buf_putc(b, '"');
    } else {
        buf_puts(b, "<path d=\"");
        buf_put(b, s->path.data, s->path.len);
        buf_putc(b, '"');
    }
}

static void fill_attrs(svgc *s)
{
    buf *b = s->out;
    buf_puts(b, " fill=\"");
    colour(b, s->st.fill);
    buf_putc(b, '"');
    if (s->st.fill_alpha < 1) {
        buf_puts(b, " fill-opacity=\"");
        num(b, s->st.fill_alpha);
        buf_putc(b, '"');
    }
}

static void stroke_attrs(svgc *s)
{
    buf *b = s->out;
    buf_puts(b, " stroke=\"");
    colour(b, s->st.stroke);
    buf_puts(b, "\" stroke-width=\"");
    num(b, s->st.width);
    buf_putc(b, '"');
    if (s->st.stroke_alpha < 1) {
        buf_puts(b, " stroke-opacity=\"");
        num(b, s->st.stroke_alpha);
        buf_putc(b, '"');
    }
    if (s->st.ndash > 0) {
        buf_puts(b, " stroke-dasharray=\"");
        for (int i = 0; i < s->st.ndash; i++) {
            if (i)
                buf_putc(b, ' ');
            num(b, s->st.dash[i]);
        }
        buf_putc(b, '"');
        if (s->st.phase != 0) {
            buf_puts(b, " stroke-dashoffset=\"");
            num(b, s->st.phase);
            buf_putc(b, '"');
        }
    }
}

static void paint(canvas *c, int fill, int stroke, const char *what)
{
    svgc *s = (svgc *)c;
    if (!ready(s, what))
        return;
    if (s->path_parts == 0) {
        reset_path(s);
        return;
    }
    shape_open(s);
    if (fill)
        fill_attrs(s);
    else
        buf_puts(s->out, " fill=\"none\"");
    if (stroke)
        stroke_attrs(s);
    buf_puts(s->out, "/>\n");
    reset_path(s);
}

static void s_fill(canvas *c) { paint(c, 1, 0, "fill"); }
static void s_stroke(canvas *c) { paint(c, 0, 1, "stroke"); }
static void s_fill_stroke(canvas *c) { paint(c, 1, 1, "fill_stroke"); }

static void s_clip(canvas *c)
{
    svgc *s = (svgc *)c;
    if (!ready(s, "clip"))
        return;
    buf *b = s->out;
    s->clip_no++;
    buf_puts(b, "<clipPath id=\"");
    escape_xml_str(b, s->id);
    buf_printf(b, "-clip%d\">", s->clip_no);
    if (s->path_parts == 0)
        buf_puts(b, "<rect width=\"0\" height=\"0\"/>"); /* clip to nothing */
    else {
        shape_open(s);
        buf_puts(b, "/>");
    }
    buf_puts(b, "</clipPath>\n<g clip-path=\"url(#");
    escape_xml_str(b, s->id);
    buf_printf(b, "-clip%d)\">\n", s->clip_no);
    open_g(s, G_CLIP);
    reset_path(s);
}

/* ---- text, links, groups ---------------------------------------------- */

static void s_text(canvas *c, double x, double y, double size,
                   text_style style, const char *utf8, size_t len)
{
    svgc *s = (svgc *)c;
    if (!ready(s, "text") || len == 0)
        return;
    buf *b = s->out;
    buf_puts(b, "<text x=\"");
    num(b, x);
    buf_puts(b, "\" y=\"");
    num(b, y);
    buf_puts(b, "\" font-size=\"");
    num(b, size);
    buf_putc(b, '"');
    if (style == TEXT_BOLD)
        buf_puts(b, " font-weight=\"bold\"");
    if (c->font) {
        double w = font_text_width(c->font, utf8, len, size);
        if (w > 0) {
            buf_puts(b, " textLength=\"");
            num(b, w);
            buf_puts(b, "\" lengthAdjust=\"spacingAndGlyphs\"");
        }
    }
    /* Keep runs of spaces and edge spaces as drawn in the PDF. */
    int spaces = utf8[0] == ' ' || utf8[len - 1] == ' ';
    for (size_t i = 0; i + 1 < len && !spaces; i++)
        spaces = utf8[i] == ' ' && utf8[i + 1] == ' ';
    if (spaces)
        buf_puts(b, " xml:space=\"preserve\"");
    fill_attrs(s);
    buf_putc(b, '>');
    escape_xml(b, utf8, len);
    buf_puts(b, "</text>\n");
}

static void s_link(canvas *c, double x, double y, double w, double h,
                   const char *uri)
{
    svgc *s = (svgc *)c;
    if (!ready(s, "link") || !url_allowed(uri))
        return;
    buf *b = s->out;
    buf_puts(b, "<a href=\"");
    escape_xml_str(b, uri);
    buf_puts(b, "\"><rect x=\"");
    num(b, x);
    buf_puts(b, "\" y=\"");
    num(b, y);
    buf_puts(b, "\" width=\"");
    num(b, fabs(w));
    buf_puts(b, "\" height=\"");
    num(b, fabs(h));
    buf_puts(b, "\" fill=\"transparent\"/></a>\n");
}

static void s_group_begin(canvas *c, const char *label)
{
    svgc *s = (svgc *)c;
    if (!ready(s, "group_begin"))
        return;
    if (*label) {
        buf_puts(s->out, "<g role=\"group\" aria-label=\"");
        escape_xml_str(s->out, label);
        buf_puts(s->out, "\">\n");
    } else {
        buf_puts(s->out, "<g>\n");
    }
    open_g(s, G_GROUP);
}

static void s_group_end(canvas *c)
{
    svgc *s = (svgc *)c;
    if (!ready(s, "group_end"))
        return;
    size_t i = s->ngs;
    while (i > 0 && s->gs[i - 1] != G_GROUP)
        i--;
    if (i == 0) {
        canvas_fail(c, "group_end without a matching group_begin");
        return;
    }
    close_g_to(s, i - 1);
}

static void s_destroy(canvas *c)
{
    svgc *s = (svgc *)c;
    free(s->title);
    free(s->desc);
    free(s->id);
    free(s->gs);
    buf_free(&s->path);
    free(s);
}

static const canvas_ops svg_ops = {
    .name = "svg",
    .begin_page = s_begin_page,
    .end_page = s_end_page,
    .save = s_save,
    .restore = s_restore,
    .set_fill = s_set_fill,
    .set_stroke = s_set_stroke,
    .set_dash = s_set_dash,
    .move_to = s_move_to,
    .line_to = s_line_to,
    .curve_to = s_curve_to,
    .close_path = s_close_path,
    .rect = s_rect,
    .fill = s_fill,
    .stroke = s_stroke,
    .fill_stroke = s_fill_stroke,
    .clip = s_clip,
    .text = s_text,
    .link = s_link,
    .bookmark = NULL,
    .group_begin = s_group_begin,
    .group_end = s_group_end,
    .destroy = s_destroy,
};

canvas *canvas_svg_new(const font *f, buf *out, const char *title,
                       const char *desc, const char *id)
{
    svgc *s = xcalloc(1, sizeof *s);
    s->base.ops = &svg_ops;
    s->base.font = f;
    s->out = out;
    s->title = xstrdup(title ? title : "");
    s->desc = xstrdup(desc ? desc : "");
    s->id = xstrdup(id && *id ? id : "shiryo-svg");
    s->st = initial_state;
    return &s->base;
}
