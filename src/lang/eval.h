/* eval: evaluates an expression tree (expr.h, built by parse.c) in an
 * evaluation context (value.h): names, operators, `where`, calls to the
 * functions and filters (call.h).  Results live in the context's arena.
 * Returns 0, or -1 after an error (reported once, deduplicated) with *out
 * set to missing.
 *
 * Memory: *out and everything it points to are allocated in the context's
 * arena and released with it by arena_free() (value.h); an error reported
 * stays in the context's list until evalctx_done().  The tree e and the tables
 * are only read. */
#ifndef SHIRYO_EVAL_H
#define SHIRYO_EVAL_H

#include "expr.h"
#include "value.h"

/* Evaluates e into *out: 0, or -1 after an error.  No result is or holds
 * an infinite or NaN number: such a result (an overflow) is an error at
 * the node that made it. */
int expr_eval(const expr *e, evalctx *c, value *out);

#endif
