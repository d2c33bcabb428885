#include "out_csv.h"

#include <string.h>

/* Digits with at most one leading sign, thousands commas and a decimal
 * point: a value, not a formula. */
static int plain_number(const char *s)
{
    const char *p = s;
    if (*p == '-' || *p == '+')
        p++;
    if (!*p)
        return 0;
    int digits = 0;
    for (; *p; p++) {
        if (*p >= '0' && *p <= '9')
            digits = 1;
        else if (*p != '.' && *p != ',')
            return 0;
    }
    return digits;
}

void csv_field_safe(buf *out, const char *s)
{
    int formula = (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
                   s[0] == '\t' || s[0] == '\r') &&
                  !plain_number(s);
    int quote = formula || strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        buf_putc(out, '"');
    if (formula)
        buf_putc(out, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            buf_putc(out, '"');
        buf_putc(out, *p);
    }
    if (quote)
        buf_putc(out, '"');
}

void csv_grid(buf *out, size_t nrows, size_t ncols, char *const *cells)
{
    buf_puts(out, "\xEF\xBB\xBF");
    for (size_t r = 0; r < nrows; r++) {
        for (size_t k = 0; k < ncols; k++) {
            if (k)
                buf_putc(out, ',');
            csv_field_safe(out, cells[r * ncols + k]);
        }
        buf_puts(out, "\r\n");
    }
}
