#include "out_html.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "escape.h"
#include "fsutil.h"
#include "html_css.h"
#include "html_figure.h"
#include "image.h"
#include "out_pdf.h"
#include "out_pptx.h"
#include "sha256.h"
#include "url.h"
#include "xalloc.h"

void html_csp(buf *out, const char *css, int images)
{
    char hash[45];
    sha256_base64(css, strlen(css), hash);
    buf_printf(out,
               "default-src 'none'; %sstyle-src 'sha256-%s'; base-uri 'none'; "
               "form-action 'none'",
               images ? "img-src 'self' data:; " : "", hash);
}

void html_image_file(const canvas_image *im, buf *out)
{
    buf_printf(out, OUT_HTML_IMAGE_DIR "/%s.%s", im->hash, image_ext(im));
}

/* 1 when the deck shows a picture. */
static int has_images(const deck *dk)
{
    for (size_t i = 0; i < dk->nslides; i++)
        for (size_t j = 0; j < dk->slides[i].nbody; j++)
            if (dk->slides[i].body[j].kind == BLOCK_IMAGE)
                return 1;
    return 0;
}

/* Every picture of the deck copied into dir/img, once each.  0 or -1. */
static int copy_images(const deck *dk, const char *dir, diag_list *d)
{
    int rc = 0, made_dir = 0;
    buf seen = BUF_INIT; /* the hashes written, one a line */
    for (size_t i = 0; i < dk->nslides && rc == 0; i++)
        for (size_t j = 0; j < dk->slides[i].nbody && rc == 0; j++) {
            const canvas_image *im = dk->slides[i].body[j].image;
            if (dk->slides[i].body[j].kind != BLOCK_IMAGE ||
                strstr(buf_cstr(&seen), im->hash))
                continue;
            buf_printf(&seen, "%s\n", im->hash);
            if (!made_dir) {
                char *sub = fs_join(dir, OUT_HTML_IMAGE_DIR);
                rc = fs_mkdirs(sub, d);
                free(sub);
                made_dir = 1;
            }
            buf name = BUF_INIT;
            html_image_file(im, &name);
            char *path = fs_join(dir, buf_cstr(&name));
            if (rc == 0)
                rc = fs_write_atomic(path, im->data, im->len, d);
            free(path);
            buf_free(&name);
        }
    buf_free(&seen);
    return rc;
}

/* An image block: the picture at the size the slide shows it (its box
 * in the layout, at 96 CSS pixels to the inch), else its natural size. */
static void image_html(buf *o, const block *b, const layout_result *lr,
                       size_t si, size_t bi)
{
    const canvas_image *im = b->image;
    double w = im->width, h = im->height;
    const layout_page *pg = lr && si < lr->npages ? &lr->pages[si] : NULL;
    for (size_t k = 0; pg && k < pg->nregions; k++) {
        const layout_region *r = &pg->regions[k];
        if (r->kind == LAYOUT_BLOCK && r->index == bi && r->box.w > 0) {
            w = r->box.w / 0.75;
            h = r->box.h / 0.75;
        }
    }
    buf_puts(o, "<p class=\"image\"><img src=\"");
    buf name = BUF_INIT;
    html_image_file(im, &name);
    buf_puts(o, buf_cstr(&name));
    buf_free(&name);
    buf_puts(o, "\" alt=\"");
    escape_xml_str(o, im->alt);
    buf_printf(o, "\" width=\"%.0f\" height=\"%.0f\" /></p>\n", w, h);
}

static void rich_html(buf *out, const rich *r)
{
    for (size_t i = 0; i < r->nruns; i++) {
        const run *u = &r->runs[i];
        if (u->flags & RUN_BREAK) {
            buf_puts(out, "<br />");
            continue;
        }
        if (u->flags & RUN_LINK) {
            buf_puts(out, "<a href=\"");
            escape_xml_str(out, u->href);
            buf_puts(out, "\">");
        }
        if (u->flags & RUN_STRONG)
            buf_puts(out, "<strong>");
        if (u->flags & RUN_EM)
            buf_puts(out, "<em>");
        if (u->flags & RUN_CODE)
            buf_puts(out, "<code>");
        escape_xml_str(out, u->text);
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

/* The directory that holds dir ("out/site" -> "out"); caller frees. */
static char *parent_dir(const char *dir)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    while (n > 0 && dir[n - 1] != '/')
        n--;
    if (n == 0)
        return xstrdup(".");
    while (n > 1 && dir[n - 1] == '/')
        n--;
    char *p = xmalloc(n + 1);
    memcpy(p, dir, n);
    p[n] = '\0';
    return p;
}

/* Copies a file of the build (the PDF, the PowerPoint file) from the
 * site's parent folder into the site when it exists.  1 copied, 0
 * absent, -1 on failure. */
static int copy_file(const char *dir, const char *name, diag_list *d)
{
    char *parent = parent_dir(dir);
    char *src = fs_join(parent, name);
    free(parent);
    struct stat st;
    int rc = 0;
    if (stat(src, &st) == 0 && S_ISREG(st.st_mode)) {
        size_t len;
        char *data = fs_read(src, &len, d);
        rc = -1;
        if (data) {
            char *dst = fs_join(dir, name);
            rc = fs_write_atomic(dst, data, len, d) == 0 ? 1 : -1;
            free(dst);
            free(data);
        }
    }
    free(src);
    return rc;
}

static void head_html(buf *o, const deck *dk, const char *title)
{
    buf cssb = BUF_INIT;
    html_css(&cssb);
    const char *css = buf_cstr(&cssb);
    buf_puts(o, "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n"
                "<meta charset=\"utf-8\" />\n"
                "<meta http-equiv=\"Content-Security-Policy\" content=\"");
    html_csp(o, css, has_images(dk));
    buf_puts(o, "\" />\n<meta name=\"viewport\" content=\"width=device-width, "
                "initial-scale=1\" />\n");
    /* once img-src lets the pictures load, a browser would also ask the
     * server for /favicon.ico: an empty icon of the page's own stops it */
    if (has_images(dk))
        buf_puts(o, "<link rel=\"icon\" href=\"data:,\" />\n");
    buf_puts(o, ""
                "<meta name=\"generator\" content=\"shiryo " SHIRYO_VERSION
                "\" />\n");
    if (dk->author) {
        buf_puts(o, "<meta name=\"author\" content=\"");
        escape_xml_str(o, dk->author);
        buf_puts(o, "\" />\n");
    }
    if (dk->subject) {
        buf_puts(o, "<meta name=\"description\" content=\"");
        escape_xml_str(o, dk->subject);
        buf_puts(o, "\" />\n");
    }
    buf_puts(o, "<title>");
    escape_xml_str(o, title);
    buf_printf(o, "</title>\n<style>%s</style>\n</head>\n<body>\n", css);
    buf_free(&cssb);
}

int html_slide_shown(const deck *dk, size_t si)
{
    return !(si == 0 && dk->slides[0].kind == SLIDE_COVER);
}

void html_chart_id(const deck *dk, size_t si, size_t bi, buf *out)
{
    size_t fig = 0;
    for (size_t j = 0; j <= bi; j++)
        fig += dk->slides[si].body[j].kind == BLOCK_CHART;
    buf_printf(out, "s%zu-f%zu", si + 1, fig);
}

void html_chart_file(const deck *dk, size_t si, size_t bi, buf *out)
{
    html_chart_id(dk, si, bi, out);
    buf title = BUF_INIT;
    fs_safe_name(&title, chart_title(dk->slides[si].body[bi].chart),
                 HTML_DATA_TITLE_MAX);
    if (title.len)
        buf_printf(out, "-%s", buf_cstr(&title));
    buf_free(&title);
}

/* The page's header: a cover in first place (not shown as a section),
 * else the deck's title. */
static void cover_html(buf *o, const deck *dk, const char *title)
{
    buf_puts(o, "<header class=\"cover\">\n<h1>");
    if (dk->nslides && !html_slide_shown(dk, 0)) {
        const slide *s = &dk->slides[0];
        rich_html(o, &s->title);
        buf_puts(o, "</h1>\n");
        for (size_t i = 0; i < s->nbody; i++)
            for (size_t k = 0; k < s->body[i].nitems; k++) {
                buf_puts(o, "<p>");
                rich_html(o, &s->body[i].items[k]);
                buf_puts(o, "</p>\n");
            }
    } else {
        escape_xml_str(o, title);
        buf_puts(o, "</h1>\n");
    }
}

/* Where the slide layout drew block bi of slide si, if it did. */
static const layout_box *box_of(const layout_result *lr, size_t si, size_t bi)
{
    const layout_chart *c = layout_find_chart(lr, si, bi);
    return c ? &c->box : NULL;
}

/* The figure of chart block bi of slide si; its download links' sizes
 * are filled in when the page is written (html_fill_sizes), after the
 * chart-data writer has written the files. */
static int chart_html(buf *o, const deck *dk, size_t si, size_t bi,
                      const font *f, const char *id, const layout_result *lr,
                      diag_list *d)
{
    buf stem = BUF_INIT;
    html_chart_file(dk, si, bi, &stem);
    html_data_files files = {buf_cstr(&stem), HTML_SIZE_LATER, HTML_SIZE_LATER};
    int rc = html_chart(o, dk->slides[si].body[bi].chart, f, id, &files,
                        box_of(lr, si, bi), d);
    buf_free(&stem);
    return rc;
}

static int slide_html(buf *o, const deck *dk, size_t si, const font *f,
                      const layout_result *lr, diag_list *d)
{
    const slide *s = &dk->slides[si];
    size_t no = si + 1;
    int rc = 0;
    buf_printf(o,
               "<section class=\"slide\" id=\"s%zu\" "
               "aria-labelledby=\"s%zu-h\">\n<h2 id=\"s%zu-h\">"
               "<span class=\"pageno\">%zu</span>",
               no, no, no, no);
    rich_html(o, &s->title);
    buf_puts(o, "</h2>\n");
    for (int p = PROV_PRELIMINARY; p < PROV_COUNT; p++)
        if (s->marks & PROV_BIT(p))
            buf_printf(o, "<p class=\"mark\">%s</p>\n", prov_label((prov)p));
    if (s->npoints) {
        buf_puts(o, "<ul class=\"points\">\n");
        for (size_t k = 0; k < s->npoints; k++) {
            buf_puts(o, "<li>");
            rich_html(o, &s->points[k]);
            buf_puts(o, "</li>\n");
        }
        buf_puts(o, "</ul>\n");
    }
    size_t tab = 0;
    for (size_t j = 0; j < s->nbody; j++) {
        const block *b = &s->body[j];
        buf id = BUF_INIT;
        switch (b->kind) {
        case BLOCK_PARA:
            buf_puts(o, "<p>");
            rich_html(o, &b->items[0]);
            buf_puts(o, "</p>\n");
            break;
        case BLOCK_HEADING:
            buf_puts(o, "<h3>");
            rich_html(o, &b->items[0]);
            buf_puts(o, "</h3>\n");
            break;
        case BLOCK_LIST:
            buf_puts(o, b->ordered ? "<ol>\n" : "<ul>\n");
            for (size_t k = 0; k < b->nitems; k++) {
                buf_puts(o, "<li>");
                rich_html(o, &b->items[k]);
                buf_puts(o, "</li>\n");
            }
            buf_puts(o, b->ordered ? "</ol>\n" : "</ul>\n");
            break;
        case BLOCK_TABLE:
            buf_printf(&id, "s%zu-t%zu", no, ++tab);
            html_table(o, b->table->nrows, b->table->ncols, b->table->cells,
                       NULL, buf_cstr(&id));
            break;
        case BLOCK_CHART:
            html_chart_id(dk, si, j, &id);
            if (chart_html(o, dk, si, j, f, buf_cstr(&id), lr, d) != 0)
                rc = -1;
            break;
        case BLOCK_IMAGE:
            image_html(o, b, lr, si, j);
            break;
        }
        buf_free(&id);
    }
    richs_html(o, s->notes, s->nnotes, "notes");
    richs_html(o, s->sources, s->nsources, "sources");
    buf_puts(o, "</section>\n");
    return rc;
}

/* The link to a file of the build, "LABEL（NAME）", to its copy in the
 * site when the file exists, else to ../NAME; nothing for a NULL name.
 * 0, or -1 when the copy failed. */
static int download_link(buf *o, const char *dir, const char *name,
                         const char *label, diag_list *d)
{
    if (!name)
        return 0;
    int copied = copy_file(dir, name, d);
    buf_puts(o, "<a href=\"");
    if (!copied)
        buf_puts(o, "../");
    url_put_name(o, name);
    buf_printf(o, "\">%s（", label);
    escape_xml_str(o, name);
    buf_puts(o, "）</a>");
    return copied < 0 ? -1 : 0;
}

/* The slides' sections, every chart drawn: the part of the page that
 * takes time, and depends on nothing written.  0, or -1 with errors. */
static int slides_html(buf *o, const deck *dk, const font *f,
                       const layout_result *lr, diag_list *d)
{
    int rc = 0;
    for (size_t i = 0; i < dk->nslides; i++)
        if (html_slide_shown(dk, i) && slide_html(o, dk, i, f, lr, d) != 0)
            rc = -1;
    return rc;
}

/* The page around the slides (main, from slides_html), and the copies of
 * the files it links to. */
static int site_with(const deck *dk, const char *main_html, const char *dir,
                     const char *pdf_name, const char *pptx_name, diag_list *d)
{
    if (fs_mkdirs(dir, d) != 0 || copy_images(dk, dir, d) != 0)
        return -1;
    buf o = BUF_INIT;
    int rc = 0;
    const char *title = dk->title ? dk->title : "資料";
    head_html(&o, dk, title);
    buf_puts(&o, "<a class=\"skip\" href=\"#main\">本文へ移動</a>\n");

    cover_html(&o, dk, title);
    if (pdf_name || pptx_name) {
        buf_puts(&o, "<p class=\"pdf\">");
        if (download_link(&o, dir, pdf_name, "PDF版をひらく", d) != 0)
            rc = -1;
        if (pdf_name && pptx_name)
            buf_puts(&o, " ");
        if (download_link(&o, dir, pptx_name, "PowerPoint版をダウンロード",
                          d) != 0)
            rc = -1;
        buf_puts(&o, "</p>\n");
    }
    buf_puts(&o, "</header>\n");

    buf_puts(&o, "<nav class=\"toc\" aria-labelledby=\"toc-h\">\n"
                 "<h2 id=\"toc-h\">目次</h2>\n<ol>\n");
    for (size_t i = 0; i < dk->nslides; i++) {
        if (!html_slide_shown(dk, i))
            continue;
        char *t = rich_plain(&dk->slides[i].title);
        buf_printf(&o, "<li value=\"%zu\"><a href=\"#s%zu\">", i + 1, i + 1);
        escape_xml_str(&o, t);
        buf_puts(&o, "</a>");
        for (int p = PROV_PRELIMINARY; p < PROV_COUNT; p++)
            if (dk->slides[i].marks & PROV_BIT(p))
                buf_printf(&o, "（%s）", prov_label((prov)p));
        buf_puts(&o, "</li>\n");
        free(t);
    }
    buf_puts(&o, "</ol>\n</nav>\n<main id=\"main\">\n");
    /* the download links' sizes, of the files now in dir/data */
    char *data_dir = fs_join(dir, OUT_HTML_DATA_DIR);
    html_fill_sizes(&o, main_html, data_dir);
    free(data_dir);
    buf_puts(&o, "</main>\n</body>\n</html>\n");
    if (rc == 0) {
        char *path = fs_join(dir, "index.html");
        rc = fs_write_atomic(path, o.data, o.len, d);
        free(path);
    }
    buf_free(&o);
    return rc;
}

int out_html_site(const deck *dk, const font *f, const layout_result *lr,
                  const char *dir, const char *pdf_name, const char *pptx_name,
                  diag_list *d)
{
    buf m = BUF_INIT;
    int rc = slides_html(&m, dk, f, lr, d);
    if (rc == 0)
        rc = site_with(dk, buf_cstr(&m), dir, pdf_name, pptx_name, d);
    buf_free(&m);
    return rc;
}

void *out_html_render(const build_result *b, diag_list *d)
{
    buf *m = xcalloc(1, sizeof *m);
    if (slides_html(m, b->deck, b->font, b->layout, d) != 0) {
        out_html_release(m);
        return NULL;
    }
    return m;
}

void out_html_release(void *made)
{
    if (made)
        buf_free(made);
    free(made);
}

int out_html_write(const build_result *b, const char *out_dir, diag_list *d)
{
    char *dir = fs_join(out_dir, OUT_HTML_DIR);
    buf pdf = BUF_INIT, pptx = BUF_INIT;
    out_pdf_name(b->deck, &pdf);
    out_pptx_name(b->deck, &pptx);
    int rc = b->prepared ? site_with(b->deck, buf_cstr(b->prepared), dir,
                                     buf_cstr(&pdf), buf_cstr(&pptx), d)
                         : out_html_site(b->deck, b->font, b->layout, dir,
                                         buf_cstr(&pdf), buf_cstr(&pptx), d);
    buf_free(&pdf);
    buf_free(&pptx);
    free(dir);
    return rc;
}

void out_html_wrote(const build_result *b, const char *out_dir, buf *out)
{
    (void)b;
    char *dir = fs_join(out_dir, OUT_HTML_DIR);
    buf_printf(out, "%s/index.html", dir);
    free(dir);
}
