/* funcs: the functions of the template language over tables and values
 * (sum, count, share, top, groups, totals, …), and their table.  The
 * reference is docs/templates.md; the signature and the argument checks
 * are args.h.  To add a function: write it here and add its row. */
#include "funcs.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "num.h"
#include "xalloc.h"

static void no_rows(evalctx *c, srcloc loc, const view *v)
{
    eval_error(c, loc, "no rows match %s", value_view_desc(c, v));
}

/* sum of column ci over v; 0 with an error when v is empty */
static int view_sum(evalctx *c, srcloc loc, const view *v, int ci, value *out)
{
    if (v->n == 0) {
        no_rows(c, loc, v);
        return -1;
    }
    double s = 0;
    size_t have = 0;
    const column *col = &v->t->cols[ci];
    for (size_t i = 0; i < v->n; i++)
        if (!col->cells[v->rows[i]].missing) {
            s += col->cells[v->rows[i]].num;
            have++;
        }
    value_set_num(out, s, value_view_col_prov(v, (size_t)ci));
    if (!have)
        out->kind = VAL_MISSING;
    return 0;
}

/* a number, or a table summed over "value" */
static int num_or_sum(evalctx *c, const char *f, srcloc loc, const srcloc *ae,
                      value *a, size_t n, size_t i, value *out)
{
    if (a[i].kind == VAL_NUM || a[i].kind == VAL_MISSING) {
        *out = a[i];
        return 0;
    }
    if (a[i].kind == VAL_VIEW) {
        int ci;
        if (arg_col(c, f, loc, ae, a, n, n, a[i].u.v, 0, &ci) < 0)
            return -1;
        return view_sum(c, loc, a[i].u.v, ci, out);
    }
    eval_error(c, arg_at(ae, i, n, loc),
               "%s() needs a number or a table as argument %zu, got %s", f,
               i + 1, value_kind_name(a[i].kind));
    return -1;
}

static value mk_row(evalctx *c, const table *t, size_t idx)
{
    value v;
    memset(&v, 0, sizeof v);
    v.kind = VAL_ROW;
    v.p = value_row_prov(t, idx);
    rowval *r = arena_alloc(c->a, sizeof *r);
    r->t = t;
    r->idx = (long)idx;
    v.u.row = r;
    return v;
}

static view *new_view(evalctx *c, const view *from, size_t cap)
{
    view *v = arena_alloc(c->a, sizeof *v);
    v->t = from->t;
    v->desc = from->desc;
    v->desc_base = from->desc_base;
    v->loc = from->loc;
    v->rows = arena_alloc(c->a, (cap ? cap : 1) * sizeof(size_t));
    return v;
}

/* rows of v sorted by column ci, largest first (stable; missing last) */
static size_t *sorted_rows(evalctx *c, const view *v, int ci)
{
    size_t *r = arena_alloc(c->a, (v->n ? v->n : 1) * sizeof(size_t));
    const column *col = &v->t->cols[ci];
    for (size_t i = 0; i < v->n; i++) {
        size_t x = v->rows[i], j = i;
        const cell *cx = &col->cells[x];
        while (j > 0) {
            const cell *cp = &col->cells[r[j - 1]];
            int before = !cx->missing && (cp->missing || cx->num > cp->num);
            if (!before)
                break;
            r[j] = r[j - 1];
            j--;
        }
        r[j] = x;
    }
    return r;
}

/* ---- the functions ---- */

static int f_sum(evalctx *c, const char *f, srcloc loc, const srcloc *ae,
                 value *a, size_t n, value *out)
{
    const view *v;
    int ci;
    if (arg_view(c, f, loc, ae, a, n, 0, &v) < 0 ||
        arg_col(c, f, loc, ae, a, n, 1, v, 0, &ci) < 0)
        return -1;
    return view_sum(c, loc, v, ci, out);
}

static int f_count(evalctx *c, const char *f, srcloc loc, const srcloc *ae,
                   value *a, size_t n, value *out)
{
    if (a[0].kind == VAL_LIST) {
        value_set_num(out, (double)a[0].u.list.n, PROV_FINAL);
        return 0;
    }
    const view *v;
    if (arg_view(c, f, loc, ae, a, n, 0, &v) < 0)
        return -1;
    value_set_num(out, (double)v->n, value_view_prov(v));
    return 0;
}

static int f_mean(evalctx *c, const char *f, srcloc loc, const srcloc *ae,
                  value *a, size_t n, value *out)
{
    const view *v;
    int ci;
    if (arg_view(c, f, loc, ae, a, n, 0, &v) < 0 ||
        arg_col(c, f, loc, ae, a, n, 1, v, 0, &ci) < 0)
        return -1;
    if (view_sum(c, loc, v, ci, out) < 0)
        return -1;
    size_t have = 0;
    for (size_t i = 0; i < v->n; i++)
        have += !v->t->cols[ci].cells[v->rows[i]].missing;
    if (have)
        out->u.num /= (double)have;
    return 0;
}

static int f_minmax(evalctx *c, const char *f, srcloc loc, const srcloc *ae,
                    value *a, size_t n, value *out)
{
    int want_max = strcmp(f, "max") == 0;
    if (a[0].kind != VAL_VIEW) {
        /* min(a, b, …) over numbers */
        value best = a[0];
        for (size_t i = 0; i < n; i++) {
            double d;
            if (arg_num(c, f, loc, ae, a, n, i, &d) < 0)
                return -1;
            if (i && (want_max ? d > best.u.num : d < best.u.num))
                best = a[i];
        }
        prov p = PROV_FINAL;
        for (size_t i = 0; i < n; i++)
            p = prov_weaker(p, a[i].p);
        *out = best;
        out->p = p;
        return 0;
    }
    const view *v = a[0].u.v;
    int ci;
    if (arg_col(c, f, loc, ae, a, n, 1, v, 1, &ci) < 0)
        return -1;
    const column *col = &v->t->cols[ci];
    if (!arg_is_numeric_col(col) && col->type != COL_YEAR &&
        col->type != COL_DATE) {
        eval_error(c, arg_at(ae, 1, n, loc),
                   "%s() needs a column of numbers, years or dates", f);
        return -1;
    }
    if (v->n == 0) {
        no_rows(c, loc, v);
        return -1;
    }
    int found = 0;
    for (size_t i = 0; i < v->n; i++) {
        value x;
        value_cell(v->t, v->rows[i], (size_t)ci, &x);
        if (x.kind == VAL_MISSING)
            continue;
        if (!found || (want_max ? x.u.num > out->u.num : x.u.num < out->u.num))
            *out = x;
        found = 1;
    }
    if (!found)
        memset(out, 0, sizeof *out);
    out->p = value_view_col_prov(v, (size_t)ci);
    return 0;
}

static int f_share(evalctx *c, const char *f, srcloc loc, const srcloc *ae,
                   value *a, size_t n, value *out)
{
    value x, y;
    if (num_or_sum(c, f, loc, ae, a, n, 0, &x) < 0 ||
        num_or_sum(c, f, loc, ae, a, n, 1, &y) < 0)
        return -1;
    prov p = prov_weaker(x.p, y.p);
    if (x.kind == VAL_MISSING || y.kind == VAL_MISSING) {
        memset(out, 0, sizeof *out);
        out->p = p;
        return 0;
    }
    if (strcmp(f, "diff") == 0) {
        value_set_num(out, x.u.num - y.u.num, p);
        return 0;
    }
    if (y.u.num == 0) {
        eval_error(c, loc,
                   "division by zero: the second argument of %s() "
                   "is 0",
                   f);
        return -1;
    }
    value_set_num(out, x.u.num / y.u.num, p);
    return 0;
}

static int f_value(evalctx *c, const char *f, srcloc loc, const srcloc *ae,
                   value *a, size_t n, value *out)
{
    const view *v;
    int ci;
    if (arg_view(c, f, loc, ae, a, n, 0, &v) < 0 ||
        arg_col(c, f, loc, ae, a, n, 1, v, 1, &ci) < 0)
        return -1;
    if (v->n == 0) {
        no_rows(c, loc, v);
        return -1;
    }
    if (v->n > 1) {
        eval_error(c, loc,
                   "value() needs exactly one row, but %zu rows match %s; "
                   "add conditions with \"where\" or use sum()",
                   v->n, value_view_desc(c, v));
        return -1;
    }
    value_cell(v->t, v->rows[0], (size_t)ci, out);
    return 0;
}

static int f_rank(evalctx *c, const char *f, srcloc loc, const srcloc *ae,
                  value *a, size_t n, value *out)
{
    const view *v;
    int ci;
    if (arg_view(c, f, loc, ae, a, n, 0, &v) < 0 ||
        arg_col(c, f, loc, ae, a, n, 1, v, 0, &ci) < 0)
        return -1;
    view *s = new_view(c, v, 0);
    s->rows = sorted_rows(c, v, ci);
    s->n = v->n;
    memset(out, 0, sizeof *out);
    out->kind = VAL_VIEW;
    out->u.v = s;
    return 0;
}

static int f_top(evalctx *c, const char *f, srcloc loc, const srcloc *ae,
                 value *a, size_t n, value *out)
{
    const view *v;
    int ci;
    double k;
    if (arg_view(c, f, loc, ae, a, n, 0, &v) < 0 ||
        arg_num(c, f, loc, ae, a, n, 1, &k) < 0 ||
        arg_col(c, f, loc, ae, a, n, 2, v, 0, &ci) < 0)
        return -1;
    if (k < 0 || k != floor(k)) {
        eval_error(c, arg_at(ae, 1, n, loc),
                   "top(): the number of rows must be a whole number");
        return -1;
    }
    size_t *r = sorted_rows(c, v, ci);
    size_t keep = k < (double)v->n ? (size_t)k : v->n;
    size_t rest = v->n - keep;
    value *items = arena_alloc(c->a, (keep + 1) * sizeof(value));
    for (size_t i = 0; i < keep; i++)
        items[i] = mk_row(c, v->t, r[i]);
    if (rest) {
        const table *t = v->t;
        rowval *rv = arena_alloc(c->a, sizeof *rv);
        rv->t = t;
        rv->idx = -1;
        rv->fields =
            arena_alloc(c->a, (t->ncols ? t->ncols : 1) * sizeof(value));
        prov p = PROV_FINAL;
        for (size_t i = keep; i < v->n; i++)
            p = prov_weaker(p, value_row_prov(t, r[i]));
        for (size_t j = 0; j < t->ncols; j++) {
            const column *col = &t->cols[j];
            value *fv = &rv->fields[j];
            if (arg_is_numeric_col(col)) {
                double s = 0;
                size_t have = 0;
                for (size_t i = keep; i < v->n; i++)
                    if (!col->cells[r[i]].missing) {
                        s += col->cells[r[i]].num;
                        have++;
                    }
                value_set_num(fv, s, p);
                if (!have)
                    fv->kind = VAL_MISSING;
                continue;
            }
            int same = 1;
            for (size_t i = 1; i < v->n && same; i++)
                same =
                    strcmp(col->cells[r[i]].text, col->cells[r[0]].text) == 0;
            if (same) {
                value_cell(t, r[keep], j, fv);
            } else if (col->type == COL_TEXT || col->type == COL_CATEGORY) {
                *fv = value_str(c, "その他", strlen("その他"));
            } else {
                memset(fv, 0, sizeof *fv);
            }
            fv->p = p;
        }
        value *o = &items[keep];
        memset(o, 0, sizeof *o);
        o->kind = VAL_ROW;
        o->p = p;
        o->u.row = rv;
    }
    memset(out, 0, sizeof *out);
    out->kind = VAL_LIST;
    out->u.list.items = items;
    out->u.list.n = keep + (rest ? 1 : 0);
    return 0;
}

static int f_largest(evalctx *c, const char *f, srcloc loc, const srcloc *ae,
                     value *a, size_t n, value *out)
{
    const view *v;
    int ci;
    if (arg_view(c, f, loc, ae, a, n, 0, &v) < 0 ||
        arg_col(c, f, loc, ae, a, n, 1, v, 0, &ci) < 0)
        return -1;
    if (v->n == 0) {
        no_rows(c, loc, v);
        return -1;
    }
    int want_max = strcmp(f, "largest") == 0;
    const column *col = &v->t->cols[ci];
    long best = -1;
    for (size_t i = 0; i < v->n; i++) {
        const cell *x = &col->cells[v->rows[i]];
        if (x->missing)
            continue;
        if (best < 0 || (want_max ? x->num > col->cells[best].num
                                  : x->num < col->cells[best].num))
            best = (long)v->rows[i];
    }
    if (best < 0) {
        eval_error(c, loc, "%s(): every \"%s\" is missing in %s", f, col->name,
                   value_view_desc(c, v));
        return -1;
    }
    *out = mk_row(c, v->t, (size_t)best);
    return 0;
}

static int f_rows(evalctx *c, const char *f, srcloc loc, const srcloc *ae,
                  value *a, size_t n, value *out)
{
    const view *v;
    if (arg_view(c, f, loc, ae, a, n, 0, &v) < 0)
        return -1;
    value *items = arena_alloc(c->a, (v->n ? v->n : 1) * sizeof(value));
    for (size_t i = 0; i < v->n; i++)
        items[i] = mk_row(c, v->t, v->rows[i]);
    memset(out, 0, sizeof *out);
    out->kind = VAL_LIST;
    out->u.list.items = items;
    out->u.list.n = v->n;
    return 0;
}

static int f_firstlast(evalctx *c, const char *f, srcloc loc, const srcloc *ae,
                       value *a, size_t n, value *out)
{
    int last = strcmp(f, "last") == 0;
    if (a[0].kind == VAL_LIST) {
        if (a[0].u.list.n == 0) {
            eval_error(c, loc, "%s(): the list is empty", f);
            return -1;
        }
        *out = a[0].u.list.items[last ? a[0].u.list.n - 1 : 0];
        return 0;
    }
    const view *v;
    if (arg_view(c, f, loc, ae, a, n, 0, &v) < 0)
        return -1;
    if (v->n == 0) {
        no_rows(c, loc, v);
        return -1;
    }
    *out = mk_row(c, v->t, v->rows[last ? v->n - 1 : 0]);
    return 0;
}

static int f_groups(evalctx *c, const char *f, srcloc loc, const srcloc *ae,
                    value *a, size_t n, value *out)
{
    const view *v;
    int ci;
    if (arg_view(c, f, loc, ae, a, n, 0, &v) < 0 ||
        arg_col(c, f, loc, ae, a, n, 1, v, 1, &ci) < 0)
        return -1;
    const column *col = &v->t->cols[ci];
    int by_num = col->type == COL_CATEGORY || col->type == COL_YEAR ||
                 col->type == COL_DATE || arg_is_numeric_col(col);
    /* distinct keys: first row index of each */
    size_t *first = xmalloc((v->n + 1) * sizeof(size_t));
    size_t k = 0;
    for (size_t i = 0; i < v->n; i++) {
        const cell *x = &col->cells[v->rows[i]];
        size_t j;
        for (j = 0; j < k; j++)
            if (strcmp(col->cells[first[j]].text, x->text) == 0)
                break;
        if (j < k)
            continue;
        j = k;
        if (by_num && !x->missing)
            while (j > 0 && (col->cells[first[j - 1]].missing ||
                             col->cells[first[j - 1]].num > x->num))
                j--;
        memmove(first + j + 1, first + j, (k - j) * sizeof(size_t));
        first[j] = v->rows[i];
        k++;
    }
    value *items = arena_alloc(c->a, (k ? k : 1) * sizeof(value));
    static const char *names[] = {"key", "rows"};
    for (size_t g = 0; g < k; g++) {
        const char *key = col->cells[first[g]].text;
        view *gv = new_view(c, v, v->n);
        for (size_t i = 0; i < v->n; i++)
            if (strcmp(col->cells[v->rows[i]].text, key) == 0)
                gv->rows[gv->n++] = v->rows[i];
        value *vals = arena_alloc(c->a, 2 * sizeof(value));
        value_cell(v->t, first[g], (size_t)ci, &vals[0]);
        vals[1].kind = VAL_VIEW;
        vals[1].u.v = gv;
        vals[1].p = value_view_prov(gv);
        items[g].kind = VAL_REC;
        items[g].p = vals[1].p;
        items[g].u.rec.names = names;
        items[g].u.rec.vals = vals;
        items[g].u.rec.n = 2;
    }
    free(first);
    memset(out, 0, sizeof *out);
    out->kind = VAL_LIST;
    out->u.list.items = items;
    out->u.list.n = k;
    return 0;
}

static int f_years(evalctx *c, const char *f, srcloc loc, const srcloc *ae,
                   value *a, size_t n, value *out)
{
    const view *v;
    if (arg_view(c, f, loc, ae, a, n, 0, &v) < 0)
        return -1;
    if (strcmp(f, "years") != 0)
        return value_years_of(c, v->t, v->rows, v->n,
                              strcmp(f, "previous_year") == 0, loc, f, out);
    if (v->t->year_col < 0) {
        eval_error(c, loc, "table \"%s\" has no survey year column",
                   v->t->name);
        return -1;
    }
    double *ys = xmalloc((v->n + 1) * sizeof(double));
    size_t k;
    if (value_whole_table(v->t, v->rows, v->n)) {
        k = v->t->nyears;
        memcpy(ys, v->t->years, k * sizeof(double));
    } else {
        k = value_distinct_years(v->t, v->rows, v->n, ys);
    }
    value *items = arena_alloc(c->a, (k ? k : 1) * sizeof(value));
    for (size_t i = 0; i < k; i++) {
        items[i].kind = VAL_YEAR;
        items[i].u.num = ys[i];
    }
    free(ys);
    memset(out, 0, sizeof *out);
    out->kind = VAL_LIST;
    out->u.list.items = items;
    out->u.list.n = k;
    return 0;
}

static int f_round(evalctx *c, const char *f, srcloc loc, const srcloc *ae,
                   value *a, size_t n, value *out)
{
    double d;
    int dec;
    if (a[0].kind == VAL_MISSING) {
        *out = a[0];
        return 0;
    }
    if (arg_num(c, f, loc, ae, a, n, 0, &d) < 0)
        return -1;
    if (strcmp(f, "abs") == 0) {
        *out = a[0];
        out->u.num = fabs(d);
        return 0;
    }
    if (arg_decimals(c, f, loc, ae, a, n, 1, 0, &dec) < 0)
        return -1;
    /* half away from zero, as buf_num prints (num.h) */
    double m = pow(10, dec);
    *out = a[0];
    /* from 2^52 on every double is whole: nothing to round (and d * m
     * could overflow) */
    out->u.num = fabs(d) >= NUM_ALL_WHOLE ? d : num_round_half_away(d * m) / m;
    return 0;
}

static int f_join(evalctx *c, const char *f, srcloc loc, const srcloc *ae,
                  value *a, size_t n, value *out)
{
    if (a[0].kind != VAL_LIST) {
        eval_error(c, arg_at(ae, 0, n, loc), "%s() needs a list, got %s", f,
                   value_kind_name(a[0].kind));
        return -1;
    }
    const char *sep = "、";
    size_t seplen = strlen(sep);
    if (n > 1) {
        if (a[1].kind != VAL_STR) {
            eval_error(c, arg_at(ae, 1, n, loc),
                       "join() needs a separator in quotes as argument 2");
            return -1;
        }
        sep = a[1].u.str.s;
        seplen = a[1].u.str.len;
    }
    buf b = BUF_INIT;
    prov p = PROV_FINAL;
    int fig = 0;
    for (size_t i = 0; i < a[0].u.list.n; i++) {
        const value *x = &a[0].u.list.items[i];
        if (i)
            buf_put(&b, sep, seplen);
        if (value_to_text(c, x, loc, &b) < 0 ||
            eval_text_fits(c, loc, b.len) < 0) {
            buf_free(&b);
            return -1;
        }
        p = prov_weaker(p, x->p);
        fig |= value_is_figure(x);
    }
    *out = value_str(c, buf_cstr(&b), b.len);
    out->p = p;
    out->numtext = (unsigned char)fig;
    buf_free(&b);
    return 0;
}

/* sort(table[, "column"]): the rows in ascending order of the column
 * (numbers, years, dates, categories in declared order, text by bytes);
 * stable, missing cells last. */
static int cell_before(const column *col, size_t x, size_t y)
{
    const cell *cx = &col->cells[x], *cy = &col->cells[y];
    if (cx->missing || cy->missing)
        return !cx->missing && cy->missing;
    if (col->type == COL_TEXT)
        return strcmp(cx->text, cy->text) < 0;
    return cx->num < cy->num;
}

static int f_sort(evalctx *c, const char *f, srcloc loc, const srcloc *ae,
                  value *a, size_t n, value *out)
{
    const view *v;
    int ci;
    if (arg_view(c, f, loc, ae, a, n, 0, &v) < 0 ||
        arg_col(c, f, loc, ae, a, n, 1, v, 1, &ci) < 0)
        return -1;
    view *s = new_view(c, v, v->n);
    const column *col = &v->t->cols[ci];
    for (size_t i = 0; i < v->n; i++) {
        size_t x = v->rows[i], j = i;
        while (j > 0 && cell_before(col, x, s->rows[j - 1])) {
            s->rows[j] = s->rows[j - 1];
            j--;
        }
        s->rows[j] = x;
    }
    s->n = v->n;
    memset(out, 0, sizeof *out);
    out->kind = VAL_VIEW;
    out->u.v = s;
    return 0;
}

static int f_reverse(evalctx *c, const char *f, srcloc loc, const srcloc *ae,
                     value *a, size_t n, value *out)
{
    if (a[0].kind == VAL_LIST) {
        size_t k = a[0].u.list.n;
        value *items = arena_alloc(c->a, (k ? k : 1) * sizeof(value));
        for (size_t i = 0; i < k; i++)
            items[i] = a[0].u.list.items[k - 1 - i];
        *out = a[0];
        out->u.list.items = items;
        return 0;
    }
    const view *v;
    if (arg_view(c, f, loc, ae, a, n, 0, &v) < 0)
        return -1;
    view *r = new_view(c, v, v->n);
    for (size_t i = 0; i < v->n; i++)
        r->rows[i] = v->rows[v->n - 1 - i];
    r->n = v->n;
    memset(out, 0, sizeof *out);
    out->kind = VAL_VIEW;
    out->u.v = r;
    return 0;
}

/* nth(list or table, n): the n-th item or row, counting from 1; an error
 * when there are fewer. */
static int f_nth(evalctx *c, const char *f, srcloc loc, const srcloc *ae,
                 value *a, size_t n, value *out)
{
    double k;
    if (arg_num(c, f, loc, ae, a, n, 1, &k) < 0)
        return -1;
    size_t have;
    if (a[0].kind == VAL_LIST) {
        have = a[0].u.list.n;
    } else {
        const view *v;
        if (arg_view(c, f, loc, ae, a, n, 0, &v) < 0)
            return -1;
        have = v->n;
    }
    if (k < 1 || k != floor(k) || k > (double)have) {
        eval_error(c, arg_at(ae, 1, n, loc),
                   "nth(): n must be a whole number from 1 to %zu (the "
                   "number of %s)",
                   have, a[0].kind == VAL_LIST ? "items" : "rows");
        return -1;
    }
    size_t i = (size_t)k - 1;
    if (a[0].kind == VAL_LIST)
        *out = a[0].u.list.items[i];
    else
        *out = mk_row(c, a[0].u.v->t, a[0].u.v->rows[i]);
    return 0;
}

/* totals(table, "column"[, "value column"]): a new table with one row per
 * value of the column (ordered as groups() orders them) and the value
 * column summed over that value's rows.  Each row carries the weakest
 * status of the rows it adds up; the table lives in the arena. */
static int f_totals(evalctx *c, const char *f, srcloc loc, const srcloc *ae,
                    value *a, size_t n, value *out)
{
    const view *v;
    int gi, vi;
    if (arg_view(c, f, loc, ae, a, n, 0, &v) < 0 ||
        arg_col(c, f, loc, ae, a, n, 1, v, 1, &gi) < 0 ||
        arg_col(c, f, loc, ae, a, n, 2, v, 0, &vi) < 0)
        return -1;
    const column *gc = &v->t->cols[gi], *vc = &v->t->cols[vi];
    int by_num = gc->type != COL_TEXT;
    size_t *first = arena_alloc(c->a, (v->n ? v->n : 1) * sizeof(size_t));
    size_t k = 0;
    for (size_t i = 0; i < v->n; i++) {
        const cell *x = &gc->cells[v->rows[i]];
        if (x->missing)
            continue;
        size_t j;
        for (j = 0; j < k; j++)
            if (strcmp(gc->cells[first[j]].text, x->text) == 0)
                break;
        if (j < k)
            continue;
        j = k;
        if (by_num)
            while (j > 0 && gc->cells[first[j - 1]].num > x->num)
                j--;
        memmove(first + j + 1, first + j, (k - j) * sizeof(size_t));
        first[j] = v->rows[i];
        k++;
    }
    table *t = arena_alloc(c->a, sizeof *t);
    buf nb = BUF_INIT;
    buf_printf(&nb, "totals(%s)", v->t->name);
    t->name = arena_strndup(c->a, buf_cstr(&nb), nb.len);
    buf_free(&nb);
    t->path = v->t->path;
    t->nrows = k;
    t->ncols = 2;
    t->status_col = t->source_col = -1;
    t->year_col = gc->type == COL_YEAR ? 0 : -1;
    t->status = arena_alloc(c->a, (k ? k : 1) * sizeof(prov));
    t->cols = arena_alloc(c->a, 2 * sizeof(column));
    column *kc = &t->cols[0], *sc = &t->cols[1];
    kc->name = gc->name;
    kc->type = gc->type;
    kc->categories = gc->categories;
    kc->ncategories = gc->ncategories;
    sc->name = vc->name;
    sc->type = vc->type;
    kc->cells = arena_alloc(c->a, (k ? k : 1) * sizeof(cell));
    sc->cells = arena_alloc(c->a, (k ? k : 1) * sizeof(cell));
    for (size_t g = 0; g < k; g++) {
        kc->cells[g] = gc->cells[first[g]];
        double sum = 0;
        size_t have = 0;
        prov p = PROV_FINAL;
        for (size_t i = 0; i < v->n; i++) {
            size_t r = v->rows[i];
            if (gc->cells[r].missing ||
                strcmp(gc->cells[r].text, kc->cells[g].text) != 0)
                continue;
            p = prov_weaker(
                p, table_cell_prov(v->t, r, (size_t)(vc - v->t->cols)));
            if (!vc->cells[r].missing) {
                sum += vc->cells[r].num;
                have++;
            }
        }
        t->status[g] = p;
        sc->cells[g].num = sum;
        sc->cells[g].missing = have == 0;
        sc->cells[g].text = "";
        if (have) {
            buf tb = BUF_INIT;
            buf_num(&tb, sum, needed_decimals(sum), 0);
            sc->cells[g].text = arena_strndup(c->a, buf_cstr(&tb), tb.len);
            buf_free(&tb);
        }
    }
    view *tv = arena_alloc(c->a, sizeof *tv);
    tv->t = t;
    tv->n = k;
    tv->rows = arena_alloc(c->a, (k ? k : 1) * sizeof(size_t));
    for (size_t g = 0; g < k; g++)
        tv->rows[g] = g;
    tv->desc = t->name;
    tv->loc = loc;
    memset(out, 0, sizeof *out);
    out->kind = VAL_VIEW;
    out->u.v = tv;
    return 0;
}

/* consistent(table[, "column"]): the column summed per survey year; 1
 * when the totals rise from every year to the next, -1 when they fall
 * every time, else 0 (also with fewer than two years).  Years whose
 * cells are all missing are left out. */
static int f_consistent(evalctx *c, const char *f, srcloc loc, const srcloc *ae,
                        value *a, size_t n, value *out)
{
    const view *v;
    int ci;
    if (arg_view(c, f, loc, ae, a, n, 0, &v) < 0 ||
        arg_col(c, f, loc, ae, a, n, 1, v, 0, &ci) < 0)
        return -1;
    if (v->t->year_col < 0) {
        eval_error(c, loc, "table \"%s\" has no survey year column",
                   v->t->name);
        return -1;
    }
    double *ys = xmalloc((v->n + 1) * sizeof(double));
    size_t k = value_distinct_years(v->t, v->rows, v->n, ys);
    const column *yc = &v->t->cols[v->t->year_col];
    const column *col = &v->t->cols[ci];
    int up = 1, down = 1, have_prev = 0, steps = 0;
    double prev = 0;
    for (size_t y = 0; y < k; y++) {
        double s = 0;
        size_t have = 0;
        for (size_t i = 0; i < v->n; i++) {
            size_t r = v->rows[i];
            if (yc->cells[r].missing || yc->cells[r].num != ys[y] ||
                col->cells[r].missing)
                continue;
            s += col->cells[r].num;
            have++;
        }
        if (!have)
            continue;
        if (have_prev) {
            up &= s > prev;
            down &= s < prev;
            steps++;
        }
        prev = s;
        have_prev = 1;
    }
    free(ys);
    value_set_num(out,
                  steps == 0 ? 0
                  : up       ? 1
                  : down     ? -1
                             : 0,
                  value_view_col_prov(v, (size_t)ci));
    return 0;
}

const lang_fndef funcs_table[] = {
    {"sum", 1, 2, f_sum, "sum(table[, \"column\"])"},
    {"count", 1, 1, f_count, "count(table)"},
    {"mean", 1, 2, f_mean, "mean(table[, \"column\"])"},
    {"min", 1, 99, f_minmax, "min(table[, \"column\"]) or min(a, b, …)"},
    {"max", 1, 99, f_minmax, "max(table[, \"column\"]) or max(a, b, …)"},
    {"share", 2, 2, f_share, "share(part, whole)"},
    {"ratio", 2, 2, f_share, "ratio(a, b)"},
    {"diff", 2, 2, f_share, "diff(a, b)"},
    {"value", 1, 2, f_value, "value(table[, \"column\"])"},
    {"rank", 1, 2, f_rank, "rank(table[, \"column\"])"},
    {"top", 2, 3, f_top, "top(table, n[, \"column\"])"},
    {"largest", 1, 2, f_largest, "largest(table[, \"column\"])"},
    {"smallest", 1, 2, f_largest, "smallest(table[, \"column\"])"},
    {"rows", 1, 1, f_rows, "rows(table)"},
    {"first", 1, 1, f_firstlast, "first(table or list)"},
    {"last", 1, 1, f_firstlast, "last(table or list)"},
    {"groups", 2, 2, f_groups, "groups(table, \"column\")"},
    {"latest_year", 1, 1, f_years, "latest_year(table)"},
    {"previous_year", 1, 1, f_years, "previous_year(table)"},
    {"years", 1, 1, f_years, "years(table)"},
    {"round", 1, 2, f_round, "round(x[, decimals])"},
    {"abs", 1, 1, f_round, "abs(x)"},
    {"join", 1, 2, f_join, "join(list[, \"separator\"])"},
    {"sort", 1, 2, f_sort, "sort(table[, \"column\"])"},
    {"reverse", 1, 1, f_reverse, "reverse(table or list)"},
    {"nth", 2, 2, f_nth, "nth(list or table, n)"},
    {"totals", 2, 3, f_totals, "totals(table, \"column\"[, \"value column\"])"},
    {"consistent", 1, 2, f_consistent, "consistent(table[, \"column\"])"},
};
const size_t funcs_count = sizeof funcs_table / sizeof *funcs_table;
