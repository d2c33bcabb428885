/* template: compiles Markdown templates with {{ … }} tags into a node tree
 * and expands it against the data. */
#include "template.h"

#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "eval.h"
#include "utf8.h"
#include "value.h"
#include "xalloc.h"

/* ------------------------------------------------------------------ */
/* compiled form                                                      */

typedef enum { N_TEXT, N_EXPR, N_IF, N_FOR, N_LET } nkind;

typedef struct node node;
typedef struct nodelist {
    node *items;
    size_t n, cap;
} nodelist;

struct node {
    nkind k;
    srcloc loc;       /* the tag's keyword or expression */
    size_t start, end; /* N_TEXT: byte range in the template text */
    int line;          /* N_TEXT: line of start; N_EXPR: line of the tag */
    int in_fence;      /* N_EXPR: inside a fenced code block */
    expr *e;           /* N_EXPR, N_LET value, N_FOR iterable */
    char *name;        /* N_LET, N_FOR variable */
    /* N_IF: branches (cond NULL for else) */
    expr **conds;
    nodelist *bodies;
    size_t nbranch;
    nodelist body; /* N_FOR */
};

typedef struct meta_entry {
    char *key, *value;
    int line;
} meta_entry;

struct template {
    char *path;
    char *text;
    size_t len;
    meta_entry *meta;
    size_t nmeta, capmeta;
    nodelist root;
    size_t *line_start; /* byte offset of each line (index line-1) */
    size_t nlines;
    unsigned char *fence; /* per line (index line-1): inside a fence */
    /* loc_of's memo: the column of the last offset asked for, so that
     * positions asked for in order along one long line cost no rescan */
    size_t memo_off;
    int memo_line, memo_col;
};

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
    size_t start, end;   /* whole tag, or text range */
    size_t kw;           /* offset of the keyword (or expression) */
    size_t arg, argend;  /* the tag's argument text */
} tk;

static int is_space(char c) { return c == ' ' || c == '\t'; }

static int word_is(const char *s, size_t len, const char *w)
{
    return strlen(w) == len && memcmp(s, w, len) == 0;
}

static size_t word_len(const char *s, size_t max)
{
    size_t n = 0;
    while (n < max && ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z') ||
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

static int parse_front_matter(template *t, diag_list *d, size_t *body)
{
    *body = 0;
    const char *s = t->text;
    size_t len = t->len;
    size_t e = 0;
    while (e < len && s[e] != '\n')
        e++;
    size_t le = e;
    while (le > 0 && (s[le - 1] == '\r' || is_space(s[le - 1])))
        le--;
    if (!(le == 3 && memcmp(s, "---", 3) == 0))
        return 0;
    size_t p = e < len ? e + 1 : len;
    int line = 2;
    int ok = 1;
    while (p < len) {
        size_t q = p;
        while (q < len && s[q] != '\n')
            q++;
        size_t qe = q;
        while (qe > p && (s[qe - 1] == '\r' || is_space(s[qe - 1])))
            qe--;
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
                diag_at(d, DIAG_ERROR, at,
                        "expected \"key: value\" in the front matter, or "
                        "\"---\" to end it");
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
    srcloc at = {t->path, 1, 1};
    diag_at(d, DIAG_ERROR, at,
            "front matter opened here is never closed: expected a line "
            "\"---\"");
    *body = len;
    return -1;
}

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
        }
        if (!open)
            break;
        tk g;
        memset(&g, 0, sizeof g);
        g.start = o;
        if (o + 2 < len && s[o + 2] == '#') {
            const char *close = NULL;
            for (size_t q = o + 3; q + 2 < len + 0 && q + 1 < len; q++)
                if (s[q] == '#' && s[q + 1] == '}' && q + 2 < len &&
                    s[q + 2] == '}') {
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
            ok = 0;
            break;
        }
        g.end = c + 2;
        size_t a = o + 2;
        while (a < c && (is_space(s[a]) || s[a] == '\n' || s[a] == '\r'))
            a++;
        size_t ae = c;
        while (ae > a && (is_space(s[ae - 1]) || s[ae - 1] == '\n' ||
                          s[ae - 1] == '\r'))
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
            } bad[] = {{"endif", "end"},  {"endfor", "end"}, {"fi", "end"},
                       {"done", "end"},   {"elsif", "elif"}, {"elseif", "elif"},
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
    return ok;
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
        if (i + 1 < n && v[i + 1].k == TK_TEXT &&
            v[i + 1].start > v[i + 1].end)
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

static int build(template *t, tk *v, size_t n, diag_list *d)
{
    const char *s = t->text;
    frame *st = NULL;
    size_t nst = 0, capst = 0;
    nodelist *cur = &t->root;
    int ok = 1;
    for (size_t i = 0; i < n; i++) {
        tk *g = &v[i];
        srcloc kwloc = loc_of(t, g->kw);
        if ((g->k == TK_IF || g->k == TK_FOR) && nst >= TEMPLATE_MAX_DEPTH) {
            diag_at(d, DIAG_ERROR, kwloc,
                    "blocks nested too deeply (more than %d levels)",
                    TEMPLATE_MAX_DEPTH);
            free(st);
            return 0; /* the rest would only repeat it */
        }
        switch (g->k) {
        case TK_TEXT:
            if (g->end > g->start) {
                node *x = nodelist_push(cur);
                x->k = N_TEXT;
                x->start = g->start;
                x->end = g->end;
                x->line = line_of(t, g->start);
            }
            break;
        case TK_COMMENT:
        case TK_BAD:
            break;
        case TK_EXPR: {
            expr *e = parse_at(t, g->arg, g->argend, d);
            if (!e) {
                ok = 0;
                break;
            }
            node *x = nodelist_push(cur);
            x->k = N_EXPR;
            x->e = e;
            x->loc = kwloc;
            x->line = kwloc.line;
            x->in_fence = t->fence[kwloc.line - 1];
            break;
        }
        case TK_LET: {
            size_t nl = name_at(s, g->arg, g->argend);
            size_t p = g->arg + nl;
            while (p < g->argend && is_space(s[p]))
                p++;
            if (!nl || p >= g->argend || s[p] != '=' ||
                (p + 1 < g->argend && s[p + 1] == '=')) {
                diag_at(d, DIAG_ERROR, loc_of(t, nl ? p : g->arg),
                        "expected \"let NAME = value\"");
                ok = 0;
                break;
            }
            expr *e = parse_at(t, p + 1, g->argend, d);
            if (!e) {
                ok = 0;
                break;
            }
            node *x = nodelist_push(cur);
            x->k = N_LET;
            x->e = e;
            x->name = xstrndup(s + g->arg, nl);
            x->loc = loc_of(t, g->arg);
            break;
        }
        case TK_FOR: {
            size_t nl = name_at(s, g->arg, g->argend);
            size_t p = g->arg + nl;
            while (p < g->argend && is_space(s[p]))
                p++;
            if (!nl || !(p + 2 <= g->argend && s[p] == 'i' && s[p + 1] == 'n' &&
                         (p + 2 == g->argend || is_space(s[p + 2])))) {
                diag_at(d, DIAG_ERROR, loc_of(t, nl ? p : g->arg),
                        "expected \"for NAME in table-or-list\"");
                ok = 0;
                /* still open a block so that its {{ end }} matches */
            }
            expr *e = ok || (nl && p + 2 <= g->argend)
                          ? parse_at(t, p + 2 < g->argend ? p + 2 : g->argend,
                                     g->argend, d)
                          : NULL;
            if (!e)
                ok = 0;
            node *x = nodelist_push(cur);
            x->k = N_FOR;
            x->e = e;
            x->name = xstrndup(s + g->arg, nl);
            x->loc = kwloc;
            st = xgrow(st, &capst, nst + 1, sizeof(frame));
            st[nst++] = (frame){x, &x->body, 0, g->kw, "for"};
            cur = &x->body;
            break;
        }
        case TK_IF: {
            expr *e = parse_at(t, g->arg, g->argend, d);
            if (!e)
                ok = 0;
            node *x = nodelist_push(cur);
            x->k = N_IF;
            x->loc = kwloc;
            x->conds = xmalloc(sizeof(expr *));
            x->bodies = xcalloc(1, sizeof(nodelist));
            x->conds[0] = e;
            x->nbranch = 1;
            st = xgrow(st, &capst, nst + 1, sizeof(frame));
            st[nst++] = (frame){x, &x->bodies[0], 0, g->kw, "if"};
            cur = &x->bodies[0];
            break;
        }
        case TK_ELIF:
        case TK_ELSE: {
            const char *w = g->k == TK_ELIF ? "elif" : "else";
            if (!nst || st[nst - 1].n->k != N_IF) {
                diag_at(d, DIAG_ERROR, kwloc, "{{ %s }} without {{ if }}", w);
                ok = 0;
                break;
            }
            frame *f = &st[nst - 1];
            if (f->has_else) {
                diag_at(d, DIAG_ERROR, kwloc,
                        "{{ %s }} after {{ else }}: {{ else }} must come last",
                        w);
                ok = 0;
                break;
            }
            expr *e = NULL;
            if (g->k == TK_ELIF) {
                e = parse_at(t, g->arg, g->argend, d);
                if (!e)
                    ok = 0;
            } else if (g->arg < g->argend) {
                diag_at(d, DIAG_ERROR, loc_of(t, g->arg),
                        "{{ else }} takes no condition; did you mean "
                        "{{ elif … }}?");
                ok = 0;
            }
            node *x = f->n;
            x->conds = xrealloc(x->conds, (x->nbranch + 1) * sizeof(expr *));
            x->bodies = xrealloc(x->bodies, (x->nbranch + 1) * sizeof(nodelist));
            x->conds[x->nbranch] = e;
            memset(&x->bodies[x->nbranch], 0, sizeof(nodelist));
            cur = &x->bodies[x->nbranch++];
            f->into = cur;
            f->has_else = g->k == TK_ELSE;
            break;
        }
        case TK_END:
            if (g->arg < g->argend) {
                diag_at(d, DIAG_ERROR, loc_of(t, g->arg),
                        "{{ end }} takes nothing after \"end\"");
                ok = 0;
            }
            if (!nst) {
                diag_at(d, DIAG_ERROR, kwloc, "{{ end }} without a block");
                ok = 0;
                break;
            }
            nst--;
            cur = nst ? st[nst - 1].into : &t->root;
            break;
        }
    }
    for (size_t i = nst; i-- > 0;) {
        diag_at(d, DIAG_ERROR, loc_of(t, st[i].kw),
                "{{ %s }} opened here is never closed", st[i].what);
        diag_hint(d, "add {{ end }} where the block ends");
        ok = 0;
    }
    free(st);
    return ok;
}

/* Template text is UTF-8 with no NUL byte, checked whole before it is
 * parsed (as data files are, csv.c), so that no later stage sees an
 * invalid byte.  The first one is an error at its line and column. */
static int check_text(const template *t, diag_list *d)
{
    size_t bad;
    if (!utf8_valid(t->text, t->len, &bad)) {
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
            t->line_start = xgrow(t->line_start, &cap, t->nlines + 1,
                                  sizeof(size_t));
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
    ok &= tokenize(t, body, &v, &n, d);
    trim_standalone(t, v, n, body);
    ok &= build(t, v, n, d);
    free(v);
    if (!ok) {
        template_free(t);
        return NULL;
    }
    return t;
}

/* ------------------------------------------------------------------ */
/* environment                                                        */

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
    size_t nl, cap;
    int bol;
    binding *lets;
} xstate;

static void new_line(xstate *x, int line)
{
    if (x->nl + 1 > x->cap) {
        size_t cap = x->cap;
        x->src = xgrow(x->src, &cap, x->nl + 1, sizeof(srcloc));
        x->pv = xrealloc(x->pv, cap * sizeof(prov));
        x->cap = cap;
    }
    x->src[x->nl] = (srcloc){x->t->path, line, 1};
    x->pv[x->nl] = PROV_FINAL;
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
        if (v->p > *lp)
            *lp = v->p;
        if (v->p != PROV_FINAL && !v->bare)
            buf_puts(&x->out, v->p == PROV_PRELIMINARY ? "〔速報〕" : "〔仮〕");
    }
}

static void expand_list(xstate *x, const nodelist *l);

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
        if (value_to_text(&x->c, &v, expr_loc(n->e), &b) == 0)
            emit_value(x, n, &v, &b);
        buf_free(&b);
        break;
    }
    case N_LET: {
        x->c.lets = x->lets;
        expr_eval(n->e, &x->c, &v);
        binding *b = arena_alloc(x->c.a, sizeof *b);
        b->name = n->name;
        b->v = v;
        b->next = x->lets;
        x->lets = b;
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
                items[i].p = v.u.v->t->status ? v.u.v->t->status[v.u.v->rows[i]]
                                              : PROV_FINAL;
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
        static const char *loop_names[] = {"index", "first", "last"};
        const binding *save = x->c.vars;
        for (size_t i = 0; i < count; i++) {
            binding item = {n->name, items[i], (binding *)save};
            value *lv = arena_alloc(x->c.a, 3 * sizeof(value));
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
        break;
    }
    }
}

static void expand_list(xstate *x, const nodelist *l)
{
    for (size_t i = 0; i < l->n; i++)
        expand_node(x, &l->items[i]);
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
    expand_list(&x, &t->root);
    int errors = x.c.errors;
    evalctx_done(&x.c);
    arena_free(x.c.a);
    memset(out, 0, sizeof *out);
    if (errors) {
        buf_free(&x.out);
        free(x.src);
        free(x.pv);
        return -1;
    }
    out->len = x.out.len;
    out->text = x.out.len ? buf_detach(&x.out) : xstrdup("");
    out->nlines = x.nl;
    out->line_src = x.src;
    out->line_prov = x.pv;
    return 0;
}

void expansion_free(expansion *e)
{
    if (!e)
        return;
    free(e->text);
    free(e->line_src);
    free(e->line_prov);
    memset(e, 0, sizeof *e);
}
