/* args: what every function and filter of the template language shares:
 * its signature, its row in a table of callables, and the checks of its
 * arguments (each reports a message naming the function and the argument,
 * at the argument's position).
 *
 * A function gets the evaluated arguments a[0..n) and their positions
 * at[0..n); it sets *out (in the context's arena) and returns 0, or -1
 * after reporting the error.  Nothing is freed by the caller. */
#ifndef SHIRYO_ARGS_H
#define SHIRYO_ARGS_H
#include <stddef.h>

#include "value.h"

typedef int (*lang_fn)(evalctx *c, const char *f, srcloc loc, const srcloc *at,
                       value *a, size_t n, value *out);

/* One row of funcs.c's or filters.c's table.  usage is shown when the
 * number of arguments is outside [min, max]. */
typedef struct lang_fndef {
    const char *name;
    int min, max;
    lang_fn fn;
    const char *usage;
} lang_fndef;

/* The position of argument i, or loc (the call) when there are fewer. */
srcloc arg_at(const srcloc *at, size_t i, size_t n, srcloc loc);
/* Argument i as a table (a view of its rows). */
int arg_view(evalctx *c, const char *f, srcloc loc, const srcloc *at, value *a,
             size_t n, size_t i, const view **v);
/* Column argument i (a name in quotes) of v's table, or "value" when
 * there are fewer than i + 1 arguments; numbers only unless any_type. */
int arg_col(evalctx *c, const char *f, srcloc loc, const srcloc *at, value *a,
            size_t n, size_t i, const view *v, int any_type, int *ci);
int arg_num(evalctx *c, const char *f, srcloc loc, const srcloc *at, value *a,
            size_t n, size_t i, double *d);
/* A number of decimals from 0 to 6, or dflt when not given. */
int arg_decimals(evalctx *c, const char *f, srcloc loc, const srcloc *at,
                 value *a, size_t n, size_t i, int dflt, int *dec);
/* 1 when column c holds numbers (integer or decimal). */
int arg_is_numeric_col(const column *c);

#endif
