/* canvas_trace: one line per canvas call (see canvas_trace.h).
 *
 * Lines look like "rect 0 0 100 50", "set_fill 1 0 0 0.5",
 * "text 10 20 12 regular 導入済み".  Numbers have at most two decimals,
 * trailing zeros trimmed.  Newlines and backslashes inside strings are
 * written as \n and \\ so that every call stays on one line. */
#include "canvas_trace.h"

#include <stdlib.h>

#include "xalloc.h"

typedef struct trace {
    canvas base;
    buf *out;
} trace;

static buf *out_of(canvas *c) { return ((trace *)c)->out; }

static void num(buf *b, double v)
{
    buf_putc(b, ' ');
    buf_num(b, v, 2, 1);
}

static void str(buf *b, const char *s, size_t len)
{
    buf_putc(b, ' ');
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\n')
            buf_puts(b, "\\n");
        else if (s[i] == '\\')
            buf_puts(b, "\\\\");
        else
            buf_putc(b, s[i]);
    }
}

static void cstr(buf *b, const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    str(b, s, n);
}

static void word(canvas *c, const char *w)
{
    buf_puts(out_of(c), w);
    buf_putc(out_of(c), '\n');
}

static void t_begin_page(canvas *c, double w, double h)
{
    buf *b = out_of(c);
    buf_puts(b, "begin_page");
    num(b, w);
    num(b, h);
    buf_putc(b, '\n');
}
static void t_end_page(canvas *c) { word(c, "end_page"); }
static void t_save(canvas *c) { word(c, "save"); }
static void t_restore(canvas *c) { word(c, "restore"); }

static void t_set_fill(canvas *c, rgb col, double opacity)
{
    buf *b = out_of(c);
    buf_puts(b, "set_fill");
    num(b, col.r);
    num(b, col.g);
    num(b, col.b);
    num(b, opacity);
    buf_putc(b, '\n');
}

static void t_set_stroke(canvas *c, rgb col, double opacity, double width)
{
    buf *b = out_of(c);
    buf_puts(b, "set_stroke");
    num(b, col.r);
    num(b, col.g);
    num(b, col.b);
    num(b, opacity);
    num(b, width);
    buf_putc(b, '\n');
}

static void t_set_dash(canvas *c, const double *p, int n, double phase)
{
    buf *b = out_of(c);
    buf_puts(b, "set_dash [");
    for (int i = 0; i < n; i++) {
        if (i)
            buf_putc(b, ' ');
        buf_num(b, p[i], 2, 1);
    }
    buf_putc(b, ']');
    num(b, phase);
    buf_putc(b, '\n');
}

static void pt(canvas *c, const char *op, double x, double y)
{
    buf *b = out_of(c);
    buf_puts(b, op);
    num(b, x);
    num(b, y);
    buf_putc(b, '\n');
}
static void t_move_to(canvas *c, double x, double y) { pt(c, "move_to", x, y); }
static void t_line_to(canvas *c, double x, double y) { pt(c, "line_to", x, y); }

static void t_curve_to(canvas *c, double x1, double y1, double x2, double y2,
                       double x3, double y3)
{
    buf *b = out_of(c);
    buf_puts(b, "curve_to");
    num(b, x1);
    num(b, y1);
    num(b, x2);
    num(b, y2);
    num(b, x3);
    num(b, y3);
    buf_putc(b, '\n');
}
static void t_close_path(canvas *c) { word(c, "close_path"); }

/* "WHAT x y w h": the start of a line of a call given a box. */
static buf *boxed(canvas *c, const char *what, double x, double y, double w,
                  double h)
{
    buf *b = out_of(c);
    buf_puts(b, what);
    num(b, x);
    num(b, y);
    num(b, w);
    num(b, h);
    return b;
}

static void t_rect(canvas *c, double x, double y, double w, double h)
{
    buf_putc(boxed(c, "rect", x, y, w, h), '\n');
}
static void t_fill(canvas *c) { word(c, "fill"); }
static void t_stroke(canvas *c) { word(c, "stroke"); }
static void t_fill_stroke(canvas *c) { word(c, "fill_stroke"); }
static void t_clip(canvas *c) { word(c, "clip"); }

static void t_text(canvas *c, double x, double y, double size,
                   text_style style, const char *utf8, size_t len)
{
    buf *b = out_of(c);
    buf_puts(b, "text");
    num(b, x);
    num(b, y);
    num(b, size);
    buf_puts(b, style == TEXT_BOLD ? " bold" : " regular");
    str(b, utf8, len);
    buf_putc(b, '\n');
}

static void t_link(canvas *c, double x, double y, double w, double h,
                   const char *uri)
{
    buf *b = boxed(c, "link", x, y, w, h);
    cstr(b, uri);
    buf_putc(b, '\n');
}

/* "image 36 120 400 300 png 640x480 3f2a… 総務省ロゴ" */
static void t_image(canvas *c, double x, double y, double w, double h,
                    const canvas_image *im)
{
    buf *b = boxed(c, "image", x, y, w, h);
    buf_printf(b, " %s %ux%u %s", im->kind == CANVAS_IMAGE_PNG ? "png" : "jpeg",
               im->width, im->height, im->hash);
    cstr(b, im->alt);
    buf_putc(b, '\n');
}

static void t_bookmark(canvas *c, const char *title, int level)
{
    buf *b = out_of(c);
    buf_printf(b, "bookmark %d", level);
    cstr(b, title);
    buf_putc(b, '\n');
}

static void t_tag_begin(canvas *c, const canvas_tag *t)
{
    buf *b = out_of(c);
    buf_printf(b, "tag_begin %s", tag_role_name(t->role));
    if (t->role == TAG_PAGENO)
        buf_puts(b, " pageno");
    if (t->scope)
        buf_puts(b, t->scope == SCOPE_ROW ? " row" : " column");
    if (t->numbering)
        buf_printf(b, " numbering %d", (int)t->numbering);
    if (t->alt) {
        buf_puts(b, " alt");
        cstr(b, t->alt);
    }
    if (t->text) {
        buf_puts(b, " text");
        cstr(b, t->text);
    }
    buf_putc(b, '\n');
}
static void t_tag_end(canvas *c) { word(c, "tag_end"); }

static void t_group_begin(canvas *c, const char *label)
{
    buf *b = out_of(c);
    buf_puts(b, "group_begin");
    cstr(b, label);
    buf_putc(b, '\n');
}
static void t_group_end(canvas *c) { word(c, "group_end"); }

static void t_destroy(canvas *c) { free(c); }

static const canvas_ops trace_ops = {
    .name = "trace",
    .begin_page = t_begin_page,
    .end_page = t_end_page,
    .save = t_save,
    .restore = t_restore,
    .set_fill = t_set_fill,
    .set_stroke = t_set_stroke,
    .set_dash = t_set_dash,
    .move_to = t_move_to,
    .line_to = t_line_to,
    .curve_to = t_curve_to,
    .close_path = t_close_path,
    .rect = t_rect,
    .fill = t_fill,
    .stroke = t_stroke,
    .fill_stroke = t_fill_stroke,
    .clip = t_clip,
    .text = t_text,
    .link = t_link,
    .image = t_image,
    .bookmark = t_bookmark,
    .tag_begin = t_tag_begin,
    .tag_end = t_tag_end,
    .group_begin = t_group_begin,
    .group_end = t_group_end,
    .destroy = t_destroy,
};

canvas *canvas_trace_new(const font *f, buf *out)
{
    trace *t = xcalloc(1, sizeof *t);
    t->base.ops = &trace_ops;
    t->base.font = f;
    t->out = out;
    return &t->base;
}
