/* chart: builds a chart from its spec and the data (the value cube, the
 * data grid, the alternative text), and the public accessors.  Parsing is
 * in chart_spec.c, drawing in chart_draw.c and the per-type modules.  See
 * chart.h and docs/charts.md. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chart_impl.h"
#include "era.h"
#include "expr.h"
#include "format.h"
#include "suggest.h"
#include "xalloc.h"

/* ------------------------------------------------------------------ */
/* Keys: the distinct values of a column */

typedef struct key {
    double num;
    const char *text;
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
static void collect_keys(const column *co, size_t nrows,
                         const unsigned char *keep, keyset *ks)
{
    ks->by_text = co->type == COL_TEXT;
    for (size_t r = 0; r < nrows; r++) {
        const cell *ce = &co->cells[r];
        if (!keep[r] || ce->missing || key_find(ks, ce) >= 0)
            continue;
        ks->k = xgrow(ks->k, &ks->cap, ks->n + 1, sizeof *ks->k);
        ks->k[ks->n].num = ce->num;
        ks->k[ks->n].text = ce->text;
        ks->n++;
    }
    if (!ks->by_text)
        qsort(ks->k, ks->n, sizeof *ks->k, key_cmp);
}

static const column *find_column_named(const table *t, const char *name,
                                       const char *what, srcloc at,
                                       diag_list *d)
{
    int i = table_col(t, name);
    if (i >= 0)
        return &t->cols[i];
    diag_at(d, DIAG_ERROR, at, "%s: no column '%s' in table '%s'", what, name,
            t->name);
    const char **names = xmalloc((t->ncols + 1) * sizeof *names);
    for (size_t c = 0; c < t->ncols; c++)
        names[c] = t->cols[c].name;
    const char *near = suggest_nearest(name, names, t->ncols);
    if (near) {
        diag_hint(d, "did you mean '%s'?", near);
    } else {
        buf b = BUF_INIT;
        for (size_t c = 0; c < t->ncols; c++) {
            if (c)
                buf_puts(&b, ", ");
            buf_puts(&b, names[c]);
        }
        diag_hint(d, "the columns are: %s", buf_cstr(&b));
        buf_free(&b);
    }
    free(names);
    return NULL;
}

static const column *find_column(const table *t, const chart_spec *s, int k,
                                 diag_list *d)
{
    if (!s->val[k])
        return NULL;
    return find_column_named(t, s->val[k], chart_key_names[k], s->val_at[k],
                             d);
}

static char *key_label(const key *k, const column *co, int long_year)
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
    return buf_detach(&b);
}

static void free_strings(char **v, size_t n)
{
    if (!v)
        return;
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/* Venn membership of a cell: 1, 0, or -1 when it is not a yes/no value. */
static int membership(const column *co, const cell *ce)
{
    if (co->type == COL_INTEGER || co->type == COL_DECIMAL)
        return ce->num == 0 ? 0 : ce->num == 1 ? 1 : -1;
    static const char *const yes[] = {"1", "yes", "true", "○", "〇", "◯",
                                      "あり", "有", "導入"};
    static const char *const no[] = {"0", "no", "false", "×", "なし", "無",
                                     "-", "－"};
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
            while (j > 0 && (sort == SORT_LARGEST ? tot[list[j - 1]] < tot[v]
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
/* Build */

static void build_grid(chart *c);
static void build_alt(chart *c);

static int default_labels(const chart_spec *s)
{
    switch (s->type) {
    case CT_STACKED100:
        return LAB_PERCENT;
    case CT_PIE:
    case CT_DONUT:
        return LAB_BOTH;
    default:
        return s->normalise ? LAB_PERCENT : LAB_VALUE;
    }
}

chart *chart_build(const chart_spec *s, const tableset *ts, diag_list *d)
{
    if (!s)
        return NULL;
    const table *t = tableset_find(ts, s->val[K_DATA]);
    if (!t) {
        tableset_unknown(ts, s->val[K_DATA], s->val_at[K_DATA], d);
        return NULL;
    }
    size_t errs = diag_error_count(d);
    int vk = s->val[K_VALUE] ? K_VALUE : s->val[K_Y] ? K_Y : -1;
    const column *cx = find_column(t, s, K_X, d);
    const column *cs = find_column(t, s, K_SERIES, d);
    const column *cf = find_column(t, s, K_FACET, d);
    const column *cv = vk >= 0 ? find_column(t, s, vk, d) : NULL;
    const column *cset[VENN_MAX_SETS] = {0};
    for (size_t i = 0; i < s->nsets; i++)
        cset[i] = find_column_named(t, s->sets[i], "sets", s->sets_at[i], d);
    if (cv && cv->type != COL_INTEGER && cv->type != COL_DECIMAL) {
        diag_at(d, DIAG_ERROR, s->val_at[vk],
                "%s: column '%s' is %s; a number column is needed",
                chart_key_names[vk], cv->name, col_type_name(cv->type));
        diag_hint(d, "declare it as integer or decimal in data/%s.schema.csv",
                  t->name);
    }
    if (diag_error_count(d) > errs)
        return NULL;

    unsigned char *keep = xmalloc(t->nrows ? t->nrows : 1);
    memset(keep, 1, t->nrows ? t->nrows : 1);
    if (s->val[K_FILTER]) {
        expr *e = expr_parse(s->val[K_FILTER], strlen(s->val[K_FILTER]),
                             s->val_at[K_FILTER], d);
        int rc = e ? expr_filter_rows(e, t, keep, d) : -1;
        expr_free(e);
        if (rc < 0) {
            free(keep);
            return NULL;
        }
    }
    /* Rows that can be drawn: kept, with every key cell and the value. */
    size_t used = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        if (keep[r] && ((cx && cx->cells[r].missing) ||
                        (cs && cs->cells[r].missing) ||
                        (cf && cf->cells[r].missing) ||
                        (cv && cv->cells[r].missing)))
            keep[r] = 0;
        for (size_t i = 0; i < s->nsets && keep[r]; i++)
            if (cset[i]->cells[r].missing)
                keep[r] = 0;
        used += keep[r];
    }
    if (used == 0) {
        if (s->val[K_FILTER]) {
            diag_at(d, DIAG_ERROR, s->val_at[K_FILTER],
                    "no data left to draw after filter: %s", s->val[K_FILTER]);
            diag_hint(d, "the filter keeps none of the %zu rows of table '%s'",
                      t->nrows, t->name);
        } else {
            diag_at(d, DIAG_ERROR, s->val_at[K_DATA],
                    "table '%s' has no rows to draw", t->name);
        }
        free(keep);
        return NULL;
    }
    /* Values that cannot be drawn. */
    for (size_t r = 0; r < t->nrows; r++) {
        if (!keep[r])
            continue;
        if (cv && cv->cells[r].num < 0 && s->type != CT_LINE) {
            diag_at(d, DIAG_ERROR, s->val_at[vk],
                    "%s: negative value %s in column '%s' cannot be drawn in "
                    "a %s chart",
                    chart_key_names[vk], cv->cells[r].text, cv->name,
                    chart_type_names[s->type]);
            diag_hint(d, "the value is at %s:%d:%d", t->path,
                      cv->cells[r].line, cv->cells[r].col);
            break;
        }
        for (size_t i = 0; i < s->nsets; i++)
            if (membership(cset[i], &cset[i]->cells[r]) < 0) {
                diag_at(d, DIAG_ERROR, s->sets_at[i],
                        "sets: '%s' in column '%s' is not a membership flag",
                        cset[i]->cells[r].text, cset[i]->name);
                diag_hint(d, "at %s:%d:%d; write 1 or 0 (also yes/no, ○/×)",
                          t->path, cset[i]->cells[r].line,
                          cset[i]->cells[r].col);
                break;
            }
        if (diag_error_count(d) > errs)
            break;
    }
    if (diag_error_count(d) > errs) {
        free(keep);
        return NULL;
    }

    keyset kx = {0}, ks = {0}, kf = {0};
    if (cx)
        collect_keys(cx, t->nrows, keep, &kx);
    if (cs)
        collect_keys(cs, t->nrows, keep, &ks);
    if (cf)
        collect_keys(cf, t->nrows, keep, &kf);
    size_t nfk = cf ? kf.n : 1, nxk = cx ? kx.n : 1;
    size_t nsk = cs ? ks.n : s->nsets ? (size_t)1 << s->nsets : 1;

    chart *c = xcalloc(1, sizeof *c);
    c->memo = cd_memo_new();
    c->type = s->type == CT_BAR ? CT_GROUPED : s->type;
    c->horizontal = s->horizontal;
    c->title = xstrdup(s->val[K_TITLE] ? s->val[K_TITLE] : "");
    c->alt_given = s->val[K_ALT] && *s->val[K_ALT];
    c->labels = s->labels == LAB_DEFAULT ? default_labels(s) : s->labels;
    c->legend = s->legend;
    c->patterns = s->patterns;
    c->normalise = s->normalise;
    c->aspect = s->aspect;
    c->facet_col = cf ? xstrdup(cf->name) : NULL;
    c->x_col = cx ? xstrdup(cx->name) : NULL;
    c->series_col = cs ? xstrdup(cs->name) : NULL;
    c->unit = xstrdup(s->val[K_UNIT] ? s->val[K_UNIT] : "");
    c->x_is_year = cx && cx->type == COL_YEAR;
    c->series_is_year = cs && cs->type == COL_YEAR;
    c->nsets = s->nsets;
    for (size_t i = 0; i < s->nsets; i++)
        c->set_names[i] = xstrdup(cset[i]->name);
    c->value_decimals = decimals_of(cv, keep, t->nrows);

    /* Sum the values per (facet, bar, series key). */
    double *raw = xcalloc(nfk * nxk * nsk, sizeof *raw);
    unsigned char *rawhave = xcalloc(nfk * nxk * nsk, 1);
    c->prov = PROV_FINAL;
    for (size_t r = 0; r < t->nrows; r++) {
        if (!keep[r])
            continue;
        size_t f = cf ? (size_t)key_find(&kf, &cf->cells[r]) : 0;
        size_t x = cx ? (size_t)key_find(&kx, &cx->cells[r]) : 0;
        size_t si = 0;
        if (cs)
            si = (size_t)key_find(&ks, &cs->cells[r]);
        for (size_t i = 0; i < s->nsets; i++)
            if (membership(cset[i], &cset[i]->cells[r]) == 1)
                si |= (size_t)1 << i;
        size_t i = (f * nxk + x) * nsk + si;
        raw[i] += cv ? cv->cells[r].num : 1.0;
        rawhave[i] = 1;
        if (t->status && t->status[r] > c->prov)
            c->prov = t->status[r];
    }

    /* top: and sort: act on the category dimension: the series when the
     * bars are years (or there are none), otherwise the bars; pie slices
     * are series.  sort: on the other dimension keeps key order, except
     * that ascending/descending always turn the bars. */
    double *totx = xcalloc(nxk, sizeof *totx), *tots = xcalloc(nsk, sizeof *tots);
    for (size_t f = 0; f < nfk; f++)
        for (size_t x = 0; x < nxk; x++)
            for (size_t si = 0; si < nsk; si++) {
                totx[x] += raw[(f * nxk + x) * nsk + si];
                tots[si] += raw[(f * nxk + x) * nsk + si];
            }
    int on_series = !cx || cx->type == COL_YEAR;
    if (s->nsets)
        on_series = -1; /* venn: regions stay in mask order */
    size_t *mapx = xmalloc(nxk * sizeof *mapx), *maps = xmalloc(nsk * sizeof *maps);
    size_t *listx = xmalloc(nxk * sizeof *listx), *lists = xmalloc(nsk * sizeof *lists);
    int otherx = 0, others = 0;
    int sortx = s->sort, sorts = SORT_KEY;
    if (on_series == 1 && (s->sort == SORT_LARGEST || s->sort == SORT_SMALLEST)) {
        sortx = SORT_KEY;
        sorts = s->sort;
    }
    if (on_series == 1 && !cx)
        sortx = SORT_KEY;
    c->nx = order_dim(totx, nxk, on_series == 0 ? s->top : 0, sortx, mapx,
                      &otherx, listx);
    c->ns = order_dim(tots, nsk, on_series == 1 ? s->top : 0,
                      on_series == -1 ? SORT_KEY : sorts, maps, &others, lists);
    c->nf = nfk;
    const char *other_name = s->val[K_OTHER] ? s->val[K_OTHER] : "その他";

    c->x_short = xcalloc(c->nx, sizeof *c->x_short);
    c->x_long = xcalloc(c->nx, sizeof *c->x_long);
    c->x_year = xcalloc(c->nx, sizeof *c->x_year);
    for (size_t j = 0; j < c->nx; j++) {
        if (otherx && j == c->nx - 1) {
            c->x_short[j] = xstrdup(other_name);
            c->x_long[j] = xstrdup(other_name);
        } else if (cx) {
            c->x_short[j] = key_label(&kx.k[listx[j]], cx, 0);
            c->x_long[j] = key_label(&kx.k[listx[j]], cx, 1);
            c->x_year[j] = (int)kx.k[listx[j]].num;
        } else {
            c->x_short[j] = xstrdup("");
            c->x_long[j] = xstrdup("");
        }
    }
    c->series_labels = xcalloc(c->ns, sizeof *c->series_labels);
    for (size_t j = 0; j < c->ns; j++) {
        if (others && j == c->ns - 1)
            c->series_labels[j] = xstrdup(other_name);
        else if (cs)
            c->series_labels[j] = key_label(&ks.k[lists[j]], cs, 1);
        else if (s->nsets) {
            buf b = BUF_INIT;
            chart_venn_region_name(c, &b, j);
            c->series_labels[j] = buf_detach(&b);
        } else
            c->series_labels[j] = xstrdup(cv ? cv->name : "件数");
    }
    if (cf) {
        c->facet_labels = xcalloc(c->nf, sizeof *c->facet_labels);
        for (size_t f = 0; f < c->nf; f++)
            c->facet_labels[f] = key_label(&kf.k[f], cf, 1);
    } else {
        c->facet_labels = xcalloc(1, sizeof *c->facet_labels);
        c->facet_labels[0] = xstrdup("");
    }

    size_t ncell = c->nf * c->nx * c->ns;
    c->raw = xcalloc(ncell, sizeof *c->raw);
    c->val = xcalloc(ncell, sizeof *c->val);
    c->have = xcalloc(ncell, 1);
    for (size_t f = 0; f < c->nf; f++)
        for (size_t x = 0; x < nxk; x++)
            for (size_t si = 0; si < nsk; si++) {
                size_t from = (f * nxk + x) * nsk + si;
                if (!rawhave[from])
                    continue;
                c->raw[IDX(c, f, mapx[x], maps[si])] += raw[from];
                c->have[IDX(c, f, mapx[x], maps[si])] = 1;
            }
    memcpy(c->val, c->raw, ncell * sizeof *c->val);
    if (c->normalise) {
        int stacked = c->type == CT_STACKED100 || c->type == CT_STACKED;
        for (size_t f = 0; f < c->nf; f++)
            for (size_t x = 0; x < c->nx; x++)
                for (size_t si = 0; si < c->ns; si++) {
                    double tot = 0;
                    if (stacked) {
                        tot = chart_bar_total(c, f, x);
                    } else {
                        for (size_t x2 = 0; x2 < c->nx; x2++)
                            if (c->raw[IDX(c, f, x2, si)] > 0)
                                tot += c->raw[IDX(c, f, x2, si)];
                    }
                    size_t i = IDX(c, f, x, si);
                    c->val[i] = tot > 0 ? c->raw[i] / tot : 0;
                }
    }
    /* Default colours: the palette in order; lines and Venn sets skip its
     * light colours, which are too faint as thin lines or translucent
     * fills on white (the same checked palette, another order). */
    static const size_t line_order[] = {0, 3, 4, 1, 6, 7, 2, 5};
    static const size_t venn_order[] = {1, 3, 4};
    c->colours = xmalloc(c->ns * sizeof *c->colours);
    for (size_t i = 0; i < c->ns; i++) {
        size_t k = i;
        if (c->type == CT_LINE)
            k = line_order[i % 8];
        else if (c->type == CT_VENN && i < 3)
            k = venn_order[i];
        c->colours[i] = i < s->ncolours ? s->colours[i]
                                        : chart_palette_colour(k);
    }
    c->text_on = xmalloc((c->ns ? c->ns : 1) * sizeof *c->text_on);
    for (size_t i = 0; i < c->ns; i++)
        c->text_on[i] = chart_text_colour_on(c->colours[i]);

    free(mapx);
    free(maps);
    free(listx);
    free(lists);
    free(totx);
    free(tots);
    free(raw);
    free(rawhave);
    free(kx.k);
    free(ks.k);
    free(kf.k);
    free(keep);

    build_grid(c);
    if (c->alt_given)
        c->alt = xstrdup(s->val[K_ALT]);
    else
        build_alt(c);
    return c;
}

void chart_free(chart *c)
{
    if (!c)
        return;
    free(c->title);
    free(c->alt);
    free(c->facet_col);
    free(c->x_col);
    free(c->series_col);
    free(c->unit);
    for (size_t i = 0; i < c->nsets; i++)
        free(c->set_names[i]);
    free_strings(c->facet_labels, c->nf);
    free_strings(c->x_short, c->nx);
    free_strings(c->x_long, c->nx);
    free(c->x_year);
    free_strings(c->series_labels, c->ns);
    free(c->colours);
    free(c->text_on);
    free(c->val);
    free(c->raw);
    free(c->have);
    free_strings(c->g.cells, c->g.nrows * c->g.ncols);
    cd_memo_free(c->memo);
    free(c);
}

const char *chart_title(const chart *c) { return c->title; }
const char *chart_alt(const chart *c) { return c->alt; }
prov chart_prov(const chart *c) { return c->prov; }
const grid *chart_grid(const chart *c) { return &c->g; }
size_t chart_bar_count(const chart *c) { return c->nx; }
size_t chart_facet_count(const chart *c) { return c->nf; }
size_t chart_series_count(const chart *c) { return c->ns; }
rgb chart_series_colour(const chart *c, size_t i)
{
    return c->colours[i % (c->ns ? c->ns : 1)];
}
const char *chart_series_label(const chart *c, size_t i)
{
    return i < c->ns ? c->series_labels[i] : "";
}
const char *chart_bar_label(const chart *c, size_t i)
{
    return i < c->nx ? c->x_long[i] : "";
}
double chart_value(const chart *c, size_t f, size_t x, size_t s, int *have)
{
    if (f >= c->nf || x >= c->nx || s >= c->ns) {
        if (have)
            *have = 0;
        return 0;
    }
    if (have)
        *have = c->have[IDX(c, f, x, s)];
    return c->raw[IDX(c, f, x, s)];
}
double chart_share(const chart *c, size_t f, size_t x, size_t s)
{
    if (f >= c->nf || x >= c->nx || s >= c->ns)
        return 0;
    if (c->normalise)
        return c->val[IDX(c, f, x, s)];
    double tot = chart_bar_total(c, f, x);
    return tot > 0 ? c->raw[IDX(c, f, x, s)] / tot : 0;
}
const char *chart_type_name(const chart *c)
{
    return chart_type_names[c->type];
}

double chart_bar_total(const chart *c, size_t f, size_t x)
{
    double t = 0;
    for (size_t s = 0; s < c->ns; s++)
        if (c->have[IDX(c, f, x, s)] && c->raw[IDX(c, f, x, s)] > 0)
            t += c->raw[IDX(c, f, x, s)];
    return t;
}

static void value_label(const chart *c, buf *out, size_t f, size_t x,
                        size_t s, double share)
{
    double v = c->raw[IDX(c, f, x, s)];
    switch (c->labels) {
    case LAB_VALUE:
        if (c->normalise)
            fmt_percent(out, c->val[IDX(c, f, x, s)], 0);
        else
            fmt_number(out, v, c->value_decimals);
        break;
    case LAB_PERCENT:
        fmt_percent(out, c->normalise ? c->val[IDX(c, f, x, s)] : share, 0);
        break;
    case LAB_BOTH:
        fmt_number(out, v, c->value_decimals);
        buf_puts(out, "，");
        fmt_percent(out, share, 0);
        break;
    default:
        break;
    }
}

/* Memoised: a chart is drawn many times with the same labels. */
void chart_value_label(const chart *c, buf *out, size_t f, size_t x,
                       size_t s, double share)
{
    unsigned char mk[1 + 3 * sizeof(size_t) + sizeof share];
    mk[0] = 'V';
    memcpy(mk + 1, &f, sizeof f);
    memcpy(mk + 1 + sizeof f, &x, sizeof x);
    memcpy(mk + 1 + 2 * sizeof f, &s, sizeof s);
    memcpy(mk + 1 + 3 * sizeof f, &share, sizeof share);
    char **lines;
    size_t n;
    if (cd_memo_find(c->memo, mk, sizeof mk, &lines, &n)) {
        buf_puts(out, lines[0]);
        cd_free_lines(lines, n);
        return;
    }
    size_t at = out->len;
    value_label(c, out, f, x, s, share);
    char *text = xstrndup(out->data ? out->data + at : "", out->len - at);
    cd_memo_put(c->memo, mk, sizeof mk, &text, 1);
    free(text);
}

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

/* ------------------------------------------------------------------ */
/* Data grid */

/* Venn regions in reading order: single sets, then pairs, then all, then
 * the rows in no set; returns the count written to order. */
size_t chart_venn_order(const chart *c, size_t *order)
{
    size_t n = 0;
    for (size_t k = 1; k <= c->nsets; k++)
        for (size_t m = 1; m < c->ns; m++) {
            size_t bits = 0;
            for (size_t i = 0; i < c->nsets; i++)
                bits += (m >> i) & 1;
            if (bits == k)
                order[n++] = m;
        }
    order[n++] = 0;
    return n;
}

static void build_grid(chart *c)
{
    size_t k = 0;
    buf b = BUF_INIT;
    if (c->type == CT_VENN) {
        size_t lead = c->facet_col ? 2 : 1;
        c->g.ncols = lead + 1;
        c->g.nrows = 1 + c->nf * c->ns;
        c->g.cells = xcalloc(c->g.nrows * c->g.ncols, sizeof *c->g.cells);
        if (c->facet_col)
            c->g.cells[k++] = xstrdup(c->facet_col);
        c->g.cells[k++] = xstrdup("区分");
        buf_puts(&b, "件数");
        if (*c->unit)
            buf_printf(&b, "（%s）", c->unit);
        c->g.cells[k++] = buf_detach(&b);
        size_t order[1 << VENN_MAX_SETS];
        size_t n = chart_venn_order(c, order);
        for (size_t f = 0; f < c->nf; f++)
            for (size_t i = 0; i < n; i++) {
                if (c->facet_col)
                    c->g.cells[k++] = xstrdup(c->facet_labels[f]);
                c->g.cells[k++] = xstrdup(c->series_labels[order[i]]);
                if (c->have[IDX(c, f, 0, order[i])])
                    fmt_number(&b, c->raw[IDX(c, f, 0, order[i])],
                               c->value_decimals);
                c->g.cells[k++] = buf_detach(&b);
            }
        return;
    }
    size_t lead = (c->facet_col ? 1 : 0) + (c->x_col ? 1 : 0);
    c->g.ncols = lead + c->ns;
    c->g.nrows = 1 + c->nf * c->nx;
    c->g.cells = xcalloc(c->g.nrows * c->g.ncols, sizeof *c->g.cells);
    char **cells = c->g.cells;
    if (c->facet_col)
        cells[k++] = xstrdup(c->facet_col);
    if (c->x_col)
        cells[k++] = xstrdup(c->x_col);
    for (size_t s = 0; s < c->ns; s++) {
        buf_puts(&b, c->series_labels[s]);
        if (*c->unit)
            buf_printf(&b, "（%s）", c->unit);
        cells[k++] = buf_detach(&b);
    }
    for (size_t f = 0; f < c->nf; f++)
        for (size_t x = 0; x < c->nx; x++) {
            if (c->facet_col)
                cells[k++] = xstrdup(c->facet_labels[f]);
            if (c->x_col)
                cells[k++] = xstrdup(c->x_long[x]);
            for (size_t s = 0; s < c->ns; s++) {
                if (c->have[IDX(c, f, x, s)])
                    fmt_number(&b, c->raw[IDX(c, f, x, s)],
                               c->value_decimals);
                cells[k++] = buf_detach(&b);
            }
        }
}

/* ------------------------------------------------------------------ */
/* Alternative text */

static int bar_has_data(const chart *c, size_t f, size_t x)
{
    return chart_bar_total(c, f, x) > 0;
}

/* The latest bar with data in facet f: the greatest year for year axes,
 * otherwise the last bar in key order; nx when none. */
static size_t latest_bar(const chart *c, size_t f)
{
    size_t best = c->nx;
    for (size_t x = 0; x < c->nx; x++) {
        if (!bar_has_data(c, f, x))
            continue;
        if (best == c->nx)
            best = x;
        else if (c->x_is_year ? c->x_year[x] > c->x_year[best] : 1)
            best = x;
    }
    return best;
}

static size_t largest_segment(const chart *c, size_t f, size_t x)
{
    size_t best = 0;
    for (size_t s = 1; s < c->ns; s++)
        if (c->val[IDX(c, f, x, s)] > c->val[IDX(c, f, x, best)])
            best = s;
    return best;
}

static void put_facets(const chart *c, buf *b)
{
    if (!c->facet_col)
        return;
    for (size_t f = 0; f < c->nf; f++) {
        if (f)
            buf_puts(b, "・");
        buf_puts(b, c->facet_labels[f]);
    }
    buf_puts(b, "ごとに");
}

/* The bars' range: "平成30年度から令和6年度" for years, else the count. */
static void put_x_range(const chart *c, buf *b)
{
    if (c->x_is_year && c->nx > 1) {
        size_t lo = 0, hi = 0;
        for (size_t x = 0; x < c->nx; x++) {
            if (c->x_year[x] < c->x_year[lo])
                lo = x;
            if (c->x_year[x] > c->x_year[hi])
                hi = x;
        }
        buf_printf(b, "%sから%s", c->x_long[lo], c->x_long[hi]);
    } else if (c->nx == 1) {
        buf_puts(b, c->x_long[0]);
    } else {
        buf_printf(b, "%zu項目", c->nx);
    }
}

static void put_value(const chart *c, buf *b, double v)
{
    if (c->normalise) {
        fmt_percent(b, v, 0);
        return;
    }
    fmt_number(b, v, c->value_decimals);
    buf_puts(b, *c->unit ? c->unit : "");
}

static void alt_stacked100(chart *c, buf *b)
{
    buf_puts(b, c->horizontal ? "100%積み上げ横棒グラフ。"
                              : "100%積み上げ縦棒グラフ。");
    put_facets(c, b);
    if (c->nx > 1) {
        put_x_range(c, b);
        buf_puts(b, "を比較。");
    } else if (c->nx == 1) {
        buf_printf(b, "%sの内訳。", c->x_long[0]);
    }
    /* Per facet: the latest bar's largest segment. */
    size_t *lx = xmalloc(c->nf * sizeof *lx), *ls = xmalloc(c->nf * sizeof *ls);
    int same_bar = 1, same_series = 1;
    for (size_t f = 0; f < c->nf; f++) {
        lx[f] = latest_bar(c, f);
        ls[f] = lx[f] < c->nx ? largest_segment(c, f, lx[f]) : 0;
        if (f && lx[f] != lx[0])
            same_bar = 0;
        if (f && ls[f] != ls[0])
            same_series = 0;
    }
    if (same_bar && same_series && lx[0] < c->nx) {
        buf_printf(b, "%sの%sは", c->x_long[lx[0]], c->series_labels[ls[0]]);
        for (size_t f = 0; f < c->nf; f++) {
            if (f)
                buf_puts(b, "、");
            buf_puts(b, c->facet_labels[f]);
            fmt_percent(b, c->val[IDX(c, f, lx[f], ls[f])], 0);
        }
        buf_puts(b, "。");
    } else {
        int first = 1;
        for (size_t f = 0; f < c->nf; f++) {
            if (lx[f] >= c->nx)
                continue;
            if (first && same_bar)
                buf_printf(b, "%sに最も大きい区分は、", c->x_long[lx[f]]);
            else if (first)
                buf_puts(b, "最も大きい区分は、");
            else
                buf_puts(b, "、");
            first = 0;
            if (c->facet_col && same_bar)
                buf_printf(b, "%sでは", c->facet_labels[f]);
            else if (c->facet_col)
                buf_printf(b, "%sの%sでは", c->facet_labels[f],
                           c->x_long[lx[f]]);
            buf_printf(b, "%s（", c->series_labels[ls[f]]);
            fmt_percent(b, c->val[IDX(c, f, lx[f], ls[f])], 0);
            buf_puts(b, "）");
        }
        if (!first)
            buf_puts(b, "。");
    }
    free(lx);
    free(ls);
}

/* Where a cell is, in words: "指定都市の音声認識（令和6年度）". */
static void put_cell_name(const chart *c, buf *b, size_t f, size_t x,
                          size_t s)
{
    if (c->facet_col)
        buf_printf(b, "%sの", c->facet_labels[f]);
    if (c->x_col)
        buf_puts(b, c->x_long[x]);
    if (c->series_col) {
        if (c->x_col)
            buf_printf(b, "（%s）", c->series_labels[s]);
        else
            buf_puts(b, c->series_labels[s]);
    }
}

/* Largest and smallest cells with data. */
static void put_extremes(const chart *c, buf *b)
{
    size_t n = c->nf * c->nx * c->ns, hi = n, lo = n;
    for (size_t i = 0; i < n; i++) {
        if (!c->have[i])
            continue;
        if (hi == n || c->val[i] > c->val[hi])
            hi = i;
        if (lo == n || c->val[i] < c->val[lo])
            lo = i;
    }
    if (hi == n)
        return;
    size_t per_f = c->nx * c->ns;
    buf_puts(b, "最も大きいのは");
    put_cell_name(c, b, hi / per_f, hi % per_f / c->ns, hi % c->ns);
    buf_puts(b, "の");
    put_value(c, b, c->val[hi]);
    if (lo != hi) {
        buf_puts(b, "、最も小さいのは");
        put_cell_name(c, b, lo / per_f, lo % per_f / c->ns, lo % c->ns);
        buf_puts(b, "の");
        put_value(c, b, c->val[lo]);
    }
    buf_puts(b, "。");
}

/* The trend over years: between the first and last year of the x axis (per
 * series) or of the series (summed over the bars). */
static void put_trend(const chart *c, buf *b)
{
    if (c->normalise && c->type != CT_LINE)
        return;
    for (size_t f = 0; f < c->nf; f++) {
        double a = 0, z = 0;
        const char *from = NULL, *to = NULL;
        if (c->series_is_year && c->ns > 1) {
            for (size_t x = 0; x < c->nx; x++) {
                a += c->val[IDX(c, f, x, 0)];
                z += c->val[IDX(c, f, x, c->ns - 1)];
            }
            from = c->series_labels[0];
            to = c->series_labels[c->ns - 1];
        } else if (c->x_is_year && c->nx > 1) {
            for (size_t s = 0; s < c->ns; s++) {
                a += c->val[IDX(c, f, 0, s)];
                z += c->val[IDX(c, f, c->nx - 1, s)];
            }
            from = c->x_long[0];
            to = c->x_long[c->nx - 1];
        } else {
            return;
        }
        if (c->facet_col)
            buf_printf(b, "%sでは", c->facet_labels[f]);
        buf_printf(b, "%sから%sにかけて", from, to);
        if (!c->series_is_year && c->series_col && c->ns > 1 && c->ns <= 4) {
            /* Each series on its own. */
            for (size_t s = 0; s < c->ns; s++) {
                double sa = c->val[IDX(c, f, 0, s)];
                double sz = c->val[IDX(c, f, c->nx - 1, s)];
                if (s)
                    buf_puts(b, "、");
                buf_printf(b, "%sは", c->series_labels[s]);
                put_value(c, b, sa);
                buf_puts(b, "から");
                put_value(c, b, sz);
                buf_printf(b, "に%s", fmt_trend(sz - sa, 0));
            }
            buf_puts(b, "。");
            continue;
        }
        buf_puts(b, "合計が");
        put_value(c, b, a);
        buf_puts(b, "から");
        put_value(c, b, z);
        buf_printf(b, "に%s。", fmt_trend(z - a, 0));
    }
}

static void alt_bars(chart *c, buf *b)
{
    const char *dir = c->horizontal ? "横" : "縦";
    if (c->type == CT_LINE)
        buf_puts(b, "折れ線グラフ。");
    else if (c->type == CT_STACKED)
        buf_printf(b, "積み上げ%s棒グラフ。", dir);
    else if (c->ns > 1)
        buf_printf(b, "集合%s棒グラフ。", dir);
    else
        buf_printf(b, "%s棒グラフ。", dir);
    put_facets(c, b);
    put_x_range(c, b);
    if (c->series_col && c->ns > 1) {
        buf_puts(b, "について");
        for (size_t s = 0; s < c->ns; s++) {
            if (s)
                buf_puts(b, "・");
            buf_puts(b, c->series_labels[s]);
        }
    }
    buf_puts(b, c->type == CT_LINE ? "の推移を示す。" : "を比較。");
    put_extremes(c, b);
    put_trend(c, b);
}

static void alt_pie(chart *c, buf *b)
{
    buf_puts(b, c->type == CT_DONUT ? "ドーナツグラフ。" : "円グラフ。");
    if (c->facet_col) {
        put_facets(c, b);
        buf_puts(b, "内訳を示す。");
    }
    for (size_t f = 0; f < c->nf; f++) {
        double tot = chart_bar_total(c, f, 0);
        size_t hi = c->ns, lo = c->ns;
        for (size_t s = 0; s < c->ns; s++) {
            if (!c->have[IDX(c, f, 0, s)])
                continue;
            if (hi == c->ns || c->raw[IDX(c, f, 0, s)] > c->raw[IDX(c, f, 0, hi)])
                hi = s;
            if (lo == c->ns || c->raw[IDX(c, f, 0, s)] < c->raw[IDX(c, f, 0, lo)])
                lo = s;
        }
        if (hi == c->ns || tot <= 0)
            continue;
        if (c->facet_col)
            buf_printf(b, "%sでは", c->facet_labels[f]);
        buf_puts(b, "合計");
        put_value(c, b, tot);
        buf_printf(b, "のうち%sが最も多く", c->series_labels[hi]);
        put_value(c, b, c->raw[IDX(c, f, 0, hi)]);
        buf_puts(b, "（");
        fmt_percent(b, c->raw[IDX(c, f, 0, hi)] / tot, 0);
        buf_puts(b, "）");
        if (lo != hi) {
            buf_printf(b, "、最も少ないのは%s（", c->series_labels[lo]);
            put_value(c, b, c->raw[IDX(c, f, 0, lo)]);
            buf_puts(b, "、");
            fmt_percent(b, c->raw[IDX(c, f, 0, lo)] / tot, 0);
            buf_puts(b, "）");
        }
        buf_puts(b, "。");
    }
}

static void alt_venn(chart *c, buf *b)
{
    buf_puts(b, "ベン図。");
    for (size_t i = 0; i < c->nsets; i++) {
        if (i)
            buf_puts(b, "・");
        buf_puts(b, c->set_names[i]);
    }
    buf_puts(b, "の重なりを示す。");
    size_t order[1 << VENN_MAX_SETS];
    size_t n = chart_venn_order(c, order);
    for (size_t f = 0; f < c->nf; f++) {
        if (c->facet_col)
            buf_printf(b, "%sでは", c->facet_labels[f]);
        double tot = 0;
        int first = 1;
        for (size_t i = 0; i < n; i++) {
            size_t m = order[i];
            if (m == 0 || !c->have[IDX(c, f, 0, m)])
                continue;
            if (!first)
                buf_puts(b, "、");
            first = 0;
            buf_puts(b, c->series_labels[m]);
            put_value(c, b, c->raw[IDX(c, f, 0, m)]);
            tot += c->raw[IDX(c, f, 0, m)];
        }
        buf_puts(b, "で、いずれかに該当するのは計");
        put_value(c, b, tot);
        if (c->have[IDX(c, f, 0, 0)]) {
            buf_puts(b, "、いずれにも該当しないのは");
            put_value(c, b, c->raw[IDX(c, f, 0, 0)]);
        }
        buf_puts(b, "。");
    }
}

static void build_alt(chart *c)
{
    buf b = BUF_INIT;
    if (*c->title)
        buf_printf(&b, "%sの", c->title);
    switch (c->type) {
    case CT_STACKED100:
        alt_stacked100(c, &b);
        break;
    case CT_PIE:
    case CT_DONUT:
        alt_pie(c, &b);
        break;
    case CT_VENN:
        alt_venn(c, &b);
        break;
    default:
        alt_bars(c, &b);
        break;
    }
    c->alt = buf_detach(&b);
}
