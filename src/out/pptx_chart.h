/* pptx_chart: one panel of a chart of the deck as a native PowerPoint
 * chart: a chart part (DrawingML c:chartSpace) whose series point at the
 * cells of an embedded workbook (written with libxlsxwriter) that holds
 * the panel's data, so that PowerPoint's 「データの編集」 opens the numbers
 * in Excel and editing them redraws the chart.  Small multiples are one
 * chart per panel (the slide writer places them where chart_panel_at says
 * the PDF has them, with one shared value scale and one legend).
 *
 * Which charts are native is decided here, once (pptx_chart_native):
 * bars (grouped, stacked, 100% stacked; horizontal and vertical) with no
 * labels, value labels, or the shares of a 100% stacked bar; pies and
 * donuts with any labels; lines with no labels or value labels.  A Venn
 * diagram is not a chart type PowerPoint has; the slide writer draws it,
 * and any chart refused here, as a group of editable shapes
 * (pptx_shapes.h, docs/pptx.md).
 *
 * The workbook's Sheet1: A1 the category column's header, B1… the
 * series' names (both as in the site's data table, chart_grid: the
 * schema's descriptions; a chart without series: names its one series
 * after its value column), then one row per category with its label and
 * one value per series; a value the data lacks is an empty cell.  Bars and lines: the
 * categories are the bars (x:), the series the series.  Pies and donuts:
 * the categories are the slices, in one series named after the panel.
 * The chart's caches hold exactly the numbers of those cells
 * (pptx_chart_number, the one rounding: a share as a percentage to 0.1,
 * a value to six decimals).
 *
 * Memory: the chart is borrowed; XML and workbook bytes are appended to
 * the caller's bufs; nothing else outlives a call. */
#ifndef SHIRYO_PPTX_CHART_H
#define SHIRYO_PPTX_CHART_H
#include "buf.h"
#include "chart.h"
#include "diag.h"

/* One native chart part: panel `panel` of a chart, its text at the base
 * size the PDF drew it with, its legend shown in the part or not (small
 * multiples share one legend, drawn by the slide writer). */
typedef struct pptx_chart_ref {
    const chart *chart;
    size_t panel;
    double text_size;
    int legend;
} pptx_chart_ref;

/* 1 when c is written as native charts. */
int pptx_chart_native(const chart *c);

/* The number the workbook of panel p holds in category k, series j, and
 * *have = 0 when the data lacks it (an empty cell). */
double pptx_chart_number(const chart *c, size_t p, size_t k, size_t j,
                         int *have);

/* The chart part (ppt/charts/chartN.xml); its workbook is the part's
 * relationship rId1. */
void pptx_chart_xml(buf *out, const pptx_chart_ref *r);

/* The embedded workbook of a chart part, written through the temporary
 * file tmp_path (removed before returning) and appended to xlsx.  0, or
 * -1 with an error at tmp_path. */
int pptx_chart_workbook(const pptx_chart_ref *r, const char *tmp_path,
                        buf *xlsx, diag_list *d);

#endif
