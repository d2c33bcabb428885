/* wbook: an Excel workbook written by libxlsxwriter and read back into
 * memory, for the two writers that make one (the PowerPoint chart's
 * embedded workbook, pptx_chart.h, and the site's data downloads,
 * out_xlsx.h).  libxlsxwriter writes to a file, so the workbook goes
 * through a temporary path that is removed again.  The one place that
 * fixes what would make two builds differ: the creation date in
 * docProps/core.xml is 1980-01-01 00:00 UTC (WBOOK_FIXED_TIME), so the
 * same data gives the same bytes.
 *
 * Memory: wbook_new's workbook is freed by wbook_finish (on every path);
 * the bytes are appended to the caller's buf. */
#ifndef SHIRYO_WBOOK_H
#define SHIRYO_WBOOK_H
#include <xlsxwriter.h>

#include "buf.h"
#include "diag.h"

/* 1980-01-01 00:00 UTC: the fixed creation date of every workbook. */
#define WBOOK_FIXED_TIME 315532800

/* A new workbook written to tmp_path, its properties fixed (title may be
 * NULL); what names the workbook in messages ("a chart's workbook").
 * NULL after an error. */
lxw_workbook *wbook_new(const char *tmp_path, const char *title,
                        const char *what, diag_list *d);
/* Closes wb, appends the file's bytes to out and removes tmp_path.  0,
 * or -1 with an error. */
int wbook_finish(lxw_workbook *wb, const char *tmp_path, const char *what,
                 buf *out, diag_list *d);

#endif
