/* out_xlsx: a chart's data grid as an Excel workbook (.xlsx, written with
 * libxlsxwriter through wbook.h), the site's second download beside the
 * CSV (out_data.h).  Laid out for the machine-readable rules of 総務省
 * (統計表における機械判読可能なデータの表記方法の統一ルール): one sheet,
 * 「データ」, holding one table from A1: the header row (bold, frozen),
 * then one row per grid row, one datum per cell; a number cell is an
 * Excel number (worksheet_write_number, shown with the grid's decimals
 * and no thousands separator), every other cell a string, an empty cell
 * is left empty.  Column widths follow the longest text of each column.
 * The workbook's title property is the chart's title; its creation date
 * is fixed, so the same grid gives the same bytes.
 *
 * Memory: the grid is borrowed; the bytes are appended to the caller's
 * buf. */
#ifndef SHIRYO_OUT_XLSX_H
#define SHIRYO_OUT_XLSX_H
#include "buf.h"
#include "chart.h"
#include "diag.h"

/* The sheet's name. */
#define OUT_XLSX_SHEET "データ"

/* g as a workbook appended to out, written through tmp_path (removed
 * again).  0, or -1 with an error. */
int out_xlsx_grid(buf *out, const grid *g, const char *title,
                  const char *tmp_path, diag_list *d);

#endif
