#include "layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "linebreak.h"
#include "utf8.h"
#include "xalloc.h"

/* The ministry's palette. */
static const rgb NAVY = {0x1F / 255.0, 0x38 / 255.0, 0x64 / 255.0};
static const rgb INK = {0x1A / 255.0, 0x1A / 255.0, 0x1A / 255.0};
static const rgb GREY = {0x55 / 255.0, 0x55 / 255.0, 0x55 / 255.0};
static const rgb RULE_GREY = {0xA6 / 255.0, 0xA6 / 255.0, 0xA6 / 255.0};
static const rgb BOX_FILL = {0xF2 / 255.0, 0xF5 / 255.0, 0xFA / 255.0};
static const rgb HEAD_FILL = {0xDC / 255.0, 0xE6 / 255.0, 0xF2 / 255.0};
static const rgb MARK = {0xB4 / 255.0, 0x45 / 255.0, 0x00 / 255.0};
static const rgb WHITE = {1, 1, 1};

/* Sizes in points. */
#define MARGIN_X 36.0
#define MARGIN_TOP 26.0
#define MARGIN_BOTTOM 22.0
#define TITLE_SIZE 20.0
#define POINT_SIZE 14.0
#define POINT_MIN 10.5
#define BODY_SIZE 12.0
#define BODY_MIN 9.0
#define NOTE_SIZE 9.0
#define SOURCE_SIZE 7.5
#define PAGENO_SIZE 9.0
#define LEADING 1.45
#define GAP 10.0
#define CHART_MIN_H 90.0
#define CAPTION_SIZE 10.5

void layout_page_size(page_size size, double *w, double *h)
{
    if (size == PAGE_16_9) {
        *w = 960.0 * 0.75;
        *h = 540.0 * 0.75;
    } else {
        *w = 841.89;
        *h = 595.28;
    }
}

typedef struct lay {
    const font *f;
    canvas *cv;
    int draw; /* 0: measure only */
} lay;

/* Flattened rich text: the plain text and each byte's run flags. */
typedef struct flat {
    char *text;
    size_t len;
    unsigned *flags;
} flat;

static flat flatten(const rich *r, const char *prefix)
{
    buf b = BUF_INIT;
    size_t cap = 0;
    unsigned *fl = NULL;
    if (prefix) {
        buf_puts(&b, prefix);
        fl = xgrow(fl, &cap, b.len, sizeof(unsigned));
        memset(fl, 0, b.len * sizeof(unsigned));
    }
    for (size_t i = 0; i < r->nruns; i++) {
        const run *u = &r->runs[i];
        size_t from = b.len;
        if (u->flags & RUN_BREAK)
            buf_putc(&b, '\n');
        else
            buf_puts(&b, u->text);
        fl = xgrow(fl, &cap, b.len + 1, sizeof(unsigned));
        for (size_t k = from; k < b.len; k++)
            fl[k] = u->flags;
    }
    flat f = {buf_detach(&b), 0, fl};
    f.len = strlen(f.text);
    return f;
}

static void flat_free(flat *f)
{
    free(f->text);
    free(f->flags);
}

static double ascent(const lay *L, double size) { return font_ascent(L->f) * size; }

/* Draws the bytes [s, e) of f at (x, baseline), one canvas call per style
 * change.  Returns the width. */
static double draw_segment(lay *L, const flat *f, size_t s, size_t e, double x,
                           double baseline, double size)
{
    double x0 = x;
    while (s < e) {
        size_t k = s;
        unsigned fl = f->flags ? f->flags[s] : 0;
        while (k < e && (f->flags ? f->flags[k] : 0) == fl)
            k++;
        double w = font_text_width(L->f, f->text + s, k - s, size);
        if (L->draw)
            canvas_text(L->cv, x, baseline, size,
                        (fl & RUN_STRONG) ? TEXT_BOLD : TEXT_REGULAR,
                        f->text + s, k - s);
        x += w;
        s = k;
    }
    return x - x0;
}

/* Sets rich text in a box of width w starting at (x, y); `indent` is the
 * hanging indent of lines after the first (the first line starts at x
 * with `lead`, e.g. a bullet, drawn before it).  Returns the height. */
static double text_box(lay *L, const rich *r, const char *lead, double x,
                       double y, double w, double size, rgb colour,
                       double leading, int align)
{
    flat f = flatten(r, NULL);
    double indent = 0;
    if (lead)
        indent = font_text_width(L->f, lead, strlen(lead), size);
    lb_line *lines;
    size_t n = lb_break(L->f, f.text, f.len, size, w - indent, &lines);
    double lh = size * leading;
    if (L->draw) {
        canvas_set_fill(L->cv, colour, 1);
        if (lead)
            canvas_text(L->cv, x, y + ascent(L, size), size, TEXT_REGULAR,
                        lead, strlen(lead));
        for (size_t i = 0; i < n; i++) {
            double bx = x + indent;
            if (align == 1)
                bx = x + (w - lines[i].width) / 2;
            else if (align == 2)
                bx = x + w - lines[i].width;
            draw_segment(L, &f, lines[i].start, lines[i].end, bx,
                         y + i * lh + ascent(L, size), size);
        }
    }
    free(lines);
    flat_free(&f);
    return n * lh - (lh - size) + size * 0.15;
}

static double text_box_plain(lay *L, const char *s, double x, double y,
                             double w, double size, rgb colour, int align)
{
    rich r = {0};
    rich_add(&r, s, strlen(s), 0, NULL);
    double h = text_box(L, &r, NULL, x, y, w, size, colour, 1.3, align);
    rich_free(&r);
    return h;
}

/* ---- tables ---- */

static int numeric_cell(const char *s)
{
    size_t adv;
    int32_t cp = utf8_decode(s, strlen(s), &adv);
    return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

static double table_box(lay *L, const dtable *t, double x, double y, double w,
                        double size)
{
    size_t nc = t->ncols;
    double pad = 4;
    double *nat = xcalloc(nc, sizeof(double));
    double *minw = xcalloc(nc, sizeof(double));
    for (size_t c = 0; c < nc; c++) {
        for (size_t r = 0; r < t->nrows; r++) {
            const char *s = t->cells[r * nc + c];
            double cw = font_text_width(L->f, s, strlen(s), size) + 2 * pad;
            if (cw > nat[c])
                nat[c] = cw;
        }
        minw[c] = size * 4 + 2 * pad;
        if (minw[c] > nat[c])
            minw[c] = nat[c];
    }
    double total = 0;
    for (size_t c = 0; c < nc; c++)
        total += nat[c];
    double *cw = xcalloc(nc, sizeof(double));
    if (total <= w) {
        /* spread the spare width in proportion */
        for (size_t c = 0; c < nc; c++)
            cw[c] = nat[c] + (w - total) * nat[c] / total;
    } else {
        /* shrink the widest columns first, never below their minimum */
        memcpy(cw, nat, nc * sizeof(double));
        double over = total - w;
        for (int iter = 0; iter < 64 && over > 0.01; iter++) {
            size_t widest = 0;
            for (size_t c = 1; c < nc; c++)
                if (cw[c] - minw[c] > cw[widest] - minw[widest])
                    widest = c;
            double room = cw[widest] - minw[widest];
            if (room <= 0.01)
                break;
            double take = over < room ? over : room;
            /* take from the widest down to the second widest at most */
            double second = 0;
            for (size_t c = 0; c < nc; c++)
                if (c != widest && cw[c] > second)
                    second = cw[c];
            if (cw[widest] - take < second && second > minw[widest])
                take = cw[widest] - second > 1 ? cw[widest] - second : take;
            cw[widest] -= take;
            over -= take;
        }
    }
    double yy = y;
    for (size_t r = 0; r < t->nrows; r++) {
        /* row height: the tallest wrapped cell */
        double rh = 0;
        lay M = *L;
        M.draw = 0;
        for (size_t c = 0; c < nc; c++) {
            double h = text_box_plain(&M, t->cells[r * nc + c], 0, 0,
                                      cw[c] - 2 * pad, size, INK, 0);
            if (h > rh)
                rh = h;
        }
        rh += 2 * pad;
        double xx = x;
        for (size_t c = 0; c < nc; c++) {
            if (L->draw) {
                canvas_set_fill(L->cv, r == 0 ? HEAD_FILL : WHITE, 1);
                canvas_set_stroke(L->cv, RULE_GREY, 1, 0.6);
                canvas_rect(L->cv, xx, yy, cw[c], rh);
                canvas_fill_stroke(L->cv);
            }
            const char *s = t->cells[r * nc + c];
            int align = r == 0 ? 1 : (numeric_cell(s) ? 2 : 0);
            text_box_plain(L, s, xx + pad, yy + pad, cw[c] - 2 * pad, size,
                           INK, align);
            xx += cw[c];
        }
        yy += rh;
    }
    free(nat);
    free(minw);
    free(cw);
    return yy - y;
}

/* ---- slides ---- */

typedef struct sizes {
    double point, body;
} sizes;

static double points_box(lay *L, const slide *s, double x, double y, double w,
                         double size)
{
    if (!s->npoints)
        return 0;
    double pad = 8;
    lay M = *L;
    M.draw = 0;
    double h = pad;
    for (size_t i = 0; i < s->npoints; i++)
        h += text_box(&M, &s->points[i], "■", x + pad, 0, w - 2 * pad, size,
                      INK, 1.4, 0) +
             (i + 1 < s->npoints ? size * 0.35 : 0);
    h += pad;
    if (L->draw) {
        canvas_set_fill(L->cv, BOX_FILL, 1);
        canvas_set_stroke(L->cv, NAVY, 1, 1);
        canvas_rect(L->cv, x, y, w, h);
        canvas_fill_stroke(L->cv);
        double yy = y + pad;
        for (size_t i = 0; i < s->npoints; i++)
            yy += text_box(L, &s->points[i], "■", x + pad, yy, w - 2 * pad,
                           size, INK, 1.4, 0) +
                  size * 0.35;
    }
    return h;
}

/* Height of the non-chart body blocks (and draws them when L->draw),
 * with charts given chart_h each. */
static double body_blocks(lay *L, const slide *s, double x, double y, double w,
                          double size, double chart_h)
{
    double yy = y;
    for (size_t i = 0; i < s->nbody;) {
        const block *b = &s->body[i];
        if (i > 0)
            yy += GAP * 0.6;
        if (b->kind == BLOCK_CHART) {
            size_t j = i;
            while (j < s->nbody && j - i < 3 && s->body[j].kind == BLOCK_CHART)
                j++;
            size_t n = j - i;
            double cw = (w - GAP * (double)(n - 1)) / (double)n;
            /* each chart: its caption (the chart's title), then the chart
             * at its preferred aspect, no taller than chart_h */
            double rowh = 0;
            for (size_t k = i; k < j; k++) {
                const chart *c = s->body[k].chart;
                double cap = *chart_title(c) ? CAPTION_SIZE * 1.6 : 0;
                double ch = cw * chart_aspect(c);
                if (ch > chart_h)
                    ch = chart_h;
                if (cap + ch > rowh)
                    rowh = cap + ch;
                if (!L->draw)
                    continue;
                double cx = x + (double)(k - i) * (cw + GAP);
                if (cap > 0) {
                    rich t = {0};
                    rich_add(&t, chart_title(c), strlen(chart_title(c)),
                             RUN_STRONG, NULL);
                    text_box(L, &t, NULL, cx, yy, cw, CAPTION_SIZE, NAVY, 1.3,
                             1);
                    rich_free(&t);
                }
                canvas_group_begin(L->cv, chart_title(c));
                chart_draw(c, L->cv, cx, yy + cap, cw, ch);
                canvas_group_end(L->cv);
            }
            yy += rowh;
            i = j;
            continue;
        }
        switch (b->kind) {
        case BLOCK_PARA:
            yy += text_box(L, &b->items[0], NULL, x, yy, w, size, INK, LEADING,
                           0);
            break;
        case BLOCK_HEADING:
            yy += text_box(L, &b->items[0], NULL, x, yy, w, size * 1.1, NAVY,
                           LEADING, 0);
            break;
        case BLOCK_LIST:
            for (size_t k = 0; k < b->nitems; k++) {
                char num[16];
                const char *lead = "・";
                if (b->ordered) {
                    buf nb = BUF_INIT;
                    buf_printf(&nb, "%zu. ", k + 1);
                    memcpy(num, nb.data, nb.len + 1);
                    buf_free(&nb);
                    lead = num;
                }
                yy += text_box(L, &b->items[k], lead, x, yy, w, size, INK,
                               LEADING, 0);
            }
            break;
        case BLOCK_TABLE:
            yy += table_box(L, b->table, x, yy, w, size * 0.9);
            break;
        default:
            break;
        }
        i++;
    }
    return yy - y;
}

static size_t chart_rows(const slide *s)
{
    size_t rows = 0;
    for (size_t i = 0; i < s->nbody;) {
        if (s->body[i].kind == BLOCK_CHART) {
            size_t j = i;
            while (j < s->nbody && j - i < 3 && s->body[j].kind == BLOCK_CHART)
                j++;
            rows++;
            i = j;
        } else {
            i++;
        }
    }
    return rows;
}

static void draw_mark(lay *L, const slide *s, double pw)
{
    if (s->prov == PROV_FINAL || !L->draw)
        return;
    const char *label = s->prov == PROV_PLACEHOLDER ? "仮の値を含む"
                                                    : "速報値を含む";
    double size = 10;
    double tw = font_text_width(L->f, label, strlen(label), size);
    double bw = tw + 12, bh = size + 8;
    double x = pw - MARGIN_X - bw, y = MARGIN_TOP - 14;
    canvas_set_stroke(L->cv, MARK, 1, 1.2);
    canvas_set_fill(L->cv, WHITE, 1);
    canvas_rect(L->cv, x, y, bw, bh);
    canvas_fill_stroke(L->cv);
    canvas_set_fill(L->cv, MARK, 1);
    canvas_text(L->cv, x + 6, y + 4 + ascent(L, size), size, TEXT_BOLD, label,
                strlen(label));
}

static double footer_height(lay *L, const slide *s, double w)
{
    lay M = *L;
    M.draw = 0;
    double h = 0;
    for (size_t i = 0; i < s->nsources; i++)
        h += text_box(&M, &s->sources[i], NULL, 0, 0, w, SOURCE_SIZE, GREY,
                      1.3, 0);
    if (s->nnotes && s->nsources)
        h += 4;
    for (size_t i = 0; i < s->nnotes; i++)
        h += text_box(&M, &s->notes[i], NULL, 0, 0, w, NOTE_SIZE, INK, 1.35,
                      0);
    return h;
}

static void draw_footer(lay *L, const slide *s, double x, double y, double w)
{
    for (size_t i = 0; i < s->nnotes; i++)
        y += text_box(L, &s->notes[i], NULL, x, y, w, NOTE_SIZE, INK, 1.35, 0);
    if (s->nnotes && s->nsources)
        y += 4;
    for (size_t i = 0; i < s->nsources; i++)
        y += text_box(L, &s->sources[i], NULL, x, y, w, SOURCE_SIZE, GREY, 1.3,
                      0);
}

static void slide_title_text(const slide *s, buf *out)
{
    char *t = rich_plain(&s->title);
    for (char *p = t; *p; p++)
        if (*p == '\n')
            *p = ' ';
    buf_puts(out, t);
    free(t);
}

static int content_slide(lay *L, const slide *s, size_t index, double pw,
                         double ph, diag_list *d)
{
    double x = MARGIN_X, w = pw - 2 * MARGIN_X;
    double y = MARGIN_TOP;
    double mark_w = s->prov != PROV_FINAL ? 110 : 0;
    /* title */
    double th = text_box(L, &s->title, NULL, x, y, w - mark_w, TITLE_SIZE, NAVY,
                         1.25, 0);
    if (L->draw)
        canvas_set_fill(L->cv, NAVY, 1);
    y += th + 4;
    if (L->draw) {
        canvas_set_stroke(L->cv, NAVY, 1, 1.6);
        canvas_move_to(L->cv, x, y);
        canvas_line_to(L->cv, x + w, y);
        canvas_stroke(L->cv);
    }
    y += 10;
    draw_mark(L, s, pw);

    /* footer: page number, sources, notes, from the bottom up */
    double pn_h = PAGENO_SIZE * 1.4;
    double foot_w = w - 40;
    double fh = footer_height(L, s, foot_w);
    double foot_y = ph - MARGIN_BOTTOM - fh;
    if (L->draw) {
        buf pn = BUF_INIT;
        buf_printf(&pn, "%zu", index + 1);
        canvas_set_fill(L->cv, GREY, 1);
        canvas_text_aligned(L->cv, pw - MARGIN_X, ph - MARGIN_BOTTOM, PAGENO_SIZE,
                            TEXT_REGULAR, 2, buf_cstr(&pn));
        buf_free(&pn);
        draw_footer(L, s, x, foot_y, foot_w);
    }
    (void)pn_h;

    /* fit the key points and the body between title and footer */
    double avail = foot_y - GAP - y;
    size_t nrows = chart_rows(s);
    double psize = POINT_SIZE, bsize = BODY_SIZE;
    lay M = *L;
    M.draw = 0;
    for (;;) {
        double ph_ = points_box(&M, s, x, y, w, psize);
        double text_h = body_blocks(&M, s, x, 0, w, bsize, 0);
        double gaps = ph_ > 0 && s->nbody ? GAP : 0;
        double left = avail - ph_ - gaps - text_h;
        double need = (double)nrows * CHART_MIN_H;
        if (left >= need - 0.01) {
            double chart_h = nrows ? left / (double)nrows : 0;
            double used = points_box(L, s, x, y, w, psize);
            body_blocks(L, s, x, y + used + gaps, w, bsize, chart_h);
            return 0;
        }
        if (bsize > BODY_MIN || psize > POINT_MIN) {
            if (bsize > BODY_MIN)
                bsize -= 0.5;
            if (psize > POINT_MIN)
                psize -= 0.5;
            continue;
        }
        buf t = BUF_INIT;
        slide_title_text(s, &t);
        diag_at(d, DIAG_ERROR, s->at,
                "slide %zu 「%s」: the body does not fit: it overflows its "
                "region by %d pt even with text at the minimum %.0f pt",
                index + 1, buf_cstr(&t), (int)ceil(need - left), BODY_MIN);
        diag_hint(d, "shorten the text, move a chart to its own slide, or "
                     "split the slide");
        buf_free(&t);
        return -1;
    }
}

static void cover_slide(lay *L, const slide *s, double pw, double ph)
{
    double w = pw - 4 * MARGIN_X;
    double x = 2 * MARGIN_X;
    lay M = *L;
    M.draw = 0;
    double title_h = text_box(&M, &s->title, NULL, x, 0, w, 30, NAVY, 1.3, 1);
    double y = ph * 0.36 - title_h / 2;
    text_box(L, &s->title, NULL, x, y, w, 30, NAVY, 1.3, 1);
    y += title_h + 14;
    if (L->draw) {
        canvas_set_stroke(L->cv, NAVY, 1, 2);
        canvas_move_to(L->cv, pw * 0.25, y);
        canvas_line_to(L->cv, pw * 0.75, y);
        canvas_stroke(L->cv);
    }
    y += 40;
    for (size_t i = 0; i < s->nbody; i++) {
        const block *b = &s->body[i];
        for (size_t k = 0; k < b->nitems; k++) {
            double size = (i == 0) ? 20 : 15;
            y += text_box(L, &b->items[k], NULL, x, y, w, size, INK, 1.5, 1) +
                 12;
        }
    }
}

int layout_deck(const deck *dk, const font *f, canvas *cv,
                const layout_opts *opts, diag_list *d)
{
    double pw, ph;
    layout_page_size(opts ? opts->size : PAGE_A4_LANDSCAPE, &pw, &ph);
    lay L = {f, cv, 1};
    int rc = 0;
    for (size_t i = 0; i < dk->nslides; i++) {
        const slide *s = &dk->slides[i];
        canvas_begin_page(cv, pw, ph);
        buf t = BUF_INIT;
        slide_title_text(s, &t);
        canvas_bookmark(cv, buf_cstr(&t), 0);
        buf_free(&t);
        if (s->kind == SLIDE_COVER)
            cover_slide(&L, s, pw, ph);
        else if (content_slide(&L, s, i, pw, ph, d) != 0)
            rc = -1;
        canvas_end_page(cv);
    }
    return rc;
}
