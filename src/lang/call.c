/* call: finds a function or filter by name and calls it (see call.h). */
#include "call.h"

#include <stdlib.h>
#include <string.h>

#include "filters.h"
#include "funcs.h"
#include "i18n.h"
#include "xalloc.h"

static const lang_fndef *find(const char *name)
{
    for (size_t i = 0; i < funcs_count; i++)
        if (strcmp(funcs_table[i].name, name) == 0)
            return &funcs_table[i];
    for (size_t i = 0; i < filters_count; i++)
        if (strcmp(filters_table[i].name, name) == 0)
            return &filters_table[i];
    return NULL;
}

int call_function(evalctx *c, const char *name, srcloc loc, const srcloc *at,
                  value *args, size_t nargs, value *out)
{
    const lang_fndef *f = find(name);
    if (f) {
        if ((int)nargs < f->min || (int)nargs > f->max) {
            eval_error(c, loc, "%s() got %zu argument%s; use %s", name, nargs,
                       nargs == 1 ? "" : "s", f->usage);
            return -1;
        }
        return f->fn(c, name, loc, at, args, nargs, out);
    }
    size_t n = funcs_count + filters_count;
    const char **cands = xmalloc(n * sizeof *cands);
    for (size_t i = 0; i < funcs_count; i++)
        cands[i] = funcs_table[i].name;
    for (size_t i = 0; i < filters_count; i++)
        cands[funcs_count + i] = filters_table[i].name;
    eval_unknown(c, loc, N_("function"), name, NULL, cands, n);
    free(cands);
    return -1;
}
