#include "layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "canvas_record.h"
#include "drawable.h"
#include "format.h"
#include "i18n.h"
#include "table_layout.h"
#include "textbox.h"
#include "utf8.h"
#include "xalloc.h"

/* Sizes in points, for an A4 landscape page (the vertical whitespace
 * scales with the page height, below). */
#define A4_W 841.89
#define A4_H 595.28
#define MARGIN_X 36.0
#define MARGIN_TOP 26.0
#define MARGIN_BOTTOM 22.0
#define TITLE_SIZE 20.0
#define POINT_SIZE 14.0
#define POINT_MIN 10.5
#define BODY_SIZE 12.0
#define BODY_MIN 9.0
#define NOTE_SIZE 9.0
#define NOTE_MIN 7.5
#define SOURCE_SIZE 7.5
#define PAGENO_SIZE 9.0
#define LEADING 1.45
#define GAP 10.0
#define CHART_MIN_H 90.0
#define CHART_TEXT_MIN 7.0 /* a chart's base text size, kept while it can */
#define CAPTION_SIZE 10.5
#define CHART_GROW 1.6
#define CELL_PAD 4.0 /* above and below a table cell's text */
#define CELL_PAD_MIN 2.0
#define POINTS_PAD 8.0  /* inside the key-points frame */
#define MARK_SIZE 10.0  /* the 速報/仮 mark's text */
#define MARK_PAD_X 6.0  /* its frame, left and right of the text */
#define MARK_PAD_Y 4.0  /* above and below */
#define MARK_RAISE 14.0 /* its top above the title's (scaled as margins) */
#define MARK_GAP 12.0   /* between the title's text area and the mark */
#define MARK_SEP 6.0    /* between two marks (速報 and 仮) */

/* The page and the space around its regions.  Margins, gaps and paddings
 * and the smallest row of charts are set for A4 and scale with the page's
 * height (v, exactly 1 on A4): a 16:9 page is 0.68 of A4's height but
 * 0.86 of its width, so the same slide needs its vertical space in
 * proportion.  Text sizes do not scale; they shrink only to fit (fit,
 * below). */
typedef struct geom {
    double w, h;
    double v;           /* page height / A4 height */
    double top, bottom; /* margins */
    double gap;         /* between regions */
    double chart_min;   /* the height of a row of charts at its smallest */
} geom;

static geom page_geom(page_size size)
{
    geom g;
    layout_page_size(size, &g.w, &g.h);
    g.v = g.h / A4_H;
    g.top = MARGIN_TOP * g.v;
    g.bottom = MARGIN_BOTTOM * g.v;
    g.gap = GAP * g.v;
    g.chart_min = CHART_MIN_H * g.v;
    return g;
}

/* The sizes a content slide is set at.  fit_shrink takes one step
 * smaller, in this order: key points and body text by half a point (to
 * POINT_MIN and BODY_MIN; tables are set at 0.9 of the body size), then
 * the padding of table cells by a point (to CELL_PAD_MIN), then the notes
 * by half a point (to NOTE_MIN).  Returns 0 when everything is at its
 * floor. */
typedef struct fit {
    double points, body, note; /* text sizes */
    double cell_pad;           /* above and below a table cell's text */
} fit;

static int fit_shrink(fit *f)
{
    if (f->body > BODY_MIN || f->points > POINT_MIN) {
        if (f->body > BODY_MIN)
            f->body -= 0.5;
        if (f->points > POINT_MIN)
            f->points -= 0.5;
        return 1;
    }
    if (f->cell_pad > CELL_PAD_MIN) {
        f->cell_pad -= 1;
        return 1;
    }
    if (f->note > NOTE_MIN) {
        f->note -= 0.5;
        return 1;
    }
    return 0;
}

void layout_page_size(page_size size, double *w, double *h)
{
    if (size == PAGE_16_9) {
        *w = 960.0 * 0.75;
        *h = 540.0 * 0.75;
    } else {
        *w = A4_W;
        *h = A4_H;
    }
}

static double ascent(const lay *L, double size)
{
    return font_ascent(L->f) * size;
}

/* Sets rich text; the old call shape, kept for the many regions below. */
static double text_box(lay *L, const rich *r, const char *lead, double x,
                       double y, double w, double size, rgb colour,
                       double leading, int align, int justify)
{
    tb_style st = {size, colour, leading, align, justify, lead};
    return tb_rich(L, r, x, y, w, &st);
}

/* ---- the result ---- */

/* Where the drawing pass records what it placed: the regions of the
 * page of slide `slide`, and the charts of the result.  Measuring passes
 * (L->draw == 0) record nothing. */
typedef struct sink {
    layout_result *res;
    layout_page *page;
    size_t slide;
} sink;

static layout_region *region(const lay *L, sink *o, layout_region_kind kind,
                             size_t index, double x, double y, double w,
                             double h, double size)
{
    if (!L->draw)
        return NULL;
    layout_page *pg = o->page;
    pg->regions =
        xrealloc(pg->regions, (pg->nregions + 1) * sizeof *pg->regions);
    layout_region *r = &pg->regions[pg->nregions++];
    memset(r, 0, sizeof *r);
    r->kind = kind;
    r->index = index;
    r->box = (layout_box){x, y, w, h};
    r->size = size;
    return r;
}

static void chart_drawn(sink *o, const chart *c, size_t bi, double x, double y,
                        double w, double h)
{
    layout_result *r = o->res;
    r->charts = xrealloc(r->charts, (r->ncharts + 1) * sizeof *r->charts);
    r->charts[r->ncharts++] =
        (layout_chart){c, o->slide, bi, (layout_box){x, y, w, h}};
}

/* ---- slides ---- */

static double points_box(lay *L, sink *o, const slide *s, double x, double y,
                         double w, double size, const geom *g)
{
    if (!s->npoints)
        return 0;
    double pad = POINTS_PAD * g->v;
    L->region = N_("key-points box");
    lay M = *L;
    M.draw = 0;
    double h = pad;
    for (size_t i = 0; i < s->npoints; i++)
        h += text_box(&M, &s->points[i], "■", x + pad, 0, w - 2 * pad, size,
                      look_rgb(LOOK_INK), 1.4, 0, 1) +
             (i + 1 < s->npoints ? size * 0.35 : 0);
    h += pad;
    L->over_x = M.over_x;
    L->over_region = M.over_region;
    if (L->draw) {
        canvas_set_fill(L->cv, look_rgb(LOOK_BOX), 1);
        canvas_set_stroke(L->cv, look_rgb(LOOK_NAVY), 1, 1);
        canvas_rect(L->cv, x, y, w, h);
        canvas_fill_stroke(L->cv);
        region(L, o, LAYOUT_POINTS, 0, x, y, w, h, size);
        double yy = y + pad;
        tb_tag_with(L, &(canvas_tag){.role = TAG_L,
                                     .numbering = NUMBERING_SQUARE});
        for (size_t i = 0; i < s->npoints; i++) {
            tb_tag(L, TAG_LI);
            double th =
                text_box(L, &s->points[i], "■", x + pad, yy, w - 2 * pad, size,
                         look_rgb(LOOK_INK), 1.4, 0, 1);
            tb_tag_end(L);
            region(L, o, LAYOUT_POINT, i, x + pad, yy, w - 2 * pad, th, size);
            yy += th + size * 0.35;
        }
        tb_tag_end(L);
    }
    return h;
}

/* The end of the row of charts that starts at body block i: up to three
 * consecutive charts are set side by side, each chart_col_w wide. */
static size_t chart_row_end(const slide *s, size_t i)
{
    size_t j = i;
    while (j < s->nbody && j - i < 3 && s->body[j].kind == BLOCK_CHART)
        j++;
    return j;
}

static double chart_col_w(double w, size_t n)
{
    return (w - GAP * (double)(n - 1)) / (double)n;
}

/* The height of chart c's box, cw wide, in a row given chart_h: its
 * preferred aspect, taller by up to CHART_GROW, no taller than chart_h. */
static double chart_box_h(const chart *c, double cw, double chart_h)
{
    double ch = cw * chart_aspect(c) * CHART_GROW;
    return ch > chart_h ? chart_h : ch;
}

/* An image's size at most w wide: its natural size (a pixel is 1/96 in,
 * 0.75 pt, as a browser shows it), scaled down to w keeping its aspect;
 * never scaled up. */
#define IMAGE_PT_PER_PX 0.75
static void image_size(const canvas_image *im, double w, double *iw,
                       double *ih)
{
    *iw = im->width * IMAGE_PT_PER_PX;
    *ih = im->height * IMAGE_PT_PER_PX;
    if (*iw > w) {
        *ih *= w / *iw;
        *iw = w;
    }
}

/* Every chart of s must be legible in the box body_blocks gives it (each
 * row chart_h high): a chart that is not would be drawn cramped or left
 * empty.  -1 after an error at each chart that is not. */
static int charts_legible(const lay *L, const slide *s, double w,
                          double chart_h, diag_list *d)
{
    int rc = 0;
    for (size_t i = 0; i < s->nbody;) {
        if (s->body[i].kind != BLOCK_CHART) {
            i++;
            continue;
        }
        size_t j = chart_row_end(s, i);
        double cw = chart_col_w(w, j - i);
        for (size_t k = i; k < j; k++) {
            const chart *c = s->body[k].chart;
            double ch = chart_box_h(c, cw, chart_h);
            size_t most;
            if (chart_fits(c, L->f, cw, ch, &most))
                continue;
            rc = -1;
            if (most > 0 && most < chart_bar_count(c)) {
                diag_at(d, DIAG_ERROR, s->body[k].at,
                        "too many categories (%zu) for a legible chart of "
                        "this size (%.0f x %.0f pt); at most %zu fit",
                        chart_bar_count(c), cw, ch, most);
                if (most > 1)
                    diag_hint(d,
                              "filter the rows, use top: %zu (the rest "
                              "become one last bar), or split the chart",
                              most - 1);
                else
                    diag_hint(d, "filter the rows or split the chart");
            } else {
                diag_at(d, DIAG_ERROR, s->body[k].at,
                        "the chart cannot be drawn legibly in its box "
                        "(%.0f x %.0f pt): its labels would be smaller "
                        "than %g pt",
                        cw, ch, CHART_TEXT_FLOOR);
                diag_hint(d, "give it a slide of its own, fewer panels "
                             "(facet:) or categories (filter:, top:), or "
                             "split it");
            }
        }
        i = j;
    }
    return rc;
}

/* Chart c drawn in its box as a Figure, with the alternative text the
 * site gives it, followed by its data as a table the page does not show
 * (its cells carry their text), as the site follows the picture with its
 * data: a screen reader gets both. */
static void chart_figure(lay *L, const chart *c, double x, double y, double w,
                         double h)
{
    char *alt = chart_alt_in_box(c, L->f, w, h);
    canvas_tag fig = {.role = TAG_FIGURE, .alt = alt, .x = x, .y = y,
                      .w = w, .h = h};
    canvas_tag_begin(L->cv, &fig);
    free(alt);
    canvas_group_begin(L->cv, chart_title(c));
    chart_draw(c, L->cv, x, y, w, h);
    canvas_group_end(L->cv);
    canvas_tag_end(L->cv);

    const grid *g = chart_grid(c);
    buf cap = BUF_INIT;
    chart_data_caption(c, &cap);
    canvas_tag_role(L->cv, TAG_TABLE);
    canvas_tag_begin(L->cv,
                     &(canvas_tag){.role = TAG_CAPTION, .text = buf_cstr(&cap)});
    canvas_tag_end(L->cv);
    buf_free(&cap);
    for (size_t r = 0; r < g->nrows; r++) {
        canvas_tag_role(L->cv, TAG_TR);
        for (size_t k = 0; k < g->ncols; k++) {
            tag_scope sc = canvas_cell_scope(r, k);
            canvas_tag td = {.role = sc ? TAG_TH : TAG_TD,
                               .scope = sc,
                               .text = g->cells[r * g->ncols + k]};
            canvas_tag_begin(L->cv, &td);
            canvas_tag_end(L->cv);
        }
        canvas_tag_end(L->cv);
    }
    canvas_tag_end(L->cv);
}

/* Height of the body (and draws it when L->draw) at the sizes of f, with
 * each row of charts given chart_h. */
static double body_blocks(lay *L, sink *o, const slide *s, double x, double y,
                          double w, const fit *f, double chart_h, const geom *g)
{
    double yy = y;
    double size = f->body;
    L->region = N_("body");
    for (size_t i = 0; i < s->nbody;) {
        const block *b = &s->body[i];
        if (i > 0)
            yy += g->gap * 0.6;
        if (b->kind == BLOCK_CHART) {
            size_t j = chart_row_end(s, i);
            double cw = chart_col_w(w, j - i);
            /* each chart: its caption (the chart's title), then the chart
             * at its preferred aspect, taller by up to CHART_GROW when the
             * slide has the room (a row of pies or a Venn diagram would
             * otherwise leave half the page empty), no taller than
             * chart_h */
            double rowh = 0;
            for (size_t k = i; k < j; k++) {
                const chart *c = s->body[k].chart;
                double cap = *chart_title(c) ? CAPTION_SIZE * 1.6 : 0;
                double ch = chart_box_h(c, cw, chart_h);
                if (cap + ch > rowh)
                    rowh = cap + ch;
                if (!L->draw)
                    continue;
                double cx = x + (double)(k - i) * (cw + GAP);
                if (cap > 0) {
                    /* the chart's title: its caption (Matterhorn 13-003) */
                    tb_tag(L, TAG_CAPTION);
                    tb_style st = {CAPTION_SIZE, look_rgb(LOOK_NAVY), 1.3, 1, 0,
                                   NULL};
                    rich t = {0};
                    rich_add(&t, chart_title(c), strlen(chart_title(c)),
                             RUN_STRONG, NULL);
                    tb_rich(L, &t, cx, yy, cw, &st);
                    rich_free(&t);
                    tb_tag_end(L);
                }
                chart_figure(L, c, cx, yy + cap, cw, ch);
                layout_region *r = region(L, o, LAYOUT_BLOCK, k, cx, yy, cw,
                                          cap + ch, cap > 0 ? CAPTION_SIZE : 0);
                if (r)
                    r->block = BLOCK_CHART;
                chart_drawn(o, c, k, cx, yy + cap, cw, ch);
            }
            yy += rowh;
            i = j;
            continue;
        }
        double y0 = yy, bsize = size;
        table_geom tg = {0};
        if (b->kind == BLOCK_IMAGE) {
            /* like a row of charts: the room chart_h gives, no more than
             * its natural size; centred */
            double iw, ih;
            image_size(b->image, w, &iw, &ih);
            double h = fmin(ih, chart_h), bw = iw * (ih > 0 ? h / ih : 0);
            double bx = x + (w - bw) / 2;
            if (L->draw && h > 0) {
                /* a figure with the picture's alternative text */
                canvas_tag fig = {.role = TAG_FIGURE, .alt = b->image->alt,
                                  .x = bx, .y = yy, .w = bw, .h = h};
                canvas_tag_begin(L->cv, &fig);
                canvas_draw_image(L->cv, bx, yy, bw, h, b->image);
                canvas_tag_end(L->cv);
            }
            layout_region *r = region(L, o, LAYOUT_BLOCK, i, bx, yy, bw, h, 0);
            if (r)
                r->block = BLOCK_IMAGE;
            yy += h;
            i++;
            continue;
        }
        switch (b->kind) {
        case BLOCK_PARA:
            tb_tag(L, TAG_P);
            yy += text_box(L, &b->items[0], NULL, x, yy, w, size,
                           look_rgb(LOOK_INK), LEADING, 0, 1);
            tb_tag_end(L);
            break;
        case BLOCK_HEADING:
            bsize = size * 1.1;
            tb_tag(L, TAG_H2);
            yy += text_box(L, &b->items[0], NULL, x, yy, w, bsize,
                           look_rgb(LOOK_NAVY), LEADING, 0, 0);
            tb_tag_end(L);
            break;
        case BLOCK_LIST:
            tb_tag_with(L, &(canvas_tag){.role = TAG_L,
                                         .numbering = b->ordered
                                                          ? NUMBERING_DECIMAL
                                                          : NUMBERING_DISC});
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
                tb_tag(L, TAG_LI);
                yy += text_box(L, &b->items[k], lead, x, yy, w, size,
                               look_rgb(LOOK_INK), LEADING, 0, 1);
                tb_tag_end(L);
            }
            tb_tag_end(L);
            break;
        case BLOCK_TABLE:
            L->region = N_("table");
            bsize = size * 0.9;
            yy += table_layout_box(L, b->table, x, yy, w, bsize, f->cell_pad,
                                   L->draw ? &tg : NULL);
            L->region = N_("body");
            break;
        default:
            break;
        }
        layout_region *r =
            region(L, o, LAYOUT_BLOCK, i, x, y0, w, yy - y0, bsize);
        if (r) {
            r->block = b->kind;
            r->col_w = tg.col_w;
            r->ncols = tg.ncols;
            r->row_h = tg.row_h;
            r->nrows = tg.nrows;
        }
        i++;
    }
    return yy - y;
}

/* The rows of charts of s: returns their number and sets *legible to the
 * height they need for their text to keep CHART_TEXT_MIN, summed over the
 * rows (each row at least g->chart_min).  A chart is never drawn taller
 * than CHART_GROW times its preferred aspect, so it needs no more than
 * that. */
static size_t chart_rows(const lay *L, const slide *s, double w, const geom *g,
                         double *legible)
{
    size_t rows = 0;
    *legible = 0;
    for (size_t i = 0; i < s->nbody;) {
        if (s->body[i].kind == BLOCK_CHART) {
            size_t j = chart_row_end(s, i);
            double cw = chart_col_w(w, j - i);
            double need = g->chart_min;
            for (size_t k = i; k < j; k++) {
                const chart *c = s->body[k].chart;
                double h = chart_legible_height(c, L->f, cw, CHART_TEXT_MIN);
                double most = cw * chart_aspect(c) * CHART_GROW;
                need = fmax(need, fmin(h, most));
            }
            *legible += need;
            rows++;
            i = j;
        } else if (s->body[i].kind == BLOCK_IMAGE) {
            /* an image is a row of its own that needs at most its natural
             * height, and may shrink to chart_min */
            double iw, ih;
            image_size(s->body[i].image, w, &iw, &ih);
            *legible += fmin(ih, g->chart_min);
            rows++;
            i++;
        } else {
            i++;
        }
    }
    return rows;
}

/* The 速報/仮 marks: one framed label for each kind of value the slide
 * shows that is not final (速報値を含む, then 仮の値を含む), side by side
 * at the top right, measured once for both the drawing and the title's
 * width beside them.  Returns their total width (0 on a final slide);
 * each box's x and width go to xs and ws (PROV_COUNT entries), by kind. */
static double marks_box(const lay *L, const slide *s, const geom *g, double *xs,
                        double *ws, double *y, double *bh)
{
    double total = 0;
    for (int p = PROV_PRELIMINARY; p < PROV_COUNT; p++) {
        ws[p] = 0;
        if (!(s->marks & PROV_BIT(p)))
            continue;
        const char *label = prov_label((prov)p);
        double tw = font_text_width(L->f, label, strlen(label), MARK_SIZE);
        ws[p] = tw + 2 * MARK_PAD_X;
        total += (total ? MARK_SEP : 0) + ws[p];
    }
    double x = g->w - MARGIN_X - total;
    for (int p = PROV_PRELIMINARY; p < PROV_COUNT; p++)
        if (ws[p]) {
            xs[p] = x;
            x += ws[p] + MARK_SEP;
        }
    *bh = MARK_SIZE + 2 * MARK_PAD_Y;
    *y = g->top - MARK_RAISE * g->v;
    return total;
}

static void draw_mark(lay *L, sink *o, const slide *s, const geom *g)
{
    double xs[PROV_COUNT], ws[PROV_COUNT], y, bh, size = MARK_SIZE;
    if (!L->draw || marks_box(L, s, g, xs, ws, &y, &bh) == 0)
        return;
    for (int p = PROV_PRELIMINARY; p < PROV_COUNT; p++) {
        if (!ws[p])
            continue;
        const char *label = prov_label((prov)p);
        canvas_set_stroke(L->cv, look_rgb(LOOK_MARK), 1, 1.2);
        canvas_set_fill(L->cv, look_rgb(LOOK_WHITE), 1);
        canvas_rect(L->cv, xs[p], y, ws[p], bh);
        canvas_fill_stroke(L->cv);
        canvas_set_fill(L->cv, look_rgb(LOOK_MARK), 1);
        tb_tag(L, TAG_P);
        canvas_text(L->cv, xs[p] + MARK_PAD_X, y + MARK_PAD_Y + ascent(L, size),
                    size, TEXT_BOLD, label, strlen(label));
        tb_tag_end(L);
        region(L, o, LAYOUT_MARK, (size_t)p, xs[p], y, ws[p], bh, size);
    }
}

/* Notes (※, at note_size) then source lines, from y down; returns the
 * height. */
static double footer(lay *L, sink *o, const slide *s, double x, double y,
                     double w, double note_size, const geom *g)
{
    double y0 = y;
    L->region = N_("notes");
    for (size_t i = 0; i < s->nnotes; i++) {
        tb_tag(L, TAG_P);
        double h = text_box(L, &s->notes[i], NULL, x, y, w, note_size,
                            look_rgb(LOOK_INK), 1.35, 0, 1);
        tb_tag_end(L);
        region(L, o, LAYOUT_NOTE, i, x, y, w, h, note_size);
        y += h;
    }
    if (s->nnotes && s->nsources)
        y += 4 * g->v;
    L->region = N_("sources");
    for (size_t i = 0; i < s->nsources; i++) {
        tb_tag(L, TAG_P);
        double h = text_box(L, &s->sources[i], NULL, x, y, w, SOURCE_SIZE,
                            look_rgb(LOOK_GREY), 1.3, 0, 0);
        tb_tag_end(L);
        region(L, o, LAYOUT_SOURCE, i, x, y, w, h, SOURCE_SIZE);
        y += h;
    }
    return y - y0;
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

/* "slide 3 「…」: the body overflows its region by 42 pt (how), …" */
static void overflow_error(const slide *s, size_t index, const char *region,
                           const char *how, double amount, diag_list *d)
{
    buf t = BUF_INIT;
    slide_title_text(s, &t);
    diag_at(d, DIAG_ERROR, s->at,
            "slide %zu 「%s」: the %s overflows its region by %d pt (%s), even "
            "with charts at their smallest and text at its minimum size",
            index + 1, buf_cstr(&t), _(region), (int)ceil(amount), _(how));
    diag_hint(d, "shorten the text, move a chart or table to its own slide, "
                 "or split the slide");
    buf_free(&t);
}

static int content_slide(lay *L, sink *o, const slide *s, size_t index,
                         const geom *g, diag_list *d)
{
    double x = MARGIN_X, w = g->w - 2 * MARGIN_X;
    double y = g->top;
    /* the title stops short of the marks, when there are any */
    double mxs[PROV_COUNT], mws[PROV_COUNT], my, mh;
    double mark_w = marks_box(L, s, g, mxs, mws, &my, &mh);
    if (mark_w > 0)
        mark_w += MARK_GAP;
    lay M = *L;
    M.draw = 0;
    M.over_x = 0;
    M.over_region = NULL;

    /* title */
    L->region = M.region = N_("title");
    double th = text_box(&M, &s->title, NULL, x, y, w - mark_w, TITLE_SIZE,
                         look_rgb(LOOK_NAVY), 1.25, 0, 0);
    if (M.over_x > 0) {
        overflow_error(s, index, N_("title"),
                       N_("a word wider than the page's text area"), M.over_x,
                       d);
        return -1;
    }
    tb_tag(L, TAG_H1);
    text_box(L, &s->title, NULL, x, y, w - mark_w, TITLE_SIZE,
             look_rgb(LOOK_NAVY), 1.25, 0, 0);
    tb_tag_end(L);
    region(L, o, LAYOUT_TITLE, 0, x, y, w - mark_w, th, TITLE_SIZE);
    y += th + 4 * g->v;
    if (L->draw) {
        canvas_set_stroke(L->cv, look_rgb(LOOK_NAVY), 1, 1.6);
        canvas_move_to(L->cv, x, y);
        canvas_line_to(L->cv, x + w, y);
        canvas_stroke(L->cv);
    }
    y += 10 * g->v;
    draw_mark(L, o, s, g);

    /* footer: notes and sources above the bottom margin, the page number
     * at the bottom right */
    double foot_w = w - 40;
    fit f = {POINT_SIZE, BODY_SIZE, NOTE_SIZE, CELL_PAD};
    footer(&M, o, s, x, 0, foot_w, f.note, g);
    if (M.over_x > 0) {
        overflow_error(s, index, M.over_region,
                       N_("a word wider than the region"), M.over_x, d);
        return -1;
    }

    /* fit the key points and the body between title and footer: charts
     * shrink first, down to the height that keeps their text legible, then
     * the text, the tables' padding and the notes (fit_shrink); when that
     * is not enough, the charts go on shrinking with everything else at
     * its floor, down to chart_min a row */
    double legible;
    size_t nrows = chart_rows(L, s, w, g, &legible);
    int keep_legible = nrows > 0;
    double foot_y;
    for (;;) {
        lay F = M;
        foot_y = g->h - g->bottom - footer(&F, o, s, x, 0, foot_w, f.note, g);
        double avail = foot_y - g->gap - y;
        M.over_x = 0;
        M.over_region = NULL;
        double ph_ = points_box(&M, o, s, x, y, w, f.points, g);
        double text_h = body_blocks(&M, o, s, x, 0, w, &f, 0, g);
        double gaps = ph_ > 0 && s->nbody ? g->gap : 0;
        double left = avail - ph_ - gaps - text_h;
        double need = keep_legible ? legible : (double)nrows * g->chart_min;
        if (left >= need - 0.01 && M.over_x <= 0) {
            double chart_h = nrows ? left / (double)nrows : 0;
            if (charts_legible(L, s, w, chart_h, d) < 0)
                return -1;
            double used = points_box(L, o, s, x, y, w, f.points, g);
            body_blocks(L, o, s, x, y + used + gaps, w, &f, chart_h, g);
            break;
        }
        if (fit_shrink(&f))
            continue;
        if (keep_legible) {
            keep_legible = 0;
            continue;
        }
        if (M.over_x > 0)
            overflow_error(s, index, M.over_region,
                           N_("a word or a table wider than the region"),
                           M.over_x, d);
        else if (ph_ > avail)
            overflow_error(s, index, N_("key-points box"),
                           N_("taller than the space between title and notes"),
                           ph_ - avail, d);
        else
            overflow_error(s, index, N_("body"), N_("too tall"), need - left,
                           d);
        return -1;
    }
    if (L->draw) {
        buf pn = BUF_INIT;
        buf_printf(&pn, "%zu", index + 1);
        canvas_set_fill(L->cv, look_rgb(LOOK_GREY), 1);
        double right = g->w - MARGIN_X, base = g->h - g->bottom;
        canvas_tag_role(L->cv, TAG_PAGENO);
        canvas_text_aligned(L->cv, right, base, PAGENO_SIZE, TEXT_REGULAR, 2,
                            buf_cstr(&pn));
        canvas_tag_end(L->cv);
        double pw = font_text_width(L->f, pn.data, pn.len, PAGENO_SIZE);
        region(L, o, LAYOUT_PAGENO, 0, right - pw,
               base - ascent(L, PAGENO_SIZE), pw,
               (font_ascent(L->f) + font_descent(L->f)) * PAGENO_SIZE,
               PAGENO_SIZE);
        buf_free(&pn);
        footer(L, o, s, x, foot_y, foot_w, f.note, g);
    }
    return 0;
}

static int cover_slide(lay *L, sink *o, const slide *s, size_t index,
                       const geom *g, diag_list *d)
{
    double pw = g->w, ph = g->h;
    double w = pw - 4 * MARGIN_X;
    double x = 2 * MARGIN_X;
    lay M = *L;
    M.draw = 0;
    M.over_x = 0;
    M.region = N_("title");
    double title_h = text_box(&M, &s->title, NULL, x, 0, w, 30,
                              look_rgb(LOOK_NAVY), 1.3, 1, 0);
    double y = ph * 0.36 - title_h / 2;
    /* measure the whole cover first: nothing may pass the bottom margin */
    double yy = y + title_h + 14 + 40;
    M.region = N_("body");
    for (size_t i = 0; i < s->nbody; i++) {
        const block *b = &s->body[i];
        for (size_t k = 0; k < b->nitems; k++)
            yy += text_box(&M, &b->items[k], NULL, x, yy, w, i == 0 ? 20 : 15,
                           look_rgb(LOOK_INK), 1.5, 1, 0) +
                  12;
    }
    if (M.over_x > 0) {
        overflow_error(s, index, M.over_region,
                       N_("a word wider than the page's text area"), M.over_x,
                       d);
        return -1;
    }
    if (yy - 12 > ph - g->bottom) {
        overflow_error(s, index, N_("body"), N_("past the bottom margin"),
                       yy - 12 - (ph - g->bottom), d);
        return -1;
    }
    tb_tag(L, TAG_H1);
    text_box(L, &s->title, NULL, x, y, w, 30, look_rgb(LOOK_NAVY), 1.3, 1, 0);
    tb_tag_end(L);
    region(L, o, LAYOUT_TITLE, 0, x, y, w, title_h, 30);
    y += title_h + 14;
    if (L->draw) {
        canvas_set_stroke(L->cv, look_rgb(LOOK_NAVY), 1, 2);
        canvas_move_to(L->cv, pw * 0.25, y);
        canvas_line_to(L->cv, pw * 0.75, y);
        canvas_stroke(L->cv);
    }
    y += 40;
    for (size_t i = 0; i < s->nbody; i++) {
        const block *b = &s->body[i];
        double size = (i == 0) ? 20 : 15, y0 = y, h = 0;
        for (size_t k = 0; k < b->nitems; k++) {
            tb_tag(L, TAG_P);
            double th = text_box(L, &b->items[k], NULL, x, y, w, size,
                                 look_rgb(LOOK_INK), 1.5, 1, 0);
            tb_tag_end(L);
            h = y + th - y0;
            y += th + 12;
        }
        layout_region *r = region(L, o, LAYOUT_BLOCK, i, x, y0, w, h, size);
        if (r)
            r->block = b->kind;
    }
    return 0;
}

void layout_result_free(layout_result *r)
{
    if (!r)
        return;
    canvas_destroy(r->display);
    for (size_t i = 0; i < r->npages; i++) {
        layout_page *pg = &r->pages[i];
        for (size_t k = 0; k < pg->nregions; k++) {
            free(pg->regions[k].col_w);
            free(pg->regions[k].row_h);
        }
        free(pg->regions);
    }
    free(r->pages);
    free(r->charts);
    free(r);
}

const layout_chart *layout_find_chart(const layout_result *r, size_t si,
                                      size_t bi)
{
    for (size_t i = 0; r && i < r->ncharts; i++)
        if (r->charts[i].slide == si && r->charts[i].block == bi)
            return &r->charts[i];
    return NULL;
}

layout_result *layout_deck(const deck *dk, const font *f,
                           const layout_opts *opts, diag_list *d)
{
    geom g = page_geom(opts ? opts->size : PAGE_A4_LANDSCAPE);
    /* Draw once into a display list: the PDF's font is subset to exactly
     * the code points drawn, which are only known after layout. */
    layout_result *res = xcalloc(1, sizeof *res);
    res->display = canvas_record_new(f);
    res->pages = xcalloc(dk->nslides ? dk->nslides : 1, sizeof *res->pages);
    res->npages = dk->nslides;
    canvas *cv = res->display;
    lay L;
    memset(&L, 0, sizeof L);
    L.f = f;
    L.cv = cv;
    L.draw = 1;
    L.level = opts ? opts->linebreak : LB_STRICT;
    L.hanging = opts ? opts->hanging : 0;
    int rc = drawable_deck(dk, f, d);
    for (size_t i = 0; i < dk->nslides; i++) {
        const slide *s = &dk->slides[i];
        sink o = {res, &res->pages[i], i};
        o.page->w = g.w;
        o.page->h = g.h;
        canvas_begin_page(cv, g.w, g.h);
        buf t = BUF_INIT;
        slide_title_text(s, &t);
        canvas_bookmark(cv, buf_cstr(&t), 0);
        buf_free(&t);
        canvas_tag_role(cv, TAG_SECT);
        L.over_x = 0;
        L.over_region = NULL;
        /* a slide's texts are measured and then drawn: set each once */
        L.memo = tb_memo_new();
        if (s->kind == SLIDE_COVER) {
            if (cover_slide(&L, &o, s, i, &g, d) != 0)
                rc = -1;
        } else if (content_slide(&L, &o, s, i, &g, d) != 0) {
            rc = -1;
        }
        tb_memo_free(L.memo);
        L.memo = NULL;
        canvas_tag_end(cv);
        canvas_end_page(cv);
    }
    if (rc == 0 && drawable_display(res->display, f, d) != 0)
        rc = -1;
    if (rc != 0) {
        layout_result_free(res);
        return NULL;
    }
    return res;
}
