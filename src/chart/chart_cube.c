/* chart_cube: the value cube of a chart, from its spec and the table: the
 * columns named, the rows kept by filter:, the checks on their values,
 * the keys of each dimension (facets, bars, series), the sums per cell,
 * top: with its その他 bucket, sort:, the labels and normalise:.  See
 * chart_impl.h. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chart_impl.h"
#include "era.h"
#include "expr.h"
#include "suggest.h"
#include "xalloc.h"

/* ------------------------------------------------------------------ */
/* Keys: the distinct values of a column */

typedef struct key {
    double num;
    const char *text;
    srcloc at; /* the first cell with this value */
} key;

typedef struct keyset {
    key *k;
    size_t n, cap;
    int by_text;
    size_t last; /* the key found last: rows of one key often follow */
} keyset;

static int key_match(const keyset *ks, const cell *ce, size_t i)
{
    /* texts read from one file are stored once: equal pointers first */
    return ks->by_text ? ks->k[i].text == ce->text ||
                             strcmp(ks->k[i].text, ce->text) == 0
                       : ks->k[i].num == ce->num;
}

static long key_find(keyset *ks, const cell *ce)
{
    if (ks->last < ks->n && key_match(ks, ce, ks->last))
        return (long)ks->last;
    for (size_t i = 0; i < ks->n; i++)
        if (key_match(ks, ce, i)) {
            ks->last = i;
            return (long)i;
        }
    return -1;
}

static int key_cmp(const void *a, const void *b)
{
    double x = ((const key *)a)->num, y = ((const key *)b)->num;
    return (x > y) - (x < y);
}

/* The distinct values of column co over the kept rows: categories in their
 * declared order, numbers and years ascending, text in order of first
 * appearance. */
static void collect_keys(const column *co, const table *t,
                         const unsigned char *keep, keyset *ks)
{
    size_t nrows = t->nrows;
    ks->by_text = co->type == COL_TEXT;
    for (size_t r = 0; r < nrows; r++) {
        const cell *ce = &co->cells[r];
        if (!keep[r] || ce->missing || key_find(ks, ce) >= 0)
            continue;
        ks->k = xgrow(ks->k, &ks->cap, ks->n + 1, sizeof *ks->k);
        ks->k[ks->n].num = ce->num;
        ks->k[ks->n].text = ce->text;
        ks->k[ks->n].at = (srcloc){t->path, ce->line, ce->col};
        ks->n++;
    }
    if (!ks->by_text)
        qsort(ks->k, ks->n, sizeof *ks->k, key_cmp);
}

/* The column NAME of t, or NULL with the project's one "unknown column"
 * error at `at` (the value of the chart key that names it). */
static const column *find_column_named(const table *t, const char *name,
                                       srcloc at, diag_list *d)
{
    int i = table_col(t, name);
    if (i >= 0)
        return &t->cols[i];
    table_unknown_column(t, name, at, d);
    return NULL;
}

static const column *find_column(const table *t, const chart_spec *s, int k,
                                 diag_list *d)
{
    if (!s->val[k])
        return NULL;
    return find_column_named(t, s->val[k], s->val_at[k], d);
}

/* A key's label; a survey year whose values are preliminary says so,
 * 「R7（速報）」, on the axis, in the legend and in the data table. */
static char *key_label(const key *k, const column *co, int long_year, prov p)
{
    buf b = BUF_INIT;
    if (co->type == COL_CATEGORY && co->categories && k->num >= 0 &&
        (size_t)k->num < co->ncategories)
        buf_puts(&b, co->categories[(size_t)k->num]);
    else if (co->type == COL_YEAR && long_year)
        era_format_fiscal_year(&b, (int)k->num);
    else if (co->type == COL_YEAR)
        era_format_year_short(&b, (int)k->num);
    else
        buf_puts(&b, k->text);
    if (co->type == COL_YEAR && p == PROV_PRELIMINARY)
        buf_puts(&b, "（速報）");
    return buf_detach(&b);
}

/* Venn membership of a cell: 1, 0, or -1 when it is not a yes/no value. */
static int membership(const column *co, const cell *ce)
{
    if (co->type == COL_INTEGER || co->type == COL_DECIMAL)
        return ce->num == 0 ? 0 : ce->num == 1 ? 1 : -1;
    static const char *const yes[] = {"1", "yes",  "true", "○",   "〇",
                                      "◯", "あり", "有",   "導入"};
    static const char *const no[] = {"0",    "no", "false", "×",
                                     "なし", "無", "-",     "－"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (!strcmp(ce->text, yes[i]))
            return 1;
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (!strcmp(ce->text, no[i]))
            return 0;
    return -1;
}

/* The number of decimals written in the value column's cells (at most 3). */
static int decimals_of(const column *cv, const unsigned char *keep,
                       size_t nrows)
{
    if (!cv || cv->type != COL_DECIMAL)
        return 0;
    int best = 0;
    for (size_t r = 0; r < nrows; r++) {
        if (!keep[r])
            continue;
        const char *dot = strchr(cv->cells[r].text, '.');
        if (!dot)
            continue;
        int n = 0;
        for (const char *p = dot + 1; *p >= '0' && *p <= '9'; p++)
            n++;
        if (n > best)
            best = n;
    }
    return best > 3 ? 3 : best;
}

/* ------------------------------------------------------------------ */
/* Ordering a dimension: top N with an "other" bucket, and sorting */

/* Fills map[old] = new position for n keys with totals tot; returns the new
 * count.  *other is set to 1 when the last new position is the bucket of
 * the keys left out by top. */
static size_t order_dim(const double *tot, size_t n, size_t top, int sort,
                        size_t *map, int *other, size_t *list)
{
    unsigned char *kept = xcalloc(n ? n : 1, 1);
    if (top == 0 || n <= top) {
        memset(kept, 1, n);
    } else {
        for (size_t k = 0; k < top; k++) {
            size_t best = n;
            for (size_t i = 0; i < n; i++)
                if (!kept[i] && (best == n || tot[i] > tot[best]))
                    best = i;
            kept[best] = 1;
        }
    }
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (kept[i])
            list[m++] = i;
    if (sort == SORT_REVERSE) {
        for (size_t i = 0; i < m / 2; i++) {
            size_t t = list[i];
            list[i] = list[m - 1 - i];
            list[m - 1 - i] = t;
        }
    } else if (sort == SORT_LARGEST || sort == SORT_SMALLEST) {
        /* Stable insertion sort: equal totals keep their key order. */
        for (size_t i = 1; i < m; i++) {
            size_t v = list[i], j = i;
            while (j > 0 &&
                   (sort == SORT_LARGEST ? tot[list[j - 1]] < tot[v]
                                         : tot[list[j - 1]] > tot[v])) {
                list[j] = list[j - 1];
                j--;
            }
            list[j] = v;
        }
    }
    for (size_t j = 0; j < m; j++)
        map[list[j]] = j;
    *other = m < n;
    for (size_t i = 0; i < n; i++)
        if (!kept[i])
            map[i] = m;
    free(kept);
    return m + (m < n);
}

/* ------------------------------------------------------------------ */
/* The rows: columns named by the spec, rows kept, values checked */

typedef struct source {
    const table *t;
    int vk; /* the key naming the values: K_VALUE, K_Y, or -1 (count rows) */
    const column *x, *series, *facet, *value;
    const column *sets[VENN_MAX_SETS];
    unsigned char *keep; /* [t->nrows]: the rows drawn */
} source;

/* The columns the spec names; -1 after errors. */
static int find_columns(const chart_spec *s, source *src, diag_list *d)
{
    const table *t = src->t;
    size_t errs = diag_error_count(d);
    src->vk = s->val[K_VALUE] ? K_VALUE : s->val[K_Y] ? K_Y : -1;
    src->x = find_column(t, s, K_X, d);
    src->series = find_column(t, s, K_SERIES, d);
    src->facet = find_column(t, s, K_FACET, d);
    src->value = src->vk >= 0 ? find_column(t, s, src->vk, d) : NULL;
    for (size_t i = 0; i < s->nsets; i++)
        src->sets[i] = find_column_named(t, s->sets[i], s->sets_at[i], d);
    const column *cv = src->value;
    if (cv && cv->type != COL_INTEGER && cv->type != COL_DECIMAL) {
        diag_at(d, DIAG_ERROR, s->val_at[src->vk],
                "%s: column \"%s\" is %s; a number column is needed",
                chart_key_names[src->vk], cv->name, col_type_name(cv->type));
        diag_hint(d, "declare it as integer or decimal in data/%s.schema.csv",
                  t->name);
    }
    return diag_error_count(d) > errs ? -1 : 0;
}

/* The rows filter: keeps that have every key cell and the value; -1 after
 * errors, or when no row is left. */
static int select_rows(const chart_spec *s, source *src, diag_list *d)
{
    const table *t = src->t;
    src->keep = xmalloc(t->nrows ? t->nrows : 1);
    memset(src->keep, 1, t->nrows ? t->nrows : 1);
    unsigned char *keep = src->keep;
    if (s->val[K_FILTER]) {
        expr *e = expr_parse(s->val[K_FILTER], strlen(s->val[K_FILTER]),
                             s->val_at[K_FILTER], d);
        int rc = e ? expr_filter_rows(e, t, keep, d) : -1;
        expr_free(e);
        if (rc < 0)
            return -1;
    }
    const column *cx = src->x, *cs = src->series, *cf = src->facet,
                 *cv = src->value;
    size_t used = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        if (keep[r] &&
            ((cx && cx->cells[r].missing) || (cs && cs->cells[r].missing) ||
             (cf && cf->cells[r].missing) || (cv && cv->cells[r].missing)))
            keep[r] = 0;
        for (size_t i = 0; i < s->nsets && keep[r]; i++)
            if (src->sets[i]->cells[r].missing)
                keep[r] = 0;
        used += keep[r];
    }
    if (used > 0)
        return 0;
    if (s->val[K_FILTER]) {
        diag_at(d, DIAG_ERROR, s->val_at[K_FILTER],
                "no data left to draw after filter: %s", s->val[K_FILTER]);
        diag_hint(d, "the filter keeps none of the %zu rows of table \"%s\"",
                  t->nrows, t->name);
    } else {
        diag_at(d, DIAG_ERROR, s->val_at[K_DATA],
                "table \"%s\" has no rows to draw", t->name);
    }
    return -1;
}

/* Values the type cannot draw (negative ones) and membership cells that
 * are not flags; -1 after the first. */
static int check_rows(const chart_spec *s, const source *src, diag_list *d)
{
    const table *t = src->t;
    const column *cv = src->value;
    const column *const *cset = src->sets;
    size_t errs = diag_error_count(d);
    for (size_t r = 0; r < t->nrows; r++) {
        if (!src->keep[r])
            continue;
        if (cv && cv->cells[r].num < 0 && !s->type->negative_ok) {
            diag_at(d, DIAG_ERROR, s->val_at[src->vk],
                    "%s: negative value %s in column \"%s\" cannot be drawn in "
                    "a %s chart",
                    chart_key_names[src->vk], cv->cells[r].text, cv->name,
                    s->val[K_TYPE]);
            buf at = BUF_INIT;
            diag_where(&at, t->path, cv->cells[r].line, cv->cells[r].col);
            diag_hint(d, "the value is at %s", buf_cstr(&at));
            buf_free(&at);
            break;
        }
        for (size_t i = 0; i < s->nsets; i++)
            if (membership(cset[i], &cset[i]->cells[r]) < 0) {
                diag_at(
                    d, DIAG_ERROR, s->sets_at[i],
                    "sets: \"%s\" in column \"%s\" is not a membership flag",
                    cset[i]->cells[r].text, cset[i]->name);
                buf at = BUF_INIT;
                diag_where(&at, t->path, cset[i]->cells[r].line,
                           cset[i]->cells[r].col);
                diag_hint(d, "at %s; write 1 or 0 (also yes/no, ○/×)",
                          buf_cstr(&at));
                buf_free(&at);
                break;
            }
        if (diag_error_count(d) > errs)
            break;
    }
    return diag_error_count(d) > errs ? -1 : 0;
}

/* ------------------------------------------------------------------ */
/* The sums: one cell per (facet, bar, series) key, before top: and sort: */

typedef struct sums {
    keyset kx, ks, kf;
    size_t nf, nx, ns;   /* the key counts */
    double *raw;         /* [f][x][s] */
    unsigned char *have; /* [f][x][s] */
    prov *px, *ps, *pf;  /* per key: the weakest provenance of its values */
} sums;

static void sum_rows(const chart_spec *s, const source *src, chart *c, sums *u)
{
    const table *t = src->t;
    const column *cx = src->x, *cs = src->series, *cf = src->facet,
                 *cv = src->value;
    if (cx)
        collect_keys(cx, t, src->keep, &u->kx);
    if (cs)
        collect_keys(cs, t, src->keep, &u->ks);
    if (cf)
        collect_keys(cf, t, src->keep, &u->kf);
    u->nf = cf ? u->kf.n : 1;
    u->nx = cx ? u->kx.n : 1;
    u->ns = cs ? u->ks.n : s->nsets ? (size_t)1 << s->nsets : 1;
    u->raw = xcalloc(u->nf * u->nx * u->ns, sizeof *u->raw);
    u->have = xcalloc(u->nf * u->nx * u->ns, 1);
    u->px = xcalloc(u->nx + 1, sizeof *u->px);
    u->ps = xcalloc(u->ns + 1, sizeof *u->ps);
    u->pf = xcalloc(u->nf + 1, sizeof *u->pf);
    c->prov = PROV_FINAL;
    c->marks = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        if (!src->keep[r])
            continue;
        size_t f = cf ? (size_t)key_find(&u->kf, &cf->cells[r]) : 0;
        size_t x = cx ? (size_t)key_find(&u->kx, &cx->cells[r]) : 0;
        size_t si = 0;
        if (cs)
            si = (size_t)key_find(&u->ks, &cs->cells[r]);
        for (size_t i = 0; i < s->nsets; i++)
            if (membership(src->sets[i], &src->sets[i]->cells[r]) == 1)
                si |= (size_t)1 << i;
        size_t i = (f * u->nx + x) * u->ns + si;
        u->raw[i] += cv ? cv->cells[r].num : 1.0;
        u->have[i] = 1;
        prov p = cv ? table_cell_prov(t, r, (size_t)(cv - t->cols))
                    : table_row_prov(t, r);
        if (p > c->prov)
            c->prov = p;
        if (p != PROV_FINAL)
            c->marks |= PROV_BIT(p);
        u->px[x] = prov_weaker(u->px[x], p);
        u->pf[f] = prov_weaker(u->pf[f], p);
        if (cs)
            u->ps[si] = prov_weaker(u->ps[si], p);
    }
}

static void sums_free(sums *u)
{
    free(u->px);
    free(u->ps);
    free(u->pf);
    free(u->raw);
    free(u->have);
    free(u->kx.k);
    free(u->ks.k);
    free(u->kf.k);
}

/* ------------------------------------------------------------------ */
/* The order: top: and sort: map the keys to bars and series */

typedef struct order {
    size_t *mapx, *maps;   /* key → bar, key → series */
    size_t *listx, *lists; /* bar → key, series → key */
    int otherx, others;    /* the last bar / series is その他 */
} order;

/* top: and sort: act on the category dimension: the series when the bars
 * are years (or there are none), otherwise the bars; pie slices are
 * series.  sort: on the other dimension keeps key order, except that
 * ascending/descending always turn the bars.  Sets c->nx, c->ns, c->nf. */
static void order_keys(const chart_spec *s, const source *src, const sums *u,
                       chart *c, order *o)
{
    size_t nfk = u->nf, nxk = u->nx, nsk = u->ns;
    double *totx = xcalloc(nxk, sizeof *totx);
    double *tots = xcalloc(nsk, sizeof *tots);
    for (size_t f = 0; f < nfk; f++)
        for (size_t x = 0; x < nxk; x++)
            for (size_t si = 0; si < nsk; si++) {
                totx[x] += u->raw[(f * nxk + x) * nsk + si];
                tots[si] += u->raw[(f * nxk + x) * nsk + si];
            }
    const column *cx = src->x;
    int on_series = !cx || cx->type == COL_YEAR;
    if (s->nsets)
        on_series = -1; /* venn: regions stay in mask order */
    o->mapx = xmalloc(nxk * sizeof *o->mapx);
    o->maps = xmalloc(nsk * sizeof *o->maps);
    o->listx = xmalloc(nxk * sizeof *o->listx);
    o->lists = xmalloc(nsk * sizeof *o->lists);
    int sortx = s->sort, sorts = SORT_KEY;
    if (on_series == 1 &&
        (s->sort == SORT_LARGEST || s->sort == SORT_SMALLEST)) {
        sortx = SORT_KEY;
        sorts = s->sort;
    }
    if (on_series == 1 && !cx)
        sortx = SORT_KEY;
    c->nx = order_dim(totx, nxk, on_series == 0 ? s->top : 0, sortx, o->mapx,
                      &o->otherx, o->listx);
    c->ns = order_dim(tots, nsk, on_series == 1 ? s->top : 0,
                      on_series == -1 ? SORT_KEY : sorts, o->maps, &o->others,
                      o->lists);
    c->nf = nfk;
    free(totx);
    free(tots);
}

static void order_free(order *o)
{
    free(o->mapx);
    free(o->maps);
    free(o->listx);
    free(o->lists);
}

/* ------------------------------------------------------------------ */
/* The cube: labels, values, normalise: */

static void label_keys(const chart_spec *s, const source *src, const sums *u,
                       const order *o, chart *c)
{
    const column *cx = src->x, *cs = src->series, *cf = src->facet,
                 *cv = src->value;
    const char *other_name = s->val[K_OTHER] ? s->val[K_OTHER] : "その他";
    srcloc other_at = s->val[K_OTHER] ? s->val_at[K_OTHER] : s->block;
    c->x_short = xcalloc(c->nx, sizeof *c->x_short);
    c->x_long = xcalloc(c->nx, sizeof *c->x_long);
    c->x_year = xcalloc(c->nx, sizeof *c->x_year);
    for (size_t j = 0; j < c->nx; j++) {
        if (o->otherx && j == c->nx - 1) {
            c->x_short[j] = xstrdup(other_name);
            c->x_long[j] = xstrdup(other_name);
            chart_add_text(c, c->x_short[j], other_at);
        } else if (cx) {
            const key *k = &u->kx.k[o->listx[j]];
            prov p = u->px[o->listx[j]];
            c->x_short[j] = key_label(k, cx, 0, p);
            c->x_long[j] = key_label(k, cx, 1, p);
            c->x_year[j] = (int)k->num;
            chart_add_text(c, c->x_short[j], k->at);
            chart_add_text(c, c->x_long[j], k->at);
        } else {
            c->x_short[j] = xstrdup("");
            c->x_long[j] = xstrdup("");
        }
    }
    c->series_labels = xcalloc(c->ns, sizeof *c->series_labels);
    c->series_year = xcalloc(c->ns ? c->ns : 1, sizeof *c->series_year);
    for (size_t j = 0; j < c->ns; j++) {
        srcloc at = other_at;
        if (o->others && j == c->ns - 1) {
            c->series_labels[j] = xstrdup(other_name);
        } else if (cs) {
            c->series_labels[j] =
                key_label(&u->ks.k[o->lists[j]], cs, 1, u->ps[o->lists[j]]);
            c->series_year[j] = (int)u->ks.k[o->lists[j]].num;
            at = u->ks.k[o->lists[j]].at;
        } else if (s->nsets) {
            buf b = BUF_INIT;
            chart_venn_region_name(c, &b, j);
            c->series_labels[j] = buf_detach(&b);
            for (size_t i = 0; i < s->nsets; i++)
                if ((j >> i) & 1)
                    at = (srcloc){src->t->path, src->sets[i]->line,
                                  src->sets[i]->col};
        } else {
            c->series_labels[j] = xstrdup(cv ? cv->name : "件数");
            if (cv)
                at = (srcloc){src->t->path, cv->line, cv->col};
        }
        chart_add_text(c, c->series_labels[j], at);
    }
    if (cf) {
        c->facet_labels = xcalloc(c->nf, sizeof *c->facet_labels);
        for (size_t f = 0; f < c->nf; f++) {
            c->facet_labels[f] = key_label(&u->kf.k[f], cf, 1, u->pf[f]);
            chart_add_text(c, c->facet_labels[f], u->kf.k[f].at);
        }
    } else {
        c->facet_labels = xcalloc(1, sizeof *c->facet_labels);
        c->facet_labels[0] = xstrdup("");
    }
}

/* The summed keys moved to their bars and series (その他 collects the
 * keys left out by top:). */
static void fill_cube(const sums *u, const order *o, chart *c)
{
    size_t ncell = c->nf * c->nx * c->ns;
    c->raw = xcalloc(ncell, sizeof *c->raw);
    c->val = xcalloc(ncell, sizeof *c->val);
    c->have = xcalloc(ncell, 1);
    for (size_t f = 0; f < c->nf; f++)
        for (size_t x = 0; x < u->nx; x++)
            for (size_t si = 0; si < u->ns; si++) {
                size_t from = (f * u->nx + x) * u->ns + si;
                if (!u->have[from])
                    continue;
                c->raw[chart_at(c, f, o->mapx[x], o->maps[si])] += u->raw[from];
                c->have[chart_at(c, f, o->mapx[x], o->maps[si])] = 1;
            }
    memcpy(c->val, c->raw, ncell * sizeof *c->val);
}

/* val as shares: of the bar for stacked types, else of the series. */
static void normalise(chart *c)
{
    int stacked = c->type->stacked;
    for (size_t f = 0; f < c->nf; f++)
        for (size_t x = 0; x < c->nx; x++)
            for (size_t si = 0; si < c->ns; si++) {
                double tot = 0;
                if (stacked) {
                    tot = chart_bar_total(c, f, x);
                } else {
                    for (size_t x2 = 0; x2 < c->nx; x2++)
                        if (c->raw[chart_at(c, f, x2, si)] > 0)
                            tot += c->raw[chart_at(c, f, x2, si)];
                }
                size_t i = chart_at(c, f, x, si);
                c->val[i] = tot > 0 ? c->raw[i] / tot : 0;
            }
}

/* The names of the columns the chart shows, for the data grid and the
 * alt text. */
static void name_columns(const chart_spec *s, const source *src, chart *c)
{
    const column *cx = src->x, *cs = src->series, *cf = src->facet;
    c->facet_col = cf ? xstrdup(cf->name) : NULL;
    c->x_col = cx ? xstrdup(cx->name) : NULL;
    c->series_col = cs ? xstrdup(cs->name) : NULL;
    buf label = BUF_INIT, unit = BUF_INIT;
    if (cf)
        chart_column_head(cf, &label, &unit);
    c->facet_head = buf_detach(&label);
    if (cx)
        chart_column_head(cx, &label, &unit);
    c->x_head = buf_detach(&label);
    buf_reset(&unit);
    if (src->value)
        chart_column_head(src->value, &label, &unit);
    else
        buf_puts(&label, "件数");
    c->value_head = buf_detach(&label);
    c->value_unit = buf_detach(&unit);
    c->x_is_year = cx && cx->type == COL_YEAR;
    c->series_is_year = cs && cs->type == COL_YEAR;
    c->nsets = s->nsets;
    for (size_t i = 0; i < s->nsets; i++)
        c->set_names[i] = xstrdup(src->sets[i]->name);
    c->value_decimals = decimals_of(src->value, src->keep, src->t->nrows);
}

/* 1 when facet f (every facet: f == c->nf) has a value that is not 0. */
static int any_value(const chart *c, size_t f)
{
    size_t from = f < c->nf ? f : 0, to = f < c->nf ? f + 1 : c->nf;
    for (size_t g = from; g < to; g++)
        for (size_t x = 0; x < c->nx; x++)
            for (size_t si = 0; si < c->ns; si++) {
                size_t i = chart_at(c, g, x, si);
                if (c->have[i] && c->raw[i] != 0)
                    return 1;
            }
    return 0;
}

/* A chart that would draw nothing (the type's zeros rule): -1 after an
 * error at its value key. */
static int check_zeros(const chart_spec *s, const source *src, const chart *c,
                       diag_list *d)
{
    int rule = s->type->zeros;
    if (rule == ZEROS_DRAWN || src->vk < 0)
        return 0; /* counted rows are never 0 */
    srcloc at = s->val_at[src->vk];
    if (!any_value(c, c->nf)) {
        diag_at(d, DIAG_ERROR, at,
                "every value of the chart is 0 (column \"%s\"): a %s chart "
                "of zeros draws nothing",
                src->value->name, s->val[K_TYPE]);
        diag_hint(d, "check the filter and the value column, or say in the "
                     "text that there is none");
        return -1;
    }
    if (rule == ZEROS_EMPTY_PANEL)
        for (size_t f = 0; f < c->nf; f++)
            if (!any_value(c, f)) {
                diag_at(d, DIAG_ERROR, at,
                        "every value of the panel \"%s\" is 0 (column "
                        "\"%s\"): its %s would be empty",
                        c->facet_labels[f], src->value->name, s->val[K_TYPE]);
                diag_hint(d, "leave the panel out with filter:, or say in "
                             "the text that there is none");
                return -1;
            }
    return 0;
}

int chart_cube_build(chart *c, const chart_spec *s, const table *t,
                     diag_list *d)
{
    source src = {.t = t};
    if (find_columns(s, &src, d) < 0 || select_rows(s, &src, d) < 0 ||
        check_rows(s, &src, d) < 0) {
        free(src.keep);
        return -1;
    }
    sums u = {0};
    order o = {0};
    name_columns(s, &src, c);
    sum_rows(s, &src, c, &u);
    order_keys(s, &src, &u, c, &o);
    label_keys(s, &src, &u, &o, c);
    fill_cube(&u, &o, c);
    if (c->normalise)
        normalise(c);
    order_free(&o);
    sums_free(&u);
    int rc = check_zeros(s, &src, c, d);
    free(src.keep);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Venn regions: the series of sets: */

void chart_venn_region_name(const chart *c, buf *out, size_t mask)
{
    /* Set names are the series column names, kept in facet-independent
     * order in the chart's set list (the first nsets labels of sets). */
    size_t n = 0;
    for (size_t i = 0; i < c->nsets; i++)
        n += (mask >> i) & 1;
    if (n == 0) {
        buf_puts(out, "いずれもなし");
        return;
    }
    int first = 1;
    for (size_t i = 0; i < c->nsets; i++)
        if ((mask >> i) & 1) {
            if (!first)
                buf_puts(out, "・");
            buf_puts(out, c->set_names[i]);
            first = 0;
        }
    if (n == 1)
        buf_puts(out, "のみ");
    else if (n == c->nsets && n > 2)
        buf_puts(out, "すべて");
}
