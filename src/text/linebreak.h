/* linebreak: Japanese (and mixed) paragraphs set into lines, following
 * W3C JLREQ and JIS X 4051.  docs/layout.md describes the rules for
 * authors.
 *
 * Breaking.  No line starts with a line-start-prohibited character and
 * no line ends with an opening bracket (kinsoku, classes in jlreq.h); how
 * many classes are prohibited depends on the strictness level:
 *   very loose  closing brackets, 、。，． only;
 *   loose       and also ・：；, ？！;
 *   strict      and also small kana, ー, iteration marks (々 ゝ ヽ …) and
 *               hyphens (‐ 〜 ゠ –)  [the default];
 *   very strict and also: a number keeps the character after it (1,788団,
 *               10年), and the last line of a ragged paragraph holds at
 *               least two characters (of a justified one at every
 *               level, below).
 * At every level these never break: Latin words and numbers (breaks in
 * Western text only at spaces), a number with its prefix or postfix
 * (¥100, 58%, ５０％), a single-letter word with its neighbours (JIS X
 * 8341-3), —— and …….
 *
 * Choosing the breaks.  Justified text (opts.justify) is broken a paragraph at a
 * time by total fit (Knuth and Plass): of all the ways to break it at
 * allowed points, the one whose lines cost least in sum.  A line costs
 * nothing at its natural width; pushing in (reducing) costs less than
 * pushing out (expanding) by as much, and least when it keeps on the line
 * a closing bracket, comma or full stop, which may not start the next
 * one (JLREQ 3.8); pushing out costs
 * the cube of the widest gap it opens.  The last line never holds a
 * single character (or one and its punctuation) where another break
 * allows.  Each break looks back over one line's worth of breakpoints,
 * so time is linear in the paragraph's length.  Ragged text (chart
 * labels, table cells, titles) is broken line by line (greedy): of the
 * longest line that fits as it is and the longest that fits only once its
 * spaces are reduced (pushing in, JLREQ 3.5), the one whose spacing
 * changes less relative to what it allows is taken.
 *
 * Spacing.  1/4 em between Japanese and Western letters or digits (none
 * next to brackets and punctuation, none where the text has a space);
 * full-width punctuation set half-width with its half-em blank: the blank
 * collapses between consecutive punctuation (。」 , 」「 , 」・), and an
 * opening bracket's is removed at the start of any line but a
 * paragraph's first.  A closing mark's blank at the end of a line (、。」）)
 * is removed on a ragged line; on a justified one it is kept, and
 * removing it is the second reduction (JLREQ 3.8.3 b).
 *
 * Justification (opts.justify): every line but the last of a paragraph
 * (and the last before a hard break) is set to the measure.  Too long:
 * reduce, in order, Western word spaces (to 1/4 em), the line-end blank,
 * the Japanese-Western space (to 1/8 em), the blanks around middle dots,
 * then the half-em blanks of brackets, commas and full stops.  Too short:
 * expand every gap that may open (Western word spaces, the
 * Japanese-Western spaces, and between all characters that are not inside
 * an unbreakable run) by the same amount, so no gap opens wider than the
 * line needs; no gap grows by more than 1/4 em, so a line that would need
 * more is left short (flush left).
 *
 * Hanging punctuation (opts.hanging, burasage): a 。、，． at the end of
 * a line may hang past the measure (its glyph lies beyond it, in the
 * margin: the caller does not narrow the measure) where the line would
 * otherwise not fit (ragged) or where that costs less than reducing or
 * expanding it (justified).
 *
 * A single unbreakable run wider than the measure is never cut: its line
 * is wider than the measure (lb_line.width says by how much) and the
 * caller reports the overflow.
 *
 * Memory: the caller owns the arrays lb_set fills and frees them with
 * lb_para_free(), and the array lb_break returns with free(); the text and
 * font are borrowed (lines and glyphs hold byte offsets, not pointers).
 * lb_level_name's names are static. */
#ifndef SHIRYO_LINEBREAK_H
#define SHIRYO_LINEBREAK_H
#include <stddef.h>
#include <stdint.h>

#include "font.h"

typedef enum lb_level {
    LB_STRICT = 0, /* the default */
    LB_VERY_STRICT,
    LB_LOOSE,
    LB_VERY_LOOSE
} lb_level;

typedef struct lb_opts {
    lb_level level;
    int justify; /* set every line but a paragraph's last to the measure */
    int hanging; /* let 。、，． hang past the measure */
} lb_opts;

/* "very-strict", "strict", "loose", "very-loose" (a space or an
 * underscore may stand for the hyphen).  Returns 0, or -1 for another
 * name. */
int lb_level_parse(const char *name, lb_level *out);
const char *lb_level_name(lb_level level);

/* One character as drawn. */
typedef struct lb_glyph {
    size_t off, len; /* its bytes in the text */
    double x;        /* where its em box starts, points from the line start */
    double adv;      /* its advance (points) */
} lb_glyph;

typedef struct lb_line {
    size_t start;         /* byte offset of the first character */
    size_t end;           /* byte offset after the last character drawn
                             (spaces at a break are left out) */
    size_t first, count;  /* its glyphs in lb_para.glyphs */
    double width;         /* set width in points: from the line start to
                             the end of the last character (a line-end
                             blank removed unless the line is justified
                             with it kept, a hanging mark not counted) */
    double natural;       /* the same before justification */
    double max_extra;     /* the widest gap opened beyond its natural
                             spacing by justification (points) */
    int last;             /* last line of a paragraph (not justified) */
    int justified;        /* set exactly to the measure */
    int single_run;       /* the line is one unbreakable run */
} lb_line;

typedef struct lb_para {
    lb_line *lines;
    size_t nlines;
    lb_glyph *glyphs;
    size_t nglyphs;
} lb_para;

/* Sets len bytes of UTF-8 into lines of width points at size; '\n'
 * forces a break (the line before it is a paragraph's last).  opts NULL
 * means strict, not justified, not hanging.  Empty text gives one empty
 * line.  Free the result with lb_para_free(). */
void lb_set(lb_para *out, const font *f, const char *text, size_t len,
            double size, double width, const lb_opts *opts);
void lb_para_free(lb_para *p);

/* The lines alone (strict, ragged): returns their number and sets *lines
 * (caller frees). */
size_t lb_break(const font *f, const char *text, size_t len, double size,
                double width, lb_line **lines);

/* 1 if a line may not start with cp at level (kinsoku). */
int lb_no_start(uint32_t cp, lb_level level);
/* 1 if a line may not end with cp at level. */
int lb_no_end(uint32_t cp, lb_level level);

#endif
