/* The workbook reader: cells as Excel stores them (strings shared and
 * inline, phonetic runs, escapes, numbers as the shortest decimal,
 * booleans, cached formula values, dates, times and percentages by their
 * format), merged ranges, hidden sheets, the grid's shape, positions in
 * the cell form, and the one stored-double printer of num.c. */
#include <criterion/criterion.h>
#include <string.h>

#include "../lib/zipmake.h"
#include "diag.h"
#include "num.h"
#include "xlsx.h"

#define WS(rows)                                                               \
    "<?xml version=\"1.0\"?><worksheet " ZM_NS "><sheetData>" rows             \
    "</sheetData></worksheet>"

/* Reads a workbook of the given sheets (and shared strings). */
static sheet_named *read_book(const zm_sheet *s, size_t n, const char *sst,
                              size_t *got, diag_list *d)
{
    size_t len;
    char *bytes = zipmake_workbook(s, n, sst, &len);
    sheet_named *v = xlsx_parse_book("data/b.xlsx", bytes, len, got, d);
    free(bytes);
    return v;
}

static const sheet_cell *at(const sheet *s, size_t r, size_t k)
{
    cr_assert_lt(r, s->nrows, "row %zu missing", r);
    cr_assert_lt(k, s->rows[r].ncells, "cell %zu of row %zu missing", k, r);
    return &s->rows[r].cells[k];
}

Test(xlsx, cells_as_excel_stores_them)
{
    const char *sst = "<sst " ZM_NS "><si><t>year</t></si>"
                      "<si><r><t>都道</t></r><r><t>府県</t></r>"
                      "<rPh sb=\"0\" eb=\"2\"><t>トドウ</t></rPh></si>"
                      "<si><t>a_x000D_b_x005F_x</t></si></sst>";
    zm_sheet s = {"t",
                  WS("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
                     "<c r=\"B1\" t=\"inlineStr\"><is><t>v</t></is></c></row>"
                     "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c>"
                     "<c r=\"B2\"><v>0.30000000000000004</v></c></row>"
                     "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>2</v></c>"
                     "<c r=\"B3\"><v>1.2E-3</v></c></row>"
                     "<row r=\"4\"><c r=\"A4\" t=\"b\"><v>1</v></c>"
                     "<c r=\"B4\" s=\"2\"><v>0.25</v></c></row>"
                     "<row r=\"5\"><c r=\"A5\" s=\"1\"><v>45838</v></c>"
                     "<c r=\"B5\" s=\"3\"><v>0.5</v></c></row>"
                     "<row r=\"6\"><c r=\"A6\"><f>SUM(B2:B3)</f><v>40</v></c>"
                     "<c r=\"B6\" s=\"4\"><v>1788</v></c></row>"),
                  0};
    diag_list *d = diag_list_new();
    size_t n;
    sheet_named *v = read_book(&s, 1, sst, &n, d);
    cr_assert_eq(diag_count(d), 0);
    cr_assert_eq(n, 1);
    cr_assert_str_eq(v[0].name, "t");
    const sheet *t = v[0].sheet;
    cr_assert_str_eq(t->path, "data/b.xlsx [t]");
    cr_assert_eq(t->nrows, 6);
    cr_assert_str_eq(at(t, 0, 0)->text, "year");
    cr_assert_str_eq(at(t, 0, 1)->text, "v");
    cr_assert_str_eq(at(t, 1, 0)->text, "都道府県", "phonetic run left out");
    cr_assert_str_eq(at(t, 1, 1)->text, "0.30000000000000004");
    cr_assert_str_eq(at(t, 2, 0)->text, "a\rb_x");
    cr_assert_str_eq(at(t, 2, 1)->text, "0.0012");
    cr_assert_str_eq(at(t, 3, 0)->text, "TRUE");
    cr_assert_str_eq(at(t, 3, 1)->text, "0.25");
    cr_assert_eq(at(t, 3, 1)->format, SHEET_FMT_PERCENT);
    cr_assert_str_eq(at(t, 4, 0)->text, "2025-06-30");
    cr_assert_eq(at(t, 4, 0)->format, SHEET_FMT_DATE);
    cr_assert_str_eq(at(t, 4, 1)->text, "12:00:00");
    cr_assert_str_eq(at(t, 5, 0)->text, "40", "a formula's cached value");
    cr_assert_str_eq(at(t, 5, 1)->text, "1788", "General is no date");
    cr_assert_eq(at(t, 5, 1)->format, SHEET_FMT_NONE);
    cr_assert_eq(at(t, 4, 1)->line, 5);
    cr_assert_eq(at(t, 4, 1)->col, -2, "B is column 2, in the cell form");
    sheet_named_free(v, n);
    diag_list_free(d);
}

Test(xlsx, grid_merges_and_hidden_sheets)
{
    zm_sheet s[] = {
        {"hidden", WS("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"), 1},
        {"Sheet1", WS("<row r=\"1\"><c r=\"A1\" s=\"1\"/></row>"), 0},
        {"g",
         WS("<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>a</t></is></c>"
            "<c r=\"C2\" t=\"inlineStr\"><is><t>c</t></is></c></row>"
            "<row r=\"3\"><c r=\"A3\"><v>1</v></c><c r=\"B3\"><v>2</v></c>"
            "</row><row r=\"4\"><c r=\"E4\"><v>9</v></c></row>"
            "<row r=\"5\" s=\"1\"><c r=\"A5\" s=\"1\"/></row>"
            "</sheetData><mergeCells><mergeCell ref=\"A3:B3\"/>"
            "</mergeCells><sheetData>"),
         0},
    };
    diag_list *d = diag_list_new();
    size_t n;
    sheet_named *v = read_book(s, 3, NULL, &n, d);
    cr_assert_eq(diag_count(d), 0);
    cr_assert_eq(n, 1, "neither the hidden sheet nor the empty one is read");
    cr_assert_str_eq(v[0].name, "g");
    const sheet *t = v[0].sheet;
    cr_assert_eq(t->nrows, 3, "an empty row at the end is no row");
    cr_assert_eq(t->rows[0].line, 2,
                 "the header is the first row with a value");
    cr_assert_eq(t->rows[0].ncells, 3);
    cr_assert_str_eq(at(t, 0, 1)->text, "", "a gap is an empty cell");
    cr_assert_eq(at(t, 0, 1)->col, -2);
    cr_assert_str_eq(at(t, 1, 0)->text, "1");
    cr_assert_str_eq(at(t, 1, 1)->text, "", "merged: the top-left keeps it");
    cr_assert_eq(t->rows[2].ncells, 4, "three, and the extra value");
    cr_assert_str_eq(at(t, 2, 3)->text, "9");
    cr_assert_eq(at(t, 2, 3)->col, -5);
    sheet_named_free(v, n);
    diag_list_free(d);
}

Test(xlsx, errors_at_the_cell_in_the_cell_form)
{
    zm_sheet s = {"AI導入状況",
                  WS("<row r=\"12\"><c r=\"C12\"><f>A1/0</f></c>"
                     "<c r=\"AB12\" t=\"e\"><v>#DIV/0!</v></c></row>"),
                  0};
    diag_list *d = diag_list_new();
    size_t n;
    sheet_named *v = read_book(&s, 1, NULL, &n, d);
    cr_assert_eq(n, 1);
    cr_assert_null(v[0].sheet, "a sheet with errors is not typed");
    cr_assert_eq(diag_error_count(d), 2);
    buf out = BUF_INIT;
    diag_format(diag_get(d, 0), &out);
    cr_assert(strncmp(buf_cstr(&out),
                      "data/b.xlsx [AI導入状況] C12: error: the formula "
                      "=A1/0 has no value stored in the file",
                      strlen("data/b.xlsx [AI導入状況] C12: error: the "
                             "formula =A1/0 has no value stored in the "
                             "file")) == 0,
              "%s", buf_cstr(&out));
    buf_reset(&out);
    diag_format(diag_get(d, 1), &out);
    cr_assert(strstr(buf_cstr(&out), "[AI導入状況] AB12: error: the cell "
                                     "holds the error #DIV/0!"),
              "%s", buf_cstr(&out));
    buf_free(&out);
    sheet_named_free(v, n);
    diag_list_free(d);
}

Test(xlsx, stored_doubles_print_shortest)
{
    char out[400];
    static const char *const cases[][2] = {
        {"40", "40"},         {"0.1", "0.1"},
        {"-2.5", "-2.5"},     {"1E+21", "1000000000000000000000"},
        {"1.2E-3", "0.0012"}, {"123456.789", "123456.789"},
        {"-0", "0"},          {"0.30000000000000004", "0.30000000000000004"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        cr_assert_eq(num_stored_text(cases[i][0], out, sizeof out), 0);
        cr_assert_str_eq(out, cases[i][1], "%s", cases[i][0]);
    }
    cr_assert_eq(num_stored_text("1e999", out, sizeof out), -1);
    cr_assert_eq(num_stored_text("abc", out, sizeof out), -1);
    cr_assert_eq(num_stored_text("", out, sizeof out), -1);
}

/* The same typed cells written by openpyxl, LibreOffice Calc (formulas
 * computed and stored by it) and libxlsxwriter
 * (tests/tools/make_xlsx_fixtures.sh) are read the same. */
Test(xlsx, three_writers_read_the_same)
{
    static const char *const files[] = {
        "tests/fixtures/xlsx/typed-openpyxl.xlsx",
        "tests/fixtures/xlsx/typed-calc.xlsx",
        "tests/fixtures/xlsx/typed-xlsxwriter.xlsx",
    };
    static const char *const want[][6] = {
        {"name", "day", "share", "flag", "total", "note"},
        {"甲", "2025-06-30", "0.25", "TRUE", "5", "a_b"},
        {"乙", "2024-04-01", "0.125", "FALSE", "2.5", ""},
        {"merged", "", "", "", "", ""},
    };
    for (size_t f = 0; f < 3; f++) {
        diag_list *d = diag_list_new();
        size_t n;
        sheet_named *v = xlsx_read_book(files[f], &n, d);
        cr_assert_eq(diag_count(d), 0, "%s", files[f]);
        cr_assert_eq(n, 1, "%s: the hidden sheet is not read", files[f]);
        cr_assert_str_eq(v[0].name, "typed");
        const sheet *t = v[0].sheet;
        cr_assert_eq(t->nrows, 4, "%s", files[f]);
        for (size_t r = 0; r < 4; r++)
            for (size_t k = 0; k < 6; k++)
                cr_assert_str_eq(at(t, r, k)->text, want[r][k], "%s %c%zu",
                                 files[f], (char)('A' + k), r + 1);
        cr_assert_eq(at(t, 1, 1)->format, SHEET_FMT_DATE, "%s", files[f]);
        cr_assert_eq(at(t, 1, 2)->format, SHEET_FMT_PERCENT, "%s", files[f]);
        sheet_named_free(v, n);
        diag_list_free(d);
    }
}

/* diag_where, the one place a position is written: workbook cells as
 * Excel shows them, text positions as before. */
Test(xlsx, positions_in_the_cell_form)
{
    static const struct {
        int line, col;
        const char *want;
    } cases[] = {
        {12, -3, "data/b.xlsx [t] C12"},
        {1, -26, "data/b.xlsx [t] Z1"},
        {7, -27, "data/b.xlsx [t] AA7"},
        {2, -52, "data/b.xlsx [t] AZ2"},
        {9, -703, "data/b.xlsx [t] AAA9"},
        {1048576, -16384, "data/b.xlsx [t] XFD1048576"},
        {0, 0, "data/b.xlsx [t]"},
        {3, 5, "data/b.xlsx [t]:3:5"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        buf out = BUF_INIT;
        diag_where(&out, "data/b.xlsx [t]", cases[i].line, cases[i].col);
        cr_assert_str_eq(buf_cstr(&out), cases[i].want);
        buf_free(&out);
    }
}
