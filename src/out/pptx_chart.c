#include "pptx_chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "look.h"
#include "num.h"
#include "palette.h"
#include "wbook.h"

#define NS_C "http://schemas.openxmlformats.org/drawingml/2006/chart"
#define NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_R                                                                   \
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
/* the embedded workbook, in messages */
#define WHAT "a chart's workbook"
/* Tick, axis and value labels are this share of the base size (as
 * chart_frame.c draws them). */
#define SMALL 0.85
/* A stacked segment under this share of its bar gets no value label: the
 * PDF leaves out a label that does not fit its segment, and PowerPoint
 * would draw it over its neighbours. */
#define LABEL_MIN_SHARE 0.05

int pptx_chart_native(const chart *c)
{
    chart_form f = chart_form_of(c);
    if (chart_bar_count(c) == 0 || chart_series_count(c) == 0)
        return 0;
    switch (f.family) {
    case CHART_FAMILY_BAR:
        return f.labels <= 1 || (f.labels == 2 && f.shares);
    case CHART_FAMILY_LINE:
        return f.labels <= 1;
    case CHART_FAMILY_PIE:
    case CHART_FAMILY_DONUT:
        return 1;
    case CHART_FAMILY_VENN:
        break;
    }
    return 0;
}

/* ---- the sheet: categories by series -------------------------------- */

static int is_pie(const chart_form *f)
{
    return f->family == CHART_FAMILY_PIE || f->family == CHART_FAMILY_DONUT;
}

static size_t ncats(const chart *c, const chart_form *f)
{
    return is_pie(f) ? chart_series_count(c) : chart_bar_count(c);
}

static size_t nseries(const chart *c, const chart_form *f)
{
    return is_pie(f) ? 1 : chart_series_count(c);
}

static const char *cat_label(const chart *c, const chart_form *f, size_t k)
{
    return is_pie(f) ? chart_series_label(c, k) : chart_bar_axis_label(c, k);
}

/* A pie's one series is named after its panel, else the chart. */
static const char *ser_label(const chart *c, const chart_form *f, size_t p,
                             size_t j)
{
    if (!is_pie(f))
        return chart_series_head(c, j);
    return *chart_facet_label(c, p) ? chart_facet_label(c, p) : chart_title(c);
}

double pptx_chart_number(const chart *c, size_t p, size_t k, size_t j,
                         int *have)
{
    chart_form f = chart_form_of(c);
    size_t x = is_pie(&f) ? 0 : k, s = is_pie(&f) ? k : j;
    double v = chart_value(c, p, x, s, have);
    if (f.shares)
        return num_round_half_away(chart_share(c, p, x, s) * 1000) / 10;
    return num_round_half_away(v * 1e6) / 1e6;
}

/* ---- cell references ------------------------------------------------ */

/* The column letters of column k (0: A). */
static void col_name(buf *out, size_t k)
{
    char tmp[8];
    size_t n = 0;
    k++;
    while (k > 0 && n < sizeof tmp) {
        tmp[n++] = (char)('A' + (k - 1) % 26);
        k = (k - 1) / 26;
    }
    while (n > 0)
        buf_putc(out, tmp[--n]);
}

static void ref(buf *out, size_t col, size_t row0, size_t row1)
{
    buf_puts(out, "<c:f>Sheet1!$");
    col_name(out, col);
    buf_printf(out, "$%zu", row0 + 1);
    if (row1 != row0) {
        buf_puts(out, ":$");
        col_name(out, col);
        buf_printf(out, "$%zu", row1 + 1);
    }
    buf_puts(out, "</c:f>");
}

static void str_pt(buf *out, size_t i, const char *s)
{
    buf_printf(out, "<c:pt idx=\"%zu\"><c:v>", i);
    escape_xml_str(out, s);
    buf_puts(out, "</c:v></c:pt>");
}

/* ---- drawing properties --------------------------------------------- */

static unsigned hex_of(rgb c)
{
    long r = lround(c.r * 255), g = lround(c.g * 255), b = lround(c.b * 255);
    return (unsigned)(r << 16 | g << 8 | b);
}

static void fill(buf *out, unsigned hex)
{
    buf_printf(out, "<a:solidFill><a:srgbClr val=\"%06X\"/></a:solidFill>",
               hex);
}

/* Text properties: the theme's fonts, Japanese, size in points. */
static void txpr(buf *out, double size, unsigned colour)
{
    buf_printf(out,
               "<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr "
               "sz=\"%ld\" b=\"0\">",
               lround(size * 100));
    fill(out, colour);
    buf_puts(out, "<a:latin typeface=\"+mn-lt\"/><a:ea typeface=\"+mn-ea\"/>"
                  "</a:defRPr></a:pPr><a:endParaRPr lang=\"ja-JP\"/></a:p>"
                  "</c:txPr>");
}

/* The number format of the value labels and the value axis. */
static void num_format(buf *out, const chart_form *f)
{
    if (f->shares) {
        buf_puts(out, "0&quot;%&quot;");
        return;
    }
    buf_puts(out, "#,##0");
    if (f->value_decimals > 0) {
        buf_putc(out, '.');
        for (int i = 0; i < f->value_decimals; i++)
            buf_putc(out, '0');
    }
}

/* 1 when the value label of category k, series j is left out: nothing
 * is drawn there, or the segment is too thin for it. */
static int label_left_out(const pptx_chart_ref *r, const chart_form *f,
                          size_t k, size_t j)
{
    int have;
    double v = pptx_chart_number(r->chart, r->panel, k, j, &have);
    if (!have || v == 0)
        return 1;
    return f->stacked &&
           chart_share(r->chart, r->panel, k, j) < LABEL_MIN_SHARE;
}

/* The value labels of series j, drawn on (or beside) colour `on`. */
static void labels(buf *out, const pptx_chart_ref *r, const chart_form *f,
                   size_t j, rgb on)
{
    double size = r->text_size;
    if (f->labels == 0) {
        buf_puts(out, "<c:dLbls><c:delete val=\"1\"/></c:dLbls>");
        return;
    }
    int pie = is_pie(f), inside = pie || f->stacked;
    buf_puts(out, "<c:dLbls>");
    for (size_t k = 0; k < ncats(r->chart, f); k++)
        if (label_left_out(r, f, k, j))
            buf_printf(out,
                       "<c:dLbl><c:idx val=\"%zu\"/><c:delete "
                       "val=\"1\"/></c:dLbl>",
                       k);
    /* value and percentage together: no format, as one format would be
     * applied to both (the value shows as a plain number, the share as a
     * whole percentage) */
    if (!(pie && f->labels == 3)) {
        buf_puts(out, "<c:numFmt formatCode=\"");
        if (pie && f->labels == 2)
            buf_puts(out, "0%");
        else
            num_format(out, f);
        buf_puts(out, "\" sourceLinked=\"0\"/>");
    }
    buf_puts(out, "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>");
    txpr(out, size * SMALL,
         inside && !pie ? hex_of(chart_text_colour_on(on))
                        : look_hex(LOOK_INK));
    const char *pos = pie                             ? "bestFit"
                      : f->stacked                    ? "ctr"
                      : f->family == CHART_FAMILY_BAR ? "outEnd"
                                                      : "t";
    int val = !pie || f->labels != 2, pct = pie && f->labels >= 2;
    buf_printf(out,
               "<c:dLblPos val=\"%s\"/><c:showLegendKey val=\"0\"/>"
               "<c:showVal val=\"%d\"/><c:showCatName val=\"0\"/>"
               "<c:showSerName val=\"0\"/><c:showPercent val=\"%d\"/>"
               "<c:showBubbleSize val=\"0\"/>",
               pos, val, pct);
    if (val && pct)
        buf_puts(out, "<c:separator>，</c:separator>");
    if (pie)
        buf_puts(out, "<c:showLeaderLines val=\"1\"/>");
    buf_puts(out, "</c:dLbls>");
}

/* ---- series ---------------------------------------------------------- */

static void series_name(buf *out, const pptx_chart_ref *r, const chart_form *f,
                        size_t j)
{
    buf_puts(out, "<c:tx><c:strRef>");
    ref(out, j + 1, 0, 0);
    buf_puts(out, "<c:strCache><c:ptCount val=\"1\"/>");
    str_pt(out, 0, ser_label(r->chart, f, r->panel, j));
    buf_puts(out, "</c:strCache></c:strRef></c:tx>");
}

static void series_data(buf *out, const pptx_chart_ref *r, const chart_form *f,
                        size_t j)
{
    const chart *c = r->chart;
    size_t n = ncats(c, f);
    buf_puts(out, "<c:cat><c:strRef>");
    ref(out, 0, 1, n);
    buf_printf(out, "<c:strCache><c:ptCount val=\"%zu\"/>", n);
    for (size_t k = 0; k < n; k++)
        str_pt(out, k, cat_label(c, f, k));
    buf_puts(out, "</c:strCache></c:strRef></c:cat><c:val><c:numRef>");
    ref(out, j + 1, 1, n);
    buf_printf(out,
               "<c:numCache><c:formatCode>General</c:formatCode>"
               "<c:ptCount val=\"%zu\"/>",
               n);
    for (size_t k = 0; k < n; k++) {
        int have;
        double v = pptx_chart_number(c, r->panel, k, j, &have);
        if (!have)
            continue;
        buf_printf(out, "<c:pt idx=\"%zu\"><c:v>", k);
        buf_num(out, v, 6, 1);
        buf_puts(out, "</c:v></c:pt>");
    }
    buf_puts(out, "</c:numCache></c:numRef></c:val>");
}

static void bar_series(buf *out, const pptx_chart_ref *r, const chart_form *f,
                       size_t j)
{
    rgb colour = chart_series_colour(r->chart, j);
    buf_printf(out, "<c:ser><c:idx val=\"%zu\"/><c:order val=\"%zu\"/>", j, j);
    series_name(out, r, f, j);
    buf_puts(out, "<c:spPr>");
    fill(out, hex_of(colour));
    buf_puts(out, "</c:spPr><c:invertIfNegative val=\"0\"/>");
    labels(out, r, f, j, colour);
    series_data(out, r, f, j);
    buf_puts(out, "</c:ser>");
}

static void line_series(buf *out, const pptx_chart_ref *r, const chart_form *f,
                        size_t j)
{
    unsigned hex = hex_of(chart_series_colour(r->chart, j));
    buf_printf(out, "<c:ser><c:idx val=\"%zu\"/><c:order val=\"%zu\"/>", j, j);
    series_name(out, r, f, j);
    buf_puts(out, "<c:spPr><a:ln w=\"25400\" cap=\"rnd\">");
    fill(out, hex);
    buf_puts(out, "<a:round/></a:ln></c:spPr><c:marker><c:symbol "
                  "val=\"circle\"/><c:size val=\"5\"/><c:spPr>");
    fill(out, hex);
    buf_puts(out, "<a:ln><a:noFill/></a:ln></c:spPr></c:marker>");
    labels(out, r, f, j, chart_series_colour(r->chart, j));
    series_data(out, r, f, j);
    buf_puts(out, "<c:smooth val=\"0\"/></c:ser>");
}

/* A pie's one series: each slice (data point) in its series' colour,
 * with a white edge as in the PDF. */
static void pie_series(buf *out, const pptx_chart_ref *r, const chart_form *f)
{
    buf_puts(out, "<c:ser><c:idx val=\"0\"/><c:order val=\"0\"/>");
    series_name(out, r, f, 0);
    for (size_t k = 0; k < ncats(r->chart, f); k++) {
        buf_printf(out,
                   "<c:dPt><c:idx val=\"%zu\"/><c:bubble3D val=\"0\"/>"
                   "<c:spPr>",
                   k);
        fill(out, hex_of(chart_series_colour(r->chart, k)));
        buf_puts(out, "<a:ln w=\"9525\">");
        fill(out, look_hex(LOOK_WHITE));
        buf_puts(out, "</a:ln></c:spPr></c:dPt>");
    }
    labels(out, r, f, 0, look_rgb(LOOK_WHITE));
    series_data(out, r, f, 0);
    buf_puts(out, "</c:ser>");
}

/* ---- axes ------------------------------------------------------------ */

/* The unit (unit: 件) as the value axis's title, "（件）" as the PDF
 * writes it over the axis, set level (not turned along the axis). */
static void unit_title(buf *out, const chart *c, double size)
{
    const char *unit = chart_unit(c);
    if (!*unit)
        return;
    buf_printf(out,
               "<c:title><c:tx><c:rich><a:bodyPr rot=\"0\" vert=\"horz\"/>"
               "<a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"%ld\" b=\"0\">",
               lround(size * 100));
    fill(out, look_hex(LOOK_AXIS));
    buf_puts(out,
             "<a:latin typeface=\"+mn-lt\"/><a:ea typeface=\"+mn-ea\"/>"
             "</a:defRPr></a:pPr><a:r><a:rPr lang=\"ja-JP\" b=\"0\"/><a:t>（");
    escape_xml_str(out, unit);
    buf_puts(out, "）</a:t></a:r></a:p></c:rich></c:tx><c:overlay val=\"0\"/>"
                  "</c:title>");
}

static void axes(buf *out, const pptx_chart_ref *r, const chart_form *f)
{
    int hz = f->family == CHART_FAMILY_BAR && f->horizontal;
    double size = r->text_size * SMALL;
    /* horizontal bars: the first category on top (reversed), the value
     * axis at the bottom (crossing at the last category) */
    buf_printf(out,
               "<c:catAx><c:axId val=\"1\"/><c:scaling><c:orientation "
               "val=\"%s\"/></c:scaling><c:delete val=\"0\"/><c:axPos "
               "val=\"%s\"/><c:numFmt formatCode=\"General\" "
               "sourceLinked=\"0\"/><c:majorTickMark val=\"none\"/>"
               "<c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/>"
               "<c:spPr><a:ln w=\"9525\">",
               hz ? "maxMin" : "minMax", hz ? "l" : "b");
    fill(out, look_hex(LOOK_AXIS));
    buf_puts(out, "</a:ln></c:spPr>");
    txpr(out, size, look_hex(LOOK_AXIS));
    buf_puts(out, "<c:crossAx val=\"2\"/><c:crosses val=\"autoZero\"/>"
                  "<c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/>"
                  "<c:lblOffset val=\"100\"/><c:noMultiLvlLbl val=\"0\"/>"
                  "</c:catAx><c:valAx><c:axId val=\"2\"/><c:scaling>"
                  "<c:orientation val=\"minMax\"/>");
    /* the scale every panel shares, as in the PDF; a 100% stacked bar's
     * axis runs from 0 to 1, shown as 0% to 100% */
    int pct_stacked = f->shares && f->stacked;
    if (f->value_max > 0 && (f->shares || chart_facet_count(r->chart) > 1)) {
        buf_puts(out, "<c:max val=\"");
        buf_num(out, pct_stacked ? 1 : f->shares ? 100 : f->value_max, 6, 1);
        buf_puts(out, "\"/>");
    }
    if (f->family == CHART_FAMILY_BAR)
        buf_puts(out, "<c:min val=\"0\"/>");
    buf_printf(out,
               "</c:scaling><c:delete val=\"0\"/><c:axPos val=\"%s\"/>"
               "<c:majorGridlines><c:spPr><a:ln w=\"6350\">",
               hz ? "b" : "l");
    double step = f->value_step;
    fill(out, look_hex(LOOK_GRID));
    buf_puts(out, "</a:ln></c:spPr></c:majorGridlines>");
    unit_title(out, r->chart, size);
    buf_puts(out, "<c:numFmt formatCode=\"");
    if (pct_stacked)
        buf_puts(out, "0%");
    else
        num_format(out, f);
    buf_puts(out, "\" sourceLinked=\"0\"/><c:majorTickMark val=\"none\"/>"
                  "<c:minorTickMark val=\"none\"/><c:tickLblPos "
                  "val=\"nextTo\"/><c:spPr><a:ln><a:noFill/></a:ln></c:spPr>");
    txpr(out, size, look_hex(LOOK_AXIS));
    buf_printf(out,
               "<c:crossAx val=\"1\"/><c:crosses val=\"%s\"/>"
               "<c:crossBetween val=\"between\"/>",
               hz ? "max" : "autoZero");
    /* the PDF's ticks (its step is a ratio for shares) */
    if (step > 0) {
        buf_puts(out, "<c:majorUnit val=\"");
        buf_num(out, pct_stacked ? step : f->shares ? step * 100 : step, 6, 1);
        buf_puts(out, "\"/>");
    }
    buf_puts(out, "</c:valAx>");
}

/* ---- the chart part --------------------------------------------------- */

static void plot(buf *out, const pptx_chart_ref *r, const chart_form *f)
{
    const chart *c = r->chart;
    switch (f->family) {
    case CHART_FAMILY_BAR:
        buf_printf(out,
                   "<c:barChart><c:barDir val=\"%s\"/><c:grouping val=\"%s\"/>"
                   "<c:varyColors val=\"0\"/>",
                   f->horizontal ? "bar" : "col",
                   f->shares    ? "percentStacked"
                   : f->stacked ? "stacked"
                                : "clustered");
        for (size_t j = 0; j < nseries(c, f); j++)
            bar_series(out, r, f, j);
        buf_printf(out, "<c:gapWidth val=\"%d\"/>", f->stacked ? 60 : 40);
        if (f->stacked)
            buf_puts(out, "<c:overlap val=\"100\"/>");
        buf_puts(out, "<c:axId val=\"1\"/><c:axId val=\"2\"/></c:barChart>");
        axes(out, r, f);
        break;
    case CHART_FAMILY_LINE:
        buf_puts(out, "<c:lineChart><c:grouping val=\"standard\"/>"
                      "<c:varyColors val=\"0\"/>");
        for (size_t j = 0; j < nseries(c, f); j++)
            line_series(out, r, f, j);
        buf_puts(out, "<c:marker val=\"1\"/><c:axId val=\"1\"/>"
                      "<c:axId val=\"2\"/></c:lineChart>");
        axes(out, r, f);
        break;
    case CHART_FAMILY_PIE:
    case CHART_FAMILY_DONUT: {
        int donut = f->family == CHART_FAMILY_DONUT;
        buf_printf(out, "<c:%s><c:varyColors val=\"1\"/>",
                   donut ? "doughnutChart" : "pieChart");
        pie_series(out, r, f);
        buf_puts(out, "<c:firstSliceAng val=\"0\"/>");
        if (donut)
            buf_printf(out, "<c:holeSize val=\"%ld\"/>",
                       lround(CHART_DONUT_HOLE * 100));
        buf_printf(out, "</c:%s>", donut ? "doughnutChart" : "pieChart");
        break;
    }
    case CHART_FAMILY_VENN:
        break;
    }
}

void pptx_chart_xml(buf *out, const pptx_chart_ref *r)
{
    chart_form f = chart_form_of(r->chart);
    buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\" "
                  "standalone=\"yes\"?>\n<c:chartSpace xmlns:c=\"" NS_C
                  "\" xmlns:a=\"" NS_A "\" xmlns:r=\"" NS_R "\">"
                  "<c:date1904 val=\"0\"/><c:lang val=\"ja-JP\"/>"
                  "<c:roundedCorners val=\"0\"/><c:chart>"
                  "<c:autoTitleDeleted val=\"1\"/><c:plotArea><c:layout/>");
    plot(out, r, &f);
    buf_puts(out, "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"
                  "</c:plotArea>");
    if (f.legend && r->legend) {
        buf_printf(out,
                   "<c:legend><c:legendPos val=\"%s\"/><c:overlay val=\"0\"/>",
                   f.legend == 2 ? "b" : "t");
        txpr(out, r->text_size, look_hex(LOOK_INK));
        buf_puts(out, "</c:legend>");
    }
    buf_puts(out, "<c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/>"
                  "</c:chart><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln>"
                  "</c:spPr>");
    txpr(out, r->text_size, look_hex(LOOK_INK));
    buf_puts(out, "<c:externalData r:id=\"rId1\"><c:autoUpdate val=\"0\"/>"
                  "</c:externalData></c:chartSpace>");
}

/* ---- the embedded workbook ------------------------------------------ */

/* The category column's header, as in the chart's data grid ("" for a
 * pie, whose categories are its series). */
static const char *cat_head(const chart *c, const chart_form *f)
{
    const grid *g = chart_grid(c);
    size_t ns = chart_series_count(c);
    if (is_pie(f) || g->ncols <= ns)
        return "";
    return g->cells[g->ncols - ns - 1];
}

int pptx_chart_workbook(const pptx_chart_ref *r, const char *tmp_path,
                        buf *xlsx, diag_list *d)
{
    const chart *c = r->chart;
    chart_form f = chart_form_of(c);
    lxw_workbook *wb = wbook_new(tmp_path, NULL, WHAT, d);
    if (!wb)
        return -1;
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Sheet1");
    worksheet_write_string(ws, 0, 0, cat_head(c, &f), NULL);
    size_t n = ncats(c, &f), m = nseries(c, &f);
    for (size_t j = 0; j < m; j++)
        worksheet_write_string(ws, 0, (lxw_col_t)(j + 1),
                               ser_label(c, &f, r->panel, j), NULL);
    for (size_t k = 0; k < n; k++) {
        worksheet_write_string(ws, (lxw_row_t)(k + 1), 0, cat_label(c, &f, k),
                               NULL);
        for (size_t j = 0; j < m; j++) {
            int have;
            double v = pptx_chart_number(c, r->panel, k, j, &have);
            if (have)
                worksheet_write_number(ws, (lxw_row_t)(k + 1),
                                       (lxw_col_t)(j + 1), v, NULL);
        }
    }
    return wbook_finish(wb, tmp_path, WHAT, xlsx, d);
}
