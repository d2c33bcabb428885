#include "out_csv.h"

#include <stdlib.h>
#include <string.h>

#include "fsutil.h"
#include "num.h"
#include "out_html.h"

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

/* One chart's grid as dir/ID.csv. */
static int write_chart(const chart *c, const char *dir, const char *id,
                       diag_list *d)
{
    const grid *g = chart_grid(c);
    buf bytes = BUF_INIT;
    out_csv_grid(&bytes, g->nrows, g->ncols, g->cells);
    buf name = BUF_INIT;
    buf_printf(&name, "%s.csv", id);
    char *path = fs_join(dir, buf_cstr(&name));
    int rc = fs_write_atomic(path, bytes.data, bytes.len, d);
    free(path);
    buf_free(&name);
    buf_free(&bytes);
    return rc;
}

int out_csv_write(const build_result *b, const char *out_dir, diag_list *d)
{
    const deck *dk = b->deck;
    char *site = fs_join(out_dir, OUT_HTML_DIR);
    char *dir = fs_join(site, "data");
    free(site);
    int made = 0, rc = 0;
    for (size_t si = 0; si < dk->nslides && rc == 0; si++) {
        if (!html_slide_shown(dk, si))
            continue;
        const slide *s = &dk->slides[si];
        for (size_t bi = 0; bi < s->nbody && rc == 0; bi++) {
            if (s->body[bi].kind != BLOCK_CHART)
                continue;
            if (!made && (rc = fs_mkdirs(dir, d)) != 0)
                break;
            made = 1;
            buf id = BUF_INIT;
            html_chart_id(dk, si, bi, &id);
            rc = write_chart(s->body[bi].chart, dir, buf_cstr(&id), d);
            buf_free(&id);
        }
    }
    free(dir);
    return rc;
}
