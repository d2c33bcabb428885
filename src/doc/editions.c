#include "editions.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "era.h"
#include "xalloc.h"

typedef struct uses {
    const table **t;
    size_t n, cap;
} uses;

struct editions {
    uses *slide; /* per slide of the deck */
    size_t n, cap;
};

editions *editions_new(void) { return xcalloc(1, sizeof(editions)); }

static void add_table(uses *u, const table *t)
{
    for (size_t i = 0; i < u->n; i++)
        if (u->t[i] == t)
            return;
    u->t = xgrow(u->t, &u->cap, u->n + 1, sizeof *u->t);
    u->t[u->n++] = t;
}

void editions_add(editions *e, const deck *dk, size_t first,
                  const expansion *ex)
{
    if (dk->nslides > e->n) {
        e->slide = xgrow(e->slide, &e->cap, dk->nslides, sizeof *e->slide);
        memset(e->slide + e->n, 0, (dk->nslides - e->n) * sizeof *e->slide);
        e->n = dk->nslides;
    }
    if (first >= dk->nslides)
        return;
    for (size_t k = 0; k < ex->nuses; k++) {
        /* the last of the template's slides whose heading is at or
         * before the name, else its first */
        size_t at = first;
        for (size_t s = first; s < dk->nslides; s++)
            if (dk->slides[s].at.line <= ex->uses[k].line)
                at = s;
        add_table(&e->slide[at], ex->uses[k].t);
    }
    for (size_t s = first; s < dk->nslides; s++)
        for (size_t b = 0; b < dk->slides[s].nbody; b++)
            if (dk->slides[s].body[b].kind == BLOCK_CHART)
                add_table(&e->slide[s],
                          chart_table(dk->slides[s].body[b].chart));
}

/* A table's latest survey year, or 0 when it has none: its year column
 * must be the survey's (named year, or described as 調査年度), not a
 * target year (policy_targets' deadline). */
static int latest(const table *t)
{
    if (!t || t->year_col < 0 || !t->nyears)
        return 0;
    const column *c = &t->cols[t->year_col];
    if (strcmp(c->name, "year") != 0 &&
        !(c->description && strstr(c->description, "調査年度")))
        return 0;
    return (int)t->years[t->nyears - 1];
}

void editions_check(editions *e, const deck *dk, diag_list *d)
{
    int newest = 0;
    const table *which = NULL;
    for (size_t s = 0; s < e->n && s < dk->nslides; s++)
        for (size_t i = 0; i < e->slide[s].n; i++)
            if (latest(e->slide[s].t[i]) > newest) {
                newest = latest(e->slide[s].t[i]);
                which = e->slide[s].t[i];
            }
    if (!which)
        return;
    for (size_t s = 0; s < e->n && s < dk->nslides; s++) {
        buf lag = BUF_INIT, year = BUF_INIT, deck_year = BUF_INIT;
        int oldest = newest;
        for (size_t i = 0; i < e->slide[s].n; i++) {
            const table *t = e->slide[s].t[i];
            int y = latest(t);
            if (!y || y >= newest)
                continue;
            buf_printf(&lag, "%s%s", lag.len ? ", " : "", t->name);
            oldest = y < oldest ? y : oldest;
        }
        if (lag.len) {
            era_format_fiscal_year(&year, oldest);
            era_format_fiscal_year(&deck_year, newest);
            srcloc at = dk->slides[s].at;
            diag_at(d, DIAG_WARNING, at,
                    "this slide's data end at %s (%s), the deck's at %s "
                    "(%s): the deck mixes two survey editions",
                    buf_cstr(&year), buf_cstr(&lag), buf_cstr(&deck_year),
                    which->name);
            diag_hint(d,
                      "add the %s rows to the tables named first, or "
                      "build when every table is updated",
                      buf_cstr(&deck_year));
        }
        buf_free(&lag);
        buf_free(&year);
        buf_free(&deck_year);
    }
}

void editions_free(editions *e)
{
    if (!e)
        return;
    for (size_t s = 0; s < e->n; s++)
        free(e->slide[s].t);
    free(e->slide);
    free(e);
}
