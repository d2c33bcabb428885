#include "table_layout.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "num.h"
#include "xalloc.h"

#define PAD 4.0
#define BULLET TABLE_CELL_BULLET

size_t table_cell_items(const char *s, char ***items)
{
    size_t bl = strlen(BULLET);
    *items = NULL;
    if (strncmp(s, BULLET, bl) != 0)
        return 0;
    size_t n = 0;
    const char *p = s + bl;
    for (;;) {
        const char *q = p;
        const char *next = NULL;
        while (*q) {
            if (*q == ' ' && strncmp(q + 1, BULLET, bl) == 0) {
                next = q + 1 + bl;
                break;
            }
            q++;
        }
        *items = xrealloc(*items, (n + 1) * sizeof **items);
        (*items)[n++] = xstrndup(p, (size_t)(q - p));
        if (!next)
            break;
        p = next;
    }
    return n;
}

/* Height of one cell (drawn when L->draw). */
static double cell_box(lay *L, const char *s, int header, double x, double y,
                       double w, double size)
{
    char **items;
    size_t n = table_cell_items(s, &items);
    tb_style st = {size, look_rgb(LOOK_INK), 1.3, 0, 0, NULL};
    if (n == 0) {
        st.align = header ? 1 : num_is_numeric_cell(s) ? 2 : 0;
        return tb_plain(L, s, x, y, w, &st);
    }
    /* the items are a list in the cell (its label and body tagged by
     * tb_plain) */
    double h = 0;
    st.lead = BULLET;
    tb_tag_with(L, &(canvas_tag){.role = TAG_L,
                                 .numbering = NUMBERING_DISC});
    for (size_t i = 0; i < n; i++) {
        tb_tag(L, TAG_LI);
        h += tb_plain(L, items[i], x, y + h, w, &st);
        tb_tag_end(L);
        free(items[i]);
    }
    tb_tag_end(L);
    free(items);
    return h;
}

/* The narrowest and the natural (one line per item) width of a cell.  A
 * number with its unit (num_is_numeric_cell: 「11.6万人」, 「1,788団体」)
 * is never wrapped: its narrowest width is its whole width. */
static void cell_widths(const lay *L, const char *s, double size,
                        double *minw, double *natw)
{
    char **items;
    size_t n = table_cell_items(s, &items);
    if (n == 0) {
        *natw = font_text_width(L->f, s, strlen(s), size);
        *minw = num_is_numeric_cell(s) ? tb_line_width(L, s, size)
                                       : tb_min_width(L, s, size);
        if (*minw > *natw)
            *natw = *minw;
        return;
    }
    double bw = font_text_width(L->f, BULLET, strlen(BULLET), size);
    *minw = *natw = 0;
    for (size_t i = 0; i < n; i++) {
        double m = tb_min_width(L, items[i], size) + bw;
        double t = font_text_width(L->f, items[i], strlen(items[i]), size) + bw;
        if (m > *minw)
            *minw = m;
        if (t > *natw)
            *natw = t;
        free(items[i]);
    }
    free(items);
}

double table_layout_box(lay *L, const dtable *t, double x, double y, double w,
                        double size, double vpad, table_geom *geom)
{
    size_t nc = t->ncols;
    if (geom)
        memset(geom, 0, sizeof *geom);
    if (nc == 0)
        return 0;
    double *nat = xcalloc(nc, sizeof(double));
    double *minw = xcalloc(nc, sizeof(double));
    double *cw = xcalloc(nc, sizeof(double));
    for (size_t c = 0; c < nc; c++) {
        for (size_t r = 0; r < t->nrows; r++) {
            double m, n;
            cell_widths(L, t->cells[r * nc + c], size, &m, &n);
            if (m + 2 * PAD > minw[c])
                minw[c] = m + 2 * PAD;
            if (n + 2 * PAD > nat[c])
                nat[c] = n + 2 * PAD;
        }
        /* a wrapped Japanese column keeps at least four characters */
        double four = size * 4 + 2 * PAD;
        if (minw[c] < four)
            minw[c] = four < nat[c] ? four : nat[c];
    }
    double total = 0, mintotal = 0;
    for (size_t c = 0; c < nc; c++) {
        total += nat[c];
        mintotal += minw[c];
    }
    if (total <= w) {
        /* spread the spare width in proportion */
        for (size_t c = 0; c < nc; c++)
            cw[c] = nat[c] + (w - total) * nat[c] / total;
    } else if (mintotal >= w) {
        memcpy(cw, minw, nc * sizeof(double));
        if (mintotal - w > 0.01 && mintotal - w > L->over_x) {
            L->over_x = mintotal - w;
            L->over_region = L->region;
        }
    } else {
        /* each column gets its minimum and a share of the rest in
         * proportion to what it would still like */
        double want = total - mintotal, room = w - mintotal;
        for (size_t c = 0; c < nc; c++)
            cw[c] = minw[c] + (nat[c] - minw[c]) * room / want;
    }
    double yy = y;
    lay M = *L;
    M.draw = 0;
    tb_tag(L, TAG_TABLE);
    for (size_t r = 0; r < t->nrows; r++) {
        double rh = 0;
        for (size_t c = 0; c < nc; c++) {
            double h = cell_box(&M, t->cells[r * nc + c], r == 0, 0, 0,
                                cw[c] - 2 * PAD, size);
            if (h > rh)
                rh = h;
        }
        rh += 2 * vpad;
        if (geom) {
            geom->row_h = xrealloc(geom->row_h, (r + 1) * sizeof(double));
            geom->row_h[r] = rh;
            geom->nrows = r + 1;
        }
        /* the row's cells (decoration), then their texts: a text lies
         * inside its cell's padding, clear of the next cell's rule, so the
         * page is the same as drawn cell by cell, and the tagged PDF marks
         * the rules as one artifact a row */
        double xx = x;
        for (size_t c = 0; c < nc && L->draw; c++) {
            canvas_set_fill(L->cv,
                            r == 0 ? look_rgb(LOOK_HEAD) : look_rgb(LOOK_WHITE),
                            1);
            canvas_set_stroke(L->cv, look_rgb(LOOK_RULE), 1, 0.6);
            canvas_rect(L->cv, xx, yy, cw[c], rh);
            canvas_fill_stroke(L->cv);
            xx += cw[c];
        }
        xx = x;
        tb_tag(L, TAG_TR);
        for (size_t c = 0; c < nc; c++) {
            tag_scope sc = canvas_cell_scope(r, c);
            tb_tag_with(L, &(canvas_tag){.role = sc ? TAG_TH : TAG_TD,
                                         .scope = sc});
            cell_box(L, t->cells[r * nc + c], r == 0, xx + PAD, yy + vpad,
                     cw[c] - 2 * PAD, size);
            tb_tag_end(L);
            xx += cw[c];
        }
        tb_tag_end(L);
        yy += rh;
    }
    tb_tag_end(L);
    free(nat);
    free(minw);
    if (geom) {
        geom->col_w = cw;
        geom->ncols = nc;
    } else {
        free(cw);
    }
    return yy - y;
}
