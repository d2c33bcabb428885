/* call: a call of a function or filter by name, from the evaluator: finds
 * it in funcs.c's or filters.c's table, checks the number of arguments,
 * and calls it.  Results live in the context's arena.
 *
 * Memory: *out and everything it points to are in the context's arena,
 * released all at once by arena_free() (value.h); nobody frees a result one by
 * one. */
#ifndef SHIRYO_CALL_H
#define SHIRYO_CALL_H
#include <stddef.h>

#include "value.h"

/* Calls `name` (written at loc) with the evaluated args[0..nargs), whose
 * positions are at[0..nargs).  Returns 0, or -1 after an error (unknown
 * name with a suggestion, wrong arguments, division by zero, no rows). */
int call_function(evalctx *c, const char *name, srcloc loc, const srcloc *at,
                  value *args, size_t nargs, value *out);

#endif
