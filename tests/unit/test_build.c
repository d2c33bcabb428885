/* The build: the pipeline run once, and the table of output writers.  A
 * writer defined here, in a table of its own, is run by build_run with
 * no change anywhere else: that is all a new output format needs (plus
 * its row in writers.c and its flag in cli.c). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "build.h"
#include "cli.h"
#include "fsutil.h"
#include "output.h"

#define FONT "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"
#define FIX "tests/fixtures/project/"

/* What the test writers saw, in the order they ran. */
static buf calls;

static int record(const char *name, const build_result *b, const char *out)
{
    cr_assert_not_null(b->deck);
    cr_assert_not_null(b->font);
    cr_assert_not_null(b->layout);
    cr_expect_eq(b->layout->npages, b->deck->nslides);
    cr_expect_not_null(b->layout->display);
    struct stat st;
    cr_expect(stat(out, &st) == 0 && S_ISDIR(st.st_mode),
              "the output directory exists before any writer runs");
    buf_printf(&calls, "%s(%zu slides, %zu charts);", name, b->deck->nslides,
               b->layout->ncharts);
    return 0;
}

static int write_a(const build_result *b, const char *out, diag_list *d)
{
    (void)d;
    return record("a", b, out);
}

static int write_b(const build_result *b, const char *out, diag_list *d)
{
    (void)d;
    return record("b", b, out);
}

static int write_fails(const build_result *b, const char *out, diag_list *d)
{
    record("fails", b, out);
    diag_add(d, DIAG_ERROR, out, 0, 0, "cannot write the test output");
    return -1;
}

static void wrote_b(const build_result *b, const char *out, buf *line)
{
    buf_printf(line, "%s/b.test (%s)", out, b->deck->name);
}

static const output_writer TABLE[] = {
    {"a", "first", write_a, NULL},
    {"b", "second", write_b, wrote_b},
    {"a-again", "first", write_a, NULL},
};

/* A scratch output directory (not created), freed by the caller. */
static char *scratch(char dir[32])
{
    strcpy(dir, "/tmp/shiryo-build-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    return fs_join(dir, "out");
}

static build_opts opts_for(const char *out, const output_writer *w, size_t n)
{
    build_opts o = {.project = {FIX "data", FIX "templates", CSV_ENC_AUTO},
                    .font = FONT,
                    .out_dir = out,
                    .writers = w,
                    .nwriters = n};
    return o;
}

static void cleanup(char dir[32], char *out)
{
    buf cmd = BUF_INIT;
    buf_printf(&cmd, "rm -rf '%s'", dir);
    cr_expect_eq(system(buf_cstr(&cmd)), 0);
    buf_free(&cmd);
    free(out);
    buf_free(&calls);
}

Test(build, a_writer_of_its_own_table_runs_with_the_result)
{
    char dir[32];
    char *out = scratch(dir);
    build_opts o = opts_for(out, TABLE, 3);
    diag_list *d = diag_list_new();
    build_report r;
    cr_assert_eq(build_run(&o, &r, d), 0);
    cr_expect_eq(r.status, BUILD_OK);
    cr_expect_eq(r.nslides, 2);
    /* every row, in table order; the fixture's one chart was laid out */
    cr_expect_str_eq(buf_cstr(&calls), "a(2 slides, 1 charts);"
                                       "b(2 slides, 1 charts);"
                                       "a(2 slides, 1 charts);");
    cr_assert_eq(r.nwrote, 1, "only b says what it wrote");
    buf want = BUF_INIT;
    buf_printf(&want, "%s/b.test (fixture)", out);
    cr_expect_str_eq(r.wrote[0], buf_cstr(&want));
    buf_free(&want);
    build_report_free(&r);
    diag_list_free(d);
    cleanup(dir, out);
}

Test(build, outputs_select_rows_by_option)
{
    char dir[32];
    char *out = scratch(dir);
    const char *second[] = {"second"};
    build_opts o = opts_for(out, TABLE, 3);
    o.outputs = second;
    o.noutputs = 1;
    diag_list *d = diag_list_new();
    build_report r;
    cr_assert_eq(build_run(&o, &r, d), 0);
    cr_expect_str_eq(buf_cstr(&calls), "b(2 slides, 1 charts);");
    build_report_free(&r);
    /* one option selects every row that has it */
    buf_reset(&calls);
    const char *first[] = {"first"};
    o.outputs = first;
    cr_assert_eq(build_run(&o, &r, d), 0);
    cr_expect_str_eq(buf_cstr(&calls), "a(2 slides, 1 charts);"
                                       "a(2 slides, 1 charts);");
    cr_expect_eq(r.nwrote, 0);
    build_report_free(&r);
    diag_list_free(d);
    cleanup(dir, out);
}

Test(build, an_unknown_output_is_an_error_before_anything_runs)
{
    char dir[32];
    char *out = scratch(dir);
    const char *pptx[] = {"second", "pptx"};
    build_opts o = opts_for(out, TABLE, 3);
    o.outputs = pptx;
    o.noutputs = 2;
    diag_list *d = diag_list_new();
    build_report r;
    cr_expect_eq(build_run(&o, &r, d), -1);
    cr_expect_eq(r.status, BUILD_FAILED_INPUT);
    cr_expect_str_eq(buf_cstr(&calls), "");
    const diag *g = diag_get(d, 0);
    cr_assert_not_null(g);
    cr_expect_str_eq(g->message, "no output is named \"pptx\"");
    cr_expect_str_eq(g->hint, "the outputs are: first, second");
    cr_expect_neq(access(out, F_OK), 0, "nothing was made");
    build_report_free(&r);
    diag_list_free(d);
    cleanup(dir, out);
}

Test(build, check_lays_out_and_writes_nothing)
{
    char dir[32];
    char *out = scratch(dir);
    build_opts o = opts_for(out, TABLE, 3);
    o.check = 1;
    diag_list *d = diag_list_new();
    build_report r;
    cr_assert_eq(build_run(&o, &r, d), 0);
    cr_expect_eq(r.nslides, 2);
    cr_expect_str_eq(buf_cstr(&calls), "", "no writer runs");
    cr_expect_neq(access(out, F_OK), 0, "no output directory either");
    build_report_free(&r);
    diag_list_free(d);
    cleanup(dir, out);
}

Test(build, a_failing_writer_stops_the_ones_after_it)
{
    char dir[32];
    char *out = scratch(dir);
    const output_writer t[] = {{"a", "first", write_a, NULL},
                               {"fails", "first", write_fails, NULL},
                               {"b", "second", write_b, wrote_b}};
    build_opts o = opts_for(out, t, 3);
    diag_list *d = diag_list_new();
    build_report r;
    cr_expect_eq(build_run(&o, &r, d), -1);
    cr_expect_eq(r.status, BUILD_FAILED_OUTPUT);
    cr_expect_str_eq(buf_cstr(&calls), "a(2 slides, 1 charts);"
                                       "fails(2 slides, 1 charts);");
    cr_expect_eq(r.nwrote, 0);
    build_report_free(&r);
    diag_list_free(d);
    cleanup(dir, out);
}

Test(build, an_input_error_runs_no_writer)
{
    char dir[32];
    char *out = scratch(dir);
    build_opts o = opts_for(out, TABLE, 3);
    o.project.data_dir = FIX "no-such-dir";
    diag_list *d = diag_list_new();
    build_report r;
    cr_expect_eq(build_run(&o, &r, d), -1);
    cr_expect_eq(r.status, BUILD_FAILED_INPUT);
    cr_expect_str_eq(buf_cstr(&calls), "");
    cr_expect_geq(diag_error_count(d), 1);
    cr_expect_neq(access(out, F_OK), 0);
    build_report_free(&r);
    diag_list_free(d);
    cleanup(dir, out);
}

/* Every row of the real table can be asked for on the command line: its
 * option is a flag of `shiryo build`, which cli_parse hands on as that
 * name. */
Test(build, every_writer_is_selected_by_a_build_flag)
{
    for (size_t i = 0; i < output_nwriters; i++) {
        buf flag = BUF_INIT;
        buf_printf(&flag, "--%s", output_writers[i].option);
        char *argv[] = {"shiryo", "build", flag.data, NULL};
        cli_args a;
        buf err = BUF_INIT;
        cr_assert_eq(cli_parse(3, argv, &a, &err), 0, "%s: %s", flag.data,
                     buf_cstr(&err));
        cr_assert_eq(a.noutputs, 1);
        cr_expect_str_eq(a.outputs[0], output_writers[i].option);
        buf_free(&err);
        buf_free(&flag);
    }
    /* no flag: every output; the same flag twice: once */
    char *none[] = {"shiryo", "build", NULL};
    char *twice[] = {"shiryo", "build", "--html", "--pdf", "--html", NULL};
    cli_args a;
    buf err = BUF_INIT;
    cr_assert_eq(cli_parse(2, none, &a, &err), 0);
    cr_expect_eq(a.noutputs, 0);
    cr_assert_eq(cli_parse(5, twice, &a, &err), 0);
    cr_assert_eq(a.noutputs, 2);
    cr_expect_str_eq(a.outputs[0], "html");
    cr_expect_str_eq(a.outputs[1], "pdf");
    buf_free(&err);
}

/* The real writers: --pdf writes the PDF alone, --html the site and its
 * chart data alone, from the same layout. */
Test(build, the_real_table_pdf_and_site_apart)
{
    char dir[32];
    char *out = scratch(dir);
    diag_list *d = diag_list_new();
    build_opts o = opts_for(out, NULL, 0);
    const char *pdf[] = {"pdf"}, *html[] = {"html"};
    o.outputs = pdf;
    o.noutputs = 1;
    build_report r;
    cr_assert_eq(build_run(&o, &r, d), 0);
    cr_assert_eq(r.nwrote, 1);
    cr_expect(strstr(r.wrote[0], "/out/fixture.pdf (2 pages)") != NULL, "%s",
              r.wrote[0]);
    build_report_free(&r);
    char *pdfp = fs_join(out, "fixture.pdf");
    char *index = fs_join(out, "site/index.html");
    char *data = fs_join(out, "site/data/s2-f1-都道府県の団体数.csv");
    cr_expect_eq(access(pdfp, F_OK), 0);
    cr_expect_neq(access(index, F_OK), 0, "--pdf writes no site");
    size_t len1, len2;
    char *pdf1 = fs_read(pdfp, &len1, d);
    cr_assert_not_null(pdf1);
    o.outputs = html;
    cr_assert_eq(build_run(&o, &r, d), 0);
    cr_assert_eq(r.nwrote, 1);
    cr_expect(strstr(r.wrote[0], "/out/site/index.html") != NULL);
    cr_expect_eq(access(index, F_OK), 0);
    cr_expect_eq(access(data, F_OK), 0, "the chart's data file");
    /* the outputs of writers that did not run are kept as they were */
    char *pdf2 = fs_read(pdfp, &len2, d);
    cr_assert_not_null(pdf2, "--html keeps the PDF of the --pdf build");
    cr_expect(len1 == len2 && memcmp(pdf1, pdf2, len1) == 0);
    build_report_free(&r);
    free(pdf1);
    free(pdf2);
    free(pdfp);
    free(index);
    free(data);
    cleanup(dir, out);

    /* into an empty folder, --html writes no PDF */
    out = scratch(dir);
    o.out_dir = out;
    pdfp = fs_join(out, "fixture.pdf");
    index = fs_join(out, "site/index.html");
    cr_assert_eq(build_run(&o, &r, d), 0);
    cr_expect_eq(access(index, F_OK), 0);
    cr_expect_neq(access(pdfp, F_OK), 0, "--html writes no PDF");
    build_report_free(&r);
    free(pdfp);
    free(index);
    diag_list_free(d);
    cleanup(dir, out);
}
