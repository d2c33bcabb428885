/* value: the values of the template language: kinds, text, truth,
 * comparison, front matter values, table cells as values, survey years,
 * and the evaluation context's error list (see value.h). */
#include "value.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "era.h"
#include "format.h"
#include "i18n.h"
#include "num.h"
#include "xalloc.h"

const char *value_kind_name(val_kind k)
{
    switch (k) {
    case VAL_MISSING:
        return _("a missing value");
    case VAL_NUM:
        return _("a number");
    case VAL_STR:
        return _("text");
    case VAL_BOOL:
        return _("true/false");
    case VAL_YEAR:
        return _("a survey year");
    case VAL_DATE:
        return _("a date");
    case VAL_VIEW:
        return _("a table");
    case VAL_ROW:
        return _("a row");
    case VAL_LIST:
        return _("a list");
    case VAL_REC:
        return _("a group");
    }
    return _("a value");
}

int value_is_figure(const value *v)
{
    return v->kind == VAL_NUM || (v->kind == VAL_STR && v->numtext);
}

value value_from_meta(arena *a, const char *s)
{
    value v;
    memset(&v, 0, sizeof v);
    int n;
    if (era_parse_date(s, &n) == 0) {
        v.kind = VAL_DATE;
        v.u.num = n;
    } else if (era_parse_year(s, &n) == 0 && n >= 1868 && n <= 2200) {
        v.kind = VAL_YEAR;
        v.u.num = n;
    } else {
        v.kind = VAL_STR;
        v.u.str.len = strlen(s);
        v.u.str.s = arena_strndup(a, s, v.u.str.len);
    }
    return v;
}

int value_to_text(evalctx *c, const value *v, srcloc loc, buf *out)
{
    switch (v->kind) {
    case VAL_NUM:
        fmt_number(out, v->u.num, needed_decimals(v->u.num));
        return 0;
    case VAL_STR:
        buf_put(out, v->u.str.s, v->u.str.len);
        return 0;
    case VAL_BOOL:
        buf_puts(out, v->u.b ? "true" : "false");
        return 0;
    case VAL_YEAR:
        era_format_fiscal_year(out, (int)v->u.num);
        return 0;
    case VAL_DATE:
        era_format_date(out, (int)v->u.num);
        return 0;
    case VAL_LIST:
        for (size_t i = 0; i < v->u.list.n; i++) {
            if (i)
                buf_puts(out, "、");
            if (value_to_text(c, &v->u.list.items[i], loc, out) < 0)
                return -1;
        }
        return 0;
    case VAL_MISSING:
        eval_error(c, loc, "the value is missing (an empty cell in the data)");
        return -1;
    case VAL_VIEW:
        eval_error(c, loc,
                   "cannot write a whole table here; use sum(…), count(…) "
                   "or value(…)");
        return -1;
    case VAL_ROW:
        eval_error(c, loc,
                   "cannot write a whole row here; write one of its "
                   "columns, e.g. r.value");
        return -1;
    case VAL_REC:
        eval_error(c, loc, "cannot write a group here; use .key or .rows");
        return -1;
    }
    return -1;
}

/* ------------------------------------------------------------------ */
/* errors                                                             */

/* 1 when the message `line:col:msg` was already reported by this
 * context (loops evaluate the same expression many times); else remembers
 * it.  Counts the error either way. */
static int already_reported(evalctx *c, srcloc loc, const char *msg)
{
    buf m = BUF_INIT;
    buf_printf(&m, "%d:%d:%s", loc.line, loc.col, msg);
    c->errors++;
    for (size_t i = 0; i < c->nseen; i++)
        if (strcmp(c->seen[i], buf_cstr(&m)) == 0) {
            buf_free(&m);
            return 1;
        }
    c->seen = xgrow(c->seen, &c->capseen, c->nseen + 1, sizeof(char *));
    c->seen[c->nseen++] = buf_detach(&m);
    return 0;
}

void eval_error(evalctx *c, srcloc loc, const char *fmt, ...)
{
    buf m = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&m, _(fmt), ap);
    va_end(ap);
    if (!already_reported(c, loc, buf_cstr(&m)) && c->d)
        diag_at(c->d, DIAG_ERROR, loc, "%s", buf_cstr(&m));
    buf_free(&m);
}

void eval_unknown(evalctx *c, srcloc loc, const char *what, const char *name,
                  const char *detail, const char *const *cands, size_t n)
{
    buf m = BUF_INIT;
    buf_printf(&m, "unknown %s \"%s\"%s", what, name, detail ? detail : "");
    if (!already_reported(c, loc, buf_cstr(&m)) && c->d)
        diag_unknown(c->d, loc, what, name, detail, cands, n, NULL);
    buf_free(&m);
}

void eval_unknown_column(evalctx *c, srcloc loc, const table *t,
                         const char *name)
{
    const char **cands = table_col_names(t);
    buf detail = BUF_INIT;
    buf_printf(&detail, _(" in table \"%s\""), t->name);
    eval_unknown(c, loc, N_("column"), name, buf_cstr(&detail), cands,
                 t->ncols);
    buf_free(&detail);
    free(cands);
}

void evalctx_done(evalctx *c)
{
    for (size_t i = 0; i < c->nseen; i++)
        free(c->seen[i]);
    free(c->seen);
    c->seen = NULL;
    c->nseen = c->capseen = 0;
}

void value_set_num(value *out, double d, prov p)
{
    memset(out, 0, sizeof *out);
    out->kind = VAL_NUM;
    out->u.num = d;
    out->p = p;
}

value value_str(evalctx *c, const char *s, size_t len)
{
    value v;
    memset(&v, 0, sizeof v);
    v.kind = VAL_STR;
    v.u.str.s = arena_strndup(c->a, s, len);
    v.u.str.len = len;
    return v;
}

/* ---- truth and order ---- */

int value_as_num(const value *v, double *d)
{
    if (v->kind == VAL_NUM || v->kind == VAL_YEAR || v->kind == VAL_DATE) {
        *d = v->u.num;
        return 1;
    }
    return 0;
}

int value_finite(const value *v)
{
    switch (v->kind) {
    case VAL_NUM:
    case VAL_YEAR:
    case VAL_DATE:
        return isfinite(v->u.num) != 0;
    case VAL_LIST:
        for (size_t i = 0; i < v->u.list.n; i++)
            if (!value_finite(&v->u.list.items[i]))
                return 0;
        return 1;
    case VAL_REC:
        for (size_t i = 0; i < v->u.rec.n; i++)
            if (!value_finite(&v->u.rec.vals[i]))
                return 0;
        return 1;
    case VAL_ROW:
        if (v->u.row->idx < 0)
            for (size_t i = 0; i < v->u.row->t->ncols; i++)
                if (!value_finite(&v->u.row->fields[i]))
                    return 0;
        return 1;
    default:
        return 1;
    }
}

int value_truthy(const value *v)
{
    switch (v->kind) {
    case VAL_MISSING:
        return 0;
    case VAL_BOOL:
        return v->u.b;
    case VAL_NUM:
        return v->u.num != 0;
    case VAL_STR:
        return v->u.str.len > 0;
    case VAL_VIEW:
        return v->u.v->n > 0;
    case VAL_LIST:
        return v->u.list.n > 0;
    default:
        return 1;
    }
}

/* Sets *order to -1, 0 or 1 and returns 0; -1 after an error when the
 * two cannot be compared. */
int value_compare(evalctx *c, srcloc loc, const value *l, const value *r,
                  int ordering, int *order)
{
    value a = *l, b = *r;
    int n;
    /* "R6" against a year, "2025-06-30" against a date */
    for (int k = 0; k < 2; k++) {
        value *x = k ? &b : &a, *y = k ? &a : &b;
        if (x->kind == VAL_STR &&
            (y->kind == VAL_YEAR || y->kind == VAL_DATE)) {
            char *s = arena_strndup(c->a, x->u.str.s, x->u.str.len);
            int ok = y->kind == VAL_YEAR ? era_parse_year(s, &n)
                                         : era_parse_date(s, &n);
            if (ok == 0) {
                x->kind = y->kind;
                x->u.num = n;
            }
        }
    }
    double da, db;
    if (value_as_num(&a, &da) && value_as_num(&b, &db)) {
        *order = da < db ? -1 : da > db ? 1 : 0;
        return 0;
    }
    if (a.kind == VAL_STR && b.kind == VAL_STR) {
        size_t m = a.u.str.len < b.u.str.len ? a.u.str.len : b.u.str.len;
        int d = memcmp(a.u.str.s, b.u.str.s, m);
        if (d)
            *order = d < 0 ? -1 : 1;
        else
            *order = a.u.str.len < b.u.str.len ? -1 : a.u.str.len > b.u.str.len;
        return 0;
    }
    if (a.kind == VAL_BOOL && b.kind == VAL_BOOL && !ordering) {
        *order = a.u.b != b.u.b;
        return 0;
    }
    eval_error(c, loc, "cannot compare %s with %s", value_kind_name(a.kind),
               value_kind_name(b.kind));
    return -1;
}

/* ---- table cells and survey years ---- */

prov value_row_prov(const table *t, size_t row)
{
    return table_row_prov(t, row);
}

prov value_view_col_prov(const view *v, size_t col)
{
    prov p = PROV_FINAL;
    for (size_t i = 0; i < v->n; i++)
        p = prov_weaker(p, table_cell_prov(v->t, v->rows[i], col));
    return p;
}

prov value_view_prov(const view *v)
{
    prov p = PROV_FINAL;
    for (size_t i = 0; i < v->n; i++)
        p = prov_weaker(p, value_row_prov(v->t, v->rows[i]));
    return p;
}

void value_cell(const table *t, size_t row, size_t col, value *out)
{
    const cell *x = &t->cols[col].cells[row];
    memset(out, 0, sizeof *out);
    out->p = table_cell_prov(t, row, col);
    if (x->missing) {
        out->kind = VAL_MISSING;
        return;
    }
    switch (t->cols[col].type) {
    case COL_INTEGER:
    case COL_DECIMAL:
        out->kind = VAL_NUM;
        out->u.num = x->num;
        break;
    case COL_YEAR:
        out->kind = VAL_YEAR;
        out->u.num = x->num;
        break;
    case COL_DATE:
        out->kind = VAL_DATE;
        out->u.num = x->num;
        break;
    default:
        out->kind = VAL_STR;
        out->u.str.s = x->text;
        out->u.str.len = strlen(x->text);
    }
}

/* distinct years of the given rows, ascending; returns the count */
size_t value_distinct_years(const table *t, const size_t *rows, size_t n,
                            double *out)
{
    size_t k = 0;
    const column *yc = &t->cols[t->year_col];
    double last = 0;
    int have_last = 0;
    for (size_t i = 0; i < n; i++) {
        const cell *x = &yc->cells[rows ? rows[i] : i];
        if (x->missing)
            continue;
        if (have_last && x->num == last)
            continue; /* rows of one year usually follow each other */
        last = x->num;
        have_last = 1;
        size_t j = 0, hi = k;
        while (j < hi) {
            size_t mid = (j + hi) / 2;
            if (out[mid] < x->num)
                j = mid + 1;
            else
                hi = mid;
        }
        if (j < k && out[j] == x->num)
            continue;
        memmove(out + j + 1, out + j, (k - j) * sizeof(double));
        out[j] = x->num;
        k++;
    }
    return k;
}

/* 1 when rows[0..n) is the whole table in order: its years were
 * collected at load. */
int value_whole_table(const table *t, const size_t *rows, size_t n)
{
    return n == t->nrows && t->years && (rows == NULL || rows == t->all_rows);
}

int value_years_of(evalctx *c, const table *t, const size_t *rows, size_t n,
                   int which, srcloc loc, const char *what, value *out)
{
    memset(out, 0, sizeof *out);
    if (t->year_col >= 0 && value_whole_table(t, rows, n) &&
        t->nyears > (size_t)which) {
        out->kind = VAL_YEAR;
        out->u.num = t->years[t->nyears - 1 - (size_t)which];
        return 0;
    }
    if (t->year_col < 0) {
        eval_error(c, loc, "table \"%s\" has no survey year column", t->name);
        out->kind = VAL_MISSING;
        return -1;
    }
    double *ys = xmalloc((n + 1) * sizeof(double));
    size_t k = value_distinct_years(t, rows, n, ys);
    if (k <= (size_t)which) {
        if (k == 0)
            eval_error(c, loc, "%s: no survey years in %s", what, t->name);
        else
            eval_error(c, loc, "%s needs two survey years, but %s has only one",
                       what, t->name);
        free(ys);
        out->kind = VAL_MISSING;
        return -1;
    }
    out->kind = VAL_YEAR;
    out->u.num = ys[k - 1 - (size_t)which];
    free(ys);
    return 0;
}

int value_table_year(evalctx *c, const table *t, int which, srcloc loc,
                     value *out)
{
    /* the table's own year list: this runs once per row in a filter */
    if (t->year_col >= 0 && t->years && t->nyears > (size_t)which) {
        memset(out, 0, sizeof *out);
        out->kind = VAL_YEAR;
        out->u.num = t->years[t->nyears - 1 - (size_t)which];
        return 0;
    }
    return value_years_of(c, t, NULL, t->nrows, which, loc,
                          which ? "previous" : "latest", out);
}

const char *value_view_desc(evalctx *c, const view *v)
{
    if (!v->desc)
        return v->t->name;
    if (!v->desc_base)
        return v->desc;
    size_t len = 0;
    for (const view *w = v; w; w = w->desc_base)
        len += strlen(w->desc ? w->desc : "");
    char *s = arena_alloc(c->a, len + 1);
    size_t at = len;
    for (const view *w = v; w; w = w->desc_base) {
        size_t n = strlen(w->desc ? w->desc : "");
        at -= n;
        memcpy(s + at, w->desc ? w->desc : "", n);
    }
    s[len] = '\0';
    return s;
}

/* ------------------------------------------------------------------ */
/* bounds                                                             */

static const struct {
    unsigned long max;
    const char *what; /* "… more than MAX …" */
    const char *hint;
} LIMITS[] = {
    [LIMIT_ITERATIONS] = {TMPL_MAX_ITERATIONS,
                          N_("too much work: the loops and \"where\" clauses "
                             "of this template went through more than %s rows "
                             "and items"),
                          N_("a loop inside a loop multiplies its rows: filter "
                             "with \"where\" before looping, or compute the "
                             "figure once with sum(), count() or totals()")},
    [LIMIT_TEXT] = {TMPL_MAX_TEXT,
                    N_("text too long: this would make a text of more than %s "
                       "bytes"),
                    N_("a text joined to itself in a loop doubles each time: "
                       "write the pieces where they are needed instead")},
    [LIMIT_OUTPUT] = {TMPL_MAX_OUTPUT,
                      N_("this template expands to more than %s bytes of text"),
                      N_("no slide can show that much: check what the loops "
                         "around this line go through")},
    [LIMIT_MEMORY] = {TMPL_MAX_MEMORY,
                      N_("expanding this template needs more than %s bytes "
                         "of memory"),
                      N_("a loop keeps every value it makes until the end of "
                         "the template: filter the rows before looping, or "
                         "compute the figure once with sum(), count() or "
                         "totals()")},
};

void eval_over_limit(evalctx *c, srcloc loc, eval_limit which)
{
    c->errors++;
    if (c->stopped)
        return;
    c->stopped = 1;
    buf n = BUF_INIT;
    fmt_number(&n, (double)LIMITS[which].max, 0);
    if (c->d) {
        diag_at(c->d, DIAG_ERROR, loc, LIMITS[which].what, buf_cstr(&n));
        diag_hint(c->d, "%s", _(LIMITS[which].hint));
    }
    buf_free(&n);
}

int eval_iteration(evalctx *c, srcloc loc)
{
    if (c->stopped)
        return -1;
    if (++c->iterations > TMPL_MAX_ITERATIONS) {
        eval_over_limit(c, loc, LIMIT_ITERATIONS);
        return -1;
    }
    if (arena_bytes(c->a) > TMPL_MAX_MEMORY) {
        eval_over_limit(c, loc, LIMIT_MEMORY);
        return -1;
    }
    return 0;
}

int eval_text_fits(evalctx *c, srcloc loc, size_t len)
{
    if (c->stopped)
        return -1;
    if (len > TMPL_MAX_TEXT) {
        eval_over_limit(c, loc, LIMIT_TEXT);
        return -1;
    }
    return 0;
}
