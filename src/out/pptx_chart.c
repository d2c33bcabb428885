#include "pptx_chart.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "escape.h"
#include "fsutil.h"
#include "look.h"
#include "num.h"

#define NS_C "http://schemas.openxmlformats.org/drawingml/2006/chart"
#define NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_R                                                                   \
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
/* 1980-01-01 00:00 UTC: the workbook's fixed creation date, so the same
 * chart gives the same bytes */
#define FIXED_TIME 315532800

int pptx_chart_native(const chart *c)
{
    chart_form f = chart_form_of(c);
    return f.family == CHART_FAMILY_BAR && chart_facet_count(c) == 1 &&
           chart_bar_count(c) > 0 && chart_series_count(c) > 0 &&
           (f.labels == 0 || f.labels == 1 || (f.labels == 2 && f.shares));
}

double pptx_chart_number(const chart *c, size_t x, size_t s, int *have)
{
    double v = chart_value(c, 0, x, s, have);
    if (chart_form_of(c).shares)
        return num_round_half_away(chart_share(c, 0, x, s) * 1000) / 10;
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

/* ---- the chart part ------------------------------------------------- */

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

static void labels(buf *out, const chart_form *f, double size)
{
    if (f->labels == 0) {
        buf_puts(out, "<c:dLbls><c:delete val=\"1\"/></c:dLbls>");
        return;
    }
    buf_puts(out, "<c:dLbls><c:numFmt formatCode=\"");
    num_format(out, f);
    buf_puts(out, "\" sourceLinked=\"0\"/><c:spPr><a:noFill/><a:ln><a:noFill/>"
                  "</a:ln></c:spPr>");
    txpr(out, size * 0.85,
         f->stacked ? look_hex(LOOK_WHITE) : look_hex(LOOK_INK));
    buf_printf(out,
               "<c:dLblPos val=\"%s\"/><c:showLegendKey val=\"0\"/>"
               "<c:showVal val=\"1\"/><c:showCatName val=\"0\"/>"
               "<c:showSerName val=\"0\"/><c:showPercent val=\"0\"/>"
               "<c:showBubbleSize val=\"0\"/></c:dLbls>",
               f->stacked ? "ctr" : "outEnd");
}

static void series(buf *out, const chart *c, const chart_form *f, size_t s,
                   double size)
{
    size_t nx = chart_bar_count(c);
    buf_printf(out,
               "<c:ser><c:idx val=\"%zu\"/><c:order val=\"%zu\"/>"
               "<c:tx><c:strRef>",
               s, s);
    ref(out, s + 1, 0, 0);
    buf_puts(out, "<c:strCache><c:ptCount val=\"1\"/>");
    str_pt(out, 0, chart_series_label(c, s));
    buf_puts(out, "</c:strCache></c:strRef></c:tx><c:spPr>");
    fill(out, hex_of(chart_series_colour(c, s)));
    buf_puts(out, "</c:spPr><c:invertIfNegative val=\"0\"/>");
    labels(out, f, size);
    buf_puts(out, "<c:cat><c:strRef>");
    ref(out, 0, 1, nx);
    buf_printf(out, "<c:strCache><c:ptCount val=\"%zu\"/>", nx);
    for (size_t x = 0; x < nx; x++)
        str_pt(out, x, chart_bar_label(c, x));
    buf_puts(out, "</c:strCache></c:strRef></c:cat><c:val><c:numRef>");
    ref(out, s + 1, 1, nx);
    buf_puts(out, "<c:numCache><c:formatCode>General</c:formatCode>");
    buf_printf(out, "<c:ptCount val=\"%zu\"/>", nx);
    for (size_t x = 0; x < nx; x++) {
        int have;
        double v = pptx_chart_number(c, x, s, &have);
        if (!have)
            continue;
        buf_printf(out, "<c:pt idx=\"%zu\"><c:v>", x);
        buf_num(out, v, 6, 1);
        buf_puts(out, "</c:v></c:pt>");
    }
    buf_puts(out, "</c:numCache></c:numRef></c:val></c:ser>");
}

static void axis_line(buf *out, int gridlines)
{
    if (gridlines) {
        buf_puts(out, "<c:majorGridlines><c:spPr><a:ln w=\"6350\">");
        fill(out, look_hex(LOOK_GRID));
        buf_puts(out, "</a:ln></c:spPr></c:majorGridlines>");
    }
}

static void axes(buf *out, const chart_form *f, double size)
{
    /* horizontal bars: the first category on top (reversed), the value
     * axis at the bottom (crossing at the last category) */
    buf_printf(out,
               "<c:catAx><c:axId val=\"1\"/><c:scaling><c:orientation "
               "val=\"%s\"/></c:scaling><c:delete val=\"0\"/><c:axPos "
               "val=\"%s\"/><c:numFmt formatCode=\"General\" "
               "sourceLinked=\"0\"/><c:majorTickMark val=\"none\"/>"
               "<c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/>"
               "<c:spPr><a:ln w=\"9525\">",
               f->horizontal ? "maxMin" : "minMax", f->horizontal ? "l" : "b");
    fill(out, look_hex(LOOK_AXIS));
    buf_puts(out, "</a:ln></c:spPr>");
    txpr(out, size, look_hex(LOOK_AXIS));
    buf_puts(out, "<c:crossAx val=\"2\"/><c:crosses val=\"autoZero\"/>"
                  "<c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/>"
                  "<c:lblOffset val=\"100\"/><c:noMultiLvlLbl val=\"0\"/>"
                  "</c:catAx>");
    buf_puts(out, "<c:valAx><c:axId val=\"2\"/><c:scaling><c:orientation "
                  "val=\"minMax\"/>");
    if (f->shares)
        buf_puts(out, "<c:max val=\"100\"/><c:min val=\"0\"/>");
    buf_printf(out, "</c:scaling><c:delete val=\"0\"/><c:axPos val=\"%s\"/>",
               f->horizontal ? "b" : "l");
    axis_line(out, 1);
    buf_puts(out, "<c:numFmt formatCode=\"");
    num_format(out, f);
    buf_puts(out, "\" sourceLinked=\"0\"/><c:majorTickMark val=\"none\"/>"
                  "<c:minorTickMark val=\"none\"/><c:tickLblPos "
                  "val=\"nextTo\"/><c:spPr><a:ln><a:noFill/></a:ln></c:spPr>");
    txpr(out, size, look_hex(LOOK_AXIS));
    buf_printf(out,
               "<c:crossAx val=\"1\"/><c:crosses val=\"%s\"/>"
               "<c:crossBetween val=\"between\"/></c:valAx>",
               f->horizontal ? "max" : "autoZero");
}

void pptx_chart_xml(buf *out, const chart *c, double text_size)
{
    chart_form f = chart_form_of(c);
    buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\" "
                  "standalone=\"yes\"?>\n<c:chartSpace xmlns:c=\"" NS_C
                  "\" xmlns:a=\"" NS_A "\" xmlns:r=\"" NS_R "\">"
                  "<c:date1904 val=\"0\"/><c:lang val=\"ja-JP\"/>"
                  "<c:roundedCorners val=\"0\"/><c:chart>"
                  "<c:autoTitleDeleted val=\"1\"/><c:plotArea><c:layout/>");
    buf_printf(out,
               "<c:barChart><c:barDir val=\"%s\"/><c:grouping val=\"%s\"/>"
               "<c:varyColors val=\"0\"/>",
               f.horizontal ? "bar" : "col",
               f.shares    ? "percentStacked"
               : f.stacked ? "stacked"
                           : "clustered");
    for (size_t s = 0; s < chart_series_count(c); s++)
        series(out, c, &f, s, text_size);
    buf_printf(out, "<c:gapWidth val=\"%d\"/>", f.stacked ? 60 : 40);
    if (f.stacked)
        buf_puts(out, "<c:overlap val=\"100\"/>");
    buf_puts(out, "<c:axId val=\"1\"/><c:axId val=\"2\"/></c:barChart>");
    axes(out, &f, text_size);
    buf_puts(out, "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"
                  "</c:plotArea>");
    if (f.legend)
        buf_printf(out,
                   "<c:legend><c:legendPos val=\"%s\"/><c:overlay val=\"0\"/>"
                   "</c:legend>",
                   f.legend == 2 ? "b" : "t");
    buf_puts(out, "<c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/>"
                  "</c:chart><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln>"
                  "</c:spPr>");
    txpr(out, text_size, look_hex(LOOK_INK));
    buf_puts(out, "<c:externalData r:id=\"rId1\"><c:autoUpdate val=\"0\"/>"
                  "</c:externalData></c:chartSpace>");
}

/* ---- the embedded workbook ------------------------------------------ */

static int wb_fail(const char *tmp_path, const char *what, diag_list *d)
{
    diag_add(d, DIAG_ERROR, tmp_path, 0, 0,
             "cannot write a chart's workbook: %s", what);
    diag_hint(d, "check that the disk has room and the folder is writable; "
                 "the earlier outputs are unchanged");
    unlink(tmp_path);
    return -1;
}

int pptx_chart_workbook(const chart *c, const char *tmp_path, buf *xlsx,
                        diag_list *d)
{
    lxw_workbook *wb = workbook_new(tmp_path);
    if (!wb)
        return wb_fail(tmp_path, "cannot create it", d);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Sheet1");
    lxw_doc_properties props = {0};
    props.created = FIXED_TIME;
    workbook_set_properties(wb, &props);
    const grid *g = chart_grid(c);
    /* the category column's name, as in the chart's data file */
    const char *head = g->ncols > chart_series_count(c)
                           ? g->cells[g->ncols - chart_series_count(c) - 1]
                           : "";
    worksheet_write_string(ws, 0, 0, head, NULL);
    size_t nx = chart_bar_count(c), ns = chart_series_count(c);
    for (size_t s = 0; s < ns; s++)
        worksheet_write_string(ws, 0, (lxw_col_t)(s + 1),
                               chart_series_label(c, s), NULL);
    for (size_t x = 0; x < nx; x++) {
        worksheet_write_string(ws, (lxw_row_t)(x + 1), 0, chart_bar_label(c, x),
                               NULL);
        for (size_t s = 0; s < ns; s++) {
            int have;
            double v = pptx_chart_number(c, x, s, &have);
            if (have)
                worksheet_write_number(ws, (lxw_row_t)(x + 1),
                                       (lxw_col_t)(s + 1), v, NULL);
        }
    }
    lxw_error err = workbook_close(wb);
    if (err != LXW_NO_ERROR)
        return wb_fail(tmp_path, lxw_strerror(err), d);
    size_t len;
    char *data = fs_read(tmp_path, &len, d);
    if (!data) {
        unlink(tmp_path);
        return -1;
    }
    buf_put(xlsx, data, len);
    free(data);
    unlink(tmp_path);
    return 0;
}
