/* Tests for chart: spec parsing and its errors, data building, alt text,
 * data grid, provenance, the palette's colour checks, drawing properties
 * (through a recording canvas) and golden traces.
 *
 * Golden files: tests/golden/chart/NAME.trace.  To regenerate them after an
 * intended change of the drawing, run the tests with
 * SHIRYO_UPDATE_GOLDEN=1 (the test then writes the file and still fails,
 * so that an update is never silent), and review the diff. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "canvas.h"
#include "canvas_trace.h"
#include "chart.h"
#include "csv.h"
#include "diag.h"
#include "font.h"
#include "palette.h"
#include "table.h"
#include "xalloc.h"

#define FONT_PATH "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"
#define GOLDEN_DIR "tests/golden/chart/"

/* ------------------------------------------------------------------ */
/* Fixture: an AI adoption table in the ministry's long format.  The
 * numbers are test values shaped like the survey (47 prefectures, 20
 * designated cities, 1,721 other municipalities), not published figures. */

static const char *schema_csv =
    "column,type,values,description\n"
    "survey_year,year,,調査年度\n"
    "org_type,category,都道府県|指定都市|その他の市区町村,団体区分\n"
    "category,category,導入済み|実証中|導入予定|導入検討中|検討したが至らず|未検討,導入状況\n"
    "count,integer,,団体数\n"
    "status,text,,確報/速報/仮\n";

static const char *data_csv =
    "survey_year,org_type,category,count,status\n"
    "H30,都道府県,導入済み,17,確報\n"
    "H30,都道府県,実証中,0,確報\n"
    "H30,都道府県,導入予定,10,確報\n"
    "H30,都道府県,導入検討中,12,確報\n"
    "H30,都道府県,検討したが至らず,0,確報\n"
    "H30,都道府県,未検討,8,確報\n"
    "H30,指定都市,導入済み,12,確報\n"
    "H30,指定都市,実証中,0,確報\n"
    "H30,指定都市,導入予定,4,確報\n"
    "H30,指定都市,導入検討中,4,確報\n"
    "H30,指定都市,検討したが至らず,0,確報\n"
    "H30,指定都市,未検討,0,確報\n"
    "H30,その他の市区町村,導入済み,69,確報\n"
    "H30,その他の市区町村,実証中,0,確報\n"
    "H30,その他の市区町村,導入予定,120,確報\n"
    "H30,その他の市区町村,導入検討中,330,確報\n"
    "H30,その他の市区町村,検討したが至らず,0,確報\n"
    "H30,その他の市区町村,未検討,1202,確報\n"
    "R5,都道府県,導入済み,47,確報\n"
    "R5,指定都市,導入済み,20,確報\n"
    "R5,その他の市区町村,導入済み,894,確報\n"
    "R5,その他の市区町村,実証中,95,確報\n"
    "R5,その他の市区町村,導入予定,120,確報\n"
    "R5,その他の市区町村,導入検討中,130,確報\n"
    "R5,その他の市区町村,検討したが至らず,60,確報\n"
    "R5,その他の市区町村,未検討,422,確報\n"
    "R6,都道府県,導入済み,47,速報\n"
    "R6,指定都市,導入済み,20,速報\n"
    "R6,その他の市区町村,導入済み,998,速報\n"
    "R6,その他の市区町村,実証中,86,速報\n"
    "R6,その他の市区町村,導入予定,103,速報\n"
    "R6,その他の市区町村,導入検討中,120,速報\n"
    "R6,その他の市区町村,検討したが至らず,52,速報\n"
    "R6,その他の市区町村,未検討,362,速報\n";

static diag_list *dl;
static tableset *ts;
static font *fnt;

static void setup(void)
{
    dl = diag_list_new();
    sheet *data = csv_parse("data/ai_adoption.csv", data_csv, strlen(data_csv),
                          CSV_ENC_UTF8, dl);
    sheet *schema = csv_parse("data/ai_adoption.schema.csv", schema_csv,
                            strlen(schema_csv), CSV_ENC_UTF8, dl);
    cr_assert_not_null(data);
    cr_assert_not_null(schema);
    table *t = table_from_csv("ai_adoption", data, schema, dl);
    sheet_free(data);
    sheet_free(schema);
    cr_assert_not_null(t, "fixture table did not build");
    ts = tableset_new();
    tableset_add(ts, t);
    fnt = font_open(FONT_PATH, dl);
    cr_assert_not_null(fnt);
    cr_assert_eq(diag_error_count(dl), 0);
}

static void teardown(void)
{
    tableset_free(ts);
    font_free(fnt);
    diag_list_free(dl);
}

/* Parses a spec whose lines start at template line 20, column 1. */
static chart_spec *parse_at(const char *text, int first_line, int col)
{
    srcloc lines[64];
    size_t n = 0;
    for (const char *p = text; n < 64; n++) {
        lines[n].file = "templates/03-ai.md";
        lines[n].line = first_line + (int)n;
        lines[n].col = col;
        p = strchr(p, '\n');
        if (!p)
            break;
        p++;
    }
    return chart_spec_parse(text, strlen(text), lines, n + 1, dl);
}

static chart_spec *parse(const char *text) { return parse_at(text, 20, 1); }

static const char *full_spec =
    "# AI adoption by org type\n"
    "type: stacked-bar-100\n"
    "data: ai_adoption\n"
    "x: survey_year\n"
    "series: category\n"
    "facet: org_type\n"
    "value: count\n"
    "title: AI導入状況\n"
    "unit: 団体\n";

static chart *build(const char *spec)
{
    chart_spec *s = parse(spec);
    cr_assert_not_null(s, "spec did not parse");
    chart *c = chart_build(s, ts, dl);
    chart_spec_free(s);
    return c;
}

static const diag *first_error(void)
{
    for (size_t i = 0; i < diag_count(dl); i++)
        if (diag_get(dl, i)->severity == DIAG_ERROR)
            return diag_get(dl, i);
    cr_assert_fail("expected an error");
    return NULL;
}

static void assert_error_at(int line, int col, const char *msg_part,
                            const char *hint_part)
{
    const diag *g = first_error();
    cr_assert_str_eq(g->file, "templates/03-ai.md");
    cr_assert_eq(g->line, line, "line %d, expected %d (%s)", g->line, line,
                 g->message);
    cr_assert_eq(g->col, col, "col %d, expected %d (%s)", g->col, col,
                 g->message);
    cr_assert(strstr(g->message, msg_part), "message \"%s\" lacks \"%s\"",
              g->message, msg_part);
    if (hint_part) {
        cr_assert_not_null(g->hint, "no hint for \"%s\"", g->message);
        cr_assert(strstr(g->hint, hint_part), "hint \"%s\" lacks \"%s\"",
                  g->hint, hint_part);
    }
}

/* ------------------------------------------------------------------ */
/* Spec parsing */

Test(chart, spec_parses_full_example, .init = setup, .fini = teardown)
{
    chart_spec *s = parse(full_spec);
    cr_assert_not_null(s);
    cr_assert_eq(diag_error_count(dl), 0);
    chart_spec_free(s);
}

Test(chart, spec_unknown_key_suggests, .init = setup, .fini = teardown)
{
    chart_spec *s = parse("type: stacked-bar-100\n"
                          "data: ai_adoption\n"
                          "  tittle: x\n"
                          "x: survey_year\n"
                          "series: category\n");
    cr_assert_null(s);
    assert_error_at(22, 3, "unknown chart key \"tittle\"",
                    "did you mean \"title\"?");
}

Test(chart, spec_columns_follow_indent, .init = setup, .fini = teardown)
{
    /* The block is indented by 4 in the template: columns are counted
     * from the line's position, in characters. */
    chart_spec *s = parse_at("title: 導入状況\n"
                             "type: stacked-bar-100\n"
                             "data: ai_adoption\n"
                             "x: survey_year\n"
                             "series: category\n"
                             "colours: #1b3a63, #12345g\n",
                             7, 5);
    cr_assert_null(s);
    assert_error_at(12, 5 + 18, "#12345g", "commas");
}

Test(chart, spec_bad_labels_value, .init = setup, .fini = teardown)
{
    chart_spec *s = parse("type: stacked-bar-100\n"
                          "data: ai_adoption\n"
                          "x: survey_year\n"
                          "series: category\n"
                          "labels: maybe\n");
    cr_assert_null(s);
    assert_error_at(24, 9,
                    "expected \"on\", \"off\", \"value\", \"percent\" or "
                    "\"both\", got \"maybe\"",
                    NULL);
}

Test(chart, spec_bad_type_suggests, .init = setup, .fini = teardown)
{
    chart_spec *s = parse("type: stacked-bar100\n"
                          "data: ai_adoption\n"
                          "x: survey_year\n"
                          "series: category\n");
    cr_assert_null(s);
    assert_error_at(20, 7, "unknown chart type", "stacked-bar-100");
}

Test(chart, spec_missing_required_key, .init = setup, .fini = teardown)
{
    chart_spec *s = parse("type: stacked-bar-100\n"
                          "data: ai_adoption\n"
                          "series: category\n");
    cr_assert_null(s);
    assert_error_at(20, 1, "missing required key \"x\"", "x:");
}

Test(chart, spec_duplicate_and_no_colon, .init = setup, .fini = teardown)
{
    chart_spec *s = parse("type: stacked-bar-100\n"
                          "type: stacked-bar-100\n"
                          "data: ai_adoption\n"
                          "x: survey_year\n"
                          "series: category\n");
    cr_assert_null(s);
    assert_error_at(21, 1, "given twice", "line 20");
    diag_list_free(dl);
    dl = diag_list_new();
    s = parse("type: stacked-bar-100\n"
              "data: ai_adoption\n"
              "x survey_year\n"
              "series: category\n");
    cr_assert_null(s);
    assert_error_at(22, 1, "expected \"key: value\"", NULL);
}

Test(chart, spec_comments_and_blank_lines, .init = setup, .fini = teardown)
{
    chart_spec *s = parse("\n# comment: with colon\n\ntype: stacked-bar-100\n"
                          "data: ai_adoption\n  # indented comment\n"
                          "x: survey_year\nseries: category\n");
    cr_assert_not_null(s);
    cr_assert_eq(diag_count(dl), 0);
    chart_spec_free(s);
}

/* ------------------------------------------------------------------ */
/* Building */

Test(chart, build_unknown_table, .init = setup, .fini = teardown)
{
    chart *c = build("type: stacked-bar-100\n"
                     "data: ai_adoptoin\n"
                     "x: survey_year\n"
                     "series: category\n");
    cr_assert_null(c);
    const diag *g = first_error();
    cr_assert_eq(g->line, 21);
    cr_assert_eq(g->col, 7);
}

Test(chart, build_unknown_column_suggests, .init = setup, .fini = teardown)
{
    chart *c = build("type: stacked-bar-100\n"
                     "data: ai_adoption\n"
                     "x: survey_year\n"
                     "series:   categroy\n");
    cr_assert_null(c);
    assert_error_at(23, 11, "unknown column \"categroy\" in table",
                    "did you mean \"category\"?");
}

Test(chart, build_value_must_be_numeric, .init = setup, .fini = teardown)
{
    chart *c = build("type: stacked-bar-100\n"
                     "data: ai_adoption\n"
                     "x: survey_year\n"
                     "series: category\n"
                     "value: status\n");
    cr_assert_null(c);
    assert_error_at(24, 8, "number column", "integer or decimal");
}

Test(chart, build_filter_keeps_rows, .init = setup, .fini = teardown)
{
    chart *c = build("type: stacked-bar-100\n"
                     "data: ai_adoption\n"
                     "filter: survey_year >= 2023\n"
                     "x: survey_year\n"
                     "series: category\n"
                     "facet: org_type\n"
                     "value: count\n");
    cr_assert_not_null(c);
    cr_assert_eq(chart_bar_count(c), 2);
    cr_assert_eq(chart_facet_count(c), 3);
    chart_free(c);
}

Test(chart, build_filter_empty_is_error, .init = setup, .fini = teardown)
{
    chart *c = build("type: stacked-bar-100\n"
                     "data: ai_adoption\n"
                     "filter: survey_year > 2030\n"
                     "x: survey_year\n"
                     "series: category\n");
    cr_assert_null(c);
    assert_error_at(22, 9, "no data left", NULL);
}

Test(chart, build_top_merges_other, .init = setup, .fini = teardown)
{
    chart *c = build("type: stacked-bar-100\n"
                     "data: ai_adoption\n"
                     "x: survey_year\n"
                     "series: category\n"
                     "value: count\n"
                     "top: 2\n"
                     "other: そのほか\n");
    cr_assert_not_null(c);
    cr_assert_eq(chart_series_count(c), 3);
    const grid *g = chart_grid(c);
    cr_assert_eq(g->ncols, 4);
    /* The two largest in total are 導入済み and 未検討, kept in category
     * order; everything else is summed into そのほか. */
    cr_assert_str_eq(g->cells[1], "導入済み");
    cr_assert_str_eq(g->cells[2], "未検討");
    cr_assert_str_eq(g->cells[3], "そのほか");
    /* H30 over all org types: 実証中 0 + 導入予定 134 + 導入検討中 346 +
     * 検討したが至らず 0. */
    cr_assert_str_eq(g->cells[4 + 0], "平成30年度");
    cr_assert_str_eq(g->cells[4 + 1], "98");
    cr_assert_str_eq(g->cells[4 + 2], "1,210");
    cr_assert_str_eq(g->cells[4 + 3], "480");
    chart_free(c);
}

/* ------------------------------------------------------------------ */
/* Alt text, grid, provenance, aspect */

Test(chart, alt_text_from_data, .init = setup, .fini = teardown)
{
    chart *c = build(full_spec);
    cr_assert_not_null(c);
    cr_assert_str_eq(chart_alt(c),
                     "AI導入状況の100%積み上げ横棒グラフ。"
                     "都道府県・指定都市・その他の市区町村ごとに"
                     "平成30年度から令和6年度（速報）を比較。"
                     "令和6年度（速報）の導入済みは都道府県100%、指定都市100%、"
                     "その他の市区町村58%。");
    cr_assert_str_eq(chart_title(c), "AI導入状況");
    chart_free(c);
}

Test(chart, alt_text_different_largest, .init = setup, .fini = teardown)
{
    /* Without R5/R6 the latest bar is H30, whose largest segment differs
     * between org types. */
    chart *c = build("type: stacked-bar-100\n"
                     "data: ai_adoption\n"
                     "filter: survey_year < 2020\n"
                     "x: survey_year\n"
                     "series: category\n"
                     "facet: org_type\n"
                     "value: count\n");
    cr_assert_not_null(c);
    cr_assert_str_eq(chart_alt(c),
                     "100%積み上げ横棒グラフ。"
                     "都道府県・指定都市・その他の市区町村ごとに"
                     "平成30年度の内訳。"
                     "平成30年度に最も大きい区分は、都道府県では導入済み"
                     "（36%）、指定都市では導入済み（60%）、"
                     "その他の市区町村では未検討（70%）。");
    chart_free(c);
}

Test(chart, alt_override, .init = setup, .fini = teardown)
{
    buf b = BUF_INIT;
    buf_puts(&b, full_spec);
    buf_puts(&b, "alt: 導入状況の図\n");
    chart *c = build(buf_cstr(&b));
    buf_free(&b);
    cr_assert_not_null(c);
    cr_assert_str_eq(chart_alt(c), "導入状況の図");
    chart_free(c);
}

Test(chart, grid_content, .init = setup, .fini = teardown)
{
    chart *c = build(full_spec);
    cr_assert_not_null(c);
    const grid *g = chart_grid(c);
    cr_assert_eq(g->ncols, 8);
    cr_assert_eq(g->nrows, 1 + 3 * 3);
    /* the headers are the schema's descriptions */
    cr_assert_str_eq(g->cells[0], "団体区分");
    cr_assert_str_eq(g->cells[1], "調査年度");
    cr_assert_str_eq(g->cells[2], "導入済み（団体）");
    cr_assert_str_eq(g->cells[7], "未検討（団体）");
    /* Row 9: その他の市区町村, 令和6年度, preliminary in the fixture. */
    char **r9 = g->cells + 9 * g->ncols;
    cr_assert_str_eq(r9[0], "その他の市区町村");
    cr_assert_str_eq(r9[1], "令和6年度（速報）");
    cr_assert_str_eq(r9[2], "998");
    /* a number cell carries its value for the downloads; labels do not */
    cr_assert_eq(g->numeric[9 * g->ncols + 2], 1);
    cr_assert_eq(g->values[9 * g->ncols + 2], 998);
    cr_assert_eq(g->numeric[9 * g->ncols + 1], 0);
    cr_assert_eq(g->numeric[2], 0, "the header is text");
    cr_assert_str_eq(r9[7], "362");
    /* Row 2: 都道府県 R5 has only 導入済み: the rest are missing, not 0. */
    char **r2 = g->cells + 2 * g->ncols;
    cr_assert_str_eq(r2[0], "都道府県");
    cr_assert_str_eq(r2[1], "令和5年度");
    cr_assert_str_eq(r2[2], "47");
    cr_assert_str_eq(r2[3], "");
    chart_free(c);
}

Test(chart, provenance_is_weakest, .init = setup, .fini = teardown)
{
    chart *c = build(full_spec);
    cr_assert_not_null(c);
    cr_assert_eq(chart_prov(c), PROV_PRELIMINARY);
    chart_free(c);
    c = build("type: stacked-bar-100\n"
              "data: ai_adoption\n"
              "filter: survey_year <= 2023\n"
              "x: survey_year\n"
              "series: category\n"
              "value: count\n");
    cr_assert_not_null(c);
    cr_assert_eq(chart_prov(c), PROV_FINAL);
    chart_free(c);
}

Test(chart, aspect, .init = setup, .fini = teardown)
{
    chart *c = build(full_spec);
    cr_assert_not_null(c);
    double a = chart_aspect(c);
    cr_assert(a > 0.1 && a < 0.6, "aspect %g", a);
    chart_free(c);
    buf b = BUF_INIT;
    buf_puts(&b, full_spec);
    buf_puts(&b, "size: 16:5\n");
    c = build(buf_cstr(&b));
    buf_free(&b);
    cr_assert_not_null(c);
    cr_assert_float_eq(chart_aspect(c), 5.0 / 16.0, 1e-12);
    chart_free(c);
}

/* ------------------------------------------------------------------ */
/* Palette: lightness, colour-vision deficiency, contrast */

static double lin(double c)
{
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

/* CIE L*a*b* (D65) from linear RGB. */
static void lab_of_linear(const double l[3], double out[3])
{
    double X = 0.4124 * l[0] + 0.3576 * l[1] + 0.1805 * l[2];
    double Y = 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
    double Z = 0.0193 * l[0] + 0.1192 * l[1] + 0.9505 * l[2];
    double v[3] = {X / 0.95047, Y, Z / 1.08883}, f[3];
    for (int i = 0; i < 3; i++)
        f[i] = v[i] > 216.0 / 24389.0 ? cbrt(v[i])
                                       : (24389.0 / 27.0 * v[i] + 16) / 116;
    out[0] = 116 * f[1] - 16;
    out[1] = 500 * (f[0] - f[1]);
    out[2] = 200 * (f[1] - f[2]);
}

/* Machado, Oliveira and Fernandes (2009), severity 1.0, applied to linear
 * RGB. */
static const double protanopia[3][3] = {{0.152286, 1.052583, -0.204868},
                                        {0.114503, 0.786281, 0.099216},
                                        {-0.003882, -0.048116, 1.051998}};
static const double deuteranopia[3][3] = {{0.367322, 0.860646, -0.227968},
                                          {0.280085, 0.672501, 0.047413},
                                          {-0.011820, 0.042940, 0.968881}};
static const double tritanopia[3][3] = {{1.255528, -0.076749, -0.178779},
                                        {-0.078411, 0.930809, 0.147602},
                                        {0.004733, 0.691367, 0.303900}};

static void simulate(rgb c, const double (*m)[3], double out_lab[3])
{
    double l[3] = {lin(c.r), lin(c.g), lin(c.b)}, s[3];
    for (int i = 0; i < 3; i++) {
        s[i] = m ? m[i][0] * l[0] + m[i][1] * l[1] + m[i][2] * l[2] : l[i];
        if (s[i] < 0)
            s[i] = 0;
        if (s[i] > 1)
            s[i] = 1;
    }
    lab_of_linear(s, out_lab);
}

/* Every colour of the palette: any of them may be used together (eight
 * series, or the eight survey years H30 to R7). */
#define NCHECK chart_palette_size()

Test(chart, palette_lightness_distinct)
{
    cr_assert_geq(chart_palette_size(), 8);
    for (size_t i = 0; i < NCHECK; i++)
        for (size_t j = i + 1; j < NCHECK; j++) {
            double li = chart_lightness(chart_palette_colour(i));
            double lj = chart_lightness(chart_palette_colour(j));
            cr_assert_geq(fabs(li - lj), CHART_MIN_DELTA_L,
                          "colours %zu and %zu: L* %.1f vs %.1f", i, j, li, lj);
        }
    /* The first series is the darkest colour and a blue. */
    rgb first = chart_palette_colour(0);
    for (size_t i = 1; i < chart_palette_size(); i++)
        cr_assert_lt(chart_lightness(first),
                     chart_lightness(chart_palette_colour(i)));
    cr_assert_gt(first.b, first.r + 0.2);
}

Test(chart, palette_survives_colour_blindness)
{
    const double (*sims[])[3] = {NULL, protanopia, deuteranopia, tritanopia};
    const char *names[] = {"normal", "protanopia", "deuteranopia",
                           "tritanopia"};
    for (size_t k = 0; k < 4; k++)
        for (size_t i = 0; i < NCHECK; i++)
            for (size_t j = i + 1; j < NCHECK; j++) {
                double a[3], b[3];
                simulate(chart_palette_colour(i), sims[k], a);
                simulate(chart_palette_colour(j), sims[k], b);
                double de = sqrt((a[0] - b[0]) * (a[0] - b[0]) +
                                 (a[1] - b[1]) * (a[1] - b[1]) +
                                 (a[2] - b[2]) * (a[2] - b[2]));
                cr_assert_geq(de, 15.0, "%s: colours %zu and %zu ΔE %.1f",
                              names[k], i, j, de);
            }
}

Test(chart, label_colour_contrast)
{
    rgb white = {1, 1, 1}, black = {0, 0, 0};
    cr_assert_float_eq(chart_contrast(white, black), 21.0, 1e-9);
    cr_assert_float_eq(chart_contrast(white, white), 1.0, 1e-9);
    for (size_t i = 0; i < chart_palette_size(); i++) {
        rgb bg = chart_palette_colour(i);
        rgb fg = chart_text_colour_on(bg);
        cr_assert_geq(chart_contrast(fg, bg), 4.5, "palette %zu: %.2f", i,
                      chart_contrast(fg, bg));
    }
    /* Dark blue takes white text, light grey dark text. */
    cr_assert_eq(chart_text_colour_on(chart_palette_colour(0)).r, 1.0);
    cr_assert_lt(chart_text_colour_on(chart_palette_colour(5)).r, 0.5);
}

/* ------------------------------------------------------------------ */
/* Drawing properties, through a canvas that records what is drawn */

typedef struct box {
    double x, y, w, h;
    rgb colour;
} box;

typedef struct rec {
    canvas base;
    rgb fill;
    box pending[8];
    int npending;
    box rects[512];
    int nrects;
    box texts[512];
    char *strs[512];
    int ntexts;
    double minx, miny, maxx, maxy; /* extent of every point drawn */
    int npoints;
} rec;

static void grow(rec *r, double x, double y)
{
    if (!r->npoints++) {
        r->minx = r->maxx = x;
        r->miny = r->maxy = y;
    }
    r->minx = fmin(r->minx, x);
    r->maxx = fmax(r->maxx, x);
    r->miny = fmin(r->miny, y);
    r->maxy = fmax(r->maxy, y);
}

static int clipping;

static void r_set_fill(canvas *c, rgb col, double op)
{
    (void)op;
    ((rec *)c)->fill = col;
}
static void r_rect(canvas *c, double x, double y, double w, double h)
{
    rec *r = (rec *)c;
    if (!clipping) {
        grow(r, x, y);
        grow(r, x + w, y + h);
    }
    if (r->npending < 8)
        r->pending[r->npending++] = (box){x, y, w, h, {0, 0, 0}};
}
static void r_point(canvas *c, double x, double y) { grow((rec *)c, x, y); }
static void r_fill(canvas *c)
{
    rec *r = (rec *)c;
    for (int i = 0; i < r->npending && r->nrects < 512; i++) {
        r->pending[i].colour = r->fill;
        r->rects[r->nrects++] = r->pending[i];
    }
    r->npending = 0;
}
static void r_end_path(canvas *c) { ((rec *)c)->npending = 0; }
static void r_clip(canvas *c)
{
    ((rec *)c)->npending = 0;
    clipping = 0;
}
static void r_text(canvas *c, double x, double y, double size, text_style st,
                   const char *s, size_t len)
{
    (void)st;
    rec *r = (rec *)c;
    double w = font_text_width(c->font, s, len, size);
    double top = y - font_ascent(c->font) * size;
    double bottom = y + font_descent(c->font) * size;
    grow(r, x, top);
    grow(r, x + w, bottom);
    if (r->ntexts < 512) {
        r->texts[r->ntexts] = (box){x, top, w, bottom - top, r->fill};
        r->strs[r->ntexts++] = xstrndup(s, len);
    }
}
static void r_destroy(canvas *c)
{
    rec *r = (rec *)c;
    for (int i = 0; i < r->ntexts; i++)
        free(r->strs[i]);
    free(r);
}

static const canvas_ops rec_ops = {
    .name = "record-test",
    .set_fill = r_set_fill,
    .rect = r_rect,
    .move_to = r_point,
    .line_to = r_point,
    .fill = r_fill,
    .stroke = r_end_path,
    .clip = r_clip,
    .text = r_text,
    .destroy = r_destroy,
};

static rec *draw_recorded(const chart *c, double x, double y, double w,
                          double h)
{
    rec *r = xcalloc(1, sizeof *r);
    r->base.ops = &rec_ops;
    r->base.font = fnt;
    /* The first rect is the clip path: it is the box itself, not a mark. */
    clipping = 1;
    chart_draw(c, &r->base, x, y, w, h);
    return r;
}

static int same_colour(rgb a, rgb b)
{
    return fabs(a.r - b.r) < 1e-9 && fabs(a.g - b.g) < 1e-9 &&
           fabs(a.b - b.b) < 1e-9;
}

static int is_series_colour(const chart *c, rgb col, size_t *which)
{
    for (size_t s = 0; s < chart_series_count(c); s++)
        if (same_colour(col, chart_series_colour(c, s))) {
            *which = s;
            return 1;
        }
    return 0;
}

static void check_properties(const chart *c, double bx, double by, double bw,
                             double bh)
{
    rec *r = draw_recorded(c, bx, by, bw, bh);
    const double eps = 1e-6;
    cr_assert_gt(r->npoints, 0);
    cr_assert_geq(r->minx, bx - eps, "drawn left of the box: %g", r->minx);
    cr_assert_geq(r->miny, by - eps, "drawn above the box: %g", r->miny);
    cr_assert_leq(r->maxx, bx + bw + eps, "drawn right of the box: %g > %g",
                  r->maxx, bx + bw);
    cr_assert_leq(r->maxy, by + bh + eps, "drawn below the box: %g > %g",
                  r->maxy, by + bh);

    /* Segments: group filled rects in series colours by their y (one bar
     * each); a bar's segments are contiguous and together span exactly the
     * plot width, which is the same for every bar of a panel. */
    int used[512] = {0};
    int nbars = 0;
    double span = -1;
    for (int i = 0; i < r->nrects; i++) {
        size_t s;
        /* Legend swatches are squares; bar segments share a y with others
         * or span the whole width. Identify bars by height != width. */
        if (used[i] || !is_series_colour(c, r->rects[i].colour, &s))
            continue;
        if (fabs(r->rects[i].w - r->rects[i].h) < 1e-9)
            continue;
        double y = r->rects[i].y, left = r->rects[i].x,
               right = r->rects[i].x + r->rects[i].w, sum = 0;
        double panel_x = r->rects[i].x;
        for (int j = i; j < r->nrects; j++) {
            if (used[j] || fabs(r->rects[j].y - y) > 1e-9 ||
                !is_series_colour(c, r->rects[j].colour, &s))
                continue;
            if (fabs(r->rects[j].x - right) > 1e-9 && j != i)
                continue; /* another panel's bar at the same height */
            used[j] = 1;
            sum += r->rects[j].w;
            right = r->rects[j].x + r->rects[j].w;
        }
        (void)panel_x;
        cr_assert_float_eq(sum, right - left, 1e-6);
        if (span < 0)
            span = sum;
        cr_assert_float_eq(sum, span, 1e-6, "bar widths differ: %g vs %g",
                           sum, span);
        nbars++;
    }
    cr_assert_eq((size_t)nbars, chart_bar_count(c) * chart_facet_count(c),
                 "found %d bars", nbars);

    /* Labels: no two text boxes intersect; a percent label lies inside the
     * segment it is printed on and contrasts with it (>= 4.5:1). */
    for (int i = 0; i < r->ntexts; i++) {
        box a = r->texts[i];
        for (int j = i + 1; j < r->ntexts; j++) {
            box b = r->texts[j];
            int overlap = a.x < b.x + b.w - eps && b.x < a.x + a.w - eps &&
                          a.y < b.y + b.h - eps && b.y < a.y + a.h - eps;
            cr_assert(!overlap, "labels \"%s\" and \"%s\" overlap", r->strs[i],
                      r->strs[j]);
        }
        size_t n = strlen(r->strs[i]);
        int is_value = n > 1 && r->strs[i][n - 1] == '%';
        int inside = 0;
        for (int k = 0; k < r->nrects && is_value; k++) {
            box s = r->rects[k];
            size_t which;
            if (!is_series_colour(c, s.colour, &which))
                continue;
            if (a.x >= s.x - eps && a.x + a.w <= s.x + s.w + eps &&
                a.y >= s.y - eps && a.y + a.h <= s.y + s.h + eps) {
                inside = 1;
                cr_assert_geq(chart_contrast(a.colour, s.colour), 4.5,
                              "label %s contrast %.2f", r->strs[i],
                              chart_contrast(a.colour, s.colour));
            }
        }
        /* A percentage outside every segment must be a tick label. */
        if (is_value && !inside) {
            static const char *const ticks[] = {"0%", "20%", "40%",
                                                "60%", "80%", "100%"};
            int tick = 0;
            for (int t = 0; t < 6; t++)
                tick |= !strcmp(r->strs[i], ticks[t]);
            cr_assert(tick, "label %s outside its segment", r->strs[i]);
        }
    }
    canvas_destroy(&r->base);
}

Test(chart, draw_properties_slide_width, .init = setup, .fini = teardown)
{
    chart *c = build(full_spec);
    cr_assert_not_null(c);
    check_properties(c, 36, 120, 720, 720 * chart_aspect(c));
    check_properties(c, 0, 0, 720, 200);
    check_properties(c, 10, 10, 300, 420); /* narrow: panels stack */
    check_properties(c, 5, 5, 480, 130);   /* short: fonts shrink */
    chart_free(c);
}

/* The largest text size drawn (text boxes are size x (ascent + descent)
 * high). */
static double largest_text(const rec *r)
{
    double m = 0, em = font_ascent(fnt) + font_descent(fnt);
    for (int i = 0; i < r->ntexts; i++)
        m = fmax(m, r->texts[i].h / em);
    return m;
}

Test(chart, legible_height_keeps_the_text_size, .init = setup,
     .fini = teardown)
{
    chart *c = build(full_spec);
    cr_assert_not_null(c);
    for (double w = 300; w <= 720; w += 140) {
        double h = chart_legible_height(c, fnt, w, 7);
        cr_assert_gt(h, 0);
        rec *r = draw_recorded(c, 0, 0, w, h);
        cr_expect_geq(largest_text(r), 7 - 1e-9, "width %g, height %g: %g pt",
                      w, h, largest_text(r));
        canvas_destroy(&r->base);
        /* a lower box makes the text smaller */
        r = draw_recorded(c, 0, 0, w, h * 0.8);
        cr_expect_lt(largest_text(r), 7, "width %g, height %g", w, h * 0.8);
        canvas_destroy(&r->base);
        /* a higher floor asks for no less height */
        cr_expect_geq(chart_legible_height(c, fnt, w, 8.5), h - 1e-9);
    }
    chart_free(c);
}

Test(chart, draw_labels_shown_and_dropped, .init = setup, .fini = teardown)
{
    chart *c = build(full_spec);
    cr_assert_not_null(c);
    rec *r = draw_recorded(c, 0, 0, 720, 720 * chart_aspect(c));
    int has58 = 0, has5 = 0, nticks = 0;
    for (int i = 0; i < r->ntexts; i++) {
        has58 |= !strcmp(r->strs[i], "58%");
        has5 |= !strcmp(r->strs[i], "5%"); /* 実証中 R6: 86/1721 */
        nticks += !strcmp(r->strs[i], "20%");
    }
    cr_assert(has58, "58%% not printed");
    cr_assert(!has5, "5%% printed in a segment too narrow for it");
    cr_assert_geq(nticks, 3, "each panel has a 20%% tick label");
    canvas_destroy(&r->base);
    chart_free(c);
}

Test(chart, draw_labels_off, .init = setup, .fini = teardown)
{
    buf b = BUF_INIT;
    buf_puts(&b, full_spec);
    buf_puts(&b, "labels: off\nlegend: off\n");
    chart *c = build(buf_cstr(&b));
    buf_free(&b);
    cr_assert_not_null(c);
    rec *r = draw_recorded(c, 0, 0, 720, 200);
    for (int i = 0; i < r->ntexts; i++)
        cr_assert(strcmp(r->strs[i], "58%") && strcmp(r->strs[i], "導入予定"),
                  "unexpected text %s", r->strs[i]);
    canvas_destroy(&r->base);
    chart_free(c);
}

/* ------------------------------------------------------------------ */
/* Golden traces */

static void golden(const char *name, const char *spec, double w, double h)
{
    chart *c = build(spec);
    cr_assert_not_null(c);
    buf out = BUF_INIT;
    canvas *cv = canvas_trace_new(fnt, &out);
    chart_draw(c, cv, 20, 30, w, h);
    cr_assert(!cv->failed);
    canvas_destroy(cv);
    chart_free(c);

    char path[256];
    snprintf(path, sizeof path, GOLDEN_DIR "%s.trace", name);
    const char *upd = getenv("SHIRYO_UPDATE_GOLDEN");
    if (upd && *upd) {
        FILE *f = fopen(path, "wb");
        cr_assert_not_null(f, "cannot write %s", path);
        fwrite(out.data, 1, out.len, f);
        fclose(f);
        buf_free(&out);
        cr_assert_fail("%s rewritten; review the diff and run again", path);
    }
    FILE *f = fopen(path, "rb");
    if (!f)
        buf_free(&out);
    cr_assert_not_null(f, "missing %s (run with SHIRYO_UPDATE_GOLDEN=1)",
                       path);
    buf want = BUF_INIT;
    char tmp[4096];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
        buf_put(&want, tmp, n);
    fclose(f);
    /* Report the first differing line. */
    const char *a = buf_cstr(&out), *b = buf_cstr(&want);
    int line = 1;
    while (*a && *a == *b) {
        if (*a == '\n')
            line++;
        a++;
        b++;
    }
    int same = *a == *b;
    char got_line[200], want_line[200];
    snprintf(got_line, sizeof got_line, "%.*s", (int)strcspn(a, "\n"), a);
    snprintf(want_line, sizeof want_line, "%.*s", (int)strcspn(b, "\n"), b);
    buf_free(&out);
    buf_free(&want);
    cr_assert(same, "%s differs at line %d: got \"%s\", want \"%s\"", path,
              line, got_line, want_line);
}

Test(chart, golden_ai_adoption, .init = setup, .fini = teardown)
{
    golden("ai_adoption", full_spec, 720, 220);
}

Test(chart, golden_no_facet_descending, .init = setup, .fini = teardown)
{
    golden("no_facet_descending",
           "type: stacked-bar-100\n"
           "data: ai_adoption\n"
           "filter: org_type == \"その他の市区町村\"\n"
           "x: survey_year\n"
           "series: category\n"
           "value: count\n"
           "sort: descending\n"
           "legend: bottom\n"
           "colours: #0b2545, #13315c\n",
           400, 160);
}
