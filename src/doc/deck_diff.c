#include "deck_diff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "num.h"
#include "prov.h"
#include "utf8.h"
#include "xalloc.h"

/* ---- the longest common subsequence ---------------------------------- */

/* The pairs (ia[k], ib[k]) of a longest common subsequence of sequences
 * of n and m items under eq, in order; returns their number.  ia and ib
 * hold min(n, m) entries.  Quadratic: slides, sentences and tokens are
 * counted in hundreds. */
static size_t lcs(size_t n, size_t m, int (*eq)(const void *, size_t, size_t),
                  const void *ctx, size_t *ia, size_t *ib)
{
    size_t w = m + 1;
    unsigned *t = xcalloc((n + 1) * w, sizeof *t);
    for (size_t i = n; i-- > 0;)
        for (size_t j = m; j-- > 0;)
            t[i * w + j] = eq(ctx, i, j) ? t[(i + 1) * w + j + 1] + 1
                           : t[(i + 1) * w + j] >= t[i * w + j + 1]
                               ? t[(i + 1) * w + j]
                               : t[i * w + j + 1];
    size_t k = 0, i = 0, j = 0;
    while (i < n && j < m) {
        if (eq(ctx, i, j)) {
            ia[k] = i++;
            ib[k++] = j++;
        } else if (t[(i + 1) * w + j] >= t[i * w + j + 1]) {
            i++;
        } else {
            j++;
        }
    }
    free(t);
    return k;
}

/* The pairs of a monotonic alignment of n and m items that maximises the
 * sum of score(i, j) over the pairs (a pair scoring 0 or less is never
 * made), in order; returns their number (ia, ib: min(n, m) entries). */
static size_t align(size_t n, size_t m,
                    double (*score)(const void *, size_t, size_t),
                    const void *ctx, size_t *ia, size_t *ib)
{
    size_t w = m + 1;
    double *t = xcalloc((n + 1) * w, sizeof *t);
    double *sc = xcalloc(n * m + 1, sizeof *sc);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < m; j++)
            sc[i * m + j] = score(ctx, i, j);
    for (size_t i = n; i-- > 0;)
        for (size_t j = m; j-- > 0;) {
            double best = t[(i + 1) * w + j] > t[i * w + j + 1]
                              ? t[(i + 1) * w + j]
                              : t[i * w + j + 1];
            double s = sc[i * m + j];
            if (s > 0 && t[(i + 1) * w + j + 1] + s > best)
                best = t[(i + 1) * w + j + 1] + s;
            t[i * w + j] = best;
        }
    size_t k = 0, i = 0, j = 0;
    while (i < n && j < m) {
        double s = sc[i * m + j];
        if (s > 0 && t[i * w + j] == t[(i + 1) * w + j + 1] + s) {
            ia[k] = i++;
            ib[k++] = j++;
        } else if (t[i * w + j] == t[(i + 1) * w + j]) {
            i++;
        } else {
            j++;
        }
    }
    free(sc);
    free(t);
    return k;
}

/* ---- tokens ------------------------------------------------------------ */

static int digit_at(const char *s, size_t *len)
{
    if (*s >= '0' && *s <= '9') {
        *len = 1;
        return 1;
    }
    /* full-width ０-９: EF BC 90..99 */
    if ((unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBC &&
        (unsigned char)s[2] >= 0x90 && (unsigned char)s[2] <= 0x99) {
        *len = 3;
        return 1;
    }
    return 0;
}

/* The tokens of s: a number whole (digits with the commas and points
 * between them, and a % after), else one character. */
static dd_token *tokens(const char *s, size_t *n)
{
    size_t cap = 0;
    dd_token *t = NULL;
    *n = 0;
    const char *p = s;
    while (*p) {
        size_t len = 0, d;
        int number = 0;
        if (digit_at(p, &d)) {
            number = 1;
            while (p[len] && digit_at(p + len, &d))
                len += d;
            while ((p[len] == ',' || p[len] == '.') &&
                   digit_at(p + len + 1, &d)) {
                len++;
                while (p[len] && digit_at(p + len, &d))
                    len += d;
            }
            if (p[len] == '%')
                len++;
            else if (strncmp(p + len, "％", 3) == 0)
                len += 3;
        } else {
            size_t adv;
            utf8_decode(p, strlen(p), &adv);
            len = adv ? adv : 1;
        }
        t = xgrow(t, &cap, *n + 1, sizeof *t);
        t[(*n)++] = (dd_token){p, len, 1, number};
        p += len;
    }
    return t;
}

typedef struct tok_pair {
    const dd_token *a, *b;
} tok_pair;

static int tok_eq(const void *ctx, size_t i, size_t j)
{
    const tok_pair *p = ctx;
    return p->a[i].len == p->b[j].len &&
           memcmp(p->a[i].s, p->b[j].s, p->a[i].len) == 0;
}

void diff_tokens(const char *a, const char *b, dd_token **ta, size_t *na,
                 dd_token **tb, size_t *nb)
{
    *ta = tokens(a, na);
    *tb = tokens(b, nb);
    size_t k = *na < *nb ? *na : *nb;
    size_t *ia = xcalloc(k + 1, sizeof *ia), *ib = xcalloc(k + 1, sizeof *ib);
    tok_pair p = {*ta, *tb};
    size_t n = lcs(*na, *nb, tok_eq, &p, ia, ib);
    for (size_t i = 0; i < n; i++) {
        (*ta)[ia[i]].changed = 0;
        (*tb)[ib[i]].changed = 0;
    }
    free(ia);
    free(ib);
}

/* ---- building the diff ------------------------------------------------ */

static void add_change(dd_slide *s, size_t *cap, dd_kind kind, dd_what what,
                       const char *where, const char *label, const char *o,
                       const char *n)
{
    s->changes = xgrow(s->changes, cap, s->nchanges + 1, sizeof *s->changes);
    s->changes[s->nchanges++] = (dd_change){kind,
                                            what,
                                            xstrdup(where),
                                            label ? xstrdup(label) : NULL,
                                            o ? xstrdup(o) : NULL,
                                            n ? xstrdup(n) : NULL};
}

/* A slide's title with its figures set aside, to match slides by. */
static char *title_key(const slide *s)
{
    char *t = rich_plain(&s->title);
    buf b = BUF_INIT;
    size_t n;
    dd_token *tk = tokens(t, &n);
    for (size_t i = 0; i < n; i++)
        if (tk[i].number)
            buf_putc(&b, '#');
        else
            buf_put(&b, tk[i].s, tk[i].len);
    free(tk);
    free(t);
    return buf_detach(&b);
}

typedef struct keys {
    char **a, **b;
} keys;

static int key_eq(const void *ctx, size_t i, size_t j)
{
    const keys *k = ctx;
    return strcmp(k->a[i], k->b[j]) == 0;
}

/* The sentences of a slide, each with where it is. */
typedef struct sentence {
    char *where;
    char *text;
} sentence;

typedef struct sentences {
    sentence *v;
    size_t n, cap;
} sentences;

static void add_sentences(sentences *ss, const char *where, const rich *r)
{
    char *t = rich_plain(r);
    const char *p = t;
    while (*p) {
        const char *end = strstr(p, "。");
        size_t len = end ? (size_t)(end - p) + strlen("。") : strlen(p);
        while (len && (*p == ' ' || *p == '\n')) {
            p++;
            len--;
        }
        size_t l = len;
        while (l && (p[l - 1] == ' ' || p[l - 1] == '\n'))
            l--;
        if (l) {
            ss->v = xgrow(ss->v, &ss->cap, ss->n + 1, sizeof *ss->v);
            ss->v[ss->n++] = (sentence){xstrdup(where), xstrndup(p, l)};
        }
        p += len;
    }
    free(t);
}

static sentences slide_sentences(const slide *s)
{
    sentences ss = {0};
    char where[64];
    add_sentences(&ss, "title", &s->title);
    for (size_t i = 0; i < s->npoints; i++) {
        snprintf(where, sizeof where, "key point %zu", i + 1);
        add_sentences(&ss, where, &s->points[i]);
    }
    for (size_t i = 0; i < s->nbody; i++) {
        const block *b = &s->body[i];
        const char *w = b->kind == BLOCK_LIST      ? "list item"
                        : b->kind == BLOCK_HEADING ? "heading"
                                                   : "body";
        if (b->kind == BLOCK_CHART || b->kind == BLOCK_TABLE)
            continue;
        for (size_t k = 0; k < b->nitems; k++)
            add_sentences(&ss, w, &b->items[k]);
    }
    for (size_t i = 0; i < s->nnotes; i++)
        add_sentences(&ss, "note", &s->notes[i]);
    for (size_t i = 0; i < s->nsources; i++)
        add_sentences(&ss, "source", &s->sources[i]);
    return ss;
}

static void sentences_free(sentences *ss)
{
    for (size_t i = 0; i < ss->n; i++) {
        free(ss->v[i].where);
        free(ss->v[i].text);
    }
    free(ss->v);
}

typedef struct sent_pair {
    const sentences *a, *b;
} sent_pair;

/* What a place is, without its number: "key point 2" is a key point. */
static size_t place_len(const char *where)
{
    return strcspn(where, "0123456789");
}

/* How alike two sentences are: 2 the same; else the share of their
 * tokens in common when at least half and the places are of one kind
 * (a sentence edited), else 0 (not to be paired). */
static double sent_score(const void *ctx, size_t i, size_t j)
{
    const sent_pair *p = ctx;
    const sentence *x = &p->a->v[i], *y = &p->b->v[j];
    if (strcmp(x->text, y->text) == 0)
        return 2;
    size_t lx = place_len(x->where);
    if (lx != place_len(y->where) || strncmp(x->where, y->where, lx) != 0)
        return 0;
    dd_token *ta, *tb;
    size_t na, nb, same = 0;
    diff_tokens(x->text, y->text, &ta, &na, &tb, &nb);
    for (size_t k = 0; k < na; k++)
        same += !ta[k].changed;
    free(ta);
    free(tb);
    double r = na + nb ? 2.0 * (double)same / (double)(na + nb) : 0;
    return r >= 0.5 ? r : 0;
}

static void diff_text(const slide *o, const slide *n, dd_slide *out,
                      size_t *cap)
{
    sentences a = slide_sentences(o), b = slide_sentences(n);
    size_t k = a.n < b.n ? a.n : b.n;
    size_t *ia = xcalloc(k + 2, sizeof *ia), *ib = xcalloc(k + 2, sizeof *ib);
    sent_pair p = {&a, &b};
    size_t m = align(a.n, b.n, sent_score, &p, ia, ib);
    ia[m] = a.n; /* a last pair past both ends closes the last gap */
    ib[m] = b.n;
    size_t i = 0, j = 0;
    for (size_t x = 0; x <= m; x++) {
        for (; i < ia[x]; i++)
            add_change(out, cap, DD_REMOVED, DD_TEXT, a.v[i].where, NULL,
                       a.v[i].text, NULL);
        for (; j < ib[x]; j++)
            add_change(out, cap, DD_ADDED, DD_TEXT, b.v[j].where, NULL, NULL,
                       b.v[j].text);
        if (x < m && strcmp(a.v[i].text, b.v[j].text) != 0)
            add_change(out, cap, DD_CHANGED, DD_TEXT, b.v[j].where, NULL,
                       a.v[i].text, b.v[j].text);
        i++;
        j++;
    }
    free(ia);
    free(ib);
    sentences_free(&a);
    sentences_free(&b);
}

/* ---- charts and tables -------------------------------------------------- */

typedef struct cells {
    size_t nrows, ncols;
    char *const *v; /* row-major, row 0 the header */
    char *where;
} cells;

static int plain_number(const char *s)
{
    size_t n = strlen(s);
    num_read r;
    return n && num_scan(s, n, NUM_SIGN | NUM_GROUPS, &r) == 0 && r.len == n;
}

/* The leading columns that hold no number in any row below the header. */
static size_t label_cols(const cells *g)
{
    size_t k = 0;
    for (; k < g->ncols; k++)
        for (size_t r = 1; r < g->nrows; r++)
            if (plain_number(g->v[r * g->ncols + k]))
                return k;
    return k;
}

/* Row r's name: its first nk cells; a row named as an earlier one gets
 * its rank among them, " (2)". */
static char *row_key(const cells *g, size_t r, size_t nk)
{
    buf b = BUF_INIT;
    for (size_t k = 0; k < nk; k++)
        buf_printf(&b, "%s%s", k ? " / " : "", g->v[r * g->ncols + k]);
    if (nk == 0)
        buf_printf(&b, "row %zu", r);
    size_t same = 1;
    for (size_t q = 1; q < r && nk; q++) {
        size_t k = 0;
        while (k < nk &&
               strcmp(g->v[q * g->ncols + k], g->v[r * g->ncols + k]) == 0)
            k++;
        same += k == nk;
    }
    if (same > 1)
        buf_printf(&b, " (%zu)", same);
    return buf_detach(&b);
}

/* Whether the first nk cells name every row of g once. */
static int unique_rows(const cells *g, size_t nk)
{
    for (size_t r = 1; r < g->nrows; r++)
        for (size_t q = 1; q < r; q++) {
            size_t k = 0;
            while (k < nk &&
                   strcmp(g->v[q * g->ncols + k], g->v[r * g->ncols + k]) == 0)
                k++;
            if (k == nk)
                return 0;
        }
    return 1;
}

/* The columns that name the rows of both grids: the label columns; in a
 * table of words (no column of numbers), the fewest leading columns that
 * name every row once, leaving at least one column to compare. */
static size_t key_cols(const cells *a, const cells *b)
{
    size_t ka = label_cols(a), kb = label_cols(b);
    size_t nk = ka < kb ? ka : kb;
    size_t width = a->ncols < b->ncols ? a->ncols : b->ncols;
    if (nk < width || width < 2)
        return nk;
    for (size_t k = 1; k < width; k++)
        if (unique_rows(a, k) && unique_rows(b, k))
            return k;
    return 1;
}

static long find_row(const cells *g, size_t nk, const char *key)
{
    for (size_t r = 1; r < g->nrows; r++) {
        char *k = row_key(g, r, nk);
        int same = strcmp(k, key) == 0;
        free(k);
        if (same)
            return (long)r;
    }
    return -1;
}

static long find_col(const cells *g, size_t nk, const char *head)
{
    for (size_t c = nk; c < g->ncols; c++)
        if (strcmp(g->v[c], head) == 0)
            return (long)c;
    return -1;
}

/* "KEY v, KEY v, …" over the rows of g for column c (rows whose key is
 * not in other, when other is given, left out: they are reported whole). */
static char *column_values(const cells *g, size_t nk, size_t c)
{
    buf b = BUF_INIT;
    for (size_t r = 1; r < g->nrows; r++) {
        char *k = row_key(g, r, nk);
        buf_printf(&b, "%s%s %s", r > 1 ? ", " : "", k, g->v[r * g->ncols + c]);
        free(k);
    }
    return buf_detach(&b);
}

static char *row_values(const cells *g, size_t nk, size_t r)
{
    buf b = BUF_INIT;
    for (size_t c = nk; c < g->ncols; c++)
        buf_printf(&b, "%s%s %s", c > nk ? ", " : "", g->v[c],
                   g->v[r * g->ncols + c]);
    return buf_detach(&b);
}

static void diff_cells(const cells *a, const cells *b, dd_slide *out,
                       size_t *cap)
{
    size_t nk = key_cols(a, b);
    const char *w = b->where;
    /* columns only on one side */
    for (size_t c = nk; c < b->ncols; c++)
        if (find_col(a, nk, b->v[c]) < 0) {
            char *v = column_values(b, nk, c);
            add_change(out, cap, DD_ADDED, DD_VALUE, w, b->v[c], NULL, v);
            free(v);
        }
    for (size_t c = nk; c < a->ncols; c++)
        if (find_col(b, nk, a->v[c]) < 0) {
            char *v = column_values(a, nk, c);
            add_change(out, cap, DD_REMOVED, DD_VALUE, w, a->v[c], v, NULL);
            free(v);
        }
    /* rows, in the new order, then the old rows gone */
    for (size_t r = 1; r < b->nrows; r++) {
        char *key = row_key(b, r, nk);
        long ra = find_row(a, nk, key);
        if (ra < 0) {
            char *v = row_values(b, nk, r);
            add_change(out, cap, DD_ADDED, DD_VALUE, w, key, NULL, v);
            free(v);
        } else {
            for (size_t c = nk; c < b->ncols; c++) {
                long ca = find_col(a, nk, b->v[c]);
                if (ca < 0)
                    continue;
                const char *x = a->v[(size_t)ra * a->ncols + (size_t)ca];
                const char *y = b->v[r * b->ncols + c];
                if (strcmp(x, y) != 0) {
                    buf label = BUF_INIT;
                    buf_printf(&label, "%s, %s", key, b->v[c]);
                    add_change(out, cap, DD_CHANGED, DD_VALUE, w,
                               buf_cstr(&label), x, y);
                    buf_free(&label);
                }
            }
        }
        free(key);
    }
    for (size_t r = 1; r < a->nrows; r++) {
        char *key = row_key(a, r, nk);
        if (find_row(b, nk, key) < 0) {
            char *v = row_values(a, nk, r);
            add_change(out, cap, DD_REMOVED, DD_VALUE, w, key, v, NULL);
            free(v);
        }
        free(key);
    }
}

/* The charts (kind BLOCK_CHART) or tables of a slide as cells. */
static cells *slide_cells(const slide *s, block_kind kind, size_t *n)
{
    cells *v = NULL;
    size_t cap = 0;
    *n = 0;
    for (size_t i = 0; i < s->nbody; i++) {
        const block *b = &s->body[i];
        if (b->kind != kind)
            continue;
        buf where = BUF_INIT;
        cells g;
        if (kind == BLOCK_CHART) {
            const grid *gr = chart_grid(b->chart);
            g = (cells){gr->nrows, gr->ncols, gr->cells, NULL};
            const char *t = chart_title(b->chart);
            buf_printf(&where, "chart %zu", *n + 1);
            if (t[0])
                buf_printf(&where, " 「%s」", t);
        } else {
            g = (cells){b->table->nrows, b->table->ncols, b->table->cells,
                        NULL};
            buf_printf(&where, "table %zu", *n + 1);
        }
        g.where = where.data;
        v = xgrow(v, &cap, *n + 1, sizeof *v);
        v[(*n)++] = g;
    }
    return v;
}

static void diff_data(const slide *o, const slide *n, dd_slide *out,
                      size_t *cap)
{
    static const block_kind kinds[] = {BLOCK_CHART, BLOCK_TABLE};
    for (size_t k = 0; k < 2; k++) {
        size_t na, nb;
        cells *a = slide_cells(o, kinds[k], &na);
        cells *b = slide_cells(n, kinds[k], &nb);
        size_t both = na < nb ? na : nb;
        for (size_t i = 0; i < both; i++)
            diff_cells(&a[i], &b[i], out, cap);
        for (size_t i = both; i < nb; i++)
            add_change(out, cap, DD_ADDED, DD_VALUE, b[i].where, NULL, NULL,
                       kinds[k] == BLOCK_CHART ? "a chart" : "a table");
        for (size_t i = both; i < na; i++)
            add_change(out, cap, DD_REMOVED, DD_VALUE, a[i].where, NULL,
                       kinds[k] == BLOCK_CHART ? "a chart" : "a table", NULL);
        for (size_t i = 0; i < na; i++)
            free(a[i].where);
        for (size_t i = 0; i < nb; i++)
            free(b[i].where);
        free(a);
        free(b);
    }
}

/* ---- slides ------------------------------------------------------------ */

static void push_slide(deck_diff *dd, size_t *cap, dd_slide s)
{
    dd->slides = xgrow(dd->slides, cap, dd->nslides + 1, sizeof *dd->slides);
    dd->slides[dd->nslides++] = s;
}

static void pair(deck_diff *dd, size_t *cap, const deck *a, size_t i,
                 const deck *b, size_t j)
{
    const slide *o = &a->slides[i], *n = &b->slides[j];
    dd_slide s = {i + 1, j + 1, rich_plain(&n->title), NULL, 0};
    size_t ccap = 0;
    if (o->prov != n->prov)
        add_change(&s, &ccap, DD_CHANGED, DD_STATUS, "status", NULL,
                   prov_name(o->prov), prov_name(n->prov));
    diff_text(o, n, &s, &ccap);
    diff_data(o, n, &s, &ccap);
    if (s.nchanges) {
        dd->nchanges += s.nchanges;
        push_slide(dd, cap, s);
    } else {
        free(s.title);
    }
}

static void one_side(deck_diff *dd, size_t *cap, const deck *d, size_t i,
                     int added)
{
    dd_slide s = {added ? 0 : i + 1, added ? i + 1 : 0,
                  rich_plain(&d->slides[i].title), NULL, 0};
    dd->nchanges++;
    push_slide(dd, cap, s);
}

deck_diff *deck_diff_make(const deck *a, const deck *b)
{
    deck_diff *dd = xcalloc(1, sizeof *dd);
    dd->old_count = a->nslides;
    dd->new_count = b->nslides;
    keys k = {xcalloc(a->nslides + 1, sizeof(char *)),
              xcalloc(b->nslides + 1, sizeof(char *))};
    for (size_t i = 0; i < a->nslides; i++)
        k.a[i] = title_key(&a->slides[i]);
    for (size_t j = 0; j < b->nslides; j++)
        k.b[j] = title_key(&b->slides[j]);
    size_t mn = a->nslides < b->nslides ? a->nslides : b->nslides;
    size_t *ia = xcalloc(mn + 2, sizeof *ia), *ib = xcalloc(mn + 2, sizeof *ib);
    size_t m = lcs(a->nslides, b->nslides, key_eq, &k, ia, ib);
    ia[m] = a->nslides;
    ib[m] = b->nslides;
    size_t cap = 0, i = 0, j = 0;
    for (size_t x = 0; x <= m; x++) {
        while (i < ia[x] && j < ib[x])
            pair(dd, &cap, a, i++, b, j++);
        for (; i < ia[x]; i++)
            one_side(dd, &cap, a, i, 0);
        for (; j < ib[x]; j++)
            one_side(dd, &cap, b, j, 1);
        if (x < m)
            pair(dd, &cap, a, i++, b, j++);
    }
    for (size_t x = 0; x < a->nslides; x++)
        free(k.a[x]);
    for (size_t x = 0; x < b->nslides; x++)
        free(k.b[x]);
    free(k.a);
    free(k.b);
    free(ia);
    free(ib);
    return dd;
}

void deck_diff_free(deck_diff *dd)
{
    if (!dd)
        return;
    for (size_t i = 0; i < dd->nslides; i++) {
        dd_slide *s = &dd->slides[i];
        for (size_t k = 0; k < s->nchanges; k++) {
            free(s->changes[k].where);
            free(s->changes[k].label);
            free(s->changes[k].old_text);
            free(s->changes[k].new_text);
        }
        free(s->changes);
        free(s->title);
    }
    free(dd->slides);
    free(dd);
}
