/* ime: Markdown and template syntax typed full-width, and Markdown of
 * another dialect (a pipe table), caught.
 *
 * An input method set to full-width types ｀｀｀ for ```, ＃ for #, －
 * for -, or a U+3000 where the syntax wants an ASCII space.
 * Each looks right on screen and silently becomes text on a slide (a
 * chart spec printed as body text, a heading as a paragraph).  Every such
 * line of a template's expansion, outside an ASCII code fence, is an
 * error at its position that says what was typed and shows the fix:
 *
 *   - a fence: a line starting ｀｀｀ or ～～～;
 *   - a heading: a line starting ＃ (then a space), or # then U+3000;
 *   - a list item: a line starting －, ＊ or ＋ then a space, or -, *
 *     or + then U+3000;
 *   - emphasis: ＊＊ … ＊＊ on one line (a lone ＊ is a note mark);
 *   - a GitHub pipe table (a line starting | above a delimiter row
 *     | --- | --- |), which CommonMark reads as text: the deck's tables
 *     are ```table blocks.
 *
 * (An expression typed ｛｛ … ｝｝, and full-width marks inside one, are
 * the template's to catch: template.c and the expression lexer.)
 *
 * Positions: the expanded line's template line (locate), the column in
 * characters of the expanded line.
 *
 * Memory: nothing is kept; the caller owns text and the diag_list. */
#ifndef SHIRYO_IME_H
#define SHIRYO_IME_H
#include <stddef.h>

#include "diag.h"

/* Checks the Markdown text (len bytes) line by line; locate(ctx, n) gives
 * the position of line n (1-based).  Returns the number of errors
 * added. */
size_t ime_check(const char *text, size_t len,
                 srcloc (*locate)(void *ctx, int line), void *ctx,
                 diag_list *d);

#endif
