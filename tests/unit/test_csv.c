#include <criterion/criterion.h>
#include <string.h>

#include "csv.h"

#define FIX(name) "tests/fixtures/csv/" name

static const sheet_cell *cell(const sheet *c, size_t r, size_t k)
{
    cr_assert_lt(r, c->nrows, "row %zu missing", r);
    cr_assert_lt(k, c->rows[r].ncells, "cell %zu of row %zu missing", k, r);
    return &c->rows[r].cells[k];
}

/* Exactly one error, at line:col, whose message contains `what`. */
static void assert_one_error(diag_list *d, int line, int col, const char *what)
{
    cr_assert_eq(diag_error_count(d), 1, "want one error, got %zu",
                 diag_error_count(d));
    const diag *g = NULL;
    for (size_t i = 0; i < diag_count(d); i++)
        if (diag_get(d, i)->severity == DIAG_ERROR)
            g = diag_get(d, i);
    cr_assert_eq(g->line, line, "line %d, want %d (%s)", g->line, line,
                 g->message);
    cr_assert_eq(g->col, col, "col %d, want %d (%s)", g->col, col,
                 g->message);
    cr_assert(strstr(g->message, what), "message \"%s\" lacks \"%s\"",
              g->message, what);
    cr_assert_not_null(g->hint, "every CSV error carries a hint");
}

static void assert_same(const sheet *a, const sheet *b)
{
    cr_assert_eq(a->nrows, b->nrows);
    for (size_t r = 0; r < a->nrows; r++) {
        cr_assert_eq(a->rows[r].ncells, b->rows[r].ncells);
        cr_assert_eq(a->rows[r].line, b->rows[r].line);
        for (size_t k = 0; k < a->rows[r].ncells; k++) {
            cr_assert_str_eq(a->rows[r].cells[k].text,
                             b->rows[r].cells[k].text);
            cr_assert_eq(a->rows[r].cells[k].line, b->rows[r].cells[k].line);
            cr_assert_eq(a->rows[r].cells[k].col, b->rows[r].cells[k].col);
            cr_assert_eq(a->rows[r].cells[k].quoted,
                         b->rows[r].cells[k].quoted);
        }
    }
}

Test(csv, utf8_cells_and_positions)
{
    diag_list *d = diag_list_new();
    sheet *c = csv_read_file(FIX("survey_utf8.csv"), CSV_ENC_AUTO, d);
    cr_assert_not_null(c);
    cr_assert_eq(diag_count(d), 0);
    cr_assert_eq(c->encoding, CSV_ENC_UTF8);
    cr_assert_eq(c->nrows, 4);
    cr_assert_eq(c->rows[0].ncells, 6);
    cr_assert_str_eq(cell(c, 0, 5)->text, "source");
    cr_assert_str_eq(cell(c, 2, 2)->text, "AI-OCR, 帳票");
    cr_assert(cell(c, 2, 2)->quoted);
    cr_assert_eq(cell(c, 2, 2)->line, 3);
    cr_assert_eq(cell(c, 2, 2)->col, 12); /* 令和5年度,指定都市, = 11 chars */
    cr_assert_str_eq(cell(c, 2, 4)->text, "1,788");
    cr_assert_str_eq(cell(c, 3, 2)->text, "チャット\"ボット\"");
    cr_assert_str_eq(cell(c, 3, 4)->text, "");
    cr_assert_not(cell(c, 3, 4)->quoted);
    cr_assert_eq(cell(c, 3, 5)->col, 33);
    sheet_free(c);
    diag_list_free(d);
}

Test(csv, bom_and_crlf_read_the_same)
{
    diag_list *d = diag_list_new();
    sheet *a = csv_read_file(FIX("survey_utf8.csv"), CSV_ENC_AUTO, d);
    sheet *b = csv_read_file(FIX("survey_bom_crlf.csv"), CSV_ENC_AUTO, d);
    cr_assert_not_null(a);
    cr_assert_not_null(b);
    cr_assert_eq(diag_count(d), 0);
    cr_assert_eq(cell(b, 0, 0)->col, 1, "the BOM is not a column");
    cr_assert_str_eq(cell(b, 0, 0)->text, "year");
    assert_same(a, b);
    sheet_free(a);
    sheet_free(b);
    diag_list_free(d);
}

Test(csv, cp932_detected_and_said_by_the_sheet)
{
    /* the note is the loader's, once for all the files of a build
     * (test_load.c) */
    diag_list *d = diag_list_new();
    sheet *a = csv_read_file(FIX("survey_utf8.csv"), CSV_ENC_AUTO, d);
    sheet *b = csv_read_file(FIX("survey_cp932.csv"), CSV_ENC_AUTO, d);
    cr_assert_not_null(b);
    cr_assert_eq(b->encoding, CSV_ENC_CP932);
    cr_assert_eq(a->encoding, CSV_ENC_UTF8);
    cr_assert_eq(diag_count(d), 0);
    assert_same(a, b);
    sheet_free(a);
    sheet_free(b);
    diag_list_free(d);
}

Test(csv, cp932_forced_has_no_note)
{
    diag_list *d = diag_list_new();
    sheet *b = csv_read_file(FIX("survey_cp932.csv"), CSV_ENC_CP932, d);
    cr_assert_not_null(b);
    cr_assert_eq(diag_count(d), 0);
    cr_assert_str_eq(cell(b, 1, 1)->text, "都道府県");
    sheet_free(b);
    /* Forcing UTF-8 on CP932 bytes is an error at the first bad byte:
     * line 2, column 1 (令). */
    sheet *u = csv_read_file(FIX("survey_cp932.csv"), CSV_ENC_UTF8, d);
    cr_assert_null(u);
    assert_one_error(d, 2, 1, "invalid UTF-8 byte 0x97");
    diag_list_free(d);
}

Test(csv, quoting_and_line_breaks)
{
    diag_list *d = diag_list_new();
    sheet *c = csv_read_file(FIX("quoting.csv"), CSV_ENC_AUTO, d);
    cr_assert_not_null(c);
    cr_assert_eq(diag_count(d), 0);
    cr_assert_eq(c->nrows, 5, "trailing blank lines are not rows");
    cr_assert_str_eq(cell(c, 1, 1)->text, "line one\nline two");
    cr_assert_eq(cell(c, 1, 1)->line, 2);
    cr_assert_eq(cell(c, 1, 1)->col, 3);
    cr_assert_str_eq(cell(c, 1, 2)->text, "x");
    cr_assert_eq(cell(c, 1, 2)->line, 3);
    cr_assert_eq(cell(c, 1, 2)->col, 11);
    cr_assert_eq(c->rows[2].line, 4);
    cr_assert_eq(c->rows[2].ncells, 3);
    cr_assert_str_eq(cell(c, 2, 1)->text, "");
    cr_assert(cell(c, 2, 1)->quoted);
    cr_assert_str_eq(cell(c, 2, 2)->text, "");
    cr_assert_str_eq(cell(c, 3, 1)->text, "say \"hi\", ok");
    cr_assert_str_eq(cell(c, 4, 2)->text, "last");
    sheet_free(c);
    diag_list_free(d);
}

Test(csv, in_memory_edge_cases)
{
    diag_list *d = diag_list_new();
    sheet *c = csv_parse("m.csv", "a,b", 3, CSV_ENC_AUTO, d);
    cr_assert_not_null(c);
    cr_assert_eq(c->nrows, 1);
    cr_assert_str_eq(cell(c, 0, 1)->text, "b");
    sheet_free(c);
    c = csv_parse("m.csv", "", 0, CSV_ENC_AUTO, d);
    cr_assert_not_null(c);
    cr_assert_eq(c->nrows, 0);
    sheet_free(c);
    /* (a header "a," would end in an empty column Excel saved: left out) */
    c = csv_parse("m.csv", "a,x\n,", 5, CSV_ENC_AUTO, d);
    cr_assert_not_null(c);
    cr_assert_eq(c->nrows, 2);
    cr_assert_eq(c->rows[1].ncells, 2);
    cr_assert_eq(cell(c, 1, 1)->col, 2);
    sheet_free(c);
    cr_assert_eq(diag_count(d), 0);
    c = csv_parse("m.csv", "a\0b", 3, CSV_ENC_AUTO, d);
    cr_assert_null(c);
    assert_one_error(d, 1, 2, "NUL");
    diag_list_free(d);
}

Test(csv, utf16_rejected)
{
    diag_list *d = diag_list_new();
    cr_assert_null(csv_parse("w.csv", "\xff\xfe" "a\0", 4, CSV_ENC_AUTO, d));
    assert_one_error(d, 1, 1, "UTF-16");
    diag_list_free(d);
}

Test(csv, invalid_bytes_at_line_col)
{
    diag_list *d = diag_list_new();
    cr_assert_null(csv_read_file(FIX("invalid_bytes.csv"), CSV_ENC_AUTO, d));
    assert_one_error(d, 3, 5, "invalid byte 0xFF");
    cr_assert(strstr(diag_get(d, 0)->message, "neither UTF-8 nor"));
    diag_list_free(d);
}

Test(csv, invalid_cp932_byte_after_japanese)
{
    /* Valid CP932 up to the last line: reported in CP932 characters. */
    diag_list *d = diag_list_new();
    cr_assert_null(csv_read_file(FIX("cp932_invalid.csv"), CSV_ENC_AUTO, d));
    assert_one_error(d, 3, 6, "invalid byte 0xFF");
    diag_list_free(d);
    d = diag_list_new();
    cr_assert_null(
        csv_read_file(FIX("cp932_invalid.csv"), CSV_ENC_CP932, d));
    assert_one_error(d, 3, 6, "invalid Shift_JIS (CP932) byte 0xFF");
    diag_list_free(d);
}

Test(csv, truncated_utf8_sequence)
{
    diag_list *d = diag_list_new();
    cr_assert_null(csv_read_file(FIX("utf8_truncated.csv"), CSV_ENC_AUTO, d));
    assert_one_error(d, 2, 6, "invalid byte 0xE3");
    diag_list_free(d);
}

Test(csv, unterminated_quote_points_at_opening)
{
    diag_list *d = diag_list_new();
    cr_assert_null(csv_read_file(FIX("unterminated.csv"), CSV_ENC_AUTO, d));
    assert_one_error(d, 3, 3, "unterminated quoted field starting here");
    diag_list_free(d);
}

Test(csv, stray_quotes)
{
    diag_list *d = diag_list_new();
    cr_assert_null(csv_read_file(FIX("stray_quote.csv"), CSV_ENC_AUTO, d));
    assert_one_error(d, 2, 5, "quote inside an unquoted field");
    diag_list_free(d);
    d = diag_list_new();
    cr_assert_null(
        csv_read_file(FIX("text_after_quote.csv"), CSV_ENC_AUTO, d));
    assert_one_error(d, 2, 7, "after a closing quote");
    diag_list_free(d);
}

Test(csv, missing_file)
{
    diag_list *d = diag_list_new();
    cr_assert_null(csv_read_file(FIX("no_such.csv"), CSV_ENC_AUTO, d));
    cr_assert_eq(diag_error_count(d), 1);
    cr_assert(strstr(diag_get(d, 0)->message, "cannot open"));
    diag_list_free(d);
}

Test(csv, unterminated_quote_with_no_complete_cell)
{
    /* regression: found by fuzz_csv, a file whose first field never ends
     * left no cells, and the row pointer was made from a NULL block */
    diag_list *d = diag_list_new();
    sheet *c = csv_parse("x.csv", "\"\xbe\xbe", 3, CSV_ENC_AUTO, d);
    cr_expect_null(c);
    cr_expect_geq(diag_error_count(d), 1);
    sheet_free(c);
    diag_list_free(d);
}

Test(csv, excel_empty_columns_at_the_right_left_out_with_one_note)
{
    static const char text[] = "a,b,,\n1,2,,\n3,4,,\n,,,\n";
    diag_list *d = diag_list_new();
    sheet *c = csv_parse("data/x.csv", text, strlen(text), CSV_ENC_UTF8, d);
    cr_assert_not_null(c);
    for (size_t r = 0; r < c->nrows; r++)
        cr_assert_eq(c->rows[r].ncells, 2, "row %zu", r);
    cr_assert_eq(diag_count(d), 1);
    const diag *g = diag_get(d, 0);
    cr_assert_eq(g->severity, DIAG_NOTE);
    cr_assert_eq(g->line, 1);
    cr_assert_eq(g->col, 5);
    cr_assert_str_eq(g->message, "2 empty columns after the last named one "
                                 "left out (as Excel saves them)");
    sheet_free(c);
    diag_list_free(d);
}

Test(csv, a_value_under_an_unnamed_column_keeps_the_column)
{
    static const char text[] = "a,b,\n1,2,\n3,4,5\n";
    diag_list *d = diag_list_new();
    sheet *c = csv_parse("data/x.csv", text, strlen(text), CSV_ENC_UTF8, d);
    cr_assert_not_null(c);
    cr_assert_eq(c->rows[0].ncells, 3);
    cr_assert_eq(c->rows[2].ncells, 3);
    cr_assert_eq(diag_count(d), 0);
    sheet_free(c);
    diag_list_free(d);
}
