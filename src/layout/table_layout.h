/* table_layout: a deck table (dtable) set in a box: the header row
 * shaded and centred, column widths from content (never narrower than a
 * column's widest unbreakable run), Japanese text wrapped in its cell,
 * numbers right-aligned (num_is_numeric_cell, the site's rule too), and
 * bullet lists inside cells (a cell starting with 「・」 is a list; each
 * 「・」 after a space starts an item).
 * docs/layout.md has the conventions.
 *
 * Memory: the caller owns the two arrays table_layout_box puts in *geom (col_w,
 * row_h) and frees each with free(); t and L are borrowed, and all else it
 * allocates is freed before it returns. */
#ifndef SHIRYO_TABLE_LAYOUT_H
#define SHIRYO_TABLE_LAYOUT_H
#include "deck.h"
#include "textbox.h"

/* The items of a bullet-list cell (one starting with 「・」; each 「・」
 * after a space starts an item), without their bullets, or 0 when the
 * cell is plain text.  Items are returned in *items (each malloc'd; the
 * caller frees both). */
size_t table_cell_items(const char *s, char ***items);
/* The bullet of a cell's list items. */
#define TABLE_CELL_BULLET "・"

/* Where table_layout_box put the cells: the width of each column and the height
 * of each row (row 0 the header), in points; both arrays malloc'd, the
 * caller frees them. */
typedef struct table_geom {
    double *col_w;
    size_t ncols;
    double *row_h;
    size_t nrows;
} table_geom;

/* Sets t at (x, y) in width w with text at size and vpad points above
 * and below each cell's text (4 pt at its left and right); draws when
 * L->draw.  Returns the height; fills *geom when geom is not NULL.  A
 * table whose columns cannot fit w records the overflow in L (over_x,
 * over_region). */
double table_layout_box(lay *L, const dtable *t, double x, double y, double w,
                        double size, double vpad, table_geom *geom);

#endif
