/* canvas_svg: the canvas drawn as inline SVG for the HTML site.
 *
 * begin_page(w, h) opens <svg viewBox="0 0 w h" width height role="img"
 * aria-labelledby="ID-title ID-desc"> with <title> and <desc> (escaped),
 * end_page closes it (and any <g> left open).  The font-family list
 * (IPAexGothic first, then Japanese system fonts) is set once on the <svg>
 * and inherited by every <text>.  Text is real <text>, with textLength set
 * to the HarfBuzz width (lengthAdjust="spacingAndGlyphs") so the browser's
 * font draws the same extent as the PDF.  A single rect path becomes
 * <rect>, other paths <path d>.  A clip writes a <clipPath> and opens a
 * <g clip-path> closed by the matching restore.  group_begin opens
 * <g role="group" aria-label>.  Bookmarks are ignored; links become <a
 * href> over a transparent rect (a link the URL policy refuses, url.h, is
 * dropped).  All text goes through the one escaper (escape.h): invalid
 * UTF-8 is replaced, so the output is well-formed XML.  Numbers are
 * written without the C locale, two decimals at most.
 *
 * Memory: canvas_destroy() frees the canvas and its copies of title, desc and
 * id; the SVG text stays in the caller's out (freed with buf_free()), and the
 * font is borrowed. */
#ifndef SHIRYO_CANVAS_SVG_H
#define SHIRYO_CANVAS_SVG_H
#include "buf.h"
#include "canvas.h"

/* out is borrowed and appended to (it must outlive the canvas); title and
 * desc are copied; id (may be NULL: "shiryo-svg") prefixes element ids so
 * several SVGs can share one page; pages after the first add "-pN".  Free
 * with canvas_destroy(). */
canvas *canvas_svg_new(const font *f, buf *out, const char *title,
                       const char *desc, const char *id);

#endif
