/* eval: evaluation of template expressions over the tables: names,
 * operators, `where` and its caches, calls through call.h.  Every value
 * lives in the context's arena (value.h). */
#include "eval.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "ast.h"
#include "call.h"
#include "era.h"
#include "i18n.h"
#include "suggest.h"
#include "xalloc.h"

static void set_missing(value *v)
{
    memset(v, 0, sizeof *v);
    v->kind = VAL_MISSING;
}

static const binding *find_binding(const binding *b, const char *name)
{
    for (; b; b = b->next)
        if (strcmp(b->name, name) == 0)
            return b;
    return NULL;
}

/* Collects names visible at this point, for suggestions. */
static size_t visible_names(const evalctx *c, const char **out, size_t max)
{
    size_t n = 0;
    const binding *lists[3] = {c->vars, c->lets, c->meta};
    for (int k = 0; k < 3; k++)
        for (const binding *b = lists[k]; b && n < max; b = b->next)
            out[n++] = b->name;
    if (c->ts)
        for (size_t i = 0; i < tableset_count(c->ts) && n < max; i++)
            out[n++] = tableset_get(c->ts, i)->name;
    return n;
}

/* table_col through the context's cache: a name in a `where`
 * condition is looked up once per row. */
static int where_col(evalctx *c, const expr *e)
{
    size_t h = ((size_t)(uintptr_t)e >> 4) % 8;
    if (c->colcache[h].e == e && c->colcache[h].t == c->row_t)
        return c->colcache[h].ci;
    int ci = table_col(c->row_t, e->s);
    c->colcache[h].e = e;
    c->colcache[h].t = c->row_t;
    c->colcache[h].ci = ci;
    return ci;
}

static int eval_name(const expr *e, evalctx *c, value *out)
{
    const binding *b;
    if (c->in_where) {
        int ci = where_col(c, e);
        if (ci >= 0) {
            value_cell(c->row_t, c->row_idx, (size_t)ci, out);
            return 0;
        }
        if (strcmp(e->s, "latest") == 0 || strcmp(e->s, "previous") == 0) {
            int latest = strcmp(e->s, "latest") == 0;
            return value_table_year(c, c->row_t, latest ? 0 : 1, e->loc, out);
        }
    }
    if ((b = find_binding(c->vars, e->s)) ||
        (b = find_binding(c->lets, e->s)) ||
        (b = find_binding(c->meta, e->s))) {
        *out = b->v;
        return b->failed ? -1 : 0;
    }
    const table *t = c->ts ? tableset_find(c->ts, e->s) : NULL;
    if (t) {
        if (c->on_table)
            c->on_table(c->on_table_ud, t, e->loc);
        view *v = arena_alloc(c->a, sizeof *v);
        v->t = t;
        v->n = t->nrows;
        if (t->all_rows) {
            v->rows = t->all_rows; /* read only, like every view's rows */
        } else {
            v->rows =
                arena_alloc(c->a, (t->nrows ? t->nrows : 1) * sizeof(size_t));
            for (size_t i = 0; i < t->nrows; i++)
                v->rows[i] = i;
        }
        v->desc = t->name;
        v->loc = e->loc;
        memset(out, 0, sizeof *out);
        out->kind = VAL_VIEW;
        out->u.v = v;
        return 0;
    }
    set_missing(out);
    const char *vis[256];
    size_t nv = visible_names(c, vis, 256);
    if (c->in_where) {
        /* a misspelt column first; else another name in scope */
        const table *rt = c->row_t;
        const char **cols = table_col_names(rt);
        int near_col = suggest_nearest(e->s, cols, rt->ncols) != NULL;
        buf detail = BUF_INIT;
        buf_printf(&detail, _(" in table \"%s\""), rt->name);
        eval_unknown(c, e->loc, N_("column"), e->s, buf_cstr(&detail),
                     near_col ? cols : vis, near_col ? rt->ncols : nv);
        buf_free(&detail);
        free(cols);
        return -1;
    }
    eval_unknown(c, e->loc, N_("name"), e->s, _(" (not a variable or a table)"),
                 vis, nv);
    return -1;
}

static int eval_arith(const expr *e, evalctx *c, const value *l, const value *r,
                      value *out)
{
    memset(out, 0, sizeof *out);
    out->p = prov_weaker(l->p, r->p);
    if (l->kind == VAL_MISSING || r->kind == VAL_MISSING) {
        out->kind = VAL_MISSING;
        return 0;
    }
    if (e->op == '+' && l->kind == VAL_STR && r->kind == VAL_STR) {
        size_t n = l->u.str.len + r->u.str.len;
        if (eval_text_fits(c, e->loc, n) < 0) {
            set_missing(out);
            return -1;
        }
        char *s = arena_alloc(c->a, n + 1);
        memcpy(s, l->u.str.s, l->u.str.len);
        memcpy(s + l->u.str.len, r->u.str.s, r->u.str.len);
        out->kind = VAL_STR;
        out->u.str.s = s;
        out->u.str.len = n;
        return 0;
    }
    double a, b;
    if (!value_as_num(l, &a) || !value_as_num(r, &b)) {
        const value *bad = value_as_num(l, &a) ? r : l;
        static const char *verbs[] = {['+'] = N_("add"),
                                      ['-'] = N_("subtract"),
                                      ['*'] = N_("multiply"),
                                      ['/'] = N_("divide")};
        eval_error(c, e->loc, "cannot %s %s%s", _(verbs[e->op]),
                   value_kind_name(bad->kind),
                   bad->kind == VAL_VIEW ? _("; use sum(…) or value(…) first")
                                         : "");
        set_missing(out);
        return -1;
    }
    out->kind = VAL_NUM;
    switch (e->op) {
    case '+':
        out->u.num = a + b;
        if (l->kind == VAL_YEAR && r->kind == VAL_NUM)
            out->kind = VAL_YEAR;
        else if (l->kind == VAL_NUM && r->kind == VAL_YEAR)
            out->kind = VAL_YEAR;
        break;
    case '-':
        out->u.num = a - b;
        if (l->kind == VAL_YEAR && r->kind == VAL_NUM)
            out->kind = VAL_YEAR;
        break;
    case '*':
        out->u.num = a * b;
        break;
    default:
        if (b == 0) {
            eval_error(c, e->loc, "division by zero");
            set_missing(out);
            return -1;
        }
        out->u.num = a / b;
    }
    if (out->kind == VAL_YEAR &&
        !(out->u.num >= 1 && out->u.num <= ERA_YEAR_MAX)) {
        eval_error(c, e->loc,
                   "year out of range: the result is no survey year (years "
                   "run from 1 to %d)",
                   ERA_YEAR_MAX);
        set_missing(out);
        return -1;
    }
    return 0;
}

/* In `where`, a string compared with a text column must be one of the
 * column's values: a misspelt category would otherwise match no row. */
static void remember_category(evalctx *c, const expr *lit)
{
    c->catok[c->ncatok % 16].lit = lit;
    c->catok[c->ncatok % 16].t = c->row_t;
    c->ncatok++;
}

static void check_category(const expr *name, const expr *lit, evalctx *c)
{
    if (!c->in_where || name->k != E_NAME || lit->k != E_STR)
        return;
    /* a literal found in the table once is found at every row (a text
     * column would otherwise be scanned whole at each row) */
    unsigned nok = c->ncatok < 16 ? c->ncatok : 16;
    for (unsigned i = 0; i < nok; i++)
        if (c->catok[i].lit == lit && c->catok[i].t == c->row_t)
            return;
    if (find_binding(c->vars, name->s) && table_col(c->row_t, name->s) < 0)
        return;
    int ci = table_col(c->row_t, name->s);
    if (ci < 0)
        return;
    const column *col = &c->row_t->cols[ci];
    if (col->type != COL_TEXT && col->type != COL_CATEGORY)
        return;
    const char **cands;
    size_t n = 0;
    if (col->type == COL_CATEGORY && col->ncategories) {
        for (size_t i = 0; i < col->ncategories; i++)
            if (strcmp(col->categories[i], lit->s) == 0) {
                remember_category(c, lit);
                return;
            }
        cands = xmalloc(col->ncategories * sizeof(char *));
        for (size_t i = 0; i < col->ncategories; i++)
            cands[n++] = col->categories[i];
    } else {
        for (size_t i = 0; i < c->row_t->nrows; i++)
            if (strcmp(col->cells[i].text, lit->s) == 0) {
                remember_category(c, lit);
                return;
            }
        cands = xmalloc((c->row_t->nrows + 1) * sizeof(char *));
        for (size_t i = 0; i < c->row_t->nrows; i++)
            cands[n++] = col->cells[i].text;
    }
    buf detail = BUF_INIT;
    buf_printf(&detail, _(": no row of table \"%s\" has it in column \"%s\""),
               c->row_t->name, name->s);
    eval_unknown(c, lit->loc, N_("value"), lit->s, buf_cstr(&detail), cands, n);
    buf_free(&detail);
    free(cands);
}

/* `list where cond`: cond is evaluated once per item.  A table row's
 * columns are bare names (as in a table query); a group's fields (key,
 * rows) and a computed row's columns are bound as variables; the item
 * itself is `it` (to reach it from inside a nested table query).  The result is
 * the list of items for which cond holds, in their order. */
static int eval_where_list(const expr *e, evalctx *c, const value *src,
                           value *out)
{
    size_t n = src->u.list.n;
    value *items = arena_alloc(c->a, (n ? n : 1) * sizeof(value));
    size_t k = 0;
    const table *save_t = c->row_t;
    size_t save_i = c->row_idx;
    int save_w = c->in_where;
    const binding *save_vars = c->vars;
    int before = c->errors;
    /* the item itself is always `it`: one binding, set at each item */
    binding *itb = arena_alloc(c->a, sizeof *itb);
    itb->name = "it";
    itb->next = (binding *)save_vars;
    for (size_t i = 0; i < n; i++) {
        if (eval_iteration(c, e->loc) < 0)
            break;
        const value *it = &src->u.list.items[i];
        itb->v = *it;
        c->vars = itb;
        c->in_where = 0;
        if (it->kind == VAL_ROW && it->u.row->idx >= 0) {
            c->row_t = it->u.row->t;
            c->row_idx = (size_t)it->u.row->idx;
            c->in_where = 1;
        } else if (it->kind == VAL_ROW || it->kind == VAL_REC) {
            size_t nb = it->kind == VAL_REC ? it->u.rec.n : it->u.row->t->ncols;
            binding *b = arena_alloc(c->a, (nb ? nb : 1) * sizeof *b);
            const binding *next = itb;
            for (size_t j = 0; j < nb; j++) {
                if (it->kind == VAL_REC) {
                    b[j].name = it->u.rec.names[j];
                    b[j].v = it->u.rec.vals[j];
                } else {
                    b[j].name = it->u.row->t->cols[j].name;
                    b[j].v = it->u.row->fields[j];
                }
                b[j].next = (binding *)next;
                next = &b[j];
            }
            c->vars = next;
        }
        value cv;
        if (expr_eval(e->b, c, &cv) < 0 || c->errors > before)
            break;
        if (value_truthy(&cv))
            items[k++] = *it;
    }
    c->row_t = save_t;
    c->row_idx = save_i;
    c->in_where = save_w;
    c->vars = save_vars;
    if (c->errors > before) {
        set_missing(out);
        return -1;
    }
    memset(out, 0, sizeof *out);
    out->kind = VAL_LIST;
    out->u.list.items = items;
    out->u.list.n = k;
    return 0;
}

/* One `where` of a chain applied to src.  in_place: src's rows were made
 * by the step before and nothing else holds them, so they are filtered
 * where they are (a chain of n clauses needs the rows once, not n
 * times). */
static int where_step(const expr *e, evalctx *c, const value *src, int in_place,
                      value *out)
{
    if (src->kind == VAL_LIST)
        return eval_where_list(e, c, src, out);
    if (src->kind != VAL_VIEW) {
        eval_error(c, e->loc,
                   "\"where\" needs a table or a list on its "
                   "left, got %s",
                   value_kind_name(src->kind));
        set_missing(out);
        return -1;
    }
    const view *sv = src->u.v;
    view *v = arena_alloc(c->a, sizeof *v);
    v->t = sv->t;
    v->rows = in_place
                  ? sv->rows
                  : arena_alloc(c->a, (sv->n ? sv->n : 1) * sizeof(size_t));
    v->desc = e->text;
    v->desc_base = e->chained ? sv : NULL;
    v->loc = e->loc;
    const table *save_t = c->row_t;
    size_t save_i = c->row_idx;
    int save_w = c->in_where;
    int before = c->errors;
    c->row_t = sv->t;
    c->in_where = 1;
    for (size_t i = 0; i < sv->n; i++) {
        size_t row = sv->rows[i]; /* read before v->rows[≤ i] is written */
        c->row_idx = row;
        value cv;
        if (eval_iteration(c, e->loc) < 0 || expr_eval(e->b, c, &cv) < 0 ||
            c->errors > before)
            break;
        if (value_truthy(&cv))
            v->rows[v->n++] = row;
    }
    c->row_t = save_t;
    c->row_idx = save_i;
    c->in_where = save_w;
    if (c->errors > before) {
        set_missing(out);
        return -1;
    }
    memset(out, 0, sizeof *out);
    out->kind = VAL_VIEW;
    out->u.v = v;
    return 0;
}

/* `t where a where b …` is parsed as ((t where a) where b): the chain is
 * walked down by a loop, its base evaluated once and the clauses applied
 * in order, so its length costs neither stack nor copies of the rows. */
static int eval_where(const expr *e, evalctx *c, value *out)
{
    size_t n = 0;
    const expr *base = e;
    for (; base->k == E_WHERE; base = base->a)
        n++;
    const expr **chain = arena_alloc(c->a, n * sizeof *chain);
    size_t k = n;
    for (const expr *w = e; w->k == E_WHERE; w = w->a)
        chain[--k] = w;
    value src;
    if (expr_eval(base, c, &src) < 0) {
        set_missing(out);
        return -1;
    }
    size_t before = src.kind == VAL_LIST   ? src.u.list.n
                    : src.kind == VAL_VIEW ? src.u.v->n
                                           : 0;
    for (size_t i = 0; i < n; i++) {
        value next;
        if (where_step(chain[i], c, &src, i > 0, &next) < 0) {
            set_missing(out);
            return -1;
        }
        src = next;
    }
    *out = src;
    size_t after = src.kind == VAL_LIST   ? src.u.list.n
                   : src.kind == VAL_VIEW ? src.u.v->n
                                          : 0;
    out->whole = before > 0 && after == before;
    return 0;
}

static int eval_member(const expr *e, evalctx *c, value *out)
{
    value o;
    if (expr_eval(e->a, c, &o) < 0)
        return -1;
    if (o.kind == VAL_ROW) {
        const rowval *r = o.u.row;
        int ci = table_col(r->t, e->s);
        if (ci < 0) {
            eval_unknown_column(c, e->loc, r->t, e->s);
            set_missing(out);
            return -1;
        }
        if (r->idx < 0)
            *out = r->fields[ci];
        else
            value_cell(r->t, (size_t)r->idx, (size_t)ci, out);
        return 0;
    }
    if (o.kind == VAL_REC) {
        for (size_t i = 0; i < o.u.rec.n; i++)
            if (strcmp(o.u.rec.names[i], e->s) == 0) {
                *out = o.u.rec.vals[i];
                return 0;
            }
        buf names = BUF_INIT;
        buf_puts(&names, " (it has ");
        for (size_t i = 0; i < o.u.rec.n; i++)
            buf_printf(&names, "%s.%s", i ? ", " : "", o.u.rec.names[i]);
        buf_puts(&names, ")");
        eval_unknown(c, e->loc, N_("field"), e->s, buf_cstr(&names),
                     o.u.rec.names, o.u.rec.n);
        buf_free(&names);
        set_missing(out);
        return -1;
    }
    eval_error(c, e->loc, "\".%s\" needs a row or a group, got %s", e->s,
               value_kind_name(o.kind));
    set_missing(out);
    return -1;
}

static int eval_in(const expr *e, evalctx *c, value *out)
{
    value l, r;
    if (expr_eval(e->a, c, &l) < 0 || expr_eval(e->b, c, &r) < 0)
        return -1;
    if (e->b->k == E_LIST)
        for (size_t i = 0; i < e->b->nargs; i++)
            check_category(e->a, e->b->args[i], c);
    memset(out, 0, sizeof *out);
    out->kind = VAL_BOOL;
    out->p = l.p;
    int found = 0;
    if (r.kind == VAL_LIST) {
        for (size_t i = 0; i < r.u.list.n && !found; i++) {
            int d;
            if (value_compare(c, e->loc, &l, &r.u.list.items[i], 0, &d) < 0)
                return -1;
            found = d == 0;
        }
    } else {
        eval_error(c, e->loc,
                   "\"in\" needs a list such as [\"a\", \"b\"], got %s",
                   value_kind_name(r.kind));
        return -1;
    }
    out->u.b = e->k == E_IN ? found : !found;
    return 0;
}

static int eval_node(const expr *e, evalctx *c, value *out)
{
    value l, r;
    memset(out, 0, sizeof *out);
    switch (e->k) {
    case E_NUM:
        out->kind = VAL_NUM;
        out->u.num = e->num;
        return 0;
    case E_STR:
        out->kind = VAL_STR;
        out->u.str.s = e->s;
        out->u.str.len = e->slen;
        return 0;
    case E_BOOL:
        out->kind = VAL_BOOL;
        out->u.b = e->num != 0;
        return 0;
    case E_NAME:
        return eval_name(e, c, out);
    case E_LIST: {
        value *items =
            arena_alloc(c->a, (e->nargs ? e->nargs : 1) * sizeof(value));
        for (size_t i = 0; i < e->nargs; i++)
            if (expr_eval(e->args[i], c, &items[i]) < 0)
                return -1;
        out->kind = VAL_LIST;
        out->u.list.items = items;
        out->u.list.n = e->nargs;
        return 0;
    }
    case E_NEG:
        if (expr_eval(e->a, c, &l) < 0)
            return -1;
        if (l.kind == VAL_MISSING) {
            *out = l;
            return 0;
        }
        if (l.kind != VAL_NUM) {
            eval_error(c, e->loc, "cannot negate %s", value_kind_name(l.kind));
            set_missing(out);
            return -1;
        }
        *out = l;
        out->u.num = l.u.num == 0 ? 0 : -l.u.num; /* -0 is 0, as read */
        return 0;
    case E_NOT:
        if (expr_eval(e->a, c, &l) < 0)
            return -1;
        out->kind = VAL_BOOL;
        out->p = l.p;
        out->u.b = !value_truthy(&l);
        return 0;
    case E_AND:
    case E_OR:
        if (expr_eval(e->a, c, &l) < 0)
            return -1;
        out->kind = VAL_BOOL;
        if ((e->k == E_AND) != value_truthy(&l)) {
            out->u.b = e->k == E_OR;
            out->p = l.p;
            return 0;
        }
        if (expr_eval(e->b, c, &r) < 0)
            return -1;
        out->u.b = value_truthy(&r);
        out->p = prov_weaker(l.p, r.p);
        return 0;
    case E_ARITH:
        if (expr_eval(e->a, c, &l) < 0 || expr_eval(e->b, c, &r) < 0)
            return -1;
        return eval_arith(e, c, &l, &r, out);
    case E_CMP: {
        if (expr_eval(e->a, c, &l) < 0 || expr_eval(e->b, c, &r) < 0)
            return -1;
        if (e->op == CMP_EQ || e->op == CMP_NE) {
            check_category(e->a, e->b, c);
            check_category(e->b, e->a, c);
        }
        out->kind = VAL_BOOL;
        out->p = prov_weaker(l.p, r.p);
        if (l.kind == VAL_MISSING || r.kind == VAL_MISSING) {
            out->u.b = e->op == CMP_NE;
            return 0;
        }
        int d;
        if (value_compare(c, e->loc, &l, &r, e->op != CMP_EQ && e->op != CMP_NE,
                          &d) < 0) {
            set_missing(out);
            return -1;
        }
        switch (e->op) {
        case CMP_EQ:
            out->u.b = d == 0;
            break;
        case CMP_NE:
            out->u.b = d != 0;
            break;
        case CMP_LT:
            out->u.b = d < 0;
            break;
        case CMP_LE:
            out->u.b = d <= 0;
            break;
        case CMP_GT:
            out->u.b = d > 0;
            break;
        default:
            out->u.b = d >= 0;
            break;
        }
        return 0;
    }
    case E_IN:
    case E_NOTIN:
        return eval_in(e, c, out);
    case E_MEMBER:
        return eval_member(e, c, out);
    case E_WHERE:
        return eval_where(e, c, out);
    case E_CALL: {
        value *args =
            arena_alloc(c->a, (e->nargs ? e->nargs : 1) * sizeof(value));
        for (size_t i = 0; i < e->nargs; i++)
            if (expr_eval(e->args[i], c, &args[i]) < 0) {
                set_missing(out);
                return -1;
            }
        srcloc *at = arena_alloc(c->a, (e->nargs ? e->nargs : 1) * sizeof *at);
        for (size_t i = 0; i < e->nargs; i++)
            at[i] = e->args[i]->loc;
        if (call_function(c, e->s, e->loc, at, args, e->nargs, out) < 0) {
            set_missing(out);
            return -1;
        }
        return 0;
    }
    }
    return -1;
}

/* The one guard against infinite and NaN numbers: every node's result
 * is checked here, once, so none reaches a comparison, text, a chart or
 * a file (the readers let none in; arithmetic, sums and function
 * results are where one could arise). */
int expr_eval(const expr *e, evalctx *c, value *out)
{
    if (eval_node(e, c, out) < 0)
        return -1;
    if (!value_finite(out)) {
        eval_error(c, e->loc,
                   "number out of range: the result of this calculation is "
                   "too large for a number (beyond about 1.8e308)");
        set_missing(out);
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* chart filters                                                      */

int expr_filter_rows(const expr *cond, const table *t, unsigned char *keep,
                     diag_list *d)
{
    evalctx c;
    memset(&c, 0, sizeof c);
    c.a = arena_new();
    c.d = d;
    c.row_t = t;
    c.in_where = 1;
    int rc = 0;
    for (size_t i = 0; i < t->nrows; i++) {
        c.row_idx = i;
        value v;
        if (expr_eval(cond, &c, &v) < 0 || c.errors) {
            rc = -1;
            break;
        }
        keep[i] = (unsigned char)value_truthy(&v);
    }
    if (rc < 0)
        memset(keep, 0, t->nrows);
    evalctx_done(&c);
    arena_free(c.a);
    return rc;
}
