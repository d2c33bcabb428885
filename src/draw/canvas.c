/* canvas: the wrappers over a backend's operations (see canvas.h). */
#include "canvas.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

void canvas_fail(canvas *c, const char *fmt, ...)
{
    if (!c || c->failed)
        return;
    c->failed = 1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->error, sizeof c->error, _(fmt), ap);
    va_end(ap);
}

/* A call goes through when the canvas exists, has not failed and its
 * backend implements the operation. */
#define CALL(c, op, ...)                                                   \
    do {                                                                   \
        if ((c) && !(c)->failed && (c)->ops && (c)->ops->op)               \
            (c)->ops->op((c), __VA_ARGS__);                                \
    } while (0)
#define CALL0(c, op)                                                       \
    do {                                                                   \
        if ((c) && !(c)->failed && (c)->ops && (c)->ops->op)               \
            (c)->ops->op((c));                                             \
    } while (0)

void canvas_begin_page(canvas *c, double width, double height)
{
    CALL(c, begin_page, width, height);
}
void canvas_end_page(canvas *c) { CALL0(c, end_page); }
void canvas_save(canvas *c) { CALL0(c, save); }
void canvas_restore(canvas *c) { CALL0(c, restore); }
void canvas_set_fill(canvas *c, rgb colour, double opacity)
{
    CALL(c, set_fill, colour, opacity);
}
void canvas_set_stroke(canvas *c, rgb colour, double opacity, double width)
{
    CALL(c, set_stroke, colour, opacity, width);
}
void canvas_set_dash(canvas *c, const double *pattern, int n, double phase)
{
    if (n < 0 || (n > 0 && !pattern))
        n = 0;
    CALL(c, set_dash, pattern, n, phase);
}
void canvas_move_to(canvas *c, double x, double y) { CALL(c, move_to, x, y); }
void canvas_line_to(canvas *c, double x, double y) { CALL(c, line_to, x, y); }
void canvas_curve_to(canvas *c, double x1, double y1, double x2, double y2,
                     double x3, double y3)
{
    CALL(c, curve_to, x1, y1, x2, y2, x3, y3);
}
void canvas_close_path(canvas *c) { CALL0(c, close_path); }
void canvas_rect(canvas *c, double x, double y, double w, double h)
{
    CALL(c, rect, x, y, w, h);
}
void canvas_fill(canvas *c) { CALL0(c, fill); }
void canvas_stroke(canvas *c) { CALL0(c, stroke); }
void canvas_fill_stroke(canvas *c) { CALL0(c, fill_stroke); }
void canvas_clip(canvas *c) { CALL0(c, clip); }
void canvas_text(canvas *c, double x, double y, double size, text_style style,
                 const char *utf8, size_t len)
{
    if (!utf8)
        return;
    CALL(c, text, x, y, size, style, utf8, len);
}
void canvas_link(canvas *c, double x, double y, double w, double h,
                 const char *uri)
{
    if (!uri)
        return;
    CALL(c, link, x, y, w, h, uri);
}
void canvas_bookmark(canvas *c, const char *title, int level)
{
    if (!title)
        return;
    CALL(c, bookmark, title, level < 0 ? 0 : level);
}
static const char *const role_names[] = {
    [TAG_SECT] = "Sect",       [TAG_H1] = "H1",       [TAG_H2] = "H2",
    [TAG_P] = "P",             [TAG_L] = "L",         [TAG_LI] = "LI",
    [TAG_LBL] = "Lbl",         [TAG_LBODY] = "LBody", [TAG_TABLE] = "Table",
    [TAG_CAPTION] = "Caption", [TAG_TR] = "TR",       [TAG_TH] = "TH",
    [TAG_TD] = "TD",           [TAG_FIGURE] = "Figure", [TAG_LINK] = "Link",
    [TAG_ARTIFACT] = "Artifact", [TAG_PAGENO] = "Artifact",
};

tag_scope canvas_cell_scope(size_t row, size_t col)
{
    return row == 0 ? SCOPE_COLUMN : col == 0 ? SCOPE_ROW : SCOPE_NONE;
}

const char *tag_role_name(tag_role r)
{
    return (size_t)r < sizeof role_names / sizeof *role_names &&
                   role_names[r]
               ? role_names[r]
               : "Span";
}

void canvas_tag_begin(canvas *c, const canvas_tag *t)
{
    if (t)
        CALL(c, tag_begin, t);
}
void canvas_tag_role(canvas *c, tag_role r)
{
    canvas_tag t = {.role = r};
    CALL(c, tag_begin, &t);
}
void canvas_tag_end(canvas *c) { CALL0(c, tag_end); }
void canvas_draw_image(canvas *c, double x, double y, double w, double h,
                       const canvas_image *im)
{
    if (!im || !(w > 0 && h > 0))
        return;
    CALL(c, image, x, y, w, h, im);
}
void canvas_group_begin(canvas *c, const char *label)
{
    CALL(c, group_begin, label ? label : "");
}
void canvas_group_end(canvas *c) { CALL0(c, group_end); }

void canvas_destroy(canvas *c)
{
    if (!c)
        return;
    if (c->ops && c->ops->destroy)
        c->ops->destroy(c);
    else
        free(c);
}

void canvas_text_aligned(canvas *c, double x, double y, double size,
                         text_style style, int align, const char *utf8)
{
    if (!c || !utf8)
        return;
    size_t len = strlen(utf8);
    double w = c->font ? font_text_width(c->font, utf8, len, size) : 0;
    if (align == 1)
        x -= w / 2;
    else if (align == 2)
        x -= w;
    canvas_text(c, x, y, size, style, utf8, len);
}

/* The point at angle a (clockwise from 12 o'clock on a y-down page). */
static void arc_point(double cx, double cy, double r, double a, double *x,
                      double *y)
{
    *x = cx + r * sin(a);
    *y = cy - r * cos(a);
}

void canvas_arc(canvas *c, double cx, double cy, double r, double a0,
                double a1)
{
    if (!c || !(a1 > a0) || !(r > 0))
        return;
    const double two_pi = 6.283185307179586;
    if (a1 - a0 > two_pi)
        a1 = a0 + two_pi;
    /* Cubic Béziers of at most a quarter turn each; the tangent at a is
     * (r cos a, r sin a) and the control arms are 4/3 tan(span/4) of it. */
    int segs = (int)ceil((a1 - a0) / (two_pi / 4) - 1e-9);
    if (segs < 1)
        segs = 1;
    double span = (a1 - a0) / segs;
    double k = 4.0 / 3.0 * tan(span / 4);
    double x, y;
    arc_point(cx, cy, r, a0, &x, &y);
    canvas_line_to(c, x, y);
    for (int i = 0; i < segs; i++) {
        double s = a0 + span * i, e = s + span;
        double x0, y0, x3, y3;
        arc_point(cx, cy, r, s, &x0, &y0);
        arc_point(cx, cy, r, e, &x3, &y3);
        canvas_curve_to(c, x0 + k * r * cos(s), y0 + k * r * sin(s),
                        x3 - k * r * cos(e), y3 - k * r * sin(e), x3, y3);
    }
}

rgb rgb_hex(unsigned hex)
{
    return (rgb){((hex >> 16) & 0xFF) / 255.0, ((hex >> 8) & 0xFF) / 255.0,
                 (hex & 0xFF) / 255.0};
}

rgb look_rgb(look_colour c) { return rgb_hex(look_hex(c)); }
