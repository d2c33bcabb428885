/* args: the argument checks shared by the functions and filters of the
 * template language (see args.h). */
#include "args.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

int arg_is_numeric_col(const column *c)
{
    return c->type == COL_INTEGER || c->type == COL_DECIMAL;
}

srcloc arg_at(const srcloc *at, size_t i, size_t n, srcloc loc)
{
    return i < n ? at[i] : loc;
}

int arg_view(evalctx *c, const char *f, srcloc loc, const srcloc *at, value *a,
             size_t n, size_t i, const view **v)
{
    if (a[i].kind != VAL_VIEW) {
        eval_error(c, arg_at(at, i, n, loc),
                   "%s() needs a table as argument %zu, got %s", f, i + 1,
                   value_kind_name(a[i].kind));
        return -1;
    }
    *v = a[i].u.v;
    return 0;
}

/* column argument i (a string) or "value"; numeric unless any_type */
int arg_col(evalctx *c, const char *f, srcloc loc, const srcloc *at, value *a,
            size_t n, size_t i, const view *v, int any_type, int *ci)
{
    const char *name = "value";
    char *tmp = NULL;
    if (i < n) {
        if (a[i].kind != VAL_STR) {
            eval_error(c, arg_at(at, i, n, loc),
                       "%s() needs a column name in quotes as argument %zu, "
                       "e.g. \"value\"",
                       f, i + 1);
            return -1;
        }
        tmp = xstrndup(a[i].u.str.s, a[i].u.str.len);
        name = tmp;
    }
    int k = -1;
    for (size_t j = 0; j < v->t->ncols; j++)
        if (strcmp(v->t->cols[j].name, name) == 0)
            k = (int)j;
    if (k < 0) {
        if (i < n)
            eval_unknown_column(c, arg_at(at, i, n, loc), v->t, name);
        else
            eval_error(c, loc,
                       "table \"%s\" has no column \"value\"; name the "
                       "column, e.g. %s(t, \"count\")",
                       v->t->name, f);
        free(tmp);
        return -1;
    }
    if (!any_type && !arg_is_numeric_col(&v->t->cols[k])) {
        eval_error(c, arg_at(at, i, n, loc),
                   "%s() needs a column of numbers, but column \"%s\" of "
                   "table \"%s\" is %s",
                   f, name, v->t->name, col_type_name(v->t->cols[k].type));
        free(tmp);
        return -1;
    }
    free(tmp);
    *ci = k;
    return 0;
}

int arg_num(evalctx *c, const char *f, srcloc loc, const srcloc *at, value *a,
            size_t n, size_t i, double *d)
{
    if (a[i].kind != VAL_NUM) {
        eval_error(c, arg_at(at, i, n, loc),
                   "%s() needs a number as argument "
                   "%zu, got %s",
                   f, i + 1, value_kind_name(a[i].kind));
        return -1;
    }
    *d = a[i].u.num;
    return 0;
}

int arg_decimals(evalctx *c, const char *f, srcloc loc, const srcloc *at,
                 value *a, size_t n, size_t i, int dflt, int *dec)
{
    if (i >= n) {
        *dec = dflt;
        return 0;
    }
    double d;
    if (arg_num(c, f, loc, at, a, n, i, &d) < 0)
        return -1;
    if (d < 0 || d > 6 || d != floor(d)) {
        eval_error(c, arg_at(at, i, n, loc),
                   "%s(): decimals must be a whole number from 0 to 6", f);
        return -1;
    }
    *dec = (int)d;
    return 0;
}
