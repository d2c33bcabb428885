/* chart: builds a chart from its spec and the data, in steps: the settings
 * taken from the spec (here), the value cube (chart_cube.c), the series
 * colours (palette.c), the data grid and the alternative text (chart_grid.c
 * and chart_alt.c, with the type's own parts through its row in
 * chart_types.c); and the public accessors.  Parsing is in chart_spec.c,
 * drawing in chart_frame.c and the per-type files.  See chart.h and
 * docs/charts.md. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart_impl.h"
#include "utf8.h"
#include "xalloc.h"

static void free_strings(char **v, size_t n)
{
    if (!v)
        return;
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/* labels: on (or no labels: at all) means the type's default. */
static int default_labels(const chart_spec *s)
{
    int l = s->type->default_labels;
    if (l != LAB_DEFAULT)
        return l;
    return s->normalise ? LAB_PERCENT : LAB_VALUE;
}

/* A chart with the settings of its spec and no data yet. */
static chart *chart_new(const chart_spec *s)
{
    chart *c = xcalloc(1, sizeof *c);
    c->memo = cd_memo_new();
    c->type = s->type;
    c->horizontal = s->horizontal;
    c->title = xstrdup(s->val[K_TITLE] ? s->val[K_TITLE] : "");
    c->alt_given = s->val[K_ALT] && *s->val[K_ALT];
    c->labels = s->labels == LAB_DEFAULT ? default_labels(s) : s->labels;
    c->legend = s->legend;
    c->mono = s->mono;
    c->patterns = s->patterns || s->mono;
    c->normalise = s->normalise;
    c->aspect = s->aspect;
    c->unit = xstrdup(s->val[K_UNIT] ? s->val[K_UNIT] : "");
    chart_add_text(c, c->title, s->val_at[K_TITLE]);
    chart_add_text(c, c->unit, s->val_at[K_UNIT]);
    return c;
}

void chart_add_text(chart *c, const char *text, srcloc at)
{
    if (!text || !*text)
        return;
    c->texts = xgrow(c->texts, &c->ctexts, c->ntexts + 1, sizeof *c->texts);
    c->texts[c->ntexts].text = text;
    c->texts[c->ntexts].at = at;
    c->ntexts++;
}

static int drawable(const font *f, const char *s)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        size_t adv;
        int32_t cp = utf8_decode(s + i, len - i, &adv);
        if (cp >= 0 && cp != '\n' && !font_can_draw(f, (uint32_t)cp))
            return 0;
        i += adv;
    }
    return 1;
}

size_t chart_check_text(const chart *c, const font *f, const char *where,
                        uint32_t *missing, diag_list *d)
{
    size_t n = 0;
    for (size_t i = 0; c && i < c->ntexts; i++) {
        const char *t = c->texts[i].text;
        if (drawable(f, t))
            continue;
        size_t j = 0; /* one text, one report: at its first position */
        while (j < i && strcmp(c->texts[j].text, t) != 0)
            j++;
        if (j == i)
            n += font_check_text(f, t, c->texts[i].at, where, missing, d);
    }
    return n;
}

/* Two series drawn alike, in the same grey and the same hatching, cannot
 * be told apart (chart_colours_assign gives series beyond the palette's
 * colours hatching, five kinds of it): -1 after an error at the series
 * key, saying how many series keep a look of their own.  Venn diagrams
 * colour their sets, not their regions. */
static int distinct_colours(const chart *c, const chart_spec *s, diag_list *d)
{
    if (c->nsets > 0)
        return 0;
    size_t first = c->ns; /* the first series drawn like an earlier one */
    for (size_t i = 1; i < c->ns && first == c->ns; i++)
        for (size_t j = 0; j < i; j++)
            if (c->hatch[i] == c->hatch[j] &&
                fabs(chart_lightness(c->colours[i]) -
                     chart_lightness(c->colours[j])) < CHART_MIN_DELTA_L) {
                first = i;
                break;
            }
    if (first == c->ns)
        return 0;
    srcloc at = s->val[K_SERIES] ? s->val_at[K_SERIES] : s->block;
    diag_at(d, DIAG_ERROR, at,
            "too many series (%zu) to tell apart: only the first %zu get a "
            "grey and hatching of their own, so two series would be drawn "
            "alike",
            c->ns, first);
    /* top: reaches the series when the bars are years or absent (the
     * cube's order_keys) */
    if (!c->x_col || c->x_is_year)
        diag_hint(d,
                  "use top: %zu (the rest are summed into one last series), "
                  "filter the rows, or split the chart",
                  first - 1);
    else
        diag_hint(d,
                  "filter the rows to at most %zu series, or split the "
                  "chart",
                  first);
    return -1;
}

chart *chart_build(const chart_spec *s, const tableset *ts, diag_list *d)
{
    if (!s)
        return NULL;
    const table *t = tableset_find(ts, s->val[K_DATA]);
    if (!t) {
        tableset_unknown(ts, s->val[K_DATA], s->val_at[K_DATA], d);
        return NULL;
    }
    chart *c = chart_new(s);
    c->data = t;
    if (chart_cube_build(c, s, t, d) < 0) {
        chart_free(c);
        return NULL;
    }
    chart_colours_assign(c, s);
    if (distinct_colours(c, s, d) < 0) {
        chart_free(c);
        return NULL;
    }
    c->type->grid(c, &c->g);
    c->alt = c->alt_given ? xstrdup(s->val[K_ALT]) : chart_alt_text(c);
    return c;
}

void chart_free(chart *c)
{
    if (!c)
        return;
    free(c->title);
    free(c->alt);
    free(c->facet_col);
    free(c->x_col);
    free(c->series_col);
    free(c->unit);
    free(c->facet_head);
    free(c->x_head);
    free(c->value_head);
    free(c->value_unit);
    for (size_t i = 0; i < c->nsets; i++)
        free(c->set_names[i]);
    free_strings(c->facet_labels, c->nf);
    free_strings(c->x_short, c->nx);
    free_strings(c->x_long, c->nx);
    free(c->x_year);
    free_strings(c->series_labels, c->ns);
    free(c->series_year);
    free(c->hatch);
    free(c->colours);
    free(c->text_on);
    free(c->val);
    free(c->raw);
    free(c->have);
    free_strings(c->g.cells, c->g.nrows * c->g.ncols);
    free(c->g.values);
    free(c->g.numeric);
    free(c->texts);
    cd_memo_free(c->memo);
    free(c);
}

const table *chart_table(const chart *c) { return c->data; }

const char *chart_title(const chart *c) { return c->title; }
const char *chart_alt(const chart *c) { return c->alt; }
prov chart_prov(const chart *c) { return c->prov; }
unsigned chart_marks(const chart *c) { return c->marks; }
const grid *chart_grid(const chart *c) { return &c->g; }
void chart_data_caption(const chart *c, buf *out)
{
    const char *title = chart_title(c);
    buf_puts(out, *title ? title : "図表のデータ");
    if (prov_label(chart_prov(c)))
        buf_printf(out, "（%s）", prov_label(chart_prov(c)));
}
size_t chart_bar_count(const chart *c) { return c->nx; }
size_t chart_facet_count(const chart *c) { return c->nf; }
size_t chart_series_count(const chart *c) { return c->ns; }
rgb chart_series_colour(const chart *c, size_t i)
{
    return c->colours[i % (c->ns ? c->ns : 1)];
}
int chart_series_hatch(const chart *c, size_t i)
{
    return c->ns ? c->hatch[i % c->ns] : 0;
}
const char *chart_facet_label(const chart *c, size_t f)
{
    return c->facet_col && f < c->nf ? c->facet_labels[f] : "";
}
const char *chart_series_label(const chart *c, size_t i)
{
    return i < c->ns ? c->series_labels[i] : "";
}
const char *chart_series_head(const chart *c, size_t i)
{
    if (!c->series_col && !c->nsets && i < c->ns && c->value_head)
        return c->value_head;
    return chart_series_label(c, i);
}
const char *chart_bar_label(const chart *c, size_t i)
{
    return i < c->nx ? c->x_long[i] : "";
}
const char *chart_bar_axis_label(const chart *c, size_t i)
{
    return i < c->nx ? c->x_short[i] : "";
}
const char *chart_unit(const chart *c) { return c->unit; }
double chart_value(const chart *c, size_t f, size_t x, size_t s, int *have)
{
    if (f >= c->nf || x >= c->nx || s >= c->ns) {
        if (have)
            *have = 0;
        return 0;
    }
    if (have)
        *have = c->have[chart_at(c, f, x, s)];
    return c->raw[chart_at(c, f, x, s)];
}
double chart_share(const chart *c, size_t f, size_t x, size_t s)
{
    if (f >= c->nf || x >= c->nx || s >= c->ns)
        return 0;
    if (c->normalise)
        return c->val[chart_at(c, f, x, s)];
    double tot = chart_bar_total(c, f, x);
    return tot > 0 ? c->raw[chart_at(c, f, x, s)] / tot : 0;
}
double chart_bar_total(const chart *c, size_t f, size_t x)
{
    double t = 0;
    for (size_t s = 0; s < c->ns; s++)
        if (c->have[chart_at(c, f, x, s)] && c->raw[chart_at(c, f, x, s)] > 0)
            t += c->raw[chart_at(c, f, x, s)];
    return t;
}

/* The place of series i in the palette order: its position, or for
 * series that are survey years its recency, so that the newest year takes
 * the most prominent colour (the first of the order) and older years the
 * next ones; an その他 series (year 0) comes last. */
size_t chart_colour_rank(const chart *c, size_t i)
{
    if (!c->series_is_year)
        return i;
    size_t r = 0;
    for (size_t j = 0; j < c->ns; j++)
        if (c->series_year[j] > c->series_year[i] ||
            (c->series_year[j] == c->series_year[i] && j < i))
            r++;
    return r;
}

void cd_label_order(const chart *c, size_t *order)
{
    size_t k = 0;
    for (int pass = 0; pass < 3; pass++)
        for (size_t i = 0; i < c->ns; i++) {
            size_t r = chart_colour_rank(c, i);
            int last = r > 0 && r + 1 == c->ns;
            if ((pass == 0 && r == 0) || (pass == 1 && last) ||
                (pass == 2 && r > 0 && !last))
                order[k++] = i;
        }
}

/* Series i takes colours: item i, else the palette colour the type's order
 * gives at its rank (lines and Venn sets skip the light colours, too faint
 * as thin lines or translucent fills on white: the same checked palette in
 * another order); print: mono makes each its grey.  Then the hatching:
 * patterns: on (and print: mono) give the series after the first in
 * colour order (the newest year stays plain) kinds 1 to 5 in turn;
 * and a series whose grey lies less than CHART_MIN_DELTA_L from that of an
 * earlier series with the same hatching (a colour the palette repeats
 * beyond its eight, or colours: too alike) takes the next kind, so that
 * every two series differ in grey or in hatching. */
void chart_colours_assign(chart *c, const chart_spec *s)
{
    const chart_type *t = c->type;
    size_t n = c->ns ? c->ns : 1;
    c->colours = xmalloc(n * sizeof *c->colours);
    c->hatch = xcalloc(n, sizeof *c->hatch);
    for (size_t i = 0; i < c->ns; i++) {
        size_t r = chart_colour_rank(c, i);
        size_t k = t->ncolour_order ? t->colour_order[r % t->ncolour_order] : r;
        c->colours[i] =
            i < s->ncolours ? s->colours[i] : chart_palette_colour(k);
        if (c->mono)
            c->colours[i] = chart_grey_of(c->colours[i]);
    }
    for (size_t i = 0; i < c->ns; i++) {
        unsigned h = c->patterns ? (unsigned)(chart_colour_rank(c, i) %
                                              CHART_HATCH_KINDS)
                                 : 0;
        double li = chart_lightness(c->colours[i]);
        for (size_t tries = 0; tries < CHART_HATCH_KINDS; tries++) {
            size_t j = 0;
            while (j < i && !(c->hatch[j] == h &&
                              fabs(chart_lightness(c->colours[j]) - li) <
                                  CHART_MIN_DELTA_L))
                j++;
            if (j == i)
                break;
            h = (h + 1) % CHART_HATCH_KINDS;
        }
        c->hatch[i] = (unsigned char)h;
    }
    c->text_on = xmalloc(n * sizeof *c->text_on);
    for (size_t i = 0; i < c->ns; i++)
        c->text_on[i] = chart_text_colour_on(c->colours[i]);
}
