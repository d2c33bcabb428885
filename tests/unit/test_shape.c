/* shape: sheets laid out for people, read through their schema's
 * declarations into the same tables as their tidy twins.  The fixture
 * (tests/tools/make_ministry_fixture.py) is a workbook laid out as a
 * ministry's: title rows, a header of two rows with merged cells, org
 * types as rows, percentages formatted as %, a total column and row, notes
 * below; written by openpyxl and saved again by LibreOffice Calc. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "fsutil.h"
#include "load.h"
#include "shape.h"

#define FIX "tests/fixtures/xlsx/"

static char dir[32];

static void copy_in(const char *from, const char *name)
{
    size_t len;
    char *text = fs_read(from, &len, NULL);
    cr_assert_not_null(text, "%s", from);
    char *p = fs_join(dir, name);
    cr_assert_eq(fs_write_atomic(p, text, len, NULL), 0);
    free(p);
    free(text);
}

static void put(const char *name, const char *text)
{
    char *p = fs_join(dir, name);
    cr_assert_eq(fs_write_atomic(p, text, strlen(text), NULL), 0);
    free(p);
}

static void scratch(void)
{
    strcpy(dir, "/tmp/shiryo-shape-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
}

static void cleanup(void)
{
    buf cmd = BUF_INIT;
    buf_printf(&cmd, "rm -rf '%s'", dir);
    cr_expect_eq(system(buf_cstr(&cmd)), 0);
    buf_free(&cmd);
}

static void no_errors(const diag_list *d)
{
    for (size_t i = 0; i < diag_count(d); i++) {
        const diag *g = diag_get(d, i);
        cr_expect(g->severity != DIAG_ERROR, "%s:%d:%d: %s", g->file, g->line,
                  g->col, g->message);
    }
    cr_assert_eq(diag_error_count(d), 0);
}

/* a and b hold the same table: names, types, rows, values, provenance */
static void same_table(const table *a, const table *b)
{
    cr_assert_eq(a->ncols, b->ncols, "%s", a->name);
    cr_assert_eq(a->nrows, b->nrows, "%s: %zu rows, tidy %zu", a->name,
                 a->nrows, b->nrows);
    for (size_t k = 0; k < a->ncols; k++) {
        const column *x = &a->cols[k], *y = &b->cols[k];
        cr_assert_str_eq(x->name, y->name);
        cr_assert_eq(x->type, y->type, "%s", x->name);
        cr_assert_eq(x->percent, y->percent, "%s", x->name);
        for (size_t i = 0; i < a->nrows; i++) {
            const cell *p = &x->cells[i], *q = &y->cells[i];
            cr_assert_eq(p->missing, q->missing, "%s row %zu", x->name, i);
            cr_assert_eq(p->num, q->num, "%s row %zu: %.17g, tidy %.17g",
                         x->name, i, p->num, q->num);
            cr_assert_str_eq(p->text, q->text, "%s row %zu", x->name, i);
        }
    }
    for (size_t i = 0; i < a->nrows; i++)
        cr_assert_eq(a->status[i], b->status[i]);
}

static tableset *load_dir(const char *d_, diag_list *d)
{
    tableset *ts = tableset_load_dir(d_, CSV_ENC_AUTO, d);
    cr_assert_not_null(ts);
    no_errors(d);
    return ts;
}

static void reads_as_tidy(const char *book)
{
    scratch();
    copy_in(FIX "ministry/ai_share.schema.csv", "ai_share.schema.csv");
    copy_in(book, "survey.xlsx");
    diag_list *d = diag_list_new(), *dt = diag_list_new();
    tableset *ts = load_dir(dir, d);
    tableset *tidy = load_dir(FIX "ministry-tidy", dt);
    cr_assert_eq(tableset_count(ts), 2);
    const char *names[] = {"ai_share", "ai_stage"};
    for (int i = 0; i < 2; i++) {
        const table *a = tableset_find(ts, names[i]);
        cr_assert_not_null(a, "%s", names[i]);
        same_table(a, tableset_find(tidy, names[i]));
    }
    /* positions are the cells the user sees */
    const table *share = tableset_find(ts, "ai_share");
    cr_assert(strstr(share->path, "survey.xlsx [AI導入率]"));
    const column *v = &share->cols[table_col(share, "share")];
    cr_assert_eq(v->cells[0].line, 5); /* B5 */
    cr_assert_eq(v->cells[0].col, -2);
    cr_assert_eq(v->cells[8].line, 7); /* D7 */
    cr_assert_eq(v->cells[8].col, -4);
    const table *stage = tableset_find(ts, "ai_stage");
    const column *y = &stage->cols[table_col(stage, "year")];
    /* row 4: 都道府県, 令和5年度, 導入済み: E3, a cell of a merged range */
    cr_assert_str_eq(y->cells[3].text, "令和5年度");
    cr_assert_eq(y->cells[3].line, 3);
    cr_assert_eq(y->cells[3].col, -5);
    tableset_free(ts);
    tableset_free(tidy);
    diag_list_free(d);
    diag_list_free(dt);
    cleanup();
}

Test(shape, ministry_sheet_written_by_openpyxl_reads_as_its_tidy_twin)
{
    reads_as_tidy(FIX "ministry/survey-openpyxl.xlsx");
}

Test(shape, ministry_sheet_saved_by_libreoffice_reads_as_its_tidy_twin)
{
    reads_as_tidy(FIX "ministry/survey-calc.xlsx");
}

/* ---- the same declarations over CSV files ------------------------- */

static const char *SCHEMA = "column,type,values,description,from\n"
                            "@header,,3:4,,\n"
                            "@end,,（注）,,\n"
                            "org_type,category,都道府県|指定都市,団体区分,\n"
                            "year,year,,調査年度,3\n"
                            "n,integer,,団体数 (団体),B:C\n";

/* A CSV saved from a sheet with a title, a merged header (Excel saves its
 * text in the first cell only) and a note. */
static const char *DATA = "表1 導入団体数,,\n"
                          ",,\n"
                          "団体区分,令和5年度,令和6年度\n"
                          ",導入済み,導入済み\n"
                          "都道府県,44,47\n"
                          "\n"
                          "指定都市,20,20\n"
                          "（注）令和6年度は速報。,,\n";

static diag_list *load_csv(const char *schema, const char *data, tableset **ts)
{
    scratch();
    put("t.schema.csv", schema);
    put("t.csv", data);
    diag_list *d = diag_list_new();
    *ts = tableset_load_dir(dir, CSV_ENC_AUTO, d);
    cleanup();
    return d;
}

Test(shape, csv_with_title_blank_row_and_note_is_unpivoted)
{
    tableset *ts;
    diag_list *d = load_csv(SCHEMA, DATA, &ts);
    no_errors(d);
    const table *t = tableset_find(ts, "t");
    cr_assert_not_null(t);
    cr_assert_eq(t->nrows, 4); /* 2 org types x 2 years; blank row skipped */
    const column *y = &t->cols[1], *n = &t->cols[2];
    cr_assert_eq(y->cells[0].num, 2023);
    cr_assert_eq(y->cells[1].num, 2024);
    cr_assert_eq(n->cells[1].num, 47);
    cr_assert_eq(n->cells[3].num, 20);
    cr_assert_eq(n->cells[3].line, 7);
    tableset_free(ts);
    diag_list_free(d);
}

static const diag *only_error(const diag_list *d)
{
    cr_assert_eq(diag_error_count(d), 1);
    for (size_t i = 0; i < diag_count(d); i++)
        if (diag_get(d, i)->severity == DIAG_ERROR)
            return diag_get(d, i);
    return NULL;
}

Test(shape, a_note_below_the_table_without_end_is_an_error)
{
    tableset *ts;
    char *schema = strdup(SCHEMA);
    char *end = strstr(schema, "@end,,（注）,,\n");
    memmove(end, end + strlen("@end,,（注）,,\n"),
            strlen(end + strlen("@end,,（注）,,\n")) + 1);
    diag_list *d = load_csv(schema, DATA, &ts);
    const diag *g = only_error(d);
    cr_assert(strstr(g->file, "t.csv"));
    cr_assert_eq(g->line, 8);
    cr_assert_str_eq(g->message,
                     "a note below the table would be read as data");
    cr_assert(strstr(g->hint, "@end,,※|（注）"));
    free(schema);
    tableset_free(ts);
    diag_list_free(d);
}

Test(shape, a_column_not_in_the_header_is_named)
{
    tableset *ts;
    const char *schema = "column,type,values,description,from\n"
                         "@header,,3,,\n"
                         "org_type,category,都道府県|指定都市,団体種別,\n"
                         "n,integer,,団体数,B\n";
    diag_list *d =
        load_csv(schema, "title,\n,\n団体区分,件数\n都道府県,3\n", &ts);
    const diag *g = only_error(d);
    cr_assert(strstr(g->file, "t.schema.csv"));
    cr_assert_eq(g->line, 3);
    cr_assert(strstr(g->message, "column \"org_type\" is not in the header"));
    cr_assert(strstr(g->message, "\"団体種別\""));
    tableset_free(ts);
    diag_list_free(d);
}

Test(shape, a_header_row_that_is_empty_is_named)
{
    tableset *ts;
    const char *schema = "column,type,values,description,from\n"
                         "@header,,9,,\n"
                         "n,integer,,,A\n";
    diag_list *d = load_csv(schema, "n\n1\n", &ts);
    const diag *g = only_error(d);
    cr_assert_eq(g->line, 2);
    cr_assert(strstr(g->message, "@header names row 9"));
    tableset_free(ts);
    diag_list_free(d);
}

Test(shape, declarations_are_checked)
{
    struct {
        const char *row, *msg;
        int col;
    } bad[] = {
        {"@heder,,3,,\n", "unknown declaration \"@heder\"", 1},
        {"@header,,x,,\n", "@header \"x\": expected", 10},
        {"@header,,,,\n", "@header without a value", 10},
        {"n2,integer,,,c:d\n", "\"c:d\" in the from column of \"n2\"", 14},
        {"n2,integer,,,2\n", "no column has the range", 14},
        {"n2,integer,,,B:C\nn3,integer,,,D:E\n", "a second range", 14},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        buf s = BUF_INIT;
        buf_printf(&s,
                   "column,type,values,description,from\n"
                   "n,integer,,,\n%s",
                   bad[i].row);
        tableset *ts;
        diag_list *d = load_csv(buf_cstr(&s), "n\n1\n", &ts);
        const diag *g = only_error(d);
        cr_expect(strstr(g->message, bad[i].msg), "%s: %s", bad[i].row,
                  g->message);
        cr_expect_eq(g->col, bad[i].col, "%s", bad[i].row);
        cr_expect_null(tableset_find(ts, "t"));
        tableset_free(ts);
        diag_list_free(d);
        buf_free(&s);
    }
}

Test(shape, percent_reads_points_with_or_without_the_sign)
{
    tableset *ts;
    diag_list *d = load_csv("column,type,values,description\n"
                            "r,percent,,率 (%)\n",
                            "r\n25.3\n25.3%\n25.3％\n", &ts);
    no_errors(d);
    const table *t = tableset_find(ts, "t");
    for (int i = 0; i < 3; i++)
        cr_expect_eq(t->cols[0].cells[i].num, 25.3);
    tableset_free(ts);
    diag_list_free(d);
}

/* ---- @status: a status per column or per cell ---------------------- */

static const char *STATUS_DATA = "year,n,m,n_status,status\n"
                                 "R6,1788,10,確報,速報\n"
                                 "R7,1788,12,速報,仮\n";

Test(shape, status_per_column_and_per_cell)
{
    tableset *ts;
    diag_list *d = load_csv("column,type,values,description\n"
                            "@status,,status: m,\n"
                            "@status,,n_status: n,\n"
                            "year,year,,\nn,integer,,\nm,integer,,\n"
                            "n_status,category,確報|速報|仮,\n"
                            "status,category,確報|速報|仮,\n",
                            STATUS_DATA, &ts);
    no_errors(d);
    const table *t = tableset_find(ts, "t");
    cr_assert_eq(table_cell_prov(t, 0, 0), PROV_FINAL); /* year: none */
    cr_assert_eq(table_cell_prov(t, 0, 1), PROV_FINAL); /* n: n_status */
    cr_assert_eq(table_cell_prov(t, 1, 1), PROV_PRELIMINARY);
    cr_assert_eq(table_cell_prov(t, 0, 2), PROV_PRELIMINARY); /* m: status */
    cr_assert_eq(table_cell_prov(t, 1, 2), PROV_PLACEHOLDER);
    cr_assert_eq(table_row_prov(t, 1), PROV_PLACEHOLDER);
    tableset_free(ts);
    diag_list_free(d);
}

Test(shape, without_status_declarations_the_status_column_covers_all)
{
    tableset *ts;
    diag_list *d = load_csv("column,type,values,description\n"
                            "year,year,,\nn,integer,,\nm,integer,,\n"
                            "n_status,category,確報|速報|仮,\n"
                            "status,category,確報|速報|仮,\n",
                            STATUS_DATA, &ts);
    no_errors(d);
    const table *t = tableset_find(ts, "t");
    for (size_t c = 0; c < 3; c++)
        cr_assert_eq(table_cell_prov(t, 1, c), PROV_PLACEHOLDER);
    tableset_free(ts);
    diag_list_free(d);
}

Test(shape, a_column_covered_by_two_status_columns_is_an_error)
{
    tableset *ts;
    diag_list *d = load_csv("column,type,values,description\n"
                            "@status,,status: n|m,\n"
                            "@status,,n_status: n,\n"
                            "year,year,,\nn,integer,,\nm,integer,,\n"
                            "n_status,category,確報|速報|仮,\n"
                            "status,category,確報|速報|仮,\n",
                            STATUS_DATA, &ts);
    const diag *g = only_error(d);
    cr_assert_eq(g->line, 3);
    cr_assert_str_eq(g->message, "column \"n\" is covered by two status "
                                 "columns, \"status\" and \"n_status\"");
    cr_assert_null(tableset_find(ts, "t"));
    tableset_free(ts);
    diag_list_free(d);
}
