/* chart_fit: charts that cannot be drawn legibly and charts of zeros.
 * chart_fits answers for the box the layout gives a chart, and the number
 * of categories it says would fit is exact: that many fit, one more does
 * not (horizontal, vertical and 100% bars).  A chart, or a pie's panel,
 * whose values are all 0 is an error when it is built; a line of zeros is
 * a drawing. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "chart.h"
#include "csv.h"
#include "diag.h"
#include "font.h"
#include "table.h"

#define FONT_PATH "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"

/* A table "items" of n categories 項目1… (two series 甲, 乙), each value
 * v (or varied when v < 0), in a fresh tableset. */
static tableset *items(size_t n, int v, diag_list *dl)
{
    buf b = BUF_INIT;
    buf_puts(&b, "name,kind,count\n");
    for (size_t i = 0; i < n; i++)
        buf_printf(&b, "項目%zu,甲,%d\n項目%zu,乙,%d\n", i + 1,
                   v < 0 ? (int)(i * 37 % 100) + 1 : v, i + 1,
                   v < 0 ? (int)(i * 11 % 50) + 1 : v);
    sheet *sh = csv_parse("data/items.csv", b.data, b.len, CSV_ENC_UTF8, dl);
    cr_assert_not_null(sh);
    table *t = table_from_csv("items", sh, NULL, dl);
    cr_assert_not_null(t);
    sheet_free(sh);
    buf_free(&b);
    tableset *ts = tableset_new();
    tableset_add(ts, t);
    return ts;
}

static chart *build(const char *spec, tableset *ts, diag_list *dl)
{
    srcloc lines[8];
    for (int k = 0; k < 8; k++)
        lines[k] = (srcloc){"templates/01.md", 10 + k, 1};
    chart_spec *s = chart_spec_parse(spec, strlen(spec), lines, 8, dl);
    cr_assert_not_null(s, "%s", spec);
    chart *c = chart_build(s, ts, dl);
    chart_spec_free(s);
    return c;
}

/* Whether spec over n categories fits a w x h box; *most as chart_fits
 * sets it. */
static int fits(const char *spec, size_t n, const font *f, double w, double h,
                size_t *most)
{
    diag_list *dl = diag_list_new();
    tableset *ts = items(n, -1, dl);
    chart *c = build(spec, ts, dl);
    cr_assert_not_null(c);
    int ok = chart_fits(c, f, w, h, most);
    chart_free(c);
    tableset_free(ts);
    diag_list_free(dl);
    return ok;
}

Test(chart_fit, the_number_that_fits_is_exact)
{
    static const char *const specs[] = {
        "type: bar\ndata: items\nx: name\nvalue: count\n",
        "type: bar\ndirection: vertical\ndata: items\nx: name\nvalue: count\n",
        "type: stacked-bar-100\ndata: items\nx: name\nseries: kind\n"
        "value: count\n",
    };
    static const double box[][2] = {{770, 500}, {770, 250}, {380, 300}};
    diag_list *dl = diag_list_new();
    font *f = font_open(FONT_PATH, dl);
    cr_assert_not_null(f);
    for (size_t i = 0; i < sizeof specs / sizeof *specs; i++)
        for (size_t k = 0; k < sizeof box / sizeof *box; k++) {
            double w = box[k][0], h = box[k][1];
            size_t most;
            cr_expect_eq(fits(specs[i], 200, f, w, h, &most), 0,
                         "200 categories fit %gx%g:\n%s", w, h, specs[i]);
            cr_assert_gt(most, 2, "%s", specs[i]);
            cr_assert_lt(most, 200);
            size_t again;
            cr_expect_eq(fits(specs[i], most, f, w, h, &again), 1,
                         "%zu (the most) do not fit %gx%g:\n%s", most, w, h,
                         specs[i]);
            cr_expect_eq(fits(specs[i], most + 1, f, w, h, &again), 0,
                         "%zu fit %gx%g:\n%s", most + 1, w, h, specs[i]);
            cr_expect_eq(again, most, "%s", specs[i]);
        }
    font_free(f);
    diag_list_free(dl);
}

/* Every value 0: an error at value:, for every type but line. */
Test(chart_fit, charts_of_zeros_are_errors_at_their_value_key)
{
    static const struct {
        const char *spec;
        int ok;
    } cases[] = {
        {"type: bar\ndata: items\nx: name\nvalue: count\n", 0},
        {"type: stacked-bar-100\ndata: items\nx: name\nseries: kind\n"
         "value: count\n",
         0},
        {"type: pie\ndata: items\nseries: kind\nvalue: count\n", 0},
        {"type: donut\ndata: items\nseries: kind\nvalue: count\n", 0},
        {"type: line\ndata: items\nx: name\nseries: kind\nvalue: count\n", 1},
        {"type: bar\ndata: items\nx: name\n", 1}, /* counted rows */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        diag_list *dl = diag_list_new();
        tableset *ts = items(5, 0, dl);
        chart *c = build(cases[i].spec, ts, dl);
        cr_expect_eq(c != NULL, cases[i].ok, "%s", cases[i].spec);
        if (!cases[i].ok) {
            cr_assert_eq(diag_error_count(dl), 1);
            const diag *g = diag_get(dl, 0);
            cr_expect(strstr(g->message, "every value of the chart is 0"), "%s",
                      g->message);
            /* value: is the spec's last line */
            size_t lines = 0;
            for (const char *p = cases[i].spec; *p; p++)
                lines += *p == '\n';
            cr_expect_eq(g->line, 10 + (int)lines - 1, "%s", cases[i].spec);
        }
        chart_free(c);
        tableset_free(ts);
        diag_list_free(dl);
    }
}

/* One pie of a faceted pie chart all zeros: named; bars of one facet of
 * zeros are only an empty panel of a chart that shows the others. */
Test(chart_fit, a_pie_panel_of_zeros_is_named)
{
    diag_list *dl = diag_list_new();
    const char *text = "org,kind,count\nA,甲,0\nA,乙,0\nB,甲,3\nB,乙,4\n";
    sheet *sh =
        csv_parse("data/items.csv", text, strlen(text), CSV_ENC_UTF8, dl);
    table *t = table_from_csv("items", sh, NULL, dl);
    sheet_free(sh);
    tableset *ts = tableset_new();
    tableset_add(ts, t);
    chart *c = build("type: pie\ndata: items\nseries: kind\nfacet: org\n"
                     "value: count\n",
                     ts, dl);
    cr_expect_null(c);
    cr_assert_eq(diag_error_count(dl), 1);
    cr_expect(
        strstr(diag_get(dl, 0)->message, "every value of the panel \"A\" is 0"),
        "%s", diag_get(dl, 0)->message);
    c = build("type: bar\ndata: items\nx: kind\nfacet: org\nvalue: count\n", ts,
              dl);
    cr_expect_not_null(c);
    chart_free(c);
    tableset_free(ts);
    diag_list_free(dl);
}
