/* pptx_chart: a chart of the deck as a native PowerPoint chart: a chart
 * part (DrawingML c:chartSpace) whose series point at the cells of an
 * embedded workbook (written with libxlsxwriter) that holds the chart's
 * data, so that PowerPoint's 「データの編集」 opens the numbers in Excel.
 *
 * Which charts are native is decided here, once (pptx_chart_native): for
 * now the bar family (grouped, stacked and 100% stacked, horizontal and
 * vertical) in one panel, with no labels, value labels, or the shares of
 * a 100% stacked bar; the slide writer leaves a placeholder for the
 * others (docs/pptx.md).
 *
 * The workbook's Sheet1: A1 the category column's name, B1… the series'
 * names, then one row per bar (category) with its label and one value per
 * series; a value the data lacks is an empty cell.  The chart's caches
 * hold exactly the numbers of those cells (pptx_chart_number, the one
 * rounding: a share as a percentage to 0.1, a value to its label's
 * decimals plus six).
 *
 * Memory: the chart is borrowed; XML and workbook bytes are appended to
 * the caller's bufs; nothing else outlives a call. */
#ifndef SHIRYO_PPTX_CHART_H
#define SHIRYO_PPTX_CHART_H
#include "buf.h"
#include "chart.h"
#include "diag.h"

/* 1 when c is written as a native chart. */
int pptx_chart_native(const chart *c);

/* The number cell (x, s) of c's workbook holds, and *have = 0 when the
 * data lacks it (an empty cell). */
double pptx_chart_number(const chart *c, size_t x, size_t s, int *have);

/* The chart part (ppt/charts/chartN.xml) of a native chart; its workbook
 * is the part's relationship rId1. */
void pptx_chart_xml(buf *out, const chart *c, double text_size);

/* The embedded workbook of a native chart, written through the
 * temporary file tmp_path (removed before returning) and appended to
 * xlsx.  0, or -1 with an error at tmp_path. */
int pptx_chart_workbook(const chart *c, const char *tmp_path, buf *xlsx,
                        diag_list *d);

#endif
