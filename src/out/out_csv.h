/* out_csv: CSV files: a chart's data grid as the site's CSV download
 * (written by the chart-data writer, out_data.h), and the field and grid
 * encoders the tests share.
 *
 * The encoding is for spreadsheets: UTF-8 with a byte-order mark (so that
 * Excel detects the encoding), CRLF line ends, RFC 4180 quoting, and
 * every cell that a spreadsheet would take for a formula neutralised.
 *
 * Memory: the functions append to the caller's buf (freed with buf_free());
 * nothing is kept past a call. */
#ifndef SHIRYO_OUT_CSV_H
#define SHIRYO_OUT_CSV_H
#include <stddef.h>

#include "buf.h"
#include "chart.h"

/* One CSV field: quoted when needed; a cell starting with = + - @, a tab
 * or a carriage return (and not a plain number such as -2 or 1,788) is
 * quoted with a leading ' so that no spreadsheet runs it as a formula. */
void out_csv_field(buf *out, const char *s);
/* A whole grid (row-major cells, nrows x ncols, row 0 the header),
 * appended to out as a CSV file with its BOM. */
void out_csv_grid(buf *out, size_t nrows, size_t ncols, char *const *cells);
/* A chart's grid as a CSV file: its texts, except that a number cell is
 * the plain number (1788, -2.5: no thousands separator, the grid's
 * decimals), one datum per cell. */
void out_csv_chart(buf *out, const grid *g);

#endif
