#include "out_xlsx.h"

#include <string.h>

#include "utf8.h"
#include "wbook.h"

/* Each column as wide as its longest text (a margin added), within
 * 8 and 60 characters. */
static void set_widths(lxw_worksheet *ws, const grid *g)
{
    for (size_t k = 0; k < g->ncols; k++) {
        double w = 8;
        for (size_t r = 0; r < g->nrows; r++) {
            const char *s = g->cells[r * g->ncols + k];
            double t = (double)utf8_display_width(s, strlen(s)) + 2;
            if (t > w)
                w = t;
        }
        worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, w > 60 ? 60 : w,
                             NULL);
    }
}

int out_xlsx_grid(buf *out, const grid *g, const char *title,
                  const char *tmp_path, diag_list *d)
{
    static const char what[] = "a chart's data workbook";
    lxw_workbook *wb = wbook_new(tmp_path, title, what, d);
    if (!wb)
        return -1;
    lxw_worksheet *ws = workbook_add_worksheet(wb, OUT_XLSX_SHEET);
    lxw_format *head = workbook_add_format(wb);
    format_set_bold(head);
    lxw_format *num = NULL;
    if (g->decimals > 0) {
        char code[16] = "0.";
        size_t n = 2;
        for (int i = 0; i < g->decimals && n + 1 < sizeof code; i++)
            code[n++] = '0';
        code[n] = '\0';
        num = workbook_add_format(wb);
        format_set_num_format(num, code);
    }
    for (size_t r = 0; r < g->nrows; r++)
        for (size_t k = 0; k < g->ncols; k++) {
            size_t i = r * g->ncols + k;
            lxw_row_t row = (lxw_row_t)r;
            lxw_col_t col = (lxw_col_t)k;
            if (r > 0 && g->numeric[i])
                worksheet_write_number(ws, row, col, g->values[i], num);
            else if (*g->cells[i])
                worksheet_write_string(ws, row, col, g->cells[i],
                                       r == 0 ? head : NULL);
        }
    set_widths(ws, g);
    worksheet_freeze_panes(ws, 1, 0);
    return wbook_finish(wb, tmp_path, what, out, d);
}
