/* linebreak: where a line of Japanese (and mixed) text may break.
 *
 * Follows the line-start and line-end prohibitions of JLREQ (kinsoku):
 * no line starts with closing brackets, 、。，．・：；？！, small kana, ー,
 * 々 and the other iteration marks; no line ends with an opening bracket.
 * Runs of Latin letters, digits and the punctuation inside numbers and
 * identifiers ("1,788", "58%", "JIS X 8341-3" parts, "AI-OCR") are never
 * split.  Breaking is greedy: each line takes as much as fits.  A single
 * unbreakable run wider than the measure overflows rather than being cut,
 * unless it has no break at all, in which case it is cut at the measure.
 *
 * The full JLREQ treatment (strictness levels, spacing, justification)
 * grows here. */
#ifndef SHIRYO_LINEBREAK_H
#define SHIRYO_LINEBREAK_H
#include <stddef.h>
#include <stdint.h>

#include "font.h"

typedef struct lb_line {
    size_t start; /* byte offset of the first character */
    size_t end;   /* byte offset after the last character drawn (spaces at
                     a break are left out) */
    double width; /* points */
} lb_line;

/* 1 if a line may not start with cp. */
int lb_no_start(uint32_t cp);
/* 1 if a line may not end with cp. */
int lb_no_end(uint32_t cp);

/* Breaks len bytes of UTF-8 into lines of at most width points at size;
 * '\n' forces a break.  Returns the number of lines and sets *lines
 * (caller frees).  Empty text gives one empty line. */
size_t lb_break(const font *f, const char *text, size_t len, double size,
                double width, lb_line **lines);

#endif
