/* chart_spec: the ```chart block parsed into keys and checked values.
 * See chart.h and docs/charts.md. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart_impl.h"
#include "num.h"
#include "suggest.h"
#include "xalloc.h"

const char *const chart_key_names[K_COUNT] = {
    "type",   "data",      "filter",    "x",         "y",      "value",
    "series", "facet",     "sets",      "sort",      "top",    "other",
    "normalise", "labels", "unit",      "colours",   "patterns",
    "direction", "title",  "size",      "alt",       "legend"};

const char *const chart_type_names[CT_COUNT] = {
    "stacked-bar-100", "stacked-bar", "grouped-bar", "bar",
    "pie",             "donut",       "venn",        "line"};

#define B(k) (1u << (k))
/* Keys every type takes. */
#define COMMON                                                               \
    (B(K_TYPE) | B(K_DATA) | B(K_FILTER) | B(K_Y) | B(K_VALUE) |             \
     B(K_FACET) | B(K_LABELS) | B(K_UNIT) | B(K_COLOURS) | B(K_PATTERNS) |   \
     B(K_TITLE) | B(K_SIZE) | B(K_ALT) | B(K_LEGEND))
#define BARS                                                                 \
    (COMMON | B(K_X) | B(K_SERIES) | B(K_SORT) | B(K_TOP) | B(K_OTHER) |     \
     B(K_NORMALISE) | B(K_DIRECTION))

/* Keys allowed, and keys required, per type. */
static const unsigned allowed[CT_COUNT] = {
    [CT_STACKED100] = BARS,
    [CT_STACKED] = BARS,
    [CT_GROUPED] = BARS,
    [CT_BAR] = BARS,
    [CT_PIE] = COMMON | B(K_SERIES) | B(K_SORT) | B(K_TOP) | B(K_OTHER),
    [CT_DONUT] = COMMON | B(K_SERIES) | B(K_SORT) | B(K_TOP) | B(K_OTHER),
    [CT_VENN] = COMMON | B(K_SETS),
    [CT_LINE] = COMMON | B(K_X) | B(K_SERIES) | B(K_TOP) | B(K_OTHER) |
                B(K_NORMALISE),
};
static const unsigned required[CT_COUNT] = {
    [CT_STACKED100] = B(K_X) | B(K_SERIES),
    [CT_STACKED] = B(K_X) | B(K_SERIES),
    [CT_GROUPED] = B(K_X),
    [CT_BAR] = B(K_X),
    [CT_PIE] = B(K_SERIES),
    [CT_DONUT] = B(K_SERIES),
    [CT_VENN] = B(K_SETS),
    [CT_LINE] = B(K_X),
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

static void hint_list(diag_list *d, const char *what,
                      const char *const *names, size_t n)
{
    buf b = BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_puts(&b, ", ");
        buf_puts(&b, names[i]);
    }
    diag_hint(d, "%s: %s", what, buf_cstr(&b));
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

/* top: and size: numbers: digits with at most one '.' ("5.", ".5" too),
 * nothing else, greater than 0. */
static int parse_positive_number(const char *s, size_t n, double *out)
{
    num_read r;
    if (num_scan(s, n, NUM_BARE_POINT, &r) < 0 || r.len != n ||
        r.range == NUM_TOO_LARGE || r.v <= 0)
        return -1;
    *out = r.v;
    return 0;
}

/* Matches v against names; on failure reports "KEY: expected …". */
static int pick(diag_list *d, srcloc at, const char *key, const char *v,
                const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(v, names[i]))
            return (int)i;
    buf b = BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_puts(&b, i + 1 == n ? " or " : ", ");
        buf_printf(&b, "'%s'", names[i]);
    }
    diag_at(d, DIAG_ERROR, at, "%s: expected %s, got '%s'", key,
            buf_cstr(&b), v);
    buf_free(&b);
    const char *near = suggest_nearest(v, names, n);
    if (near)
        diag_hint(d, "did you mean '%s'?", near);
    return -1;
}

/* ------------------------------------------------------------------ */
/* Values */

static void parse_colours(chart_spec *s, diag_list *d)
{
    const char *v = s->val[K_COLOURS];
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
            return;
        }
        s->colours = xrealloc(s->colours, (s->ncolours + 1) * sizeof c);
        s->colours[s->ncolours++] = c;
        if (!p[n])
            return;
        p += n + 1;
    }
}

static void parse_sets(chart_spec *s, diag_list *d)
{
    const char *v = s->val[K_SETS];
    const char *p = v;
    for (;;) {
        size_t n = strcspn(p, ",");
        size_t a = 0;
        while (a < n && is_space(p[a]))
            a++;
        size_t e = n;
        while (e > a && is_space(p[e - 1]))
            e--;
        srcloc at = s->val_at[K_SETS];
        at.col += (int)cp_count(v, (size_t)(p - v) + a);
        if (e == a) {
            diag_at(d, DIAG_ERROR, at, "sets: empty column name");
            diag_hint(d, "name two or three membership columns: sets: AI, RPA");
            return;
        }
        if (s->nsets == VENN_MAX_SETS) {
            diag_at(d, DIAG_ERROR, at,
                    "sets: a Venn diagram has at most %d sets",
                    VENN_MAX_SETS);
            return;
        }
        s->sets[s->nsets] = xstrndup(p + a, e - a);
        s->sets_at[s->nsets++] = at;
        if (!p[n])
            break;
        p += n + 1;
    }
    if (s->nsets < 2) {
        diag_at(d, DIAG_ERROR, s->val_at[K_SETS],
                "sets: a Venn diagram needs two or three sets, got %zu",
                s->nsets);
        diag_hint(d, "separate the membership columns with commas: "
                     "sets: AI, RPA");
    }
}

/* Validates the values of keys whose value is not a column name. */
static void check_values(chart_spec *s, diag_list *d)
{
    const char *v;
    static const char *const labels[] = {"on", "off", "value", "percent",
                                         "both"};
    static const int label_kind[] = {LAB_DEFAULT, LAB_OFF, LAB_VALUE,
                                     LAB_PERCENT, LAB_BOTH};
    static const char *const legends[] = {"top", "bottom", "off"};
    static const char *const sorts[] = {"ascending", "descending", "largest",
                                        "smallest"};
    static const char *const dirs[] = {"horizontal", "vertical"};
    int r;
    if ((v = s->val[K_LABELS])) {
        r = pick(d, s->val_at[K_LABELS], "labels", v, labels, 5);
        if (r >= 0)
            s->labels = label_kind[r];
        if (r >= 0 && s->labels == LAB_BOTH && s->type != CT_PIE && s->type != CT_DONUT &&
            s->type != CT_VENN) {
            diag_at(d, DIAG_ERROR, s->val_at[K_LABELS],
                    "labels: 'both' is for pie, donut and venn charts");
            diag_hint(d, "use 'value' or 'percent'");
        }
    }
    if ((v = s->val[K_NORMALISE])) {
        int n = 1;
        if (on_off(v, &n) < 0) {
            diag_at(d, DIAG_ERROR, s->val_at[K_NORMALISE],
                    "normalise: expected 'on' or 'off', got '%s'", v);
        } else if (!n && s->type == CT_STACKED100) {
            diag_at(d, DIAG_ERROR, s->val_at[K_NORMALISE],
                    "normalise: off is not possible for stacked-bar-100");
            diag_hint(d, "a 100%% stacked bar always shows each segment's "
                         "share of its bar; use type: stacked-bar");
        } else {
            s->normalise = n;
        }
    }
    if (s->type == CT_STACKED100)
        s->normalise = 1;
    if ((v = s->val[K_PATTERNS]) && on_off(v, &s->patterns) < 0)
        diag_at(d, DIAG_ERROR, s->val_at[K_PATTERNS],
                "patterns: expected 'on' or 'off', got '%s'", v);
    if ((v = s->val[K_LEGEND]) &&
        (r = pick(d, s->val_at[K_LEGEND], "legend", v, legends, 3)) >= 0)
        s->legend = r;
    if ((v = s->val[K_SORT]) &&
        (r = pick(d, s->val_at[K_SORT], "sort", v, sorts, 4)) >= 0)
        s->sort = r;
    if ((v = s->val[K_DIRECTION]) &&
        (r = pick(d, s->val_at[K_DIRECTION], "direction", v, dirs, 2)) >= 0)
        s->horizontal = r == 0;
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
    if (s->val[K_COLOURS])
        parse_colours(s, d);
    if (s->val[K_SETS])
        parse_sets(s, d);
}

/* Keys the type does not take, and keys it needs. */
static void check_keys_for_type(chart_spec *s, diag_list *d, size_t errs)
{
    const char *tn = chart_type_names[s->type];
    for (int k = 0; k < K_COUNT; k++) {
        if (!s->val[k] || (allowed[s->type] & B(k)))
            continue;
        diag_at(d, DIAG_ERROR, s->key_at[k], "chart key '%s' is not used by %s",
                chart_key_names[k], tn);
        if (k == K_X && (s->type == CT_PIE || s->type == CT_DONUT))
            diag_hint(d, "a %s has no x axis: name the slices with "
                         "'series:' and give 'facet:' for one %s per value",
                      tn, tn);
        else if (k == K_SETS)
            diag_hint(d, "'sets:' is for type: venn");
        else if ((k == K_X || k == K_SERIES) && s->type == CT_VENN)
            diag_hint(d, "a venn takes its regions from the membership "
                         "columns named by 'sets:'");
        else
            diag_hint(d, "remove this line");
    }
    for (int k = 0; k < K_COUNT; k++) {
        if (s->val[k] || !(required[s->type] & B(k)))
            continue;
        diag_at(d, DIAG_ERROR, s->block, "chart: missing required key '%s'",
                chart_key_names[k]);
        if (diag_error_count(d) == errs + 1)
            diag_hint(d, "add a line '%s: …'", chart_key_names[k]);
    }
}

chart_spec *chart_spec_parse(const char *text, size_t len,
                             const srcloc *lines, size_t nlines,
                             diag_list *d)
{
    size_t errs = diag_error_count(d);
    chart_spec *s = xcalloc(1, sizeof *s);
    s->labels = LAB_DEFAULT;
    s->legend = LEGEND_TOP;
    s->horizontal = 1;
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
            if (!strcmp(key, chart_key_names[k]))
                break;
        if (k == K_COUNT) {
            const char *near = NULL;
            /* British and American spellings are both common. */
            if (!strcmp(key, "color") || !strcmp(key, "colors") ||
                !strcmp(key, "colour"))
                near = "colours";
            else if (!strcmp(key, "normalize"))
                near = "normalise";
            else if (!strcmp(key, "pattern") || !strcmp(key, "hatch"))
                near = "patterns";
            else if (!strcmp(key, "orientation"))
                near = "direction";
            else
                near = suggest_nearest(key, chart_key_names, K_COUNT);
            diag_at(d, DIAG_ERROR, loc_plus(base, line, i),
                    "unknown chart key '%s'", key);
            if (near)
                diag_hint(d, "did you mean '%s'?", near);
            else
                hint_list(d, "expected one of", chart_key_names, K_COUNT);
            free(key);
            continue;
        }
        free(key);
        if (s->val[k]) {
            diag_at(d, DIAG_ERROR, loc_plus(base, line, i),
                    "chart key '%s' given twice", chart_key_names[k]);
            diag_hint(d, "the first is at line %d", s->key_at[k].line);
            continue;
        }
        char *val = dup_trimmed(line + vs, ln - vs);
        s->key_at[k] = loc_plus(base, line, i);
        s->val_at[k] = loc_plus(base, line, vs);
        if (!*val && k != K_TITLE && k != K_ALT) {
            diag_at(d, DIAG_ERROR, s->val_at[k], "chart key '%s' needs a value",
                    chart_key_names[k]);
            free(val);
            continue;
        }
        s->val[k] = val;
    }
    if (!s->val[K_TYPE] || !s->val[K_DATA]) {
        for (int k = K_TYPE; k <= K_DATA; k++)
            if (!s->val[k]) {
                diag_at(d, DIAG_ERROR, s->block,
                        "chart: missing required key '%s'",
                        chart_key_names[k]);
                if (diag_error_count(d) == errs + 1)
                    diag_hint(d, "add a line '%s: …'", chart_key_names[k]);
            }
    }
    if (s->val[K_TYPE]) {
        size_t i;
        for (i = 0; i < CT_COUNT; i++)
            if (!strcmp(s->val[K_TYPE], chart_type_names[i]))
                break;
        if (i == CT_COUNT) {
            diag_at(d, DIAG_ERROR, s->val_at[K_TYPE], "unknown chart type '%s'",
                    s->val[K_TYPE]);
            const char *near =
                suggest_nearest(s->val[K_TYPE], chart_type_names, CT_COUNT);
            if (near)
                diag_hint(d, "did you mean '%s'?", near);
            else
                hint_list(d, "the types are", chart_type_names, CT_COUNT);
        } else {
            s->type = (chart_type)i;
            check_keys_for_type(s, d, errs);
            check_values(s, d);
        }
    }
    if (s->val[K_VALUE] && s->val[K_Y]) {
        diag_at(d, DIAG_ERROR, s->key_at[K_Y],
                "chart keys 'value' and 'y' name the same thing");
        diag_hint(d, "keep only 'value: …'");
    }
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
    for (size_t i = 0; i < s->nsets; i++)
        free(s->sets[i]);
    free(s->colours);
    free(s);
}
