/* schema: a table's declaration, read from its schema sheet
 * (data/NAME.schema.csv, or a workbook's sheet NAME.schema).
 *
 * Header row: column,type,values,description[,from] (column and type
 * required, any order).  Each further row declares one column of the
 * table: its name, its type (schema_type_names: text, integer, decimal,
 * percent, year, date, category), for a category the allowed values in
 * display order ("a|b|c"), a description (the label people read, with
 * the unit in parentheses: "団体数 (団体)"), and, for a sheet laid out for
 * people, where its values are (from, below).  A row whose first cell
 * starts with "@" is a declaration about the whole sheet, its value in
 * the values cell:
 *
 *   @sheet   the sheet (or data file) that holds the table, when its name
 *            is not the table's: @sheet,,AI導入状況
 *   @header  the header's rows, as Excel numbers them: 3, or 3:4 for a
 *            header of two rows (merged cells above, labels below)
 *   @end     marks that end the table: the first row below the header
 *            whose first value starts with one of them ("（注）|※|計")
 *            and every row below it are not read
 *   @status  which columns a status column covers, "STATUS: COL|COL":
 *            @status,,status: respondents|ai_respondents makes the column
 *            status the status of those two columns only; a column no
 *            @status names is final (a constant such as the 1,788 bodies
 *            surveyed is never marked).  Several @status rows give
 *            several status columns, so a status per cell.  Without
 *            @status the column named status covers every column.
 *
 * from (a sheet laid out for people, shape.h):
 *
 *   (empty)  the column whose header cell is the column's name or its
 *            description's label
 *   B        that column of the sheet (a column letter)
 *   C:H      the cells of a cross-table: one observation per cell, the
 *            other columns repeated (at most one column has a range)
 *   4        the header cell in that row above each cell of the range
 *            (a merged header cell gives its text to every cell it spans)
 *   const:確報  the same text in every row
 *
 * percent is a decimal column of percentage points: "25.3" and "25.3%"
 * read 25.3, and a workbook cell formatted as a percentage (stored as the
 * fraction 0.253) reads as Excel shows it, 25.3.
 *
 * Memory: schema_read returns a schema the caller frees with
 * schema_free(); it copies what it keeps. */
#ifndef SHIRYO_SCHEMA_H
#define SHIRYO_SCHEMA_H
#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "sheet.h"

typedef enum {
    COL_TEXT,
    COL_INTEGER,
    COL_DECIMAL,
    COL_YEAR,
    COL_DATE,
    COL_CATEGORY
} col_type;
const char *col_type_name(col_type t); /* "text", "integer", … */

/* Where a column's values are on a sheet laid out for people. */
typedef enum {
    FROM_HEADER, /* the column under a header cell naming it */
    FROM_COLUMN, /* a column letter */
    FROM_RANGE,  /* the cells of a cross-table */
    FROM_ROW,    /* a header row above the range */
    FROM_CONST,  /* one text for every row */
} schema_from;

typedef struct schema_col {
    char *name;
    col_type type;
    int percent;   /* declared percent: a decimal in percentage points */
    char **values; /* a category's allowed values, display order */
    size_t nvalues;
    char *description; /* "" when none */
    schema_from from;
    int c0, c1;              /* FROM_COLUMN: c0; FROM_RANGE: c0..c1 (1-based) */
    int row;                 /* FROM_ROW */
    char *text;              /* FROM_CONST */
    int line, col;           /* the name's cell */
    int from_line, from_col; /* the from cell (0 when none) */
} schema_col;

typedef struct schema_def {
    char *path; /* the schema's, for diagnostics */
    schema_col *cols;
    size_t ncols;
    int ok; /* 0 after errors: cols holds the rows that were sound */
    /* The declarations about the sheet (@…); layout is 1 when any of
     * them but @sheet, or any from, is given. */
    int layout;
    char *sheet;          /* @sheet, or NULL */
    int header0, header1; /* @header rows, 0 when not declared */
    char **end;           /* @end marks */
    size_t nend;
    int decl_line[3], decl_col[3]; /* of @sheet's, @header's and @end's
                                      values */
    struct schema_status *status; /* the @status rows, in order */
    size_t nstatus;
} schema_def;

/* One @status row: the status column and the columns it covers. */
typedef struct schema_status {
    char *column;
    char **covers;
    size_t ncovers;
    int line, col; /* of its value */
} schema_status;

/* The type names a schema may give, in col_type order, then "percent". */
extern const char *const schema_type_names[];
extern const size_t schema_ntype_names;

/* Reads the schema sheet s.  Never NULL: after errors (added to d) ok is
 * 0.  */
schema_def *schema_read(const sheet *s, diag_list *d);
void schema_free(schema_def *sc);
/* Index of the column declared as name, or -1. */
int schema_find(const schema_def *sc, const char *name);
/* The one rule for a description's parts: its label is the text before
 * its first remark in brackets ("(" or "（"), trimmed (ASCII spaces and
 * U+3000); for a number column (numeric), the remark up to its first ";"
 * or closing bracket is the unit: "回答数 (件; 全団体の合計)" gives 回答数
 * and 件.  Appends them to label and unit (unit may be NULL). */
void schema_description_parts(const char *description, int numeric,
                              buf *label, buf *unit);
/* The label alone, which the caller frees: "団体数 (団体)" gives 団体数. */
char *schema_label(const char *description);

#endif
