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
 * part (its relationship rId2, rId3, … in the order of the slide's
 * charts); any other chart's place holds a labelled placeholder frame.
 * Both carry the chart's alternative text (descr).
 *
 * Memory: everything is borrowed and only read; the XML is appended to
 * the caller's buf. */
#ifndef SHIRYO_PPTX_SLIDE_H
#define SHIRYO_PPTX_SLIDE_H
#include <stddef.h>

#include "buf.h"
#include "deck.h"
#include "layout.h"

/* English Metric Units per point (ECMA-376: 12700 EMU = 1 pt). */
#define PPTX_EMU_PER_PT 12700.0

/* A length in points as whole EMU (rounded half away from zero). */
long long pptx_emu(double pt);

/* Appends slide si of dk, laid out in lr, as the whole slide part
 * (ppt/slides/slideN.xml).  The native charts it refers to are stored in
 * charts (room for the slide's number of body blocks), in the order of
 * their relationships, and counted in *ncharts. */
void pptx_slide_xml(buf *out, const deck *dk, const layout_result *lr,
                    size_t si, const layout_chart **charts, size_t *ncharts);

#endif
