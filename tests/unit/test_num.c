/* num: the one decimal reader against strtod under the C locale (a
 * million random decimal strings, bit for bit, directly and through the
 * CSV cell reader; test_num_exact.c has the readers with the rule of
 * num_accept, whole CSV tables and template literals), each reader's syntax
 * and its out-of-range error, the equality of CSV values and template
 * literals in `where` and in a chart's filter, the one numeric-cell rule
 * (the PDF's and the site's table cells aligned alike), and the one
 * rounding (round() against what buf_num prints). */
#include <criterion/criterion.h>
#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "canvas_trace.h"
#include "chart.h"
#include "csv.h"
#include "eval.h"
#include "expr.h"
#include "font.h"
#include "html_figure.h"
#include "num.h"
#include "table.h"
#include "table_layout.h"
#include "template.h"
#include "value.h"
#include "xalloc.h"

#define FONT "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"

/* ---- random decimal strings ---------------------------------------- */

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint64_t next(void)
{
    /* xorshift64*: deterministic, so a failure names a reproducible case */
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 2685821657736338717u;
}

static unsigned below(unsigned n) { return (unsigned)(next() % n); }

static void digits(buf *b, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        buf_putc(b, (char)('0' + below(10)));
}

/* An ASCII decimal "I[.F]" (no sign) of one of several shapes: short
 * numbers, 19 to 25 digit integers, long fractions (up to 40 digits),
 * leading zeros, and values at the edges of the double range (near
 * DBL_MAX, past it, near DBL_MIN and below it). */
static void random_decimal(buf *b)
{
    switch (below(8)) {
    case 0: /* everyday: 1-6 digits, 0-3 decimals */
        buf_putc(b, (char)('1' + below(9)));
        digits(b, below(6));
        if (below(2)) {
            buf_putc(b, '.');
            digits(b, 1 + below(3));
        }
        break;
    case 1: /* 19+ digit integers */
        buf_putc(b, (char)('1' + below(9)));
        digits(b, 18 + below(7));
        break;
    case 2: /* long fractions */
        digits(b, 1 + below(4));
        buf_putc(b, '.');
        digits(b, 1 + below(40));
        break;
    case 3: /* leading zeros */
        for (unsigned i = below(5) + 1; i; i--)
            buf_putc(b, '0');
        digits(b, below(8));
        if (below(2)) {
            buf_putc(b, '.');
            for (unsigned i = below(6); i; i--)
                buf_putc(b, '0');
            digits(b, 1 + below(20));
        }
        break;
    case 4: /* near DBL_MAX (1.7976931348623157e308): 309 digits, some
               past the largest double, which must come out as infinity */
        buf_puts(b, below(2) ? "17976931348623157" : "1797693134862315");
        digits(b, 309 - (unsigned)b->len);
        if (below(2)) {
            buf_putc(b, '.');
            digits(b, 1 + below(5));
        }
        break;
    case 5: /* 310 digits: always too large */
        buf_putc(b, (char)('1' + below(9)));
        digits(b, 309);
        break;
    case 6: /* near DBL_MIN (2.2250738585072014e-308) */
        buf_puts(b, "0.");
        for (int i = 0; i < 307; i++)
            buf_putc(b, '0');
        buf_puts(b, below(2) ? "2225073858507201" : "22250738585072");
        digits(b, below(12));
        break;
    default: /* subnormals and below the smallest one */
        buf_puts(b, "0.");
        for (unsigned i = 308 + below(20); i; i--)
            buf_putc(b, '0');
        buf_putc(b, (char)('1' + below(9)));
        digits(b, below(20));
        break;
    }
}

/* strtod in the C locale: the reference (the test process's locale is
 * set to "C" for LC_NUMERIC by each test that calls this). */
static double reference(const char *ascii) { return strtod(ascii, NULL); }

static int same_bits(double a, double b) { return memcmp(&a, &b, sizeof a) == 0; }

#define MILLION 1000000

Test(num, a_million_random_decimals_match_strtod_bit_for_bit)
{
    setlocale(LC_NUMERIC, "C");
    buf b = BUF_INIT;
    size_t inf = 0, tiny = 0, big = 0;
    for (int i = 0; i < MILLION; i++) {
        buf_reset(&b);
        int neg = below(4) == 0;
        if (neg)
            buf_putc(&b, '-');
        random_decimal(&b);
        const char *s = buf_cstr(&b);
        double want = reference(s);
        num_read r;
        int rc = num_scan(s, b.len, NUM_SIGN, &r);
        cr_assert_eq(rc, 0, "%s: not read", s);
        cr_assert_eq(r.len, b.len, "%s: read %zu of %zu bytes", s, r.len,
                     b.len);
        cr_assert(same_bits(r.v, want), "%s: %.17g, strtod %.17g", s, r.v,
                  want);
        cr_assert_eq(r.range == NUM_TOO_LARGE, isinf(want) != 0, "%s", s);
        cr_assert_eq(r.neg, neg);
        inf += r.range == NUM_TOO_LARGE;
        tiny += r.range == NUM_TOO_SMALL;
        big += r.digits > 18 && r.frac == 0;
    }
    /* every shape was drawn */
    cr_expect_gt(inf, 1000);
    cr_expect_gt(tiny, 1000);
    cr_expect_gt(big, 1000);
    buf_free(&b);
}

/* The data-cell syntax: "1,788" grouping, full-width digits and commas,
 * a U+2212 or full-width minus; the value is strtod's of the plain form. */
Test(num, a_million_cell_forms_match_strtod_through_the_cell_reader)
{
    setlocale(LC_NUMERIC, "C");
    buf plain = BUF_INIT, txt = BUF_INIT;
    for (int i = 0; i < MILLION; i++) {
        buf_reset(&plain);
        buf_reset(&txt);
        unsigned sign = below(6);
        if (sign == 1 || sign == 2 || sign == 3)
            buf_putc(&plain, '-');
        buf_puts(&txt, sign == 1   ? "-"
                        : sign == 2 ? "\xe2\x88\x92"  /* U+2212 */
                        : sign == 3 ? "\xef\xbc\x8d"  /* full-width － */
                        : sign == 4 ? "+"
                                    : "");
        buf tmp = BUF_INIT;
        random_decimal(&tmp);
        const char *s = buf_cstr(&tmp);
        size_t ilen = strcspn(s, ".");
        int group = s[0] != '0' && ilen <= 24 && below(2);
        int wide = below(4) == 0;
        for (size_t k = 0; k < tmp.len; k++) {
            if (group && k > 0 && k < ilen && (ilen - k) % 3 == 0)
                buf_puts(&txt, wide ? "\xef\xbc\x8c" : ",");
            char c = s[k];
            buf_putc(&plain, c);
            if (wide && c >= '0' && c <= '9') {
                char fw[4] = "\xef\xbc\x90";
                fw[2] = (char)(0x90 + (c - '0'));
                buf_puts(&txt, fw);
            } else if (wide && c == '.') {
                buf_puts(&txt, "\xef\xbc\x8e");
            } else {
                buf_putc(&txt, c);
            }
        }
        buf_free(&tmp);
        num_read r;
        char *norm;
        const char *unit;
        num_status st = num_parse_cell(buf_cstr(&txt), &r, &norm, &unit);
        cr_assert_eq(st, NUM_OK, "%s: status %d", buf_cstr(&txt), st);
        double want = reference(buf_cstr(&plain));
        cr_assert(same_bits(r.v, want), "%s: %.17g, strtod(%s) %.17g",
                  buf_cstr(&txt), r.v, buf_cstr(&plain), want);
        free(norm);
    }
    buf_free(&plain);
    buf_free(&txt);
}

/* Parses and evaluates the list expression src, whose n items are
 * numbers, into out. */
static void eval_numbers(const buf *src, double *out, size_t n)
{
    diag_list *d = diag_list_new();
    srcloc at = {"t.md", 1, 4};
    expr *e = expr_parse(src->data, src->len, at, d);
    cr_assert_not_null(e);
    evalctx c;
    memset(&c, 0, sizeof c);
    c.a = arena_new();
    c.d = d;
    value v;
    cr_assert_eq(expr_eval(e, &c, &v), 0);
    cr_assert_eq(v.kind, VAL_LIST);
    cr_assert_eq(v.u.list.n, n);
    for (size_t i = 0; i < n; i++)
        out[i] = v.u.list.items[i].u.num;
    evalctx_done(&c);
    arena_free(c.a);
    expr_free(e);
    diag_list_free(d);
}

/* Known hard cases: halfway between two doubles, just above, 2^53 + 1. */
Test(num, hard_cases_round_correctly)
{
    setlocale(LC_NUMERIC, "C");
    static const struct {
        const char *s;
        double want;
    } cases[] = {
        {"0.3", 0.3},
        {"1.15", 1.15},
        {"0.07", 0.07},
        {"1.005", 1.005},
        {"0.1234", 0.1234},
        {"0.005829596412556054", 0.005829596412556054}, /* pandas' share */
        {"9007199254740993", 9007199254740992.0},
        {"9007199254740995", 9007199254740996.0},
        {"1.00000000000000011102230246251565404236316680908203125", 1.0},
        {"1.00000000000000011102230246251565404236316680908203126",
         1.0000000000000002},
        {"123456789012345678901234567890", 1.2345678901234568e29},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        num_read r;
        cr_assert_eq(num_scan(cases[i].s, strlen(cases[i].s), 0, &r), 0);
        cr_expect(same_bits(r.v, cases[i].want), "%s: %.17g", cases[i].s,
                  r.v);
    }
}

/* The decimal point is '.', whatever the process's locale says. */
Test(num, a_decimal_comma_locale_changes_nothing)
{
    cr_assert_not_null(setlocale(LC_ALL, "de_DE.UTF-8"),
                       "the de_DE.UTF-8 locale must exist (make test "
                       "generates it)");
    cr_assert_str_eq(localeconv()->decimal_point, ",");
    num_read r;
    cr_assert_eq(num_scan("97.55", 5, 0, &r), 0);
    cr_assert_eq(r.len, 5);
    cr_assert(same_bits(r.v, 97.55));
    cr_assert_eq(num_scan("1,5", 3, 0, &r), 0);
    cr_assert_eq(r.len, 1, "a comma is no decimal point");
    /* the thread's locale is back as it was */
    cr_assert_str_eq(localeconv()->decimal_point, ",");
    setlocale(LC_ALL, "C");
}

/* ---- what each reader sees ------------------------------------------ */

Test(num, scan_reports_digits_grouping_exponent_and_range)
{
    num_read r;
    cr_assert_eq(num_scan("0012.500", 8, 0, &r), 0);
    cr_expect_eq(r.digits, 5);
    cr_expect_eq(r.int_digits, 4);
    cr_expect_eq(r.frac, 3);
    cr_expect_eq(r.v, 12.5);
    cr_assert_eq(num_scan("0.007", 5, 0, &r), 0);
    cr_expect_eq(r.digits, 1);
    cr_assert_eq(num_scan("1,788", 5, NUM_GROUPS, &r), 0);
    cr_expect_eq(r.len, 5);
    cr_expect(r.grouped && !r.bad_group);
    cr_expect_eq(r.v, 1788);
    cr_assert_eq(num_scan("1,788", 5, 0, &r), 0);
    cr_expect_eq(r.len, 1, "no grouping without NUM_GROUPS");
    cr_assert_eq(num_scan("17,88", 5, NUM_GROUPS, &r), 0);
    cr_expect(r.bad_group);
    cr_assert_eq(num_scan("0,123", 5, NUM_GROUPS, &r), 0);
    cr_expect(r.bad_group);
    cr_assert_eq(num_scan("12,", 3, NUM_GROUPS, &r), 0);
    cr_expect_eq(r.len, 2, "the comma of \"12,\" is not read");
    cr_assert_eq(num_scan("1e5", 3, 0, &r), 0);
    cr_expect_eq(r.len, 1);
    cr_expect(r.exponent, "an exponent follows");
    cr_assert_eq(num_scan("1em", 3, 0, &r), 0);
    cr_expect(!r.exponent);
    cr_assert_eq(num_scan("1.", 2, 0, &r), 0);
    cr_expect_eq(r.len, 1, "\"1.\" leaves the point");
    cr_assert_eq(num_scan("1.", 2, NUM_BARE_POINT, &r), 0);
    cr_expect_eq(r.len, 2);
    cr_assert_eq(num_scan(".5", 2, NUM_BARE_POINT, &r), 0);
    cr_expect_eq(r.v, 0.5);
    cr_expect_eq(num_scan(".5", 2, 0, &r), -1, "\".5\" needs a digit first");
    cr_expect_eq(num_scan(".", 1, NUM_BARE_POINT, &r), -1);
    cr_expect_eq(num_scan("-5", 2, 0, &r), -1, "no sign without NUM_SIGN");
    cr_assert_eq(num_scan("\xe2\x88\x92" "5", 4, NUM_SIGN, &r), 0);
    cr_expect_eq(r.v, -5);
    cr_expect_eq(num_scan("-", 1, NUM_SIGN, &r), -1);
    cr_expect_eq(r.len, 0);
    /* the length bounds the text: no NUL needed */
    cr_assert_eq(num_scan("12345", 3, 0, &r), 0);
    cr_expect_eq(r.v, 123);

    buf b = BUF_INIT;
    buf_putc(&b, '1');
    for (int i = 0; i < 400; i++)
        buf_putc(&b, '0');
    cr_assert_eq(num_scan(b.data, b.len, 0, &r), 0);
    cr_expect_eq(r.range, NUM_TOO_LARGE);
    cr_expect(isinf(r.v) && r.v > 0);
    cr_expect_eq(r.int_digits, 401);
    buf_reset(&b);
    buf_puts(&b, "0.");
    for (int i = 0; i < 400; i++)
        buf_putc(&b, '0');
    buf_putc(&b, '1');
    cr_assert_eq(num_scan(b.data, b.len, 0, &r), 0);
    cr_expect_eq(r.range, NUM_TOO_SMALL);
    cr_expect_eq(r.v, 0);
    cr_assert_eq(num_scan("0.000", 5, 0, &r), 0);
    cr_expect_eq(r.range, 0, "zero is no underflow");
    buf_free(&b);
}

Test(num, cell_statuses_are_as_before)
{
    static const struct {
        const char *text;
        num_status want;
        const char *unit;
    } cases[] = {
        {"1,788", NUM_OK, NULL},        {"-3", NUM_OK, NULL},
        {"１２", NUM_OK, NULL},         {"＋１，７８８．５", NUM_OK, NULL},
        {"58%", NUM_UNIT, "%"},         {"12団体", NUM_UNIT, "団体"},
        {"約5", NUM_UNIT, "約5"},       {".5", NUM_UNIT, ".5"},
        {"12,", NUM_UNIT, ","},         {"0x10", NUM_UNIT, "x10"},
        {"1e5", NUM_EXPONENT, NULL},    {"17,88", NUM_GROUPING, NULL},
        {"1e5%", NUM_UNIT, "e5%"},      {"inf", NUM_NONFINITE, NULL},
        {"-NaN", NUM_NONFINITE, NULL},  {"infinite", NUM_BAD, NULL},
        {"1,7880", NUM_GROUPING, NULL}, {"abc", NUM_BAD, NULL},
        {"-", NUM_BAD, NULL},           {"-約5", NUM_BAD, NULL},
        {"▲12", NUM_UNIT, "▲12"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        num_read r;
        char *norm;
        const char *unit;
        num_status st = num_parse_cell(cases[i].text, &r, &norm, &unit);
        cr_expect_eq(st, cases[i].want, "%s: %d", cases[i].text, st);
        if (cases[i].unit)
            cr_expect(unit && strcmp(unit, cases[i].unit) == 0,
                      "%s: unit %s", cases[i].text, unit ? unit : "(none)");
        free(norm);
    }
}

/* ---- the readers' errors ------------------------------------------- */

static char *zeros_after_one(int n)
{
    buf b = BUF_INIT;
    buf_putc(&b, '1');
    for (int i = 0; i < n; i++)
        buf_putc(&b, '0');
    return buf_detach(&b);
}

Test(num, a_cell_too_large_is_an_error_at_the_cell)
{
    char *big = zeros_after_one(400);
    buf text = BUF_INIT;
    buf_printf(&text, "k,n\na,1\nb,%s\n", big);
    diag_list *d = diag_list_new();
    sheet *c = csv_parse("data/x.csv", text.data, text.len, CSV_ENC_UTF8, d);
    cr_assert_not_null(c);
    table *t = table_from_csv("x", c, NULL, d);
    cr_assert_null(t, "an infinite cell must not load");
    cr_assert_eq(diag_error_count(d), 1);
    const diag *g = diag_get(d, 0);
    cr_expect_str_eq(g->file, "data/x.csv");
    cr_expect_eq(g->line, 3);
    cr_expect_eq(g->col, 3);
    cr_expect(strstr(g->message, "number out of range in column \"n\""),
              "%s", g->message);
    cr_expect(strstr(g->message, "(401 digits before the point)"), "%s",
              g->message);
    diag_list_free(d);
    sheet_free(c);
    buf_free(&text);
    free(big);
}

Test(num, a_literal_too_large_is_an_error_at_the_literal)
{
    char *big = zeros_after_one(320);
    buf src = BUF_INIT;
    buf_printf(&src, "1 + %s", big);
    diag_list *d = diag_list_new();
    srcloc at = {"t.md", 7, 4};
    expr *e = expr_parse(src.data, src.len, at, d);
    cr_assert_null(e);
    cr_assert_eq(diag_error_count(d), 1);
    const diag *g = diag_get(d, 0);
    cr_expect_eq(g->line, 7);
    cr_expect_eq(g->col, 8);
    cr_expect(strstr(g->message, "number out of range: "
                                 "\"100000000000000000000000…\" (321 digits"),
              "%s", g->message);
    diag_list_free(d);
    buf_free(&src);
    free(big);
}

/* ---- equal values in where and in chart filters -------------------- */

static const char *SHARES = "k,share,n\na,0.3,1\nb,1.15,2\nc,0.07,3\n"
                            "d,1.005,4\ne,0.1234,5\n";

static tableset *shares_tables(diag_list *d)
{
    sheet *c = csv_parse("data/t.csv", SHARES, strlen(SHARES), CSV_ENC_UTF8, d);
    cr_assert_not_null(c);
    table *t = table_from_csv("t", c, NULL, d);
    sheet_free(c);
    cr_assert_not_null(t);
    tableset *ts = tableset_new();
    tableset_add(ts, t);
    return ts;
}

Test(num, csv_values_equal_template_literals_in_where)
{
    static const char *const lit[] = {"0.3", "1.15", "0.07", "1.005",
                                      "0.1234"};
    diag_list *d = diag_list_new();
    tableset *ts = shares_tables(d);
    for (size_t i = 0; i < 5; i++) {
        char src[128];
        snprintf(src, sizeof src,
                 "{{ count(t where share = %s) }}/{{ sum(t where share == %s, "
                 "\"n\") }}\n",
                 lit[i], lit[i]);
        tmpl_env *env = tmpl_env_new(ts);
        template *tp = template_compile("t.md", src, strlen(src), d);
        cr_assert_not_null(tp);
        expansion ex;
        cr_assert_eq(template_expand(tp, env, &ex, d), 0, "%s", src);
        char want[32];
        snprintf(want, sizeof want, "1/%zu\n", i + 1);
        cr_expect_str_eq(ex.text, want, "share = %s", lit[i]);
        expansion_free(&ex);
        template_free(tp);
        tmpl_env_free(env);
    }
    tableset_free(ts);
    diag_list_free(d);
}

Test(num, csv_values_equal_literals_in_a_chart_filter)
{
    static const char *const lit[] = {"0.3", "1.15", "0.07", "1.005",
                                      "0.1234"};
    static const char *const key[] = {"a", "b", "c", "d", "e"};
    diag_list *d = diag_list_new();
    tableset *ts = shares_tables(d);
    for (size_t i = 0; i < 5; i++) {
        char spec[160];
        snprintf(spec, sizeof spec,
                 "type: bar\ndata: t\nfilter: share = %s\nx: k\nvalue: n\n",
                 lit[i]);
        srcloc lines[6];
        for (int k = 0; k < 6; k++)
            lines[k] = (srcloc){"t.md", 10 + k, 1};
        chart_spec *s = chart_spec_parse(spec, strlen(spec), lines, 6, d);
        cr_assert_not_null(s);
        chart *c = chart_build(s, ts, d);
        cr_assert_not_null(c, "filter: share = %s kept no row", lit[i]);
        cr_expect_eq(chart_bar_count(c), 1);
        cr_expect_str_eq(chart_bar_label(c, 0), key[i]);
        chart_free(c);
        chart_spec_free(s);
    }
    cr_expect_eq(diag_error_count(d), 0);
    tableset_free(ts);
    diag_list_free(d);
}

Test(num, chart_numbers_read_as_before)
{
    static const struct {
        const char *line;
        int ok;
    } cases[] = {
        {"top: 5", 1},        {"top: 5.", 1},      {"top: 1000", 1},
        {"top: 0", 0},        {"top: 2.5", 0},     {"top: -3", 0},
        {"top: 1e3", 0},      {"top: 1,000", 0},   {"top: .", 0},
        {"size: 16:5", 1},    {"size: .5:1", 1},   {"size: 16:0", 0},
        {"size: 1.2.3:1", 0}, {"size: 10:1", 1},   {"size: 1:10", 1},
        {"size: 11:1", 0},    {"size: 1:10.5", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char spec[128];
        snprintf(spec, sizeof spec, "type: bar\ndata: t\nx: k\nvalue: n\n%s\n",
                 cases[i].line);
        srcloc lines[6];
        for (int k = 0; k < 6; k++)
            lines[k] = (srcloc){"t.md", 10 + k, 1};
        diag_list *d = diag_list_new();
        chart_spec *s = chart_spec_parse(spec, strlen(spec), lines, 6, d);
        cr_expect_eq(s != NULL, cases[i].ok, "%s", cases[i].line);
        chart_spec_free(s);
        diag_list_free(d);
    }
    /* a width too large to be kept exactly is an error at the size */
    char *big = zeros_after_one(400);
    buf spec = BUF_INIT;
    buf_printf(&spec, "type: bar\ndata: t\nx: k\nvalue: n\nsize: %s:1\n", big);
    srcloc lines[6];
    for (int k = 0; k < 6; k++)
        lines[k] = (srcloc){"t.md", 10 + k, 1};
    diag_list *d = diag_list_new();
    cr_expect_null(chart_spec_parse(spec.data, spec.len, lines, 6, d));
    cr_expect(
        diag_error_count(d) == 1 &&
        strstr(diag_get(d, 0)->message, "number out of range in \"size:\""));
    diag_list_free(d);
    buf_free(&spec);
    free(big);
}

/* ---- numeric cells: the PDF and the site agree ---------------------- */

static const char *const ROW[] = {"都道府県", "3つの課題があった", "▲12",
                                  "58%", "2,000千円"};
static const int ROW_NUMERIC[] = {0, 0, 1, 1, 1};

Test(num, numeric_cell_rule)
{
    for (size_t i = 0; i < 5; i++)
        cr_expect_eq(num_is_numeric_cell(ROW[i]), ROW_NUMERIC[i], "%s",
                     ROW[i]);
    static const char *const yes[] = {"1,788", "-3", "+1", "−5", "△0.5",
                                      "¥1,000", "￥500", "$12", "１２３",
                                      "１，７８８件", "1,788団体", "97.6%"};
    static const char *const no[] = {"", "-", "▲", "abc", "R6", "令和6年度",
                                     "1～999千円", "3 件", "3　件",
                                     "1,788団体／1,788団体（100%）",
                                     "約5"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        cr_expect(num_is_numeric_cell(yes[i]), "%s", yes[i]);
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        cr_expect_not(num_is_numeric_cell(no[i]), "%s", no[i]);
}

/* The PDF's decision, read from the drawing: a body cell's first text
 * run starts at its box's left edge plus the padding, or further right
 * when the cell is right-aligned.  The site's: class="num" on the cell. */
Test(num, pdf_and_site_align_every_table_cell_alike)
{
    diag_list *d = diag_list_new();
    font *f = font_open(FONT, d);
    cr_assert_not_null(f);
    char *cells[10] = {"区分", "内容", "増減", "割合", "費用"};
    for (int i = 0; i < 5; i++)
        cells[5 + i] = (char *)ROW[i];
    dtable t = {2, 5, cells, PROV_FINAL, {"t.md", 1, 1}};
    buf tr = BUF_INIT;
    canvas *cv = canvas_trace_new(f, &tr);
    canvas_begin_page(cv, 842, 595);
    lay L = {f, cv, 1, LB_STRICT, 0, "body", 0, NULL};
    table_layout_box(&L, &t, 20, 20, 800, 10, 3, NULL);
    canvas_end_page(cv);
    canvas_destroy(cv);

    /* each row draws its cells' rects, then their texts, each text in
     * its cell's element (tag_begin TH or TD): the k-th rect and the k-th
     * cell are the same cell */
    int pdf_right[5] = {-1, -1, -1, -1, -1};
    int ci = -1, ri = -1;
    double rect_x[10] = {0};
    for (const char *p = buf_cstr(&tr); *p;) {
        const char *eol = strchr(p, '\n');
        size_t n = eol ? (size_t)(eol - p) : strlen(p);
        double x, y, w, h;
        if (sscanf(p, "rect %lf %lf %lf %lf", &x, &y, &w, &h) == 4) {
            if (ri < 9)
                rect_x[++ri] = x;
        } else if (strncmp(p, "tag_begin TH", 12) == 0 ||
                   strncmp(p, "tag_begin TD", 12) == 0) {
            ci++;
        } else if (ci >= 5 && ci < 10 && strncmp(p, "text ", 5) == 0 &&
                   sscanf(p, "text %lf", &x) == 1) {
            if (pdf_right[ci - 5] < 0) /* the cell's first run */
                pdf_right[ci - 5] = x > rect_x[ci] + 4 + 0.5;
        }
        p += n + (eol != NULL);
    }
    cr_assert_eq(ri, 9, "ten cells drawn:\n%s", buf_cstr(&tr));
    cr_assert_eq(ci, 9, "ten cells drawn:\n%s", buf_cstr(&tr));

    buf html = BUF_INIT;
    html_table(&html, 2, 5, cells, NULL, NULL);
    const char *body = strstr(buf_cstr(&html), "<tbody>");
    cr_assert_not_null(body);
    for (int k = 0; k < 5; k++) {
        const char *open = strstr(body, k == 0 ? "<th" : "<td");
        cr_assert_not_null(open);
        int site_num = strncmp(open, "<td class=\"num\">", 16) == 0;
        cr_expect_eq(pdf_right[k], ROW_NUMERIC[k], "PDF, %s", ROW[k]);
        cr_expect_eq(site_num, ROW_NUMERIC[k], "site, %s", ROW[k]);
        body = open + 3;
    }
    buf_free(&html);
    buf_free(&tr);
    font_free(f);
    diag_list_free(d);
}

/* ---- rounding -------------------------------------------------------- */

Test(num, round_half_away_from_zero)
{
    static const double in[] = {0.5, 1.5, 2.5, -2.5, -0.5, 0.49999, 9755,
                                -0.0001, 0};
    static const double out[] = {1, 2, 3, -3, -1, 0, 9755, -0.0, 0};
    for (size_t i = 0; i < sizeof in / sizeof in[0]; i++)
        cr_expect(same_bits(num_round_half_away(in[i]), out[i]), "%g: %g",
                  in[i], num_round_half_away(in[i]));
    /* 97.55 is stored as 97.549999...: the nudge rounds it up */
    cr_expect_eq(num_round_half_away(97.55 * 10), 976);
    cr_expect_eq(num_round_half_away(1.005 * 100), 101);
}

/* The template's round(x, d) prints as buf_num prints x at d decimals,
 * for random x with up to 4 decimals (so many halves: 0.125, 97.55). */
Test(num, round_agrees_with_what_is_printed)
{
    setlocale(LC_NUMERIC, "C");
    enum { LISTS = 20, ITEMS = 500 };
    buf a = BUF_INIT, b = BUF_INIT;
    for (int l = 0; l < LISTS; l++) {
        double x[ITEMS];
        int dec[ITEMS];
        buf src = BUF_INIT;
        buf_putc(&src, '[');
        for (int i = 0; i < ITEMS; i++) {
            int places = (int)below(5);
            x[i] = (double)(next() % 2000001) / pow(10, places);
            dec[i] = (int)below(4);
            if (i)
                buf_puts(&src, ", ");
            buf_puts(&src, "round(");
            if (below(2)) {
                buf_putc(&src, '-');
                x[i] = -x[i];
            }
            size_t from = src.len;
            buf_num(&src, fabs(x[i]), places, 0);
            x[i] = copysign(reference(src.data + from), x[i]);
            buf_printf(&src, ", %d)", dec[i]);
        }
        buf_putc(&src, ']');
        double got[ITEMS];
        eval_numbers(&src, got, ITEMS);
        for (int i = 0; i < ITEMS; i++) {
            buf_reset(&a);
            buf_reset(&b);
            buf_num(&a, got[i], dec[i], 0);
            buf_num(&b, x[i], dec[i], 0);
            cr_assert_str_eq(buf_cstr(&a), buf_cstr(&b),
                             "round(%.17g, %d) printed %s", x[i], dec[i],
                             buf_cstr(&a));
        }
        buf_free(&src);
    }
    buf_free(&a);
    buf_free(&b);
}

Test(num, needed_decimals)
{
    cr_expect_eq(needed_decimals(3), 0);
    cr_expect_eq(needed_decimals(97.6), 1);
    cr_expect_eq(needed_decimals(0.0001), 4);
    cr_expect_eq(needed_decimals(1.0 / 3), 6);
    cr_expect_eq(needed_decimals(-2.25), 2);
}

Test(num, shift_point_moves_the_point_exactly)
{
    struct {
        const char *in, *out;
    } t[] = {{"0.253", "25.3"}, {"-0.05", "-5"}, {"1", "100"},
             {"0", "0"},        {"0.001", "0.1"}, {"12.3456", "1234.56"},
             {"-0", "0"},       {"0.30000000000000004", "30.000000000000004"}};
    char out[64];
    for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
        cr_assert_eq(num_shift_point(t[i].in, 2, out, sizeof out), 0, "%s",
                     t[i].in);
        cr_expect_str_eq(out, t[i].out, "%s", t[i].in);
    }
    cr_expect_eq(num_shift_point("1e5", 2, out, sizeof out), -1);
    cr_expect_eq(num_shift_point("1.2.3", 2, out, sizeof out), -1);
    cr_expect_eq(num_shift_point("", 2, out, sizeof out), -1);
    cr_expect_eq(num_shift_point("12345", 2, out, 4), -1);
}

Test(num, a_percentage_reads_as_excel_shows_it)
{
    struct {
        const char *in, *out;
    } t[] = {{"0.253", "25.3"},
             {"0.9359999999999999", "93.6"},
             {"0.30000000000000004", "30"},
             {"1", "100"},
             {"0.0012", "0.12"},
             {"-0.5", "-50"}};
    char out[64];
    for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
        cr_assert_eq(num_percent_shown(t[i].in, out, sizeof out), 0, "%s",
                     t[i].in);
        cr_expect_str_eq(out, t[i].out, "%s", t[i].in);
    }
    cr_expect_eq(num_percent_shown("abc", out, sizeof out), -1);
}
