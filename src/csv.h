/* csv: an RFC 4180 reader for what Excel writes.
 *
 * Accepts UTF-8 with or without a BOM, LF or CRLF line ends, quoted fields
 * with commas, doubled quotes and line breaks.  Shift_JIS/CP932 is detected
 * (the bytes are not valid UTF-8 but are valid CP932) and converted, with a
 * note added to the diagnostics, or chosen explicitly.  Bytes valid in
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
 * down (so a CP932 file with one bad byte is reported at that byte). */
#ifndef SHIRYO_CSV_H
#define SHIRYO_CSV_H
#include <stddef.h>

#include "diag.h"

typedef enum { CSV_ENC_AUTO, CSV_ENC_UTF8, CSV_ENC_CP932 } csv_encoding;

typedef struct csv_cell {
    char *text; /* UTF-8, NUL-terminated, quotes removed */
    int line;
    int col;
    int quoted;
} csv_cell;

typedef struct csv_row {
    csv_cell *cells;
    size_t ncells;
    int line;
} csv_row;

typedef struct csv {
    char *path; /* for diagnostics */
    csv_row *rows;
    size_t nrows;
    csv_encoding encoding; /* what the file was read as */
    int had_bom;
    /* Storage: every row's cells lie in one array and every cell's text
     * in one block (a malloc per cell was most of the time spent on a
     * large file).  Owned by the csv. */
    csv_cell *cells;
    size_t ncells_total;
    char *text;
} csv;

/* Parses len bytes of data; path is used in diagnostics.  Free the result
 * with csv_free() (cells and texts are not freed one by one).  Returns NULL
 * after adding errors (unterminated quote, a quote inside an unquoted
 * field, invalid bytes). Blank lines at the end are ignored. */
csv *csv_parse(const char *path, const char *data, size_t len,
               csv_encoding enc, diag_list *d);
csv *csv_read_file(const char *path, csv_encoding enc, diag_list *d);
void csv_free(csv *c);

#endif
