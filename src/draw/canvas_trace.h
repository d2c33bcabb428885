/* canvas_trace: one line of text per canvas call, numbers rounded to two
 * decimals with trailing zeros trimmed, for golden tests.  Each line is the
 * operation's name and its arguments: "rect 0 0 100 50", "fill",
 * "set_fill 0.12 0.3 0.6 1", "set_dash [3 2] 0",
 * "text 10 20 12 regular 導入済み", "bookmark 0 はじめに".  A newline or
 * backslash inside a string is written as \n or \\.
 *
 * Memory: canvas_destroy() frees only the canvas; the trace stays in the
 * caller's out (freed with buf_free()), and the font is borrowed. */
#ifndef SHIRYO_CANVAS_TRACE_H
#define SHIRYO_CANVAS_TRACE_H
#include "buf.h"
#include "canvas.h"

/* out is borrowed and appended to; it must outlive the canvas.  The canvas
 * is freed with canvas_destroy(). */
canvas *canvas_trace_new(const font *f, buf *out);

#endif
