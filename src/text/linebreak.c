#include "linebreak.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jlreq.h"
#include "utf8.h"
#include "xalloc.h"

#define EPS 1e-6

/* Reduction priorities (JLREQ 3.8.3) and expansion priorities (3.8.4). */
enum { R_SPACE, R_JW, R_MIDDLE, R_BRACKET, NSHRINK };
enum { E_SPACE, E_JW, E_CHAR, NSTRETCH };

int lb_level_parse(const char *name, lb_level *out)
{
    static const struct {
        const char *name;
        lb_level level;
    } names[] = {{"strict", LB_STRICT},
                 {"very-strict", LB_VERY_STRICT},
                 {"loose", LB_LOOSE},
                 {"very-loose", LB_VERY_LOOSE}};
    char norm[32];
    size_t n = strlen(name);
    if (n >= sizeof norm)
        return -1;
    for (size_t i = 0; i <= n; i++)
        norm[i] = name[i] == ' ' || name[i] == '_' ? '-' : name[i];
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(norm, names[i].name) == 0) {
            *out = names[i].level;
            return 0;
        }
    return -1;
}

const char *lb_level_name(lb_level level)
{
    switch (level) {
    case LB_VERY_STRICT: return "very-strict";
    case LB_LOOSE: return "loose";
    case LB_VERY_LOOSE: return "very-loose";
    default: return "strict";
    }
}

static int strictish(lb_level l) { return l == LB_STRICT || l == LB_VERY_STRICT; }

/* lb_no_start and lb_no_end for a character whose class is known. */
static int no_start(uint32_t cp, jl_class cls, lb_level level)
{
    if (cp == ',' || cp == '.' || cp == ':' || cp == ';')
        return 1;
    switch (cls) {
    case JL_CLOSE: case JL_STOP: case JL_COMMA:
        return 1;
    case JL_MIDDLE: case JL_DIVIDE:
        return level != LB_VERY_LOOSE;
    case JL_SMALL: case JL_PROLONG: case JL_ITER: case JL_HYPHEN:
    case JL_POSTFIX:
        return strictish(level);
    default:
        return 0;
    }
}

static int no_end(jl_class cls, lb_level level)
{
    switch (cls) {
    case JL_OPEN:
        return 1;
    case JL_PREFIX:
        return strictish(level);
    default:
        return 0;
    }
}

int lb_no_start(uint32_t cp, lb_level level)
{
    return no_start(cp, jl_class_of(cp), level);
}

int lb_no_end(uint32_t cp, lb_level level)
{
    return no_end(jl_class_of(cp), level);
}

/* One character with the facts breaking asks for again and again,
 * looked up once. */
typedef struct ch {
    uint32_t cp;
    jl_class cls;
    size_t off, next;
    double adv;
    unsigned char word;  /* wordch(): part of a Western word or number */
    unsigned char digit; /* digitish(): an ASCII or full-width digit */
    unsigned char fwd;   /* fw_digit(): a full-width digit */
    unsigned char jp;    /* jl_japanese() */
} ch;

/* Glue before a character: between it and the one before. */
typedef struct glue {
    double nat;
    double shrink[NSHRINK];
    double stretch[NSTRETCH];
} glue;

static int fw_digit(uint32_t cp) { return cp >= 0xFF10 && cp <= 0xFF19; }
static int digitish(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || fw_digit(cp);
}
/* Characters of Western words and numbers: runs of these never break. */
static int wordch(uint32_t cp)
{
    jl_class c = jl_class_of(cp);
    if (c == JL_DIGIT || c == JL_WESTERN)
        return 1;
    return cp < 0x80 && (c == JL_PREFIX || c == JL_POSTFIX || c == JL_DIVIDE ||
                         c == JL_OPEN || c == JL_CLOSE);
}

/* 1 when a and b (adjacent, neither a space) belong to one unbreakable
 * run, whatever the level. */
static int bound(const ch *a, const ch *b)
{
    if (a->word && b->word)
        return 1;
    if (a->fwd && b->fwd)
        return 1;
    if (a->cls == JL_PREFIX && b->digit)
        return 1;
    if (a->digit && b->cls == JL_POSTFIX)
        return 1;
    if (a->cls == JL_INSEP && b->cls == JL_INSEP)
        return 1;
    return 0;
}

/* A Western word of one letter: [i, j) is a token between spaces. */
static int single_letter(const ch *c, size_t i, size_t j)
{
    return j == i + 1 && c[i].cls == JL_WESTERN &&
           ((c[i].cp | 0x20) >= 'a' && (c[i].cp | 0x20) <= 'z');
}

/* May a line break before c[i] (0 < i < n)? */
static int can_break(const ch *c, size_t n, size_t i, lb_level level)
{
    if (c[i].cls == JL_SPACE || c[i].cls == JL_BREAK ||
        c[i - 1].cls == JL_BREAK)
        return 0;
    if (no_start(c[i].cp, c[i].cls, level))
        return 0;
    if (c[i - 1].cls == JL_SPACE) {
        size_t p = i - 1;
        while (p > 0 && c[p].cls == JL_SPACE)
            p--;
        if (c[p].cls == JL_SPACE || c[p].cls == JL_BREAK)
            return 0; /* only spaces before: nothing to break from */
        if (no_end(c[p].cls, level))
            return 0;
        /* a single-letter word keeps with its neighbours (JIS X 8341) */
        size_t q = p;
        while (q > 0 && c[q - 1].cls != JL_SPACE && c[q - 1].cls != JL_BREAK)
            q--;
        if (single_letter(c, q, p + 1))
            return 0;
        size_t r = i;
        while (r < n && c[r].cls != JL_SPACE && c[r].cls != JL_BREAK)
            r++;
        if (single_letter(c, i, r))
            return 0;
        return 1;
    }
    const ch *a = &c[i - 1], *b = &c[i];
    if (no_end(a->cls, level) || bound(a, b))
        return 0;
    if (level == LB_VERY_STRICT && a->digit &&
        (b->jp || b->cls == JL_POSTFIX))
        return 0;
    return 1;
}

static glue glue_between(const ch *pa, const ch *pb, double size)
{
    glue g;
    memset(&g, 0, sizeof g);
    uint32_t a = pa->cp, b = pb->cp;
    if (pa->cls == JL_SPACE) {
        /* a Western word space: reducible to 1/4 em, expandable by 1/4 */
        double min = 0.25 * size;
        g.shrink[R_SPACE] = pa->adv > min ? pa->adv - min : 0;
        g.stretch[E_SPACE] = 0.25 * size;
        return g;
    }
    if (pb->cls == JL_SPACE)
        return g;
    double ta = jl_trail_blank(a), lb = jl_lead_blank(b);
    int middle = pa->cls == JL_MIDDLE || pb->cls == JL_MIDDLE;
    if (ta > 0 && lb > 0) {
        /* 」「 」・ ・「: one blank, the smaller, is kept */
        double keep = ta < lb ? ta : lb;
        g.nat = -(ta + lb - keep) * size;
        g.shrink[middle ? R_MIDDLE : R_BRACKET] = keep * size;
    } else if (ta > 0 && jl_closing(b)) {
        g.nat = -ta * size; /* 。」 */
    } else if (lb > 0 && pa->cls == JL_OPEN) {
        g.nat = -lb * size; /* 「『 */
    } else if (ta > 0 || lb > 0) {
        g.shrink[middle ? R_MIDDLE : R_BRACKET] = (ta + lb) * size;
    }
    if ((pa->jp && jl_western(b)) || (jl_western(a) && pb->jp)) {
        g.nat += 0.25 * size;
        g.shrink[R_JW] = 0.125 * size;
        g.stretch[E_JW] = 0.25 * size;
    } else if (g.nat >= 0 && !bound(pa, pb)) {
        g.stretch[E_CHAR] = 0.25 * size;
    }
    return g;
}

/* A line decided by the breaker: characters [a, e), next line from b. */
typedef struct brk {
    size_t a, e;
    int para_start, last, hang;
} brk;

typedef struct ctx {
    const ch *c;
    const glue *g;
    const double *gshrink;  /* per glue: its shrink summed over priorities */
    const double *gstretch; /* and its stretch */
    size_t n;
    double size, width;
    const lb_opts *o;
} ctx;

static double start_adj(const ctx *x, size_t a, int para_start)
{
    if (para_start || x->c[a].cls != JL_OPEN)
        return 0;
    return -jl_lead_blank(x->c[a].cp) * x->size;
}

static int can_hang(uint32_t cp)
{
    return cp == 0x3001 || cp == 0x3002 || cp == 0xFF0C || cp == 0xFF0E;
}

static double end_adj(const ctx *x, size_t e, int hang)
{
    const ch *l = &x->c[e - 1];
    if (hang)
        return -l->adv;
    if (jl_closing(l->cp))
        return -jl_trail_blank(l->cp) * x->size;
    return 0;
}

/* Natural width and total shrink of [a, e). */
static void measure(const ctx *x, size_t a, size_t e, int para_start,
                    int hang, double *w, double *shrink)
{
    double sum = 0, s = 0;
    if (e > a) {
        sum = start_adj(x, a, para_start) + end_adj(x, e, hang);
        for (size_t k = a; k < e; k++) {
            sum += x->c[k].adv;
            if (k > a) {
                sum += x->g[k].nat;
                for (int p = 0; p < NSHRINK; p++)
                    s += x->g[k].shrink[p];
            }
        }
    }
    *w = sum;
    *shrink = s;
}

static size_t trim_end(const ch *c, size_t a, size_t b)
{
    while (b > a && c[b - 1].cls == JL_SPACE)
        b--;
    return b;
}

/* Breaks the paragraph segment [s, t) (no '\n' inside) greedily. */
static void break_segment(const ctx *x, size_t s, size_t t, brk **out,
                          size_t *nout, size_t *cap)
{
    lb_level level = x->o->level;
    size_t first_line = *nout;
    size_t a = s;
    while (a < t && x->c[a].cls == JL_SPACE)
        a++;
    for (;;) {
        int para_start = a == s || (a > s && *nout == first_line);
        /* the longest line that fits as it is (or with a hanging mark),
         * and the longest that fits only by reduction */
        size_t nat_b = 0, red_b = 0, first = 0;
        int nat_hang = 0;
        double nat_ratio = 0, red_ratio = 0;
        /* sums over the candidate line [a, e), extended as e grows (e
         * never shrinks as b grows): advances with natural glue, shrink
         * and stretch of the glue inside it */
        size_t upto = a;
        double run = 0, run_sh = 0, run_st = 0;
        for (size_t b = a + 1; b <= t; b++) {
            if (b < t && !can_break(x->c, x->n, b, level))
                continue;
            if (!first)
                first = b;
            size_t e = trim_end(x->c, a, b);
            for (; upto < e; upto++) {
                run += x->c[upto].adv;
                if (upto > a) {
                    run += x->g[upto].nat;
                    run_sh += x->gshrink[upto];
                    run_st += x->gstretch[upto];
                }
            }
            double start = e > a ? start_adj(x, a, para_start) : 0;
            double w = e > a ? start + end_adj(x, e, 0) + run : 0;
            double sh = run_sh;
            int hang = 0;
            if (w > x->width + EPS && x->o->hanging && e > a + 1 &&
                can_hang(x->c[e - 1].cp)) {
                double wh = start + end_adj(x, e, 1) + run;
                if (wh <= x->width + EPS) {
                    w = wh;
                    hang = 1;
                }
            }
            if (w <= x->width + EPS) {
                nat_b = b;
                nat_hang = hang;
                red_b = 0;
                /* how far the line must stretch, against what it can */
                double st = run_st;
                double need = x->width - w;
                nat_ratio = b == t || need <= EPS ? 0
                            : st > 0             ? need / st
                                                 : 1e9;
                continue;
            }
            if (w - sh <= x->width + EPS) {
                red_b = b;
                red_ratio = (w - x->width) / sh;
                continue;
            }
            if (w - sh - x->size > x->width)
                break; /* nothing further can fit */
        }
        /* push in (reduce) or push out (expand): whichever distorts the
         * spacing less, relative to what it allows */
        size_t best;
        int best_hang = 0;
        if (red_b && (!nat_b || red_ratio < nat_ratio)) {
            best = red_b;
        } else if (nat_b) {
            best = nat_b;
            best_hang = nat_hang;
        } else {
            best = first ? first : t; /* overflow: one unbreakable run */
        }
        *out = xgrow(*out, cap, *nout + 1, sizeof **out);
        (*out)[(*nout)++] = (brk){a, trim_end(x->c, a, best), para_start, 0,
                                  best_hang};
        a = best;
        while (a < t && x->c[a].cls == JL_SPACE)
            a++;
        if (a >= t)
            break;
    }
    (*out)[*nout - 1].last = 1;

    /* very strict: the last line holds at least two characters */
    if (level == LB_VERY_STRICT && *nout - first_line >= 2) {
        brk *last = &(*out)[*nout - 1], *prev = last - 1;
        size_t count = 0;
        for (size_t k = last->a; k < last->e; k++)
            if (!jl_closing(x->c[k].cp) && x->c[k].cls != JL_SPACE)
                count++;
        if (count < 2) {
            for (size_t b = last->a - 1; b > prev->a + 1; b--) {
                if (!can_break(x->c, x->n, b, level))
                    continue;
                double w, sh;
                measure(x, b, last->e, 0, 0, &w, &sh);
                if (w - sh > x->width + EPS)
                    break;
                prev->e = trim_end(x->c, prev->a, b);
                prev->hang = 0;
                last->a = b;
                break;
            }
        }
    }
}

/* Positions the glyphs of one line and justifies it. */
static void set_line(const ctx *x, const brk *bk, lb_para *p, size_t *gcap)
{
    lb_line ln;
    memset(&ln, 0, sizeof ln);
    ln.start = bk->a < x->n ? x->c[bk->a].off : 0;
    ln.end = bk->e > bk->a ? x->c[bk->e - 1].next : ln.start;
    ln.first = p->nglyphs;
    ln.last = bk->last;
    size_t a = bk->a, e = bk->e;
    if (e <= a) {
        p->lines[p->nlines++] = ln;
        return;
    }
    size_t ng = e - a;
    double *gl = xmalloc(ng * sizeof *gl);
    gl[0] = 0;
    for (size_t k = a + 1; k < e; k++)
        gl[k - a] = x->g[k].nat;
    double w, sh;
    measure(x, a, e, bk->para_start, bk->hang, &w, &sh);
    ln.natural = w;
    ln.single_run = 1;
    for (size_t k = a + 1; k < e; k++)
        if (can_break(x->c, x->n, k, x->o->level))
            ln.single_run = 0;
    double set = w;
    if (w > x->width + EPS && sh > 0) {
        /* reduce, in order of priority (also for ragged lines: the line
         * was broken counting on it) */
        double d = w - x->width;
        for (int pr = 0; pr < NSHRINK && d > EPS; pr++) {
            double tot = 0;
            for (size_t k = a + 1; k < e; k++)
                tot += x->g[k].shrink[pr];
            if (tot <= 0)
                continue;
            double take = d < tot ? d : tot;
            for (size_t k = a + 1; k < e; k++)
                gl[k - a] -= x->g[k].shrink[pr] * take / tot;
            d -= take;
            set -= take;
        }
        ln.justified = x->o->justify && !bk->last && d <= EPS;
    } else if (x->o->justify && !bk->last && w < x->width - EPS) {
        double d = x->width - w;
        for (int pr = 0; pr < NSTRETCH && d > EPS; pr++) {
            double tot = 0;
            for (size_t k = a + 1; k < e; k++)
                tot += x->g[k].stretch[pr];
            if (tot <= 0)
                continue;
            double take = d < tot ? d : tot;
            for (size_t k = a + 1; k < e; k++)
                gl[k - a] += x->g[k].stretch[pr] * take / tot;
            d -= take;
            set += take;
        }
        ln.justified = d <= EPS;
    } else if (x->o->justify && !bk->last) {
        ln.justified = fabs(w - x->width) <= EPS;
    }
    for (size_t k = a + 1; k < e; k++) {
        double extra = gl[k - a] - x->g[k].nat;
        if (extra > ln.max_extra)
            ln.max_extra = extra;
    }
    p->glyphs = xgrow(p->glyphs, gcap, p->nglyphs + ng, sizeof *p->glyphs);
    double pos = start_adj(x, a, bk->para_start);
    for (size_t k = a; k < e; k++) {
        pos += gl[k - a];
        p->glyphs[p->nglyphs++] =
            (lb_glyph){x->c[k].off, x->c[k].next - x->c[k].off, pos,
                       x->c[k].adv};
        pos += x->c[k].adv;
    }
    free(gl);
    ln.count = p->nglyphs - ln.first;
    ln.width = set;
    p->lines[p->nlines++] = ln;
}

void lb_set(lb_para *out, const font *f, const char *text, size_t len,
            double size, double width, const lb_opts *opts)
{
    static const lb_opts defaults = {LB_STRICT, 0, 0};
    if (!opts)
        opts = &defaults;
    memset(out, 0, sizeof *out);
    ch *c = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < len;) {
        size_t adv;
        int32_t cp = utf8_decode(text + i, len - i, &adv);
        c = xgrow(c, &cap, n + 1, sizeof *c);
        c[n].cp = cp < 0 ? 0xFFFD : (uint32_t)cp;
        c[n].cls = jl_class_of(c[n].cp);
        c[n].word = (unsigned char)wordch(c[n].cp);
        c[n].digit = (unsigned char)digitish(c[n].cp);
        c[n].fwd = (unsigned char)fw_digit(c[n].cp);
        c[n].jp = (unsigned char)jl_japanese(c[n].cp);
        c[n].off = i;
        c[n].next = i + adv;
        c[n].adv = c[n].cls == JL_BREAK ? 0 : font_advance(f, c[n].cp) * size;
        n++;
        i += adv;
    }
    glue *g = xcalloc(n ? n : 1, sizeof *g);
    double *gs = xcalloc(n ? 2 * n : 1, sizeof *gs), *gt = gs + n;
    for (size_t k = 1; k < n; k++) {
        g[k] = glue_between(&c[k - 1], &c[k], size);
        for (int p = 0; p < NSHRINK; p++)
            gs[k] += g[k].shrink[p];
        for (int p = 0; p < NSTRETCH; p++)
            gt[k] += g[k].stretch[p];
    }
    ctx x = {c, g, gs, gt, n, size, width, opts};

    brk *bs = NULL;
    size_t nb = 0, bcap = 0;
    size_t s = 0;
    for (;;) {
        size_t t = s;
        while (t < n && c[t].cls != JL_BREAK)
            t++;
        if (t > s) {
            break_segment(&x, s, t, &bs, &nb, &bcap);
        } else {
            bs = xgrow(bs, &bcap, nb + 1, sizeof *bs);
            bs[nb++] = (brk){s, s, 1, 1, 0};
        }
        if (t >= n)
            break;
        s = t + 1;
    }
    out->lines = xcalloc(nb, sizeof *out->lines);
    size_t gcap = 0;
    for (size_t i = 0; i < nb; i++) {
        set_line(&x, &bs[i], out, &gcap);
        if (bs[i].e <= bs[i].a) {
            size_t at = bs[i].a < n ? c[bs[i].a].off : len;
            out->lines[out->nlines - 1].start = at;
            out->lines[out->nlines - 1].end = at;
        }
    }
    free(bs);
    free(gs);
    free(g);
    free(c);
}

void lb_para_free(lb_para *p)
{
    free(p->lines);
    free(p->glyphs);
    memset(p, 0, sizeof *p);
}

size_t lb_break(const font *f, const char *text, size_t len, double size,
                double width, lb_line **lines)
{
    lb_para p;
    lb_set(&p, f, text, len, size, width, NULL);
    free(p.glyphs);
    *lines = p.lines;
    return p.nlines;
}
