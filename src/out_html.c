#include "out_html.h"

#include <stdlib.h>
#include <string.h>

#include "canvas_svg.h"
#include "fsutil.h"
#include "xalloc.h"

void html_escape(buf *out, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        switch (s[i]) {
        case '&': buf_puts(out, "&amp;"); break;
        case '<': buf_puts(out, "&lt;"); break;
        case '>': buf_puts(out, "&gt;"); break;
        case '"': buf_puts(out, "&quot;"); break;
        case '\'': buf_puts(out, "&#39;"); break;
        default: buf_putc(out, s[i]);
        }
    }
}

static void esc(buf *out, const char *s) { html_escape(out, s, strlen(s)); }

static int plain_number(const char *s)
{
    const char *p = s;
    if (*p == '-' || *p == '+')
        p++;
    if (!*p)
        return 0;
    for (; *p; p++)
        if (!((*p >= '0' && *p <= '9') || *p == '.' || *p == ','))
            return 0;
    return 1;
}

void csv_field_safe(buf *out, const char *s)
{
    int formula = (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
                   s[0] == '\t' || s[0] == '\r') &&
                  !plain_number(s);
    int quote = formula || strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        buf_putc(out, '"');
    if (formula)
        buf_putc(out, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            buf_putc(out, '"');
        buf_putc(out, *p);
    }
    if (quote)
        buf_putc(out, '"');
}

static void rich_html(buf *out, const rich *r)
{
    for (size_t i = 0; i < r->nruns; i++) {
        const run *u = &r->runs[i];
        if (u->flags & RUN_BREAK) {
            buf_puts(out, "<br>");
            continue;
        }
        if (u->flags & RUN_LINK) {
            buf_puts(out, "<a href=\"");
            esc(out, u->href);
            buf_puts(out, "\">");
        }
        if (u->flags & RUN_STRONG)
            buf_puts(out, "<strong>");
        if (u->flags & RUN_EM)
            buf_puts(out, "<em>");
        if (u->flags & RUN_CODE)
            buf_puts(out, "<code>");
        esc(out, u->text);
        if (u->flags & RUN_CODE)
            buf_puts(out, "</code>");
        if (u->flags & RUN_EM)
            buf_puts(out, "</em>");
        if (u->flags & RUN_STRONG)
            buf_puts(out, "</strong>");
        if (u->flags & RUN_LINK)
            buf_puts(out, "</a>");
    }
}

static const char *CSS =
    ":root{--navy:#1f3864;--ink:#1a1a1a;--grey:#555;--mark:#b44500;"
    "--box:#f2f5fa;--head:#dce6f2}\n"
    "html{font-family:\"IPAexGothic\",\"IPAexゴシック\",\"Noto Sans JP\","
    "\"Hiragino Sans\",\"Yu Gothic\",\"Meiryo\",sans-serif;color:var(--ink);"
    "background:#fff;line-height:1.7}\n"
    "body{margin:0 auto;max-width:62rem;padding:0 1rem 3rem}\n"
    "p,li,td,th,h1,h2,h3,figcaption{line-break:strict;word-break:normal;"
    "overflow-wrap:anywhere}\n"
    "@supports (word-break:auto-phrase){p,li,h1,h2,h3{word-break:auto-phrase}}\n"
    "@supports (text-spacing-trim:normal){html{text-spacing-trim:normal}}\n"
    "@supports (text-autospace:normal){html{text-autospace:normal}}\n"
    ".skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;"
    "background:#fff;padding:.5rem;z-index:1}\n"
    "a{color:#0b4ea2}a:focus-visible,summary:focus-visible{outline:3px solid "
    "#b44500;outline-offset:2px}\n"
    "header.cover{text-align:center;padding:3rem 0 2rem;border-bottom:2px "
    "solid var(--navy)}\n"
    "header.cover h1{color:var(--navy);font-size:2rem;margin:0 0 1.5rem}\n"
    "header.cover p{margin:.3rem 0}\n"
    "nav.toc ol{padding-left:1.5rem}\n"
    "section.slide{border-top:1px solid #bbb;padding:1.5rem 0;margin-top:1rem}\n"
    "section.slide h2{color:var(--navy);border-bottom:2px solid var(--navy);"
    "padding-bottom:.3rem;font-size:1.4rem}\n"
    ".pageno{color:var(--grey);font-size:.9rem;font-weight:normal;"
    "margin-right:.5rem}\n"
    ".mark{display:inline-block;border:2px solid var(--mark);color:var(--mark);"
    "font-weight:bold;padding:0 .5rem;margin:0 0 .5rem}\n"
    "ul.points{list-style:none;border:1px solid var(--navy);background:"
    "var(--box);padding:.8rem 1rem;margin:1rem 0}\n"
    "ul.points li{padding-left:1.2em;text-indent:-1.2em}\n"
    "ul.points li::before{content:\"■\";color:var(--navy)}\n"
    "figure{margin:1rem 0}figcaption{font-weight:bold;color:var(--navy);text-align:center}figure svg{width:100%;height:auto;display:block}\n"
    "table{border-collapse:collapse;margin:.5rem 0;font-size:.95rem}\n"
    "th,td{border:1px solid #999;padding:.25rem .5rem;vertical-align:top}\n"
    "th{background:var(--head)}td.num{text-align:right}\n"
    ".table-wrap{overflow-x:auto}\n"
    ".notes{font-size:.9rem}.sources{font-size:.8rem;color:var(--grey)}\n"
    "@media print{.skip,nav.toc,details{display:none}section.slide{"
    "break-before:page;border:0}a{color:inherit}}\n";

static int is_numeric(const char *s)
{
    return (s[0] >= '0' && s[0] <= '9') ||
           (strncmp(s, "\xef\xbc", 2) == 0 && (unsigned char)s[2] >= 0x90 &&
            (unsigned char)s[2] <= 0x99);
}

static void table_html(buf *out, size_t nrows, size_t ncols, char *const *cells,
                       const char *caption)
{
    buf_puts(out, "<div class=\"table-wrap\"><table>");
    if (caption) {
        buf_puts(out, "<caption>");
        esc(out, caption);
        buf_puts(out, "</caption>");
    }
    buf_puts(out, "\n<thead><tr>");
    for (size_t c = 0; c < ncols; c++) {
        buf_puts(out, "<th scope=\"col\">");
        esc(out, cells[c]);
        buf_puts(out, "</th>");
    }
    buf_puts(out, "</tr></thead>\n<tbody>\n");
    for (size_t r = 1; r < nrows; r++) {
        buf_puts(out, "<tr>");
        for (size_t c = 0; c < ncols; c++) {
            const char *s = cells[r * ncols + c];
            if (c == 0)
                buf_puts(out, "<th scope=\"row\">");
            else
                buf_puts(out, is_numeric(s) ? "<td class=\"num\">" : "<td>");
            esc(out, s);
            buf_puts(out, c == 0 ? "</th>" : "</td>");
        }
        buf_puts(out, "</tr>\n");
    }
    buf_puts(out, "</tbody></table></div>\n");
}

static int chart_html(buf *out, const chart *c, const font *f, size_t slide_no,
                      size_t fig, const char *dir, diag_list *d)
{
    char id[32];
    buf idb = BUF_INIT;
    buf_printf(&idb, "s%zu-f%zu", slide_no, fig);
    memcpy(id, idb.data, idb.len + 1);
    buf_free(&idb);
    buf_puts(out, "<figure>\n");
    if (*chart_title(c)) {
        buf_puts(out, "<figcaption>");
        esc(out, chart_title(c));
        buf_puts(out, "</figcaption>\n");
    }
    double w = 720, h = w * chart_aspect(c);
    canvas *svg = canvas_svg_new(f, out, chart_title(c), chart_alt(c), id);
    canvas_begin_page(svg, w, h);
    chart_draw(c, svg, 0, 0, w, h);
    canvas_end_page(svg);
    int failed = svg->failed;
    canvas_destroy(svg);
    if (failed) {
        diag_add(d, DIAG_ERROR, NULL, 0, 0, "cannot draw chart %s as SVG", id);
        return -1;
    }
    const grid *g = chart_grid(c);
    buf_puts(out, "\n<details><summary>図表のデータ（表）</summary>\n");
    table_html(out, g->nrows, g->ncols, g->cells,
               *chart_title(c) ? chart_title(c) : "図表のデータ");
    /* the CSV download: UTF-8 with a BOM so that Excel opens it */
    buf cb = BUF_INIT;
    buf_puts(&cb, "\xEF\xBB\xBF");
    for (size_t r = 0; r < g->nrows; r++) {
        for (size_t k = 0; k < g->ncols; k++) {
            if (k)
                buf_putc(&cb, ',');
            csv_field_safe(&cb, g->cells[r * g->ncols + k]);
        }
        buf_puts(&cb, "\r\n");
    }
    char *datadir = fs_join(dir, "data");
    buf name = BUF_INIT;
    buf_printf(&name, "%s.csv", id);
    char *path = fs_join(datadir, buf_cstr(&name));
    int rc = fs_mkdirs(datadir, d);
    if (rc == 0)
        rc = fs_write_atomic(path, cb.data, cb.len, d);
    buf_printf(out, "<p><a href=\"data/%s\" download>CSV形式でダウンロード"
                    "（%s）</a></p>\n",
               buf_cstr(&name), buf_cstr(&name));
    buf_puts(out, "</details>\n</figure>\n");
    free(path);
    free(datadir);
    buf_free(&name);
    buf_free(&cb);
    return rc;
}

static void richs_html(buf *out, const rich *r, size_t n, const char *cls)
{
    if (!n)
        return;
    buf_printf(out, "<div class=\"%s\">\n", cls);
    for (size_t i = 0; i < n; i++) {
        buf_puts(out, "<p>");
        rich_html(out, &r[i]);
        buf_puts(out, "</p>\n");
    }
    buf_puts(out, "</div>\n");
}

int out_html_write(const deck *dk, const font *f, const char *dir,
                   const char *pdf_name, diag_list *d)
{
    if (fs_mkdirs(dir, d) != 0)
        return -1;
    buf o = BUF_INIT;
    int rc = 0;
    const char *title = dk->title ? dk->title : "資料";
    buf_puts(&o, "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n"
                 "<meta charset=\"utf-8\">\n"
                 "<meta name=\"viewport\" content=\"width=device-width, "
                 "initial-scale=1\">\n"
                 "<meta http-equiv=\"Content-Security-Policy\" "
                 "content=\"default-src 'none'; style-src 'unsafe-inline'; "
                 "img-src 'self'; base-uri 'none'; form-action 'none'\">\n"
                 "<meta name=\"generator\" content=\"shiryo " SHIRYO_VERSION
                 "\">\n<title>");
    esc(&o, title);
    buf_printf(&o, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", CSS);
    buf_puts(&o, "<a class=\"skip\" href=\"#main\">本文へ移動</a>\n");

    /* cover */
    size_t first = 0;
    if (dk->nslides && dk->slides[0].kind == SLIDE_COVER) {
        const slide *s = &dk->slides[0];
        buf_puts(&o, "<header class=\"cover\">\n<h1>");
        rich_html(&o, &s->title);
        buf_puts(&o, "</h1>\n");
        for (size_t i = 0; i < s->nbody; i++)
            for (size_t k = 0; k < s->body[i].nitems; k++) {
                buf_puts(&o, "<p>");
                rich_html(&o, &s->body[i].items[k]);
                buf_puts(&o, "</p>\n");
            }
        first = 1;
    } else {
        buf_puts(&o, "<header class=\"cover\"><h1>");
        esc(&o, title);
        buf_puts(&o, "</h1>\n");
    }
    if (pdf_name) {
        buf_puts(&o, "<p><a href=\"../");
        esc(&o, pdf_name);
        buf_puts(&o, "\">PDF版（");
        esc(&o, pdf_name);
        buf_puts(&o, "）</a></p>\n");
    }
    buf_puts(&o, "</header>\n");

    /* table of contents */
    buf_puts(&o, "<nav class=\"toc\" aria-labelledby=\"toc-h\">\n"
                 "<h2 id=\"toc-h\">目次</h2>\n<ol>\n");
    for (size_t i = first; i < dk->nslides; i++) {
        char *t = rich_plain(&dk->slides[i].title);
        buf_printf(&o, "<li value=\"%zu\"><a href=\"#s%zu\">", i + 1, i + 1);
        esc(&o, t);
        buf_puts(&o, "</a></li>\n");
        free(t);
    }
    buf_puts(&o, "</ol>\n</nav>\n<main id=\"main\">\n");

    for (size_t i = first; i < dk->nslides; i++) {
        const slide *s = &dk->slides[i];
        buf_printf(&o, "<section class=\"slide\" id=\"s%zu\" "
                       "aria-labelledby=\"s%zu-h\">\n<h2 id=\"s%zu-h\">"
                       "<span class=\"pageno\">%zu</span>",
                   i + 1, i + 1, i + 1, i + 1);
        rich_html(&o, &s->title);
        buf_puts(&o, "</h2>\n");
        if (s->prov != PROV_FINAL)
            buf_printf(&o, "<p class=\"mark\">%s</p>\n",
                       s->prov == PROV_PLACEHOLDER ? "仮の値を含む"
                                                   : "速報値を含む");
        if (s->npoints) {
            buf_puts(&o, "<ul class=\"points\">\n");
            for (size_t k = 0; k < s->npoints; k++) {
                buf_puts(&o, "<li>");
                rich_html(&o, &s->points[k]);
                buf_puts(&o, "</li>\n");
            }
            buf_puts(&o, "</ul>\n");
        }
        size_t fig = 0;
        for (size_t j = 0; j < s->nbody; j++) {
            const block *b = &s->body[j];
            switch (b->kind) {
            case BLOCK_PARA:
                buf_puts(&o, "<p>");
                rich_html(&o, &b->items[0]);
                buf_puts(&o, "</p>\n");
                break;
            case BLOCK_HEADING:
                buf_puts(&o, "<h3>");
                rich_html(&o, &b->items[0]);
                buf_puts(&o, "</h3>\n");
                break;
            case BLOCK_LIST:
                buf_puts(&o, b->ordered ? "<ol>\n" : "<ul>\n");
                for (size_t k = 0; k < b->nitems; k++) {
                    buf_puts(&o, "<li>");
                    rich_html(&o, &b->items[k]);
                    buf_puts(&o, "</li>\n");
                }
                buf_puts(&o, b->ordered ? "</ol>\n" : "</ul>\n");
                break;
            case BLOCK_TABLE:
                table_html(&o, b->table->nrows, b->table->ncols,
                           b->table->cells, NULL);
                break;
            case BLOCK_CHART:
                if (chart_html(&o, b->chart, f, i + 1, ++fig, dir, d) != 0)
                    rc = -1;
                break;
            }
        }
        richs_html(&o, s->notes, s->nnotes, "notes");
        richs_html(&o, s->sources, s->nsources, "sources");
        buf_puts(&o, "</section>\n");
    }
    buf_puts(&o, "</main>\n</body>\n</html>\n");
    if (rc == 0) {
        char *path = fs_join(dir, "index.html");
        rc = fs_write_atomic(path, o.data, o.len, d);
        free(path);
    }
    buf_free(&o);
    return rc;
}
