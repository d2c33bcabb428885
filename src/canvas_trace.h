/* canvas_trace: one line of text per canvas call, numbers rounded to two
 * decimals, for golden tests ("fill_rect 10 20 30 40" style). */
#ifndef SHIRYO_CANVAS_TRACE_H
#define SHIRYO_CANVAS_TRACE_H
#include "buf.h"
#include "canvas.h"

canvas *canvas_trace_new(const font *f, buf *out);

#endif
