/* Tests of the table of chart types (chart_types.c) and of drawing one
 * chart from several threads at once.
 *
 * The table tests hold for every row, so a type added to the table is
 * checked without a new test: its row is complete and consistent, its
 * names are found, and a chart of it built from its required keys alone
 * builds, has alt text and a data grid, and draws shapes and text.
 *
 * The thread test draws the same const charts from eight threads at once,
 * each at its own sequence of box sizes, and compares every drawing with
 * the one a single thread makes: the label memo is the only state written
 * while drawing, and its lock must keep it consistent (without the lock
 * the test crashes or differs; see chart_memo.c). */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "canvas.h"
#include "canvas_trace.h"
#include "chart.h"
#include "chart_impl.h"
#include "csv.h"
#include "diag.h"
#include "font.h"
#include "table.h"
#include "test_chart_fixture.h"

static chart_fixture fx;

static void setup(void)
{
    chart_fixture_open(&fx);
    /* A table every type can be drawn from: categories, years, a count
     * and two membership flags. */
    const char *text = "cat,yr,count,a,b\n"
                       "音声認識,R5,12,1,0\n"
                       "音声認識,R6,15,1,1\n"
                       "文字認識,R5,7,0,1\n"
                       "文字認識,R6,9,0,0\n"
                       "チャットボットによる応答,R6,4,1,1\n";
    sheet *data =
        csv_parse("data/any.csv", text, strlen(text), CSV_ENC_UTF8, fx.dl);
    table *t = table_from_csv("any", data, NULL, fx.dl);
    sheet_free(data);
    cr_assert_not_null(t);
    tableset_add(fx.ts, t);
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

/* ------------------------------------------------------------------ */
/* The table */

#define B(k) (1u << (k))

Test(chart_table, every_row_is_complete, .init = setup, .fini = teardown)
{
    cr_assert_gt(chart_type_count, 0);
    const unsigned common = B(K_TYPE) | B(K_DATA) | B(K_FILTER) |
                            B(K_VALUE) | B(K_TITLE) | B(K_ALT) | B(K_LABELS);
    for (size_t i = 0; i < chart_type_count; i++) {
        const chart_type *t = &chart_types[i];
        cr_assert_not_null(t->name);
        cr_assert_not_null(t->ops, "%s: no panel ops", t->name);
        cr_assert_not_null(t->alt, "%s: no alt text", t->name);
        cr_assert_not_null(t->grid, "%s: no grid", t->name);
        /* Every key it needs it also takes; type and data always. */
        cr_assert_eq(t->required & ~t->allowed, 0, "%s", t->name);
        cr_assert_eq(t->allowed & common, common, "%s", t->name);
        cr_assert(t->default_labels == LAB_DEFAULT ||
                      t->default_labels == LAB_VALUE ||
                      t->default_labels == LAB_PERCENT ||
                      (t->default_labels == LAB_BOTH && t->labels_both),
                  "%s", t->name);
        cr_assert(!t->shares || (t->shares_hint && t->stacked), "%s",
                  t->name);
        cr_assert_eq(t->colour_order == NULL, t->ncolour_order == 0, "%s",
                     t->name);
        for (size_t k = 0; k < t->ncolour_order; k++)
            cr_assert_lt(t->colour_order[k], chart_palette_size(), "%s",
                         t->name);
        /* A hint for a key not taken is only for keys it does not take. */
        for (int k = 0; k < K_COUNT; k++)
            cr_assert(!t->unused_hint[k] || !(t->allowed & B(k)), "%s: %s",
                      t->name, chart_key_names[k]);
        /* Panel ops either draw or pick the ops that do. */
        const panel_ops *o = t->ops;
        cr_assert(o->pick || (o->draw && o->natural_h && o->min_h &&
                              o->min_panel_w > 0),
                  "%s", t->name);
    }
}

Test(chart_table, names_are_found_and_distinct, .init = setup,
     .fini = teardown)
{
    const char **names = malloc(2 * chart_type_count * sizeof *names);
    size_t n = chart_type_names(names);
    cr_assert_geq(n, chart_type_count);
    for (size_t i = 0; i < n; i++) {
        const chart_type *t = chart_type_find(names[i]);
        cr_assert_not_null(t, "%s not found", names[i]);
        cr_assert(!strcmp(t->name, names[i]) ||
                      (t->alias && !strcmp(t->alias, names[i])),
                  "%s", names[i]);
        for (size_t j = 0; j < i; j++)
            cr_assert_str_neq(names[i], names[j]);
    }
    free(names);
    cr_assert_null(chart_type_find("bars"));
    cr_assert_null(chart_type_find(""));
    /* bar is grouped-bar under another name. */
    cr_assert_eq(chart_type_find("bar"), chart_type_find("grouped-bar"));
}

/* A spec of type t from its required keys alone, over the table "any". */
static void minimal_spec(const chart_type *t, buf *out)
{
    buf_printf(out, "type: %s\ndata: any\nvalue: count\n", t->name);
    if (t->required & B(K_X))
        buf_puts(out, "x: cat\n");
    if (t->required & B(K_SERIES))
        buf_puts(out, "series: yr\n");
    if (t->required & B(K_SETS))
        buf_puts(out, "sets: a, b\n");
}

/* Every type builds from its required keys, has alt text, a grid with a
 * row of values and an aspect, and draws shapes and text. */
Test(chart_table, every_type_builds_and_draws, .init = setup,
     .fini = teardown)
{
    for (size_t i = 0; i < chart_type_count; i++) {
        const chart_type *t = &chart_types[i];
        buf spec = BUF_INIT;
        minimal_spec(t, &spec);
        chart *c = build_ok(buf_cstr(&spec));
        cr_assert(strlen(chart_alt(c)) > 0, "%s", t->name);
        cr_assert_str_empty(chart_title(c));
        const grid *g = chart_grid(c);
        cr_assert_geq(g->nrows, 2, "%s", t->name);
        cr_assert_geq(g->ncols, 1, "%s", t->name);
        cr_assert_gt(chart_aspect(c), 0, "%s", t->name);
        buf tr = BUF_INIT;
        canvas *cv = canvas_trace_new(fx.fnt, &tr);
        chart_draw(c, cv, 0, 0, 400, 400 * chart_aspect(c));
        cr_assert(!cv->failed, "%s: %s", t->name, cv->error);
        canvas_destroy(cv);
        const char *ops = buf_cstr(&tr);
        cr_assert(strstr(ops, "\nfill\n") || strstr(ops, "\nstroke\n") ||
                      strstr(ops, "\nfill_stroke\n"),
                  "%s draws nothing", t->name);
        cr_assert(strstr(buf_cstr(&tr), "text "), "%s writes nothing",
                  t->name);
        buf_free(&tr);
        chart_free(c);
        buf_free(&spec);
    }
}

/* A key a type does not take is reported with the type's own hint, or
 * the common one. */
Test(chart_table, unused_key_hints_come_from_the_row, .init = setup,
     .fini = teardown)
{
    for (size_t i = 0; i < chart_type_count; i++) {
        const chart_type *t = &chart_types[i];
        for (int k = K_X; k <= K_SETS; k++) {
            if (t->allowed & B(k))
                continue;
            buf spec = BUF_INIT;
            minimal_spec(t, &spec);
            buf_printf(&spec, "%s: cat\n", chart_key_names[k]);
            size_t before = diag_count(fx.dl);
            chart_spec *s = parse(buf_cstr(&spec));
            cr_assert_null(s, "%s took %s", t->name, chart_key_names[k]);
            const diag *g = NULL;
            for (size_t j = before; j < diag_count(fx.dl) && !g; j++)
                if (strstr(diag_get(fx.dl, j)->message, "is not used by"))
                    g = diag_get(fx.dl, j);
            cr_assert_not_null(g, "%s %s", t->name, chart_key_names[k]);
            cr_assert_not_null(g->hint);
            if (t->unused_hint[k])
                cr_assert_str_eq(g->hint, t->unused_hint[k]);
            else if (k == K_SETS)
                cr_assert_str_eq(g->hint, "\"sets:\" is for type: venn");
            else
                cr_assert_str_eq(g->hint, "remove this line");
            buf_free(&spec);
        }
    }
}

/* ------------------------------------------------------------------ */
/* Drawing one chart from several threads */

#define NSIZES 40
#define NTHREADS 8

static pthread_barrier_t start_line;

typedef struct job {
    const chart *c;
    int order; /* which way through the sizes */
    buf out[NSIZES];
} job;

static void box_size(size_t k, double *w, double *h)
{
    *w = 180 + 23 * (double)k;
    *h = 90 + 11 * (double)((k * 7) % NSIZES);
}

static void draw_size(const chart *c, size_t k, buf *out)
{
    double w, h;
    box_size(k, &w, &h);
    canvas *cv = canvas_trace_new(fx.fnt, out);
    chart_draw(c, cv, 10, 20, w, h);
    canvas_destroy(cv);
    buf_printf(out, "legible %.6f aspect %.6f\n",
               chart_legible_height(c, fx.fnt, w, 7), chart_aspect(c));
}

static void *run_job(void *arg)
{
    job *j = arg;
    pthread_barrier_wait(&start_line); /* all at once */
    for (size_t i = 0; i < NSIZES; i++) {
        size_t k = j->order ? NSIZES - 1 - i : i;
        if (j->order > 1)
            k = (i * 7 + (size_t)j->order) % NSIZES;
        draw_size(j->c, k, &j->out[k]);
    }
    return NULL;
}

static void draw_from_threads_once(const char *spec)
{
    /* What one thread draws, with a chart of its own. */
    chart *alone = build_ok(spec);
    buf want[NSIZES];
    for (size_t k = 0; k < NSIZES; k++) {
        want[k] = (buf)BUF_INIT;
        draw_size(alone, k, &want[k]);
    }
    chart_free(alone);

    chart *c = build_ok(spec);
    static job jobs[NTHREADS];
    pthread_barrier_init(&start_line, NULL, NTHREADS);
    pthread_t th[NTHREADS];
    for (int i = 0; i < NTHREADS; i++) {
        jobs[i].c = c;
        jobs[i].order = i;
        for (size_t k = 0; k < NSIZES; k++)
            jobs[i].out[k] = (buf)BUF_INIT;
        cr_assert_eq(pthread_create(&th[i], NULL, run_job, &jobs[i]), 0);
    }
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(th[i], NULL);
    pthread_barrier_destroy(&start_line);
    for (int i = 0; i < NTHREADS; i++)
        for (size_t k = 0; k < NSIZES; k++) {
            cr_assert_str_eq(buf_cstr(&jobs[i].out[k]), buf_cstr(&want[k]),
                             "thread %d, size %zu differs", i, k);
            buf_free(&jobs[i].out[k]);
        }
    for (size_t k = 0; k < NSIZES; k++)
        buf_free(&want[k]);
    chart_free(c);
}

/* A few rounds, each with a fresh chart whose memo is filled while the
 * threads race. */
static void draw_from_threads(const char *spec)
{
    for (int round = 0; round < 4; round++)
        draw_from_threads_once(spec);
}

/* The one rule for a data grid's header (chart_column_head): the
 * description up to its remark, else the name; the unit of a number
 * column from its remark, up to the first ";". */
Test(chart_table, column_heads_come_from_descriptions)
{
    struct {
        const char *name, *desc;
        col_type type;
        const char *label, *unit;
    } cases[] = {
        {"count", "団体数 (団体)", COL_INTEGER, "団体数", "団体"},
        {"count", "回答数 (件; 全団体の合計)", COL_INTEGER, "回答数", "件"},
        {"upper", "区分の上限（千円；上限のない区分は空）", COL_INTEGER,
         "区分の上限", "千円"},
        {"reduction", "削減率 (%; 記載のない例は空)", COL_DECIMAL, "削減率",
         "%"},
        {"year", "調査年度 (H30 = 平成30年度)", COL_YEAR, "調査年度", ""},
        {"org_type", "団体区分", COL_CATEGORY, "団体区分", ""},
        {"org_type", "", COL_CATEGORY, "org_type", ""},
        {"org_type", NULL, COL_CATEGORY, "org_type", ""},
        {"x", " (注のみ)", COL_INTEGER, "x", "注のみ"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        column col = {0};
        col.name = (char *)cases[i].name;
        col.description = (char *)cases[i].desc;
        col.type = cases[i].type;
        buf label = BUF_INIT, unit = BUF_INIT;
        chart_column_head(&col, &label, &unit);
        cr_expect_str_eq(buf_cstr(&label), cases[i].label, "case %zu", i);
        cr_expect_str_eq(buf_cstr(&unit), cases[i].unit, "case %zu", i);
        buf_free(&label);
        buf_free(&unit);
    }
}

Test(chart_table, one_chart_drawn_from_threads, .init = setup,
     .fini = teardown)
{
    /* Long wrapped labels in facets, and value labels in slices. */
    draw_from_threads("type: grouped-bar\ndata: ai_functions\nx: function\n"
                      "series: year\nfacet: org_type\nvalue: count\n"
                      "unit: 件\n");
    draw_from_threads("type: bar\ndata: requests\nx: request\nvalue: count\n"
                      "direction: vertical\n");
    draw_from_threads("type: donut\ndata: motives\nseries: motive\n"
                      "facet: org_type\nvalue: count\n");
}
