/* xlsx: the Excel workbook reader (Office Open XML spreadsheets, .xlsx),
 * a row of load.h's table of readers next to the CSV reader; and the
 * refusal of Excel 97-2003 workbooks (.xls).
 *
 * A workbook holds several tables: every visible worksheet is one,
 * produced as a sheet (sheet.h) under its own name (hidden sheets, chart
 * sheets, drawings and comments are not read).  Rows come in order with
 * the first row that holds a value as the header; the grid is as wide as
 * the header (a wider row keeps its cells, so the table names the first
 * extra one).  Cells come as Excel stores them: shared and inline strings
 * (phonetic runs left out, _xHHHH_ escapes decoded), numbers as the
 * shortest decimal that reads back as the stored double (num_stored_text),
 * booleans as TRUE and FALSE, formulas by their cached value, dates and
 * times by their number format (2025-06-30, 09:30:00, 2025-06-30
 * 09:30:00), percentages as the stored fraction (with SHEET_FMT_PERCENT
 * on the cell).  In a merged range only the top-left cell keeps a value.
 *
 * Positions: a workbook sheet's path is "data/book.xlsx [SHEET]", a cell's
 * line its row and its col the negative column number (diag.h's cell
 * form), so every message prints "data/book.xlsx [SHEET] C12: …".
 *
 * Errors: a formula with no cached value and an error cell (#DIV/0!,
 * #N/A …) at the cell (that sheet's entry then has no sheet); at the
 * file: an .xls or password-protected workbook, a file that is not a ZIP
 * or not a workbook, a part that is not well-formed XML, and what the reader's
 * bounds refuse: an entry name that is absolute, climbs with "..", or
 * holds a backslash or a control character; a part larger than
 * XLSX_PART_MAX uncompressed, parts together over XLSX_BOOK_MAX, a part
 * over 1 MiB that is more than XLSX_RATIO_MAX times its compressed size
 * (a zip bomb); a document type declaration (no DTD, so no entity is
 * ever expanded); more than XLSX_SST_MAX shared strings or
 * XLSX_SST_BYTES of their text.
 *
 * Memory: xlsx_read_book returns an array of n entries (sheet_named)
 * the caller frees with sheet_named_free(); path is copied. */
#ifndef SHIRYO_XLSX_H
#define SHIRYO_XLSX_H
#include <stddef.h>

#include "diag.h"
#include "sheet.h"

#define XLSX_PART_MAX ((size_t)256 << 20)
#define XLSX_BOOK_MAX ((size_t)1024 << 20)
#define XLSX_RATIO_MAX 200
#define XLSX_SST_MAX ((size_t)1 << 21)
#define XLSX_SST_BYTES ((size_t)128 << 20)

/* Reads the workbook at path: its visible worksheets in workbook order,
 * each named; an entry whose sheet had errors has sheet NULL.  NULL (with
 * *n 0) after an error about the whole file. */
sheet_named *xlsx_read_book(const char *path, size_t *n, diag_list *d);
/* The same for len bytes already read (the fuzz target). */
sheet_named *xlsx_parse_book(const char *path, const char *data, size_t len,
                             size_t *n, diag_list *d);
/* An .xls file: always NULL, after the error that says what it is and
 * what to do. */
sheet_named *xls_refuse(const char *path, size_t *n, diag_list *d);

#endif
