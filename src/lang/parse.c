/* parse: the lexer and the recursive-descent parser of template
 * expressions (grammar: docs/templates.md); builds the tree of ast.h. */
#include "expr.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "buf.h"
#include "i18n.h"
#include "num.h"
#include "utf8.h"
#include "xalloc.h"

srcloc expr_loc(const expr *e) { return e->loc; }

void expr_free(expr *e)
{
    /* down the left operand by a loop: a chain of thousands of `where`
     * is as deep as it is long */
    while (e) {
        expr *next = e->a;
        expr_free(e->b);
        for (size_t i = 0; i < e->nargs; i++)
            expr_free(e->args[i]);
        free(e->args);
        free(e->s);
        free(e->text);
        free(e);
        e = next;
    }
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

static char wide_twin(uint32_t cp);

static int is_ident_cp(uint32_t cp, int first)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
               cp == '_' || (!first && cp >= '0' && cp <= '9');
    /* CJK quotes, ideographic space and full-width punctuation are not
     * part of names; nor is a full-width digit at the start of one */
    if (cp == 0x300C || cp == 0x300D || cp == 0x3000 || cp == 0x3001 ||
        cp == 0x3002 || cp == 0xFFFD || wide_twin(cp))
        return 0;
    if (first && cp >= 0xFF10 && cp <= 0xFF19)
        return 0;
    return 1;
}

/* What an input method left in an expression where ASCII was meant: the
 * ASCII twin of a full-width mark (｜ for |, ＝ for =, ｝ for }, （ for
 * ( …), of a typographic quote (“ ” ‘ ’ for ") or of 、 (for ,); 0 for
 * anything else.
 * Full-width letters stay part of names (a column may be named ＡＩ導入),
 * and full-width digits are read by the caller as a number. */
static char wide_twin(uint32_t cp)
{
    if ((cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
        (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF5E))
        return (char)(cp - 0xFEE0);
    if (cp >= 0x2018 && cp <= 0x201F)
        return '"';
    if (cp == 0x3001) /* 、 between arguments */
        return ',';
    return 0;
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
    buf_vprintf(&m, _(fmt), ap);
    va_end(ap);
    diag_at(lx->d, DIAG_ERROR, at, "%s", buf_cstr(&m));
    buf_free(&m);
}

/* A character no token starts with.  A full-width digit, mark or quote
 * is named as such with its half-width form: 式の中の ｜ or ２０２４ looks
 * right on screen and is the mistake staff make most. */
static void wide_error(lexer *lx, srcloc at, const char *s, size_t rest,
                       uint32_t cp, size_t adv)
{
    if (cp >= 0xFF10 && cp <= 0xFF19) {
        char ascii[64];
        size_t n = 0, k = 0;
        uint32_t c = cp;
        size_t a = adv;
        while (k + 1 < sizeof ascii &&
               ((c >= 0xFF10 && c <= 0xFF19) || c == 0xFF0E)) {
            ascii[k++] = (char)(c - 0xFEE0);
            n += a;
            if (n >= rest)
                break;
            c = dec(s + n, rest - n, &a);
        }
        ascii[k] = 0;
        lx_error(lx, at, "a number typed full-width \"%.*s\" in an expression",
                 (int)n, s);
        diag_hint(lx->d, "type the digits half-width (半角): %s", ascii);
        return;
    }
    char twin = wide_twin(cp);
    if (twin) {
        lx_error(lx, at, "a full-width \"%.*s\" in an expression", (int)adv,
                 s);
        if (twin == '"')
            diag_hint(lx->d, "type the quotes half-width (半角): "
                             "\"count\", or write 「count」");
        else if (twin == '}' && rest >= 2 * adv &&
                 memcmp(s, s + adv, adv) == 0)
            diag_hint(lx->d, "the tag is closed full-width (｝｝): type }} "
                             "half-width (半角)");
        else
            diag_hint(lx->d, "type it half-width (半角): \"%c\"", twin);
        return;
    }
    lx_error(lx, at, "unexpected character \"%.*s\" in expression", (int)adv,
             s);
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
            num_fault f = num_accept(&nr);
            if (f != NUM_FINE) {
                char msg[512], hint[512];
                num_fault_message(f, &nr, s, nr.len + (size_t)nr.exponent, "",
                                  msg, sizeof msg, hint, sizeof hint);
                lx_error(lx, at, "%s", msg);
                diag_hint(lx->d, "%s", hint);
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
        static const char *ops[] = {"==", "!=", "<=", ">=", "(", ")",
                                    "[",  "]",  ",",  ".",  "|", "+",
                                    "-",  "*",  "/",  "=",  "<", ">"};
        size_t i;
        for (i = 0; i < sizeof ops / sizeof *ops; i++) {
            size_t ol = strlen(ops[i]);
            if (ol <= rest && memcmp(s, ops[i], ol) == 0)
                break;
        }
        if (i == sizeof ops / sizeof *ops) {
            wide_error(lx, at, s, rest, cp, adv);
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
    return t->k == T_OP && t->len == strlen(op) &&
           memcmp(t->p, op, t->len) == 0;
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
        buf_puts(b, _("the end of the expression"));
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
    lx_error(lx, t->loc, "expected %s, found %s", _(what), buf_cstr(&b));
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

/* One more link of a left-leaning chain (a + b + c, a and b and c,
 * x | f | g, r.a.b): the tree grows one level deeper with each, and the
 * evaluator recurses down it, so links count against the same bound as
 * nesting.  0, or -1 after the error; the caller gives the levels back
 * (lx->depth -= *links) when the chain ends. */
static int chain_link(lexer *lx, int *links)
{
    if (lx->depth >= EXPR_MAX_DEPTH) {
        if (!lx->failed)
            lx_error(lx, peek(lx)->loc,
                     "expression nested too deeply: split it into named "
                     "values with {{ let }}");
        return -1;
    }
    lx->depth++;
    (*links)++;
    return 0;
}

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
        expect_error(lx, strcmp(close, ")") == 0 ? N_("\",\" or \")\"")
                                                 : N_("\",\" or \"]\""));
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
            expect_error(lx, N_("\")\""));
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
    expect_error(lx, N_("a value (a number, \"text\", a name or \"(\")"));
    return NULL;
}

static expr *p_postfix(lexer *lx)
{
    expr *e = p_primary(lx);
    int links = 0;
    while (e && is_op(peek(lx), ".")) {
        if (chain_link(lx, &links) != 0) {
            expr_free(e);
            e = NULL;
            break;
        }
        lx->cur++;
        token *t = peek(lx);
        if (t->k != T_IDENT) {
            expect_error(lx, N_("a column name after \".\""));
            expr_free(e);
            e = NULL;
            break;
        }
        lx->cur++;
        expr *m = mk(E_MEMBER, t->loc);
        m->a = e;
        m->s = xstrndup(t->p, t->len);
        e = m;
    }
    lx->depth -= links;
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
    int links = 0;
    while (l) {
        token *t = peek(lx);
        int ok = level ? (is_op(t, "*") || is_op(t, "/"))
                       : (is_op(t, "+") || is_op(t, "-"));
        if (!ok)
            break;
        expr *r = NULL;
        if (chain_link(lx, &links) == 0) {
            lx->cur++;
            r = level ? p_unary(lx) : p_mul(lx);
        }
        if (!r) {
            expr_free(l);
            l = NULL;
            break;
        }
        expr *e = mk(E_ARITH, t->loc);
        e->op = t->p[0];
        e->a = l;
        e->b = r;
        l = e;
    }
    lx->depth -= links;
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
    int links = 0;
    while (l && is_kw(peek(lx), is_or ? "or" : "and")) {
        token *t = peek(lx);
        expr *r = NULL;
        if (chain_link(lx, &links) == 0) {
            lx->cur++;
            r = is_or ? p_logic(lx, 0) : p_not(lx);
        }
        if (!r) {
            expr_free(l);
            l = NULL;
            break;
        }
        expr *e = mk(is_or ? E_OR : E_AND, t->loc);
        e->a = l;
        e->b = r;
        l = e;
    }
    lx->depth -= links;
    return l;
}

static expr *p_or(lexer *lx) { return p_logic(lx, 1); }

/* `a where b where c …`: each link keeps only its own part of the source
 * text (" where c"), chained to the one before, so that a chain of n
 * clauses holds O(n) text, not O(n^2). */
static expr *p_where(lexer *lx)
{
    const char *start = peek(lx)->p;
    expr *l = p_or(lx);
    int chained = 0;
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
        e->chained = chained;
        chained = 1;
        start = end;
        l = e;
    }
    return l;
}

static expr *p_pipe_at(lexer *lx)
{
    expr *l = p_where(lx);
    int links = 0;
    while (l && is_op(peek(lx), "|")) {
        if (chain_link(lx, &links) != 0) {
            expr_free(l);
            l = NULL;
            break;
        }
        lx->cur++;
        token *t = peek(lx);
        if (t->k != T_IDENT || is_keyword(t)) {
            expect_error(lx, N_("a filter name after \"|\""));
            expr_free(l);
            l = NULL;
            break;
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
    lx->depth -= links;
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
            expect_error(&lx, N_("an expression"));
        else {
            e = p_pipe(&lx);
            if (e && peek(&lx)->k != T_EOF) {
                expect_error(&lx,
                             N_("an operator or the end of the expression"));
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
