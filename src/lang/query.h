/* query: the functions and filters callable from template expressions
 * (sum, share, top, groups, pct, wareki, …) and the table helpers the
 * evaluator uses.  Internal to expr.c and template.c; see
 * docs/templates.md for the reference.  All results live in the
 * evaluation context's arena (value.h). */
#ifndef SHIRYO_QUERY_H
#define SHIRYO_QUERY_H
#include <stddef.h>

#include "value.h"

/* The cell (row, col) of t as a value carrying the row's provenance. */
void query_cell(evalctx *c, const table *t, size_t row, size_t col,
                value *out);
/* t's newest (which = 0) or second-newest (which = 1) survey year.
 * Returns 1, or 0 after an error at loc. */
int query_table_year(evalctx *c, const table *t, int which, srcloc loc,
                     value *out);
/* Calls the function `name` with evaluated args (arg_exprs give their
 * positions).  Returns 1, or 0 after an error (unknown function with a
 * suggestion, wrong arguments, division by zero, no rows). */
int query_call(evalctx *c, const char *name, srcloc loc,
               const expr *const *arg_exprs, value *args, size_t nargs,
               value *out);

/* helpers shared with expr.c */
int value_truthy(const value *v);
/* -1, 0, 1; -2 after an error when the two cannot be compared */
int value_compare(evalctx *c, srcloc loc, const value *l, const value *r,
                  int ordering);

#endif
