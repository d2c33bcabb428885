/* typed_xlsxwriter: writes the typed-cell fixture workbook with
 * libxlsxwriter (see tests/tools/make_xlsx_fixtures.sh), the same cells
 * as typed_openpyxl.py: a date, a percentage, a boolean, formulas with
 * their values, a merged range and a hidden sheet.
 *
 *     typed_xlsxwriter OUT.xlsx */
#include <stdio.h>
#include <xlsxwriter.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: typed_xlsxwriter OUT.xlsx\n");
        return 2;
    }
    lxw_workbook *wb = workbook_new(argv[1]);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "typed");
    lxw_worksheet *secret = workbook_add_worksheet(wb, "secret");
    lxw_format *day = workbook_add_format(wb);
    format_set_num_format(day, "yyyy/m/d");
    lxw_format *pct = workbook_add_format(wb);
    format_set_num_format(pct, "0%");
    const char *head[] = {"name", "day", "share", "flag", "total", "note"};
    for (int c = 0; c < 6; c++)
        worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], NULL);
    lxw_datetime d1 = {2025, 6, 30, 0, 0, 0}, d2 = {2024, 4, 1, 0, 0, 0};
    worksheet_write_string(ws, 1, 0, "甲", NULL);
    worksheet_write_datetime(ws, 1, 1, &d1, day);
    worksheet_write_number(ws, 1, 2, 0.25, pct);
    worksheet_write_boolean(ws, 1, 3, 1, NULL);
    worksheet_write_formula_num(ws, 1, 4, "=2+3", NULL, 5);
    worksheet_write_string(ws, 1, 5, "a_b", NULL);
    worksheet_write_string(ws, 2, 0, "乙", NULL);
    worksheet_write_datetime(ws, 2, 1, &d2, day);
    worksheet_write_number(ws, 2, 2, 0.125, pct);
    worksheet_write_boolean(ws, 2, 3, 0, NULL);
    worksheet_write_formula_num(ws, 2, 4, "=10/4", NULL, 2.5);
    worksheet_merge_range(ws, 3, 0, 3, 1, "merged", NULL);
    worksheet_write_string(secret, 0, 0, "x", NULL);
    worksheet_hide(secret);
    return workbook_close(wb) == LXW_NO_ERROR ? 0 : 3;
}
