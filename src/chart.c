/* chart: spec parsing, data building, drawing, alt text and data grid.
 * See chart.h and docs/charts.md. */
#include "chart.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "era.h"
#include "expr.h"
#include "format.h"
#include "suggest.h"
#include "xalloc.h"

/* ------------------------------------------------------------------ */
/* Keys */

enum {
    K_TYPE,
    K_DATA,
    K_FILTER,
    K_X,
    K_Y,
    K_VALUE,
    K_SERIES,
    K_FACET,
    K_SORT,
    K_TOP,
    K_OTHER,
    K_NORMALISE,
    K_LABELS,
    K_UNIT,
    K_COLOURS,
    K_TITLE,
    K_SIZE,
    K_ALT,
    K_LEGEND,
    K_COUNT
};

static const char *const key_names[K_COUNT] = {
    "type",   "data",      "filter", "x",       "y",     "value", "series",
    "facet",  "sort",      "top",    "other",   "normalise", "labels",
    "unit",   "colours",   "title",  "size",    "alt",   "legend"};

static const char *const type_names[] = {"stacked-bar-100"};
#define NTYPES (sizeof type_names / sizeof type_names[0])

enum { LEGEND_TOP, LEGEND_BOTTOM, LEGEND_OFF };

struct chart_spec {
    char *val[K_COUNT];      /* NULL when the key is absent */
    srcloc key_at[K_COUNT];  /* position of the key */
    srcloc val_at[K_COUNT];  /* position of the value's first character */
    srcloc block;            /* first line of the block */
    int labels;              /* 1 = value labels on */
    int legend;
    int descending;          /* sort: descending */
    size_t top;              /* 0 = all series */
    double aspect;           /* 0 = automatic */
    rgb *colours;
    size_t ncolours;
};

/* ------------------------------------------------------------------ */
/* Small helpers */

static size_t cp_count(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            k++;
    return k;
}

static srcloc loc_plus(srcloc base, const char *line, size_t off)
{
    srcloc r = base;
    if (r.line > 0)
        r.col = (r.col > 0 ? r.col : 1) + (int)cp_count(line, off);
    return r;
}

static int is_space(char c) { return c == ' ' || c == '\t'; }

static char *dup_trimmed(const char *s, size_t n)
{
    while (n > 0 && is_space(*s)) {
        s++;
        n--;
    }
    while (n > 0 && is_space(s[n - 1]))
        n--;
    return xstrndup(s, n);
}

static void hint_key_list(diag_list *d, const char *const *names, size_t n)
{
    buf b = BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_puts(&b, ", ");
        buf_puts(&b, names[i]);
    }
    diag_hint(d, "expected one of: %s", buf_cstr(&b));
    buf_free(&b);
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static int parse_hex_colour(const char *s, size_t n, rgb *out)
{
    if (n != 7 || s[0] != '#')
        return -1;
    int v[6];
    for (int i = 0; i < 6; i++)
        if ((v[i] = hexval(s[1 + i])) < 0)
            return -1;
    out->r = (v[0] * 16 + v[1]) / 255.0;
    out->g = (v[2] * 16 + v[3]) / 255.0;
    out->b = (v[4] * 16 + v[5]) / 255.0;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Spec parsing */

static int on_off(const char *v, int *out)
{
    if (!strcmp(v, "on")) {
        *out = 1;
        return 0;
    }
    if (!strcmp(v, "off")) {
        *out = 0;
        return 0;
    }
    return -1;
}

static int parse_positive_number(const char *s, size_t n, double *out)
{
    double v = 0, scale = 0;
    size_t digits = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            if (scale > 0) {
                v += (c - '0') * scale;
                scale /= 10;
            } else {
                v = v * 10 + (c - '0');
            }
            digits++;
        } else if (c == '.' && scale == 0) {
            scale = 0.1;
        } else {
            return -1;
        }
    }
    if (digits == 0 || v <= 0)
        return -1;
    *out = v;
    return 0;
}

/* Validates the values of keys whose value is not a column name. */
static void check_values(chart_spec *s, diag_list *d)
{
    const char *v;
    if ((v = s->val[K_TYPE])) {
        size_t i;
        for (i = 0; i < NTYPES; i++)
            if (!strcmp(v, type_names[i]))
                break;
        if (i == NTYPES) {
            diag_at(d, DIAG_ERROR, s->val_at[K_TYPE], "unknown chart type '%s'",
                    v);
            const char *near = suggest_nearest(v, type_names, NTYPES);
            if (near)
                diag_hint(d, "did you mean '%s'?", near);
            else
                hint_key_list(d, type_names, NTYPES);
        }
    }
    if ((v = s->val[K_LABELS]) && on_off(v, &s->labels) < 0)
        diag_at(d, DIAG_ERROR, s->val_at[K_LABELS],
                "labels: expected 'on' or 'off', got '%s'", v);
    if ((v = s->val[K_NORMALISE])) {
        int n = 1;
        if (on_off(v, &n) < 0)
            diag_at(d, DIAG_ERROR, s->val_at[K_NORMALISE],
                    "normalise: expected 'on' or 'off', got '%s'", v);
        else if (!n) {
            diag_at(d, DIAG_ERROR, s->val_at[K_NORMALISE],
                    "normalise: off is not possible for stacked-bar-100");
            diag_hint(d, "a 100%% stacked bar always shows each segment's "
                         "share of its bar; remove this line");
        }
    }
    if ((v = s->val[K_LEGEND])) {
        if (!strcmp(v, "top"))
            s->legend = LEGEND_TOP;
        else if (!strcmp(v, "bottom"))
            s->legend = LEGEND_BOTTOM;
        else if (!strcmp(v, "off"))
            s->legend = LEGEND_OFF;
        else
            diag_at(d, DIAG_ERROR, s->val_at[K_LEGEND],
                    "legend: expected 'top', 'bottom' or 'off', got '%s'", v);
    }
    if ((v = s->val[K_SORT])) {
        if (!strcmp(v, "ascending"))
            s->descending = 0;
        else if (!strcmp(v, "descending"))
            s->descending = 1;
        else
            diag_at(d, DIAG_ERROR, s->val_at[K_SORT],
                    "sort: expected 'ascending' (oldest bar at the top) or "
                    "'descending', got '%s'",
                    v);
    }
    if ((v = s->val[K_TOP])) {
        double t;
        if (parse_positive_number(v, strlen(v), &t) < 0 || t != floor(t) ||
            t > 1000)
            diag_at(d, DIAG_ERROR, s->val_at[K_TOP],
                    "top: expected a whole number from 1 to 1000, got '%s'", v);
        else
            s->top = (size_t)t;
    }
    if ((v = s->val[K_SIZE]) && strcmp(v, "auto") != 0) {
        const char *colon = strchr(v, ':');
        double wv, hv;
        if (!colon ||
            parse_positive_number(v, (size_t)(colon - v), &wv) < 0 ||
            parse_positive_number(colon + 1, strlen(colon + 1), &hv) < 0)
            diag_at(d, DIAG_ERROR, s->val_at[K_SIZE],
                    "size: expected 'auto' or width:height such as 16:5, "
                    "got '%s'",
                    v);
        else
            s->aspect = hv / wv;
    }
    if ((v = s->val[K_COLOURS])) {
        const char *p = v;
        for (;;) {
            size_t n = strcspn(p, ",");
            size_t a = 0;
            while (a < n && is_space(p[a]))
                a++;
            size_t e = n;
            while (e > a && is_space(p[e - 1]))
                e--;
            rgb c;
            if (parse_hex_colour(p + a, e - a, &c) < 0) {
                srcloc at = s->val_at[K_COLOURS];
                at.col += (int)cp_count(v, (size_t)(p - v) + a);
                diag_at(d, DIAG_ERROR, at,
                        "colours: expected a colour as #rrggbb, got '%.*s'",
                        (int)(e - a), p + a);
                diag_hint(d, "separate colours with commas: "
                             "#1b3a63, #2b5e9e, #a3c6e8");
                break;
            }
            s->colours = xrealloc(s->colours, (s->ncolours + 1) * sizeof c);
            s->colours[s->ncolours++] = c;
            if (!p[n])
                break;
            p += n + 1;
        }
    }
}

chart_spec *chart_spec_parse(const char *text, size_t len,
                             const srcloc *lines, size_t nlines,
                             diag_list *d)
{
    size_t errs = diag_error_count(d);
    chart_spec *s = xcalloc(1, sizeof *s);
    s->labels = 1;
    s->legend = LEGEND_TOP;
    if (nlines > 0)
        s->block = lines[0];
    size_t pos = 0, li = 0;
    while (pos < len) {
        const char *line = text + pos;
        size_t n = 0;
        while (pos + n < len && text[pos + n] != '\n')
            n++;
        size_t next = pos + n + (pos + n < len ? 1 : 0);
        size_t ln = n;
        if (ln > 0 && line[ln - 1] == '\r')
            ln--;
        srcloc base = li < nlines ? lines[li] : s->block;
        if (li >= nlines)
            base.line = base.col = 0;
        li++;
        pos = next;
        size_t i = 0;
        while (i < ln && is_space(line[i]))
            i++;
        if (i == ln || line[i] == '#')
            continue;
        const char *colon = memchr(line + i, ':', ln - i);
        if (!colon) {
            diag_at(d, DIAG_ERROR, loc_plus(base, line, i),
                    "expected 'key: value' in a chart block");
            diag_hint(d, "for example 'type: stacked-bar-100'");
            continue;
        }
        size_t ke = (size_t)(colon - line);
        char *key = dup_trimmed(line + i, ke - i);
        size_t vs = ke + 1;
        while (vs < ln && is_space(line[vs]))
            vs++;
        int k;
        for (k = 0; k < K_COUNT; k++)
            if (!strcmp(key, key_names[k]))
                break;
        if (k == K_COUNT) {
            const char *near = NULL;
            /* British and American spellings are both common. */
            if (!strcmp(key, "color") || !strcmp(key, "colors") ||
                !strcmp(key, "colour"))
                near = "colours";
            else if (!strcmp(key, "normalize"))
                near = "normalise";
            else
                near = suggest_nearest(key, key_names, K_COUNT);
            diag_at(d, DIAG_ERROR, loc_plus(base, line, i),
                    "unknown chart key '%s'", key);
            if (near)
                diag_hint(d, "did you mean '%s'?", near);
            else
                hint_key_list(d, key_names, K_COUNT);
            free(key);
            continue;
        }
        free(key);
        if (s->val[k]) {
            diag_at(d, DIAG_ERROR, loc_plus(base, line, i),
                    "chart key '%s' given twice", key_names[k]);
            diag_hint(d, "the first is at line %d", s->key_at[k].line);
            continue;
        }
        char *val = dup_trimmed(line + vs, ln - vs);
        s->key_at[k] = loc_plus(base, line, i);
        s->val_at[k] = loc_plus(base, line, vs);
        if (!*val && k != K_TITLE && k != K_ALT) {
            diag_at(d, DIAG_ERROR, s->val_at[k], "chart key '%s' needs a value",
                    key_names[k]);
            free(val);
            continue;
        }
        s->val[k] = val;
    }
    static const int required[] = {K_TYPE, K_DATA, K_X, K_SERIES};
    for (size_t r = 0; r < sizeof required / sizeof required[0]; r++) {
        int k = required[r];
        if (!s->val[k] && diag_error_count(d) == errs) {
            diag_at(d, DIAG_ERROR, s->block, "chart: missing required key '%s'",
                    key_names[k]);
            diag_hint(d, "add a line '%s: …'", key_names[k]);
        } else if (!s->val[k]) {
            diag_at(d, DIAG_ERROR, s->block, "chart: missing required key '%s'",
                    key_names[k]);
        }
    }
    if (s->val[K_VALUE] && s->val[K_Y]) {
        diag_at(d, DIAG_ERROR, s->key_at[K_Y],
                "chart keys 'value' and 'y' name the same thing");
        diag_hint(d, "keep only 'value: …'");
    }
    check_values(s, d);
    if (diag_error_count(d) > errs) {
        chart_spec_free(s);
        return NULL;
    }
    return s;
}

void chart_spec_free(chart_spec *s)
{
    if (!s)
        return;
    for (int k = 0; k < K_COUNT; k++)
        free(s->val[k]);
    free(s->colours);
    free(s);
}

/* ------------------------------------------------------------------ */
/* Palette and colour arithmetic */

static const rgb palette[] = {
    {0x1B / 255.0, 0x3A / 255.0, 0x63 / 255.0}, /* dark blue   L* 24 */
    {0x2B / 255.0, 0x5E / 255.0, 0x9E / 255.0}, /* blue        L* 40 */
    {0xA3 / 255.0, 0xC6 / 255.0, 0xE8 / 255.0}, /* light blue  L* 79 */
    {0xEE / 255.0, 0x8A / 255.0, 0x3A / 255.0}, /* orange      L* 67 */
    {0x87 / 255.0, 0x87 / 255.0, 0x87 / 255.0}, /* grey        L* 56 */
    {0xDC / 255.0, 0xDC / 255.0, 0xDC / 255.0}, /* light grey  L* 88 */
    {0xA8 / 255.0, 0x4E / 255.0, 0x0C / 255.0}, /* dark orange */
    {0x4D / 255.0, 0x4D / 255.0, 0x4D / 255.0}, /* dark grey */
};
#define NPALETTE (sizeof palette / sizeof palette[0])

static const rgb text_dark = {0x1A / 255.0, 0x1A / 255.0, 0x1A / 255.0};
static const rgb white = {1, 1, 1};
static const rgb axis_grey = {0x59 / 255.0, 0x59 / 255.0, 0x59 / 255.0};

size_t chart_palette_size(void) { return NPALETTE; }

rgb chart_palette_colour(size_t i) { return palette[i % NPALETTE]; }

static double lin(double c)
{
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

double chart_luminance(rgb c)
{
    return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

double chart_contrast(rgb a, rgb b)
{
    double la = chart_luminance(a), lb = chart_luminance(b);
    if (la < lb) {
        double t = la;
        la = lb;
        lb = t;
    }
    return (la + 0.05) / (lb + 0.05);
}

double chart_lightness(rgb c)
{
    double y = chart_luminance(c);
    double f = y > 216.0 / 24389.0 ? cbrt(y) : (24389.0 / 27.0 * y + 16) / 116;
    return 116 * f - 16;
}

rgb chart_text_colour_on(rgb bg)
{
    return chart_contrast(white, bg) >= chart_contrast(text_dark, bg)
               ? white
               : text_dark;
}

/* ------------------------------------------------------------------ */
/* The built chart */

struct chart {
    char *title;
    char *alt;
    int alt_given;
    int labels, legend;
    double aspect;
    char *facet_col, *x_col, *unit;
    int x_is_year;
    size_t nf, nx, ns;
    char **facet_labels;
    char **x_short, **x_long;
    int *x_year;
    char **series_labels;
    rgb *colours;
    double *val;          /* [f][x][s] */
    unsigned char *have;  /* [f][x][s] */
    int value_decimals;
    prov prov;
    grid g;
};

#define IDX(c, f, x, s) (((f) * (c)->nx + (x)) * (c)->ns + (s))

typedef struct key {
    double num;
    const char *text;
} key;

typedef struct keyset {
    key *k;
    size_t n, cap;
    int by_text;
} keyset;

static int key_match(const keyset *ks, const cell *ce, size_t i)
{
    return ks->by_text ? strcmp(ks->k[i].text, ce->text) == 0
                       : ks->k[i].num == ce->num;
}

static long key_find(const keyset *ks, const cell *ce)
{
    for (size_t i = 0; i < ks->n; i++)
        if (key_match(ks, ce, i))
            return (long)i;
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

static const column *find_column(const table *t, const chart_spec *s, int k,
                                 diag_list *d)
{
    const char *name = s->val[k];
    int i = table_col(t, name);
    if (i >= 0)
        return &t->cols[i];
    diag_at(d, DIAG_ERROR, s->val_at[k], "%s: no column '%s' in table '%s'",
            key_names[k], name, t->name);
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

static char **labels_of(const keyset *ks, const column *co)
{
    char **out = xcalloc(ks->n ? ks->n : 1, sizeof *out);
    for (size_t i = 0; i < ks->n; i++) {
        if (co->type == COL_CATEGORY && co->categories &&
            ks->k[i].num >= 0 && (size_t)ks->k[i].num < co->ncategories)
            out[i] = xstrdup(co->categories[(size_t)ks->k[i].num]);
        else
            out[i] = xstrdup(ks->k[i].text);
    }
    return out;
}

static void free_strings(char **v, size_t n)
{
    if (!v)
        return;
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

static void build_grid(chart *c);
static void build_alt(chart *c);

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
    const column *cf = s->val[K_FACET] ? find_column(t, s, K_FACET, d) : NULL;
    const column *cv = vk >= 0 ? find_column(t, s, vk, d) : NULL;
    if (cv && cv->type != COL_INTEGER && cv->type != COL_DECIMAL) {
        diag_at(d, DIAG_ERROR, s->val_at[vk],
                "%s: column '%s' is %s; a number column is needed",
                key_names[vk], cv->name, col_type_name(cv->type));
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
        if (keep[r] && (cx->cells[r].missing || cs->cells[r].missing ||
                        (cf && cf->cells[r].missing) ||
                        (cv && cv->cells[r].missing)))
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

    keyset kx = {0}, ks = {0}, kf = {0};
    collect_keys(cx, t->nrows, keep, &kx);
    collect_keys(cs, t->nrows, keep, &ks);
    if (cf)
        collect_keys(cf, t->nrows, keep, &kf);

    chart *c = xcalloc(1, sizeof *c);
    c->title = xstrdup(s->val[K_TITLE] ? s->val[K_TITLE] : "");
    c->alt_given = s->val[K_ALT] && *s->val[K_ALT];
    c->labels = s->labels;
    c->legend = s->legend;
    c->aspect = s->aspect;
    c->facet_col = cf ? xstrdup(cf->name) : NULL;
    c->x_col = xstrdup(cx->name);
    c->unit = s->val[K_UNIT] ? xstrdup(s->val[K_UNIT]) : NULL;
    c->x_is_year = cx->type == COL_YEAR;
    c->nf = cf ? kf.n : 1;
    c->nx = kx.n;
    c->value_decimals = cv && cv->type == COL_DECIMAL ? 2 : 0;

    /* Bars: in key order, reversed for sort: descending. */
    if (s->descending)
        for (size_t i = 0; i < kx.n / 2; i++) {
            key tmp = kx.k[i];
            kx.k[i] = kx.k[kx.n - 1 - i];
            kx.k[kx.n - 1 - i] = tmp;
        }
    c->x_short = labels_of(&kx, cx);
    c->x_long = labels_of(&kx, cx);
    c->x_year = xcalloc(kx.n ? kx.n : 1, sizeof *c->x_year);
    if (c->x_is_year)
        for (size_t i = 0; i < kx.n; i++) {
            buf b = BUF_INIT;
            c->x_year[i] = (int)kx.k[i].num;
            era_format_year_short(&b, c->x_year[i]);
            free(c->x_short[i]);
            c->x_short[i] = buf_detach(&b);
            era_format_fiscal_year(&b, c->x_year[i]);
            free(c->x_long[i]);
            c->x_long[i] = buf_detach(&b);
        }
    if (cf) {
        c->facet_labels = labels_of(&kf, cf);
    } else {
        c->facet_labels = xcalloc(1, sizeof *c->facet_labels);
        c->facet_labels[0] = xstrdup("");
    }

    /* Sum the values per (facet, bar, series key). */
    size_t nsk = ks.n;
    double *raw = xcalloc(c->nf * c->nx * nsk, sizeof *raw);
    unsigned char *rawhave = xcalloc(c->nf * c->nx * nsk, 1);
    c->prov = PROV_FINAL;
    for (size_t r = 0; r < t->nrows; r++) {
        if (!keep[r])
            continue;
        size_t f = cf ? (size_t)key_find(&kf, &cf->cells[r]) : 0;
        size_t x = (size_t)key_find(&kx, &cx->cells[r]);
        size_t si = (size_t)key_find(&ks, &cs->cells[r]);
        size_t i = (f * c->nx + x) * nsk + si;
        raw[i] += cv ? cv->cells[r].num : 1.0;
        rawhave[i] = 1;
        if (t->status && t->status[r] > c->prov)
            c->prov = t->status[r];
    }

    /* top: N keeps the N largest series (by total), the rest become one
     * "other" series at the end. */
    size_t *map = xmalloc((nsk ? nsk : 1) * sizeof *map);
    c->ns = nsk;
    for (size_t i = 0; i < nsk; i++)
        map[i] = i;
    char **slabels = labels_of(&ks, cs);
    if (s->top > 0 && nsk > s->top) {
        double *tot = xcalloc(nsk, sizeof *tot);
        for (size_t i = 0; i < c->nf * c->nx * nsk; i++)
            tot[i % nsk] += raw[i];
        unsigned char *kept = xcalloc(nsk, 1);
        for (size_t n = 0; n < s->top; n++) {
            size_t best = nsk;
            for (size_t i = 0; i < nsk; i++)
                if (!kept[i] && (best == nsk || tot[i] > tot[best]))
                    best = i;
            kept[best] = 1;
        }
        size_t j = 0;
        for (size_t i = 0; i < nsk; i++)
            if (kept[i])
                map[i] = j++;
        for (size_t i = 0; i < nsk; i++)
            if (!kept[i])
                map[i] = j;
        c->ns = j + 1;
        c->series_labels = xcalloc(c->ns, sizeof *c->series_labels);
        for (size_t i = 0; i < nsk; i++)
            if (kept[i])
                c->series_labels[map[i]] = xstrdup(slabels[i]);
        c->series_labels[j] =
            xstrdup(s->val[K_OTHER] ? s->val[K_OTHER] : "その他");
        free(tot);
        free(kept);
        free_strings(slabels, nsk);
    } else {
        c->series_labels = slabels;
    }
    c->val = xcalloc(c->nf * c->nx * c->ns, sizeof *c->val);
    c->have = xcalloc(c->nf * c->nx * c->ns, 1);
    for (size_t f = 0; f < c->nf; f++)
        for (size_t x = 0; x < c->nx; x++)
            for (size_t i = 0; i < nsk; i++) {
                size_t from = (f * c->nx + x) * nsk + i;
                if (!rawhave[from])
                    continue;
                c->val[IDX(c, f, x, map[i])] += raw[from];
                c->have[IDX(c, f, x, map[i])] = 1;
            }
    c->colours = xmalloc(c->ns * sizeof *c->colours);
    for (size_t i = 0; i < c->ns; i++)
        c->colours[i] = i < s->ncolours ? s->colours[i]
                                        : chart_palette_colour(i);

    free(map);
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
    free(c->unit);
    free_strings(c->facet_labels, c->nf);
    free_strings(c->x_short, c->nx);
    free_strings(c->x_long, c->nx);
    free(c->x_year);
    free_strings(c->series_labels, c->ns);
    free(c->colours);
    free(c->val);
    free(c->have);
    free_strings(c->g.cells, c->g.nrows * c->g.ncols);
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

static double bar_total(const chart *c, size_t f, size_t x)
{
    double t = 0;
    for (size_t s = 0; s < c->ns; s++)
        if (c->have[IDX(c, f, x, s)] && c->val[IDX(c, f, x, s)] > 0)
            t += c->val[IDX(c, f, x, s)];
    return t;
}

static int bar_has_data(const chart *c, size_t f, size_t x)
{
    return bar_total(c, f, x) > 0;
}

/* ------------------------------------------------------------------ */
/* Grid and alt text */

static void build_grid(chart *c)
{
    size_t lead = c->facet_col ? 2 : 1;
    c->g.ncols = lead + c->ns;
    c->g.nrows = 1 + c->nf * c->nx;
    c->g.cells = xcalloc(c->g.nrows * c->g.ncols, sizeof *c->g.cells);
    char **cells = c->g.cells;
    size_t k = 0;
    if (c->facet_col)
        cells[k++] = xstrdup(c->facet_col);
    cells[k++] = xstrdup(c->x_col);
    for (size_t s = 0; s < c->ns; s++) {
        buf b = BUF_INIT;
        buf_puts(&b, c->series_labels[s]);
        if (c->unit && *c->unit)
            buf_printf(&b, "（%s）", c->unit);
        cells[k++] = buf_detach(&b);
    }
    for (size_t f = 0; f < c->nf; f++)
        for (size_t x = 0; x < c->nx; x++) {
            if (c->facet_col)
                cells[k++] = xstrdup(c->facet_labels[f]);
            cells[k++] = xstrdup(c->x_long[x]);
            for (size_t s = 0; s < c->ns; s++) {
                buf b = BUF_INIT;
                if (c->have[IDX(c, f, x, s)])
                    fmt_number(&b, c->val[IDX(c, f, x, s)], c->value_decimals);
                cells[k++] = buf_detach(&b);
            }
        }
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

static void build_alt(chart *c)
{
    buf b = BUF_INIT;
    if (*c->title)
        buf_printf(&b, "%sの", c->title);
    buf_puts(&b, "100%積み上げ横棒グラフ。");
    if (c->facet_col) {
        for (size_t f = 0; f < c->nf; f++) {
            if (f)
                buf_puts(&b, "・");
            buf_puts(&b, c->facet_labels[f]);
        }
        buf_puts(&b, "ごとに");
    }
    /* The range of bars, oldest to newest for years. */
    size_t lo = 0, hi = c->nx ? c->nx - 1 : 0;
    if (c->x_is_year)
        for (size_t x = 0; x < c->nx; x++) {
            if (c->x_year[x] < c->x_year[lo])
                lo = x;
            if (c->x_year[x] > c->x_year[hi])
                hi = x;
        }
    if (c->nx > 1)
        buf_printf(&b, "%sから%sを比較。", c->x_long[lo], c->x_long[hi]);
    else if (c->nx == 1)
        buf_printf(&b, "%sの内訳。", c->x_long[0]);

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
        buf_printf(&b, "%sの%sは", c->x_long[lx[0]],
                   c->series_labels[ls[0]]);
        for (size_t f = 0; f < c->nf; f++) {
            if (f)
                buf_puts(&b, "、");
            buf_puts(&b, c->facet_labels[f]);
            fmt_percent(&b,
                        c->val[IDX(c, f, lx[f], ls[f])] /
                            bar_total(c, f, lx[f]),
                        0);
        }
        buf_puts(&b, "。");
    } else {
        int first = 1;
        for (size_t f = 0; f < c->nf; f++) {
            if (lx[f] >= c->nx)
                continue;
            if (first && same_bar)
                buf_printf(&b, "%sに最も大きい区分は、", c->x_long[lx[f]]);
            else if (first)
                buf_puts(&b, "最も大きい区分は、");
            else
                buf_puts(&b, "、");
            first = 0;
            if (c->facet_col && same_bar)
                buf_printf(&b, "%sでは", c->facet_labels[f]);
            else if (c->facet_col)
                buf_printf(&b, "%sの%sでは", c->facet_labels[f],
                           c->x_long[lx[f]]);
            buf_printf(&b, "%s（", c->series_labels[ls[f]]);
            fmt_percent(&b,
                        c->val[IDX(c, f, lx[f], ls[f])] /
                            bar_total(c, f, lx[f]),
                        0);
            buf_puts(&b, "）");
        }
        if (!first)
            buf_puts(&b, "。");
    }
    free(lx);
    free(ls);
    c->alt = buf_detach(&b);
}

/* ------------------------------------------------------------------ */
/* Drawing */

#define ASCENT 0.88
#define DESCENT 0.12
#define NOMINAL_WIDTH 720.0

/* Text width with the canvas's font, or an estimate (1 em for non-ASCII,
 * 0.55 em for ASCII) when there is none. */
static double text_w(const font *fo, const char *s, double size)
{
    if (fo)
        return font_text_width(fo, s, strlen(s), size);
    double w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x80)
            w += 0.55;
        else if ((*p & 0xC0) == 0xC0)
            w += 1.0;
    }
    return w * size;
}

static double f_ascent(const font *fo)
{
    return fo ? font_ascent(fo) : ASCENT;
}

static double f_descent(const font *fo)
{
    return fo ? font_descent(fo) : DESCENT;
}

typedef struct layout {
    double fs;       /* base font size */
    double tick_fs;  /* tick and axis label size */
    double legend_h; /* height of the legend block */
    size_t legend_rows;
    size_t pcols, prows; /* panel grid */
    double panel_w, panel_h;
    double gap;
    double head_h; /* facet title row */
    double axis_h; /* tick marks and labels */
    double pitch;  /* bar pitch */
} layout;

/* Lays out the legend rows for width w; returns the number of rows and
 * fills row_of[i] / x_in_row[i] when given. */
static size_t legend_rows(const chart *c, const font *fo, double fs, double w,
                          double *row_w, size_t *row_of, double *x_in_row)
{
    double sw = fs * 0.9, sgap = fs * 0.35, igap = fs * 1.0;
    size_t rows = 1;
    double x = 0;
    for (size_t s = 0; s < c->ns; s++) {
        double iw = sw + sgap + text_w(fo, c->series_labels[s], fs);
        if (x > 0 && x + igap + iw > w) {
            if (row_w)
                row_w[rows - 1] = x;
            rows++;
            x = 0;
        }
        if (x > 0)
            x += igap;
        if (row_of)
            row_of[s] = rows - 1;
        if (x_in_row)
            x_in_row[s] = x;
        x += iw;
    }
    if (row_w)
        row_w[rows - 1] = x;
    return rows;
}

static double max_label_w(const chart *c, const font *fo, double fs)
{
    double m = 0;
    for (size_t x = 0; x < c->nx; x++) {
        double tw = text_w(fo, c->x_short[x], fs);
        if (tw > m)
            m = tw;
    }
    return m;
}

static void compute_layout(const chart *c, const font *fo, double w,
                           double h, layout *L)
{
    /* 10 pt on a slide-wide box, never under 7 pt unless the height
     * forces it (below). */
    double fs = w / 60.0;
    if (fs > 10)
        fs = 10;
    if (fs < 7)
        fs = 7;
    for (int iter = 0; iter < 8; iter++) {
        L->fs = fs;
        L->tick_fs = fs * 0.85;
        L->gap = fs;
        L->legend_rows =
            c->legend == LEGEND_OFF
                ? 0
                : legend_rows(c, fo, fs, w, NULL, NULL, NULL);
        L->legend_h = L->legend_rows ? L->legend_rows * fs * 1.5 + fs * 0.5 : 0;
        size_t pc = c->nf;
        while (pc > 1 && (w - (double)(pc - 1) * L->gap) / (double)pc < 150)
            pc--;
        L->pcols = pc;
        L->prows = (c->nf + pc - 1) / pc;
        L->panel_w = (w - (double)(pc - 1) * L->gap) / (double)pc;
        L->head_h = c->facet_col ? fs * 1.6 : 0;
        L->axis_h = fs * 0.35 + L->tick_fs * 1.4;
        double fixed = L->legend_h + (double)L->prows * (L->head_h + L->axis_h) +
                       (double)(L->prows - 1) * L->gap;
        double natural_pitch = fs * 2.0;
        if (h <= 0) { /* natural height */
            L->pitch = natural_pitch;
            L->panel_h = L->head_h + (double)c->nx * L->pitch + L->axis_h;
            return;
        }
        double avail = h - fixed;
        double pitch = c->nx ? avail / (double)L->prows / (double)c->nx : 0;
        if (pitch >= fs * 1.2 || fs <= 3) {
            L->pitch = pitch > 0 ? pitch : 0;
            L->panel_h =
                (h - L->legend_h - (double)(L->prows - 1) * L->gap) /
                (double)L->prows;
            return;
        }
        fs *= 0.85;
    }
    L->pitch = 0;
    L->panel_h = 0;
}

double chart_aspect(const chart *c)
{
    if (c->aspect > 0)
        return c->aspect;
    layout L;
    compute_layout(c, NULL, NOMINAL_WIDTH, 0, &L);
    double hh = L.legend_h + (double)L.prows * L.panel_h +
                (double)(L.prows - 1) * L.gap;
    return hh / NOMINAL_WIDTH;
}

/* Aligned text, measured with text_w() so the estimate without a font
 * and the real width with one both place the text where it was planned. */
static void draw_text(canvas *cv, double x, double y, double size, int align,
                      rgb colour, const char *s)
{
    double w = text_w(cv->font, s, size);
    if (align == 1)
        x -= w / 2;
    else if (align == 2)
        x -= w;
    canvas_set_fill(cv, colour, 1);
    canvas_text(cv, x, y, size, TEXT_REGULAR, s, strlen(s));
}

static void draw_legend(const chart *c, canvas *cv, const layout *L, double x,
                        double y, double w)
{
    const font *fo = cv->font;
    double fs = L->fs;
    double *row_w = xcalloc(L->legend_rows + 1, sizeof *row_w);
    size_t *row_of = xcalloc(c->ns + 1, sizeof *row_of);
    double *x_in = xcalloc(c->ns + 1, sizeof *x_in);
    legend_rows(c, fo, fs, w, row_w, row_of, x_in);
    canvas_group_begin(cv, "凡例");
    double sw = fs * 0.9, sgap = fs * 0.35;
    for (size_t s = 0; s < c->ns; s++) {
        double rw = row_w[row_of[s]];
        double x0 = x + (rw < w ? (w - rw) / 2 : 0) + x_in[s];
        double ry = y + (double)row_of[s] * fs * 1.5;
        double base = ry + fs * 0.2 + fs * f_ascent(fo);
        canvas_set_fill(cv, c->colours[s], 1);
        canvas_rect(cv, x0, base - sw * 0.9, sw, sw);
        canvas_fill(cv);
        draw_text(cv, x0 + sw + sgap, base, fs, 0, text_dark,
                  c->series_labels[s]);
    }
    canvas_group_end(cv);
    free(row_w);
    free(row_of);
    free(x_in);
}

static void draw_panel(const chart *c, canvas *cv, const layout *L, size_t f,
                       double px, double py, double pw, double ph)
{
    const font *fo = cv->font;
    double fs = L->fs, tfs = L->tick_fs;
    if (ph <= L->head_h + L->axis_h)
        return; /* a box too small for anything but the legend */
    canvas_group_begin(cv, c->facet_col ? c->facet_labels[f] : "グラフ");
    if (c->facet_col)
        draw_text(cv, px + pw / 2, py + fs * 0.2 + fs * f_ascent(fo), fs, 1,
                  text_dark, c->facet_labels[f]);
    double half0 = text_w(fo, "0%", tfs) / 2;
    double half100 = text_w(fo, "100%", tfs) / 2;
    double lab_w = max_label_w(c, fo, tfs) + fs * 0.5;
    double x0 = px + (lab_w > half0 ? lab_w : half0);
    double x1 = px + pw - half100 - 1;
    double pw_plot = x1 - x0;
    double top = py + L->head_h;
    double bars_h = ph - L->head_h - L->axis_h;
    if (pw_plot <= 0 || bars_h <= 0) {
        canvas_group_end(cv);
        return;
    }
    double pitch = c->nx ? bars_h / (double)c->nx : 0;
    double thick = pitch * 0.65;
    double lfs = tfs;
    if (lfs * (f_ascent(fo) + f_descent(fo)) > thick)
        lfs = thick / (f_ascent(fo) + f_descent(fo));
    for (size_t x = 0; x < c->nx; x++) {
        double by = top + pitch * (double)x + (pitch - thick) / 2;
        double mid = by + thick / 2;
        double tb = mid + tfs * (f_ascent(fo) - f_descent(fo)) / 2;
        draw_text(cv, x0 - fs * 0.4, tb, tfs, 2, text_dark, c->x_short[x]);
        double total = bar_total(c, f, x);
        if (total <= 0)
            continue;
        /* Segments. */
        double cum = 0;
        size_t last = 0;
        for (size_t s = 0; s < c->ns; s++)
            if (c->have[IDX(c, f, x, s)] && c->val[IDX(c, f, x, s)] > 0)
                last = s;
        double sx = x0;
        for (size_t s = 0; s < c->ns; s++) {
            double v = c->val[IDX(c, f, x, s)];
            if (!c->have[IDX(c, f, x, s)] || v <= 0)
                continue;
            cum += v;
            double ex = s == last ? x1 : x0 + pw_plot * (cum / total);
            double segw = ex - sx;
            canvas_set_fill(cv, c->colours[s], 1);
            canvas_rect(cv, sx, by, segw, thick);
            canvas_fill(cv);
            if (sx > x0) { /* hairline at the segment's left edge */
                canvas_set_stroke(cv, white, 1, 0.75);
                canvas_move_to(cv, sx, by);
                canvas_line_to(cv, sx, by + thick);
                canvas_stroke(cv);
            }
            if (c->labels) {
                buf b = BUF_INIT;
                fmt_percent(&b, v / total, 0);
                double tw = text_w(fo, buf_cstr(&b), lfs);
                if (tw + 2 * 2.0 <= segw && lfs >= 4) {
                    double base =
                        mid + lfs * (f_ascent(fo) - f_descent(fo)) / 2;
                    draw_text(cv, sx + segw / 2, base, lfs, 1,
                              chart_text_colour_on(c->colours[s]),
                              buf_cstr(&b));
                }
                buf_free(&b);
            }
            sx = ex;
        }
    }
    /* Axis: baseline, ticks at 0..100% and their labels. */
    double ay = top + bars_h;
    canvas_set_stroke(cv, axis_grey, 1, 0.5);
    canvas_move_to(cv, x0, ay);
    canvas_line_to(cv, x1, ay);
    canvas_stroke(cv);
    double tick = fs * 0.35;
    for (int i = 0; i <= 5; i++) {
        double tx = x0 + pw_plot * i / 5.0;
        canvas_move_to(cv, tx, ay);
        canvas_line_to(cv, tx, ay + tick);
    }
    canvas_stroke(cv);
    double tby = ay + tick + tfs * f_ascent(fo) + tfs * 0.05;
    for (int i = 0; i <= 5; i++) {
        buf b = BUF_INIT;
        buf_printf(&b, "%d%%", i * 20);
        draw_text(cv, x0 + pw_plot * i / 5.0, tby, tfs, 1, axis_grey,
                  buf_cstr(&b));
        buf_free(&b);
    }
    canvas_group_end(cv);
}

void chart_draw(const chart *c, canvas *cv, double x, double y, double w,
                double h)
{
    if (!c || !cv || w <= 0 || h <= 0)
        return;
    layout L;
    compute_layout(c, cv->font, w, h, &L);
    canvas_group_begin(cv, *c->title ? c->title : "グラフ");
    canvas_save(cv);
    canvas_rect(cv, x, y, w, h);
    canvas_clip(cv);
    double py = y;
    if (c->legend == LEGEND_TOP && L.legend_rows) {
        draw_legend(c, cv, &L, x, y, w);
        py += L.legend_h;
    }
    for (size_t f = 0; f < c->nf; f++) {
        size_t col = f % L.pcols, row = f / L.pcols;
        double px = x + (double)col * (L.panel_w + L.gap);
        double ppy = py + (double)row * (L.panel_h + L.gap);
        draw_panel(c, cv, &L, f, px, ppy, L.panel_w, L.panel_h);
    }
    if (c->legend == LEGEND_BOTTOM && L.legend_rows)
        draw_legend(c, cv, &L, x, y + h - L.legend_h + L.fs * 0.5, w);
    canvas_restore(cv);
    canvas_group_end(cv);
}
