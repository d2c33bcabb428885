/* chart_frame: the frame every chart type shares (legend, panels, fitting
 * the box) and the series fills (colour and hatching) of legend and
 * panels.  See chart_impl.h. */
#include <math.h>
#include <stdlib.h>

#include "canvas_probe.h"
#include "chart_impl.h"
#include "xalloc.h"

#define NOMINAL_WIDTH 720.0

/* ------------------------------------------------------------------ */
/* Fills with hatching */

void cd_rect_path(canvas *cv, const double *a)
{
    canvas_rect(cv, a[0], a[1], a[2], a[3]);
}

void cd_hatch(canvas *cv, int kind, rgb colour, cd_path_fn path,
              const double *args, double bx, double by, double bw, double bh)
{
    kind %= 6;
    if (kind == 0 || bw <= 0 || bh <= 0)
        return;
    canvas_save(cv);
    path(cv, args);
    canvas_clip(cv);
    canvas_set_stroke(cv, colour, 1, 0.6);
    const double gap = 3.5;
    int diag1 = kind == 1 || kind == 5, diag2 = kind == 2 || kind == 5;
    double span = bw + bh;
    double start = floor(bx / gap) * gap; /* anchored to the page grid */
    if (diag1)
        for (double t = start - bh; t <= bx + span; t += gap) {
            canvas_move_to(cv, t, by + bh);
            canvas_line_to(cv, t + bh, by);
        }
    if (diag2)
        for (double t = start - bh; t <= bx + span; t += gap) {
            canvas_move_to(cv, t, by);
            canvas_line_to(cv, t + bh, by + bh);
        }
    if (kind == 3)
        for (double y = floor(by / gap) * gap; y <= by + bh; y += gap) {
            canvas_move_to(cv, bx, y);
            canvas_line_to(cv, bx + bw, y);
        }
    if (kind == 4)
        for (double x = start; x <= bx + bw; x += gap) {
            canvas_move_to(cv, x, by);
            canvas_line_to(cv, x, by + bh);
        }
    canvas_stroke(cv);
    canvas_restore(cv);
}

/* Series s's colour, then its hatching (chart_colours_assign: with
 * patterns: on none for the first series, then diagonal, the other
 * diagonal, horizontal, vertical, crossed, repeating; and wherever two
 * series would otherwise print in greys too close). */
void cd_fill_series(const chart *c, canvas *cv, size_t s, cd_path_fn path,
                    const double *args, double bx, double by, double bw,
                    double bh)
{
    rgb col = c->colours[s % c->ns];
    canvas_set_fill(cv, col, 1);
    path(cv, args);
    canvas_fill(cv);
    cd_hatch(cv, c->hatch[s % c->ns], c->text_on[s % c->ns], path, args, bx,
             by, bw, bh);
}

/* ------------------------------------------------------------------ */
/* Legend */

static const panel_ops *ops_of(const chart *c)
{
    const panel_ops *ops = c->type->ops;
    while (ops->pick)
        ops = ops->pick(c);
    return ops;
}

static int shows_legend(const chart *c)
{
    int when = c->type->show_legend;
    return c->legend != LEGEND_OFF &&
           (when == SHOW_LEGEND_ALWAYS ||
            (when == SHOW_LEGEND_SEVERAL && c->ns > 1));
}

chart_form chart_form_of(const chart *c)
{
    chart_form f = {0};
    f.family = c->type->family;
    f.stacked = c->type->stacked;
    f.shares = c->normalise;
    f.horizontal = c->horizontal;
    f.labels = c->labels == LAB_VALUE     ? 1
               : c->labels == LAB_PERCENT ? 2
               : c->labels == LAB_BOTH    ? 3
                                          : 0;
    f.value_decimals = c->value_decimals;
    f.legend = !shows_legend(c) ? 0 : c->legend == LEGEND_BOTTOM ? 2 : 1;
    if (f.family == CHART_FAMILY_BAR || f.family == CHART_FAMILY_LINE) {
        double most = 0;
        for (size_t p = 0; p < c->nf; p++)
            for (size_t x = 0; x < c->nx; x++) {
                if (c->type->stacked) {
                    double t = chart_bar_total(c, p, x);
                    most = t > most ? t : most;
                    continue;
                }
                for (size_t s = 0; s < c->ns; s++) {
                    double v = c->val[chart_at(c, p, x, s)];
                    most = v > most ? v : most;
                }
            }
        axis a;
        cd_axis(0, c->normalise ? 1 : most, c->normalise, &a);
        f.value_max = a.hi;
        f.value_step = a.step;
    }
    return f;
}

/* Lays out the legend rows for width w; returns the number of rows and
 * fills row_w / row_of / x_in_row when given. */
static size_t legend_rows(const chart *c, const font *fo, double fs, double w,
                          double *row_w, size_t *row_of, double *x_in_row)
{
    double sw = fs * 0.9, sgap = fs * 0.35, igap = fs * 1.0;
    size_t rows = 1;
    double x = 0;
    for (size_t s = 0; s < c->ns; s++) {
        double iw = sw + sgap + cd_text_w(fo, c->series_labels[s], fs);
        if (iw > w)
            iw = w;
        if (x > 0 && x + igap + iw > w) {
            if (row_w)
                row_w[rows - 1] = x;
            rows++;
            x = 0;
        }
        if (x > 0)
            x += igap;
        if (row_of)
            row_of[s] = rows - 1;
        if (x_in_row)
            x_in_row[s] = x;
        x += iw;
    }
    if (row_w)
        row_w[rows - 1] = x;
    return rows;
}

static void draw_legend(const chart *c, canvas *cv, const frame *F, double x,
                        double y, double w)
{
    const font *fo = cv->font;
    double fs = F->fs;
    double *row_w = xcalloc(F->legend_rows + 1, sizeof *row_w);
    size_t *row_of = xcalloc(c->ns + 1, sizeof *row_of);
    double *x_in = xcalloc(c->ns + 1, sizeof *x_in);
    legend_rows(c, fo, fs, w, row_w, row_of, x_in);
    canvas_group_begin(cv, "凡例");
    double sw = fs * 0.9, sgap = fs * 0.35;
    for (size_t s = 0; s < c->ns; s++) {
        double rw = row_w[row_of[s]];
        double x0 = x + (rw < w ? (w - rw) / 2 : 0) + x_in[s];
        double ry = y + (double)row_of[s] * fs * 1.5;
        double base = ry + fs * 0.2 + fs * cd_ascent(fo);
        double sq[4] = {x0, base - sw * 0.9, sw, sw};
        cd_fill_series(c, cv, s, cd_rect_path, sq, sq[0], sq[1], sq[2],
                       sq[3]);
        const char *label = c->series_labels[s];
        double room = w - (sw + sgap);
        if (cd_text_w(fo, label, fs) > room) {
            char **ln;
            size_t n = cd_wrap(c, fo, label, fs, room, 1, &ln);
            cd_text(cv, x0 + sw + sgap, base, fs, 0, look_rgb(LOOK_INK), ln[0]);
            cd_free_lines(ln, n);
        } else {
            cd_text(cv, x0 + sw + sgap, base, fs, 0, look_rgb(LOOK_INK), label);
        }
    }
    canvas_group_end(cv);
    free(row_w);
    free(row_of);
    free(x_in);
}

/* ------------------------------------------------------------------ */
/* Frame */

/* Tick and category labels are this much of the base size. */
#define TICK_SCALE 0.85

/* The base font size on a box w wide: 10 pt on a slide-wide box, never
 * under 7 pt unless the height forces it (compute_frame). */
static double frame_start_fs(double w)
{
    double fs = w / 60.0;
    if (fs > 10)
        fs = 10;
    if (fs < 7)
        fs = 7;
    return fs;
}

/* The frame at base size fs for a box w wide, all but panel_h. */
static void frame_at(const chart *c, const font *fo, double w, double fs,
                     frame *F)
{
    const panel_ops *ops = ops_of(c);
    int legend = shows_legend(c);
    F->fs = fs;
    F->tick_fs = fs * TICK_SCALE;
    F->gap = fs;
    F->legend_rows = legend ? legend_rows(c, fo, fs, w, NULL, NULL, NULL) : 0;
    F->legend_h = F->legend_rows
                      ? (double)F->legend_rows * fs * 1.5 + fs * 0.5
                      : 0;
    size_t pc = c->nf;
    while (pc > 1 &&
           (w - (double)(pc - 1) * F->gap) / (double)pc < ops->min_panel_w)
        pc--;
    F->pcols = pc;
    F->prows = (c->nf + pc - 1) / pc;
    F->panel_w = (w - (double)(pc - 1) * F->gap) / (double)pc;
    F->head_h = c->facet_col ? fs * 1.6 : 0;
}

/* The frame for the box w x h (h <= 0: the natural height): the base
 * size shrinks by 15% a step while the panels are lower than they need
 * at that size.  Returns 1 when the panels get their min_h; 0 when they
 * do not even at the smallest size tried (then F is that last attempt,
 * cramped at 3 pt or less, or with panel_h 0 when the steps ran out:
 * nothing is drawn). */
static int compute_frame(const chart *c, const font *fo, double w, double h,
                         frame *F)
{
    const panel_ops *ops = ops_of(c);
    double fs = frame_start_fs(w);
    for (int iter = 0; iter < 8; iter++) {
        frame_at(c, fo, w, fs, F);
        if (h <= 0) {
            F->panel_h = ops->natural_h(c, fo, F, F->panel_w);
            return 1;
        }
        F->panel_h = (h - F->legend_h - (double)(F->prows - 1) * F->gap) /
                     (double)F->prows;
        if (F->panel_h >= ops->min_h(c, fo, F, F->panel_w))
            return 1;
        if (fs <= 3)
            return 0;
        fs *= 0.85;
    }
    F->panel_h = 0;
    return 0;
}

int chart_fits(const chart *c, const font *fo, double w, double h, size_t *most)
{
    *most = 0;
    if (!c)
        return 1;
    frame F;
    const panel_ops *ops = ops_of(c);
    if (compute_frame(c, fo, w, h, &F) &&
        F.tick_fs >= CHART_TEXT_FLOOR - 1e-9) {
        size_t across =
            ops->most_across ? ops->most_across(c, fo, &F, F.panel_w) : c->nx;
        if (across >= c->nx)
            return 1;
        *most = across;
        return 0;
    }
    /* the smallest step of compute_frame whose axis labels keep the
     * floor: the room of its panels, less what does not grow with the
     * categories, in pitches of that frame */
    double fs = frame_start_fs(w), last = -1;
    for (int iter = 0; iter < 8; iter++, fs *= 0.85)
        if (fs * TICK_SCALE >= CHART_TEXT_FLOOR - 1e-9)
            last = fs;
    if (last < 0 || !ops->pitch || c->nx == 0)
        return 0;
    frame_at(c, fo, w, last, &F);
    F.panel_h =
        (h - F.legend_h - (double)(F.prows - 1) * F.gap) / (double)F.prows;
    double pitch = ops->pitch(c, &F);
    double fixed = ops->min_h(c, fo, &F, F.panel_w) - (double)c->nx * pitch;
    double n = floor((F.panel_h - fixed) / pitch);
    *most = n > 0 ? (size_t)n : 0;
    return 0;
}

double chart_legible_height(const chart *c, const font *fo, double w,
                            double min_fs)
{
    if (!c || w <= 0)
        return 0;
    const panel_ops *ops = ops_of(c);
    double fs = frame_start_fs(w), best = -1;
    /* the steps of compute_frame that stay at min_fs or above */
    for (int iter = 0; iter < 8 && (iter == 0 || fs >= min_fs); iter++) {
        frame F;
        frame_at(c, fo, w, fs, &F);
        double h = F.legend_h +
                   (double)F.prows * ops->min_h(c, fo, &F, F.panel_w) +
                   (double)(F.prows - 1) * F.gap;
        if (best < 0 || h < best)
            best = h;
        fs *= 0.85;
    }
    return best + 0.05;
}

double chart_aspect(const chart *c)
{
    if (c->aspect > 0)
        return c->aspect;
    frame F;
    compute_frame(c, NULL, NOMINAL_WIDTH, 0, &F);
    double hh = F.legend_h + (double)F.prows * F.panel_h +
                (double)(F.prows - 1) * F.gap;
    return hh / NOMINAL_WIDTH;
}

/* The top-left corner of panel f, below the legend when it is on top
 * (py: the top of the first row of panels). */
static void panel_corner(const frame *F, size_t f, double x, double py,
                         double *px, double *ppy)
{
    size_t col = f % F->pcols, row = f / F->pcols;
    *px = x + (double)col * (F->panel_w + F->gap);
    *ppy = py + (double)row * (F->panel_h + F->gap);
}

int chart_panel_at(const chart *c, const font *fo, double x, double y, double w,
                   double h, size_t f, chart_panel *out)
{
    if (!c || w <= 0 || h <= 0 || f >= c->nf)
        return -1;
    frame F;
    compute_frame(c, fo, w, h, &F);
    if (F.legend_h > h)
        F.legend_rows = 0;
    double py = y;
    out->legend_x = x;
    out->legend_w = w;
    out->legend_h = F.legend_rows ? F.legend_h : 0;
    out->legend_y = y;
    if (c->legend == LEGEND_TOP && F.legend_rows)
        py += F.legend_h;
    else if (F.legend_rows)
        out->legend_y = y + h - F.legend_h + F.fs * 0.5;
    if (F.panel_h <= 0 || F.panel_h <= F.head_h)
        return -1;
    panel_corner(&F, f, x, py, &out->x, &out->y);
    out->w = F.panel_w;
    out->h = F.panel_h;
    out->head_h = F.head_h;
    out->fs = F.fs;
    return 0;
}

void chart_draw(const chart *c, canvas *cv, double x, double y, double w,
                double h)
{
    if (!c || !cv || w <= 0 || h <= 0)
        return;
    const panel_ops *ops = ops_of(c);
    frame F;
    compute_frame(c, cv->font, w, h, &F);
    canvas_group_begin(cv, *c->title ? c->title : "グラフ");
    canvas_save(cv);
    canvas_rect(cv, x, y, w, h);
    canvas_clip(cv);
    double py = y;
    if (F.legend_h > h)
        F.legend_rows = 0; /* no room for the legend: leave it out */
    if (c->legend == LEGEND_TOP && F.legend_rows) {
        draw_legend(c, cv, &F, x, y, w);
        py += F.legend_h;
    }
    for (size_t f = 0; f < c->nf && F.panel_h > 0; f++) {
        double px, ppy;
        panel_corner(&F, f, x, py, &px, &ppy);
        if (F.panel_h <= F.head_h)
            continue;
        canvas_group_begin(cv, c->facet_col ? c->facet_labels[f] : "グラフ");
        if (c->facet_col)
            cd_text(cv, px + F.panel_w / 2,
                    ppy + F.fs * 0.2 + F.fs * cd_ascent(cv->font), F.fs, 1,
                    look_rgb(LOOK_INK), c->facet_labels[f]);
        ops->draw(c, cv, &F, f, px, ppy + F.head_h, F.panel_w,
                  F.panel_h - F.head_h);
        canvas_group_end(cv);
    }
    if (c->legend == LEGEND_BOTTOM && F.legend_rows)
        draw_legend(c, cv, &F, x, y + h - F.legend_h + F.fs * 0.5, w);
    canvas_restore(cv);
    canvas_group_end(cv);
}

void chart_probe(const chart *c, const font *fo, double w, double h,
                 double floor, size_t *legible, size_t *omitted)
{
    canvas *p = canvas_probe_new(fo, floor);
    canvas_begin_page(p, w, h);
    chart_draw(c, p, 0, 0, w, h);
    canvas_end_page(p);
    if (legible)
        *legible = canvas_probe_legible(p);
    if (omitted)
        *omitted = canvas_probe_omitted(p);
    canvas_destroy(p);
}

size_t chart_omitted_labels(const chart *c, const font *fo, double w,
                            double h)
{
    size_t n;
    chart_probe(c, fo, w, h, 0, NULL, &n);
    return n;
}
