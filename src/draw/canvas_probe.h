/* canvas_probe: a canvas that draws nothing and counts the text runs
 * drawn at or above a given size, so that a caller can compare boxes by
 * how much of a drawing's text stays legible in them (html_figure.c draws
 * a chart into probes of several heights to choose the site's).
 *
 * Every operation but text is a no-op; the probe never fails.  Free with
 * canvas_destroy(); the font is borrowed. */
#ifndef SHIRYO_CANVAS_PROBE_H
#define SHIRYO_CANVAS_PROBE_H
#include <stddef.h>

#include "canvas.h"

/* A probe counting the non-empty text runs of size >= floor (less a
 * 1e-9 pt tolerance). */
canvas *canvas_probe_new(const font *f, double floor);
/* The runs counted so far (0 for a canvas that is not a probe). */
size_t canvas_probe_legible(const canvas *c);
/* Notes that the drawing left a text out for want of room (a chart's
 * value label); counted by a probe, ignored by any other canvas. */
void canvas_probe_omit(canvas *c);
size_t canvas_probe_omitted(const canvas *c);

#endif
