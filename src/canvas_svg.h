/* canvas_svg: the canvas drawn as inline SVG for the HTML site.
 *
 * begin_page(w, h) opens <svg viewBox="0 0 w h" role="img"> with <title>
 * and <desc> (escaped), end_page closes it.  Text is real <text>, with
 * textLength set to the HarfBuzz width so the browser's font draws the
 * same extent as the PDF.  Numbers are written without the C locale. */
#ifndef SHIRYO_CANVAS_SVG_H
#define SHIRYO_CANVAS_SVG_H
#include "buf.h"
#include "canvas.h"

/* out is borrowed and appended to; title and desc are copied; id (may be
 * NULL) prefixes element ids so several SVGs can share one page. */
canvas *canvas_svg_new(const font *f, buf *out, const char *title,
                       const char *desc, const char *id);

#endif
