/* csv: an RFC 4180 reader for what Excel writes, producing a sheet.
 *
 * Accepts UTF-8 with or without a BOM, LF or CRLF line ends, quoted fields
 * with commas, doubled quotes and line breaks.  Shift_JIS/CP932 is detected
 * (the bytes are not valid UTF-8 but are valid CP932) and converted (the
 * sheet's encoding says so; the loader notes it once for all the files of a
 * build, load.h), or chosen explicitly.  Excel's empty columns at the right
 * (a header and rows ending in the same number of empty cells: "a,b,,")
 * are left out, with one note for the file.  Bytes valid in
 * neither are an error at line:column.
 *
 * Every cell keeps its position in the file: line of its first character
 * (1-based) and column counted in characters from the start of that line
 * (1-based), pointing at the opening quote for quoted fields.
 *
 * Line breaks inside quoted fields (CRLF, LF or a lone CR) become "\n" in
 * the cell text.  A UTF-8 BOM is skipped (it is not a column).  UTF-16
 * files and NUL bytes are errors.  When the bytes are valid in neither
 * encoding, the error is placed where the reading that got further broke
 * down (so a CP932 file with one bad byte is reported at that byte).
 *
 * Memory: the caller owns the sheet either reader returns and frees it with
 * sheet_free(); path is copied. */
#ifndef SHIRYO_CSV_H
#define SHIRYO_CSV_H
#include <stddef.h>

#include "diag.h"
#include "sheet.h"

/* Parses len bytes of data into a sheet (sheet.h); path is used in
 * diagnostics.  Free the result with sheet_free().  Returns NULL after
 * adding errors (unterminated quote, a quote inside an unquoted field,
 * invalid bytes). Blank lines at the end are ignored. */
sheet *csv_parse(const char *path, const char *data, size_t len,
                 csv_encoding enc, diag_list *d);
/* The same for a file: the CSV reader of load.h's table. */
/* The one guess of what a text that is not UTF-8 is, shared by the data
 * and template readers: "UTF-16" (with or without a byte order mark),
 * "Shift_JIS (CP932)" or "EUC-JP" when all of it converts as such; NULL
 * when it is valid UTF-8 or none of these. */
const char *csv_encoding_guess(const char *data, size_t len);
sheet *csv_read_file(const char *path, csv_encoding enc, diag_list *d);

#endif
