/* expr: the expression language of templates and chart specs.
 *
 * The grammar and the functions are documented in docs/templates.md.  This
 * header is what other modules need: parsing one expression, and using one
 * as a row filter over a table (chart specs' "filter:").  The parser is
 * parse.c, the evaluator eval.c.
 *
 * Memory: the caller owns the tree expr_parse returns and frees it with
 * expr_free. */
#ifndef SHIRYO_EXPR_H
#define SHIRYO_EXPR_H
#include <stddef.h>

#include "diag.h"
#include "table.h"

typedef struct expr expr;

/* Parses src (len bytes); `at` is the position of src's first character
 * in the user's file, so errors point into the template.  NULL after
 * errors. */
expr *expr_parse(const char *src, size_t len, srcloc at, diag_list *d);
void expr_free(expr *e);
/* The position of the token that names e (operator, name, …). */
srcloc expr_loc(const expr *e);

/* Evaluates cond for each row of t with the row's columns as bare names
 * (and `latest` / `previous` meaning t's newest and second-newest survey
 * years), setting keep[i] to 1 where it holds and 0 elsewhere.  Unknown
 * names are errors with the nearest column suggested.  Returns 0 or -1. */
int expr_filter_rows(const expr *cond, const table *t, unsigned char *keep,
                     diag_list *d);

#endif
