/* out_csv: the chart-data writer (a row of output.h's table): the data
 * of every chart the site shows (its grid) as OUT/site/data/ID.csv, the
 * file each figure's download link names (ID from html_chart_id(), so
 * the link and the file agree).  The directory is made only when there is
 * a chart; each file is written atomically.
 *
 * The encoding is for spreadsheets: UTF-8 with a byte-order mark (so that
 * Excel detects the encoding), CRLF line ends, RFC 4180 quoting, and
 * every cell that a spreadsheet would take for a formula neutralised.
 *
 * Memory: the functions append to the caller's buf (freed with buf_free());
 * the writer keeps nothing past its call. */
#ifndef SHIRYO_OUT_CSV_H
#define SHIRYO_OUT_CSV_H
#include <stddef.h>

#include "buf.h"
#include "output.h"

/* The writer.  0, or -1 with errors added (files written before the
 * failure stay; each is whole). */
int out_csv_write(const build_result *b, const char *out_dir, diag_list *d);

/* One CSV field: quoted when needed; a cell starting with = + - @, a tab
 * or a carriage return (and not a plain number such as -2 or 1,788) is
 * quoted with a leading ' so that no spreadsheet runs it as a formula. */
void out_csv_field(buf *out, const char *s);
/* A whole grid (row-major cells, nrows x ncols, row 0 the header),
 * appended to out as a CSV file with its BOM. */
void out_csv_grid(buf *out, size_t nrows, size_t ncols, char *const *cells);

#endif
