/* shape: a sheet laid out for people read as the tidy sheet a table is
 * built from, through its schema's declarations (schema.h).
 *
 * The header is the rows @header names (or the sheet's first row); the
 * data are the rows below it that hold a value, down to the first whose
 * first value starts with an @end mark (notes, a total row) or the
 * sheet's end; blank rows between are skipped.  Each schema column takes
 * its values from where its from cell says: under the header cell that
 * is its name or its description's label, a column letter, a constant,
 * or, for a cross-table, the cells of a range of columns (one observation
 * per cell, the other columns repeated) with the header cells above them
 * (a merged header cell gives its text to every column it spans; in a
 * CSV file, which keeps no merges, an empty header cell takes the text to
 * its left, as Excel saves a merged cell).  Columns the schema does not
 * declare (a total, remarks) are not read.
 *
 * Every cell keeps its position in the sheet, so messages about it name
 * the cell the user sees ("data/survey.xlsx [AI導入率] C5"); a header
 * cell's text carries the header cell's position.
 *
 * Errors (at the schema's cell or the sheet's): a header row that is
 * empty, a column whose header is not found, a column of the cross-table
 * with no header text above it, and a row below the table that looks like
 * a note (its one value starts with ※, 注, （注） or 出典) when no @end
 * declares where the table ends.
 *
 * Memory: the caller frees the sheet returned with sheet_free(). */
#ifndef SHIRYO_SHAPE_H
#define SHIRYO_SHAPE_H

#include "diag.h"
#include "schema.h"
#include "sheet.h"

/* The tidy sheet of raw as sc declares it: a header row of the schema's
 * column names, then one row per observation.  NULL after errors. */
sheet *shape_sheet(const sheet *raw, const schema_def *sc, diag_list *d);

#endif
