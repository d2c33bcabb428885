/* sheet: the grid every data reader produces (load.h's table of readers:
 * the CSV reader, csv.h, today) and table.c turns into a typed table:
 * rows of text cells, each with its position in the file for diagnostics.
 *
 * A reader must give: path (as opened); rows in file order, header first,
 * each with the line it starts on; every cell's text as UTF-8 (NFC is the
 * table's business, not the reader's), the line and the column (in
 * characters, 1-based) of its first character, and whether it was quoted
 * (a quoted cell is text even when it looks empty or numeric to a
 * reader).  A workbook reader (xlsx.h) gives the row as line and the
 * negative column number as col (diag.h's cell form, "C12"), and the
 * number format of a cell it read (format).  Storage: all cells in one array
 * (`cells`, each row's `cells` pointing into it) and their texts in one block
 * (`text`), so that sheet_free() frees the same few blocks whichever reader
 * made the sheet (a workbook's merged ranges in one more). */
#ifndef SHIRYO_SHEET_H
#define SHIRYO_SHEET_H
#include <stddef.h>

/* The text encoding of a data file, for the readers of text formats (the
 * CSV reader); readers of other formats ignore it. */
typedef enum { CSV_ENC_AUTO, CSV_ENC_UTF8, CSV_ENC_CP932 } csv_encoding;

/* The number format of a workbook cell: a percentage is read as the
 * stored fraction (0.25 for 25%), a date or time as text (2025-06-30). */
typedef enum {
    SHEET_FMT_NONE,
    SHEET_FMT_PERCENT,
    SHEET_FMT_DATE,
    SHEET_FMT_TIME,
    SHEET_FMT_DATETIME,
} sheet_format;

typedef struct sheet_cell {
    char *text; /* UTF-8, NUL-terminated, quotes removed */
    int line;
    int col;
    int quoted;
    sheet_format format; /* SHEET_FMT_NONE for a text file */
} sheet_cell;

typedef struct sheet_merge {
    int r0, c0, r1, c1;
} sheet_merge;

typedef struct sheet_row {
    sheet_cell *cells;
    size_t ncells;
    int line;
} sheet_row;

typedef struct sheet {
    char *path; /* for diagnostics */
    sheet_row *rows;
    size_t nrows;
    csv_encoding encoding; /* what a text file was read as (UTF-8 or
                              CP932) */
    /* A workbook's merged ranges (rows and column numbers, 1-based,
     * inclusive): only the top-left cell of each has a value. */
    struct sheet_merge *merges;
    size_t nmerges;
    /* Storage, owned by the sheet: every row's cells lie in one array and
     * every cell's text in one block. */
    sheet_cell *cells;
    size_t ncells_total;
    char *text;
} sheet;

/* Frees the sheet and everything in it (NULL is fine). */
void sheet_free(sheet *s);

/* A cell text of nothing but ASCII spaces and tabs (or nothing). */
int sheet_is_blank(const char *s);
/* An NFC copy of s with ASCII spaces and tabs trimmed from both ends, the
 * form names, types and categories are compared in; the caller frees
 * it. */
char *sheet_nfc_trim(const char *s);
/* A cell's column number (1-based: A is 1): a workbook cell's col is
 * already minus that (diag.h's cell form); a text file's cell is the
 * index+1-th of its row. */
int sheet_col_number(const sheet_row *r, const sheet_cell *c);

/* One table of a file that holds several (a workbook's sheet): its name
 * and its sheet, NULL when reading it added errors. */
typedef struct sheet_named {
    char *name;
    sheet *sheet;
} sheet_named;

/* Frees n entries, their names and sheets, and the array. */
void sheet_named_free(sheet_named *v, size_t n);

/* The names table.c still spells the grid with (it turns "a parsed CSV"
 * into a table); the same types. */
typedef sheet csv;
typedef sheet_cell csv_cell;
typedef sheet_row csv_row;

#endif
