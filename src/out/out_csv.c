#include "out_csv.h"

#include <stdlib.h>
#include <string.h>

#include "num.h"
#include "xalloc.h"

/* A number as the data reader reads it ("-2", "+1,788", "-97.6"): a
 * value, not a formula. */
static int plain_number(const char *s)
{
    size_t n = strlen(s);
    num_read r;
    return num_scan(s, n, NUM_SIGN | NUM_GROUPS, &r) == 0 && r.len == n &&
           !r.bad_group;
}

void out_csv_field(buf *out, const char *s)
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

void out_csv_grid(buf *out, size_t nrows, size_t ncols, char *const *cells)
{
    buf_puts(out, "\xEF\xBB\xBF");
    for (size_t r = 0; r < nrows; r++) {
        for (size_t k = 0; k < ncols; k++) {
            if (k)
                buf_putc(out, ',');
            out_csv_field(out, cells[r * ncols + k]);
        }
        buf_puts(out, "\r\n");
    }
}

void out_csv_chart(buf *out, const grid *g)
{
    size_t n = g->nrows * g->ncols;
    char **plain = xcalloc(n ? n : 1, sizeof *plain);
    buf b = BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (g->numeric[i])
            buf_num(&b, g->values[i], g->decimals, 0);
        else
            buf_puts(&b, g->cells[i]);
        plain[i] = buf_detach(&b);
    }
    out_csv_grid(out, g->nrows, g->ncols, plain);
    for (size_t i = 0; i < n; i++)
        free(plain[i]);
    free(plain);
}
