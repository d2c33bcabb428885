/* Tests for every chart type: stacked (absolute and 100%), grouped and
 * simple bars both ways, small multiples, pie, donut, 2- and 3-set Venn,
 * line.  Spec errors of the newer keys, the numbers drawn, alt text,
 * drawing properties through a recording canvas (nothing outside the box,
 * no two text boxes intersect, stacked segments span 100%, Venn regions
 * sum to the total), randomised property runs, golden traces and the
 * rendered SVG examples in docs/charts/.
 *
 * Data: tests/fixtures/chart/ (see its README: published Venn regions,
 * otherwise test values).  Golden files: tests/golden/chart/NAME.trace and
 * docs/charts/NAME.svg; SHIRYO_UPDATE_GOLDEN=1 rewrites them (and fails,
 * so an update is never silent). */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "canvas.h"
#include "canvas_svg.h"
#include "canvas_trace.h"
#include "chart.h"
#include "csv.h"
#include "diag.h"
#include "font.h"
#include "table.h"
#include "test_chart_fixture.h"
#include "xalloc.h"

#define FIXTURES CHART_FIXTURES

static chart_fixture fx;
static diag_list *dl;
static tableset *ts;
static font *fnt;

static void setup(void)
{
    chart_fixture_open(&fx);
    dl = fx.dl;
    ts = fx.ts;
    fnt = fx.fnt;
}

static void teardown(void) { chart_fixture_close(&fx); }

static chart_spec *parse(const char *text)
{
    return chart_fixture_parse(&fx, text);
}

static chart *build_ok(const char *spec)
{
    return chart_fixture_build_ok(&fx, spec);
}

static void expect_error(const char *spec, int line, int col,
                         const char *msg_part, const char *hint_part)
{
    chart_spec *s = parse(spec);
    chart *c = s ? chart_build(s, ts, dl) : NULL;
    chart_spec_free(s);
    cr_assert_null(c, "expected an error for:\n%s", spec);
    chart_free(c);
    const diag *g = NULL;
    for (size_t i = 0; i < diag_count(dl) && !g; i++)
        if (diag_get(dl, i)->severity == DIAG_ERROR)
            g = diag_get(dl, i);
    cr_assert_not_null(g);
    cr_assert(strstr(g->message, msg_part), "message \"%s\" lacks \"%s\"",
              g->message, msg_part);
    cr_assert_eq(g->line, line, "line %d, expected %d (%s)", g->line, line,
                 g->message);
    cr_assert_eq(g->col, col, "col %d, expected %d (%s)", g->col, col,
                 g->message);
    if (hint_part) {
        cr_assert_not_null(g->hint, "no hint for \"%s\"", g->message);
        cr_assert(strstr(g->hint, hint_part), "hint \"%s\" lacks \"%s\"",
                  g->hint, hint_part);
    }
}

/* ------------------------------------------------------------------ */
/* The examples: the same specs are drawn in the docs. */

typedef struct example {
    const char *name;
    const char *spec;
    double w, h; /* h 0: w * chart_aspect() */
} example;

static const example examples[] = {
    {"stacked_bar_100",
     "type: stacked-bar-100\ndata: costs\nx: year\nseries: bracket\n"
     "value: count\ntitle: 導入費用の分布（構成比）\n",
     480, 0},
    {"stacked_bar_vertical",
     "type: stacked-bar\ndata: costs\nx: year\nseries: bracket\n"
     "value: count\ndirection: vertical\nunit: 団体\n"
     "title: 導入費用の分布（団体数）\n",
     480, 0},
    {"grouped_bar_facets",
     "type: grouped-bar\ndata: ai_functions\nx: function\nseries: year\n"
     "facet: org_type\nvalue: count\ntop: 6\nother: その他\nunit: 件\n"
     "title: AIの機能別導入状況（団体区分別）\n",
     720, 0},
    {"bar_ranking",
     "type: bar\ndata: requests\nx: request\nvalue: count\nsort: largest\n"
     "unit: 件\ntitle: 国に検討してほしい課題\n",
     480, 0},
    {"grouped_bar_vertical_patterns",
     "type: grouped-bar\ndata: costs\nx: bracket\nseries: year\n"
     "value: count\ndirection: vertical\npatterns: on\nunit: 団体\n"
     "title: 導入費用（白黒印刷向けの模様つき）\n",
     480, 0},
    {"pie",
     "type: pie\ndata: motives\nfilter: org_type == \"その他の市区町村\"\n"
     "series: motive\nvalue: count\nunit: 団体\ntitle: AIの導入動機\n",
     480, 0},
    {"donut_facets",
     "type: donut\ndata: motives\nseries: motive\nfacet: org_type\n"
     "value: count\ntitle: AIの導入動機（団体区分別）\n",
     720, 0},
    {"venn2",
     "type: venn\ndata: ai_rpa\nsets: AI, RPA\nvalue: count\nunit: 団体\n"
     "title: AI・RPA導入状況\n",
     360, 0},
    {"venn3",
     "type: venn\ndata: ai_genai_rpa\nsets: AI, 生成AI, RPA\nvalue: count\n"
     "unit: 団体\ntitle: AI・生成AI・RPA導入状況\n",
     360, 0},
    {"line",
     "type: line\ndata: adopters\nx: year\nseries: org_type\nvalue: count\n"
     "unit: 団体\ntitle: AI導入団体数の推移\n",
     480, 0},
};
#define NEXAMPLES (sizeof examples / sizeof examples[0])

/* ------------------------------------------------------------------ */
/* A canvas that records filled shapes, strokes and text boxes */

typedef struct box {
    double x, y, w, h;
    rgb colour;
    double opacity;
} box;

#define MAXREC 4096

typedef struct rec {
    canvas base;
    rgb fill;
    double fill_op;
    /* current path's bounding box */
    int have_path;
    double px0, py0, px1, py1;
    box fills[MAXREC];
    int nfills;
    box texts[MAXREC];
    char *strs[MAXREC];
    int ntexts;
    double minx, miny, maxx, maxy;
    int npoints;
    int clip_depth; /* the first clip is the chart box */
    int first_clip_done;
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

static void path_pt(rec *r, double x, double y)
{
    if (!r->have_path) {
        r->px0 = r->px1 = x;
        r->py0 = r->py1 = y;
        r->have_path = 1;
    }
    r->px0 = fmin(r->px0, x);
    r->px1 = fmax(r->px1, x);
    r->py0 = fmin(r->py0, y);
    r->py1 = fmax(r->py1, y);
}

static void r_set_fill(canvas *c, rgb col, double op)
{
    ((rec *)c)->fill = col;
    ((rec *)c)->fill_op = op;
}
static double cur_x, cur_y;
static void r_move(canvas *c, double x, double y)
{
    path_pt((rec *)c, x, y);
    cur_x = x;
    cur_y = y;
}
/* The curve itself, sampled (its control points may lie outside it). */
static void r_curve(canvas *c, double x1, double y1, double x2, double y2,
                    double x3, double y3)
{
    for (int i = 1; i <= 64; i++) {
        double t = i / 64.0, u = 1 - t;
        double x = u * u * u * cur_x + 3 * u * u * t * x1 +
                   3 * u * t * t * x2 + t * t * t * x3;
        double y = u * u * u * cur_y + 3 * u * u * t * y1 +
                   3 * u * t * t * y2 + t * t * t * y3;
        path_pt((rec *)c, x, y);
    }
    cur_x = x3;
    cur_y = y3;
}
static void r_rect(canvas *c, double x, double y, double w, double h)
{
    path_pt((rec *)c, x, y);
    path_pt((rec *)c, x + w, y + h);
}
static void end_path(rec *r, int filled)
{
    if (!r->have_path)
        return;
    if (r->clip_depth == 0) {
        grow(r, r->px0, r->py0);
        grow(r, r->px1, r->py1);
    }
    if (filled && r->nfills < MAXREC && r->clip_depth == 0)
        r->fills[r->nfills++] =
            (box){r->px0, r->py0, r->px1 - r->px0, r->py1 - r->py0, r->fill,
                  r->fill_op};
    r->have_path = 0;
}
static void r_fill(canvas *c) { end_path((rec *)c, 1); }
static void r_stroke(canvas *c) { end_path((rec *)c, 0); }
static void r_clip(canvas *c)
{
    rec *r = (rec *)c;
    r->have_path = 0;
    /* Clips after the chart box are hatching: what is drawn inside is
     * bounded by the clip path, which was already checked as a fill. */
    if (r->first_clip_done)
        r->clip_depth++;
    r->first_clip_done = 1;
}
static void r_restore(canvas *c)
{
    rec *r = (rec *)c;
    if (r->clip_depth > 0)
        r->clip_depth--;
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
    if (r->ntexts < MAXREC) {
        r->texts[r->ntexts] = (box){x, top, w, bottom - top, r->fill, 1};
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
    .name = "record-types",
    .set_fill = r_set_fill,
    .move_to = r_move,
    .line_to = r_move,
    .curve_to = r_curve,
    .rect = r_rect,
    .fill = r_fill,
    .stroke = r_stroke,
    .fill_stroke = r_fill,
    .clip = r_clip,
    .restore = r_restore,
    .text = r_text,
    .destroy = r_destroy,
};

static rec *draw_recorded(const chart *c, double x, double y, double w,
                          double h)
{
    rec *r = xcalloc(1, sizeof *r);
    r->base.ops = &rec_ops;
    r->base.font = fnt;
    chart_draw(c, &r->base, x, y, w, h);
    return r;
}

static int text_index(const rec *r, const char *s)
{
    for (int i = 0; i < r->ntexts; i++)
        if (!strcmp(r->strs[i], s))
            return i;
    return -1;
}

/* Nothing outside the box; no two text boxes intersect. */
static void check_common(const chart *c, double bx, double by, double bw,
                         double bh, const char *what)
{
    rec *r = draw_recorded(c, bx, by, bw, bh);
    const double eps = 1e-6;
    cr_assert_gt(r->npoints, 0, "%s: nothing drawn", what);
    if (getenv("CHART_DEBUG") && r->maxy > by + bh + eps) {
        buf tb = BUF_INIT;
        canvas *tc = canvas_trace_new(fnt, &tb);
        chart_draw(c, tc, bx, by, bw, bh);
        canvas_destroy(tc);
        FILE *df = fopen("/tmp/fail.trace", "w");
        fputs(buf_cstr(&tb), df);
        fclose(df);
        buf_free(&tb);
    }
    cr_assert_geq(r->minx, bx - eps, "%s: drawn left of the box: %g", what,
                  r->minx);
    cr_assert_geq(r->miny, by - eps, "%s: drawn above the box: %g", what,
                  r->miny);
    cr_assert_leq(r->maxx, bx + bw + eps, "%s: drawn right of the box: %g",
                  what, r->maxx);
    cr_assert_leq(r->maxy, by + bh + eps, "%s: drawn below the box: %g > %g",
                  what, r->maxy, by + bh);
    for (int i = 0; i < r->ntexts; i++) {
        box a = r->texts[i];
        for (int j = i + 1; j < r->ntexts; j++) {
            box b = r->texts[j];
            int overlap = a.x < b.x + b.w - eps && b.x < a.x + a.w - eps &&
                          a.y < b.y + b.h - eps && b.y < a.y + a.h - eps;
            cr_assert(!overlap, "%s (%gx%g): labels \"%s\" and \"%s\" overlap",
                      what, bw, bh, r->strs[i], r->strs[j]);
        }
    }
    canvas_destroy(&r->base);
}

/* ------------------------------------------------------------------ */
/* Spec errors of the newer keys */

Test(chart_types, key_not_for_type, .init = setup, .fini = teardown)
{
    expect_error("type: pie\ndata: motives\nx: org_type\nseries: motive\n", 12,
                 1, "chart key \"x\" is not used by pie", "facet:");
}

Test(chart_types, venn_needs_sets, .init = setup, .fini = teardown)
{
    expect_error("type: venn\ndata: ai_rpa\nvalue: count\n", 10, 1,
                 "missing required key \"sets\"", "sets:");
}

Test(chart_types, venn_unknown_set_column, .init = setup, .fini = teardown)
{
    /* The second name's column in the template: "sets: AI, RPAA" -> 11. */
    expect_error("type: venn\ndata: ai_rpa\nsets: AI, RPAA\n", 12, 11,
                 "unknown column \"RPAA\" in table", "did you mean \"RPA\"?");
}

Test(chart_types, venn_one_set_is_error, .init = setup, .fini = teardown)
{
    expect_error("type: venn\ndata: ai_rpa\nsets: AI\n", 12, 7,
                 "two or three sets", NULL);
}

Test(chart_types, venn_bad_flag, .init = setup, .fini = teardown)
{
    /* motives.count is a number but not 0/1. */
    expect_error("type: venn\ndata: motives\nsets: count, count\n", 12, 7,
                 "not a membership flag", "tests/fixtures/chart/motives.csv");
}

Test(chart_types, labels_both_only_for_pie, .init = setup, .fini = teardown)
{
    expect_error("type: bar\ndata: requests\nx: request\nvalue: count\n"
                 "labels: both\n",
                 14, 9, "\"both\" is for pie", "\"value\"");
}

Test(chart_types, direction_suggests, .init = setup, .fini = teardown)
{
    expect_error("type: bar\ndata: requests\nx: request\nvalue: count\n"
                 "direction: vertcal\n",
                 14, 12, "direction: expected \"horizontal\" or \"vertical\"",
                 "did you mean \"vertical\"?");
}

Test(chart_types, orientation_suggests_direction, .init = setup,
     .fini = teardown)
{
    expect_error(
        "type: bar\ndata: requests\nx: request\norientation: vertical\n", 13, 1,
        "unknown chart key \"orientation\"", "did you mean \"direction\"?");
}

Test(chart_types, unknown_type_suggests, .init = setup, .fini = teardown)
{
    expect_error("type: donught\ndata: motives\nseries: motive\n", 10, 7,
                 "unknown chart type \"donught\"", "did you mean \"donut\"?");
}

/* ------------------------------------------------------------------ */
/* Building: the numbers */

Test(chart_types, venn2_regions_and_total, .init = setup, .fini = teardown)
{
    chart *c = build_ok(examples[7].spec);
    int have;
    /* Masks: bit 0 = AI, bit 1 = RPA. */
    cr_assert_eq(chart_value(c, 0, 0, 1, &have), 347);
    cr_assert(have);
    cr_assert_eq(chart_value(c, 0, 0, 2, NULL), 91);
    cr_assert_eq(chart_value(c, 0, 0, 3, NULL), 716);
    cr_assert_eq(chart_value(c, 0, 0, 0, NULL), 634);
    cr_assert_str_eq(chart_series_label(c, 1), "AIのみ");
    cr_assert_str_eq(chart_series_label(c, 3), "AI・RPA");
    cr_assert_str_eq(chart_alt(c),
                     "AI・RPA導入状況のベン図。AI・RPAの重なりを示す。"
                     "AIのみ347団体、RPAのみ91団体、AI・RPA716団体で、"
                     "いずれかに該当するのは計1,154団体、"
                     "いずれにも該当しないのは634団体。");
    const grid *g = chart_grid(c);
    cr_assert_eq(g->ncols, 2);
    cr_assert_eq(g->nrows, 5);
    cr_assert_str_eq(g->cells[2], "AIのみ");
    cr_assert_str_eq(g->cells[3], "347");
    cr_assert_str_eq(g->cells[8], "いずれもなし");
    cr_assert_str_eq(g->cells[9], "634");
    chart_free(c);
}

Test(chart_types, venn3_regions_sum_to_total, .init = setup, .fini = teardown)
{
    chart *c = build_ok(examples[8].spec);
    cr_assert_eq(chart_series_count(c), 8);
    double sum = 0;
    for (size_t m = 1; m < 8; m++)
        sum += chart_value(c, 0, 0, m, NULL);
    /* 1,214 adopters of at least one, as published. */
    cr_assert_eq(sum, 1214);
    cr_assert_eq(chart_value(c, 0, 0, 7, NULL), 385);
    cr_assert_str_eq(chart_series_label(c, 7), "AI・生成AI・RPAすべて");
    cr_assert_str_eq(chart_series_label(c, 2), "生成AIのみ");
    cr_assert(strstr(chart_alt(c), "計1,214団体"), "%s", chart_alt(c));
    /* Placeholder pairs make the whole chart a placeholder. */
    cr_assert_eq(chart_prov(c), PROV_PLACEHOLDER);
    chart_free(c);
}

Test(chart_types, top_n_on_categories_keeps_totals, .init = setup,
     .fini = teardown)
{
    chart *all = build_ok("type: grouped-bar\ndata: ai_functions\n"
                          "x: function\nseries: year\nvalue: count\n");
    chart *c = build_ok(examples[2].spec);
    /* top: 6 applies to the functions (x is not a year): 6 + その他. */
    cr_assert_eq(chart_bar_count(all), 12);
    cr_assert_eq(chart_bar_count(c), 7);
    cr_assert_str_eq(chart_bar_label(c, 6), "その他");
    cr_assert_str_eq(chart_series_label(c, 0), "令和4年度");
    /* Every survey year's total is unchanged by the bucketing. */
    for (size_t s = 0; s < 3; s++) {
        double a = 0, b = 0;
        for (size_t f = 0; f < chart_facet_count(c); f++)
            for (size_t x = 0; x < 7; x++)
                b += chart_value(c, f, x, s, NULL);
        for (size_t x = 0; x < 12; x++)
            a += chart_value(all, 0, x, s, NULL);
        cr_assert_eq(a, b, "year %zu: %g vs %g", s, a, b);
    }
    chart_free(all);
    chart_free(c);
}

Test(chart_types, sort_largest, .init = setup, .fini = teardown)
{
    chart *c = build_ok("type: bar\ndata: requests\nx: request\n"
                        "value: count\nsort: smallest\n");
    for (size_t x = 1; x < chart_bar_count(c); x++)
        cr_assert_leq(chart_value(c, 0, x - 1, 0, NULL),
                      chart_value(c, 0, x, 0, NULL));
    chart_free(c);
    c = build_ok(examples[3].spec);
    cr_assert_str_eq(chart_bar_label(c, 0), "導入費用・運用費用の財政的支援");
    for (size_t x = 1; x < chart_bar_count(c); x++)
        cr_assert_geq(chart_value(c, 0, x - 1, 0, NULL),
                      chart_value(c, 0, x, 0, NULL));
    chart_free(c);
}

Test(chart_types, stacked_shares_sum_to_one, .init = setup, .fini = teardown)
{
    chart *c = build_ok(examples[0].spec);
    for (size_t x = 0; x < chart_bar_count(c); x++) {
        double s = 0;
        for (size_t k = 0; k < chart_series_count(c); k++)
            s += chart_share(c, 0, x, k);
        cr_assert_float_eq(s, 1.0, 1e-12);
    }
    chart_free(c);
}

Test(chart_types, alt_texts, .init = setup, .fini = teardown)
{
    chart *c = build_ok(examples[3].spec);
    cr_assert_str_eq(chart_alt(c),
                     "国に検討してほしい課題の横棒グラフ。8項目を比較。"
                     "最も大きいのは導入費用・運用費用の財政的支援の1,210件、"
                     "最も小さいのはその他の45件。");
    chart_free(c);
    c = build_ok(examples[5].spec);
    cr_assert(strstr(chart_alt(c), "AIの導入動機の円グラフ。合計"), "%s",
              chart_alt(c));
    cr_assert(strstr(chart_alt(c), "担当課からの要望が最も多く"), "%s",
              chart_alt(c));
    chart_free(c);
    c = build_ok(examples[9].spec);
    cr_assert(strstr(chart_alt(c), "平成30年度から令和6年度にかけて"
                                   "都道府県は17団体から47団体に増加"),
              "%s", chart_alt(c));
    chart_free(c);
}

Test(chart_types, normalise_grouped_is_share_of_year, .init = setup,
     .fini = teardown)
{
    chart *c = build_ok("type: grouped-bar\ndata: costs\nx: bracket\n"
                        "series: year\nvalue: count\nnormalise: on\n");
    const grid *g = chart_grid(c);
    /* The grid keeps the counts; the drawn values are shares. */
    cr_assert_str_eq(g->cells[g->ncols + 1], "300");
    for (size_t s = 0; s < 2; s++) {
        double sum = 0;
        for (size_t x = 0; x < chart_bar_count(c); x++)
            sum += chart_value(c, 0, x, s, NULL);
        double share = chart_value(c, 0, 0, s, NULL) / sum;
        cr_assert_gt(share, 0);
    }
    rec *r = draw_recorded(c, 0, 0, 480, 300);
    cr_assert_geq(text_index(r, "32%"), 0, "300 of 950 is 32%%");
    canvas_destroy(&r->base);
    chart_free(c);
}

/* ------------------------------------------------------------------ */
/* Drawing properties */

Test(chart_types, every_example_fits_and_labels_apart, .init = setup,
     .fini = teardown)
{
    static const double shapes[][2] = {
        {720, 0}, {480, 0}, {360, 0}, {240, 0}, {720, 180}, {300, 420},
        {200, 150}};
    for (size_t i = 0; i < NEXAMPLES; i++) {
        chart *c = build_ok(examples[i].spec);
        for (size_t k = 0; k < sizeof shapes / sizeof shapes[0]; k++) {
            double w = shapes[k][0];
            double h = shapes[k][1] > 0 ? shapes[k][1] : w * chart_aspect(c);
            check_common(c, 13, 17, w, h, examples[i].name);
        }
        chart_free(c);
    }
}

Test(chart_types, value_labels_printed, .init = setup, .fini = teardown)
{
    /* Venn: every region's count is printed. */
    chart *c = build_ok(examples[7].spec);
    rec *r = draw_recorded(c, 0, 0, 360, 360 * chart_aspect(c));
    cr_assert_geq(text_index(r, "347"), 0);
    cr_assert_geq(text_index(r, "91"), 0);
    cr_assert_geq(text_index(r, "716"), 0);
    cr_assert_geq(text_index(r, "AI"), 0);
    cr_assert_geq(text_index(r, "いずれにも該当しない：634団体"), 0);
    canvas_destroy(&r->base);
    chart_free(c);
    c = build_ok(examples[8].spec);
    r = draw_recorded(c, 0, 0, 360, 360 * chart_aspect(c));
    static const char *const counts[] = {"241", "60", "70", "170",
                                         "210", "78", "385"};
    for (size_t i = 0; i < 7; i++)
        cr_assert_geq(text_index(r, counts[i]), 0, "%s missing", counts[i]);
    canvas_destroy(&r->base);
    chart_free(c);
    /* Ranking: thousands separators; every bar labelled at this size. */
    c = build_ok(examples[3].spec);
    r = draw_recorded(c, 0, 0, 480, 480 * chart_aspect(c));
    cr_assert_geq(text_index(r, "1,210"), 0);
    cr_assert_geq(text_index(r, "45"), 0);
    canvas_destroy(&r->base);
    chart_free(c);
    /* Pie: 〔団体数，%〕 labels. */
    c = build_ok(examples[5].spec);
    r = draw_recorded(c, 0, 0, 480, 480 * chart_aspect(c));
    int both = 0;
    for (int i = 0; i < r->ntexts; i++)
        both += strstr(r->strs[i], "，") && strchr(r->strs[i], '%');
    cr_assert_geq(both, 4, "pie labels with count and share: %d", both);
    canvas_destroy(&r->base);
    chart_free(c);
}

/* Vertical 100% bars: each bar's segments span the whole plot height. */
Test(chart_types, vertical_100_segments_span_plot, .init = setup,
     .fini = teardown)
{
    chart *c = build_ok("type: stacked-bar-100\ndata: costs\nx: year\n"
                        "series: bracket\nvalue: count\ndirection: vertical\n");
    rec *r = draw_recorded(c, 0, 0, 400, 300);
    /* Segments are fills in series colours; group them by x. */
    int used[MAXREC] = {0}, nbars = 0;
    double span = -1;
    for (int i = 0; i < r->nfills; i++) {
        size_t s;
        int series = 0;
        for (s = 0; s < chart_series_count(c); s++) {
            rgb k = chart_series_colour(c, s);
            if (fabs(k.r - r->fills[i].colour.r) < 1e-9 &&
                fabs(k.g - r->fills[i].colour.g) < 1e-9 &&
                fabs(k.b - r->fills[i].colour.b) < 1e-9)
                series = 1;
        }
        if (!series || used[i] || fabs(r->fills[i].w - r->fills[i].h) < 1e-6)
            continue;
        double x = r->fills[i].x, lo = r->fills[i].y,
               hi = r->fills[i].y + r->fills[i].h, sum = 0;
        for (int j = i; j < r->nfills; j++)
            if (!used[j] && fabs(r->fills[j].x - x) < 1e-9 &&
                fabs(r->fills[j].w - r->fills[j].h) >= 1e-6) {
                used[j] = 1;
                sum += r->fills[j].h;
                lo = fmin(lo, r->fills[j].y);
                hi = fmax(hi, r->fills[j].y + r->fills[j].h);
            }
        cr_assert_float_eq(sum, hi - lo, 1e-6, "segments leave gaps");
        if (span < 0)
            span = sum;
        cr_assert_float_eq(sum, span, 1e-6, "bar heights differ: %g vs %g at x %g", sum, span, x);
        nbars++;
    }
    cr_assert_eq(nbars, 2);
    canvas_destroy(&r->base);
    chart_free(c);
}

/* ------------------------------------------------------------------ */
/* Randomised properties */

static unsigned long rng_state;
static unsigned rnd(unsigned n)
{
    rng_state = rng_state * 6364136223846793005UL + 1442695040888963407UL;
    return (unsigned)((rng_state >> 33) % n);
}

/* A random table "r" of 2-9 categories, 1-4 series, 1-3 facets, and a
 * Venn table "v" over three flags. */
static void random_tables(void)
{
    static const char *const cats[] = {
        "音声認識", "文字認識", "チャットボットによる応答",
        "画像・動画認識による道路損傷の検出と固定資産調査", "最適解表示",
        "マッチング", "数値予測", "翻訳", "要約・文章生成"};
    static const char *const years[] = {"R4", "R5", "R6", "R7"};
    static const char *const orgs[] = {"都道府県", "指定都市",
                                       "その他の市区町村"};
    unsigned nc = 2 + rnd(8), ns = 1 + rnd(4), nf = 1 + rnd(3);
    unsigned scale = 1 + rnd(3) * 1000;
    buf b = BUF_INIT;
    buf_puts(&b, "cat,year,org,count\n");
    for (unsigned f = 0; f < nf; f++)
        for (unsigned c = 0; c < nc; c++)
            for (unsigned s = 0; s < ns; s++)
                if (rnd(10)) /* some cells missing */
                    buf_printf(&b, "%s,%s,%s,%u\n", cats[c], years[s], orgs[f],
                               rnd(scale * 5));
    buf_puts(&b, "音声認識,R4,都道府県,1\n");
    sheet *data = csv_parse("data/r.csv", b.data, b.len, CSV_ENC_UTF8, dl);
    table *t = table_from_csv("r", data, NULL, dl);
    sheet_free(data);
    cr_assert_not_null(t);
    tableset_add(ts, t);
    buf_reset(&b);
    buf_puts(&b, "a,b,c,count\n");
    for (unsigned m = 0; m < 8; m++)
        buf_printf(&b, "%u,%u,%u,%u\n", m & 1, (m >> 1) & 1, (m >> 2) & 1,
                   rnd(2000));
    data = csv_parse("data/v.csv", b.data, b.len, CSV_ENC_UTF8, dl);
    t = table_from_csv("v", data, NULL, dl);
    sheet_free(data);
    cr_assert_not_null(t);
    tableset_add(ts, t);
    buf_free(&b);
}

Test(chart_types, random_properties, .init = NULL, .fini = NULL)
{
    static const char *const specs[] = {
        "type: stacked-bar-100\ndata: r\nx: cat\nseries: year\nvalue: count\n"
        "facet: org\n",
        "type: stacked-bar-100\ndata: r\nx: cat\nseries: year\nvalue: count\n"
        "direction: vertical\n",
        "type: stacked-bar\ndata: r\nx: cat\nseries: year\nvalue: count\n"
        "facet: org\npatterns: on\n",
        "type: grouped-bar\ndata: r\nx: cat\nseries: year\nvalue: count\n"
        "facet: org\nunit: 件\n",
        "type: grouped-bar\ndata: r\nx: cat\nseries: year\nvalue: count\n"
        "direction: vertical\nnormalise: on\n",
        "type: pie\ndata: r\nseries: cat\nvalue: count\nfacet: org\ntop: 7\n",
        "type: donut\ndata: r\nseries: cat\nvalue: count\ntop: 7\n",
        "type: line\ndata: r\nx: year\nseries: cat\nvalue: count\ntop: 3\n",
        "type: venn\ndata: v\nsets: a, b\nvalue: count\n",
        "type: venn\ndata: v\nsets: a, b, c\nvalue: count\n",
    };
    for (unsigned seed = 1; seed <= 25; seed++) {
        setup();
        rng_state = seed;
        random_tables();
        for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++) {
            chart *c = build_ok(specs[i]);
            double w = 150 + rnd(600);
            double h = rnd(2) ? w * chart_aspect(c) : 60 + rnd(500);
            char what[64];
            snprintf(what, sizeof what, "seed %u spec %zu", seed, i);
            check_common(c, 5, 7, w, h, what);
            /* Stacked 100%: shares of every bar with data sum to 1. */
            if (i < 2)
                for (size_t f = 0; f < chart_facet_count(c); f++)
                    for (size_t x = 0; x < chart_bar_count(c); x++) {
                        double s = 0, v = 0;
                        for (size_t k = 0; k < chart_series_count(c); k++) {
                            s += chart_share(c, f, x, k);
                            v += chart_value(c, f, x, k, NULL);
                        }
                        if (v > 0)
                            cr_assert_float_eq(s, 1.0, 1e-9, "%s", what);
                    }
            /* Venn: the regions add up to the rows in at least one set,
             * and the alt text says that total. */
            if (i >= 8) {
                double tot = 0;
                for (size_t m = 1; m < chart_series_count(c); m++)
                    tot += chart_value(c, 0, 0, m, NULL);
                const table *t = tableset_find(ts, "v");
                int ci = table_col(t, "count"), ai = table_col(t, "a"),
                    bi = table_col(t, "b"), ki = table_col(t, "c");
                double want = 0;
                for (size_t r = 0; r < t->nrows; r++) {
                    int in = t->cols[ai].cells[r].num ||
                             t->cols[bi].cells[r].num ||
                             (i == 9 && t->cols[ki].cells[r].num);
                    if (in)
                        want += t->cols[ci].cells[r].num;
                }
                cr_assert_eq(tot, want, "%s: regions %g, rows %g", what, tot,
                             want);
                buf b = BUF_INIT;
                buf_puts(&b, "計");
                /* format as the chart does: thousands separators */
                char num[32];
                snprintf(num, sizeof num, "%.0f", want);
                size_t n = strlen(num);
                for (size_t k = 0; k < n; k++) {
                    if (k && (n - k) % 3 == 0)
                        buf_putc(&b, ',');
                    buf_putc(&b, num[k]);
                }
                cr_assert(strstr(chart_alt(c), buf_cstr(&b)), "%s: %s lacks %s",
                          what, chart_alt(c), buf_cstr(&b));
                buf_free(&b);
            }
            chart_free(c);
        }
        teardown();
    }
}

/* ------------------------------------------------------------------ */
/* Golden traces and rendered SVG examples */

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    buf b = BUF_INIT;
    char tmp[8192];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
        buf_put(&b, tmp, n);
    fclose(f);
    *len = b.len;
    return buf_detach(&b);
}

/* Compares out with the file at path, or rewrites it when
 * SHIRYO_UPDATE_GOLDEN is set. */
static int rewritten;

static void compare_golden(const char *path, const buf *out)
{
    const char *upd = getenv("SHIRYO_UPDATE_GOLDEN");
    if (upd && *upd) {
        FILE *f = fopen(path, "wb");
        cr_assert_not_null(f, "cannot write %s", path);
        fwrite(out->data, 1, out->len, f);
        fclose(f);
        rewritten++;
        return;
    }
    size_t n = 0;
    char *want = read_file(path, &n);
    cr_assert_not_null(want, "missing %s (run with SHIRYO_UPDATE_GOLDEN=1)",
                       path);
    const char *a = buf_cstr(out), *b = want;
    int line = 1;
    while (*a && *a == *b) {
        if (*a == '\n')
            line++;
        a++;
        b++;
    }
    int same = *a == *b;
    char got[200], exp[200];
    snprintf(got, sizeof got, "%.*s", (int)strcspn(a, "\n"), a);
    snprintf(exp, sizeof exp, "%.*s", (int)strcspn(b, "\n"), b);
    free(want);
    cr_assert(same, "%s differs at line %d: got \"%s\", want \"%s\"", path,
              line, got, exp);
}

Test(chart_types, golden_traces, .init = setup, .fini = teardown)
{
    for (size_t i = 0; i < NEXAMPLES; i++) {
        chart *c = build_ok(examples[i].spec);
        double w = examples[i].w;
        double h = examples[i].h > 0 ? examples[i].h : w * chart_aspect(c);
        buf out = BUF_INIT;
        canvas *cv = canvas_trace_new(fnt, &out);
        chart_draw(c, cv, 20, 30, w, h);
        cr_assert(!cv->failed);
        canvas_destroy(cv);
        chart_free(c);
        char path[256];
        snprintf(path, sizeof path, "tests/golden/chart/%s.trace",
                 examples[i].name);
        compare_golden(path, &out);
        buf_free(&out);
    }
    cr_assert_eq(rewritten, 0, "%d files rewritten; review the diff and run "
                 "again", rewritten);
}

/* The docs' examples: drawn as SVG, compared with docs/charts/NAME.svg,
 * checked well-formed by xmllint, every label a <text>. */
Test(chart_types, docs_svg_examples, .init = setup, .fini = teardown)
{
    for (size_t i = 0; i < NEXAMPLES; i++) {
        chart *c = build_ok(examples[i].spec);
        double w = examples[i].w;
        double h = examples[i].h > 0 ? examples[i].h : w * chart_aspect(c);
        buf out = BUF_INIT;
        char id[64];
        snprintf(id, sizeof id, "chart-%s", examples[i].name);
        canvas *cv = canvas_svg_new(fnt, &out, chart_title(c), chart_alt(c),
                                    id);
        canvas_begin_page(cv, w, h);
        /* A white page under the chart, as on a slide. */
        canvas_set_fill(cv, (rgb){1, 1, 1}, 1);
        canvas_rect(cv, 0, 0, w, h);
        canvas_fill(cv);
        chart_draw(c, cv, 0, 0, w, h);
        canvas_end_page(cv);
        cr_assert(!cv->failed, "%s", cv->error);
        canvas_destroy(cv);
        buf_puts(&out, "\n");
        /* Every text the chart draws appears as the content of a <text>. */
        buf tr = BUF_INIT;
        canvas *tc = canvas_trace_new(fnt, &tr);
        chart_draw(c, tc, 0, 0, w, h);
        canvas_destroy(tc);
        for (const char *p = buf_cstr(&tr); (p = strstr(p, " regular "));) {
            p += 9;
            size_t n = strcspn(p, "\n");
            buf want = BUF_INIT;
            buf_putc(&want, '>');
            buf_put(&want, p, n);
            buf_puts(&want, "</text>");
            if (!strchr(buf_cstr(&want), '&') && !strchr(buf_cstr(&want), '<'))
                cr_assert(strstr(buf_cstr(&out), buf_cstr(&want)),
                          "%s: no <text> for %s", examples[i].name,
                          buf_cstr(&want));
            buf_free(&want);
            p += n;
        }
        buf_free(&tr);
        chart_free(c);
        char path[256];
        snprintf(path, sizeof path, "docs/charts/%s.svg", examples[i].name);
        const char *upd = getenv("SHIRYO_UPDATE_GOLDEN");
        if (!(upd && *upd)) {
            char cmd[512];
            snprintf(cmd, sizeof cmd, "xmllint --noout %s", path);
            cr_assert_eq(system(cmd), 0, "%s is not well-formed XML", path);
        }
        compare_golden(path, &out);
        buf_free(&out);
    }
    cr_assert_eq(rewritten, 0, "%d files rewritten; review the diff and run "
                 "again", rewritten);
}
