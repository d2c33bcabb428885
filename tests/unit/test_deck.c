/* The deck: templates expanded over tables, parsed as Markdown and mapped
 * onto slide regions; then laid out (through a trace canvas) and written
 * as HTML. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "canvas_record.h"
#include "canvas_trace.h"
#include "csv.h"
#include "deck.h"
#include "font.h"
#include "fsutil.h"
#include "layout.h"
#include "out_csv.h"
#include "out_data.h"
#include "out_html.h"
#include "template.h"

#define FONT "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"

static const char *DATA =
    "year,org_type,stage,count,status\n"
    "R5,都道府県,導入済み,40,確報\n"
    "R5,都道府県,未導入,7,確報\n"
    "R6,都道府県,導入済み,47,確報\n"
    "R6,都道府県,未導入,0,確報\n"
    "R5,その他,導入済み,800,確報\n"
    "R5,その他,未導入,921,確報\n"
    "R6,その他,導入済み,996,仮\n"
    "R6,その他,未導入,725,仮\n";
static const char *SCHEMA =
    "column,type,values,description\n"
    "year,year,,\n"
    "org_type,category,都道府県|その他,\n"
    "stage,category,導入済み|未導入,\n"
    "count,integer,,\n"
    "status,category,確報|速報|仮,\n";

static tableset *tables(diag_list *d)
{
    sheet *c = csv_parse("data/t.csv", DATA, strlen(DATA), CSV_ENC_UTF8, d);
    sheet *s = csv_parse("data/t.schema.csv", SCHEMA, strlen(SCHEMA),
                       CSV_ENC_UTF8, d);
    cr_assert_not_null(c);
    cr_assert_not_null(s);
    table *t = table_from_csv("t", c, s, d);
    cr_assert_not_null(t, "fixture table must load");
    sheet_free(c);
    sheet_free(s);
    tableset *ts = tableset_new();
    tableset_add(ts, t);
    return ts;
}

/* Expands src as templates/x.md and adds it to dk; returns the status. */
static int add(deck *dk, const char *src, tableset *ts, diag_list *d)
{
    template *t = template_compile("templates/x.md", src, strlen(src), d);
    cr_assert_not_null(t, "template must compile");
    tmpl_env *env = tmpl_env_new(ts);
    tmpl_env_add_meta(env, t);
    expansion ex;
    int rc = template_expand(t, env, &ex, d);
    if (rc == 0) {
        rc = deck_add_markdown(dk, t, &ex, ts, d);
        expansion_free(&ex);
    }
    tmpl_env_free(env);
    template_free(t);
    return rc;
}

static void dump(const diag_list *d)
{
    buf b = BUF_INIT;
    for (size_t i = 0; i < diag_count(d); i++) {
        diag_format(diag_get(d, i), &b);
        buf_putc(&b, '\n');
    }
    cr_log_info("%s", buf_cstr(&b));
    buf_free(&b);
}

static const char *SLIDE =
    "---\n"
    "deck: test-deck\n"
    "title: 試験資料\n"
    "edition: 2025-06-30\n"
    "---\n"
    "{{ let r6 = t where year = latest }}\n"
    "# 導入状況\n"
    "\n"
    "- 都道府県は{{ sum(r6 where org_type = \"都道府県\" and stage = \"導入済み\", \"count\") }}団体。\n"
    "- その他は{{ sum(r6 where org_type = \"その他\" and stage = \"導入済み\", \"count\") }}団体。\n"
    "\n"
    "本文の段落。\n"
    "\n"
    "```chart\n"
    "type: stacked-bar-100\n"
    "title: 導入状況\n"
    "data: t\n"
    "x: year\n"
    "series: stage\n"
    "facet: org_type\n"
    "value: count\n"
    "```\n"
    "\n"
    "```table\n"
    "区分 | 団体数\n"
    "都道府県 | 47\n"
    "```\n"
    "\n"
    "※注記です。\n"
    "\n"
    "出典：総務省「調査」\n"
    "総務省「別の調査」\n";

Test(deck, regions_from_markdown)
{
    diag_list *d = diag_list_new();
    tableset *ts = tables(d);
    deck *dk = deck_new();
    int rc = add(dk, SLIDE, ts, d);
    dump(d);
    cr_assert_eq(rc, 0);
    cr_assert_eq(dk->nslides, 1);
    /* the deck's description is the settings' (test_settings.c), set by
     * the project: the front matter above does not reach it from here */
    cr_expect_null(dk->name);
    cr_expect_null(dk->title);
    cr_expect_eq(dk->edition_ymd, 0);
    const slide *s = &dk->slides[0];
    char *t = rich_plain(&s->title);
    cr_expect_str_eq(t, "導入状況");
    free(t);
    cr_expect_eq(s->at.line, 7);
    cr_assert_eq(s->npoints, 2);
    t = rich_plain(&s->points[0]);
    cr_expect_str_eq(t, "都道府県は47団体。");
    free(t);
    t = rich_plain(&s->points[1]);
    cr_expect_str_eq(t, "その他は996〔仮〕団体。");
    free(t);
    cr_expect_eq(s->points[0].prov, PROV_FINAL);
    cr_expect_eq(s->points[1].prov, PROV_PLACEHOLDER);
    cr_expect_eq(s->points[1].at.line, 10);
    cr_assert_eq(s->nbody, 3);
    cr_expect_eq(s->body[0].kind, BLOCK_PARA);
    cr_expect_eq(s->body[1].kind, BLOCK_CHART);
    cr_expect_eq(s->body[2].kind, BLOCK_TABLE);
    cr_expect_eq(s->body[2].table->nrows, 2);
    cr_expect_str_eq(s->body[2].table->cells[3], "47");
    /* the slide shows 仮 values: its own note plus the provenance note */
    cr_expect_eq(s->prov, PROV_PLACEHOLDER);
    cr_assert_eq(s->nnotes, 2);
    t = rich_plain(&s->notes[1]);
    cr_expect(strstr(t, "仮の値") != NULL, "%s", t);
    free(t);
    cr_assert_eq(s->nsources, 2);
    t = rich_plain(&s->sources[1]);
    cr_expect_str_eq(t, "総務省「別の調査」");
    free(t);
    deck_free(dk);
    tableset_free(ts);
    diag_list_free(d);
}

Test(deck, errors_point_into_the_template)
{
    const struct {
        const char *src;
        int line;
        const char *msg;
    } cases[] = {
        {"# A\n\n```chart\ntype: stacked-bar-100\ndata: t\nx: yaer\n"
         "series: stage\n```\n",
         6, "yaer"},
        {"# A\n\n```table\na | b\n1 | 2 | 3\n```\n", 5, "3 cells"},
        {"前置き\n\n# A\n", 1, "before the first slide title"},
        {"# A\n\n[x](javascript:alert(1))\n", 3, "not allowed"},
        {"---\ndeck: d\nlayout: cvoer\n---\n# A\n", 3, "unknown layout"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        diag_list *d = diag_list_new();
        tableset *ts = tables(d);
        deck *dk = deck_new();
        cr_expect_eq(add(dk, cases[i].src, ts, d), -1, "case %zu", i);
        const diag *g = diag_get(d, 0);
        cr_assert_not_null(g, "case %zu has an error", i);
        cr_expect_str_eq(g->file, "templates/x.md");
        cr_expect_eq(g->line, cases[i].line, "case %zu: line %d", i, g->line);
        cr_expect(strstr(g->message, cases[i].msg) != NULL, "case %zu: %s", i,
                  g->message);
        deck_free(dk);
        tableset_free(ts);
        diag_list_free(d);
    }
}

Test(deck, layout_draws_regions_and_reports_overflow)
{
    diag_list *d = diag_list_new();
    tableset *ts = tables(d);
    font *f = font_open(FONT, d);
    cr_assert_not_null(f);
    deck *dk = deck_new();
    cr_assert_eq(add(dk, SLIDE, ts, d), 0);
    buf tr = BUF_INIT;
    canvas *cv = canvas_trace_new(f, &tr);
    layout_opts lo = {PAGE_A4_LANDSCAPE};
    layout_result *lr = layout_deck(dk, f, &lo, d);
    cr_assert_not_null(lr);
    canvas_record_replay(lr->display, cv);
    layout_result_free(lr);
    canvas_destroy(cv);
    const char *s = buf_cstr(&tr);
    cr_expect(strstr(s, "導入状況") != NULL);
    cr_expect(strstr(s, "仮の値を含む") != NULL, "the mark is drawn");
    cr_expect(strstr(s, "■") != NULL, "key points have ■ bullets");
    cr_expect(strstr(s, "bookmark") != NULL);
    buf_free(&tr);
    deck_free(dk);

    /* far too much text: an error naming slide, region and amount */
    buf big = BUF_INIT;
    buf_puts(&big, "# 長い\n\n");
    for (int i = 0; i < 200; i++)
        buf_puts(&big, "長い本文が続く。長い本文が続く。長い本文が続く。\n\n");
    dk = deck_new();
    cr_assert_eq(add(dk, buf_cstr(&big), ts, d), 0);
    cr_expect_null(layout_deck(dk, f, &lo, d));
    const diag *g = diag_get(d, diag_count(d) - 1);
    cr_assert_not_null(g);
    cr_expect_eq(g->line, 1);
    cr_expect(strstr(g->message, "slide 1 「長い」") != NULL, "%s", g->message);
    cr_expect(strstr(g->message, "overflows its region by") != NULL);
    buf_free(&tr);
    buf_free(&big);
    deck_free(dk);
    font_free(f);
    tableset_free(ts);
    diag_list_free(d);
}

Test(deck, csv_cells_neutralised)
{
    buf b = BUF_INIT;
    const char *cells[] = {"=1+1", "+SUM(A1)", "-2", "@x", "1,788", "a\"b", "-",
                           "普通"};
    for (size_t i = 0; i < 8; i++) {
        out_csv_field(&b, cells[i]);
        buf_putc(&b, ';');
    }
    cr_expect_str_eq(buf_cstr(&b), "\"'=1+1\";\"'+SUM(A1)\";-2;\"'@x\";"
                                   "\"1,788\";\"a\"\"b\";\"'-\";普通;");
    buf_free(&b);
}

Test(deck, html_site_written_with_svg_and_csv)
{
    diag_list *d = diag_list_new();
    tableset *ts = tables(d);
    font *f = font_open(FONT, d);
    deck *dk = deck_new();
    cr_assert_eq(add(dk, SLIDE, ts, d), 0);
    char dir[] = "/tmp/shiryo-html-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char *site = fs_join(dir, "site");
    cr_assert_eq(out_html_site(dk, f, NULL, site, "test-deck.pdf", NULL, d), 0);
    build_result b = {dk, f, NULL};
    cr_assert_eq(out_data_write(&b, dir, d), 0);
    char *index = fs_join(site, "index.html");
    size_t len;
    char *html = fs_read(index, &len, d);
    cr_assert_not_null(html);
    cr_expect(strstr(html, "<html lang=\"ja\">") != NULL);
    cr_expect(strstr(html, "Content-Security-Policy") != NULL);
    cr_expect(strstr(html, "その他は996〔仮〕団体。") != NULL);
    cr_expect(strstr(html, "<p class=\"mark\">仮の値を含む</p>") != NULL);
    cr_expect(strstr(html, "<svg") != NULL);
    cr_expect(strstr(html, "role=\"img\"") != NULL);
    cr_expect(strstr(html, "<figcaption>導入状況</figcaption>") != NULL);
    cr_expect(strstr(html, "<th scope=\"col\">") != NULL);
    cr_expect(strstr(html, "href=\"../test-deck.pdf\"") != NULL);
    char *csvp = fs_join(site, "data/s1-f1-導入状況.csv");
    char *xlsxp = fs_join(site, "data/s1-f1-導入状況.xlsx");
    char *xlsx = fs_read(xlsxp, &len, d);
    cr_assert_not_null(xlsx, "the workbook beside the CSV");
    cr_expect_eq(memcmp(xlsx, "PK\x03\x04", 4), 0, "a zip");
    free(xlsx);
    unlink(xlsxp);
    free(xlsxp);
    char *csvt = fs_read(csvp, &len, d);
    cr_assert_not_null(csvt);
    cr_expect_eq(memcmp(csvt, "\xEF\xBB\xBF", 3), 0, "UTF-8 BOM for Excel");
    cr_expect(strstr(csvt, "\r\n") != NULL);
    unlink(csvp);
    unlink(index);
    char *data = fs_join(site, "data");
    rmdir(data);
    rmdir(site);
    rmdir(dir);
    free(data);
    free(csvt);
    free(csvp);
    free(html);
    free(index);
    free(site);
    deck_free(dk);
    font_free(f);
    tableset_free(ts);
    diag_list_free(d);
}

/* Puts the byte 0xFE, which is never UTF-8, where slide 0's body text has
 * a "~": template text is checked as UTF-8 where it is read, but a writer
 * must not trust its input. */
static void stray_byte(deck *dk)
{
    const slide *s = &dk->slides[0];
    for (size_t b = 0; b < s->nbody; b++)
        for (size_t i = 0; i < s->body[b].nitems; i++)
            for (size_t r = 0; r < s->body[b].items[i].nruns; r++)
                for (char *p = s->body[b].items[i].runs[r].text; *p; p++)
                    if (*p == '~')
                        *p = (char)0xFE;
}

/* A deck made of one template over the test tables, with the font. */
typedef struct fixture {
    diag_list *d;
    tableset *ts;
    font *f;
    deck *dk;
    char dir[32]; /* a scratch directory, removed by fx_close */
} fixture;

static void fx_open(fixture *x, const char *src)
{
    x->d = diag_list_new();
    x->ts = tables(x->d);
    x->f = font_open(FONT, x->d);
    cr_assert_not_null(x->f);
    x->dk = deck_new();
    cr_assert_eq(add(x->dk, src, x->ts, x->d), 0);
    strcpy(x->dir, "/tmp/shiryo-deck-XXXXXX");
    cr_assert_not_null(mkdtemp(x->dir));
}

static void fx_close(fixture *x)
{
    buf cmd = BUF_INIT;
    buf_printf(&cmd, "rm -rf '%s'", x->dir);
    cr_expect_eq(system(buf_cstr(&cmd)), 0);
    buf_free(&cmd);
    deck_free(x->dk);
    font_free(x->f);
    tableset_free(x->ts);
    diag_list_free(x->d);
}

/* The site written from x's deck into x->dir/site; its index.html. */
static char *site_of(fixture *x, const layout_result *lr)
{
    char *site = fs_join(x->dir, "site");
    cr_assert_eq(out_html_site(x->dk, x->f, lr, site, NULL, NULL, x->d), 0);
    char *index = fs_join(site, "index.html");
    size_t len;
    char *html = fs_read(index, &len, x->d);
    cr_assert_not_null(html);
    free(index);
    free(site);
    return html;
}

/* The page goes through the one escaper: a byte that is not UTF-8 and a
 * control character in the deck's text do not reach index.html, which
 * stays UTF-8 and well-formed XML. */
Test(deck, html_site_repairs_invalid_utf8_and_drops_controls)
{
    fixture x;
    fx_open(&x, "# 題\n\n前~後\x01で\\<b>'終'\\</b>\n");
    stray_byte(x.dk);
    char *html = site_of(&x, NULL);
    cr_expect(strstr(html, "前\xEF\xBF\xBD後で&lt;b&gt;&#39;終&#39;&lt;/b&gt;") !=
                  NULL,
              "%s", html);
    cr_expect(strchr(html, '\xfe') == NULL, "no raw invalid byte");
    cr_expect(strchr(html, '\x01') == NULL, "no control character");
    free(html);
    fx_close(&x);
}

/* The region of kind k (and index i) on page pg, or NULL. */
static const layout_region *find_region(const layout_page *pg,
                                        layout_region_kind k, size_t i)
{
    for (size_t n = 0; n < pg->nregions; n++)
        if (pg->regions[n].kind == k && pg->regions[n].index == i)
            return &pg->regions[n];
    return NULL;
}

static int inside(layout_box b, double w, double h)
{
    return b.w > 0 && b.h > 0 && b.x >= 0 && b.y >= 0 && b.x + b.w <= w + 1e-9 &&
           b.y + b.h <= h + 1e-9;
}

/* Layout returns where it put every region, and mutates nothing. */
Test(deck, layout_result_has_every_region)
{
    fixture x;
    fx_open(&x, SLIDE);
    layout_opts lo = {PAGE_A4_LANDSCAPE};
    layout_result *lr = layout_deck(x.dk, x.f, &lo, x.d);
    cr_assert_not_null(lr);
    cr_assert_eq(lr->npages, 1);
    const layout_page *pg = &lr->pages[0];
    cr_expect_float_eq(pg->w, 841.89, 1e-9);
    cr_expect_float_eq(pg->h, 595.28, 1e-9);
    const slide *s = &x.dk->slides[0];
    const layout_region *title = find_region(pg, LAYOUT_TITLE, 0);
    /* one mark per kind of value not final: its index is the kind */
    const layout_region *mark = find_region(pg, LAYOUT_MARK, s->prov);
    const layout_region *frame = find_region(pg, LAYOUT_POINTS, 0);
    const layout_region *pageno = find_region(pg, LAYOUT_PAGENO, 0);
    cr_assert(title && mark && frame && pageno);
    cr_expect_float_eq(title->size, 20, 1e-9);
    cr_expect_leq(title->box.x + title->box.w, mark->box.x,
                  "the title stops short of the mark");
    cr_expect_lt(title->box.y + title->box.h, frame->box.y);
    for (size_t i = 0; i < s->npoints; i++) {
        const layout_region *p = find_region(pg, LAYOUT_POINT, i);
        cr_assert_not_null(p, "point %zu", i);
        cr_expect(p->box.y >= frame->box.y &&
                  p->box.y + p->box.h <= frame->box.y + frame->box.h,
                  "point %zu inside the frame", i);
    }
    double last = frame->box.y + frame->box.h;
    size_t nblocks = 0;
    for (size_t i = 0; i < s->nbody; i++) {
        const layout_region *b = find_region(pg, LAYOUT_BLOCK, i);
        cr_assert_not_null(b, "block %zu", i);
        nblocks++;
        cr_expect_eq(b->block, s->body[i].kind, "block %zu's kind", i);
        cr_expect_geq(b->box.y, last - 1e-9, "block %zu below the one before",
                      i);
        last = b->box.y + b->box.h;
        if (b->block == BLOCK_TABLE) {
            cr_assert_eq(b->ncols, 2);
            cr_assert_eq(b->nrows, 2);
            cr_expect_float_eq(b->col_w[0] + b->col_w[1], b->box.w, 1e-6);
            cr_expect_float_eq(b->row_h[0] + b->row_h[1], b->box.h, 1e-6);
        } else {
            cr_expect_null(b->col_w);
        }
        if (b->block == BLOCK_CHART) {
            const layout_chart *c = layout_find_chart(lr, 0, i);
            cr_assert_not_null(c);
            cr_expect_eq(c->chart, s->body[i].chart);
            /* the chart's own box: the block's, below the caption */
            cr_expect_float_eq(c->box.x, b->box.x, 1e-9);
            cr_expect_float_eq(c->box.w, b->box.w, 1e-9);
            cr_expect_gt(c->box.y, b->box.y, "a caption above the chart");
            cr_expect_float_eq(c->box.y + c->box.h, b->box.y + b->box.h, 1e-9);
        } else {
            cr_expect_null(layout_find_chart(lr, 0, i));
        }
    }
    cr_expect_eq(nblocks, 3, "paragraph, chart, table");
    cr_expect_eq(lr->ncharts, 1);
    const layout_region *note = find_region(pg, LAYOUT_NOTE, 0);
    const layout_region *src0 = find_region(pg, LAYOUT_SOURCE, 0);
    const layout_region *src1 = find_region(pg, LAYOUT_SOURCE, 1);
    cr_assert(note && src0 && src1);
    cr_expect_geq(note->box.y, last);
    cr_expect_geq(src0->box.y, note->box.y + note->box.h - 1e-9);
    cr_expect_geq(src1->box.y, src0->box.y + src0->box.h - 1e-9);
    cr_expect_float_eq(src0->size, 7.5, 1e-9);
    cr_expect_float_eq(pageno->box.x + pageno->box.w, 841.89 - 36, 1e-6,
                       "the page number ends at the right margin");
    for (size_t n = 0; n < pg->nregions; n++)
        cr_expect(inside(pg->regions[n].box, pg->w, pg->h), "region %zu", n);
    layout_result_free(lr);
    fx_close(&x);
}

Test(deck, layout_result_of_a_cover)
{
    fixture x;
    fx_open(&x, "---\nlayout: cover\n---\n# 表紙\n\n一行目\n\n二行目\n");
    cr_assert_eq(x.dk->slides[0].kind, SLIDE_COVER);
    layout_opts lo = {PAGE_16_9};
    layout_result *lr = layout_deck(x.dk, x.f, &lo, x.d);
    cr_assert_not_null(lr);
    const layout_page *pg = &lr->pages[0];
    cr_expect_float_eq(pg->w, 720, 1e-9);
    const layout_region *t = find_region(pg, LAYOUT_TITLE, 0);
    const layout_region *b0 = find_region(pg, LAYOUT_BLOCK, 0);
    const layout_region *b1 = find_region(pg, LAYOUT_BLOCK, 1);
    cr_assert(t && b0 && b1);
    cr_expect_float_eq(t->size, 30, 1e-9);
    cr_expect_float_eq(b0->size, 20, 1e-9);
    cr_expect_float_eq(b1->size, 15, 1e-9);
    cr_expect_gt(b1->box.y, b0->box.y + b0->box.h);
    cr_expect_null(find_region(pg, LAYOUT_PAGENO, 0), "a cover has no number");
    cr_expect_eq(lr->ncharts, 0);
    layout_result_free(lr);
    fx_close(&x);
}

/* The viewBox of the first wide chart drawing in the page. */
static char *first_viewbox(const char *html)
{
    const char *p = strstr(html, "<div class=\"chart-wide\">");
    cr_assert_not_null(p);
    p = strstr(p, "viewBox=\"");
    cr_assert_not_null(p);
    p += strlen("viewBox=\"");
    return strndup(p, strcspn(p, "\""));
}

/* The site's wide picture is drawn in the box the layout result gives,
 * not in one left behind in the chart: with no layout it gets its own. */
Test(deck, site_draws_each_chart_in_its_layout_box)
{
    fixture x;
    fx_open(&x, SLIDE);
    layout_opts lo = {PAGE_16_9};
    layout_result *lr = layout_deck(x.dk, x.f, &lo, x.d);
    cr_assert_not_null(lr);
    const layout_chart *c = layout_find_chart(lr, 0, 1);
    cr_assert_not_null(c);
    buf want = BUF_INIT;
    buf_puts(&want, "0 0 ");
    buf_num(&want, c->box.w, 2, 1);
    buf_putc(&want, ' ');
    buf_num(&want, c->box.h, 2, 1);
    char *html = site_of(&x, lr);
    char *vb = first_viewbox(html);
    cr_expect_str_eq(vb, buf_cstr(&want));
    free(vb);
    free(html);
    /* without a layout: the site's own box, 720 wide */
    html = site_of(&x, NULL);
    vb = first_viewbox(html);
    cr_expect_eq(strncmp(vb, "0 0 720 ", 8), 0, "%s", vb);
    cr_expect_str_neq(vb, buf_cstr(&want));
    free(vb);
    free(html);
    layout_result_free(lr);
    buf_free(&want);
    fx_close(&x);
}
