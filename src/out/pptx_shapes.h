/* pptx_shapes: a drawing backend (canvas.h) that writes what is drawn as
 * editable DrawingML shapes of a PowerPoint slide: each filled or stroked
 * path one shape (a circle drawn with canvas_arc an ellipse, any other
 * path a custom geometry), each text a text box at its place (lang
 * ja-JP, the theme's fonts, its size, colour and weight).  Fills and
 * strokes keep their colour, opacity (alpha), width and dashing.  Clips,
 * links, bookmarks and groups are not carried (a chart drawn here stays
 * inside its box).  The PowerPoint writer draws a chart PowerPoint has no
 * chart type for (a Venn diagram) through it, inside a group shape, so
 * the diagram stays editable.
 *
 * Memory: pptx_shapes_new returns a canvas the caller frees with
 * canvas_destroy(); the shapes are appended to the caller's buf as they
 * are drawn; f, out and next_id are borrowed and must outlive it. */
#ifndef SHIRYO_PPTX_SHAPES_H
#define SHIRYO_PPTX_SHAPES_H
#include "buf.h"
#include "canvas.h"
#include "font.h"

/* A canvas writing shapes to out, numbering them from *next_id (which it
 * advances: the slide's shape ids stay unique). */
canvas *pptx_shapes_new(const font *f, buf *out, unsigned *next_id);

#endif
