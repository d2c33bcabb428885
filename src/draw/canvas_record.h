/* canvas_record: a display list.  Every call is stored (strings copied) and
 * can be replayed, in order, onto any other canvas.  It also collects the
 * code points of all text drawn, for font subsetting.
 *
 * Memory: the recorder owns its copies and the code points; canvas_destroy()
 * frees them all.  canvas_record_codepoints hands out the recorder's own array
 * (nobody frees it), and the font stays the caller's. */
#ifndef SHIRYO_CANVAS_RECORD_H
#define SHIRYO_CANVAS_RECORD_H
#include <stddef.h>
#include <stdint.h>

#include "canvas.h"

/* Free with canvas_destroy(); f is borrowed. */
canvas *canvas_record_new(const font *f);
/* Replays every recorded call onto target through the canvas_* wrappers,
 * stopping early if target fails.  rec must come from canvas_record_new
 * (anything else is ignored). */
void canvas_record_replay(const canvas *rec, canvas *target);
/* The distinct code points drawn, ascending; valid until the recorder is
 * destroyed or drawn on again. */
const uint32_t *canvas_record_codepoints(canvas *rec, size_t *n);

#endif
