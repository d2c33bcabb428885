#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "load.h"
#include "table.h"

#define FIX(name) "tests/fixtures/csv/" name

typedef struct loaded {
    diag_list *d;
    sheet *data, *schema;
    table *t;
} loaded;

static loaded load(const char *data, const char *schema)
{
    loaded l = {diag_list_new(), NULL, NULL, NULL};
    l.data = csv_read_file(data, CSV_ENC_AUTO, l.d);
    cr_assert_not_null(l.data, "%s must parse as CSV", data);
    if (schema) {
        l.schema = csv_read_file(schema, CSV_ENC_AUTO, l.d);
        cr_assert_not_null(l.schema);
    }
    l.t = table_from_csv("t", l.data, l.schema, l.d);
    return l;
}

static loaded load_mem(const char *text, const char *schema)
{
    loaded l = {diag_list_new(), NULL, NULL, NULL};
    l.data = csv_parse("mem.csv", text, strlen(text), CSV_ENC_UTF8, l.d);
    cr_assert_not_null(l.data);
    if (schema) {
        l.schema = csv_parse("mem.schema.csv", schema, strlen(schema),
                             CSV_ENC_UTF8, l.d);
        cr_assert_not_null(l.schema);
    }
    l.t = table_from_csv("mem", l.data, l.schema, l.d);
    return l;
}

static void unload(loaded *l)
{
    table_free(l->t);
    sheet_free(l->data);
    sheet_free(l->schema);
    diag_list_free(l->d);
}

/* The i-th error (0-based among errors) is at line:col in file and its
 * message contains `what`; returns it for further checks. */
static const diag *error_at(diag_list *d, size_t i, const char *file,
                            int line, int col, const char *what)
{
    size_t seen = 0;
    for (size_t k = 0; k < diag_count(d); k++) {
        const diag *g = diag_get(d, k);
        if (g->severity != DIAG_ERROR)
            continue;
        if (seen++ != i)
            continue;
        cr_assert_str_eq(g->file, file);
        cr_assert_eq(g->line, line, "line %d, want %d: %s", g->line, line,
                     g->message);
        cr_assert_eq(g->col, col, "col %d, want %d: %s", g->col, col,
                     g->message);
        cr_assert(strstr(g->message, what), "\"%s\" lacks \"%s\"",
                  g->message, what);
        return g;
    }
    cr_assert_fail("error %zu missing (only %zu)", i, seen);
    return NULL;
}

static const cell *at(const table *t, const char *col, size_t row)
{
    int k = table_col(t, col);
    cr_assert_geq(k, 0, "no column %s", col);
    cr_assert_lt(row, t->nrows);
    return &t->cols[k].cells[row];
}

Test(table, inferred_types_and_provenance)
{
    loaded l = load(FIX("survey_utf8.csv"), NULL);
    cr_assert_not_null(l.t);
    cr_assert_eq(diag_count(l.d), 0);
    table *t = l.t;
    cr_assert_eq(t->nrows, 3);
    cr_assert_eq(t->ncols, 6);
    cr_assert_eq(t->cols[table_col(t, "year")].type, COL_YEAR);
    cr_assert_eq(t->cols[table_col(t, "count")].type, COL_INTEGER);
    cr_assert_eq(t->cols[table_col(t, "org_type")].type, COL_TEXT);
    cr_assert_eq(t->year_col, 0);
    cr_assert_eq(t->status_col, 3);
    cr_assert_eq(t->source_col, 5);
    cr_assert_eq(at(t, "year", 0)->num, 2023);
    cr_assert_eq(at(t, "year", 2)->num, 2024);
    cr_assert_eq(at(t, "count", 1)->num, 1788);
    cr_assert(at(t, "count", 2)->missing);
    cr_assert_str_eq(at(t, "count", 2)->text, "");
    cr_assert_eq(t->status[0], PROV_FINAL);
    cr_assert_eq(t->status[1], PROV_PRELIMINARY);
    cr_assert_eq(t->status[2], PROV_PLACEHOLDER);
    cr_assert_str_eq(prov_name(t->status[2]), "仮");
    cr_assert_eq(at(t, "count", 1)->line, 3);
    cr_assert_eq(at(t, "count", 1)->col, 28);
    cr_assert_eq(table_col(t, "nope"), -1);
    unload(&l);
}

static void assert_tables_equal(const table *a, const table *b)
{
    cr_assert_eq(a->nrows, b->nrows);
    cr_assert_eq(a->ncols, b->ncols);
    for (size_t k = 0; k < a->ncols; k++) {
        cr_assert_str_eq(a->cols[k].name, b->cols[k].name);
        cr_assert_eq(a->cols[k].type, b->cols[k].type);
        for (size_t r = 0; r < a->nrows; r++) {
            const cell *x = &a->cols[k].cells[r], *y = &b->cols[k].cells[r];
            cr_assert_str_eq(x->text, y->text);
            cr_assert_eq(x->num, y->num);
            cr_assert_eq(x->missing, y->missing);
            cr_assert_eq(x->line, y->line);
            cr_assert_eq(x->col, y->col);
        }
    }
    for (size_t r = 0; r < a->nrows; r++)
        cr_assert_eq(a->status[r], b->status[r]);
}

Test(table, cp932_and_bom_crlf_give_identical_tables)
{
    loaded u = load(FIX("survey_utf8.csv"), NULL);
    loaded s = load(FIX("survey_cp932.csv"), NULL);
    loaded b = load(FIX("survey_bom_crlf.csv"), NULL);
    cr_assert_not_null(u.t);
    cr_assert_not_null(s.t);
    cr_assert_not_null(b.t);
    cr_assert_eq(diag_error_count(s.d), 0);
    cr_assert_eq(s.data->encoding, CSV_ENC_CP932, "the loader notes it");
    assert_tables_equal(u.t, s.t);
    assert_tables_equal(u.t, b.t);
    unload(&u);
    unload(&s);
    unload(&b);
}

Test(table, blank_is_missing_not_zero)
{
    loaded l = load(FIX("blank_vs_zero.csv"), NULL);
    cr_assert_not_null(l.t);
    cr_assert_eq(l.t->cols[1].type, COL_INTEGER);
    cr_assert_not(at(l.t, "count", 0)->missing);
    cr_assert_eq(at(l.t, "count", 0)->num, 0);
    cr_assert(at(l.t, "count", 1)->missing);
    cr_assert_eq(at(l.t, "count", 2)->num, 5);
    cr_assert_eq(l.t->status_col, -1);
    cr_assert_eq(l.t->status[1], PROV_FINAL, "no status column: 確報");
    unload(&l);
}

Test(table, fullwidth_digits)
{
    loaded l = load(FIX("fullwidth.csv"), NULL);
    cr_assert_not_null(l.t);
    cr_assert_eq(diag_count(l.d), 0);
    cr_assert_eq(at(l.t, "year", 0)->num, 2024);
    cr_assert_eq(at(l.t, "year", 1)->num, 2023);
    cr_assert_eq(l.t->cols[1].type, COL_INTEGER);
    cr_assert_eq(at(l.t, "count", 0)->num, 1788);
    cr_assert_str_eq(at(l.t, "count", 0)->text, "１，７８８", "NFC keeps "
                                                              "full width");
    cr_assert_eq(l.t->cols[2].type, COL_DECIMAL);
    cr_assert_float_eq(at(l.t, "share", 0)->num, 97.6, 1e-12);
    unload(&l);
}

Test(table, ragged_rows)
{
    loaded l = load(FIX("ragged.csv"), NULL);
    cr_assert_null(l.t);
    cr_assert_eq(diag_error_count(l.d), 2);
    error_at(l.d, 0, FIX("ragged.csv"), 3, 1,
             "row has 2 cells, expected 3");
    const diag *g =
        error_at(l.d, 1, FIX("ragged.csv"), 4, 7, "row has 4 cells, expected 3");
    cr_assert(strstr(g->hint, "first extra cell"));
    unload(&l);
}

Test(table, duplicate_and_empty_headers)
{
    loaded l = load(FIX("dup_header.csv"), NULL);
    cr_assert_null(l.t);
    cr_assert_eq(diag_error_count(l.d), 1);
    error_at(l.d, 0, FIX("dup_header.csv"), 1, 12,
             "duplicate column name \"year\"");
    unload(&l);
    l = load(FIX("empty_header.csv"), NULL);
    cr_assert_null(l.t);
    cr_assert_eq(diag_error_count(l.d), 1);
    error_at(l.d, 0, FIX("empty_header.csv"), 1, 6, "empty column name");
    unload(&l);
}

Test(table, schema_categories)
{
    loaded l = load(FIX("unknown_category.csv"),
                    FIX("unknown_category.schema.csv"));
    cr_assert_null(l.t);
    cr_assert_eq(diag_error_count(l.d), 1);
    const diag *g = error_at(l.d, 0, FIX("unknown_category.csv"), 3, 4,
                             "unknown category \"導入済\" in column "
                             "\"adoption\"");
    cr_assert(strstr(g->hint, "did you mean \"導入済み\"?"), "%s", g->hint);
    unload(&l);

    l = load(FIX("dir/a_adoption.csv"), FIX("unknown_category.schema.csv"));
    cr_assert_not_null(l.t);
    const column *c = &l.t->cols[1];
    cr_assert_eq(c->type, COL_CATEGORY);
    cr_assert_eq(c->ncategories, 3);
    cr_assert_str_eq(c->categories[0], "導入済み");
    cr_assert_str_eq(c->categories[2], "未導入");
    cr_assert_eq(c->cells[0].num, 1); /* 実証中 */
    cr_assert_eq(c->cells[1].num, 0); /* 導入済み */
    cr_assert_eq(l.t->cols[2].type, COL_INTEGER);
    unload(&l);
}

Test(table, unit_in_number_cell)
{
    loaded l = load(FIX("unit_in_number.csv"), NULL);
    cr_assert_null(l.t);
    cr_assert_eq(diag_error_count(l.d), 3);
    const diag *g = error_at(l.d, 0, FIX("unit_in_number.csv"), 3, 6,
                             "units or marks are not allowed in a number "
                             "cell");
    cr_assert(strstr(g->message, "12団体"));
    cr_assert(strstr(g->hint, "one datum per cell"));
    error_at(l.d, 1, FIX("unit_in_number.csv"), 3, 11, "\"58%\"");
    error_at(l.d, 2, FIX("unit_in_number.csv"), 4, 5, "\"3※\"");
    unload(&l);
}

Test(table, number_forms)
{
    loaded l = load_mem("n\n1\n\"1,788\"\n-3\n１２\n\"1,234,567\"\n",
                        "column,type,values,description\n"
                        "n,integer,,\n");
    cr_assert_not_null(l.t);
    double want[] = {1, 1788, -3, 12, 1234567};
    for (size_t i = 0; i < 5; i++)
        cr_assert_eq(at(l.t, "n", i)->num, want[i]);
    unload(&l);
    const char *bad[] = {"\"17,88\"", "\"1,7880\"", "1.5", "abc", "約5",
                         "\"12,\"", "0x10"};
    const char *what[] = {"thousands separator", "thousands separator",
                          "expected an integer", "expected an integer",
                          "units or marks", "units or marks",
                          "units or marks"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char text[64];
        snprintf(text, sizeof text, "n\n%s\n", bad[i]);
        l = load_mem(text, "column,type,values,description\nn,integer,,\n");
        cr_assert_null(l.t, "%s must be rejected", bad[i]);
        cr_assert_eq(diag_error_count(l.d), 1, "%s", bad[i]);
        error_at(l.d, 0, "mem.csv", 2, 1, what[i]);
        unload(&l);
    }
    l = load_mem("x\n0.25\n\"1,000.5\"\n", "column,type,values,description\n"
                                          "x,decimal,,\n");
    cr_assert_not_null(l.t);
    cr_assert_float_eq(at(l.t, "x", 0)->num, 0.25, 1e-12);
    cr_assert_float_eq(at(l.t, "x", 1)->num, 1000.5, 1e-12);
    unload(&l);
}

Test(table, dates_and_years_with_schema)
{
    loaded l = load_mem("fy,day\nR6,令和7年6月30日\n2019,2019-05-01\n",
                        "column,type,values,description\n"
                        "fy,year,,\nday,date,,\n");
    cr_assert_not_null(l.t);
    cr_assert_eq(at(l.t, "fy", 0)->num, 2024);
    cr_assert_eq(at(l.t, "day", 0)->num, 20250630);
    cr_assert_eq(at(l.t, "day", 1)->num, 20190501);
    cr_assert_eq(l.t->year_col, 0);
    unload(&l);
    l = load_mem("fy,day\nR6,2025-02-30\n", "column,type,values,description\n"
                                           "fy,year,,\nday,date,,\n");
    cr_assert_null(l.t);
    error_at(l.d, 0, "mem.csv", 2, 4, "expected a date");
    unload(&l);
}

Test(table, inferred_dates)
{
    loaded l = load_mem("published\n2025-06-30\n令和6年6月28日\n", NULL);
    cr_assert_not_null(l.t);
    cr_assert_eq(l.t->cols[0].type, COL_DATE);
    cr_assert_eq(at(l.t, "published", 1)->num, 20240628);
    unload(&l);
}

Test(table, status_values)
{
    loaded l = load_mem("v,status\n1,final\n2,preliminary\n3,placeholder\n",
                        NULL);
    cr_assert_not_null(l.t);
    cr_assert_eq(l.t->status[0], PROV_FINAL);
    cr_assert_eq(l.t->status[1], PROV_PRELIMINARY);
    cr_assert_eq(l.t->status[2], PROV_PLACEHOLDER);
    unload(&l);
    l = load_mem("v,status\n1,確定\n2,\n", NULL);
    cr_assert_null(l.t);
    cr_assert_eq(diag_error_count(l.d), 2);
    const diag *g = error_at(l.d, 0, "mem.csv", 2, 3, "unknown status");
    cr_assert(strstr(g->hint, "確報"));
    error_at(l.d, 1, "mem.csv", 3, 3, "empty status cell");
    unload(&l);
}

Test(table, schema_type_errors_suggest)
{
    loaded l = load(FIX("unknown_category.csv"), FIX("bad_type.schema.csv"));
    cr_assert_null(l.t);
    cr_assert_eq(diag_error_count(l.d), 2);
    const diag *g = error_at(l.d, 0, FIX("bad_type.schema.csv"), 3, 10,
                             "unknown type \"categroy\"");
    cr_assert_str_eq(g->hint, "did you mean \"category\"?");
    g = error_at(l.d, 1, FIX("bad_type.schema.csv"), 4, 7,
                 "unknown type \"interger\"");
    cr_assert_str_eq(g->hint, "did you mean \"integer\"?");
    unload(&l);
}

Test(table, schema_and_data_columns_must_match)
{
    loaded l = load(FIX("unknown_category.csv"), FIX("mismatch.schema.csv"));
    cr_assert_null(l.t);
    /* one misspelling, one error: the schema's "adoptoin" is not
     * reported again as missing from the data */
    cr_assert_eq(diag_error_count(l.d), 2);
    const diag *g = error_at(l.d, 0, FIX("unknown_category.csv"), 1, 6,
                             "column \"adoption\" is not in the schema");
    cr_assert(strstr(g->hint, "did you mean \"adoptoin\"?"));
    for (size_t i = 0; i < diag_count(l.d); i++)
        cr_expect_null(strstr(diag_get(l.d, i)->message, "\"adoptoin\""));
    error_at(l.d, 1, FIX("mismatch.schema.csv"), 5, 1,
             "\"share\" is declared in the schema but missing");
    unload(&l);
}

Test(table, unknown_column_hint)
{
    loaded l = load(FIX("survey_utf8.csv"), NULL);
    srcloc where = {"tpl.md", 4, 9};
    table_unknown_column(l.t, "cnoxt", where, l.d);
    const diag *g = error_at(l.d, 0, "tpl.md", 4, 9, "unknown column");
    cr_assert_null(strstr(g->hint, "did you mean"), "cnoxt is 2 edits away");
    cr_assert(strstr(g->hint, "count"));
    table_unknown_column(l.t, "cuont", where, l.d);
    g = error_at(l.d, 1, "tpl.md", 4, 9, "\"cuont\"");
    cr_assert_str_eq(g->hint, "did you mean \"count\"?", "one swap");
    table_unknown_column(l.t, "yeer", where, l.d);
    g = error_at(l.d, 2, "tpl.md", 4, 9, "\"yeer\"");
    cr_assert_str_eq(g->hint, "did you mean \"year\"?");
    unload(&l);
}

Test(table, load_dir)
{
    diag_list *d = diag_list_new();
    tableset *ts = tableset_load_dir(FIX("dir"), CSV_ENC_AUTO, d);
    cr_assert_not_null(ts);
    cr_assert_eq(tableset_count(ts), 2, "c_ragged is left out");
    cr_assert_str_eq(tableset_get(ts, 0)->name, "a_adoption");
    cr_assert_str_eq(tableset_get(ts, 1)->name, "b_survey");
    cr_assert_eq(tableset_get(ts, 0)->cols[1].type, COL_CATEGORY);
    cr_assert_not_null(tableset_find(ts, "b_survey"));
    cr_assert_null(tableset_find(ts, "notes"));
    cr_assert_eq(diag_error_count(d), 2);
    error_at(d, 0, FIX("dir/c_ragged.csv"), 2, 1, "row has 1 cells");
    const diag *g = error_at(d, 1, FIX("dir/b_surveys.schema.csv"), 0, 0,
                             "schema without a data file");
    cr_assert(strstr(g->hint, "b_survey.csv"));
    srcloc where = {"tpl.md", 1, 1};
    tableset_unknown(ts, "b_surve", where, d);
    g = error_at(d, 2, "tpl.md", 1, 1, "unknown table \"b_surve\"");
    cr_assert_str_eq(g->hint, "did you mean \"b_survey\"?");
    tableset_free(ts);
    cr_assert_null(tableset_load_dir(FIX("no_such_dir"), CSV_ENC_AUTO, d));
    diag_list_free(d);
}

Test(table, type_names)
{
    cr_assert_str_eq(col_type_name(COL_CATEGORY), "category");
    cr_assert_str_eq(col_type_name(COL_YEAR), "year");
    cr_assert_str_eq(prov_name(PROV_FINAL), "確報");
    cr_assert_str_eq(prov_name(PROV_PRELIMINARY), "速報");
}
