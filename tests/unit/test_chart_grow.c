/* Charts that grow with the data (docs/charts.md, "Value labels" and
 * "Palette"): on every chart of the default deck and of the eight-year
 * fixture (tests/fixtures/grow: ai_function_totals from 平成30年度 to the
 * 令和7年度 of tests/fixtures/r7 as 速報), as laid out for the PDF and as
 * drawn at the site's phone width:
 *   - no two value labels closer than CHART_LABEL_GAP (their boxes, from
 *     the texts drawn inside the unlabelled groups chart.h describes);
 *   - no two series colours used together closer than CHART_MIN_DELTA_L
 *     in CIE L* unless their hatching differs;
 *   - the newest survey year in the most prominent (darkest) colour;
 *   - the alternative text saying when value labels are left out;
 * and print: mono (greys, hatching, labels over hatching on a plain box
 * they contrast with), hatching beyond the palette, colours: too alike. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "canvas.h"
#include "canvas_record.h"
#include "chart.h"
#include "deck.h"
#include "font.h"
#include "fsutil.h"
#include "html_figure.h"
#include "layout.h"
#include "palette.h"
#include "project.h"
#include "test_chart_fixture.h"
#include "xalloc.h"

#define FONT "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"

/* ------------------------------------------------------------------ */
/* A canvas that keeps the value labels' boxes, per page */

typedef struct vlabel {
    double x, y, w, h;
    size_t page;
    int backed;  /* drawn on a plain box (a filled rect in its group) */
    rgb back, ink;
} vlabel;

typedef struct lcv {
    canvas base;
    size_t page;
    unsigned char stack[64]; /* 1: an unlabelled group (a value label) */
    size_t depth;
    rgb fill;
    int rect_in_group;
    rgb rect_fill;
    vlabel *v;
    size_t n, cap;
} lcv;

static int in_value(const lcv *l)
{
    for (size_t i = 0; i < l->depth && i < 64; i++)
        if (l->stack[i])
            return 1;
    return 0;
}

static void l_begin_page(canvas *c, double w, double h)
{
    (void)w, (void)h;
    ((lcv *)c)->page++;
}
static void l_set_fill(canvas *c, rgb col, double op)
{
    (void)op;
    ((lcv *)c)->fill = col;
}
static void l_rect(canvas *c, double x, double y, double w, double h)
{
    (void)x, (void)y, (void)w, (void)h;
    lcv *l = (lcv *)c;
    if (in_value(l)) {
        l->rect_in_group = 1;
        l->rect_fill = l->fill;
    }
}
static void l_group_begin(canvas *c, const char *label)
{
    lcv *l = (lcv *)c;
    if (l->depth < 64)
        l->stack[l->depth] = !*label;
    l->depth++;
    if (!*label)
        l->rect_in_group = 0;
}
static void l_group_end(canvas *c)
{
    lcv *l = (lcv *)c;
    if (l->depth)
        l->depth--;
}
static void l_text(canvas *c, double x, double y, double size, text_style st,
                   const char *s, size_t len)
{
    (void)st;
    lcv *l = (lcv *)c;
    if (!in_value(l) || !len)
        return;
    const font *f = c->font;
    l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
    l->v[l->n] = (vlabel){
        .x = x,
        .y = y - size * font_ascent(f),
        .w = font_text_width(f, s, len, size),
        .h = size * (font_ascent(f) + font_descent(f)),
        .page = l->page,
        .backed = l->rect_in_group,
        .back = l->rect_fill,
        .ink = l->fill,
    };
    l->n++;
}
static void l_destroy(canvas *c)
{
    free(((lcv *)c)->v);
    free(c);
}

static const canvas_ops lcv_ops = {
    .name = "labels",
    .begin_page = l_begin_page,
    .set_fill = l_set_fill,
    .rect = l_rect,
    .text = l_text,
    .group_begin = l_group_begin,
    .group_end = l_group_end,
    .destroy = l_destroy,
};

static lcv *lcv_new(const font *f)
{
    lcv *l = xcalloc(1, sizeof *l);
    l->base.ops = &lcv_ops;
    l->base.font = f;
    return l;
}

/* The separation of two boxes: the larger of their horizontal and
 * vertical distances (negative when they overlap); two boxes are closer
 * than g when it is less than g. */
static double separation(const vlabel *a, const vlabel *b)
{
    double dx = fmax(b->x - (a->x + a->w), a->x - (b->x + b->w));
    double dy = fmax(b->y - (a->y + a->h), a->y - (b->y + b->h));
    return fmax(dx, dy);
}

/* The least separation of two value labels on one page (1e9 when no
 * page has two). */
static double least_gap(const lcv *l)
{
    double m = 1e9;
    for (size_t i = 0; i < l->n; i++)
        for (size_t j = i + 1; j < l->n; j++)
            if (l->v[i].page == l->v[j].page)
                m = fmin(m, separation(&l->v[i], &l->v[j]));
    return m;
}

/* ------------------------------------------------------------------ */
/* The two decks */

typedef struct deck_fx {
    diag_list *d;
    project *p;
    font *f;
    layout_result *lr;
    char dir[64]; /* the fixture's data folder, removed at the end */
} deck_fx;

static int copy_file(const char *from, const char *to, const char *sed_from,
                     const char *sed_to, int skip_header, FILE *append)
{
    FILE *in = fopen(from, "r");
    if (!in)
        return -1;
    FILE *out = append ? append : fopen(to, "w");
    char line[4096];
    int first = 1;
    while (fgets(line, sizeof line, in)) {
        if (first && skip_header) {
            first = 0;
            continue;
        }
        first = 0;
        char *at = sed_from ? strstr(line, sed_from) : NULL;
        if (at) {
            fwrite(line, 1, (size_t)(at - line), out);
            fputs(sed_to, out);
            fputs(at + strlen(sed_from), out);
        } else {
            fputs(line, out);
        }
    }
    fclose(in);
    if (!append)
        fclose(out);
    return 0;
}

/* The fixture's data: data/ai_function_totals with the 令和7年度 rows of
 * tests/fixtures/r7 appended as 速報. */
static void grow_data(deck_fx *x)
{
    strcpy(x->dir, "/tmp/shiryo-grow-XXXXXX");
    cr_assert_not_null(mkdtemp(x->dir));
    char *rows = fs_join(x->dir, "ai_function_totals.csv");
    char *schema = fs_join(x->dir, "ai_function_totals.schema.csv");
    cr_assert_eq(copy_file("data/ai_function_totals.schema.csv", schema, NULL,
                           NULL, 0, NULL),
                 0);
    cr_assert_eq(copy_file("data/ai_function_totals.csv", rows, NULL, NULL, 0,
                           NULL),
                 0);
    FILE *out = fopen(rows, "a");
    cr_assert_not_null(out);
    cr_assert_eq(copy_file("tests/fixtures/r7/ai_function_totals.csv", NULL,
                           ",仮,", ",速報,", 1, out),
                 0);
    fclose(out);
    free(rows);
    free(schema);
}

static void deck_open(deck_fx *x, const char *data, const char *templates)
{
    memset(x, 0, sizeof *x);
    x->d = diag_list_new();
    if (!data) {
        grow_data(x);
        data = x->dir;
    }
    project_opts po = {data, templates, CSV_ENC_AUTO};
    x->p = project_load(&po, x->d);
    cr_assert_not_null(x->p->deck, "%s loads", templates);
    x->f = font_open(FONT, x->d);
    cr_assert_not_null(x->f);
    layout_opts lo = {PAGE_A4_LANDSCAPE, x->p->settings.linebreak,
                      x->p->settings.hanging};
    x->lr = layout_deck(x->p->deck, x->f, &lo, x->d);
    cr_assert_not_null(x->lr, "%s lays out", templates);
}

static void deck_close(deck_fx *x)
{
    layout_result_free(x->lr);
    font_free(x->f);
    project_free(x->p);
    diag_list_free(x->d);
    if (*x->dir) {
        char *a = fs_join(x->dir, "ai_function_totals.csv");
        char *b = fs_join(x->dir, "ai_function_totals.schema.csv");
        unlink(a);
        unlink(b);
        rmdir(x->dir);
        free(a);
        free(b);
    }
}

/* Every value label of the deck as the PDF draws it (the display list),
 * then of every chart at the site's phone width: none closer than the
 * gap.  Returns the least gap; *n the labels seen. */
static double deck_least_gap(const deck_fx *x, size_t *n)
{
    lcv *l = lcv_new(x->f);
    canvas_record_replay(x->lr->display, &l->base);
    size_t pdf_labels = l->n;
    cr_assert_gt(pdf_labels, 0, "the deck draws value labels");
    double pdf_gap = least_gap(l);
    for (size_t i = 0; i < x->lr->ncharts; i++) {
        const chart *c = x->lr->charts[i].chart;
        double w = HTML_CHART_NARROW_WIDTH;
        double h = html_chart_height(c, x->f, w, HTML_LEGIBLE_NARROW);
        canvas_begin_page(&l->base, w, h);
        chart_draw(c, &l->base, 0, 0, w, h);
        canvas_end_page(&l->base);
    }
    double gap = least_gap(l);
    cr_expect_geq(gap, CHART_LABEL_GAP - 1e-6,
                  "two value labels %.3f pt apart", gap);
    cr_log_info("%zu value labels in the PDF, least gap %.2f pt; %zu with "
                "the phone-width drawings, least gap %.2f pt",
                pdf_labels, pdf_gap, l->n, gap);
    *n = l->n;
    canvas_destroy(&l->base);
    return gap;
}

/* Colours used together: the series of a chart (a Venn diagram's sets).
 * Two that are closer in L* than CHART_MIN_DELTA_L must differ in
 * hatching; returns the least ΔL* of two unhatched-alike colours (100
 * when the chart has one). */
static double chart_least_dl(const chart *c)
{
    size_t n = chart_series_count(c);
    if (chart_form_of(c).family == CHART_FAMILY_VENN) {
        size_t sets = 0;
        while (((size_t)1 << sets) < n)
            sets++;
        n = sets;
    }
    double m = 100;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            if (chart_series_hatch(c, i) != chart_series_hatch(c, j))
                continue;
            double dl = fabs(chart_lightness(chart_series_colour(c, i)) -
                             chart_lightness(chart_series_colour(c, j)));
            m = fmin(m, dl);
        }
    return m;
}

static void every_chart_apart_in_grey(const deck_fx *x, const char *name)
{
    const deck *dk = x->p->deck;
    size_t k = 0;
    buf log = BUF_INIT;
    for (size_t s = 0; s < dk->nslides; s++)
        for (size_t b = 0; b < dk->slides[s].nbody; b++) {
            const block *bl = &dk->slides[s].body[b];
            if (bl->kind != BLOCK_CHART)
                continue;
            double dl = chart_least_dl(bl->chart);
            cr_expect_geq(dl, CHART_MIN_DELTA_L,
                          "%s slide %zu 「%s」: ΔL* %.1f", name, s + 1,
                          chart_title(bl->chart), dl);
            if (dl >= 100)
                buf_printf(&log, " s%zu:-", s + 1);
            else
                buf_printf(&log, " s%zu:%.1f", s + 1, dl);
            k++;
        }
    cr_assert_gt(k, 0);
    cr_log_info("%s, least ΔL* per chart (-: one colour):%s", name,
                buf_cstr(&log));
    buf_free(&log);
}

/* Series labelled with survey years (…年度, a preliminary one
 * …年度（速報）): the newest (the last, years being in order) takes the
 * darkest colour of the chart. */
static size_t newest_year_darkest(const deck_fx *x)
{
    const deck *dk = x->p->deck;
    size_t seen = 0;
    for (size_t s = 0; s < dk->nslides; s++)
        for (size_t b = 0; b < dk->slides[s].nbody; b++) {
            const block *bl = &dk->slides[s].body[b];
            if (bl->kind != BLOCK_CHART)
                continue;
            const chart *c = bl->chart;
            size_t n = chart_series_count(c), last = n;
            for (size_t i = 0; i < n; i++) {
                const char *l = chart_series_label(c, i);
                if (strstr(l, "年度"))
                    last = i;
            }
            if (last == n || n < 2)
                continue;
            seen++;
            double ll = chart_lightness(chart_series_colour(c, last));
            for (size_t i = 0; i < n; i++)
                cr_expect_leq(ll, chart_lightness(chart_series_colour(c, i)),
                              "slide %zu: %s is not the darkest", s + 1,
                              chart_series_label(c, last));
        }
    return seen;
}

/* ------------------------------------------------------------------ */

Test(chart_grow, default_deck)
{
    deck_fx x;
    deck_open(&x, "data", "templates");
    size_t n;
    deck_least_gap(&x, &n);
    every_chart_apart_in_grey(&x, "default deck");
    cr_expect_geq(newest_year_darkest(&x), 8,
                  "the default deck's charts of years as series");
    deck_close(&x);
}

Test(chart_grow, eight_years)
{
    deck_fx x;
    deck_open(&x, NULL, "tests/fixtures/grow/templates");
    size_t n;
    deck_least_gap(&x, &n);
    every_chart_apart_in_grey(&x, "eight-year fixture");
    cr_expect_geq(newest_year_darkest(&x), 3);

    /* the first chart: eight years as series, 令和7年度 (速報) in the
     * palette's first colour */
    const layout_chart *lc = layout_find_chart(x.lr, 0, 0);
    cr_assert_not_null(lc);
    const chart *c = lc->chart;
    cr_assert_eq(chart_series_count(c), 8);
    /* and named preliminary where the legend names it */
    cr_expect_str_eq(chart_series_label(c, 7), "令和7年度（速報）");
    rgb first = chart_palette_colour(0), r7 = chart_series_colour(c, 7);
    cr_expect(r7.r == first.r && r7.g == first.g && r7.b == first.b);
    cr_expect_neq(chart_prov(c), PROV_FINAL);
    /* its labels do not all fit: the alt text says so; the data table
     * keeps every value */
    size_t omitted = chart_omitted_labels(c, x.f, lc->box.w, lc->box.h);
    cr_expect_gt(omitted, 0);
    char *alt = chart_alt_in_box(c, x.f, lc->box.w, lc->box.h);
    cr_expect(strstr(alt, "一部の数値ラベルは場所がないため省略") != NULL,
              "%s", alt);
    cr_expect_eq(strncmp(alt, chart_alt(c), strlen(chart_alt(c))), 0);
    free(alt);
    cr_log_info("eight years: %zu of %zu value labels left out", omitted,
                (size_t)(chart_bar_count(c) * 8));
    deck_close(&x);
}

/* On every chart of both decks, as laid out: the alternative text says
 * that labels were left out exactly when some were, and is chart_alt
 * otherwise. */
static void alt_says_omitted(const deck_fx *x, size_t *with, size_t *without)
{
    for (size_t i = 0; i < x->lr->ncharts; i++) {
        const layout_chart *lc = &x->lr->charts[i];
        size_t n = chart_omitted_labels(lc->chart, x->f, lc->box.w,
                                        lc->box.h);
        char *alt = chart_alt_in_box(lc->chart, x->f, lc->box.w, lc->box.h);
        int says = strstr(alt, "一部の数値ラベルは場所がないため省略") != NULL;
        cr_expect_eq(says, n > 0, "slide %zu: %zu left out, alt: %s",
                     lc->slide + 1, n, alt);
        if (!n)
            cr_expect_str_eq(alt, chart_alt(lc->chart));
        *(n ? with : without) += 1;
        free(alt);
    }
}

Test(chart_grow, alt_text_says_when_labels_are_left_out)
{
    size_t with = 0, without = 0;
    deck_fx x;
    deck_open(&x, "data", "templates");
    alt_says_omitted(&x, &with, &without);
    deck_close(&x);
    deck_open(&x, NULL, "tests/fixtures/grow/templates");
    alt_says_omitted(&x, &with, &without);
    cr_expect_gt(with, 0);
    cr_expect_gt(without, 0);
    cr_log_info("charts with labels left out: %zu, without: %zu", with,
                without);
    deck_close(&x);
}

/* ------------------------------------------------------------------ */
/* Colours and hatching of single charts */

static chart *build_spec(chart_fixture *fx, const char *spec, int mono)
{
    chart_spec *s = chart_fixture_parse(fx, spec);
    cr_assert_not_null(s);
    if (mono)
        chart_spec_set_mono(s);
    chart *c = chart_build(s, fx->ts, fx->dl);
    chart_spec_free(s);
    cr_assert_not_null(c);
    return c;
}

Test(chart_grow, years_newest_first)
{
    chart_fixture fx;
    chart_fixture_open(&fx);
    /* three years as series: the newest takes the first colour, the
     * oldest the third; a line takes its order's first colour too */
    chart *c = build_spec(&fx,
                          "type: grouped-bar\ndata: ai_functions\n"
                          "x: function\nseries: year\nvalue: count\n",
                          0);
    size_t n = chart_series_count(c);
    cr_assert_geq(n, 2);
    rgb p0 = chart_palette_colour(0), p1 = chart_palette_colour(1);
    rgb newest = chart_series_colour(c, n - 1);
    rgb second = chart_series_colour(c, n - 2);
    cr_expect(newest.r == p0.r && newest.g == p0.g && newest.b == p0.b);
    cr_expect(second.r == p1.r && second.g == p1.g && second.b == p1.b);
    chart_free(c);
    /* categories as series keep their order: the first takes colour 1 */
    c = build_spec(&fx,
                   "type: grouped-bar\ndata: ai_functions\nx: year\n"
                   "series: function\nvalue: count\n",
                   0);
    rgb s0 = chart_series_colour(c, 0);
    cr_expect(s0.r == p0.r && s0.g == p0.g && s0.b == p0.b);
    chart_free(c);
    chart_fixture_close(&fx);
}

Test(chart_grow, hatching_where_greys_meet)
{
    chart_fixture fx;
    chart_fixture_open(&fx);
    /* two colours: given 3 L* apart: the second is hatched */
    chart *c = build_spec(&fx,
                          "type: grouped-bar\ndata: ai_functions\n"
                          "x: function\nseries: year\nvalue: count\n"
                          "colours: #1b3a63, #203f66, #a3c6e8\n",
                          0);
    cr_expect_eq(chart_series_hatch(c, 0), 0);
    cr_expect_neq(chart_series_hatch(c, 1), 0);
    cr_expect_geq(chart_least_dl(c), CHART_MIN_DELTA_L);
    chart_free(c);
    /* colours far apart are not hatched */
    c = build_spec(&fx,
                   "type: grouped-bar\ndata: ai_functions\nx: function\n"
                   "series: year\nvalue: count\n",
                   0);
    for (size_t i = 0; i < chart_series_count(c); i++)
        cr_expect_eq(chart_series_hatch(c, i), 0);
    chart_free(c);
    chart_fixture_close(&fx);
}

Test(chart_grow, beyond_the_palette)
{
    /* twelve slices: the first eight plain, the rest hatched, every two
     * told apart by grey or hatching */
    diag_list *d = diag_list_new();
    char dir[] = "/tmp/shiryo-slices-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char *path = fs_join(dir, "items.csv");
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs("name,count\n", f);
    for (int i = 1; i <= 12; i++)
        fprintf(f, "項目%d,%d\n", i, 20 - i);
    fclose(f);
    tableset *ts = tableset_load_dir(dir, CSV_ENC_AUTO, d);
    cr_assert_not_null(ts);
    static const srcloc lines[8] = {{"t.md", 1, 1}, {"t.md", 2, 1},
                                    {"t.md", 3, 1}, {"t.md", 4, 1},
                                    {"t.md", 5, 1}, {"t.md", 6, 1},
                                    {"t.md", 7, 1}, {"t.md", 8, 1}};
    const char *spec = "type: pie\ndata: items\nseries: name\nvalue: count\n";
    chart_spec *s = chart_spec_parse(spec, strlen(spec), lines, 5, d);
    cr_assert_not_null(s);
    chart *c = chart_build(s, ts, d);
    cr_assert_not_null(c, "twelve slices build");
    cr_assert_eq(chart_series_count(c), 12);
    for (size_t i = 0; i < 8; i++)
        cr_expect_eq(chart_series_hatch(c, i), 0, "slice %zu", i + 1);
    for (size_t i = 8; i < 12; i++)
        cr_expect_neq(chart_series_hatch(c, i), 0, "slice %zu", i + 1);
    cr_expect_geq(chart_least_dl(c), CHART_MIN_DELTA_L);
    chart_free(c);
    chart_spec_free(s);
    tableset_free(ts);
    diag_list_free(d);
    unlink(path);
    free(path);
    rmdir(dir);
}

Test(chart_grow, print_mono)
{
    chart_fixture fx;
    chart_fixture_open(&fx);
    font *f = font_open(FONT, fx.dl);
    cr_assert_not_null(f);
    chart *c = build_spec(&fx,
                          "type: stacked-bar-100\ndata: costs\nx: year\n"
                          "series: bracket\nvalue: count\n",
                          1);
    size_t n = chart_series_count(c);
    cr_assert_geq(n, 3);
    for (size_t i = 0; i < n; i++) {
        rgb g = chart_series_colour(c, i);
        cr_expect(g.r == g.g && g.g == g.b, "series %zu is a grey", i + 1);
        cr_expect_eq(chart_series_hatch(c, i) != 0, i > 0,
                     "series %zu hatching", i + 1);
    }
    /* labels over hatching sit on a plain box they contrast with */
    lcv *l = lcv_new(f);
    canvas_begin_page(&l->base, 720, 400);
    chart_draw(c, &l->base, 0, 0, 720, 400);
    canvas_end_page(&l->base);
    size_t backed = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (!l->v[i].backed)
            continue;
        backed++;
        cr_expect_geq(chart_contrast(l->v[i].ink, l->v[i].back), 4.5);
        cr_expect(l->v[i].back.r == l->v[i].back.g);
    }
    cr_expect_gt(backed, 0, "labels over hatching are backed");
    cr_expect_geq(least_gap(l), CHART_LABEL_GAP - 1e-6);
    canvas_destroy(&l->base);
    chart_free(c);
    font_free(f);
    chart_fixture_close(&fx);
}
