/* textbox: rich text set into a box by the JLREQ line breaker
 * (linebreak.h) and drawn through a canvas; the shared part of slide
 * layout (layout.c) and table layout (table_layout.c).
 *
 * Each line is drawn as runs of glyphs with explicit x positions, one
 * canvas_text call per run of equal style whose glyphs touch; spacing
 * (the 1/4 em between Japanese and Western text, half-width punctuation,
 * justification) is made by positioning, never by inserting spaces, so
 * the text extracted from the PDF is the text as written.  Links (runs
 * with RUN_LINK) get a link area over their glyphs.
 *
 * A lay is a small value owned by its caller; nothing here allocates
 * anything that outlives a call. */
#ifndef SHIRYO_TEXTBOX_H
#define SHIRYO_TEXTBOX_H
#include "canvas.h"
#include "diag.h"
#include "font.h"
#include "linebreak.h"
#include "rich.h"

typedef struct lay {
    const font *f;
    canvas *cv;
    int draw;      /* 0: measure only */
    lb_level level;
    int hanging;   /* hanging 。、 in justified text */
    const char *region; /* the region being set, for overflow reports */
    /* the widest amount (points) by which a line passed its box, and the
     * region it was in (NULL when none) */
    double over_x;
    const char *over_region;
    /* the paragraphs already set (tb_memo_new), shared by the copies of
     * a lay that measure a slide and the one that draws it; NULL: none */
    struct tb_memo *memo;
} lay;

/* A memo of set paragraphs: a slide is measured (at each fitting step)
 * and then drawn, and each text set at the same size, width and options
 * is broken into lines once.  Not thread-safe; free with tb_memo_free
 * (NULL is fine). */
struct tb_memo *tb_memo_new(void);
void tb_memo_free(struct tb_memo *m);

typedef struct tb_style {
    double size;
    rgb colour;
    double leading; /* line height as a multiple of size */
    int align;      /* 0 left, 1 centre, 2 right */
    int justify;    /* justify every line but a paragraph's last */
    const char *lead; /* drawn before the first line, e.g. "■"; later
                         lines hang indented by its width (NULL: none) */
} tb_style;

/* Sets r in a box of width w at (x, y) (top); returns the height used. */
double tb_rich(lay *L, const rich *r, double x, double y, double w,
               const tb_style *st);
/* The same for plain UTF-8 text. */
double tb_plain(lay *L, const char *s, double x, double y, double w,
                const tb_style *st);
/* The width of the widest unbreakable run of s at size: the narrowest
 * box that holds s without overflow. */
double tb_min_width(const lay *L, const char *s, double size);
/* The width of s set on one line, with the spacing the line breaker adds
 * (between Japanese and Latin text): what a cell needs not to wrap. */
double tb_line_width(const lay *L, const char *s, double size);

/* Opens and closes a structure element (canvas_tag) when L draws;
 * nothing when it only measures.  A text with a lead is tagged here: the
 * lead a list label (Lbl), the lines its body (LBody). */
void tb_tag(const lay *L, tag_role r);
void tb_tag_with(const lay *L, const canvas_tag *t);
void tb_tag_end(const lay *L);

/* 1 when cp is laid out: a line break, or what font_can_draw accepts. */
int tb_drawable(const font *f, uint32_t cp);

#endif
