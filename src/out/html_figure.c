#include "html_figure.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "canvas_svg.h"
#include "escape.h"
#include "num.h"
#include "url.h"
#include "xalloc.h"

void html_table(buf *out, size_t nrows, size_t ncols, char *const *cells,
                const char *caption, const char *id)
{
    /* The wrapper scrolls sideways when the table is wider than the
     * screen; it is focusable and named so keyboard users can scroll. */
    buf_puts(out, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" ");
    if (caption && id)
        buf_printf(out, "aria-labelledby=\"%s-cap\">", id);
    else
        buf_puts(out, "aria-label=\"表\">");
    buf_puts(out, "<table>");
    if (caption) {
        if (id)
            buf_printf(out, "<caption id=\"%s-cap\">", id);
        else
            buf_puts(out, "<caption>");
        escape_xml_str(out, caption);
        buf_puts(out, "</caption>");
    }
    if (nrows && ncols) {
        buf_puts(out, "\n<thead><tr>");
        for (size_t c = 0; c < ncols; c++) {
            buf_puts(out, canvas_cell_scope(0, c) == SCOPE_COLUMN
                              ? "<th scope=\"col\">"
                              : "<th>");
            escape_xml_str(out, cells[c]);
            buf_puts(out, "</th>");
        }
        buf_puts(out, "</tr></thead>\n<tbody>\n");
        for (size_t r = 1; r < nrows; r++) {
            buf_puts(out, "<tr>");
            for (size_t c = 0; c < ncols; c++) {
                const char *s = cells[r * ncols + c];
                int head = canvas_cell_scope(r, c) == SCOPE_ROW;
                if (head)
                    buf_puts(out, "<th scope=\"row\">");
                else
                    buf_puts(out, num_is_numeric_cell(s) ? "<td class=\"num\">"
                                                         : "<td>");
                escape_xml_str(out, s);
                buf_puts(out, head ? "</th>" : "</td>");
            }
            buf_puts(out, "</tr>\n");
        }
        buf_puts(out, "</tbody>");
    }
    buf_puts(out, "</table></div>\n");
}

/* The text runs of at least floor that c draws in a w x h box. */
static size_t legible_runs(const chart *c, const font *f, double w, double h,
                           double floor)
{
    size_t n;
    chart_probe(c, f, w, h, floor, &n, NULL);
    return n;
}

double html_chart_height(const chart *c, const font *f, double w, double floor)
{
    double nominal = w * chart_aspect(c);
    double base = nominal > w / 4 ? nominal : w / 4;
    size_t first = legible_runs(c, f, w, nominal, floor);
    if (first >= legible_runs(c, f, w, base * 16, floor))
        return nominal; /* the usual case: two drawings */
    /* Charts fit their text to the room they are given (labels shrink
     * with their bars, or are left out), and not always monotonically:
     * scan heights up to 18 times the nominal one and take the first
     * with the most legible text runs. */
    enum { STEPS = 14 }; /* 1.25^13 = 18.2 */
    double hs[STEPS];
    size_t n[STEPS], best = first;
    for (int i = 0; i < STEPS; i++) {
        hs[i] = i == 0 ? nominal : base * pow(1.25, i);
        n[i] = i == 0 ? first : legible_runs(c, f, w, hs[i], floor);
        if (n[i] > best)
            best = n[i];
    }
    for (int i = 1; i < STEPS; i++)
        if (n[i] >= best) {
            /* a quarter more for air, when nothing gets smaller there */
            double airy = hs[i] * 1.25;
            return legible_runs(c, f, w, airy, floor) >= best ? airy : hs[i];
        }
    return nominal;
}

/* 0, or -1 with the SVG backend's reason as an error. */
static int draw_svg(buf *out, const chart *c, const font *f, const char *id,
                    double w, double h, diag_list *d)
{
    char *alt = chart_alt_in_box(c, f, w, h);
    canvas *svg = canvas_svg_new(f, out, chart_title(c), alt, id);
    free(alt);
    canvas_begin_page(svg, w, h);
    chart_draw(c, svg, 0, 0, w, h);
    canvas_end_page(svg);
    int failed = svg->failed;
    if (failed)
        diag_add(d, DIAG_ERROR, NULL, 0, 0, "cannot draw chart %s as SVG: %s",
                 id, svg->error);
    canvas_destroy(svg);
    return failed ? -1 : 0;
}

/* Brackets a file name whose size is filled in later (a control
 * character the page never holds otherwise: escape.c drops them). */
#define SIZE_MARK '\x01'

/* A size for a link: "880 B", "6.2 KB" (1 KB = 1,024 bytes). */
static void put_size(buf *out, long long n)
{
    if (n < 1024) {
        buf_printf(out, "%lld B", n);
        return;
    }
    buf_num(out, (double)n / 1024, 1, 0);
    buf_puts(out, " KB");
}

/* One download link: data/NAME (percent-encoded) with its name as the
 * file name to save, "この表をLABELでダウンロード（NAME、NOTE、SIZE）". */
static void download(buf *out, const char *stem, const char *ext,
                     const char *type, const char *label, const char *note,
                     long long bytes)
{
    buf name = BUF_INIT;
    buf_printf(&name, "%s%s", stem, ext);
    buf_puts(out, "<li><a href=\"data/");
    url_put_name(out, buf_cstr(&name));
    buf_puts(out, "\" download=\"");
    escape_xml_str(out, buf_cstr(&name));
    buf_printf(out, "\" type=\"%s\">この表を%sでダウンロード（", type, label);
    escape_xml_str(out, buf_cstr(&name));
    if (note)
        buf_printf(out, "、%s", note);
    if (bytes == HTML_SIZE_LATER) {
        buf_printf(out, "%c%s%c", SIZE_MARK, buf_cstr(&name), SIZE_MARK);
    } else if (bytes >= 0) {
        buf_puts(out, "、");
        put_size(out, bytes);
    }
    buf_puts(out, "）</a></li>\n");
    buf_free(&name);
}

int html_chart(buf *out, const chart *c, const font *f, const char *id,
               const html_data_files *files, const layout_box *box,
               diag_list *d)
{
    const char *title = chart_title(c);
    buf_printf(out, "<figure class=\"chart\" id=\"%s\">\n", id);
    if (*title) {
        buf_puts(out, "<figcaption>");
        escape_xml_str(out, title);
        buf_puts(out, "</figcaption>\n");
    }
    buf nid = BUF_INIT;
    buf_printf(&nid, "%s-m", id);
    double ww = HTML_CHART_WIDE_WIDTH, nw = HTML_CHART_NARROW_WIDTH;
    /* The wide picture is the PDF's: the same chart drawn in the same box
     * (scaled by the browser), so the same labels fit or are left out.
     * Only a chart that was never laid out gets a box of its own. */
    double pw, ph;
    if (box) {
        pw = box->w;
        ph = box->h;
    } else {
        pw = ww;
        ph = html_chart_height(c, f, ww, HTML_LEGIBLE_WIDE);
    }
    /* each <svg> starts and ends its own lines */
    buf_puts(out, "<div class=\"chart-wide\">\n");
    int rc = draw_svg(out, c, f, id, pw, ph, d);
    buf_puts(out, "\n</div>\n<div class=\"chart-narrow\">\n");
    if (rc == 0)
        rc = draw_svg(out, c, f, buf_cstr(&nid), nw,
                      html_chart_height(c, f, nw, HTML_LEGIBLE_NARROW), d);
    buf_puts(out, "\n</div>\n");
    buf_free(&nid);
    if (rc != 0)
        return -1;

    const grid *g = chart_grid(c);
    buf cap = BUF_INIT;
    chart_data_caption(c, &cap);
    buf_puts(out, "<details>\n<summary>図表のデータ（表、CSV、Excel）"
                  "</summary>\n");
    html_table(out, g->nrows, g->ncols, g->cells, buf_cstr(&cap), id);
    /* the links percent-encoded, the file names as text escaped */
    buf_puts(out, "<ul class=\"downloads\">\n");
    download(out, files->stem, ".csv", "text/csv", "CSV形式", "UTF-8",
             files->csv_bytes);
    download(out, files->stem, ".xlsx",
             "application/vnd.openxmlformats-officedocument.spreadsheetml."
             "sheet",
             "Excel形式", NULL, files->xlsx_bytes);
    buf_puts(out, "</ul>\n");
    buf_puts(out, "</details>\n</figure>\n");
    buf_free(&cap);
    return 0;
}

void html_fill_sizes(buf *out, const char *html, const char *data_dir)
{
    const char *p = html;
    for (;;) {
        const char *m = strchr(p, SIZE_MARK);
        const char *e = m ? strchr(m + 1, SIZE_MARK) : NULL;
        if (!e) {
            buf_puts(out, p);
            return;
        }
        buf_put(out, p, (size_t)(m - p));
        buf path = BUF_INIT;
        buf_printf(&path, "%s/", data_dir);
        buf_put(&path, m + 1, (size_t)(e - m - 1));
        struct stat st;
        if (stat(buf_cstr(&path), &st) == 0 && S_ISREG(st.st_mode)) {
            buf_puts(out, "、");
            put_size(out, (long long)st.st_size);
        }
        buf_free(&path);
        p = e + 1;
    }
}
