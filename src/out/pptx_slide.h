/* pptx_slide: one slide of the PowerPoint writer (out_pptx.h) as
 * PresentationML (ECMA-376 Part 1, p:sld): every region the layout
 * decided (layout.h) as an editable shape at the PDF's position and
 * size: the title, the key-points frame and each point, body paragraphs,
 * headings and lists, notes and sources as text boxes (runs for bold and
 * for the 〔仮〕/〔速報〕 marks, lang="ja-JP", the theme's East Asian
 * font); the 速報/仮 mark as a framed shape with its label; tables as
 * native tables (a:tbl: the header row, numbers right-aligned by
 * num_is_numeric_cell, the layout's column widths and row heights); the
 * page number as a slide-number field (none on a cover).
 *
 * A chart pptx_chart_native accepts is a graphic frame naming a chart
 * part (its relationship rId2, rId3, … in the order of the slide's chart
 * parts), or, for small multiples, one frame per panel where the PDF has
 * the panel, under the facet's title, with the legend they share drawn
 * as shapes; any other chart (a Venn diagram) is drawn as the PDF draws
 * it into a group of editable shapes (pptx_shapes.h).  All carry the
 * chart's alternative text (descr).  An image block is a picture (p:pic)
 * at its box, its alternative text as descr, its part named by the
 * relationship rIdImgK (PPTX_IMAGE_REL: K from 1, in the order of the
 * slide's pictures).
 *
 * Memory: everything is borrowed and only read; the XML is appended to
 * the caller's buf. */
#ifndef SHIRYO_PPTX_SLIDE_H
#define SHIRYO_PPTX_SLIDE_H
#include <stddef.h>

#include "buf.h"
#include "deck.h"
#include "font.h"
#include "layout.h"
#include "pptx_chart.h"
#include "pptx_units.h"

/* Appends slide si of dk, laid out in lr with the font f, as the whole
 * slide part (ppt/slides/slideN.xml).  The chart parts it refers to are
 * stored in charts (room for pptx_slide_chart_parts), in the order of
 * their relationships, and counted in *ncharts; its pictures likewise in
 * images (room for pptx_slide_images; borrowed from the deck). */
#define PPTX_IMAGE_REL "rIdImg%zu"
void pptx_slide_xml(buf *out, const deck *dk, const font *f,
                    const layout_result *lr, size_t si, pptx_chart_ref *charts,
                    size_t *ncharts, const canvas_image **images,
                    size_t *nimages);
/* The number of pictures slide si shows. */
size_t pptx_slide_images(const deck *dk, size_t si);
/* The most chart parts slide si can refer to (a panel per chart block). */
size_t pptx_slide_chart_parts(const deck *dk, size_t si);

#endif
