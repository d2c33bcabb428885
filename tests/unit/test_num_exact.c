/* num_exact: the one rule for every number read (num_accept), through
 * the readers users reach.  The property: a random decimal of up to 40
 * digits (integer and fraction parts, with and without a sign), written
 * as a CSV cell (thousands separators, full-width digits, U+2212) and
 * as a template literal, is read as strtod reads it under the C locale,
 * bit for bit, or, exactly when strtod's value is 2^53 or more, refused
 * with the out-of-range message.  A million of each.  Then the faults'
 * messages (exponents with their plain form, "inf" and "nan", too small),
 * whole CSV tables, and the evaluator's one guard against infinity. */
#include <criterion/criterion.h>
#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "csv.h"
#include "eval.h"
#include "expr.h"
#include "num.h"
#include "table.h"
#include "template.h"
#include "value.h"
#include "xalloc.h"

static uint64_t rng = 0x2545f4914f6cdd1du;

static uint64_t next(void)
{
    /* xorshift64*: deterministic, so a failure names a reproducible case */
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 2685821657736338717u;
}

static unsigned below(unsigned n) { return (unsigned)(next() % n); }

/* A random plain decimal "I[.F]" without sign: 1 to 40 digits in all,
 * at least one before the point; a fifth with leading zeros. */
static void random_decimal(buf *b)
{
    unsigned total = 1 + below(40);
    unsigned ip = 1 + below(total);
    unsigned fp = total - ip;
    unsigned zeros = below(5) == 0 ? below(ip) : 0;
    for (unsigned i = 0; i < ip; i++)
        buf_putc(b, (char)(i < zeros ? '0' : '0' + below(10)));
    if (fp) {
        buf_putc(b, '.');
        for (unsigned i = 0; i < fp; i++)
            buf_putc(b, (char)('0' + below(10)));
    }
}

static int same_bits(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

/* strtod's value under the C locale (each test sets LC_NUMERIC to "C"),
 * with "-0" read as 0, and whether the rule refuses it. */
static double reference(const char *plain, int *refused)
{
    double v = strtod(plain, NULL);
    *refused = !(fabs(v) < 9007199254740992.0); /* 2^53 */
    return v == 0 ? 0 : v;
}

/* plain ("-1234.5") as a data cell: a sign of four kinds, thousands
 * separators in half the integer parts, a quarter in full-width forms */
static void cell_form(const char *plain, buf *txt)
{
    int neg = plain[0] == '-';
    const char *s = plain + neg;
    unsigned how = below(4);
    if (neg)
        buf_puts(txt, how == 0   ? "\xe2\x88\x92" /* U+2212 */
                      : how == 1 ? "\xef\xbc\x8d" /* full-width - */
                                 : "-");
    else if (how == 0)
        buf_putc(txt, '+');
    size_t ilen = strcspn(s, ".");
    int group = s[0] != '0' && below(2);
    int wide = below(4) == 0;
    for (size_t k = 0; s[k]; k++) {
        if (group && k > 0 && k < ilen && (ilen - k) % 3 == 0)
            buf_puts(txt, wide ? "\xef\xbc\x8c" : ",");
        char c = s[k];
        if (wide && c >= '0' && c <= '9') {
            char fw[4] = "\xef\xbc\x90";
            fw[2] = (char)(0x90 + (c - '0'));
            buf_puts(txt, fw);
        } else if (wide && c == '.') {
            buf_puts(txt, "\xef\xbc\x8e");
        } else {
            buf_putc(txt, c);
        }
    }
}

#define MILLION 1000000

Test(num_exact, a_million_cells_read_as_strtod_or_refused)
{
    setlocale(LC_NUMERIC, "C");
    buf plain = BUF_INIT, txt = BUF_INIT;
    size_t refused_n = 0, long_frac = 0;
    for (int i = 0; i < MILLION; i++) {
        buf_reset(&plain);
        buf_reset(&txt);
        if (below(2))
            buf_putc(&plain, '-');
        random_decimal(&plain);
        cell_form(buf_cstr(&plain), &txt);
        int refused;
        double want = reference(buf_cstr(&plain), &refused);
        num_read r;
        char *norm;
        const char *unit;
        num_status st = num_parse_cell(buf_cstr(&txt), &r, &norm, &unit);
        cr_assert_eq(st, NUM_OK, "%s: status %d", buf_cstr(&txt), st);
        num_fault f = num_accept(&r);
        if (refused) {
            cr_assert_eq(f, NUM_F_INEXACT, "%s: fault %d", buf_cstr(&txt), f);
            refused_n++;
        } else {
            cr_assert_eq(f, NUM_FINE, "%s: fault %d", buf_cstr(&txt), f);
            cr_assert(same_bits(r.v, want), "%s: %.17g, strtod(%s) %.17g",
                      buf_cstr(&txt), r.v, buf_cstr(&plain), want);
        }
        long_frac += r.frac > 17;
        free(norm);
    }
    /* both outcomes and fractions beyond a double's 17 digits were drawn */
    cr_expect_gt(refused_n, MILLION / 10);
    cr_expect_lt(refused_n, MILLION * 9 / 10);
    cr_expect_gt(long_frac, MILLION / 10);
    buf_free(&plain);
    buf_free(&txt);
}

/* Parses and evaluates src in a fresh context: 0 with *v set, or -1
 * with the first error's message in msg. */
static int eval_src(const char *src, size_t n, value *v, arena **a, char *msg,
                    size_t cap)
{
    diag_list *d = diag_list_new();
    srcloc at = {"t.md", 1, 4};
    expr *e = expr_parse(src, n, at, d);
    int rc = -1;
    *a = arena_new();
    if (e) {
        evalctx c;
        memset(&c, 0, sizeof c);
        c.a = *a;
        c.d = d;
        rc = expr_eval(e, &c, v);
        evalctx_done(&c);
        expr_free(e);
    }
    msg[0] = '\0';
    if (diag_error_count(d))
        snprintf(msg, cap, "%s", diag_get(d, 0)->message);
    if (diag_error_count(d))
        rc = -1;
    diag_list_free(d);
    return rc;
}

/* Evaluates the list of lit[0..k) and compares item j with want[j]; frees
 * the literals. */
static void check_literals(char **lit, const double *want, size_t k)
{
    buf src = BUF_INIT;
    char msg[512];
    buf_putc(&src, '[');
    for (size_t j = 0; j < k; j++) {
        if (j)
            buf_puts(&src, ", ");
        buf_puts(&src, lit[j]);
    }
    buf_putc(&src, ']');
    value v;
    arena *a;
    cr_assert_eq(eval_src(src.data, src.len, &v, &a, msg, sizeof msg), 0, "%s",
                 msg);
    cr_assert_eq(v.kind, VAL_LIST);
    cr_assert_eq(v.u.list.n, k);
    for (size_t j = 0; j < k; j++) {
        cr_assert(same_bits(v.u.list.items[j].u.num, want[j]),
                  "%s: %.17g, strtod %.17g", lit[j], v.u.list.items[j].u.num,
                  want[j]);
        free(lit[j]);
    }
    arena_free(a);
    buf_free(&src);
}

/* Template literals: the accepted ones in lists of 1,000 (a leading '-'
 * is the language's negation), each refused one alone. */
Test(num_exact, a_million_literals_read_as_strtod_or_refused)
{
    setlocale(LC_NUMERIC, "C");
    enum { ITEMS = 1000 };
    buf one = BUF_INIT;
    double want[ITEMS];
    char *lit[ITEMS];
    size_t k = 0, refused_n = 0;
    char msg[512];
    for (int i = 0; i < MILLION; i++) {
        buf_reset(&one);
        if (below(2))
            buf_putc(&one, '-');
        random_decimal(&one);
        int refused;
        double w = reference(buf_cstr(&one), &refused);
        if (refused) {
            value v;
            arena *a;
            int rc = eval_src(one.data, one.len, &v, &a, msg, sizeof msg);
            arena_free(a);
            cr_assert_eq(rc, -1, "%s was read", buf_cstr(&one));
            cr_assert(strstr(msg, "is too large to be kept exactly"), "%s: %s",
                      buf_cstr(&one), msg);
            refused_n++;
            continue;
        }
        want[k] = w;
        lit[k++] = buf_detach(&one);
        if (k == ITEMS) {
            check_literals(lit, want, k);
            k = 0;
        }
    }
    check_literals(lit, want, k);
    cr_expect_gt(refused_n, MILLION / 10);
    buf_free(&one);
}

/* The same through the whole CSV path (csv_parse, inference, conversion
 * in table_from_csv): accepted numbers load bit for bit. */
Test(num_exact, accepted_decimals_through_csv_tables)
{
    setlocale(LC_NUMERIC, "C");
    enum { BLOCKS = 10, ROWS = 10000 };
    for (int blk = 0; blk < BLOCKS; blk++) {
        buf csvt = BUF_INIT, one = BUF_INIT;
        double *want = xmalloc(ROWS * sizeof *want);
        buf_puts(&csvt, "x\n");
        for (int i = 0; i < ROWS; i++) {
            int refused;
            do {
                buf_reset(&one);
                if (below(2))
                    buf_putc(&one, '-');
                random_decimal(&one);
                want[i] = reference(buf_cstr(&one), &refused);
            } while (refused);
            buf_putc(&csvt, '"'); /* "1,788" */
            cell_form(buf_cstr(&one), &csvt);
            buf_puts(&csvt, "\"\n");
        }
        diag_list *d = diag_list_new();
        sheet *c =
            csv_parse("data/x.csv", csvt.data, csvt.len, CSV_ENC_UTF8, d);
        cr_assert_not_null(c);
        table *t = table_from_csv("x", c, NULL, d);
        cr_assert_not_null(t, "block %d did not load: %s", blk,
                           diag_count(d) ? diag_get(d, 0)->message : "");
        for (int i = 0; i < ROWS; i++)
            cr_assert(same_bits(t->cols[0].cells[i].num, want[i]),
                      "row %d: %.17g, strtod %.17g", i + 2,
                      t->cols[0].cells[i].num, want[i]);
        free(want);
        table_free(t);
        sheet_free(c);
        diag_list_free(d);
        buf_free(&csvt);
        buf_free(&one);
    }
}

/* ---- the faults' messages --------------------------------------------- */

static void fault_of(const char *text, num_fault *f, char *msg, char *hint)
{
    num_read r;
    char *norm;
    const char *unit;
    num_status st = num_parse_cell(text, &r, &norm, &unit);
    cr_assert(st == NUM_OK || st == NUM_EXPONENT || st == NUM_NONFINITE,
              "%s: status %d", text, st);
    *f = num_accept(&r);
    num_fault_message(*f, &r, norm, strlen(norm), " in column \"x\"", msg, 256,
                      hint, 256);
    free(norm);
}

Test(num_exact, exponents_are_named_with_their_plain_form)
{
    static const struct {
        const char *cell, *plain;
    } cases[] = {
        {"1e5", "100000"},   {"1E-3", "0.001"},      {"-1.5e+2", "-150"},
        {"1,500e-3", "1.5"}, {"0.00125E2", "0.125"}, {"12.5e-1", "1.25"},
        {"−2.50e1", "-25"},  {"7e0", "7"},           {"0e5", "0"},
        {"１ｅ３", "1000"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        num_fault f;
        char msg[256], hint[256], want[128];
        fault_of(cases[i].cell, &f, msg, hint);
        cr_expect_eq(f, NUM_F_EXPONENT, "%s", cases[i].cell);
        cr_expect(strstr(msg, "exponent notation is not allowed in column"),
                  "%s: %s", cases[i].cell, msg);
        snprintf(want, sizeof want, "write the number in full: %s",
                 cases[i].plain);
        cr_expect_str_eq(hint, want, "%s", cases[i].cell);
    }
    /* no plain form longer than 40 characters is suggested */
    num_fault f;
    char msg[256], hint[256];
    fault_of("1e400", &f, msg, hint);
    cr_expect_eq(f, NUM_F_EXPONENT);
    cr_expect_str_eq(hint, "write the number in full, without an exponent");
}

Test(num_exact, non_finite_tiny_and_negative_zero)
{
    static const char *const words[] = {"inf", "-inf", "+Infinity",
                                        "NaN", "nan",  "−INF"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        num_fault f;
        char msg[256], hint[256];
        fault_of(words[i], &f, msg, hint);
        cr_expect_eq(f, NUM_F_NONFINITE, "%s", words[i]);
        cr_expect(strstr(msg, "not a finite number in column \"x\""), "%s",
                  msg);
    }
    buf b = BUF_INIT;
    buf_puts(&b, "0.");
    for (int i = 0; i < 320; i++)
        buf_putc(&b, '0');
    buf_putc(&b, '7');
    num_fault f;
    char msg[256], hint[256];
    fault_of(buf_cstr(&b), &f, msg, hint);
    cr_expect_eq(f, NUM_F_TINY);
    cr_expect(strstr(msg, "is too small"), "%s", msg);
    buf_free(&b);
    num_read r;
    cr_assert_eq(num_scan("-0.000", 6, NUM_SIGN, &r), 0);
    cr_expect(signbit(r.v), "the scanner reads what strtod reads");
    cr_expect_eq(num_accept(&r), NUM_FINE);
    cr_expect(!signbit(r.v), "the rule makes -0 0");
}

/* ---- the evaluator lets no infinity out -------------------------------- */

Test(num_exact, overflow_is_an_error_at_its_operator)
{
    static const struct {
        const char *src, *msg;
        int col;
    } cases[] = {
        /* 9e15^19 is 1.35e303, 9e15^20 overflows: at the 19th '*', 17
         * columns into the first factor and 19 per factor after it */
        {"9000000000000000 * 9000000000000000 * 9000000000000000 * "
         "9000000000000000 * 9000000000000000 * 9000000000000000 * "
         "9000000000000000 * 9000000000000000 * 9000000000000000 * "
         "9000000000000000 * 9000000000000000 * 9000000000000000 * "
         "9000000000000000 * 9000000000000000 * 9000000000000000 * "
         "9000000000000000 * 9000000000000000 * 9000000000000000 * "
         "9000000000000000 * 9000000000000000 * 9000000000000000 > 5",
         "the result of this calculation is too large", 4 + 17 + 19 * 18},
        {"[1, 2, 9000000000000000 * 9000000000000000 * 9000000000000000 * "
         "9000000000000000 * 9000000000000000 * 9000000000000000 * "
         "9000000000000000 * 9000000000000000 * 9000000000000000 * "
         "9000000000000000 * 9000000000000000 * 9000000000000000 * "
         "9000000000000000 * 9000000000000000 * 9000000000000000 * "
         "9000000000000000 * 9000000000000000 * 9000000000000000 * "
         "9000000000000000 * 9000000000000000 * 9000000000000000]",
         "the result of this calculation is too large", 11 + 17 + 19 * 18},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        diag_list *d = diag_list_new();
        srcloc at = {"t.md", 1, 4};
        expr *e = expr_parse(cases[i].src, strlen(cases[i].src), at, d);
        cr_assert_not_null(e);
        evalctx c;
        memset(&c, 0, sizeof c);
        c.a = arena_new();
        c.d = d;
        value v;
        cr_expect_eq(expr_eval(e, &c, &v), -1, "%s", cases[i].src);
        cr_assert_eq(diag_error_count(d), 1);
        cr_expect(strstr(diag_get(d, 0)->message, cases[i].msg), "%s",
                  diag_get(d, 0)->message);
        cr_expect_eq(diag_get(d, 0)->col, cases[i].col);
        evalctx_done(&c);
        arena_free(c.a);
        expr_free(e);
        diag_list_free(d);
    }
}

/* What stays finite: rounding a huge value, and pct's scaling checked */
Test(num_exact, huge_but_finite_values_print_and_pct_overflow_is_named)
{
    static const char big[] =
        "9000000000000000 * 9000000000000000 * 9000000000000000 * "
        "9000000000000000 * 9000000000000000 * 9000000000000000 * "
        "9000000000000000 * 9000000000000000 * 9000000000000000 * "
        "9000000000000000 * 9000000000000000 * 9000000000000000 * "
        "9000000000000000 * 9000000000000000 * 9000000000000000 * "
        "9000000000000000 * 9000000000000000 * 9000000000000000 * "
        "9000000000000000 * 10000"; /* 1.35e307 */
    char src[1400], msg[512];
    value v;
    arena *a;
    snprintf(src, sizeof src, "round(%s, 2)", big);
    cr_expect_eq(eval_src(src, strlen(src), &v, &a, msg, sizeof msg), 0, "%s",
                 msg);
    cr_expect(isfinite(v.u.num) && v.u.num > 1e307, "%g", v.u.num);
    arena_free(a);
    snprintf(src, sizeof src, "%s | pct", big);
    cr_expect_eq(eval_src(src, strlen(src), &v, &a, msg, sizeof msg), -1);
    cr_expect(strstr(msg, "pct of this value is too large"), "%s", msg);
    arena_free(a);
}

/* Finite but huge values given where a count, an index or a year is
 * meant: an error or the largest that makes sense, never a cast out of
 * range (make test SAN=1 runs this with -fsanitize=float-cast-overflow). */
Test(num_exact, huge_counts_indexes_and_years_are_errors)
{
#define HUGE_PRODUCT "9000000000000000 * 9000000000000000"
    static const struct {
        const char *src, *msg; /* msg NULL: expands */
    } cases[] = {
        {"{{ fy + " HUGE_PRODUCT " }}", "year out of range"},
        {"{{ fy - 5000 }}", "year out of range"},
        {"{{ fy + 1 }}", NULL},
        {"{{ nth([1, 2], " HUGE_PRODUCT ") }}", "n must be a whole number"},
        {"{{ " HUGE_PRODUCT " | wareki }}", "got a number out of range"},
        {"{{ 99991231 | short }}", "got a number out of range"},
        {"{{ 9999 | wareki }}", NULL},
        {"{{ 99991231 | jdate }}", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char src[256];
        snprintf(src, sizeof src, "---\nfy: R6\n---\n%s\n", cases[i].src);
        diag_list *d = diag_list_new();
        tableset *ts = tableset_new();
        tmpl_env *env = tmpl_env_new(ts);
        template *tp = template_compile("t.md", src, strlen(src), d);
        cr_assert_not_null(tp, "%s", src);
        expansion ex;
        int rc = template_expand(tp, env, &ex, d);
        if (cases[i].msg) {
            cr_expect_eq(rc, -1, "%s", cases[i].src);
            cr_expect(diag_error_count(d) == 1 &&
                          strstr(diag_get(d, 0)->message, cases[i].msg),
                      "%s: %s", cases[i].src,
                      diag_count(d) ? diag_get(d, 0)->message : "(none)");
        } else {
            cr_expect_eq(rc, 0, "%s: %s", cases[i].src,
                         diag_count(d) ? diag_get(d, 0)->message : "");
            if (rc == 0)
                expansion_free(&ex);
        }
        template_free(tp);
        tmpl_env_free(env);
        tableset_free(ts);
        diag_list_free(d);
    }
#undef HUGE_PRODUCT
}

/* What is read is printed digit for digit: a million random integers of
 * up to 16 digits below 2^53 (many near it) come out of buf_num as they
 * went in (half away from zero once rounded 2^53 - 1 up to even). */
Test(num_exact, accepted_integers_print_as_written)
{
    setlocale(LC_NUMERIC, "C");
    buf in = BUF_INIT, out = BUF_INIT;
    for (int i = 0; i < MILLION; i++) {
        buf_reset(&in);
        buf_reset(&out);
        uint64_t v = below(4) == 0 ? (1ull << 53) - 1 - below(1u << 20)
                                   : next() % (1ull << 53);
        if (below(2) && v)
            buf_putc(&in, '-');
        buf_printf(&in, "%llu", (unsigned long long)v);
        num_read r;
        cr_assert_eq(num_scan(in.data, in.len, NUM_SIGN, &r), 0);
        cr_assert_eq(num_accept(&r), NUM_FINE, "%s", buf_cstr(&in));
        buf_num(&out, r.v, 0, 0);
        cr_assert_str_eq(buf_cstr(&out), buf_cstr(&in));
    }
    buf_free(&in);
    buf_free(&out);
}
