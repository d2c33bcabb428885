/* out_data: the chart-data writer (a row of output.h's table): the data
 * of every chart the site shows (its grid) as two downloads,
 * OUT/site/data/STEM.csv (out_csv.h) and OUT/site/data/STEM.xlsx
 * (out_xlsx.h), the files each figure's download links name (STEM from
 * html_chart_file(), so the links and the files agree).  The directory
 * is made only when there is a chart; each file is written atomically.
 *
 * Memory: nothing is kept past the call. */
#ifndef SHIRYO_OUT_DATA_H
#define SHIRYO_OUT_DATA_H
#include "output.h"

/* The writer.  0, or -1 with errors added (files written before the
 * failure stay; each is whole). */
int out_data_write(const build_result *b, const char *out_dir, diag_list *d);

#endif
