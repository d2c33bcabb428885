/* chart_spec: the ```chart block parsed into keys and checked values.
 * See chart.h and docs/charts.md. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_impl.h"
#include "i18n.h"
#include "num.h"
#include "suggest.h"
#include "xalloc.h"

const char *const chart_key_names[K_COUNT] = {
    "type",      "data",   "filter", "x",       "y",        "value",
    "series",    "facet",  "sets",   "sort",    "top",      "other",
    "normalise", "labels", "unit",   "colours", "patterns", "direction",
    "title",     "size",   "alt",    "legend"};

#define B(k) (1u << (k))

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

static int parse_hex_colour(const char *s, size_t n, rgb *out)
{
    if (n != 7 || s[0] != '#')
        return -1;
    int v[6];
    for (int i = 0; i < 6; i++)
        if ((v[i] = num_hex_digit(s[1 + i])) < 0)
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
 * nothing else, greater than 0, and within num_accept's rule.  Returns
 * 0; -1 when s is no such number (the caller says what it expected); -2
 * after reporting a number that breaks the rule ("1e3") at `at`. */
static int parse_positive_number(diag_list *d, srcloc at, const char *key,
                                 const char *s, size_t n, double *out)
{
    num_read r;
    if (num_scan(s, n, NUM_BARE_POINT, &r) < 0 ||
        r.len + (size_t)r.exponent != n)
        return -1;
    num_fault f = num_accept(&r);
    if (f != NUM_FINE) {
        char where[160], msg[512], hint[512];
        snprintf(where, sizeof where, _(" in \"%s:\""), key);
        num_fault_message(f, &r, s, n, where, msg, sizeof msg, hint,
                          sizeof hint);
        diag_at(d, DIAG_ERROR, at, "%s", msg);
        diag_hint(d, "%s", hint);
        return -2;
    }
    if (r.v <= 0)
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
            buf_puts(&b, i + 1 == n ? _(" or ") : ", ");
        buf_printf(&b, "\"%s\"", names[i]);
    }
    diag_at(d, DIAG_ERROR, at, "%s: expected %s, got \"%s\"", key, buf_cstr(&b),
            v);
    buf_free(&b);
    diag_hint_nearest(d, v, names, n);
    return -1;
}

/* The names of the types that pass pred: "pie, donut and venn". */
static void type_list(buf *out, int (*pred)(const chart_type *t))
{
    size_t n = 0, k = 0;
    for (size_t i = 0; i < chart_type_count; i++)
        n += pred(&chart_types[i]) != 0;
    for (size_t i = 0; i < chart_type_count; i++) {
        if (!pred(&chart_types[i]))
            continue;
        if (k)
            buf_puts(out, k + 1 == n ? " and " : ", ");
        buf_puts(out, chart_types[i].name);
        k++;
    }
}

static int takes_both(const chart_type *t) { return t->labels_both; }
static int takes_sets(const chart_type *t)
{
    return (t->allowed & B(K_SETS)) != 0;
}

/* ------------------------------------------------------------------ */
/* Values */

/* Calls item() on each comma-separated item of key k's value, trimmed,
 * with the position of its first character; stops when item() returns -1
 * and returns -1 then, 0 after the last item. */
typedef int (*list_item_fn)(chart_spec *s, const char *item, size_t n,
                            srcloc at, diag_list *d);

static int split_list(chart_spec *s, int k, list_item_fn item, diag_list *d)
{
    const char *v = s->val[k];
    const char *p = v;
    for (;;) {
        size_t n = strcspn(p, ",");
        size_t a = 0;
        while (a < n && is_space(p[a]))
            a++;
        size_t e = n;
        while (e > a && is_space(p[e - 1]))
            e--;
        srcloc at = s->val_at[k];
        at.col += (int)cp_count(v, (size_t)(p - v) + a);
        if (item(s, p + a, e - a, at, d) < 0)
            return -1;
        if (!p[n])
            return 0;
        p += n + 1;
    }
}

static int colour_item(chart_spec *s, const char *item, size_t n, srcloc at,
                       diag_list *d)
{
    rgb c;
    if (parse_hex_colour(item, n, &c) < 0) {
        diag_at(d, DIAG_ERROR, at,
                "colours: expected a colour as #rrggbb, got \"%.*s\"", (int)n,
                item);
        diag_hint(d, "separate colours with commas: "
                     "#1b3a63, #2b5e9e, #a3c6e8");
        return -1;
    }
    s->colours = xrealloc(s->colours, (s->ncolours + 1) * sizeof c);
    s->colours[s->ncolours++] = c;
    return 0;
}

static int set_item(chart_spec *s, const char *item, size_t n, srcloc at,
                    diag_list *d)
{
    if (n == 0) {
        diag_at(d, DIAG_ERROR, at, "sets: empty column name");
        diag_hint(d, "name two or three membership columns: sets: AI, RPA");
        return -1;
    }
    if (s->nsets == VENN_MAX_SETS) {
        diag_at(d, DIAG_ERROR, at, "sets: a Venn diagram has at most %d sets",
                VENN_MAX_SETS);
        return -1;
    }
    s->sets[s->nsets] = xstrndup(item, n);
    s->sets_at[s->nsets++] = at;
    return 0;
}

static void parse_sets(chart_spec *s, diag_list *d)
{
    if (split_list(s, K_SETS, set_item, d) < 0)
        return;
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
        if (r >= 0 && s->labels == LAB_BOTH && !s->type->labels_both) {
            buf b = BUF_INIT;
            type_list(&b, takes_both);
            diag_at(d, DIAG_ERROR, s->val_at[K_LABELS],
                    "labels: \"both\" is for %s charts", buf_cstr(&b));
            diag_hint(d, "use \"value\" or \"percent\"");
            buf_free(&b);
        }
    }
    if ((v = s->val[K_NORMALISE])) {
        int n = 1;
        if (on_off(v, &n) < 0) {
            diag_at(d, DIAG_ERROR, s->val_at[K_NORMALISE],
                    "normalise: expected \"on\" or \"off\", got \"%s\"", v);
        } else if (!n && s->type->shares) {
            diag_at(d, DIAG_ERROR, s->val_at[K_NORMALISE],
                    "normalise: off is not possible for %s", s->val[K_TYPE]);
            diag_hint(d, "%s", s->type->shares_hint);
        } else {
            s->normalise = n;
        }
    }
    if (s->type->shares)
        s->normalise = 1;
    if ((v = s->val[K_PATTERNS]) && on_off(v, &s->patterns) < 0)
        diag_at(d, DIAG_ERROR, s->val_at[K_PATTERNS],
                "patterns: expected \"on\" or \"off\", got \"%s\"", v);
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
        int rc =
            parse_positive_number(d, s->val_at[K_TOP], "top", v, strlen(v), &t);
        if (rc == -1 || (rc == 0 && (t != floor(t) || t > 1000)))
            diag_at(d, DIAG_ERROR, s->val_at[K_TOP],
                    "top: expected a whole number from 1 to 1000, got \"%s\"",
                    v);
        else if (rc == 0)
            s->top = (size_t)t;
    }
    if ((v = s->val[K_SIZE]) && strcmp(v, "auto") != 0) {
        const char *colon = strchr(v, ':');
        double wv, hv;
        int rc = -1;
        if (colon) {
            srcloc at = s->val_at[K_SIZE];
            rc = parse_positive_number(d, at, "size", v, (size_t)(colon - v),
                                       &wv);
            if (rc == 0)
                rc = parse_positive_number(d, at, "size", colon + 1,
                                           strlen(colon + 1), &hv);
        }
        if (rc == -1)
            diag_at(d, DIAG_ERROR, s->val_at[K_SIZE],
                    "size: expected \"auto\" or width:height such as 16:5, "
                    "got \"%s\"",
                    v);
        else if (rc == 0 && !(hv / wv >= 0.1 && hv / wv <= 10)) {
            diag_at(d, DIAG_ERROR, s->val_at[K_SIZE],
                    "size: expected a shape from 10:1 to 1:10, got \"%s\"", v);
            diag_hint(d, "a chart flatter or taller than that has no room "
                         "for its labels; 16:9, 16:5 or 1:1 are usual");
        } else if (rc == 0)
            s->aspect = hv / wv;
    }
    if (s->val[K_COLOURS])
        split_list(s, K_COLOURS, colour_item, d);
    if (s->val[K_SETS])
        parse_sets(s, d);
}

/* Keys the type does not take, and keys it needs. */
static void check_keys_for_type(chart_spec *s, diag_list *d, size_t errs)
{
    const chart_type *t = s->type;
    for (int k = 0; k < K_COUNT; k++) {
        if (!s->val[k] || (t->allowed & B(k)))
            continue;
        diag_at(d, DIAG_ERROR, s->key_at[k],
                "chart key \"%s\" is not used by %s", chart_key_names[k],
                s->val[K_TYPE]);
        if (t->unused_hint[k]) {
            diag_hint(d, "%s", t->unused_hint[k]);
        } else if (k == K_SETS) {
            buf b = BUF_INIT;
            type_list(&b, takes_sets);
            diag_hint(d, "\"sets:\" is for type: %s", buf_cstr(&b));
            buf_free(&b);
        } else {
            diag_hint(d, "remove this line");
        }
    }
    for (int k = 0; k < K_COUNT; k++) {
        if (s->val[k] || !(t->required & B(k)))
            continue;
        diag_at(d, DIAG_ERROR, s->block, "chart: missing required key \"%s\"",
                chart_key_names[k]);
        if (diag_error_count(d) == errs + 1)
            diag_hint(d, "add a line \"%s: …\"", chart_key_names[k]);
    }
}

chart_spec *chart_spec_parse(const char *text, size_t len, const srcloc *lines,
                             size_t nlines, diag_list *d)
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
            /* an input method's ： where the ASCII colon belongs */
            const char *wide = NULL;
            for (size_t j = i; j + 3 <= ln && !wide; j++)
                if (memcmp(line + j, "\xEF\xBC\x9A", 3) == 0)
                    wide = line + j;
            diag_at(d, DIAG_ERROR, loc_plus(base, line, i),
                    "expected \"key: value\" in a chart block%s",
                    wide ? _(": found a full-width colon (：)") : "");
            diag_hint(d, "%sfor example \"type: stacked-bar-100\"",
                      wide ? _("type the colon half-width (半角); ") : "");
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
            /* British and American spellings are both common, and some
             * words of other tools name a key of ours. */
            const char *alias = NULL;
            if (!strcmp(key, "color") || !strcmp(key, "colors") ||
                !strcmp(key, "colour"))
                alias = "colours";
            else if (!strcmp(key, "normalize"))
                alias = "normalise";
            else if (!strcmp(key, "pattern") || !strcmp(key, "hatch"))
                alias = "patterns";
            else if (!strcmp(key, "orientation"))
                alias = "direction";
            srcloc at = loc_plus(base, line, i);
            if (alias) {
                diag_at(d, DIAG_ERROR, at, "unknown chart key \"%s\"", key);
                diag_hint(d, "did you mean \"%s\"?", alias);
            } else {
                diag_unknown(d, at, N_("chart key"), key, NULL, chart_key_names,
                             K_COUNT, N_("the keys are"));
            }
            free(key);
            continue;
        }
        free(key);
        if (s->val[k]) {
            diag_at(d, DIAG_ERROR, loc_plus(base, line, i),
                    "chart key \"%s\" given twice", chart_key_names[k]);
            diag_hint(d, "the first is at line %d", s->key_at[k].line);
            continue;
        }
        char *val = dup_trimmed(line + vs, ln - vs);
        s->key_at[k] = loc_plus(base, line, i);
        s->val_at[k] = loc_plus(base, line, vs);
        if (!*val && k != K_TITLE && k != K_ALT) {
            diag_at(d, DIAG_ERROR, s->val_at[k],
                    "chart key \"%s\" needs a value", chart_key_names[k]);
            free(val);
            continue;
        }
        s->val[k] = val;
    }
    /* a required key on a line that was not "key: value" was reported
     * there: not again as missing */
    int lines_bad = diag_error_count(d) > errs;
    if (!lines_bad && (!s->val[K_TYPE] || !s->val[K_DATA])) {
        for (int k = K_TYPE; k <= K_DATA; k++)
            if (!s->val[k]) {
                diag_at(d, DIAG_ERROR, s->block,
                        "chart: missing required key \"%s\"",
                        chart_key_names[k]);
                if (diag_error_count(d) == errs + 1)
                    diag_hint(d, "add a line \"%s: …\"", chart_key_names[k]);
            }
    }
    if (s->val[K_TYPE]) {
        s->type = chart_type_find(s->val[K_TYPE]);
        if (!s->type) {
            const char **names = xmalloc(2 * chart_type_count * sizeof *names);
            size_t n = chart_type_names(names);
            diag_unknown(d, s->val_at[K_TYPE], N_("chart type"), s->val[K_TYPE],
                         NULL, names, n, N_("the types are"));
            free(names);
        } else {
            check_keys_for_type(s, d, errs);
            check_values(s, d);
        }
    }
    if (s->val[K_VALUE] && s->val[K_Y]) {
        diag_at(d, DIAG_ERROR, s->key_at[K_Y],
                "chart keys \"value\" and \"y\" name the same thing");
        diag_hint(d, "keep only \"value: …\"");
    }
    if (diag_error_count(d) > errs) {
        chart_spec_free(s);
        return NULL;
    }
    return s;
}

void chart_spec_set_mono(chart_spec *s)
{
    if (s)
        s->mono = 1;
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
