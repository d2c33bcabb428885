/* template: compiles Markdown templates with {{ … }} tags into a node
 * tree (template_impl.h): front matter, positions, tags, blocks.  The
 * expansion is expand.c. */
#include "template.h"

#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "i18n.h"
#include "template_impl.h"
#include "utf8.h"
#include "xalloc.h"

/* Blocks nested deeper than this are an error, not a stack overflow in
 * expansion (found with 100,000 nested {{ if }}). */
#define TEMPLATE_MAX_DEPTH 200

static void nodelist_free(nodelist *l);

static void node_free(node *n)
{
    expr_free(n->e);
    free(n->name);
    for (size_t i = 0; i < n->nbranch; i++) {
        expr_free(n->conds[i]);
        nodelist_free(&n->bodies[i]);
    }
    free(n->conds);
    free(n->bodies);
    nodelist_free(&n->body);
}

static void nodelist_free(nodelist *l)
{
    for (size_t i = 0; i < l->n; i++)
        node_free(&l->items[i]);
    free(l->items);
    l->items = NULL;
    l->n = l->cap = 0;
}

static node *nodelist_push(nodelist *l)
{
    l->items = xgrow(l->items, &l->cap, l->n + 1, sizeof(node));
    node *n = &l->items[l->n++];
    memset(n, 0, sizeof *n);
    return n;
}

void template_free(template *t)
{
    if (!t)
        return;
    nodelist_free(&t->root);
    for (size_t i = 0; i < t->nmeta; i++) {
        free(t->meta[i].key);
        free(t->meta[i].value);
    }
    free(t->meta);
    free(t->line_start);
    free(t->fence);
    free(t->text);
    free(t->path);
    free(t);
}

const char *template_path(const template *t) { return t->path; }

const char *template_meta(const template *t, const char *key)
{
    for (size_t i = t->nmeta; i-- > 0;)
        if (strcmp(t->meta[i].key, key) == 0)
            return t->meta[i].value;
    return NULL;
}

int template_meta_line(const template *t, const char *key)
{
    for (size_t i = t->nmeta; i-- > 0;) /* the value template_meta gives */
        if (strcmp(t->meta[i].key, key) == 0)
            return t->meta[i].line;
    return 0;
}

size_t template_meta_count(const template *t) { return t->nmeta; }

void template_meta_at(const template *t, size_t i, const char **key,
                      const char **val, int *line)
{
    *key = t->meta[i].key;
    *val = t->meta[i].value;
    *line = t->meta[i].line;
}

/* ------------------------------------------------------------------ */
/* positions                                                          */

static int line_of(const template *t, size_t off)
{
    size_t lo = 0, hi = t->nlines;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (t->line_start[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return (int)lo + 1;
}

static srcloc loc_of(const template *t, size_t off)
{
    /* The memo is not part of the template's value: every template is
     * allocated by template_compile, never defined const, so updating it
     * through a cast is well defined. */
    template *m = (template *)t;
    int line = line_of(t, off);
    int col = 1;
    size_t from = t->line_start[line - 1];
    if (m->memo_line == line && m->memo_off <= off) {
        from = m->memo_off;
        col = m->memo_col;
    }
    for (size_t i = from; i < off; i++)
        if (((unsigned char)t->text[i] & 0xC0) != 0x80)
            col++;
    m->memo_off = off;
    m->memo_line = line;
    m->memo_col = col;
    srcloc l = {t->path, line, col};
    return l;
}

/* ------------------------------------------------------------------ */
/* compiling                                                          */

typedef enum {
    TK_TEXT,
    TK_EXPR,
    TK_IF,
    TK_ELIF,
    TK_ELSE,
    TK_END,
    TK_FOR,
    TK_LET,
    TK_COMMENT,
    TK_BAD
} tkkind;

typedef struct tk {
    tkkind k;
    size_t start, end;  /* whole tag, or text range */
    size_t kw;          /* offset of the keyword (or expression) */
    size_t arg, argend; /* the tag's argument text */
} tk;

static int is_space(char c) { return c == ' ' || c == '\t'; }

static int word_is(const char *s, size_t len, const char *w)
{
    return strlen(w) == len && memcmp(s, w, len) == 0;
}

static size_t word_len(const char *s, size_t max)
{
    size_t n = 0;
    while (n < max &&
           ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z') ||
            s[n] == '_' || (n && s[n] >= '0' && s[n] <= '9')))
        n++;
    return n;
}

/* end of a tag starting at p ("{{" already seen at p-2), skipping quoted
 * strings; returns the offset of the closing "}}" or (size_t)-1 */
static size_t find_close(const char *s, size_t len, size_t p)
{
    while (p + 1 < len) {
        if (s[p] == '"') {
            size_t q = p + 1;
            while (q < len && s[q] != '"' && s[q] != '\n') {
                if (s[q] == '\\')
                    q++;
                q++;
            }
            if (q < len && s[q] == '"') {
                p = q + 1;
                continue;
            }
        }
        if (s[p] == '}' && s[p + 1] == '}')
            return p;
        p++;
    }
    return (size_t)-1;
}

static void compute_fences(template *t, size_t body)
{
    t->fence = xcalloc(t->nlines + 1, 1);
    char fch = 0;
    size_t flen = 0;
    for (size_t l = 0; l < t->nlines; l++) {
        size_t s = t->line_start[l];
        if (s < body)
            continue;
        size_t e = l + 1 < t->nlines ? t->line_start[l + 1] : t->len;
        size_t i = s, ind = 0;
        while (i < e && t->text[i] == ' ' && ind < 4)
            i++, ind++;
        size_t run = 0;
        char c = i < e ? t->text[i] : 0;
        if (ind < 4 && (c == '`' || c == '~'))
            while (i + run < e && t->text[i + run] == c)
                run++;
        int is_fence = run >= 3;
        if (!fch) {
            if (is_fence) {
                fch = c;
                flen = run;
            }
        } else {
            int closes = is_fence && c == fch && run >= flen;
            if (closes) {
                size_t j = i + run;
                while (j < e && (is_space(t->text[j]) || t->text[j] == '\r' ||
                                 t->text[j] == '\n'))
                    j++;
                closes = j == e;
            }
            if (closes)
                fch = 0;
            else
                t->fence[l] = 1;
        }
    }
}

/* The line of s that starts at p: *end is its '\n' (or len), *trimmed
 * the end of its text without the trailing '\r' and spaces. */
static void line_end(const char *s, size_t len, size_t p, size_t *end,
                     size_t *trimmed)
{
    size_t q = p;
    while (q < len && s[q] != '\n')
        q++;
    size_t qe = q;
    while (qe > p && (s[qe - 1] == '\r' || is_space(s[qe - 1])))
        qe--;
    *end = q;
    *trimmed = qe;
}

/* A "---" line typed with an input method: three or more dashes of which
 * at least one is a full-width or Japanese one (ー U+30FC, － U+FF0D,
 * ｰ U+FF70, ‐ U+2010, — U+2014, ― U+2015, − U+2212).  To the parser it is
 * text, and the front matter's keys would be printed on the slide. */
static int wide_rule(const char *s, size_t from, size_t to)
{
    static const uint32_t dash[] = {0x30FC, 0xFF0D, 0xFF70, 0x2010,
                                    0x2014, 0x2015, 0x2212};
    int n = 0, wide = 0;
    for (size_t i = from; i < to;) {
        size_t adv;
        int32_t cp = utf8_decode(s + i, to - i, &adv);
        int ok = cp == '-';
        for (size_t k = 0; !ok && k < sizeof dash / sizeof *dash; k++)
            ok = (uint32_t)cp == dash[k];
        if (!ok)
            return 0;
        wide |= cp != '-';
        n++;
        i += adv;
    }
    return n >= 3 && wide;
}

static void wide_rule_error(const template *t, int line, size_t from,
                            size_t to, int closing, diag_list *d)
{
    srcloc at = {t->path, line, 1};
    int n = (int)(to - from);
    if (closing)
        diag_at(d, DIAG_ERROR, at,
                "the line that closes the front matter is typed full-width "
                "(%.*s)",
                n, t->text + from);
    else
        diag_at(d, DIAG_ERROR, at,
                "the line that opens the front matter is typed full-width "
                "(%.*s): the keys below it would be printed on the slide",
                n, t->text + from);
    diag_hint(d, "type the line half-width (半角): ---");
}

/* One root cause, one message: front matter with no closing "---" is
 * one error at its opening line (the lines after it, which were never
 * meant as settings, are not reported one by one); its hint names the
 * first line that is not "key: value".  0 when the "---" is there;
 * a closing line typed ーーー is said as such. */
static int front_matter_unclosed(const template *t, size_t p, diag_list *d)
{
    const char *s = t->text;
    size_t len = t->len;
    int line = 2, first_bad = 0;
    while (p < len) {
        size_t q, qe;
        line_end(s, len, p, &q, &qe);
        if (qe - p == 3 && memcmp(s + p, "---", 3) == 0)
            return 0;
        if (wide_rule(s, p, qe)) {
            wide_rule_error(t, line, p, qe, 1, d);
            return -1;
        }
        if (!first_bad && qe > p && !memchr(s + p, ':', qe - p))
            first_bad = line;
        line++;
        p = q < len ? q + 1 : len;
    }
    srcloc at = {t->path, 1, 1};
    diag_at(d, DIAG_ERROR, at,
            "front matter opened here is never closed: expected a line "
            "\"---\"");
    if (first_bad)
        diag_hint(d,
                  "line %d is not \"key: value\": end the front matter "
                  "with a line \"---\" before it",
                  first_bad);
    return -1;
}

static int parse_front_matter(template *t, diag_list *d, size_t *body)
{
    *body = 0;
    const char *s = t->text;
    size_t len = t->len;
    size_t e, le;
    line_end(s, len, 0, &e, &le);
    if (wide_rule(s, 0, le)) {
        wide_rule_error(t, 1, 0, le, 0, d);
        *body = len;
        return -1;
    }
    if (!(le == 3 && memcmp(s, "---", 3) == 0))
        return 0;
    size_t p = e < len ? e + 1 : len;
    if (front_matter_unclosed(t, p, d) != 0) {
        *body = len;
        return -1;
    }
    int line = 2;
    int ok = 1;
    while (p < len) {
        size_t q, qe;
        line_end(s, len, p, &q, &qe);
        if (qe - p == 3 && memcmp(s + p, "---", 3) == 0) {
            *body = q < len ? q + 1 : len;
            return ok ? 0 : -1;
        }
        if (qe > p) {
            const char *colon = memchr(s + p, ':', qe - p);
            size_t klen = colon ? (size_t)(colon - (s + p)) : 0;
            while (klen > 0 && is_space(s[p + klen - 1]))
                klen--;
            if (!colon || klen == 0) {
                srcloc at = {t->path, line, 1};
                const char *wide = utf8_find(s + p, qe - p, "：");
                diag_at(d, DIAG_ERROR, at,
                        "expected \"key: value\" in the front matter, or "
                        "\"---\" to end it%s",
                        wide ? _(": found a full-width colon (：)") : "");
                if (wide)
                    diag_hint(d, "type the colon half-width (半角): "
                                 "\"title: 資料名\"");
                ok = 0;
            } else {
                const char *v = colon + 1;
                while (v < s + qe && is_space(*v))
                    v++;
                t->meta = xgrow(t->meta, &t->capmeta, t->nmeta + 1,
                                sizeof(meta_entry));
                meta_entry *m = &t->meta[t->nmeta++];
                m->key = xstrndup(s + p, klen);
                m->value = xstrndup(v, (size_t)(s + qe - v));
                m->line = line;
            }
        }
        line++;
        p = q < len ? q + 1 : len;
    }
    *body = len; /* not reached: front_matter_unclosed saw the "---" */
    return -1;
}

/* An expression typed full-width (｛｛ … ｝｝) is text to the scanner
 * and would be printed on the slide as it is; ｛｛ in the text between
 * tags is an error at its position.  Only here: the expansion's check of
 * the Markdown (ime.c) never sees a template that did not expand. */
static int wide_braces(const template *t, size_t from, size_t to,
                       diag_list *d)
{
    const char *w = utf8_find(t->text + from, to - from, "｛｛");
    if (!w)
        return 0;
    diag_at(d, DIAG_ERROR, loc_of(t, (size_t)(w - t->text)),
            "an expression typed full-width (｛｛ … ｝｝): it is printed as "
            "it is, not computed");
    diag_hint(d, "type the braces half-width (半角): {{ sum(t, \"count\") }}");
    return 1;
}

/* The tags and the text between them, from body on (*out, the caller
 * frees it); 0, or -1 after errors (the tokens are still all there, so
 * that the builder reports what it can). */
static int tokenize(template *t, size_t body, tk **out, size_t *nout,
                    diag_list *d)
{
    const char *s = t->text;
    size_t len = t->len;
    tk *v = NULL;
    size_t n = 0, cap = 0;
    int ok = 1;
    size_t p = body;
    while (p < len) {
        const char *open = NULL;
        for (size_t q = p; q + 1 < len; q++)
            if (s[q] == '{' && s[q + 1] == '{') {
                open = s + q;
                break;
            }
        size_t o = open ? (size_t)(open - s) : len;
        if (o > p) {
            v = xgrow(v, &cap, n + 1, sizeof(tk));
            v[n++] = (tk){TK_TEXT, p, o, p, p, o};
            if (wide_braces(t, p, o, d))
                ok = 0;
        }
        if (!open)
            break;
        tk g;
        memset(&g, 0, sizeof g);
        g.start = o;
        if (o + 2 < len && s[o + 2] == '#') {
            const char *close = NULL;
            for (size_t q = o + 3; q + 2 < len; q++)
                if (s[q] == '#' && s[q + 1] == '}' && s[q + 2] == '}') {
                    close = s + q;
                    break;
                }
            if (!close) {
                diag_at(d, DIAG_ERROR, loc_of(t, o),
                        "unclosed comment \"{{#\": expected \"#}}\"");
                ok = 0;
                break;
            }
            g.k = TK_COMMENT;
            g.end = (size_t)(close - s) + 3;
            g.kw = o;
            v = xgrow(v, &cap, n + 1, sizeof(tk));
            v[n++] = g;
            p = g.end;
            continue;
        }
        size_t c = find_close(s, len, o + 2);
        if (c == (size_t)-1) {
            diag_at(d, DIAG_ERROR, loc_of(t, o),
                    "unclosed \"{{\": expected \"}}\" to end the tag");
            const char *w = utf8_find(s + o, len - o, "｝｝");
            if (w)
                diag_hint(d,
                          "the tag is closed full-width (｝｝) at line %d: "
                          "type }} half-width (半角)",
                          loc_of(t, (size_t)(w - s)).line);
            ok = 0;
            break;
        }
        g.end = c + 2;
        size_t a = o + 2;
        while (a < c && (is_space(s[a]) || s[a] == '\n' || s[a] == '\r'))
            a++;
        size_t ae = c;
        while (ae > a &&
               (is_space(s[ae - 1]) || s[ae - 1] == '\n' || s[ae - 1] == '\r'))
            ae--;
        g.kw = a;
        size_t wl = word_len(s + a, ae - a);
        const char *w = s + a;
        size_t after = a + wl;
        int word_alone = after == ae || is_space(s[after]) || s[after] == '\n';
        g.k = TK_EXPR;
        g.arg = a;
        g.argend = ae;
        if (word_alone && wl) {
            static const struct {
                const char *w;
                tkkind k;
            } kws[] = {{"if", TK_IF},   {"elif", TK_ELIF}, {"else", TK_ELSE},
                       {"end", TK_END}, {"for", TK_FOR},   {"let", TK_LET}};
            for (size_t i = 0; i < sizeof kws / sizeof *kws; i++)
                if (word_is(w, wl, kws[i].w))
                    g.k = kws[i].k;
            static const struct {
                const char *w, *hint;
            } bad[] = {{"endif", "end"},   {"endfor", "end"},
                       {"fi", "end"},      {"done", "end"},
                       {"elsif", "elif"},  {"elseif", "elif"},
                       {"foreach", "for"}, {"set", "let"}};
            for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
                if (word_is(w, wl, bad[i].w)) {
                    diag_at(d, DIAG_ERROR, loc_of(t, a),
                            "unknown block tag \"%s\"", bad[i].w);
                    diag_hint(d, "did you mean \"%s\"?", bad[i].hint);
                    ok = 0;
                    g.k = TK_BAD;
                }
            if (g.k != TK_EXPR && g.k != TK_BAD) {
                g.arg = after;
                while (g.arg < ae && (is_space(s[g.arg]) || s[g.arg] == '\n'))
                    g.arg++;
            }
        }
        v = xgrow(v, &cap, n + 1, sizeof(tk));
        v[n++] = g;
        p = g.end;
    }
    *out = v;
    *nout = n;
    return ok ? 0 : -1;
}

/* A block tag alone on its line takes the line's indentation and newline
 * with it. */
static void trim_standalone(template *t, tk *v, size_t n, size_t body)
{
    const char *s = t->text;
    for (size_t i = 0; i < n; i++) {
        tkkind k = v[i].k;
        if (k == TK_TEXT || k == TK_EXPR)
            continue;
        size_t b = v[i].start;
        while (b > body && is_space(s[b - 1]))
            b--;
        if (b > body && s[b - 1] != '\n')
            continue;
        size_t e = v[i].end;
        while (e < t->len && (is_space(s[e]) || s[e] == '\r'))
            e++;
        if (e < t->len && s[e] != '\n')
            continue;
        if (e < t->len)
            e++;
        if (i > 0 && v[i - 1].k == TK_TEXT && v[i - 1].end > b)
            v[i - 1].end = b;
        if (i + 1 < n && v[i + 1].k == TK_TEXT && v[i + 1].start < e)
            v[i + 1].start = e;
        if (i > 0 && v[i - 1].k == TK_TEXT && v[i - 1].start > v[i - 1].end)
            v[i - 1].start = v[i - 1].end;
        if (i + 1 < n && v[i + 1].k == TK_TEXT && v[i + 1].start > v[i + 1].end)
            v[i + 1].start = v[i + 1].end;
    }
}

typedef struct frame {
    node *n;        /* N_IF or N_FOR */
    nodelist *into; /* where the current branch's nodes go */
    int has_else;
    size_t kw;
    const char *what;
} frame;

static expr *parse_at(template *t, size_t a, size_t e, diag_list *d)
{
    return expr_parse(t->text + a, e - a, loc_of(t, a), d);
}

/* NAME at [a, e): returns its length, 0 when not a name */
static size_t name_at(const char *s, size_t a, size_t e)
{
    size_t n = 0;
    while (a + n < e) {
        unsigned char c = (unsigned char)s[a + n];
        if (!(c >= 0x80 || c == '_' || (c >= 'a' && c <= 'z') ||
              (c >= 'A' && c <= 'Z') || (n && c >= '0' && c <= '9')))
            break;
        n++;
    }
    return n;
}

/* The block tree being built from the tags: the open blocks (innermost
 * last) and the list new nodes go into. */
typedef struct builder {
    template *t;
    diag_list *d;
    frame *st;
    size_t nst, capst;
    nodelist *cur;
} builder;

static void open_block(builder *b, node *x, nodelist *into, size_t kw,
                       const char *what)
{
    b->st = xgrow(b->st, &b->capst, b->nst + 1, sizeof(frame));
    b->st[b->nst++] = (frame){x, into, 0, kw, what};
    b->cur = into;
}

static int add_text(builder *b, const tk *g)
{
    if (g->end > g->start) {
        node *x = nodelist_push(b->cur);
        x->k = N_TEXT;
        x->start = g->start;
        x->end = g->end;
        x->line = line_of(b->t, g->start);
    }
    return 0;
}

static int add_expr(builder *b, const tk *g)
{
    srcloc kwloc = loc_of(b->t, g->kw);
    expr *e = parse_at(b->t, g->arg, g->argend, b->d);
    if (!e)
        return -1;
    node *x = nodelist_push(b->cur);
    x->k = N_EXPR;
    x->e = e;
    x->loc = kwloc;
    x->line = kwloc.line;
    x->in_fence = b->t->fence[kwloc.line - 1];
    return 0;
}

/* {{ let NAME = value }} */
static int add_let(builder *b, const tk *g)
{
    const char *s = b->t->text;
    size_t nl = name_at(s, g->arg, g->argend);
    size_t p = g->arg + nl;
    while (p < g->argend && is_space(s[p]))
        p++;
    if (!nl || p >= g->argend || s[p] != '=' ||
        (p + 1 < g->argend && s[p + 1] == '=')) {
        diag_at(b->d, DIAG_ERROR, loc_of(b->t, nl ? p : g->arg),
                "expected \"let NAME = value\"");
        return -1;
    }
    expr *e = parse_at(b->t, p + 1, g->argend, b->d);
    if (!e)
        return -1;
    node *x = nodelist_push(b->cur);
    x->k = N_LET;
    x->e = e;
    x->name = xstrndup(s + g->arg, nl);
    x->loc = loc_of(b->t, g->arg);
    return 0;
}

/* {{ for NAME in table-or-list }}: the block is opened even after an
 * error, so that its {{ end }} matches. */
static int add_for(builder *b, const tk *g)
{
    const char *s = b->t->text;
    int rc = 0;
    size_t nl = name_at(s, g->arg, g->argend);
    size_t p = g->arg + nl;
    while (p < g->argend && is_space(s[p]))
        p++;
    if (!nl || !(p + 2 <= g->argend && s[p] == 'i' && s[p + 1] == 'n' &&
                 (p + 2 == g->argend || is_space(s[p + 2])))) {
        diag_at(b->d, DIAG_ERROR, loc_of(b->t, nl ? p : g->arg),
                "expected \"for NAME in table-or-list\"");
        rc = -1;
    }
    expr *e = rc == 0 || (nl && p + 2 <= g->argend)
                  ? parse_at(b->t, p + 2 < g->argend ? p + 2 : g->argend,
                             g->argend, b->d)
                  : NULL;
    if (!e)
        rc = -1;
    node *x = nodelist_push(b->cur);
    x->k = N_FOR;
    x->e = e;
    x->name = xstrndup(s + g->arg, nl);
    x->loc = loc_of(b->t, g->kw);
    open_block(b, x, &x->body, g->kw, "for");
    return rc;
}

static int add_if(builder *b, const tk *g)
{
    expr *e = parse_at(b->t, g->arg, g->argend, b->d);
    node *x = nodelist_push(b->cur);
    x->k = N_IF;
    x->loc = loc_of(b->t, g->kw);
    x->conds = xmalloc(sizeof(expr *));
    x->bodies = xcalloc(1, sizeof(nodelist));
    x->conds[0] = e;
    x->nbranch = 1;
    open_block(b, x, &x->bodies[0], g->kw, "if");
    return e ? 0 : -1;
}

/* {{ elif c }} or {{ else }}: a new branch of the innermost {{ if }}. */
static int add_branch(builder *b, const tk *g)
{
    srcloc kwloc = loc_of(b->t, g->kw);
    const char *w = g->k == TK_ELIF ? "elif" : "else";
    if (!b->nst || b->st[b->nst - 1].n->k != N_IF) {
        diag_at(b->d, DIAG_ERROR, kwloc, "{{ %s }} without {{ if }}", w);
        return -1;
    }
    frame *f = &b->st[b->nst - 1];
    if (f->has_else) {
        diag_at(b->d, DIAG_ERROR, kwloc,
                "{{ %s }} after {{ else }}: {{ else }} must come last", w);
        return -1;
    }
    int rc = 0;
    expr *e = NULL;
    if (g->k == TK_ELIF) {
        e = parse_at(b->t, g->arg, g->argend, b->d);
        if (!e)
            rc = -1;
    } else if (g->arg < g->argend) {
        diag_at(b->d, DIAG_ERROR, loc_of(b->t, g->arg),
                "{{ else }} takes no condition");
        diag_hint(b->d, "did you mean {{ elif … }}?");
        rc = -1;
    }
    node *x = f->n;
    x->conds = xrealloc(x->conds, (x->nbranch + 1) * sizeof(expr *));
    x->bodies = xrealloc(x->bodies, (x->nbranch + 1) * sizeof(nodelist));
    x->conds[x->nbranch] = e;
    memset(&x->bodies[x->nbranch], 0, sizeof(nodelist));
    b->cur = &x->bodies[x->nbranch++];
    f->into = b->cur;
    f->has_else = g->k == TK_ELSE;
    return rc;
}

static int close_block(builder *b, const tk *g)
{
    int rc = 0;
    if (g->arg < g->argend) {
        diag_at(b->d, DIAG_ERROR, loc_of(b->t, g->arg),
                "{{ end }} takes nothing after \"end\"");
        rc = -1;
    }
    if (!b->nst) {
        diag_at(b->d, DIAG_ERROR, loc_of(b->t, g->kw),
                "{{ end }} without a block");
        return -1;
    }
    b->nst--;
    b->cur = b->nst ? b->st[b->nst - 1].into : &b->t->root;
    return rc;
}

/* The node tree from the tokens; 0, or -1 after errors (all reported). */
static int build(template *t, tk *v, size_t n, diag_list *d)
{
    builder b = {t, d, NULL, 0, 0, &t->root};
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        const tk *g = &v[i];
        if ((g->k == TK_IF || g->k == TK_FOR) && b.nst >= TEMPLATE_MAX_DEPTH) {
            diag_at(d, DIAG_ERROR, loc_of(t, g->kw),
                    "blocks nested too deeply (more than %d levels)",
                    TEMPLATE_MAX_DEPTH);
            free(b.st);
            return -1; /* the rest would only repeat it */
        }
        int r = 0;
        switch (g->k) {
        case TK_TEXT:
            r = add_text(&b, g);
            break;
        case TK_COMMENT:
        case TK_BAD:
            break;
        case TK_EXPR:
            r = add_expr(&b, g);
            break;
        case TK_LET:
            r = add_let(&b, g);
            break;
        case TK_FOR:
            r = add_for(&b, g);
            break;
        case TK_IF:
            r = add_if(&b, g);
            break;
        case TK_ELIF:
        case TK_ELSE:
            r = add_branch(&b, g);
            break;
        case TK_END:
            r = close_block(&b, g);
            break;
        }
        if (r < 0)
            rc = -1;
    }
    for (size_t i = b.nst; i-- > 0;) {
        diag_at(d, DIAG_ERROR, loc_of(t, b.st[i].kw),
                "{{ %s }} opened here is never closed", b.st[i].what);
        diag_hint(d, "add {{ end }} where the block ends");
        rc = -1;
    }
    free(b.st);
    return rc;
}

/* Template text is UTF-8 with no NUL byte, checked whole before it is
 * parsed (as data files are, csv.c), so that no later stage sees an
 * invalid byte.  The first one is an error at its line and column. */
static int check_text(const template *t, diag_list *d)
{
    size_t bad;
    if (!utf8_valid(t->text, t->len, &bad)) {
        const char *enc = csv_encoding_guess(t->text, t->len);
        if (enc) {
            diag_at(d, DIAG_ERROR, loc_of(t, bad),
                    "the template is %s: expected UTF-8", enc);
            diag_hint(d, "save the template as UTF-8 (in the editor's "
                         "\"Save as\", encoding UTF-8)");
            return -1;
        }
        diag_at(d, DIAG_ERROR, loc_of(t, bad),
                "invalid UTF-8 byte 0x%02X: expected UTF-8 text",
                (unsigned char)t->text[bad]);
        diag_hint(d, "save the template as UTF-8 and check this character");
        return -1;
    }
    const char *nul = memchr(t->text, '\0', t->len);
    if (nul) {
        diag_at(d, DIAG_ERROR, loc_of(t, (size_t)(nul - t->text)),
                "NUL byte in the file: expected text");
        return -1;
    }
    return 0;
}

template *template_compile(const char *path, const char *text, size_t len,
                           diag_list *d)
{
    template *t = xcalloc(1, sizeof *t);
    t->path = xstrdup(path);
    t->text = xstrndup(text, len);
    t->len = len;
    size_t cap = 16;
    t->line_start = xmalloc(cap * sizeof(size_t));
    t->line_start[t->nlines++] = 0;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\n') {
            t->line_start =
                xgrow(t->line_start, &cap, t->nlines + 1, sizeof(size_t));
            t->line_start[t->nlines++] = i + 1;
        }
    if (check_text(t, d) != 0) {
        template_free(t);
        return NULL;
    }
    size_t body;
    int ok = parse_front_matter(t, d, &body) == 0;
    compute_fences(t, body);
    tk *v = NULL;
    size_t n = 0;
    if (tokenize(t, body, &v, &n, d) < 0)
        ok = 0;
    trim_standalone(t, v, n, body);
    if (build(t, v, n, d) < 0)
        ok = 0;
    free(v);
    if (!ok) {
        template_free(t);
        return NULL;
    }
    return t;
}
