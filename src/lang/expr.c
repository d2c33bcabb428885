/* expr: lexer, parser and evaluator of template expressions.  The
 * functions callable from templates live in query.c. */
#include "expr.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "era.h"
#include "format.h"
#include "num.h"
#include "query.h"
#include "suggest.h"
#include "value.h"
#include "xalloc.h"
#include "utf8.h"

/* ------------------------------------------------------------------ */
/* arena                                                              */

typedef struct ablock {
    struct ablock *next;
    size_t used, cap;
    max_align_t data[];
} ablock;

struct arena {
    ablock *head;
};

arena *arena_new(void) { return xcalloc(1, sizeof(arena)); }

void arena_free(arena *a)
{
    if (!a)
        return;
    ablock *b = a->head;
    while (b) {
        ablock *n = b->next;
        free(b);
        b = n;
    }
    free(a);
}

void *arena_alloc(arena *a, size_t n)
{
    size_t al = sizeof(max_align_t);
    n = (n + al - 1) / al * al;
    if (n == 0)
        n = al;
    ablock *b = a->head;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > 16384 ? n : 16384;
        b = xmalloc(sizeof(ablock) + cap);
        b->cap = cap;
        b->used = 0;
        b->next = a->head;
        a->head = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += n;
    memset(p, 0, n);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

/* ------------------------------------------------------------------ */
/* syntax tree                                                        */

typedef enum {
    E_NUM,
    E_STR,
    E_BOOL,
    E_NAME,
    E_LIST,
    E_NEG,
    E_NOT,
    E_ARITH, /* op: + - * / */
    E_AND,
    E_OR,
    E_CMP, /* op: CMP_* */
    E_IN,
    E_NOTIN,
    E_MEMBER, /* a.s */
    E_CALL,   /* s(args) */
    E_WHERE   /* a where b */
} ekind;

enum { CMP_EQ, CMP_NE, CMP_LT, CMP_LE, CMP_GT, CMP_GE };

struct expr {
    ekind k;
    int op;
    srcloc loc;   /* the token that names the node (operator, name, …) */
    double num;
    char *s;      /* E_STR text, E_NAME / E_MEMBER / E_CALL name */
    size_t slen;
    char *text;   /* E_WHERE: its source text, for messages */
    expr *a, *b;
    expr **args;  /* E_CALL, E_LIST */
    size_t nargs;
};

srcloc expr_loc(const expr *e) { return e->loc; }

void expr_free(expr *e)
{
    if (!e)
        return;
    expr_free(e->a);
    expr_free(e->b);
    for (size_t i = 0; i < e->nargs; i++)
        expr_free(e->args[i]);
    free(e->args);
    free(e->s);
    free(e->text);
    free(e);
}

/* ------------------------------------------------------------------ */
/* lexer                                                              */

typedef enum { T_EOF, T_NUM, T_STR, T_IDENT, T_OP, T_BAD } tkind;

typedef struct token {
    tkind k;
    const char *p; /* start in source */
    size_t len;
    srcloc loc;
    double num;
    char *str; /* T_STR: decoded text (owned by the lexer's list) */
    size_t slen;
} token;

typedef struct lexer {
    const char *src;
    size_t len, pos;
    int line, col;
    const char *file;
    token *toks;
    size_t ntok, cap;
    size_t cur; /* parser position */
    diag_list *d;
    int failed;
    int depth; /* nesting of the recursive-descent parser */
} lexer;

/* Deeper nesting than this is an error, not a stack overflow (found with
 * 100,000 nested parentheses). */
#define EXPR_MAX_DEPTH 600

/* Strict decoding: a lax decoder read the overlong "\xc0\xb1" as the
 * digit 1, and the lexer then looped on a number of no length (found by
 * fuzzing).  Invalid bytes are U+FFFD, one byte each. */
static uint32_t dec(const char *s, size_t len, size_t *adv)
{
    int32_t cp = utf8_decode(s, len, adv);
    return cp < 0 ? 0xFFFD : (uint32_t)cp;
}

static void lx_advance(lexer *lx, size_t n)
{
    for (size_t i = 0; i < n && lx->pos < lx->len; i++) {
        unsigned char c = (unsigned char)lx->src[lx->pos++];
        if (c == '\n') {
            lx->line++;
            lx->col = 1;
        } else if ((c & 0xC0) != 0x80) {
            lx->col++;
        }
    }
    /* a multi-byte character counted on its lead byte */
}

static srcloc lx_loc(const lexer *lx)
{
    srcloc l = {lx->file, lx->line, lx->col};
    return l;
}

static int is_ident_cp(uint32_t cp, int first)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
               cp == '_' || (!first && cp >= '0' && cp <= '9');
    /* CJK quotes, ideographic space and full-width punctuation are not
     * part of names */
    if (cp == 0x300C || cp == 0x300D || cp == 0x3000 || cp == 0x3001 ||
        cp == 0x3002 || cp == 0xFFFD)
        return 0;
    if (cp >= 0xFF01 && cp <= 0xFF0F)
        return 0;
    return 1;
}

static token *lx_push(lexer *lx, tkind k, const char *p, srcloc loc)
{
    lx->toks = xgrow(lx->toks, &lx->cap, lx->ntok + 1, sizeof(token));
    token *t = &lx->toks[lx->ntok++];
    memset(t, 0, sizeof *t);
    t->k = k;
    t->p = p;
    t->loc = loc;
    return t;
}

static void lx_error(lexer *lx, srcloc at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void lx_error(lexer *lx, srcloc at, const char *fmt, ...)
{
    if (lx->failed)
        return;
    lx->failed = 1;
    buf m = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&m, fmt, ap);
    va_end(ap);
    diag_at(lx->d, DIAG_ERROR, at, "%s", buf_cstr(&m));
    buf_free(&m);
}

static void lex(lexer *lx)
{
    while (lx->pos < lx->len && !lx->failed) {
        const char *s = lx->src + lx->pos;
        size_t rest = lx->len - lx->pos;
        size_t adv;
        uint32_t cp = dec(s, rest, &adv);
        if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
            cp == 0x3000) {
            lx_advance(lx, adv);
            continue;
        }
        srcloc at = lx_loc(lx);
        if (cp >= '0' && cp <= '9') {
            num_read nr;
            num_scan(s, rest, 0, &nr);
            if (nr.range == NUM_TOO_LARGE) {
                lx_error(lx, at,
                         "number out of range: %.*s%s (%d digits before "
                         "the point) is too large",
                         (int)(nr.len > 24 ? 24 : nr.len), s,
                         nr.len > 24 ? "…" : "", nr.int_digits);
                diag_hint(lx->d, "numbers go up to about 1.8e308");
                return;
            }
            token *t = lx_push(lx, T_NUM, s, at);
            t->len = nr.len;
            t->num = nr.v;
            lx_advance(lx, nr.len);
            continue;
        }
        if (cp == '"' || cp == 0x300C) {
            buf b = BUF_INIT;
            size_t n = adv;
            int closed = 0;
            while (n < rest) {
                if (cp == '"') {
                    if (s[n] == '"') {
                        n++;
                        closed = 1;
                        break;
                    }
                    if (s[n] == '\\' && n + 1 < rest) {
                        char e = s[n + 1];
                        buf_putc(&b, e == 'n' ? '\n' : e);
                        n += 2;
                        continue;
                    }
                    buf_putc(&b, s[n++]);
                } else {
                    size_t a2;
                    uint32_t c2 = dec(s + n, rest - n, &a2);
                    if (c2 == 0x300D) {
                        n += a2;
                        closed = 1;
                        break;
                    }
                    buf_put(&b, s + n, a2);
                    n += a2;
                }
            }
            if (!closed) {
                buf_free(&b);
                lx_error(lx, at, "unterminated string: expected a closing %s",
                         cp == '"' ? "\"" : "」");
                return;
            }
            token *t = lx_push(lx, T_STR, s, at);
            t->len = n;
            t->slen = b.len;
            t->str = b.len ? buf_detach(&b) : xstrdup("");
            buf_free(&b);
            lx_advance(lx, n);
            continue;
        }
        if (is_ident_cp(cp, 1)) {
            /* the first character is taken whatever the rest says: a name
             * of no length would never advance (found by fuzzing) */
            size_t n = adv;
            while (n < rest) {
                size_t a2;
                uint32_t c2 = dec(s + n, rest - n, &a2);
                if (!is_ident_cp(c2, 0))
                    break;
                n += a2;
            }
            token *t = lx_push(lx, T_IDENT, s, at);
            t->len = n;
            lx_advance(lx, n);
            continue;
        }
        static const char *ops[] = {"==", "!=", "<=", ">=", "(", ")", "[",
                                    "]",  ",",  ".",  "|",  "+", "-", "*",
                                    "/",  "=",  "<",  ">"};
        size_t i;
        for (i = 0; i < sizeof ops / sizeof *ops; i++) {
            size_t ol = strlen(ops[i]);
            if (ol <= rest && memcmp(s, ops[i], ol) == 0)
                break;
        }
        if (i == sizeof ops / sizeof *ops) {
            lx_error(lx, at, "unexpected character \"%.*s\" in expression",
                     (int)adv, s);
            return;
        }
        token *t = lx_push(lx, T_OP, s, at);
        t->len = strlen(ops[i]);
        lx_advance(lx, t->len);
    }
    lx_push(lx, T_EOF, lx->src + lx->len, lx_loc(lx));
}

/* ------------------------------------------------------------------ */
/* parser                                                             */

static token *peek(lexer *lx) { return &lx->toks[lx->cur]; }

static int is_op(const token *t, const char *op)
{
    return t->k == T_OP && t->len == strlen(op) && memcmp(t->p, op, t->len) == 0;
}

static int is_kw(const token *t, const char *kw)
{
    return t->k == T_IDENT && t->len == strlen(kw) &&
           memcmp(t->p, kw, t->len) == 0;
}

static int is_keyword(const token *t)
{
    static const char *kws[] = {"where", "in", "and", "or", "not"};
    for (size_t i = 0; i < sizeof kws / sizeof *kws; i++)
        if (is_kw(t, kws[i]))
            return 1;
    return 0;
}

static expr *mk(ekind k, srcloc loc)
{
    expr *e = xcalloc(1, sizeof *e);
    e->k = k;
    e->loc = loc;
    return e;
}

static void describe(const token *t, buf *b)
{
    switch (t->k) {
    case T_EOF:
        buf_puts(b, "the end of the expression");
        break;
    default:
        buf_printf(b, "\"%.*s\"", (int)t->len, t->p);
    }
}

static void expect_error(lexer *lx, const char *what)
{
    token *t = peek(lx);
    buf b = BUF_INIT;
    describe(t, &b);
    lx_error(lx, t->loc, "expected %s, found %s", what, buf_cstr(&b));
    buf_free(&b);
}

static expr *p_pipe(lexer *lx);
static expr *p_unary(lexer *lx);
static expr *p_not(lexer *lx);
static expr *p_pipe_at(lexer *lx);
static expr *p_unary_at(lexer *lx);
static expr *p_not_at(lexer *lx);

/* Runs one recursive step of the parser under the nesting guard: the
 * entries of recursion (a parenthesis, an argument or list item, a prefix
 * "-" or "not") go through here. */
static expr *guarded(lexer *lx, expr *(*step)(lexer *))
{
    if (lx->depth >= EXPR_MAX_DEPTH) {
        if (!lx->failed)
            lx_error(lx, peek(lx)->loc,
                     "expression nested too deeply: split it into named "
                     "values with {{ let }}");
        return NULL;
    }
    lx->depth++;
    expr *e = step(lx);
    lx->depth--;
    return e;
}
static expr *p_or(lexer *lx);

static expr *p_args(lexer *lx, expr *call, const char *close)
{
    if (is_op(peek(lx), close)) {
        lx->cur++;
        return call;
    }
    for (;;) {
        expr *a = p_pipe(lx);
        if (!a) {
            expr_free(call);
            return NULL;
        }
        call->args = xrealloc(call->args, (call->nargs + 1) * sizeof(expr *));
        call->args[call->nargs++] = a;
        if (is_op(peek(lx), ",")) {
            lx->cur++;
            continue;
        }
        if (is_op(peek(lx), close)) {
            lx->cur++;
            return call;
        }
        expect_error(lx, strcmp(close, ")") == 0 ? "\",\" or \")\""
                                                 : "\",\" or \"]\"");
        expr_free(call);
        return NULL;
    }
}

static expr *p_primary(lexer *lx)
{
    token *t = peek(lx);
    if (t->k == T_NUM) {
        lx->cur++;
        expr *e = mk(E_NUM, t->loc);
        e->num = t->num;
        return e;
    }
    if (t->k == T_STR) {
        lx->cur++;
        expr *e = mk(E_STR, t->loc);
        e->s = xstrndup(t->str, t->slen);
        e->slen = t->slen;
        return e;
    }
    if (is_op(t, "(")) {
        lx->cur++;
        expr *e = p_pipe(lx);
        if (!e)
            return NULL;
        if (!is_op(peek(lx), ")")) {
            expect_error(lx, "\")\"");
            expr_free(e);
            return NULL;
        }
        lx->cur++;
        return e;
    }
    if (is_op(t, "[")) {
        lx->cur++;
        return p_args(lx, mk(E_LIST, t->loc), "]");
    }
    if (t->k == T_IDENT && !is_keyword(t)) {
        lx->cur++;
        if (is_kw(t, "true") || is_kw(t, "false")) {
            expr *e = mk(E_BOOL, t->loc);
            e->num = is_kw(t, "true");
            return e;
        }
        if (is_op(peek(lx), "(")) {
            lx->cur++;
            expr *e = mk(E_CALL, t->loc);
            e->s = xstrndup(t->p, t->len);
            return p_args(lx, e, ")");
        }
        expr *e = mk(E_NAME, t->loc);
        e->s = xstrndup(t->p, t->len);
        return e;
    }
    expect_error(lx, "a value (a number, \"text\", a name or \"(\")");
    return NULL;
}

static expr *p_postfix(lexer *lx)
{
    expr *e = p_primary(lx);
    while (e && is_op(peek(lx), ".")) {
        lx->cur++;
        token *t = peek(lx);
        if (t->k != T_IDENT) {
            expect_error(lx, "a column name after \".\"");
            expr_free(e);
            return NULL;
        }
        lx->cur++;
        expr *m = mk(E_MEMBER, t->loc);
        m->a = e;
        m->s = xstrndup(t->p, t->len);
        e = m;
    }
    return e;
}

static expr *p_unary_at(lexer *lx)
{
    token *t = peek(lx);
    if (is_op(t, "-")) {
        lx->cur++;
        expr *a = p_unary(lx);
        if (!a)
            return NULL;
        expr *e = mk(E_NEG, t->loc);
        e->a = a;
        return e;
    }
    return p_postfix(lx);
}

static expr *p_unary(lexer *lx) { return guarded(lx, p_unary_at); }

static expr *p_binary(lexer *lx, int level);

static expr *p_mul(lexer *lx) { return p_binary(lx, 1); }
static expr *p_add(lexer *lx) { return p_binary(lx, 0); }

static expr *p_binary(lexer *lx, int level)
{
    expr *l = level ? p_unary(lx) : p_mul(lx);
    while (l) {
        token *t = peek(lx);
        int ok = level ? (is_op(t, "*") || is_op(t, "/"))
                       : (is_op(t, "+") || is_op(t, "-"));
        if (!ok)
            break;
        lx->cur++;
        expr *r = level ? p_unary(lx) : p_mul(lx);
        if (!r) {
            expr_free(l);
            return NULL;
        }
        expr *e = mk(E_ARITH, t->loc);
        e->op = t->p[0];
        e->a = l;
        e->b = r;
        l = e;
    }
    return l;
}

static expr *p_cmp(lexer *lx)
{
    expr *l = p_add(lx);
    if (!l)
        return NULL;
    token *t = peek(lx);
    int op = -1;
    ekind k = E_CMP;
    size_t skip = 1;
    if (is_op(t, "=") || is_op(t, "=="))
        op = CMP_EQ;
    else if (is_op(t, "!="))
        op = CMP_NE;
    else if (is_op(t, "<"))
        op = CMP_LT;
    else if (is_op(t, "<="))
        op = CMP_LE;
    else if (is_op(t, ">"))
        op = CMP_GT;
    else if (is_op(t, ">="))
        op = CMP_GE;
    else if (is_kw(t, "in"))
        k = E_IN, op = 0;
    else if (is_kw(t, "not") && is_kw(&lx->toks[lx->cur + 1], "in"))
        k = E_NOTIN, op = 0, skip = 2;
    if (op < 0)
        return l;
    lx->cur += skip;
    expr *r = p_add(lx);
    if (!r) {
        expr_free(l);
        return NULL;
    }
    expr *e = mk(k, t->loc);
    e->op = op;
    e->a = l;
    e->b = r;
    return e;
}

static expr *p_not_at(lexer *lx)
{
    token *t = peek(lx);
    if (is_kw(t, "not")) {
        lx->cur++;
        expr *a = p_not(lx);
        if (!a)
            return NULL;
        expr *e = mk(E_NOT, t->loc);
        e->a = a;
        return e;
    }
    return p_cmp(lx);
}

static expr *p_not(lexer *lx) { return guarded(lx, p_not_at); }

static expr *p_logic(lexer *lx, int is_or)
{
    expr *l = is_or ? p_logic(lx, 0) : p_not(lx);
    while (l && is_kw(peek(lx), is_or ? "or" : "and")) {
        token *t = peek(lx);
        lx->cur++;
        expr *r = is_or ? p_logic(lx, 0) : p_not(lx);
        if (!r) {
            expr_free(l);
            return NULL;
        }
        expr *e = mk(is_or ? E_OR : E_AND, t->loc);
        e->a = l;
        e->b = r;
        l = e;
    }
    return l;
}

static expr *p_or(lexer *lx) { return p_logic(lx, 1); }

static expr *p_where(lexer *lx)
{
    const char *start = peek(lx)->p;
    expr *l = p_or(lx);
    while (l && is_kw(peek(lx), "where")) {
        token *t = peek(lx);
        lx->cur++;
        expr *r = p_or(lx);
        if (!r) {
            expr_free(l);
            return NULL;
        }
        expr *e = mk(E_WHERE, t->loc);
        e->a = l;
        e->b = r;
        const char *end = peek(lx)->p;
        while (end > start && (end[-1] == ' ' || end[-1] == '\t' ||
                               end[-1] == '\n' || end[-1] == '\r'))
            end--;
        e->text = xstrndup(start, (size_t)(end - start));
        l = e;
    }
    return l;
}

static expr *p_pipe_at(lexer *lx)
{
    expr *l = p_where(lx);
    while (l && is_op(peek(lx), "|")) {
        lx->cur++;
        token *t = peek(lx);
        if (t->k != T_IDENT || is_keyword(t)) {
            expect_error(lx, "a filter name after \"|\"");
            expr_free(l);
            return NULL;
        }
        lx->cur++;
        expr *call = mk(E_CALL, t->loc);
        call->s = xstrndup(t->p, t->len);
        call->args = xmalloc(sizeof(expr *));
        call->args[0] = l;
        call->nargs = 1;
        if (is_op(peek(lx), "(")) {
            lx->cur++;
            call = p_args(lx, call, ")");
        }
        l = call;
    }
    return l;
}

static expr *p_pipe(lexer *lx) { return guarded(lx, p_pipe_at); }

expr *expr_parse(const char *src, size_t len, srcloc at, diag_list *d)
{
    lexer lx;
    memset(&lx, 0, sizeof lx);
    lx.src = src;
    lx.len = len;
    lx.line = at.line;
    lx.col = at.col;
    lx.file = at.file;
    lx.d = d;
    lex(&lx);
    expr *e = NULL;
    if (!lx.failed) {
        if (peek(&lx)->k == T_EOF)
            expect_error(&lx, "an expression");
        else {
            e = p_pipe(&lx);
            if (e && peek(&lx)->k != T_EOF) {
                expect_error(&lx, "an operator or the end of the expression");
                expr_free(e);
                e = NULL;
            }
        }
    }
    for (size_t i = 0; i < lx.ntok; i++)
        free(lx.toks[i].str);
    free(lx.toks);
    return lx.failed ? (expr_free(e), NULL) : e;
}

/* ------------------------------------------------------------------ */
/* values                                                             */

const char *value_kind_name(val_kind k)
{
    switch (k) {
    case VAL_MISSING: return "a missing value";
    case VAL_NUM: return "a number";
    case VAL_STR: return "text";
    case VAL_BOOL: return "true/false";
    case VAL_YEAR: return "a survey year";
    case VAL_DATE: return "a date";
    case VAL_VIEW: return "a table";
    case VAL_ROW: return "a row";
    case VAL_LIST: return "a list";
    case VAL_REC: return "a group";
    }
    return "a value";
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

void eval_error(evalctx *c, srcloc loc, const char *fmt, ...)
{
    buf m = BUF_INIT;
    buf_printf(&m, "%d:%d:", loc.line, loc.col);
    size_t pre = m.len;
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&m, fmt, ap);
    va_end(ap);
    for (size_t i = 0; i < c->nseen; i++)
        if (strcmp(c->seen[i], buf_cstr(&m)) == 0) {
            c->errors++;
            buf_free(&m);
            return;
        }
    c->errors++;
    if (c->d)
        diag_at(c->d, DIAG_ERROR, loc, "%s", buf_cstr(&m) + pre);
    c->seen = xgrow(c->seen, &c->capseen, c->nseen + 1, sizeof(char *));
    c->seen[c->nseen++] = buf_detach(&m);
}

void evalctx_done(evalctx *c)
{
    for (size_t i = 0; i < c->nseen; i++)
        free(c->seen[i]);
    free(c->seen);
    c->seen = NULL;
    c->nseen = c->capseen = 0;
}

/* ------------------------------------------------------------------ */
/* evaluation                                                         */

static void set_missing(value *v)
{
    memset(v, 0, sizeof *v);
    v->kind = VAL_MISSING;
}

static prov pmax(prov a, prov b) { return a > b ? a : b; }

static const binding *find_binding(const binding *b, const char *name)
{
    for (; b; b = b->next)
        if (strcmp(b->name, name) == 0)
            return b;
    return NULL;
}

static int table_col_index(const table *t, const char *name)
{
    for (size_t i = 0; i < t->ncols; i++)
        if (strcmp(t->cols[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* Collects names visible at this point, for suggestions. */
static size_t visible_names(const evalctx *c, const char **out, size_t max)
{
    size_t n = 0;
    const binding *lists[3] = {c->vars, c->lets, c->meta};
    for (int k = 0; k < 3; k++)
        for (const binding *b = lists[k]; b && n < max; b = b->next)
            out[n++] = b->name;
    if (c->ts)
        for (size_t i = 0; i < tableset_count(c->ts) && n < max; i++)
            out[n++] = tableset_get(c->ts, i)->name;
    return n;
}

/* table_col_index through the context's cache: a name in a `where`
 * condition is looked up once per row. */
static int where_col(evalctx *c, const expr *e)
{
    size_t h = ((size_t)(uintptr_t)e >> 4) % 8;
    if (c->colcache[h].e == e && c->colcache[h].t == c->row_t)
        return c->colcache[h].ci;
    int ci = table_col_index(c->row_t, e->s);
    c->colcache[h].e = e;
    c->colcache[h].t = c->row_t;
    c->colcache[h].ci = ci;
    return ci;
}

static int eval_name(const expr *e, evalctx *c, value *out)
{
    const binding *b;
    if (c->in_where) {
        int ci = where_col(c, e);
        if (ci >= 0) {
            query_cell(c, c->row_t, c->row_idx, (size_t)ci, out);
            return 1;
        }
        if (strcmp(e->s, "latest") == 0 || strcmp(e->s, "previous") == 0) {
            int latest = strcmp(e->s, "latest") == 0;
            return query_table_year(c, c->row_t, latest ? 0 : 1, e->loc, out);
        }
    }
    if ((b = find_binding(c->vars, e->s)) || (b = find_binding(c->lets, e->s)) ||
        (b = find_binding(c->meta, e->s))) {
        *out = b->v;
        return 1;
    }
    const table *t = c->ts ? tableset_find(c->ts, e->s) : NULL;
    if (t) {
        view *v = arena_alloc(c->a, sizeof *v);
        v->t = t;
        v->n = t->nrows;
        if (t->all_rows) {
            v->rows = t->all_rows; /* read only, like every view's rows */
        } else {
            v->rows = arena_alloc(c->a,
                                  (t->nrows ? t->nrows : 1) * sizeof(size_t));
            for (size_t i = 0; i < t->nrows; i++)
                v->rows[i] = i;
        }
        v->desc = t->name;
        v->loc = e->loc;
        memset(out, 0, sizeof *out);
        out->kind = VAL_VIEW;
        out->u.v = v;
        return 1;
    }
    set_missing(out);
    if (c->in_where) {
        const table *rt = c->row_t;
        const char **cands = xmalloc((rt->ncols + 2) * sizeof(char *));
        for (size_t i = 0; i < rt->ncols; i++)
            cands[i] = rt->cols[i].name;
        const char *s = suggest_nearest(e->s, cands, rt->ncols);
        if (!s) {
            const char *vis[256];
            size_t nv = visible_names(c, vis, 256);
            s = suggest_nearest(e->s, vis, nv);
        }
        if (s)
            eval_error(c, e->loc,
                       "unknown column \"%s\" in table \"%s\"; did you mean "
                       "\"%s\"?",
                       e->s, rt->name, s);
        else
            eval_error(c, e->loc, "unknown column \"%s\" in table \"%s\"",
                       e->s, rt->name);
        free(cands);
        return 0;
    }
    const char *vis[256];
    size_t nv = visible_names(c, vis, 256);
    const char *s = suggest_nearest(e->s, vis, nv);
    if (s)
        eval_error(c, e->loc,
                   "unknown name \"%s\" (not a variable or a table); did you "
                   "mean \"%s\"?",
                   e->s, s);
    else
        eval_error(c, e->loc,
                   "unknown name \"%s\" (not a variable or a table)", e->s);
    return 0;
}

/* Numbers for arithmetic; years and dates count as numbers. */
static int as_num(const value *v, double *d)
{
    if (v->kind == VAL_NUM || v->kind == VAL_YEAR || v->kind == VAL_DATE) {
        *d = v->u.num;
        return 1;
    }
    return 0;
}

int value_truthy(const value *v)
{
    switch (v->kind) {
    case VAL_MISSING: return 0;
    case VAL_BOOL: return v->u.b;
    case VAL_NUM: return v->u.num != 0;
    case VAL_STR: return v->u.str.len > 0;
    case VAL_VIEW: return v->u.v->n > 0;
    case VAL_LIST: return v->u.list.n > 0;
    default: return 1;
    }
}

static int eval_arith(const expr *e, evalctx *c, const value *l,
                      const value *r, value *out)
{
    memset(out, 0, sizeof *out);
    out->p = pmax(l->p, r->p);
    if (l->kind == VAL_MISSING || r->kind == VAL_MISSING) {
        out->kind = VAL_MISSING;
        return 1;
    }
    if (e->op == '+' && l->kind == VAL_STR && r->kind == VAL_STR) {
        size_t n = l->u.str.len + r->u.str.len;
        char *s = arena_alloc(c->a, n + 1);
        memcpy(s, l->u.str.s, l->u.str.len);
        memcpy(s + l->u.str.len, r->u.str.s, r->u.str.len);
        out->kind = VAL_STR;
        out->u.str.s = s;
        out->u.str.len = n;
        return 1;
    }
    double a, b;
    if (!as_num(l, &a) || !as_num(r, &b)) {
        const value *bad = as_num(l, &a) ? r : l;
        static const char *verbs[] = {['+'] = "add", ['-'] = "subtract",
                                      ['*'] = "multiply", ['/'] = "divide"};
        eval_error(c, e->loc, "cannot %s %s%s", verbs[e->op],
                   value_kind_name(bad->kind),
                   bad->kind == VAL_VIEW ? "; use sum(…) or value(…) first"
                                         : "");
        set_missing(out);
        return 0;
    }
    out->kind = VAL_NUM;
    switch (e->op) {
    case '+':
        out->u.num = a + b;
        if (l->kind == VAL_YEAR && r->kind == VAL_NUM)
            out->kind = VAL_YEAR;
        else if (l->kind == VAL_NUM && r->kind == VAL_YEAR)
            out->kind = VAL_YEAR;
        break;
    case '-':
        out->u.num = a - b;
        if (l->kind == VAL_YEAR && r->kind == VAL_NUM)
            out->kind = VAL_YEAR;
        break;
    case '*':
        out->u.num = a * b;
        break;
    default:
        if (b == 0) {
            eval_error(c, e->loc, "division by zero");
            set_missing(out);
            return 0;
        }
        out->u.num = a / b;
    }
    return 1;
}

/* Compares; returns -2 when the two cannot be compared (error added). */
int value_compare(evalctx *c, srcloc loc, const value *l, const value *r,
                  int ordering)
{
    value a = *l, b = *r;
    int n;
    /* "R6" against a year, "2025-06-30" against a date */
    for (int k = 0; k < 2; k++) {
        value *x = k ? &b : &a, *y = k ? &a : &b;
        if (x->kind == VAL_STR && (y->kind == VAL_YEAR || y->kind == VAL_DATE)) {
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
    if (as_num(&a, &da) && as_num(&b, &db))
        return da < db ? -1 : da > db ? 1 : 0;
    if (a.kind == VAL_STR && b.kind == VAL_STR) {
        size_t m = a.u.str.len < b.u.str.len ? a.u.str.len : b.u.str.len;
        int d = memcmp(a.u.str.s, b.u.str.s, m);
        if (d)
            return d < 0 ? -1 : 1;
        return a.u.str.len < b.u.str.len ? -1 : a.u.str.len > b.u.str.len;
    }
    if (a.kind == VAL_BOOL && b.kind == VAL_BOOL && !ordering)
        return a.u.b != b.u.b;
    eval_error(c, loc, "cannot compare %s with %s", value_kind_name(a.kind),
               value_kind_name(b.kind));
    return -2;
}

/* In `where`, a string compared with a text column must be one of the
 * column's values: a misspelt category would otherwise match no row. */
static void remember_category(evalctx *c, const expr *lit)
{
    c->catok[c->ncatok % 16].lit = lit;
    c->catok[c->ncatok % 16].t = c->row_t;
    c->ncatok++;
}

static void check_category(const expr *name, const expr *lit, evalctx *c)
{
    if (!c->in_where || name->k != E_NAME || lit->k != E_STR)
        return;
    /* a literal found in the table once is found at every row (a text
     * column would otherwise be scanned whole at each row) */
    unsigned nok = c->ncatok < 16 ? c->ncatok : 16;
    for (unsigned i = 0; i < nok; i++)
        if (c->catok[i].lit == lit && c->catok[i].t == c->row_t)
            return;
    if (find_binding(c->vars, name->s) && table_col_index(c->row_t, name->s) < 0)
        return;
    int ci = table_col_index(c->row_t, name->s);
    if (ci < 0)
        return;
    const column *col = &c->row_t->cols[ci];
    if (col->type != COL_TEXT && col->type != COL_CATEGORY)
        return;
    const char **cands;
    size_t n = 0;
    if (col->type == COL_CATEGORY && col->ncategories) {
        for (size_t i = 0; i < col->ncategories; i++)
            if (strcmp(col->categories[i], lit->s) == 0) {
                remember_category(c, lit);
                return;
            }
        cands = xmalloc(col->ncategories * sizeof(char *));
        for (size_t i = 0; i < col->ncategories; i++)
            cands[n++] = col->categories[i];
    } else {
        for (size_t i = 0; i < c->row_t->nrows; i++)
            if (strcmp(col->cells[i].text, lit->s) == 0) {
                remember_category(c, lit);
                return;
            }
        cands = xmalloc((c->row_t->nrows + 1) * sizeof(char *));
        for (size_t i = 0; i < c->row_t->nrows; i++)
            cands[n++] = col->cells[i].text;
    }
    const char *s = suggest_nearest(lit->s, cands, n);
    if (s)
        eval_error(c, lit->loc,
                   "no row of table \"%s\" has %s \"%s\"; did you mean "
                   "\"%s\"?",
                   c->row_t->name, name->s, lit->s, s);
    else
        eval_error(c, lit->loc, "no row of table \"%s\" has %s \"%s\"",
                   c->row_t->name, name->s, lit->s);
    free(cands);
}

/* `list where cond`: cond is evaluated once per item.  A table row's
 * columns are bare names (as in a table query); a group's fields (key,
 * rows) and a computed row's columns are bound as variables; the item
 * itself is `it` (to reach it from inside a nested table query).  The result is the list of items for which cond
 * holds, in their order. */
static int eval_where_list(const expr *e, evalctx *c, const value *src,
                           value *out)
{
    size_t n = src->u.list.n;
    value *items = arena_alloc(c->a, (n ? n : 1) * sizeof(value));
    size_t k = 0;
    const table *save_t = c->row_t;
    size_t save_i = c->row_idx;
    int save_w = c->in_where;
    const binding *save_vars = c->vars;
    int before = c->errors;
    for (size_t i = 0; i < n; i++) {
        const value *it = &src->u.list.items[i];
        /* the item itself is always `it` */
        binding *itb = arena_alloc(c->a, sizeof *itb);
        itb->name = "it";
        itb->v = *it;
        itb->next = (binding *)save_vars;
        c->vars = itb;
        c->in_where = 0;
        if (it->kind == VAL_ROW && it->u.row->idx >= 0) {
            c->row_t = it->u.row->t;
            c->row_idx = (size_t)it->u.row->idx;
            c->in_where = 1;
        } else if (it->kind == VAL_ROW || it->kind == VAL_REC) {
            size_t nb = it->kind == VAL_REC ? it->u.rec.n : it->u.row->t->ncols;
            binding *b = arena_alloc(c->a, (nb ? nb : 1) * sizeof *b);
            const binding *next = itb;
            for (size_t j = 0; j < nb; j++) {
                if (it->kind == VAL_REC) {
                    b[j].name = it->u.rec.names[j];
                    b[j].v = it->u.rec.vals[j];
                } else {
                    b[j].name = it->u.row->t->cols[j].name;
                    b[j].v = it->u.row->fields[j];
                }
                b[j].next = (binding *)next;
                next = &b[j];
            }
            c->vars = next;
        }
        value cv;
        int ok = expr_eval(e->b, c, &cv);
        if (!ok || c->errors > before)
            break;
        if (value_truthy(&cv))
            items[k++] = *it;
    }
    c->row_t = save_t;
    c->row_idx = save_i;
    c->in_where = save_w;
    c->vars = save_vars;
    if (c->errors > before) {
        set_missing(out);
        return 0;
    }
    memset(out, 0, sizeof *out);
    out->kind = VAL_LIST;
    out->u.list.items = items;
    out->u.list.n = k;
    return 1;
}

static int eval_where(const expr *e, evalctx *c, value *out)
{
    value src;
    if (!expr_eval(e->a, c, &src))
        return 0;
    if (src.kind == VAL_LIST)
        return eval_where_list(e, c, &src, out);
    if (src.kind != VAL_VIEW) {
        eval_error(c, e->loc, "\"where\" needs a table or a list on its "
                   "left, got %s",
                   value_kind_name(src.kind));
        set_missing(out);
        return 0;
    }
    const view *sv = src.u.v;
    view *v = arena_alloc(c->a, sizeof *v);
    v->t = sv->t;
    v->rows = arena_alloc(c->a, (sv->n ? sv->n : 1) * sizeof(size_t));
    v->desc = e->text;
    v->loc = e->loc;
    const table *save_t = c->row_t;
    size_t save_i = c->row_idx;
    int save_w = c->in_where;
    int before = c->errors;
    c->row_t = sv->t;
    c->in_where = 1;
    for (size_t i = 0; i < sv->n; i++) {
        c->row_idx = sv->rows[i];
        value cv;
        int ok = expr_eval(e->b, c, &cv);
        if (!ok || c->errors > before)
            break;
        if (value_truthy(&cv))
            v->rows[v->n++] = sv->rows[i];
    }
    if (sv->n == 0) {
        /* check names even when there is no row to evaluate them on */
        c->row_idx = 0;
    }
    c->row_t = save_t;
    c->row_idx = save_i;
    c->in_where = save_w;
    if (c->errors > before) {
        set_missing(out);
        return 0;
    }
    memset(out, 0, sizeof *out);
    out->kind = VAL_VIEW;
    out->u.v = v;
    return 1;
}

static int eval_member(const expr *e, evalctx *c, value *out)
{
    value o;
    if (!expr_eval(e->a, c, &o))
        return 0;
    if (o.kind == VAL_ROW) {
        const rowval *r = o.u.row;
        int ci = table_col_index(r->t, e->s);
        if (ci < 0) {
            const char **cands = xmalloc((r->t->ncols + 1) * sizeof(char *));
            for (size_t i = 0; i < r->t->ncols; i++)
                cands[i] = r->t->cols[i].name;
            const char *s = suggest_nearest(e->s, cands, r->t->ncols);
            if (s)
                eval_error(c, e->loc,
                           "unknown column \"%s\" in table \"%s\"; did you "
                           "mean \"%s\"?",
                           e->s, r->t->name, s);
            else
                eval_error(c, e->loc, "unknown column \"%s\" in table \"%s\"",
                           e->s, r->t->name);
            free(cands);
            set_missing(out);
            return 0;
        }
        if (r->idx < 0)
            *out = r->fields[ci];
        else
            query_cell(c, r->t, (size_t)r->idx, (size_t)ci, out);
        return 1;
    }
    if (o.kind == VAL_REC) {
        for (size_t i = 0; i < o.u.rec.n; i++)
            if (strcmp(o.u.rec.names[i], e->s) == 0) {
                *out = o.u.rec.vals[i];
                return 1;
            }
        const char *s = suggest_nearest(e->s, o.u.rec.names, o.u.rec.n);
        buf names = BUF_INIT;
        for (size_t i = 0; i < o.u.rec.n; i++)
            buf_printf(&names, "%s.%s", i ? ", " : "", o.u.rec.names[i]);
        if (s)
            eval_error(c, e->loc, "unknown field \"%s\" (it has %s); did you "
                       "mean \"%s\"?", e->s, buf_cstr(&names), s);
        else
            eval_error(c, e->loc, "unknown field \"%s\" (it has %s)", e->s,
                       buf_cstr(&names));
        buf_free(&names);
        set_missing(out);
        return 0;
    }
    eval_error(c, e->loc, "\".%s\" needs a row or a group, got %s", e->s,
               value_kind_name(o.kind));
    set_missing(out);
    return 0;
}

static int eval_in(const expr *e, evalctx *c, value *out)
{
    value l, r;
    if (!expr_eval(e->a, c, &l) || !expr_eval(e->b, c, &r))
        return 0;
    if (e->b->k == E_LIST)
        for (size_t i = 0; i < e->b->nargs; i++)
            check_category(e->a, e->b->args[i], c);
    memset(out, 0, sizeof *out);
    out->kind = VAL_BOOL;
    out->p = l.p;
    int found = 0;
    if (r.kind == VAL_LIST) {
        for (size_t i = 0; i < r.u.list.n && !found; i++) {
            int d = value_compare(c, e->loc, &l, &r.u.list.items[i], 0);
            if (d == -2)
                return 0;
            found = d == 0;
        }
    } else {
        eval_error(c, e->loc, "\"in\" needs a list such as [\"a\", \"b\"], got %s",
                   value_kind_name(r.kind));
        return 0;
    }
    out->u.b = e->k == E_IN ? found : !found;
    return 1;
}

int expr_eval(const expr *e, evalctx *c, value *out)
{
    value l, r;
    memset(out, 0, sizeof *out);
    switch (e->k) {
    case E_NUM:
        out->kind = VAL_NUM;
        out->u.num = e->num;
        return 1;
    case E_STR:
        out->kind = VAL_STR;
        out->u.str.s = e->s;
        out->u.str.len = e->slen;
        return 1;
    case E_BOOL:
        out->kind = VAL_BOOL;
        out->u.b = e->num != 0;
        return 1;
    case E_NAME:
        return eval_name(e, c, out);
    case E_LIST: {
        value *items = arena_alloc(c->a, (e->nargs ? e->nargs : 1) * sizeof(value));
        for (size_t i = 0; i < e->nargs; i++)
            if (!expr_eval(e->args[i], c, &items[i]))
                return 0;
        out->kind = VAL_LIST;
        out->u.list.items = items;
        out->u.list.n = e->nargs;
        return 1;
    }
    case E_NEG:
        if (!expr_eval(e->a, c, &l))
            return 0;
        if (l.kind == VAL_MISSING) {
            *out = l;
            return 1;
        }
        if (l.kind != VAL_NUM) {
            eval_error(c, e->loc, "cannot negate %s", value_kind_name(l.kind));
            set_missing(out);
            return 0;
        }
        *out = l;
        out->u.num = -l.u.num;
        return 1;
    case E_NOT:
        if (!expr_eval(e->a, c, &l))
            return 0;
        out->kind = VAL_BOOL;
        out->p = l.p;
        out->u.b = !value_truthy(&l);
        return 1;
    case E_AND:
    case E_OR:
        if (!expr_eval(e->a, c, &l))
            return 0;
        out->kind = VAL_BOOL;
        if ((e->k == E_AND) != value_truthy(&l)) {
            out->u.b = e->k == E_OR;
            out->p = l.p;
            return 1;
        }
        if (!expr_eval(e->b, c, &r))
            return 0;
        out->u.b = value_truthy(&r);
        out->p = pmax(l.p, r.p);
        return 1;
    case E_ARITH:
        if (!expr_eval(e->a, c, &l) || !expr_eval(e->b, c, &r))
            return 0;
        return eval_arith(e, c, &l, &r, out);
    case E_CMP: {
        if (!expr_eval(e->a, c, &l) || !expr_eval(e->b, c, &r))
            return 0;
        if (e->op == CMP_EQ || e->op == CMP_NE) {
            check_category(e->a, e->b, c);
            check_category(e->b, e->a, c);
        }
        out->kind = VAL_BOOL;
        out->p = pmax(l.p, r.p);
        if (l.kind == VAL_MISSING || r.kind == VAL_MISSING) {
            out->u.b = e->op == CMP_NE;
            return 1;
        }
        int d = value_compare(c, e->loc, &l, &r, e->op != CMP_EQ && e->op != CMP_NE);
        if (d == -2) {
            set_missing(out);
            return 0;
        }
        switch (e->op) {
        case CMP_EQ: out->u.b = d == 0; break;
        case CMP_NE: out->u.b = d != 0; break;
        case CMP_LT: out->u.b = d < 0; break;
        case CMP_LE: out->u.b = d <= 0; break;
        case CMP_GT: out->u.b = d > 0; break;
        default: out->u.b = d >= 0; break;
        }
        return 1;
    }
    case E_IN:
    case E_NOTIN:
        return eval_in(e, c, out);
    case E_MEMBER:
        return eval_member(e, c, out);
    case E_WHERE:
        return eval_where(e, c, out);
    case E_CALL: {
        value *args = arena_alloc(c->a, (e->nargs ? e->nargs : 1) * sizeof(value));
        for (size_t i = 0; i < e->nargs; i++)
            if (!expr_eval(e->args[i], c, &args[i])) {
                set_missing(out);
                return 0;
            }
        if (!query_call(c, e->s, e->loc, (const expr *const *)e->args, args,
                        e->nargs, out)) {
            set_missing(out);
            return 0;
        }
        return 1;
    }
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* chart filters                                                      */

int expr_filter_rows(const expr *cond, const table *t, unsigned char *keep,
                     diag_list *d)
{
    evalctx c;
    memset(&c, 0, sizeof c);
    c.a = arena_new();
    c.d = d;
    c.row_t = t;
    c.in_where = 1;
    int rc = 0;
    for (size_t i = 0; i < t->nrows; i++) {
        c.row_idx = i;
        value v;
        if (!expr_eval(cond, &c, &v) || c.errors) {
            rc = -1;
            break;
        }
        keep[i] = (unsigned char)value_truthy(&v);
    }
    if (rc < 0)
        memset(keep, 0, t->nrows);
    evalctx_done(&c);
    arena_free(c.a);
    return rc;
}
