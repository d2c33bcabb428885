/* load: the data directory through a table of readers.  A reader defined
 * here (tab-separated values), in a table of its own, is all a new input
 * format needs: its files are found, paired with their schemas (of any
 * reader's format) and typed like the CSV ones. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "fsutil.h"
#include "load.h"
#include "xlsx.h"

/* A reader of its own: tabs for commas, then the CSV rules. */
static sheet *tsv_read(const char *path, csv_encoding enc, diag_list *d)
{
    size_t len;
    char *text = fs_read(path, &len, d);
    if (!text)
        return NULL;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\t')
            text[i] = ',';
    sheet *s = csv_parse(path, text, len, enc, d);
    free(text);
    return s;
}

static const data_reader READERS[] = {
    {".csv", csv_read_file},
    {".tsv", tsv_read},
};

static char dir[32];

static void put(const char *name, const char *text)
{
    char *p = fs_join(dir, name);
    cr_assert_eq(fs_write_atomic(p, text, strlen(text), NULL), 0);
    free(p);
}

static void scratch(void)
{
    strcpy(dir, "/tmp/shiryo-load-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
}

static void cleanup(void)
{
    buf cmd = BUF_INIT;
    buf_printf(&cmd, "rm -rf '%s'", dir);
    cr_expect_eq(system(buf_cstr(&cmd)), 0);
    buf_free(&cmd);
}

static const char *SCHEMA = "column,type,values,description\n"
                            "kind,category,甲|乙,\n"
                            "n,integer,,\n";

Test(load, a_reader_of_its_own_is_one_row)
{
    scratch();
    put("b.tsv", "kind\tn\n甲\t1\n乙\t2\n");
    put("b.schema.csv", SCHEMA); /* a CSV schema for a TSV file */
    put("a.csv", "x,y\n1,2\n");
    put("README.md", "not data");
    put(".hidden.tsv", "x\n1\n");
    diag_list *d = diag_list_new();
    tableset *ts = load_dir_with(dir, CSV_ENC_AUTO, READERS, 2, d);
    cr_assert_not_null(ts);
    cr_expect_eq(diag_count(d), 0);
    cr_assert_eq(tableset_count(ts), 2);
    cr_expect_str_eq(tableset_get(ts, 0)->name, "a");
    const table *b = tableset_get(ts, 1);
    cr_expect_str_eq(b->name, "b");
    cr_expect_eq(b->nrows, 2);
    cr_expect_eq(b->cols[0].type, COL_CATEGORY, "typed by its schema");
    cr_expect_eq(b->cols[1].type, COL_INTEGER);
    cr_expect_float_eq(b->cols[1].cells[1].num, 2, 1e-12);
    cr_expect(strstr(b->path, "/b.tsv") != NULL, "%s", b->path);
    tableset_free(ts);
    /* the same directory with the project's table: the .tsv is no data */
    ts = tableset_load_dir(dir, CSV_ENC_AUTO, d);
    cr_expect_eq(tableset_count(ts), 1);
    cr_expect_eq(diag_error_count(d), 1, "b.schema.csv has no data file");
    tableset_free(ts);
    diag_list_free(d);
    cleanup();
}

Test(load, the_projects_readers)
{
    cr_assert_eq(load_nreaders, 3);
    cr_expect_str_eq(load_readers[0].ext, ".csv");
    cr_expect(load_readers[0].read == csv_read_file);
    cr_expect_str_eq(load_readers[1].ext, ".xlsx");
    cr_expect(load_readers[1].read_book == xlsx_read_book);
    cr_expect_str_eq(load_readers[2].ext, ".xls");
    cr_expect(load_readers[2].read_book == xls_refuse);
}

/* Three files read as Shift_JIS: one note for the build, naming them. */
Test(load, shift_jis_noted_once_per_build)
{
    scratch();
    size_t len;
    char *sj = fs_read("tests/fixtures/csv/survey_cp932.csv", &len, NULL);
    cr_assert_not_null(sj);
    put("a.csv", sj);
    put("b.csv", sj);
    put("c.csv", sj);
    free(sj);
    diag_list *d = diag_list_new();
    tableset *ts = load_dir_with(dir, CSV_ENC_AUTO, READERS, 2, d);
    cr_assert_eq(diag_error_count(d), 0);
    cr_assert_eq(diag_count(d), 1, "one note, not one per file");
    const diag *g = diag_get(d, 0);
    cr_expect(strstr(g->file, "/a.csv") != NULL, "%s", g->file);
    cr_expect(strstr(g->message, "read as Shift_JIS (CP932), as were 2 other "
                                 "files (") == g->message,
              "%s", g->message);
    cr_expect(strstr(g->message, "/c.csv): they are not valid UTF-8"), "%s",
              g->message);
    cr_expect_eq(tableset_count(ts), 3);
    tableset_free(ts);
    diag_list_free(d);
    cleanup();
}

Test(load, two_files_for_one_table)
{
    scratch();
    put("t.csv", "x\n1\n");
    put("t.tsv", "x\n2\n");
    diag_list *d = diag_list_new();
    tableset *ts = load_dir_with(dir, CSV_ENC_AUTO, READERS, 2, d);
    cr_assert_eq(diag_error_count(d), 1);
    const diag *g = diag_get(d, 0);
    cr_expect(strstr(g->file, "/t.tsv") != NULL, "%s", g->file);
    cr_expect_str_eq(g->message, "a second file for \"t\": t.csv is there too");
    cr_expect_eq(tableset_count(ts), 1, "the first is loaded");
    tableset_free(ts);
    diag_list_free(d);
    cleanup();
}

Test(load, tables_in_name_order_and_orphan_schemas)
{
    scratch();
    /* by name, not by file name: "a" before "a-b" although "a-b.csv"
     * sorts before "a.csv" */
    put("a-b.csv", "x\n1\n");
    put("a.csv", "x\n1\n");
    put("kinds.schema.tsv", "column\ttype\tvalues\tdescription\n");
    put("kind.csv", "x\n1\n");
    diag_list *d = diag_list_new();
    tableset *ts = load_dir_with(dir, CSV_ENC_AUTO, READERS, 2, d);
    cr_assert_eq(tableset_count(ts), 3);
    cr_expect_str_eq(tableset_get(ts, 0)->name, "a");
    cr_expect_str_eq(tableset_get(ts, 1)->name, "a-b");
    cr_expect_str_eq(tableset_get(ts, 2)->name, "kind");
    cr_assert_eq(diag_error_count(d), 1);
    const diag *g = diag_get(d, 0);
    cr_expect_str_eq(g->message, "schema without a data file: expected "
                                 "kinds.tsv beside it");
    cr_expect_str_eq(g->hint, "did you mean the schema for \"kind.csv\"? "
                              "rename it to kind.schema.tsv");
    tableset_free(ts);
    diag_list_free(d);
    cleanup();
}

Test(load, a_directory_that_cannot_be_read)
{
    diag_list *d = diag_list_new();
    cr_expect_null(tableset_load_dir("/nonexistent/data", CSV_ENC_AUTO, d));
    cr_assert_eq(diag_count(d), 1, "one error, not fs_list's as well");
    cr_expect_str_eq(diag_get(d, 0)->message, "cannot read the data directory");
    diag_list_free(d);
}
