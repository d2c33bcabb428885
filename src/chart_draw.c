/* chart_draw: the frame every chart type shares (legend, panels, fitting
 * the box) and the drawing helpers: text, wrapping, nice axes, label
 * boxes, hatching.  See chart_impl.h. */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chart_impl.h"
#include "format.h"
#include "linebreak.h"
#include "xalloc.h"

const rgb cd_text_dark = {0x1A / 255.0, 0x1A / 255.0, 0x1A / 255.0};
const rgb cd_white = {1, 1, 1};
const rgb cd_axis_grey = {0x59 / 255.0, 0x59 / 255.0, 0x59 / 255.0};
const rgb cd_grid_grey = {0xD9 / 255.0, 0xD9 / 255.0, 0xD9 / 255.0};

#define ASCENT 0.88
#define DESCENT 0.12
#define NOMINAL_WIDTH 720.0

/* ------------------------------------------------------------------ */
/* Text */

double cd_text_w(const font *fo, const char *s, double size)
{
    if (fo)
        return font_text_width(fo, s, strlen(s), size);
    double w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x80)
            w += 0.55;
        else if ((*p & 0xC0) == 0xC0)
            w += 1.0;
    }
    return w * size;
}

double cd_ascent(const font *fo) { return fo ? font_ascent(fo) : ASCENT; }
double cd_descent(const font *fo) { return fo ? font_descent(fo) : DESCENT; }

void cd_text(canvas *cv, double x, double y, double size, int align,
             rgb colour, const char *s)
{
    double w = cd_text_w(cv->font, s, size);
    if (align == 1)
        x -= w / 2;
    else if (align == 2)
        x -= w;
    canvas_set_fill(cv, colour, 1);
    canvas_text(cv, x, y, size, TEXT_REGULAR, s, strlen(s));
}

void cd_text_mid(canvas *cv, double x, double ymid, double size, int align,
                 rgb colour, const char *s)
{
    const font *fo = cv->font;
    cd_text(cv, x, ymid + size * (cd_ascent(fo) - cd_descent(fo)) / 2, size,
            align, colour, s);
}

static size_t utf8_prev(const char *s, size_t i)
{
    while (i > 0 && ((unsigned char)s[--i] & 0xC0) == 0x80)
        ;
    return i;
}

/* s[start..] cut so that it plus "…" fits width. */
static char *ellipsize(const font *fo, const char *s, size_t start,
                       size_t end, double size, double width)
{
    buf b = BUF_INIT;
    while (end > start) {
        buf_reset(&b);
        buf_put(&b, s + start, end - start);
        buf_puts(&b, "…");
        if (cd_text_w(fo, buf_cstr(&b), size) <= width)
            return buf_detach(&b);
        end = utf8_prev(s, end);
    }
    buf_reset(&b);
    buf_puts(&b, "…");
    return buf_detach(&b);
}

/* Narrows the measure until every line of *ll (n lines of s broken at
 * width) fits width as drawn; returns the new line count. */
static size_t fit_drawn(const font *fo, const char *s, size_t len,
                        double size, double width, lb_line **ll, size_t n)
{
    double measure = width;
    for (int it = 0; it < 8; it++) {
        double over = 0;
        for (size_t i = 0; i < n; i++) {
            double dw = font_text_width(fo, s + (*ll)[i].start,
                                        (*ll)[i].end - (*ll)[i].start, size);
            if (dw - width > over)
                over = dw - width;
        }
        if (over <= 1e-6)
            break;
        free(*ll);
        measure -= over;
        if (measure <= 1)
            measure = 1;
        n = lb_break(fo, s, len, size, measure, ll);
    }
    return n;
}

static size_t wrap_lines(const font *fo, const char *s, double size,
                         double width, size_t maxlines, char ***lines)
{
    size_t len = strlen(s);
    if (maxlines == 0)
        maxlines = 1;
    lb_line *ll = NULL;
    size_t n;
    if (fo && width > 0) {
        n = lb_break(fo, s, len, size, width, &ll);
        /* The breaker measures with JLREQ spacing (half-width brackets and
         * middle dots), but labels are drawn as plain runs: a line it fits
         * can be wider when drawn, and spilled past the label column
         * ("組織・職員（行政改革を含む）").  Narrow the measure by the
         * excess until every line fits as drawn. */
        n = fit_drawn(fo, s, len, size, width, &ll, n);
        if (n > 1 && n <= maxlines) {
            /* Balance the lines: the narrowest measure that still needs
             * no more lines, so "チャットボットによる応|答" becomes
             * "チャットボット|による応答". */
            double lo = width * 0.3, hi = width;
            for (int it = 0; it < 12; it++) {
                double mid = (lo + hi) / 2;
                lb_line *t = NULL;
                size_t m = lb_break(fo, s, len, size, mid, &t);
                int fits = m <= n;
                for (size_t i = 0; i < m && fits; i++)
                    if (t[i].width > mid + 1e-9)
                        fits = 0;
                free(t);
                if (fits)
                    hi = mid;
                else
                    lo = mid;
            }
            free(ll);
            n = lb_break(fo, s, len, size, hi, &ll);
            n = fit_drawn(fo, s, len, size, hi, &ll, n);
        }
    } else {
        /* No font (the preferred aspect is computed without one): greedy
         * by characters with the estimated widths. */
        ll = xcalloc(len + 1, sizeof *ll);
        n = 0;
        size_t i = 0;
        while (i < len || n == 0) {
            size_t st = i;
            double w = 0;
            while (i < len) {
                size_t j = i + 1;
                while (j < len && ((unsigned char)s[j] & 0xC0) == 0x80)
                    j++;
                char ch[8] = {0};
                memcpy(ch, s + i, j - i < 7 ? j - i : 7);
                double cw = cd_text_w(NULL, ch, size);
                if (w + cw > width && i > st)
                    break;
                w += cw;
                i = j;
            }
            ll[n].start = st;
            ll[n].end = i;
            ll[n].width = w;
            n++;
            if (i >= len)
                break;
        }
    }
    size_t keep = n < maxlines ? n : maxlines;
    char **out = xcalloc(keep ? keep : 1, sizeof *out);
    for (size_t i = 0; i < keep; i++) {
        size_t end = ll[i].end;
        if (i + 1 == keep && keep < n)
            out[i] = ellipsize(fo, s, ll[i].start, len, size, width);
        else
            out[i] = xstrndup(s + ll[i].start, end - ll[i].start);
        /* A line wider than the measure (an unbreakable run, or the line
         * breaker's own spacing) is cut with "…" at the plain width. */
        if (cd_text_w(fo, out[i], size) > width + 1e-9) {
            free(out[i]);
            out[i] = ellipsize(fo, s, ll[i].start, end, size, width);
        }
    }
    free(ll);
    *lines = out;
    return keep;
}

void cd_free_lines(char **lines, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(lines[i]);
    free(lines);
}

/* The memo: a chained hash table from keys (bytes) to lists of strings.
 * cd_wrap's key is every argument of wrap_lines (the text by content,
 * the sizes bit for bit). */
typedef struct memo_entry {
    struct memo_entry *next;
    uint64_t hash;
    unsigned char *key;
    size_t klen;
    char **lines;
    size_t n;
} memo_entry;

struct cd_memo {
    pthread_mutex_t lock;
    memo_entry **slots;
    size_t nslots, count;
};

struct cd_memo *cd_memo_new(void)
{
    struct cd_memo *m = xcalloc(1, sizeof *m);
    pthread_mutex_init(&m->lock, NULL);
    m->nslots = 64;
    m->slots = xcalloc(m->nslots, sizeof *m->slots);
    return m;
}

void cd_memo_free(struct cd_memo *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->nslots; i++)
        for (memo_entry *e = m->slots[i], *nx; e; e = nx) {
            nx = e->next;
            cd_free_lines(e->lines, e->n);
            free(e->key);
            free(e);
        }
    free(m->slots);
    pthread_mutex_destroy(&m->lock);
    free(m);
}

static uint64_t fnv(const void *p, size_t n)
{
    const unsigned char *b = p;
    uint64_t h = 0xCBF29CE484222325ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 0x100000001B3ull;
    return h;
}

static char **copy_lines(char *const *lines, size_t n)
{
    char **out = xcalloc(n ? n : 1, sizeof *out);
    for (size_t i = 0; i < n; i++)
        out[i] = xstrdup(lines[i]);
    return out;
}

int cd_memo_find(struct cd_memo *m, const void *key, size_t klen,
                 char ***lines, size_t *n)
{
    if (!m)
        return 0;
    uint64_t h = fnv(key, klen);
    int found = 0;
    pthread_mutex_lock(&m->lock);
    for (memo_entry *e = m->slots[h % m->nslots]; e; e = e->next)
        if (e->hash == h && e->klen == klen &&
            memcmp(e->key, key, klen) == 0) {
            *lines = copy_lines(e->lines, e->n);
            *n = e->n;
            found = 1;
            break;
        }
    pthread_mutex_unlock(&m->lock);
    return found;
}

void cd_memo_put(struct cd_memo *m, const void *key, size_t klen,
                 char *const *lines, size_t n)
{
    if (!m)
        return;
    memo_entry *e = xcalloc(1, sizeof *e);
    e->hash = fnv(key, klen);
    e->key = xmalloc(klen ? klen : 1);
    memcpy(e->key, key, klen);
    e->klen = klen;
    e->lines = copy_lines(lines, n);
    e->n = n;
    pthread_mutex_lock(&m->lock);
    if (m->count >= m->nslots * 2) {
        size_t ns = m->nslots * 4;
        memo_entry **slots = xcalloc(ns, sizeof *slots);
        for (size_t i = 0; i < m->nslots; i++)
            for (memo_entry *x = m->slots[i], *nx; x; x = nx) {
                nx = x->next;
                x->next = slots[x->hash % ns];
                slots[x->hash % ns] = x;
            }
        free(m->slots);
        m->slots = slots;
        m->nslots = ns;
    }
    /* two threads may both have computed this entry: their results are
     * equal, and the first one found wins */
    e->next = m->slots[e->hash % m->nslots];
    m->slots[e->hash % m->nslots] = e;
    m->count++;
    pthread_mutex_unlock(&m->lock);
}

size_t cd_wrap(const chart *c, const font *fo, const char *s, double size,
               double width, size_t maxlines, char ***lines)
{
    struct cd_memo *m = c ? c->memo : NULL;
    if (!m)
        return wrap_lines(fo, s, size, width, maxlines, lines);
    size_t len = strlen(s);
    unsigned char stack[256];
    size_t head = sizeof fo + 2 * sizeof(double) + sizeof maxlines;
    size_t klen = head + len;
    unsigned char *key = klen <= sizeof stack ? stack : xmalloc(klen);
    memcpy(key, &fo, sizeof fo);
    memcpy(key + sizeof fo, &size, sizeof size);
    memcpy(key + sizeof fo + sizeof size, &width, sizeof width);
    memcpy(key + head - sizeof maxlines, &maxlines, sizeof maxlines);
    memcpy(key + head, s, len);
    size_t n;
    if (!cd_memo_find(m, key, klen, lines, &n)) {
        n = wrap_lines(fo, s, size, width, maxlines, lines);
        cd_memo_put(m, key, klen, *lines, n);
    }
    if (key != stack)
        free(key);
    return n;
}

/* ------------------------------------------------------------------ */
/* Axes */

static void axis_n(double min, double max, int percent, int target, axis *a);

void cd_axis(double min, double max, int percent, axis *a)
{
    axis_n(min, max, percent, 5, a);
}

void cd_axis_fit(double min, double max, int percent, const font *fo,
                 double size, double length, int along, axis *a)
{
    for (int target = 5; target >= 1; target--) {
        axis_n(min, max, percent, target, a);
        size_t n = (size_t)floor((a->hi - a->lo) / a->step + 0.5);
        if (n == 0)
            return;
        double need = 0;
        for (size_t i = 0; i <= n; i++) {
            buf b = BUF_INIT;
            cd_tick_label(a, a->lo + a->step * (double)i, &b);
            double w = along ? cd_text_w(fo, buf_cstr(&b), size) : size * 1.2;
            buf_free(&b);
            if (w > need)
                need = w;
        }
        if (length / (double)n >= need + size * 0.6)
            return;
    }
}

static void axis_n(double min, double max, int percent, int target, axis *a)
{
    if (min > 0)
        min = 0;
    if (max < 0)
        max = 0;
    if (max - min <= 0)
        max = min + (percent ? 1 : 1);
    double raw = (max - min) / target;
    double mag = pow(10, floor(log10(raw)));
    double f = raw / mag, step;
    if (f <= 1)
        step = 1;
    else if (f <= 2)
        step = 2;
    else if (f <= 2.5)
        step = 2.5;
    else if (f <= 5)
        step = 5;
    else
        step = 10;
    step *= mag;
    a->step = step;
    a->lo = floor(min / step + 1e-9) * step;
    a->hi = ceil(max / step - 1e-9) * step;
    a->percent = percent;
    /* Decimals of the step (of its percentage for percent axes). */
    double sv = percent ? step * 100 : step;
    int d = 0;
    while (d < 4 && fabs(sv * pow(10, d) - floor(sv * pow(10, d) + 0.5)) >
                        1e-6)
        d++;
    a->decimals = d;
}

void cd_tick_label(const axis *a, double v, buf *out)
{
    if (fabs(v) < a->step * 1e-9)
        v = 0;
    if (a->percent)
        fmt_percent(out, v, a->decimals);
    else
        fmt_number(out, v, a->decimals);
}

/* ------------------------------------------------------------------ */
/* Label boxes */

int cd_box_free(const boxset *bs, double x, double y, double w, double h)
{
    /* Boxes that only touch are free of each other.  The tolerance keeps
     * the answer the same wherever the chart is drawn: labels of adjacent
     * bars touch exactly, and rounding at one position on the page made
     * them overlap by 1e-14 and dropped a label the SVG (drawn at 0, 0)
     * kept. */
    const double eps = 1e-6;
    for (size_t i = 0; i < bs->n; i++) {
        const double *o = bs->b[i];
        if (x < o[0] + o[2] - eps && o[0] < x + w - eps &&
            y < o[1] + o[3] - eps && o[1] < y + h - eps)
            return 0;
    }
    return 1;
}

void cd_box_add(boxset *bs, double x, double y, double w, double h)
{
    bs->b = xgrow(bs->b, &bs->cap, bs->n + 1, sizeof *bs->b);
    bs->b[bs->n][0] = x;
    bs->b[bs->n][1] = y;
    bs->b[bs->n][2] = w;
    bs->b[bs->n][3] = h;
    bs->n++;
}

void cd_boxset_free(boxset *bs)
{
    free(bs->b);
    bs->b = NULL;
    bs->n = bs->cap = 0;
}

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

/* Hatching of series s: none for the first series, then diagonal, the
 * other diagonal, horizontal, vertical, crossed, repeating. */
void cd_fill_series(const chart *c, canvas *cv, size_t s, cd_path_fn path,
                    const double *args, double bx, double by, double bw,
                    double bh)
{
    rgb col = c->colours[s % c->ns];
    canvas_set_fill(cv, col, 1);
    path(cv, args);
    canvas_fill(cv);
    if (c->patterns)
        cd_hatch(cv, (int)(s % 6), c->text_on[s % c->ns], path, args, bx,
                 by, bw, bh);
}

/* ------------------------------------------------------------------ */
/* Legend */

static const panel_ops *ops_of(const chart *c)
{
    switch (c->type) {
    case CT_STACKED100:
        /* Year bars keep the compact 0-100% layout of the status
         * slides; other categories need wrapped labels. */
        return c->horizontal && c->x_is_year ? &chart_bar100_ops
                                             : &chart_bar_ops;
    case CT_PIE:
    case CT_DONUT:
        return &chart_pie_ops;
    case CT_VENN:
        return &chart_venn_ops;
    case CT_LINE:
        return &chart_line_ops;
    default:
        return &chart_bar_ops;
    }
}

static int shows_legend(const chart *c)
{
    return c->legend != LEGEND_OFF && ops_of(c)->has_legend &&
           (c->ns > 1 || c->type == CT_PIE || c->type == CT_DONUT);
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
            cd_text(cv, x0 + sw + sgap, base, fs, 0, cd_text_dark, ln[0]);
            cd_free_lines(ln, n);
        } else {
            cd_text(cv, x0 + sw + sgap, base, fs, 0, cd_text_dark, label);
        }
    }
    canvas_group_end(cv);
    free(row_w);
    free(row_of);
    free(x_in);
}

/* ------------------------------------------------------------------ */
/* Frame */

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
    F->tick_fs = fs * 0.85;
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
 * at that size. */
static void compute_frame(const chart *c, const font *fo, double w, double h,
                          frame *F)
{
    const panel_ops *ops = ops_of(c);
    double fs = frame_start_fs(w);
    for (int iter = 0; iter < 8; iter++) {
        frame_at(c, fo, w, fs, F);
        if (h <= 0) {
            F->panel_h = ops->natural_h(c, fo, F, F->panel_w);
            return;
        }
        F->panel_h = (h - F->legend_h - (double)(F->prows - 1) * F->gap) /
                     (double)F->prows;
        if (F->panel_h >= ops->min_h(c, fo, F, F->panel_w) || fs <= 3)
            return;
        fs *= 0.85;
    }
    F->panel_h = 0;
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
        size_t col = f % F.pcols, row = f / F.pcols;
        double px = x + (double)col * (F.panel_w + F.gap);
        double ppy = py + (double)row * (F.panel_h + F.gap);
        if (F.panel_h <= F.head_h)
            continue;
        canvas_group_begin(cv, c->facet_col ? c->facet_labels[f] : "グラフ");
        if (c->facet_col)
            cd_text(cv, px + F.panel_w / 2,
                    ppy + F.fs * 0.2 + F.fs * cd_ascent(cv->font), F.fs, 1,
                    cd_text_dark, c->facet_labels[f]);
        ops->draw(c, cv, &F, f, px, ppy + F.head_h, F.panel_w,
                  F.panel_h - F.head_h);
        canvas_group_end(cv);
    }
    if (c->legend == LEGEND_BOTTOM && F.legend_rows)
        draw_legend(c, cv, &F, x, y + h - F.legend_h + F.fs * 0.5, w);
    canvas_restore(cv);
    canvas_group_end(cv);
}
