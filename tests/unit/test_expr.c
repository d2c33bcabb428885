#include <criterion/criterion.h>
#include <string.h>

#include "eval.h"
#include "expr.h"
#include "value.h"
#include "xalloc.h"

/* A table built by hand: survey_year (year), org_type (text), value
 * (integer) and a status per row. */
typedef struct fixture {
    table t;
    column cols[3];
    cell cells[3][4];
    prov status[4];
} fixture;

static void make(fixture *f)
{
    memset(f, 0, sizeof *f);
    static const char *names[] = {"survey_year", "org_type", "value"};
    static const col_type types[] = {COL_YEAR, COL_TEXT, COL_INTEGER};
    static const char *orgs[] = {"都道府県", "指定都市", "都道府県", "指定都市"};
    static const int years[] = {2023, 2023, 2024, 2024};
    static const int vals[] = {46, 20, 47, 18};
    static const char *ytext[] = {"R5", "R5", "R6", "R6"};
    static const char *vtext[] = {"46", "20", "47", "18"};
    for (int c = 0; c < 3; c++) {
        f->cols[c].name = (char *)names[c];
        f->cols[c].type = types[c];
        f->cols[c].cells = f->cells[c];
    }
    for (int r = 0; r < 4; r++) {
        f->cells[0][r] = (cell){ytext[r], years[r], 0, r + 2, 1};
        f->cells[1][r] = (cell){orgs[r], 0, 0, r + 2, 4};
        f->cells[2][r] = (cell){vtext[r], vals[r], 0, r + 2, 9};
        f->status[r] = r == 3 ? PROV_PLACEHOLDER : PROV_FINAL;
    }
    f->t.name = "adoption";
    f->t.path = "data/adoption.csv";
    f->t.nrows = 4;
    f->t.ncols = 3;
    f->t.cols = f->cols;
    f->t.status = f->status;
    f->t.status_col = -1;
    f->t.source_col = -1;
    f->t.year_col = 0;
}

static expr *parse(const char *s, diag_list *d)
{
    srcloc at = {"chart.md", 3, 9};
    return expr_parse(s, strlen(s), at, d);
}

/* keep[] as a string of 0/1 for cond over the fixture table */
static void expect_rows(const char *cond, const char *want)
{
    fixture f;
    make(&f);
    diag_list *d = diag_list_new();
    expr *e = parse(cond, d);
    cr_assert_not_null(e, "%s must parse", cond);
    unsigned char keep[4];
    cr_assert_eq(expr_filter_rows(e, &f.t, keep, d), 0, "%s", cond);
    char got[5];
    for (int i = 0; i < 4; i++)
        got[i] = keep[i] ? '1' : '0';
    got[4] = 0;
    cr_assert_str_eq(got, want, "%s kept %s", cond, got);
    expr_free(e);
    diag_list_free(d);
}

Test(expr, filter_rows)
{
    expect_rows("org_type = \"都道府県\"", "1010");
    expect_rows("org_type = 「指定都市」", "0101");
    expect_rows("survey_year = latest", "0011");
    expect_rows("survey_year = previous and value > 19", "1100");
    expect_rows("survey_year = \"R6\" or value < 19", "0011");
    expect_rows("survey_year = 2023", "1100");
    expect_rows("value in [18, 46]", "1001");
    expect_rows("value not in [18, 46]", "0110");
    expect_rows("not (value >= 20) ", "0001");
    expect_rows("value * 2 - 40 = 52", "1000");
    expect_rows("value / 2 <= 10 or org_type != \"指定都市\"", "1111");
    expect_rows("true", "1111");
}

Test(expr, filter_unknown_column_suggests)
{
    fixture f;
    make(&f);
    diag_list *d = diag_list_new();
    expr *e = parse("org_typ = \"都道府県\"", d);
    unsigned char keep[4] = {1, 1, 1, 1};
    cr_assert_eq(expr_filter_rows(e, &f.t, keep, d), -1);
    cr_assert_eq(diag_error_count(d), 1);
    const diag *g = diag_get(d, 0);
    cr_assert_str_eq(g->file, "chart.md");
    cr_assert_eq(g->line, 3);
    cr_assert_eq(g->col, 9);
    cr_assert_str_eq(g->message,
                     "unknown column \"org_typ\" in table \"adoption\"");
    cr_assert_str_eq(g->hint, "did you mean \"org_type\"?");
    cr_assert_eq(keep[0] + keep[1] + keep[2] + keep[3], 0);
    expr_free(e);
    diag_list_free(d);
}

Test(expr, filter_unknown_value_suggests)
{
    fixture f;
    make(&f);
    diag_list *d = diag_list_new();
    expr *e = parse("value > 1 and org_type = \"指定都\"", d);
    unsigned char keep[4];
    cr_assert_eq(expr_filter_rows(e, &f.t, keep, d), -1);
    const diag *g = diag_get(d, 0);
    cr_assert_eq(g->col, 9 + 25);
    cr_assert_str_eq(g->message, "unknown value \"指定都\": no row of table "
                                 "\"adoption\" has it in column \"org_type\"");
    cr_assert_str_eq(g->hint, "did you mean \"指定都市\"?");
    expr_free(e);
    diag_list_free(d);
}

Test(expr, filter_type_error)
{
    fixture f;
    make(&f);
    diag_list *d = diag_list_new();
    expr *e = parse("org_type > 3", d);
    unsigned char keep[4];
    cr_assert_eq(expr_filter_rows(e, &f.t, keep, d), -1);
    cr_assert_str_eq(diag_get(d, 0)->message, "cannot compare text with a number");
    cr_assert_eq(diag_get(d, 0)->col, 9 + 9);
    expr_free(e);
    diag_list_free(d);
}

static void expect_syntax(const char *src, int line, int col, const char *msg)
{
    diag_list *d = diag_list_new();
    cr_assert_null(parse(src, d), "%s must not parse", src);
    cr_assert_eq(diag_error_count(d), 1);
    const diag *g = diag_get(d, 0);
    cr_assert_eq(g->line, line, "%s: line %d", src, g->line);
    cr_assert_eq(g->col, col, "%s: col %d", src, g->col);
    cr_assert_str_eq(g->message, msg, "got %s", g->message);
    diag_list_free(d);
}

Test(expr, syntax_errors_positions)
{
    expect_syntax("", 3, 9, "expected an expression, found the end of the "
                            "expression");
    expect_syntax("1 +", 3, 12, "expected a value (a number, \"text\", a name "
                                "or \"(\"), found the end of the expression");
    expect_syntax("f(1 2)", 3, 13, "expected \",\" or \")\", found \"2\"");
    expect_syntax("[1, 2", 3, 14, "expected \",\" or \"]\", found the end of the "
                                  "expression");
    expect_syntax("a b", 3, 11, "expected an operator or the end of the "
                                "expression, found \"b\"");
    expect_syntax("x | 3", 3, 13, "expected a filter name after \"|\", found "
                                  "\"3\"");
    expect_syntax("r.", 3, 11, "expected a column name after \".\", found the "
                               "end of the expression");
    expect_syntax("「音声", 3, 9, "unterminated string: expected a closing 」");
    expect_syntax("1 # 2", 3, 11, "unexpected character \"#\" in expression");
    /* columns are counted in characters, lines across newlines */
    expect_syntax("「音声」 +\n  ]", 4, 3, "expected a value (a number, "
                  "\"text\", a name or \"(\"), found \"]\"");
}

/* What an input method types in full-width mode is named, with its
 * half-width form; full-width letters stay part of a name. */
static void expect_wide(const char *src, int col, const char *msg,
                        const char *hint)
{
    diag_list *d = diag_list_new();
    cr_assert_null(parse(src, d), "%s must not parse", src);
    cr_assert_eq(diag_error_count(d), 1, "%s", src);
    const diag *g = diag_get(d, 0);
    cr_assert_eq(g->col, col, "%s: col %d", src, g->col);
    cr_assert_str_eq(g->message, msg, "%s: got %s", src, g->message);
    cr_assert_not_null(g->hint, "%s has no hint", src);
    cr_assert_str_eq(g->hint, hint, "%s: got hint %s", src, g->hint);
    diag_list_free(d);
}

Test(expr, full_width_named)
{
    expect_wide("x ｜ num", 11, "a full-width \"｜\" in an expression",
                "type it half-width (半角): \"|\"");
    expect_wide("year ＝ latest", 14, "a full-width \"＝\" in an expression",
                "type it half-width (半角): \"=\"");
    expect_wide("sum（t)", 12, "a full-width \"（\" in an expression",
                "type it half-width (半角): \"(\"");
    expect_wide("sum(t、\"count\")", 14,
                "a full-width \"、\" in an expression",
                "type it half-width (半角): \",\"");
    expect_wide("sum(t, “count”)", 16, "a full-width \"“\" in an expression",
                "type the quotes half-width (半角): \"count\", or write "
                "「count」");
    expect_wide("x ｝｝ y", 11, "a full-width \"｝\" in an expression",
                "the tag is closed full-width (｝｝): type }} half-width "
                "(半角)");
    expect_wide("x - ２０２４．５ + 1", 13,
                "a number typed full-width \"２０２４．５\" in an expression",
                "type the digits half-width (半角): 2024.5");
    /* full-width letters and digits after the first are a name */
    diag_list *d = diag_list_new();
    expr *e = parse("ＡＩ導入２ + 1", d);
    cr_assert_not_null(e);
    cr_assert_eq(diag_error_count(d), 0);
    expr_free(e);
    diag_list_free(d);
}

/* Evaluates src with no tables and returns the written text. */
static char *eval_text(const char *src)
{
    diag_list *d = diag_list_new();
    expr *e = parse(src, d);
    cr_assert_not_null(e, "%s", src);
    evalctx c;
    memset(&c, 0, sizeof c);
    c.a = arena_new();
    c.d = d;
    value v;
    cr_assert_eq(expr_eval(e, &c, &v), 0, "%s failed", src);
    buf b = BUF_INIT;
    cr_assert_eq(value_to_text(&c, &v, expr_loc(e), &b), 0);
    char *s = xstrdup(buf_cstr(&b));
    buf_free(&b);
    evalctx_done(&c);
    arena_free(c.a);
    expr_free(e);
    diag_list_free(d);
    return s;
}

static void expect_eval(const char *src, const char *want)
{
    char *got = eval_text(src);
    cr_assert_str_eq(got, want, "%s gave %s", src, got);
    free(got);
}

Test(expr, evaluation)
{
    expect_eval("1 + 2 * 3", "7");
    expect_eval("(1 + 2) * 3", "9");
    expect_eval("10 - 2 - 3", "5");
    expect_eval("-2 * -3", "6");
    expect_eval("7 / 2", "3.5");
    expect_eval("1 / 3", "0.333333");
    expect_eval("1234567", "1,234,567");
    expect_eval("\"音声\" + \"認識\"", "音声認識");
    expect_eval("1 < 2 and 2 < 1", "false");
    expect_eval("1 < 2 or 2 < 1", "true");
    expect_eval("not 0", "true");
    expect_eval("2 in [1, 2]", "true");
    expect_eval("\"a\" == \"a\"", "true");
    expect_eval("[1, 2, 3]", "1、2、3");
    expect_eval("max(3, 9, 4) - min(3, 9, 4)", "6");
    expect_eval("round(2.345, 2)", "2.35");
    expect_eval("abs(-4)", "4");
    expect_eval("share(1, 4) | pct", "25%");
    expect_eval("ratio(3, 4)", "0.75");
    expect_eval("diff(3, 5)", "-2");
    expect_eval("count([1, 2, 3])", "3");
    expect_eval("join([1, 2], \" / \")", "1 / 2");
    expect_eval("first([4, 5]) + last([4, 5])", "9");
    expect_eval("0.0001 | num", "0.0001");
    expect_eval("1788 | num(1)", "1,788.0");
}

Test(expr, division_by_zero_position)
{
    diag_list *d = diag_list_new();
    expr *e = parse("4 / (1 - 1)", d);
    evalctx c;
    memset(&c, 0, sizeof c);
    c.a = arena_new();
    c.d = d;
    value v;
    cr_assert_eq(expr_eval(e, &c, &v), -1);
    cr_assert_eq(v.kind, VAL_MISSING);
    cr_assert_eq(diag_error_count(d), 1);
    cr_assert_eq(diag_get(d, 0)->col, 11);
    cr_assert_str_eq(diag_get(d, 0)->message, "division by zero");
    /* the same error again is reported once */
    cr_assert_eq(expr_eval(e, &c, &v), -1);
    cr_assert_eq(diag_error_count(d), 1);
    evalctx_done(&c);
    arena_free(c.a);
    expr_free(e);
    diag_list_free(d);
}

Test(expr, provenance_propagates)
{
    fixture f;
    make(&f);
    tableset *ts = tableset_new();
    table *t = xcalloc(1, sizeof *t);
    /* the set owns its tables, so give it a heap copy of the columns */
    *t = f.t;
    t->name = xstrdup("adoption");
    t->path = xstrdup("data/adoption.csv");
    t->cols = xcalloc(3, sizeof(column));
    t->status = xmalloc(4 * sizeof(prov));
    memcpy(t->status, f.status, sizeof f.status);
    for (int c = 0; c < 3; c++) {
        t->cols[c].name = xstrdup(f.cols[c].name);
        t->cols[c].type = f.cols[c].type;
        t->cols[c].cells = xcalloc(4, sizeof(cell));
        for (int r = 0; r < 4; r++) {
            t->cols[c].cells[r] = f.cells[c][r];
            t->cols[c].cells[r].text = xstrdup(f.cells[c][r].text);
        }
    }
    tableset_add(ts, t);
    diag_list *d = diag_list_new();
    struct {
        const char *src;
        prov p;
    } cases[] = {
        {"sum(adoption)", PROV_PLACEHOLDER},
        {"sum(adoption where survey_year = previous)", PROV_FINAL},
        {"value(adoption where org_type = \"指定都市\" and survey_year = latest) + 1",
         PROV_PLACEHOLDER},
        {"share(adoption where value > 40, adoption) | pct", PROV_PLACEHOLDER},
        {"largest(adoption).value", PROV_FINAL},
        {"smallest(adoption).value", PROV_PLACEHOLDER},
        {"count(adoption where survey_year = latest)", PROV_PLACEHOLDER},
        {"3 * 4", PROV_FINAL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        expr *e = parse(cases[i].src, d);
        cr_assert_not_null(e, "%s", cases[i].src);
        evalctx c;
        memset(&c, 0, sizeof c);
        c.a = arena_new();
        c.d = d;
        c.ts = ts;
        value v;
        cr_assert_eq(expr_eval(e, &c, &v), 0, "%s", cases[i].src);
        cr_assert(value_is_figure(&v), "%s", cases[i].src);
        cr_assert_eq(v.p, cases[i].p, "%s: prov %d", cases[i].src, v.p);
        evalctx_done(&c);
        arena_free(c.a);
        expr_free(e);
    }
    cr_assert_eq(diag_error_count(d), 0);
    diag_list_free(d);
    tableset_free(ts);
}
