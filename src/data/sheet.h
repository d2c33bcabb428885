/* sheet: the grid every data reader produces (load.h's table of readers:
 * the CSV reader, csv.h, today) and table.c turns into a typed table:
 * rows of text cells, each with its position in the file for diagnostics.
 *
 * A reader must give: path (as opened); rows in file order, header first,
 * each with the line it starts on; every cell's text as UTF-8 (NFC is the
 * table's business, not the reader's), the line and the column (in
 * characters, 1-based) of its first character, and whether it was quoted
 * (a quoted cell is text even when it looks empty or numeric to a
 * reader).  Storage: all cells in one array (`cells`, each row's `cells`
 * pointing into it) and their texts in one block (`text`), so that
 * sheet_free() frees three blocks whichever reader made the sheet. */
#ifndef SHIRYO_SHEET_H
#define SHIRYO_SHEET_H
#include <stddef.h>

/* The text encoding of a data file, for the readers of text formats (the
 * CSV reader); readers of other formats ignore it. */
typedef enum { CSV_ENC_AUTO, CSV_ENC_UTF8, CSV_ENC_CP932 } csv_encoding;

typedef struct sheet_cell {
    char *text; /* UTF-8, NUL-terminated, quotes removed */
    int line;
    int col;
    int quoted;
} sheet_cell;

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
    /* Storage, owned by the sheet: every row's cells lie in one array and
     * every cell's text in one block. */
    sheet_cell *cells;
    size_t ncells_total;
    char *text;
} sheet;

/* Frees the sheet and everything in it (NULL is fine). */
void sheet_free(sheet *s);

/* The names table.c still spells the grid with (it turns "a parsed CSV"
 * into a table); the same types. */
typedef sheet csv;
typedef sheet_cell csv_cell;
typedef sheet_row csv_row;

#endif
