#include "pptx_shapes.h"

#include <math.h>
#include <stdlib.h>

#include "escape.h"
#include "pptx_units.h"
#include "xalloc.h"

/* One path element, in points on the page. */
typedef struct seg {
    char op; /* 'M' move, 'L' line, 'C' cubic (three points), 'Z' close */
    double p[6];
} seg;

typedef struct paint {
    rgb fill, stroke;
    double fill_a, stroke_a, width;
    int dashed;
} paint;

typedef struct shapes_cv {
    canvas base;
    buf *out;
    unsigned *next_id;
    paint now;
    paint *stack;
    size_t nstack, cstack;
    seg *path;
    size_t npath, cpath;
    int have_point;
} shapes_cv;

static shapes_cv *S_of(canvas *c) { return (shapes_cv *)c; }

static unsigned hex_of(rgb c)
{
    long r = lround(c.r * 255), g = lround(c.g * 255), b = lround(c.b * 255);
    return (unsigned)(r << 16 | g << 8 | b);
}

static void colour(buf *out, rgb c, double alpha)
{
    buf_printf(out, "<a:solidFill><a:srgbClr val=\"%06X\">", hex_of(c));
    if (alpha < 1)
        buf_printf(out, "<a:alpha val=\"%ld\"/>", lround(alpha * 100000));
    buf_puts(out, "</a:srgbClr></a:solidFill>");
}

/* ---- state ----------------------------------------------------------- */

static void sh_save(canvas *c)
{
    shapes_cv *s = S_of(c);
    if (s->nstack == s->cstack) {
        s->cstack = s->cstack ? 2 * s->cstack : 8;
        s->stack = xrealloc(s->stack, s->cstack * sizeof *s->stack);
    }
    s->stack[s->nstack++] = s->now;
}

static void sh_restore(canvas *c)
{
    shapes_cv *s = S_of(c);
    if (s->nstack)
        s->now = s->stack[--s->nstack];
}

static void sh_set_fill(canvas *c, rgb col, double opacity)
{
    S_of(c)->now.fill = col;
    S_of(c)->now.fill_a = opacity;
}

static void sh_set_stroke(canvas *c, rgb col, double opacity, double width)
{
    S_of(c)->now.stroke = col;
    S_of(c)->now.stroke_a = opacity;
    S_of(c)->now.width = width;
}

static void sh_set_dash(canvas *c, const double *pattern, int n, double phase)
{
    (void)pattern;
    (void)phase;
    S_of(c)->now.dashed = n > 0;
}

/* ---- paths ------------------------------------------------------------ */

static void add(shapes_cv *s, char op, const double *p, int n)
{
    if (s->npath == s->cpath) {
        s->cpath = s->cpath ? 2 * s->cpath : 16;
        s->path = xrealloc(s->path, s->cpath * sizeof *s->path);
    }
    seg *g = &s->path[s->npath++];
    g->op = op;
    for (int i = 0; i < 6; i++)
        g->p[i] = i < n ? p[i] : 0;
}

static void sh_move_to(canvas *c, double x, double y)
{
    double p[2] = {x, y};
    add(S_of(c), 'M', p, 2);
    S_of(c)->have_point = 1;
}

static void sh_line_to(canvas *c, double x, double y)
{
    double p[2] = {x, y};
    add(S_of(c), S_of(c)->have_point ? 'L' : 'M', p, 2);
    S_of(c)->have_point = 1;
}

static void sh_curve_to(canvas *c, double x1, double y1, double x2, double y2,
                        double x3, double y3)
{
    double p[6] = {x1, y1, x2, y2, x3, y3};
    if (!S_of(c)->have_point)
        add(S_of(c), 'M', p, 2);
    add(S_of(c), 'C', p, 6);
    S_of(c)->have_point = 1;
}

static void sh_close_path(canvas *c) { add(S_of(c), 'Z', NULL, 0); }

static void sh_rect(canvas *c, double x, double y, double w, double h)
{
    sh_move_to(c, x, y);
    sh_line_to(c, x + w, y);
    sh_line_to(c, x + w, y + h);
    sh_line_to(c, x, y + h);
    sh_close_path(c);
}

static void end_path(shapes_cv *s)
{
    s->npath = 0;
    s->have_point = 0;
}

/* The path's bounding box (control points included). */
static void bounds(const shapes_cv *s, double *x0, double *y0, double *x1,
                   double *y1)
{
    *x0 = *y0 = HUGE_VAL;
    *x1 = *y1 = -HUGE_VAL;
    for (size_t i = 0; i < s->npath; i++) {
        const seg *g = &s->path[i];
        int n = g->op == 'C' ? 3 : g->op == 'Z' ? 0 : 1;
        for (int k = 0; k < n; k++) {
            *x0 = fmin(*x0, g->p[2 * k]);
            *x1 = fmax(*x1, g->p[2 * k]);
            *y0 = fmin(*y0, g->p[2 * k + 1]);
            *y1 = fmax(*y1, g->p[2 * k + 1]);
        }
    }
}

/* A circle as canvas_arc draws it: a start, four quarter curves, a close,
 * in a square box. */
static int is_circle(const shapes_cv *s, double w, double h)
{
    if (s->npath < 6 || s->npath > 7 || s->path[0].op != 'M')
        return 0;
    for (size_t i = 1; i < 5; i++)
        if (s->path[i].op != 'C')
            return 0;
    return fabs(w - h) < 1e-6 * fmax(w, 1) && w > 0;
}

static void path_pt(buf *out, double x, double y, double x0, double y0)
{
    buf_printf(out, "<a:pt x=\"%lld\" y=\"%lld\"/>", pptx_emu(x - x0),
               pptx_emu(y - y0));
}

static void geometry(buf *out, const shapes_cv *s, double x0, double y0,
                     long long w, long long h)
{
    buf_printf(out,
               "<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/>"
               "<a:rect l=\"0\" t=\"0\" r=\"r\" b=\"b\"/><a:pathLst>"
               "<a:path w=\"%lld\" h=\"%lld\">",
               w, h);
    for (size_t i = 0; i < s->npath; i++) {
        const seg *g = &s->path[i];
        switch (g->op) {
        case 'M':
        case 'L':
            buf_puts(out, g->op == 'M' ? "<a:moveTo>" : "<a:lnTo>");
            path_pt(out, g->p[0], g->p[1], x0, y0);
            buf_puts(out, g->op == 'M' ? "</a:moveTo>" : "</a:lnTo>");
            break;
        case 'C':
            buf_puts(out, "<a:cubicBezTo>");
            for (int k = 0; k < 3; k++)
                path_pt(out, g->p[2 * k], g->p[2 * k + 1], x0, y0);
            buf_puts(out, "</a:cubicBezTo>");
            break;
        default:
            buf_puts(out, "<a:close/>");
        }
    }
    buf_puts(out, "</a:path></a:pathLst></a:custGeom>");
}

/* The path as one shape, filled and/or stroked; the path ends. */
static void emit(shapes_cv *s, int fill, int stroke)
{
    if (s->npath == 0)
        return;
    double x0, y0, x1, y1;
    bounds(s, &x0, &y0, &x1, &y1);
    buf *out = s->out;
    unsigned id = (*s->next_id)++;
    int circle = is_circle(s, x1 - x0, y1 - y0);
    buf_printf(out,
               "<p:sp><p:nvSpPr><p:cNvPr id=\"%u\" name=\"%s %u\"/>"
               "<p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off "
               "x=\"%lld\" y=\"%lld\"/><a:ext cx=\"%lld\" cy=\"%lld\"/>"
               "</a:xfrm>",
               id, circle ? "Ellipse" : "Shape", id, pptx_emu(x0), pptx_emu(y0),
               pptx_emu(x1 - x0), pptx_emu(y1 - y0));
    if (circle)
        buf_puts(out, "<a:prstGeom prst=\"ellipse\"><a:avLst/></a:prstGeom>");
    else
        geometry(out, s, x0, y0, pptx_emu(x1 - x0), pptx_emu(y1 - y0));
    if (fill)
        colour(out, s->now.fill, s->now.fill_a);
    else
        buf_puts(out, "<a:noFill/>");
    if (stroke) {
        buf_printf(out, "<a:ln w=\"%lld\">", pptx_emu(s->now.width));
        colour(out, s->now.stroke, s->now.stroke_a);
        if (s->now.dashed)
            buf_puts(out, "<a:prstDash val=\"dash\"/>");
        buf_puts(out, "</a:ln>");
    } else {
        buf_puts(out, "<a:ln><a:noFill/></a:ln>");
    }
    buf_puts(out, "</p:spPr></p:sp>");
    end_path(s);
}

static void sh_fill(canvas *c) { emit(S_of(c), 1, 0); }
static void sh_stroke(canvas *c) { emit(S_of(c), 0, 1); }
static void sh_fill_stroke(canvas *c) { emit(S_of(c), 1, 1); }
static void sh_clip(canvas *c) { end_path(S_of(c)); }

/* ---- text ------------------------------------------------------------- */

static void sh_text(canvas *c, double x, double y, double size,
                    text_style style, const char *utf8, size_t len)
{
    shapes_cv *s = S_of(c);
    if (len == 0)
        return;
    const font *f = c->font;
    double asc = f ? font_ascent(f) : 0.88, desc = f ? font_descent(f) : 0.12;
    double w = f ? font_text_width(f, utf8, len, size) : size * (double)len;
    buf *out = s->out;
    unsigned id = (*s->next_id)++;
    /* a little wider than the text: another program's metrics may differ */
    buf_printf(out,
               "<p:sp><p:nvSpPr><p:cNvPr id=\"%u\" name=\"Text %u\"/>"
               "<p:cNvSpPr txBox=\"1\"/><p:nvPr/></p:nvSpPr><p:spPr>"
               "<a:xfrm><a:off x=\"%lld\" y=\"%lld\"/><a:ext cx=\"%lld\" "
               "cy=\"%lld\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/>"
               "</a:prstGeom><a:noFill/></p:spPr><p:txBody><a:bodyPr "
               "wrap=\"none\" lIns=\"0\" tIns=\"0\" rIns=\"0\" bIns=\"0\" "
               "rtlCol=\"0\" anchor=\"t\"><a:noAutofit/></a:bodyPr>"
               "<a:lstStyle/><a:p><a:r><a:rPr lang=\"ja-JP\" "
               "altLang=\"en-US\" sz=\"%ld\"%s dirty=\"0\">",
               id, id, pptx_emu(x), pptx_emu(y - asc * size),
               pptx_emu(w * 1.05), pptx_emu((asc + desc) * size),
               lround(size * 100), style == TEXT_BOLD ? " b=\"1\"" : "");
    colour(out, s->now.fill, s->now.fill_a);
    buf_puts(out, "<a:latin typeface=\"+mn-lt\"/><a:ea typeface=\"+mn-ea\"/>"
                  "</a:rPr><a:t>");
    escape_xml(out, utf8, len);
    buf_puts(out, "</a:t></a:r></a:p></p:txBody></p:sp>");
}

static void sh_destroy(canvas *c)
{
    shapes_cv *s = S_of(c);
    free(s->stack);
    free(s->path);
    free(s);
}

static const canvas_ops shapes_ops = {
    .name = "pptx-shapes",
    .save = sh_save,
    .restore = sh_restore,
    .set_fill = sh_set_fill,
    .set_stroke = sh_set_stroke,
    .set_dash = sh_set_dash,
    .move_to = sh_move_to,
    .line_to = sh_line_to,
    .curve_to = sh_curve_to,
    .close_path = sh_close_path,
    .rect = sh_rect,
    .fill = sh_fill,
    .stroke = sh_stroke,
    .fill_stroke = sh_fill_stroke,
    .clip = sh_clip,
    .text = sh_text,
    .destroy = sh_destroy,
};

canvas *pptx_shapes_new(const font *f, buf *out, unsigned *next_id)
{
    shapes_cv *s = xcalloc(1, sizeof *s);
    s->base.ops = &shapes_ops;
    s->base.font = f;
    s->out = out;
    s->next_id = next_id;
    s->now.fill = look_rgb(LOOK_INK);
    s->now.stroke = look_rgb(LOOK_INK);
    s->now.fill_a = s->now.stroke_a = 1;
    s->now.width = 1;
    return &s->base;
}
