/* table: typed columns read from one sheet (a CSV file, a workbook's
 * sheet), with provenance per row.
 *
 * One table per sheet, header row first, long (tidy) format.  A schema
 * next to the data (data/NAME.schema.csv, columns: column,type,values,
 * description[,from]; schema.h) declares each column's type and, for
 * categories, the allowed values in display order ("|"-separated); it may
 * also declare how a sheet laid out for people is read (title rows, a
 * header of two rows, notes below, a cross-table to unpivot: shape.h).
 * Without a schema, types are inferred (integer, decimal, year, date,
 * else text).
 *
 * Types:  text, integer, decimal (numbers accept "1,788", full-width
 * digits and a U+2212 minus, and are read by num_parse_cell, correctly
 * rounded; units or marks inside a number are an error, and so is a
 * number too large for a double), percent (a decimal in percentage
 * points: "25.3" or "25.3%", and a workbook cell formatted as a
 * percentage reads as shown, 25.3, not as the fraction 0.253), year (survey
 * year: "2024", "R6", "令和6年度", "H30"; kept as the Gregorian fiscal year),
 * date (kept as yyyymmdd), category (text from the declared list; anything
 * else is an error with the nearest allowed value suggested).
 *
 * Provenance: a column named "status" holds 確報 / 速報 / 仮 (missing means
 * 確報 only when the table has no status column; an empty status cell is an
 * error) for every column of its row, or, with the schema's @status, for
 * the columns it names (others are final; several status columns give a
 * status per cell); a column named "source" holds a source id.  Both stay
 * ordinary text columns too.
 *
 * Inference (no schema), over the non-empty cells of a column: all
 * integers -> integer, except that a column named year, *_year, 年, *年度
 * holding only plain years 1900-2100 is a year column; numbers ->
 * decimal; survey years ("R6", "令和6年度", "2024年度") -> year; dates ->
 * date; numbers carrying a short unit or mark ("58%", "12団体", "3※")
 * make a number column whose cells are then reported; else text.
 *
 * Rows whose cells are all empty (blank lines, Excel's ",,,") are skipped.
 * Header and schema errors stop the cells from being checked; ragged rows
 * are reported and the other rows still checked.  Errors name the CSV (or
 * schema) file, line and column, and carry a hint.
 *
 * An empty cell is missing, never 0.  Everything is owned by the table;
 * each distinct cell text is stored once (table.strings). */
#ifndef SHIRYO_TABLE_H
#define SHIRYO_TABLE_H
#include <stddef.h>

#include "csv.h"
#include "diag.h"
#include "prov.h"
#include "schema.h"

typedef struct cell {
    const char *text; /* NFC text as written (never NULL; "" if missing) */
    double num; /* integer/decimal value; year; yyyymmdd; category index */
    int missing;
    int line, col; /* position in the CSV file */
} cell;

typedef struct column {
    char *name;
    col_type type;
    char **categories; /* COL_CATEGORY: allowed values, display order */
    size_t ncategories;
    int percent;       /* declared percent: percentage points */
    char *description; /* the schema's description (NFC, trimmed; "" when
                          its cell is empty), NULL without a schema */
    cell *cells;       /* nrows */
    int line, col;     /* of the header cell */
} column;

typedef struct table {
    char *name; /* file stem: data/ai_adoption.csv -> "ai_adoption" */
    char *path; /* as opened, for diagnostics */
    size_t nrows, ncols;
    column *cols;
    prov *status;    /* nrows entries: the row's, from the status column */
    /* With the schema's @status (schema.h): per column the status column
     * that covers it (-1: final), and per status column its rows'
     * provenance (NULL for the other columns; the status column's own is
     * `status`).  NULL without @status: `status` covers every column. */
    int *status_for;
    prov **col_status;
    int status_col; /* -1 when none */
    int source_col; /* -1 when none */
    int year_col;   /* the first year column, -1 when none */
    int inferred;   /* read without a schema: types inferred */
    double *years;  /* the distinct survey years of year_col, ascending
                       (computed once at load: `latest` and `previous` are
                       looked up per row while filtering) */
    size_t nyears;
    /* The cells' texts, each distinct text once, when the table was read
     * by table_from_csv (NULL in a table built by hand, whose cells then
     * own their texts: table_free frees them one by one). */
    struct intern *strings;
    /* 0, 1, …, nrows-1: the rows of a view of the whole table, shared by
     * every such view (NULL in a table built by hand). */
    size_t *all_rows;
} table;

/* The provenance of the cell (row, col): its status column's, final for
 * a column no status covers. */
prov table_cell_prov(const table *t, size_t row, size_t col);
/* The weakest provenance of a row's cells. */
prov table_row_prov(const table *t, size_t row);

/* Column index by exact name, or -1. */
int table_col(const table *t, const char *name);
/* The names of t's columns in order, NULL-terminated, for suggestions;
 * the array is the caller's to free (the names stay t's). */
const char **table_col_names(const table *t);
/* Builds a table from a sheet (any reader's) and its schema sheet (NULL:
 * types inferred); a schema that declares a layout (schema.h) has the
 * sheet shaped first (shape.h).  NULL after errors. */
table *table_from_csv(const char *name, const csv *data, const csv *schema,
                      diag_list *d);
/* The same with the schema already read (NULL: inferred). */
table *table_from_sheet(const char *name, const sheet *data,
                        const schema_def *sc, diag_list *d);
void table_free(table *t);
/* Adds an error at (line, col) of t's file naming the unknown column and
 * suggesting the nearest one. */
void table_unknown_column(const table *t, const char *name, srcloc at,
                          diag_list *d);

typedef struct tableset tableset;

/* Loading a data directory is load.h's (tableset_load_dir, defined in
 * load.c); declared here too while project.c reaches it through this
 * header. */
tableset *tableset_load_dir(const char *dir, csv_encoding enc, diag_list *d);
tableset *tableset_new(void);
/* Takes ownership of t. */
void tableset_add(tableset *ts, table *t);
size_t tableset_count(const tableset *ts);
const table *tableset_get(const tableset *ts, size_t i);
const table *tableset_find(const tableset *ts, const char *name);
/* Adds "unknown table" with the nearest table name suggested. */
void tableset_unknown(const tableset *ts, const char *name, srcloc at,
                      diag_list *d);
void tableset_free(tableset *ts);

#endif
