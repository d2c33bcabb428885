#include "linebreak.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jlreq.h"
#include "utf8.h"
#include "xalloc.h"

#define EPS 1e-6

/* Reduction priorities (JLREQ 3.8.3) and the kinds of expansion (3.8.4;
 * set_line opens them all alike).  R_END is the blank after a closing
 * mark at the end of a justified line (JLREQ 3.8.3 b): no glue has it, a
 * line does. */
enum { R_SPACE, R_END, R_JW, R_MIDDLE, R_BRACKET, NSHRINK };
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
    case LB_VERY_STRICT:
        return "very-strict";
    case LB_LOOSE:
        return "loose";
    case LB_VERY_LOOSE:
        return "very-loose";
    default:
        return "strict";
    }
}

static int strictish(lb_level l)
{
    return l == LB_STRICT || l == LB_VERY_STRICT;
}

/* lb_no_start and lb_no_end for a character whose class is known. */
static int no_start(uint32_t cp, jl_class cls, lb_level level)
{
    if (cp == ',' || cp == '.' || cp == ':' || cp == ';')
        return 1;
    switch (cls) {
    case JL_CLOSE:
    case JL_STOP:
    case JL_COMMA:
        return 1;
    case JL_MIDDLE:
    case JL_DIVIDE:
        return level != LB_VERY_LOOSE;
    case JL_SMALL:
    case JL_PROLONG:
    case JL_ITER:
    case JL_HYPHEN:
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

/* 1 for the ideographic space written after ？ or ！ (JLREQ 3.1.6): it
 * is dropped at a line end, and never carried to the next line's head. */
static int divide_space(const ch *c, size_t k)
{
    return k > 0 && c[k].cls == JL_IDSPACE && c[k - 1].cls == JL_DIVIDE;
}

/* May a line break before c[i] (0 < i < n)? */
static int can_break(const ch *c, size_t n, size_t i, lb_level level)
{
    if (c[i].cls == JL_SPACE || c[i].cls == JL_BREAK ||
        c[i - 1].cls == JL_BREAK || divide_space(c, i))
        return 0;
    if (no_start(c[i].cp, c[i].cls, level))
        return 0;
    if (divide_space(c, i - 1))
        return 1; /* after ？　 the space goes with the line end */
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
    if (level == LB_VERY_STRICT && a->digit && (b->jp || b->cls == JL_POSTFIX))
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
    int keep_end; /* a line-end closing mark keeps its blank (justified) */
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

/* The blank after a closing mark that ends a line: removed (set solid)
 * on a ragged line, kept but reducible on a justified one (end_blank). */
static double end_blank(const ctx *x, size_t e)
{
    const ch *l = &x->c[e - 1];
    return jl_closing(l->cp) ? jl_trail_blank(l->cp) * x->size : 0;
}

static double end_adj(const ctx *x, size_t e, int hang)
{
    if (hang)
        return -x->c[e - 1].adv;
    return -end_blank(x, e);
}

/* Natural width and total shrink of [a, e); with keep_end, a line-end
 * blank is kept in the width and counted in the shrink. */
static void measure(const ctx *x, size_t a, size_t e, int para_start, int hang,
                    int keep_end, double *w, double *shrink)
{
    double sum = 0, s = 0;
    if (e > a) {
        sum = start_adj(x, a, para_start) + end_adj(x, e, hang);
        if (keep_end && !hang) {
            sum += end_blank(x, e);
            s += end_blank(x, e);
        }
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
    if (b > a + 1 && divide_space(c, b - 1))
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
                            : st > 0              ? need / st
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
        (*out)[(*nout)++] =
            (brk){a, trim_end(x->c, a, best), para_start, 0, best_hang, 0};
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
                measure(x, b, last->e, 0, 0, 0, &w, &sh);
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

/* Total fit (justified text).  The breaks of a paragraph segment are
 * chosen together, in the manner of Knuth and Plass: every line from one
 * feasible breakpoint to another has a cost (demerits), and the path of
 * least total cost wins.  A line's cost follows JLREQ 3.8: reducing
 * (pushing in) costs less than expanding (pushing out) by as much, and
 * a reduction costs more the later its priority; an expansion costs
 * steeply more with the widest gap it opens (its cube), so a line is not
 * letter-spaced where a neighbour can take a character.  The last line
 * costs nothing unless it must be reduced or holds a single character
 * (and its punctuation).  Look-back is bounded by the measure: a line is never
 * longer than the measure once reduced, so each breakpoint looks back
 * over one line's worth of breakpoints at most. */

/* Prefix sums over the characters of the text, so that the natural
 * width, shrink and stretch of any line are had in constant time. */
typedef struct sums {
    double *nat;          /* advances and natural glue before k */
    double *shr[NSHRINK]; /* glue shrink of priority p, glues 1..k-1 */
    double *str;          /* glue stretch */
    size_t *chars;        /* characters that count for a last line */
} sums;

static void sums_make(sums *m, const ctx *x)
{
    size_t n = x->n;
    m->nat = xcalloc(n + 1, sizeof *m->nat);
    for (int p = 0; p < NSHRINK; p++)
        m->shr[p] = xcalloc(n + 2, sizeof *m->shr[p]);
    m->str = xcalloc(n + 2, sizeof *m->str);
    m->chars = xcalloc(n + 1, sizeof *m->chars);
    /* glue k lies between characters k-1 and k; shr[p][k] sums glues
     * 1..k-1, so the glues inside [a, e) are shr[p][e] - shr[p][a+1] */
    for (size_t k = 0; k < n; k++) {
        m->nat[k + 1] = m->nat[k] + x->c[k].adv + x->g[k].nat;
        m->chars[k + 1] =
            m->chars[k] + (!jl_closing(x->c[k].cp) && x->c[k].cls != JL_SPACE);
    }
    for (size_t k = 1; k <= n; k++) {
        for (int p = 0; p < NSHRINK; p++)
            m->shr[p][k + 1] = m->shr[p][k] + (k < n ? x->g[k].shrink[p] : 0);
        m->str[k + 1] = m->str[k] + (k < n ? x->gstretch[k] : 0);
    }
}

static void sums_free(sums *m)
{
    free(m->nat);
    for (int p = 0; p < NSHRINK; p++)
        free(m->shr[p]);
    free(m->str);
    free(m->chars);
}

/* The costs.  A line's badness is 0 at its natural width; its demerits
 * are (LINE_PENALTY + badness)^2, summed over the paragraph (as in TeX). */
#define LINE_PENALTY 10
#define BIG 1e9        /* a line that cannot be justified (left short) */
#define LONELY 1e6     /* a last line of one character */
#define HUGE_COST 1e15 /* a line wider than the measure even reduced */
#define LOOKBACK 512   /* breakpoints looked back over, at most */
/* Pushing in: the cube of the share of the line's reducible glue taken,
 * times RED_SHARE (reducing costs half what expanding by the same share
 * does), or times KINSOKU_SHARE when the line ends with a closing
 * bracket, comma or full stop, which may not start the next line
 * (keeping it here by reducing is what JLREQ 3.8 prefers to pushing a
 * character out); plus red_weight per em for each priority reached:
 * word spaces and line-end blanks cost nothing more, then the 和欧間
 * space, middle dots, and the blanks of brackets and commas, in JLREQ's
 * order. */
#define RED_SHARE 0.5
#define KINSOKU_SHARE 0.001
static const double red_weight[NSHRINK] = {0, 0.2, 0.5, 1, 1.5};
/* Pushing out: 100 times the cube of the widest gap's share of its 1/4
 * em, plus one per em added. */

/* The natural width of the line [a, e) as the breaker counts it: a
 * line-end blank kept on a justified line (not the last), removed on the
 * last; a hanging mark not counted. */
static double line_width(const ctx *x, const sums *m, size_t a, size_t e,
                         int para_start, int hang, int last)
{
    double w =
        m->nat[e] - m->nat[a] - x->g[a].nat + start_adj(x, a, para_start);
    if (hang)
        w -= x->c[e - 1].adv;
    else if (last)
        w -= end_blank(x, e);
    return w;
}

/* A line's badness: what setting [a, e) to the measure costs; *feasible
 * is 0 for a line wider than the measure even once reduced. */
static double badness(const ctx *x, const sums *m, size_t a, size_t e,
                      int para_start, int hang, int last, int *feasible)
{
    double em = x->size;
    double w = line_width(x, m, a, e, para_start, hang, last);
    double need = w - x->width;
    double b = 0;
    if (last && m->chars[e] - m->chars[a] < 2)
        b += LONELY; /* a single character on the last line */
    *feasible = 1;
    if (need > EPS) {
        /* push in: each priority in turn */
        double shr[NSHRINK], tot = 0;
        for (int p = 0; p < NSHRINK; p++)
            shr[p] = m->shr[p][e] - m->shr[p][a + 1];
        shr[R_END] = hang || last ? 0 : end_blank(x, e);
        for (int p = 0; p < NSHRINK; p++)
            tot += shr[p];
        if (need > tot + EPS) {
            *feasible = 0;
            return HUGE_COST * (1 + (need - tot) / em);
        }
        double left = need, pri = 0, inner = 0, inner_tot = tot - shr[R_END];
        for (int p = 0; p < NSHRINK && left > EPS; p++) {
            if (shr[p] <= 0)
                continue;
            double take = left < shr[p] ? left : shr[p];
            pri += red_weight[p] * take / em;
            if (p != R_END)
                inner += take;
            left -= take;
        }
        double r = inner_tot > 0 ? inner / inner_tot : 0;
        double share = jl_closing(x->c[e - 1].cp) ? KINSOKU_SHARE : RED_SHARE;
        return b + share * 100 * r * r * r + pri;
    }
    if (last || need >= -EPS)
        return b;
    /* push out: every expandable gap alike, so the widest gap's share of
     * its 1/4 em is the share of the line's stretch */
    double d = -need, st = m->str[e] - m->str[a + 1];
    if (st <= EPS || d > st + EPS)
        return b + BIG * (1 + d / em); /* left short */
    double r = d / st;
    return b + 100 * r * r * r + d / em;
}

/* The best line ending at breakpoint j that starts at breakpoint i (its
 * badness and whether its mark hangs); 0 if the line is too wide. */
static int best_line(const ctx *x, const sums *m, size_t a, size_t e,
                     int para_start, int last, double *bad, int *hang)
{
    int ok, okh = 0;
    *bad = badness(x, m, a, e, para_start, 0, last, &ok);
    *hang = 0;
    if (x->o->hanging && !last && e > a + 1 && can_hang(x->c[e - 1].cp)) {
        double bh = badness(x, m, a, e, para_start, 1, 0, &okh);
        bh += 2; /* a hanging mark: only where it helps */
        if (okh && (!ok || bh < *bad)) {
            *bad = bh;
            *hang = 1;
            ok = 1;
        }
    }
    return ok;
}

/* Breaks the paragraph segment [s, t) (no '\n' inside) by total fit. */
static void fit_segment(const ctx *x, const sums *m, size_t s, size_t t,
                        brk **out, size_t *nout, size_t *cap)
{
    lb_level level = x->o->level;
    size_t a0 = s;
    while (a0 < t && x->c[a0].cls == JL_SPACE)
        a0++;
    if (a0 >= t) {
        *out = xgrow(*out, cap, *nout + 1, sizeof **out);
        (*out)[(*nout)++] = (brk){a0, a0, 1, 1, 0, 0};
        return;
    }
    /* breakpoints: node 0 starts the segment, the others break before
     * pos[i] (t for the segment's end) */
    size_t nn = 1;
    for (size_t b = a0 + 1; b < t; b++)
        if (can_break(x->c, x->n, b, level))
            nn++;
    nn++;
    size_t *pos = xmalloc(nn * sizeof *pos);
    size_t *start = xmalloc(nn * sizeof *start);
    size_t *from = xmalloc(nn * sizeof *from);
    int *hung = xmalloc(nn * sizeof *hung);
    double *cost = xmalloc(nn * sizeof *cost);
    size_t k = 0;
    pos[k++] = a0;
    for (size_t b = a0 + 1; b < t; b++)
        if (can_break(x->c, x->n, b, level))
            pos[k++] = b;
    pos[k++] = t;
    for (size_t i = 0; i < nn; i++) {
        size_t a = pos[i];
        while (i > 0 && a < t && x->c[a].cls == JL_SPACE)
            a++;
        start[i] = a;
        cost[i] = i == 0 ? 0 : INFINITY;
        from[i] = 0;
        hung[i] = 0;
    }
    for (size_t j = 1; j < nn; j++) {
        int last = j == nn - 1;
        size_t lo = j > LOOKBACK ? j - LOOKBACK : 0;
        size_t ej = trim_end(x->c, a0, pos[j]);
        /* from the nearest start back, while the line fits; lines too
         * short to be justified are passed over unless nothing else
         * ends here (second pass) */
        for (int pass = 0; pass < 2 && cost[j] == INFINITY; pass++) {
            int any = 0, skipped = 0;
            for (size_t i = j; i-- > lo;) {
                size_t a = start[i];
                size_t e = ej > a ? ej : a;
                if (a >= t || e <= a)
                    continue;
                if (pass == 0 && !last &&
                    line_width(x, m, a, e, i == 0, 0, 0) +
                            (m->str[e] - m->str[a + 1]) <
                        x->width - EPS) {
                    skipped = 1;
                    continue;
                }
                double b;
                int hang;
                if (!best_line(x, m, a, e, i == 0, last, &b, &hang)) {
                    if (!any && i == j - 1 && cost[i] < INFINITY) {
                        /* nothing fits: one unbreakable run, wider than
                         * the measure, on a line of its own */
                        cost[j] = cost[i] + b;
                        from[j] = i;
                        hung[j] = 0;
                    }
                    break; /* earlier starts only make it longer */
                }
                any = 1;
                if (cost[i] == INFINITY)
                    continue;
                double d = LINE_PENALTY + b;
                double c = cost[i] + d * d;
                if (c < cost[j]) {
                    cost[j] = c;
                    from[j] = i;
                    hung[j] = hang;
                }
            }
            if (!skipped)
                break;
        }
        if (cost[j] == INFINITY && cost[j - 1] < INFINITY) {
            /* no line ends here from anywhere (the run before is too
             * wide and was cut off by the look-back): take it alone */
            cost[j] = cost[j - 1] + HUGE_COST;
            from[j] = j - 1;
            hung[j] = 0;
        }
    }
    /* the path, back to front */
    size_t nl = 0;
    for (size_t j = nn - 1; j > 0; j = from[j])
        nl++;
    *out = xgrow(*out, cap, *nout + nl, sizeof **out);
    size_t at = *nout + nl;
    for (size_t j = nn - 1; j > 0; j = from[j]) {
        size_t i = from[j], a = start[i];
        int last = j == nn - 1;
        (*out)[--at] = (brk){a,       trim_end(x->c, a, pos[j]), i == 0, last,
                             hung[j], !last && !hung[j]};
    }
    *nout += nl;
    free(pos);
    free(start);
    free(from);
    free(hung);
    free(cost);
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
    measure(x, a, e, bk->para_start, bk->hang, bk->keep_end, &w, &sh);
    ln.natural = w;
    ln.single_run = 1;
    for (size_t k = a + 1; k < e; k++)
        if (can_break(x->c, x->n, k, x->o->level))
            ln.single_run = 0;
    double set = w;
    if (w > x->width + EPS && sh > 0) {
        /* reduce, in order of priority (also for ragged lines: the line
         * was broken counting on it); the line-end blank takes no glyph
         * with it */
        double d = w - x->width;
        for (int pr = 0; pr < NSHRINK && d > EPS; pr++) {
            double tot = 0;
            if (pr == R_END)
                tot = bk->keep_end && !bk->hang ? end_blank(x, e) : 0;
            else
                for (size_t k = a + 1; k < e; k++)
                    tot += x->g[k].shrink[pr];
            if (tot <= 0)
                continue;
            double take = d < tot ? d : tot;
            if (pr != R_END)
                for (size_t k = a + 1; k < e; k++)
                    gl[k - a] -= x->g[k].shrink[pr] * take / tot;
            d -= take;
            set -= take;
        }
        ln.justified = x->o->justify && !bk->last && d <= EPS;
    } else if (x->o->justify && !bk->last && w < x->width - EPS) {
        /* expand: every expandable gap by the same amount, so that none
         * opens wider than it must */
        double d = x->width - w, tot = 0;
        for (size_t k = a + 1; k < e; k++)
            tot += x->gstretch[k];
        if (tot > 0) {
            double take = d < tot ? d : tot;
            for (size_t k = a + 1; k < e; k++)
                gl[k - a] += x->gstretch[k] * take / tot;
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
        p->glyphs[p->nglyphs++] = (lb_glyph){
            x->c[k].off, x->c[k].next - x->c[k].off, pos, x->c[k].adv};
        pos += x->c[k].adv;
    }
    free(gl);
    ln.count = p->nglyphs - ln.first;
    ln.width = set;
    p->lines[p->nlines++] = ln;
}

/* Total fit is for paragraphs: a segment longer than this (no slide
 * holds it; a pathological input can be megabytes) is broken line by
 * line, so that time and memory stay linear and small. */
#define LB_FIT_MAX 4096

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
    sums m;
    memset(&m, 0, sizeof m);
    /* the prefix sums serve total fit only: made when some segment gets it */
    int fit = 0;
    for (size_t s0 = 0, t0 = 0; opts->justify && t0 <= n && !fit; t0++)
        if (t0 == n || c[t0].cls == JL_BREAK) {
            fit = t0 > s0 && t0 - s0 <= LB_FIT_MAX;
            s0 = t0 + 1;
        }
    if (fit)
        sums_make(&m, &x);

    brk *bs = NULL;
    size_t nb = 0, bcap = 0;
    size_t s = 0;
    for (;;) {
        size_t t = s;
        while (t < n && c[t].cls != JL_BREAK)
            t++;
        if (t > s && opts->justify && t - s <= LB_FIT_MAX) {
            fit_segment(&x, &m, s, t, &bs, &nb, &bcap);
        } else if (t > s) {
            break_segment(&x, s, t, &bs, &nb, &bcap);
        } else {
            bs = xgrow(bs, &bcap, nb + 1, sizeof *bs);
            bs[nb++] = (brk){s, s, 1, 1, 0, 0};
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
    sums_free(&m);
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
