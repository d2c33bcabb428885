/* expand: a compiled template (template_impl.h) expanded against the
 * data: the environment of tables and front matter, then the node tree to
 * Markdown with a line map and each line's provenance (template.h). */
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "template_impl.h"
#include "value.h"
#include "xalloc.h"

struct tmpl_env {
    const tableset *ts;
    arena *a;
    binding *meta; /* newest first */
};

tmpl_env *tmpl_env_new(const tableset *ts)
{
    tmpl_env *e = xcalloc(1, sizeof *e);
    e->ts = ts;
    e->a = arena_new();
    return e;
}

static binding *meta_bindings(arena *a, const template *t, binding *head)
{
    for (size_t i = 0; i < t->nmeta; i++) {
        binding *b = arena_alloc(a, sizeof *b);
        b->name = arena_strndup(a, t->meta[i].key, strlen(t->meta[i].key));
        b->v = value_from_meta(a, t->meta[i].value);
        b->next = head;
        head = b;
    }
    return head;
}

void tmpl_env_add_meta(tmpl_env *env, const template *t)
{
    env->meta = meta_bindings(env->a, t, env->meta);
}

void tmpl_env_free(tmpl_env *env)
{
    if (!env)
        return;
    arena_free(env->a);
    free(env);
}

/* ------------------------------------------------------------------ */
/* expansion                                                          */

typedef struct xstate {
    const template *t;
    evalctx c;
    buf out;
    srcloc *src;
    prov *pv;
    unsigned char *pm;
    size_t nl, cap;
    int bol;
    binding *lets;
    table_use *uses;
    size_t nuses, capuses;
    size_t *empty_off;
    srcloc *empty_at;
    unsigned char *empty_whole;
    size_t nempty, capempty;
} xstate;

/* An expression that wrote nothing, or a loop that ran no pass, here
 * (whole 0); the end of a loop over everything a filter kept (whole 1). */
static void note_spot(xstate *x, srcloc at, int whole)
{
    if (x->nempty == x->capempty) {
        x->capempty = x->capempty ? 2 * x->capempty : 16;
        x->empty_off =
            xrealloc(x->empty_off, x->capempty * sizeof *x->empty_off);
        x->empty_at = xrealloc(x->empty_at, x->capempty * sizeof *x->empty_at);
        x->empty_whole =
            xrealloc(x->empty_whole, x->capempty * sizeof *x->empty_whole);
    }
    x->empty_off[x->nempty] = x->out.len;
    x->empty_whole[x->nempty] = (unsigned char)whole;
    x->empty_at[x->nempty++] = at;
}

static void note_empty(xstate *x, srcloc at) { note_spot(x, at, 0); }

/* evalctx's on_table: each (table, line) once. */
static void note_table(void *ud, const table *t, srcloc at)
{
    xstate *x = ud;
    for (size_t i = x->nuses; i-- > 0;)
        if (x->uses[i].t == t && x->uses[i].line == at.line)
            return;
    x->uses = xgrow(x->uses, &x->capuses, x->nuses + 1, sizeof *x->uses);
    x->uses[x->nuses++] = (table_use){t, at.line};
}

static void new_line(xstate *x, int line)
{
    if (x->nl + 1 > x->cap) {
        size_t cap = x->cap;
        x->src = xgrow(x->src, &cap, x->nl + 1, sizeof(srcloc));
        x->pv = xrealloc(x->pv, cap * sizeof(prov));
        x->pm = xrealloc(x->pm, cap * sizeof *x->pm);
        x->cap = cap;
    }
    x->src[x->nl] = (srcloc){x->t->path, line, 1};
    x->pv[x->nl] = PROV_FINAL;
    x->pm[x->nl] = 0;
    x->nl++;
    x->bol = 0;
}

static void emit_text(xstate *x, const char *s, size_t n, int line)
{
    for (size_t i = 0; i < n; i++) {
        if (x->bol)
            new_line(x, line);
        buf_putc(&x->out, s[i]);
        if (s[i] == '\n') {
            x->bol = 1;
            line++;
        }
    }
}

static int ascii_punct(unsigned char c)
{
    return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) ||
           (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

static void emit_value(xstate *x, const node *n, const value *v,
                       const buf *text)
{
    if (x->bol)
        new_line(x, n->line);
    int escape = !n->in_fence && !v->raw;
    for (size_t i = 0; i < text->len; i++) {
        char c = text->data[i];
        if (c == '\n' || c == '\r')
            c = ' ';
        if (escape && ascii_punct((unsigned char)c))
            buf_putc(&x->out, '\\');
        buf_putc(&x->out, c);
    }
    if (value_is_figure(v)) {
        prov *lp = &x->pv[x->nl - 1];
        *lp = prov_weaker(*lp, v->p);
        if (v->p != PROV_FINAL)
            x->pm[x->nl - 1] |= (unsigned char)PROV_BIT(v->p);
        if (!v->bare)
            buf_puts(&x->out, prov_figure_mark(v->p));
    }
}

static void expand_list(xstate *x, const nodelist *l);

/* The bounds after each node: the output's size, the values' memory. */
static void check_bounds(xstate *x, const node *n)
{
    if (x->c.stopped)
        return;
    srcloc at = n->k == N_TEXT ? (srcloc){x->t->path, n->line, 1} : n->loc;
    if (x->out.len > TMPL_MAX_OUTPUT)
        eval_over_limit(&x->c, at, LIMIT_OUTPUT);
    else if (arena_bytes(x->c.a) > TMPL_MAX_MEMORY)
        eval_over_limit(&x->c, at, LIMIT_MEMORY);
}

static void expand_node(xstate *x, const node *n)
{
    value v;
    switch (n->k) {
    case N_TEXT:
        emit_text(x, x->t->text + n->start, n->end - n->start, n->line);
        break;
    case N_EXPR: {
        x->c.lets = x->lets;
        if (expr_eval(n->e, &x->c, &v) < 0)
            break;
        buf b = BUF_INIT;
        if (value_to_text(&x->c, &v, expr_loc(n->e), &b) == 0) {
            if (b.len == 0 && !n->in_fence)
                note_empty(x, expr_loc(n->e));
            emit_value(x, n, &v, &b);
        }
        buf_free(&b);
        break;
    }
    case N_LET: {
        x->c.lets = x->lets;
        int failed = expr_eval(n->e, &x->c, &v) < 0;
        /* lets are never taken back, so a name given again replaces its
         * value in place: a let inside a loop must not lengthen the list
         * every name is looked up in */
        binding *b = x->lets;
        while (b && strcmp(b->name, n->name) != 0)
            b = b->next;
        if (!b) {
            b = arena_alloc(x->c.a, sizeof *b);
            b->name = n->name;
            b->next = x->lets;
            x->lets = b;
        }
        b->v = v;
        b->failed = failed;
        break;
    }
    case N_IF:
        for (size_t i = 0; i < n->nbranch; i++) {
            if (n->conds[i]) {
                x->c.lets = x->lets;
                if (expr_eval(n->conds[i], &x->c, &v) < 0 || !value_truthy(&v))
                    continue;
            }
            expand_list(x, &n->bodies[i]);
            break;
        }
        break;
    case N_FOR: {
        x->c.lets = x->lets;
        if (expr_eval(n->e, &x->c, &v) < 0)
            break;
        size_t count;
        value *items;
        if (v.kind == VAL_VIEW) {
            count = v.u.v->n;
            items = arena_alloc(x->c.a, (count ? count : 1) * sizeof(value));
            for (size_t i = 0; i < count; i++) {
                items[i].kind = VAL_ROW;
                items[i].p = table_row_prov(v.u.v->t, v.u.v->rows[i]);
                rowval *r = arena_alloc(x->c.a, sizeof *r);
                r->t = v.u.v->t;
                r->idx = (long)v.u.v->rows[i];
                items[i].u.row = r;
            }
        } else if (v.kind == VAL_LIST) {
            count = v.u.list.n;
            items = v.u.list.items;
        } else {
            eval_error(&x->c, expr_loc(n->e),
                       "\"for\" needs a table or a list, got %s",
                       value_kind_name(v.kind));
            break;
        }
        if (count == 0 && !n->in_fence)
            note_empty(x, n->loc);
        static const char *loop_names[] = {"index", "first", "last"};
        const binding *save = x->c.vars;
        /* one record for the whole loop, updated at each pass: nested
         * loops must not grow the arena by a record per pass */
        value *lv = arena_alloc(x->c.a, 3 * sizeof(value));
        for (size_t i = 0; i < count; i++) {
            if (eval_iteration(&x->c, n->loc) < 0)
                break;
            binding item = {n->name, items[i], (binding *)save};
            lv[0].kind = VAL_NUM;
            lv[0].u.num = (double)(i + 1);
            lv[1].kind = VAL_BOOL;
            lv[1].u.b = i == 0;
            lv[2].kind = VAL_BOOL;
            lv[2].u.b = i + 1 == count;
            binding loop = {"loop", {0}, &item};
            loop.v.kind = VAL_REC;
            loop.v.u.rec.names = loop_names;
            loop.v.u.rec.vals = lv;
            loop.v.u.rec.n = 3;
            x->c.vars = &loop;
            expand_list(x, &n->body);
        }
        x->c.vars = save;
        if (v.whole && count > 0 && !n->in_fence)
            note_spot(x, n->loc, 1);
        break;
    }
    }
}

static void expand_list(xstate *x, const nodelist *l)
{
    for (size_t i = 0; i < l->n && !x->c.stopped; i++) {
        expand_node(x, &l->items[i]);
        check_bounds(x, &l->items[i]);
    }
}

int template_expand(const template *t, tmpl_env *env, expansion *out,
                    diag_list *d)
{
    xstate x;
    memset(&x, 0, sizeof x);
    x.t = t;
    x.bol = 1;
    x.c.a = arena_new();
    x.c.ts = env->ts;
    x.c.d = d;
    x.c.meta = meta_bindings(x.c.a, t, env->meta);
    x.c.on_table = note_table;
    x.c.on_table_ud = &x;
    expand_list(&x, &t->root);
    int errors = x.c.errors;
    evalctx_done(&x.c);
    arena_free(x.c.a);
    memset(out, 0, sizeof *out);
    if (errors) {
        buf_free(&x.out);
        free(x.src);
        free(x.pv);
        free(x.pm);
        free(x.uses);
        free(x.empty_off);
        free(x.empty_at);
        free(x.empty_whole);
        return -1;
    }
    out->len = x.out.len;
    out->text = x.out.len ? buf_detach(&x.out) : xstrdup("");
    out->nlines = x.nl;
    out->line_src = x.src;
    out->line_prov = x.pv;
    out->line_marks = x.pm;
    out->uses = x.uses;
    out->nuses = x.nuses;
    out->empty_off = x.empty_off;
    out->empty_at = x.empty_at;
    out->empty_whole = x.empty_whole;
    out->nempty = x.nempty;
    return 0;
}

void expansion_free(expansion *e)
{
    if (!e)
        return;
    free(e->text);
    free(e->line_src);
    free(e->line_prov);
    free(e->line_marks);
    free(e->uses);
    free(e->empty_off);
    free(e->empty_at);
    free(e->empty_whole);
    memset(e, 0, sizeof *e);
}
