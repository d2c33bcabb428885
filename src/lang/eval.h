/* eval: evaluates an expression tree (expr.h, built by parse.c) in an
 * evaluation context (value.h): names, operators, `where`, calls to the
 * functions and filters (call.h).  Results live in the context's arena.
 * Returns 0, or -1 after an error (reported once, deduplicated) with *out
 * set to missing. */
#ifndef SHIRYO_EVAL_H
#define SHIRYO_EVAL_H

#include "expr.h"
#include "value.h"

int expr_eval(const expr *e, evalctx *c, value *out);

#endif
