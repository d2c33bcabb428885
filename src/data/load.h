/* load: the data directory to a tableset, through a table of readers by
 * file extension.
 *
 * Every entry data/NAME<ext> (not starting with ".") whose extension a
 * reader claims is a data file (a workbook, data/FILE.xlsx, holds one
 * table per visible sheet: a sheet NAME is the table NAME and a sheet
 * NAME.schema its schema, just as NAME.csv and NAME.schema.csv), read into a
 * sheet (sheet.h) and typed by table_from_csv() (table.h) as the table NAME.
 * Its schema, when there is one, is data/NAME.schema<ext'> for any reader's
 * extension (a CSV schema may describe a data file of another format).  Tables
 * are loaded in NAME order (strcmp), so the same directory always gives the
 * same tableset.
 *
 * Errors: a directory that cannot be read; two data files (or two
 * schemas) for one NAME; a schema with no data file beside it (with the
 * nearest data file's name suggested).  A table whose file or schema has
 * errors is left out; the others still load.
 *
 * Adding an input format: a reader file producing a sheet, and one row in
 * load.c's table.
 *
 * Memory: the caller owns the tableset either loader returns and frees it with
 * tableset_free(); a reader's sheet is the loader's, freed with sheet_free()
 * once its table is typed.  load_readers is static. */
#ifndef SHIRYO_LOAD_H
#define SHIRYO_LOAD_H
#include <stddef.h>

#include "diag.h"
#include "sheet.h"
#include "table.h"

typedef struct data_reader {
    const char *ext; /* with its dot: ".csv" */
    /* A file of one table: reads the file at path; NULL after adding
     * errors at their line and column.  enc: the encoding asked for, for
     * text formats.  NULL for a reader of workbooks. */
    sheet *(*read)(const char *path, csv_encoding enc, diag_list *d);
    /* A file of several tables (a workbook): every table in it, each a
     * named sheet (NAME, or NAME.schema for a schema); NULL with *n 0
     * after an error about the whole file.  NULL for a reader of files of
     * one table. */
    sheet_named *(*read_book)(const char *path, size_t *n, diag_list *d);
} data_reader;

/* The readers: {".csv", csv_read_file}, {".xlsx", xlsx_read_book} and
 * {".xls", xls_refuse} (an error that says to save it as .xlsx). */
extern const data_reader load_readers[];
extern const size_t load_nreaders;

/* Loads dir with load_readers.  Returns NULL only when the directory
 * cannot be read (an error is added); free with tableset_free(). */
tableset *tableset_load_dir(const char *dir, csv_encoding enc, diag_list *d);
/* The same with a table of readers of one's own. */
tableset *load_dir_with(const char *dir, csv_encoding enc,
                        const data_reader *readers, size_t nreaders,
                        diag_list *d);

#endif
