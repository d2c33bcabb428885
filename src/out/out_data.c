#include "out_data.h"

#include <stdlib.h>

#include "fsutil.h"
#include "out_csv.h"
#include "out_html.h"
#include "out_xlsx.h"

/* dir/STEM.EXT holding bytes, written atomically. */
static int write_file(const char *dir, const char *stem, const char *ext,
                      const buf *bytes, diag_list *d)
{
    buf name = BUF_INIT;
    buf_printf(&name, "%s%s", stem, ext);
    char *path = fs_join(dir, buf_cstr(&name));
    int rc = fs_write_atomic(path, bytes->data, bytes->len, d);
    free(path);
    buf_free(&name);
    return rc;
}

/* One chart's grid as dir/STEM.csv and dir/STEM.xlsx. */
static int write_chart(const chart *c, const char *dir, const char *stem,
                       diag_list *d)
{
    const grid *g = chart_grid(c);
    buf bytes = BUF_INIT;
    out_csv_chart(&bytes, g);
    int rc = write_file(dir, stem, ".csv", &bytes, d);
    buf_reset(&bytes);
    if (rc == 0) {
        buf name = BUF_INIT;
        buf_printf(&name, "%s.xlsx", stem);
        char *path = fs_join(dir, buf_cstr(&name));
        char *tmp = fs_temp_path(path);
        rc = out_xlsx_grid(&bytes, g, chart_title(c), tmp, d);
        if (rc == 0)
            rc = fs_write_atomic(path, bytes.data, bytes.len, d);
        free(tmp);
        free(path);
        buf_free(&name);
    }
    buf_free(&bytes);
    return rc;
}

int out_data_write(const build_result *b, const char *out_dir, diag_list *d)
{
    const deck *dk = b->deck;
    char *site = fs_join(out_dir, OUT_HTML_DIR);
    char *dir = fs_join(site, OUT_HTML_DATA_DIR);
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
            buf stem = BUF_INIT;
            html_chart_file(dk, si, bi, &stem);
            rc = write_chart(s->body[bi].chart, dir, buf_cstr(&stem), d);
            buf_free(&stem);
        }
    }
    free(dir);
    return rc;
}
