/* canvas: the one drawing interface.
 *
 * Charts and slide layout draw only through these functions and never know
 * which backend they draw on: canvas_pdf (libharu), canvas_svg (inline SVG
 * for the site), canvas_record (a display list that can be replayed onto
 * another canvas) and canvas_trace (one text line per call, for golden
 * tests).
 *
 * Coordinates are points (1/72 in), origin at the top-left of the page or
 * drawing, y growing downwards; backends convert (the PDF backend flips y).
 * Colours are sRGB components 0..1.  Text is UTF-8, drawn with its baseline
 * starting at (x, y), in the canvas's one font at `size` points; callers
 * measure with font_text_width() on the same font.
 *
 * Each page starts with the default state: black fill and stroke, opaque,
 * line width 1, no dashes, no clip.  State set between pages is not kept.
 * Colours may be set at any time, also while a path is being built.
 *
 * Failure is sticky: a backend that fails sets c->failed (and keeps the
 * first message in c->error) and ignores later calls; the owner checks once
 * at the end.  The wrappers below tolerate backends that leave an operation
 * NULL (it is then skipped).
 *
 * Memory: whoever creates a canvas (a backend's _new) owns it and frees
 * it with canvas_destroy(); the canvas borrows its font, which must
 * outlive it.  A text passed to a call is only read during the call: a
 * backend copies what it keeps. */
#ifndef SHIRYO_CANVAS_H
#define SHIRYO_CANVAS_H
#include <stddef.h>

#include "font.h"
#include "look.h"

typedef struct rgb {
    double r, g, b;
} rgb;

/* An sRGB 0xRRGGBB as the drawing interface's rgb, and a colour of the
 * house look (style/look.h) as one. */
rgb rgb_hex(unsigned hex);
rgb look_rgb(look_colour c);

typedef enum { TEXT_REGULAR = 0, TEXT_BOLD = 1 } text_style;

/* A picture to draw: a PNG or JPEG file's bytes as they were read, its
 * size in pixels and its alternative text (what it shows, for screen
 * readers).  Made by image_read (image.h), which checked that every
 * backend can draw it; a canvas only borrows it, and it must outlive the
 * canvas (and any display list that recorded it).  hash names the
 * content: the first 16 hex digits of its SHA-256, so that a backend can
 * keep one copy of each distinct picture. */
typedef enum { CANVAS_IMAGE_PNG, CANVAS_IMAGE_JPEG } canvas_image_kind;

typedef struct canvas_image {
    canvas_image_kind kind;
    const unsigned char *data;
    size_t len;
    unsigned width, height; /* pixels */
    const char *alt;        /* UTF-8, never empty */
    char hash[17];
} canvas_image;

typedef struct canvas canvas;

/* The structure a drawing belongs to, for backends that carry it (the
 * tagged PDF: canvas_pdf builds its structure tree from these).  Tags
 * nest; what is drawn between tag_begin and its tag_end belongs to the
 * innermost element: its text is the element's content, its paths are
 * decoration (an artifact) except inside a TAG_FIGURE, whose whole
 * drawing is the figure.  Text drawn inside no element, or inside
 * TAG_ARTIFACT, is an artifact (TAG_PAGENO: the page number).  An
 * element may hold no drawing at all and carry its text in `text` (the
 * cells of a chart's data, which the page does not show).  Roles are the
 * standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4). */
typedef enum {
    TAG_SECT,
    TAG_H1,
    TAG_H2,
    TAG_P,
    TAG_L,
    TAG_LI,
    TAG_LBL,
    TAG_LBODY,
    TAG_TABLE,
    TAG_CAPTION,
    TAG_TR,
    TAG_TH,
    TAG_TD,
    TAG_FIGURE,
    TAG_LINK,
    TAG_ARTIFACT,
    TAG_PAGENO
} tag_role;

typedef enum { SCOPE_NONE, SCOPE_ROW, SCOPE_COLUMN } tag_scope;

/* A list's numbering (its label: ■ Square, ・ Disc, 1. Decimal). */
typedef enum {
    NUMBERING_NONE,
    NUMBERING_SQUARE,
    NUMBERING_DISC,
    NUMBERING_DECIMAL
} tag_numbering;

typedef struct canvas_tag {
    tag_role role;
    const char *alt;  /* TAG_FIGURE: the alternative text */
    const char *text; /* an element with no drawing: its text */
    tag_scope scope;  /* TAG_TH */
    tag_numbering numbering; /* TAG_L */
    double x, y, w, h; /* TAG_FIGURE: its box on the page */
} canvas_tag;

/* The one rule for the header cells of every table shiryo writes (PDF,
 * site): the first row heads the columns, the first column of the other
 * rows heads its row; SCOPE_NONE is a data cell. */
tag_scope canvas_cell_scope(size_t row, size_t col);

/* The role's name as PDF writes it ("H1", "LBody", "Artifact"). */
const char *tag_role_name(tag_role r);

typedef struct canvas_ops {
    const char *name;
    void (*begin_page)(canvas *c, double width, double height);
    void (*end_page)(canvas *c);
    void (*save)(canvas *c);
    void (*restore)(canvas *c);
    void (*set_fill)(canvas *c, rgb colour, double opacity);
    void (*set_stroke)(canvas *c, rgb colour, double opacity, double width);
    /* n == 0 turns dashing off. */
    void (*set_dash)(canvas *c, const double *pattern, int n, double phase);
    void (*move_to)(canvas *c, double x, double y);
    void (*line_to)(canvas *c, double x, double y);
    void (*curve_to)(canvas *c, double x1, double y1, double x2, double y2,
                     double x3, double y3);
    void (*close_path)(canvas *c);
    void (*rect)(canvas *c, double x, double y, double w, double h);
    void (*fill)(canvas *c);
    void (*stroke)(canvas *c);
    void (*fill_stroke)(canvas *c);
    /* Intersects the clip with the current path and ends the path. */
    void (*clip)(canvas *c);
    void (*text)(canvas *c, double x, double y, double size, text_style style,
                 const char *utf8, size_t len);
    /* A link area over (x, y, w, h) to uri. */
    void (*link)(canvas *c, double x, double y, double w, double h,
                 const char *uri);
    /* The picture im scaled into the box (x, y, w, h). */
    void (*image)(canvas *c, double x, double y, double w, double h,
                  const canvas_image *im);
    /* A bookmark (outline entry) for the current page. level 0 = top. */
    void (*bookmark)(canvas *c, const char *title, int level);
    /* Structure (see canvas_tag above); the tag's strings are borrowed for
     * the call only. */
    void (*tag_begin)(canvas *c, const canvas_tag *t);
    void (*tag_end)(canvas *c);
    /* Semantic grouping, for backends that can carry it (SVG <g>). */
    void (*group_begin)(canvas *c, const char *label);
    void (*group_end)(canvas *c);
    void (*destroy)(canvas *c);
} canvas_ops;

/* Backends embed this struct first. */
struct canvas {
    const canvas_ops *ops;
    const font *font;
    int failed;
    char error[256];
};

/* Marks c failed with a message (only the first message is kept). */
void canvas_fail(canvas *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

void canvas_begin_page(canvas *c, double width, double height);
void canvas_end_page(canvas *c);
void canvas_save(canvas *c);
void canvas_restore(canvas *c);
void canvas_set_fill(canvas *c, rgb colour, double opacity);
void canvas_set_stroke(canvas *c, rgb colour, double opacity, double width);
void canvas_set_dash(canvas *c, const double *pattern, int n, double phase);
void canvas_move_to(canvas *c, double x, double y);
void canvas_line_to(canvas *c, double x, double y);
void canvas_curve_to(canvas *c, double x1, double y1, double x2, double y2,
                     double x3, double y3);
void canvas_close_path(canvas *c);
void canvas_rect(canvas *c, double x, double y, double w, double h);
void canvas_fill(canvas *c);
void canvas_stroke(canvas *c);
void canvas_fill_stroke(canvas *c);
void canvas_clip(canvas *c);
void canvas_text(canvas *c, double x, double y, double size, text_style style,
                 const char *utf8, size_t len);
void canvas_link(canvas *c, double x, double y, double w, double h,
                 const char *uri);
void canvas_bookmark(canvas *c, const char *title, int level);
void canvas_tag_begin(canvas *c, const canvas_tag *t);
/* A tag with a role only. */
void canvas_tag_role(canvas *c, tag_role r);
void canvas_tag_end(canvas *c);
void canvas_draw_image(canvas *c, double x, double y, double w, double h,
                       const canvas_image *im);
void canvas_group_begin(canvas *c, const char *label);
void canvas_group_end(canvas *c);
/* Frees the canvas (NULL is fine). */
void canvas_destroy(canvas *c);

/* Helpers built on the operations above. */
/* Text whose anchor is its left (align 0), centre (1) or right (2) end. */
void canvas_text_aligned(canvas *c, double x, double y, double size,
                         text_style style, int align, const char *utf8);
/* An arc path (no move_to): centre, radius, angles in radians measured
 * clockwise from 12 o'clock (as on a y-down page), a0 < a1, span <= 2*pi.
 * It begins with a line_to the arc's start (so move_to(cx, cy), arc,
 * close_path draws a pie slice); the PDF and SVG backends treat a line_to
 * with no current point as a move_to, so an arc can also start a path. */
void canvas_arc(canvas *c, double cx, double cy, double r, double a0,
                double a1);

#endif
