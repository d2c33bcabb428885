/* The front half of the pipeline (project_load) and the PDF writer, on a
 * small fixture project. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "font.h"
#include "fsutil.h"
#include "out_pdf.h"
#include "project.h"

#define FONT "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"
#define FIX "tests/fixtures/project/"

Test(project, loads_data_and_templates_in_name_order)
{
    diag_list *d = diag_list_new();
    project_opts o = {FIX "data", FIX "templates", CSV_ENC_AUTO};
    project *p = project_load(&o, d);
    cr_assert_eq(diag_error_count(d), 0);
    cr_assert_not_null(p->deck);
    cr_expect_str_eq(p->deck->name, "fixture");
    cr_assert_eq(p->deck->nslides, 2);
    cr_expect_eq(p->deck->slides[0].kind, SLIDE_COVER);
    char *t = rich_plain(&p->deck->slides[1].points[0]);
    cr_expect_str_eq(t, "都道府県は47団体。");
    free(t);
    project_free(p);
    diag_list_free(d);
}

Test(project, data_errors_stop_before_expansion)
{
    char dir[] = "/tmp/shiryo-proj-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    diag_list *d = diag_list_new();
    char *data = fs_join(dir, "data");
    fs_mkdirs(data, d);
    char *csvp = fs_join(data, "t.csv");
    const char *bad = "year,org_type,count\nR6,都道府県,\"47\n";
    fs_write_atomic(csvp, bad, strlen(bad), d);
    project_opts o = {data, FIX "templates", CSV_ENC_AUTO};
    project *p = project_load(&o, d);
    cr_expect_null(p->deck);
    /* one error, the CSV's; no cascade from the template using t */
    cr_expect_eq(diag_error_count(d), 1);
    const diag *g = diag_get(d, 0);
    cr_expect_str_eq(g->file, csvp);
    cr_expect_eq(g->line, 2);
    cr_expect_eq(g->col, 9);
    project_free(p);
    unlink(csvp);
    rmdir(data);
    rmdir(dir);
    free(csvp);
    free(data);
    diag_list_free(d);
}

Test(project, no_templates_is_an_error)
{
    char dir[] = "/tmp/shiryo-proj-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    diag_list *d = diag_list_new();
    project_opts o = {FIX "data", dir, CSV_ENC_AUTO};
    project *p = project_load(&o, d);
    cr_expect_null(p->deck);
    cr_expect_eq(diag_error_count(d), 1);
    cr_expect(strstr(diag_get(d, 0)->message, "no templates") != NULL);
    project_free(p);
    rmdir(dir);
    diag_list_free(d);
}

Test(project, pdf_written_atomically)
{
    diag_list *d = diag_list_new();
    project_opts o = {FIX "data", FIX "templates", CSV_ENC_AUTO};
    project *p = project_load(&o, d);
    cr_assert_not_null(p->deck);
    font *f = font_open(FONT, d);
    cr_assert_not_null(f);
    char dir[] = "/tmp/shiryo-pdf-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char *path = fs_join(dir, "fixture.pdf");
    layout_opts lo = {PAGE_A4_LANDSCAPE};
    layout_result *lr = layout_deck(p->deck, f, &lo, d);
    cr_assert_not_null(lr);
    cr_assert_eq(out_pdf_save(p->deck, f, lr, path, d), 0);
    size_t len;
    char *pdf = fs_read(path, &len, d);
    cr_assert_not_null(pdf);
    cr_expect_eq(memcmp(pdf, "%PDF-", 5), 0);
    cr_expect_gt(len, 1000);
    /* the same deck again: byte-identical */
    cr_assert_eq(out_pdf_save(p->deck, f, lr, path, d), 0);
    size_t len2;
    char *pdf2 = fs_read(path, &len2, d);
    cr_expect_eq(len, len2);
    cr_expect_eq(memcmp(pdf, pdf2, len), 0);
    /* no temporary file is left beside it */
    char **names;
    size_t n;
    fs_list(dir, "", &names, &n, d);
    cr_expect_eq(n, 1, "only the PDF in the directory");
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    /* a target in a missing directory fails with an error */
    cr_expect_eq(out_pdf_save(p->deck, f, lr, "/nonexistent/x.pdf", d), -1);
    layout_result_free(lr);
    cr_expect_geq(diag_error_count(d), 1);
    unlink(path);
    rmdir(dir);
    free(pdf);
    free(pdf2);
    free(path);
    font_free(f);
    project_free(p);
    diag_list_free(d);
}
