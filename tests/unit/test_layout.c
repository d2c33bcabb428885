/* Slide layout: text extraction from the real deck's PDF, overflow
 * errors naming slide, region and amount, undrawable characters, links,
 * tables. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "canvas_record.h"
#include "canvas_trace.h"
#include "deck.h"
#include "font.h"
#include "fsutil.h"
#include "layout.h"
#include "num.h"
#include "out_pdf.h"
#include "project.h"
#include "table_layout.h"
#include "template.h"
#include "utf8.h"

#define FONT "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"

static font *F;
static diag_list *D;
static void setup(void)
{
    D = diag_list_new();
    F = font_open(FONT, D);
    cr_assert_not_null(F);
}
static void teardown(void)
{
    font_free(F);
    diag_list_free(D);
}

TestSuite(layout, .init = setup, .fini = teardown);

static int add(deck *dk, const char *src, diag_list *d)
{
    tableset *ts = tableset_new();
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
    tableset_free(ts);
    return rc;
}

static char *trace_of(const deck *dk, const layout_opts *lo, int *rc,
                      diag_list *d)
{
    buf tr = BUF_INIT;
    canvas *cv = canvas_trace_new(F, &tr);
    layout_result *lr = layout_deck(dk, F, lo, d);
    *rc = lr ? 0 : -1;
    if (lr)
        canvas_record_replay(lr->display, cv);
    layout_result_free(lr);
    canvas_destroy(cv);
    return buf_detach(&tr);
}

/* Lays dk out and writes it as the PDF at path: 0 or -1. */
static int write_pdf(const deck *dk, const layout_opts *lo, const char *path)
{
    layout_result *lr = layout_deck(dk, F, lo, D);
    int rc = lr ? out_pdf_save(dk, F, lr, path, D) : -1;
    layout_result_free(lr);
    return rc;
}

static const diag *find_diag(const diag_list *d, const char *needle)
{
    for (size_t i = 0; i < diag_count(d); i++)
        if (strstr(diag_get(d, i)->message, needle))
            return diag_get(d, i);
    return NULL;
}

/* pdftotext of one page, newlines joined the way the line breaker breaks:
 * nothing between Japanese characters, a space between two Western
 * letters or digits (a break in Western text is at a space). */
static char *page_text(const char *pdf, size_t page)
{
    buf cmd = BUF_INIT;
    buf_printf(&cmd, "pdftotext -q -f %zu -l %zu '%s' -", page, page, pdf);
    FILE *p = popen(buf_cstr(&cmd), "r");
    cr_assert_not_null(p);
    buf raw = BUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
        buf_put(&raw, chunk, n);
    cr_assert_eq(pclose(p), 0, "pdftotext failed");
    buf_free(&cmd);
    buf out = BUF_INIT;
    const char *s = buf_cstr(&raw);
    for (size_t i = 0; s[i]; i++) {
        if (s[i] == '\n' || s[i] == '\f') {
            unsigned char a = out.len ? (unsigned char)out.data[out.len - 1] : 0;
            unsigned char b = (unsigned char)s[i + 1];
            if (a < 0x80 && b < 0x80 && a > ' ' && b > ' ')
                buf_putc(&out, ' ');
            continue;
        }
        buf_putc(&out, s[i]);
    }
    buf_free(&raw);
    return buf_detach(&out);
}

static void expect_text(const char *page, const rich *r, size_t index,
                        const char *what, int *checked)
{
    char *t = rich_plain(r);
    /* a hard break inside one text is a line end in the PDF too: check
     * each piece */
    char *q = t;
    for (;;) {
        char *nl = strchr(q, '\n');
        if (nl)
            *nl = '\0';
        if (*q) {
            cr_expect(strstr(page, q) != NULL,
                      "slide %zu, %s: the PDF text does not give back 「%s」",
                      index, what, q);
            (*checked)++;
        }
        if (!nl)
            break;
        q = nl + 1;
    }
    free(t);
}

Test(layout, pdf_text_of_every_slide_is_the_text_as_written)
{
    project_opts o = {"data", "templates", CSV_ENC_AUTO};
    project *p = project_load(&o, D);
    cr_assert_not_null(p->deck, "the project's deck must load");
    char dir[] = "/tmp/shiryo-layout-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char *path = fs_join(dir, "deck.pdf");
    layout_opts lo = {PAGE_A4_LANDSCAPE};
    cr_assert_eq(write_pdf(p->deck, &lo, path), 0);
    int checked = 0;
    for (size_t i = 0; i < p->deck->nslides; i++) {
        const slide *s = &p->deck->slides[i];
        char *page = page_text(path, i + 1);
        expect_text(page, &s->title, i + 1, "title", &checked);
        for (size_t k = 0; k < s->npoints; k++)
            expect_text(page, &s->points[k], i + 1, "key points", &checked);
        for (size_t k = 0; k < s->nnotes; k++)
            expect_text(page, &s->notes[k], i + 1, "notes", &checked);
        for (size_t k = 0; k < s->nsources; k++)
            expect_text(page, &s->sources[k], i + 1, "sources", &checked);
        for (size_t b = 0; b < s->nbody; b++)
            if (s->body[b].kind == BLOCK_PARA)
                expect_text(page, &s->body[b].items[0], i + 1, "body",
                            &checked);
        free(page);
    }
    cr_expect_gt(checked, 20);
    unlink(path);
    rmdir(dir);
    free(path);
    project_free(p);
}

Test(layout, extraction_keeps_spaced_mixed_text_exact)
{
    deck *dk = deck_new();
    cr_assert_eq(add(dk,
                     "# 表題\n\n"
                     "- 導入済み団体数は1,788団体のうち58%で、AI-OCRと"
                     "JIS X 8341-3に準拠した「チャットボット」（音声認識）"
                     "を含めると約76%となった。導入済み団体数は1,788団体の"
                     "うち58%で、AI-OCRとRPAを含めると約76%となった。\n",
                     D),
                 0);
    char dir[] = "/tmp/shiryo-layout-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char *path = fs_join(dir, "x.pdf");
    layout_opts lo = {PAGE_A4_LANDSCAPE};
    cr_assert_eq(write_pdf(dk, &lo, path), 0);
    char *page = page_text(path, 1);
    char *want = rich_plain(&dk->slides[0].points[0]);
    cr_expect(strstr(page, want) != NULL, "got:\n%s", page);
    free(want);
    free(page);
    unlink(path);
    rmdir(dir);
    free(path);
    deck_free(dk);
}

Test(layout, overflowing_body_names_slide_region_and_amount)
{
    buf big = BUF_INIT;
    buf_puts(&big, "# 長い資料\n\n");
    for (int i = 0; i < 120; i++)
        buf_puts(&big, "本文が続く。本文が続く。本文が続く。\n\n");
    deck *dk = deck_new();
    cr_assert_eq(add(dk, buf_cstr(&big), D), 0);
    layout_opts lo = {PAGE_A4_LANDSCAPE};
    int rc;
    free(trace_of(dk, &lo, &rc, D));
    cr_expect_eq(rc, -1);
    const diag *g = find_diag(D, "overflows its region by");
    cr_assert_not_null(g);
    cr_expect(strstr(g->message, "slide 1 「長い資料」: the body") != NULL, "%s",
              g->message);
    cr_expect_eq(g->line, 1);
    buf_free(&big);
    deck_free(dk);
}

Test(layout, overflowing_key_points_box_is_named)
{
    buf big = BUF_INIT;
    buf_puts(&big, "# 要点\n\n");
    for (int i = 0; i < 40; i++)
        buf_puts(&big, "- 要点が続く。要点が続く。要点が続く。\n");
    deck *dk = deck_new();
    cr_assert_eq(add(dk, buf_cstr(&big), D), 0);
    layout_opts lo = {PAGE_A4_LANDSCAPE};
    int rc;
    free(trace_of(dk, &lo, &rc, D));
    cr_expect_eq(rc, -1);
    const diag *g = find_diag(D, "the key-points box overflows its region by");
    cr_expect_not_null(g);
    buf_free(&big);
    deck_free(dk);
}

Test(layout, a_table_wider_than_the_page_is_an_error)
{
    buf src = BUF_INIT;
    buf_puts(&src, "# 表\n\n```table\n");
    for (int c = 0; c < 12; c++)
        buf_printf(&src, "%sABCDEFGHIJKLMNOP%d", c ? " | " : "", c);
    buf_puts(&src, "\n");
    for (int c = 0; c < 12; c++)
        buf_printf(&src, "%s%d", c ? " | " : "", c);
    buf_puts(&src, "\n```\n");
    deck *dk = deck_new();
    cr_assert_eq(add(dk, buf_cstr(&src), D), 0);
    layout_opts lo = {PAGE_A4_LANDSCAPE};
    int rc;
    free(trace_of(dk, &lo, &rc, D));
    cr_expect_eq(rc, -1);
    const diag *g = find_diag(D, "the table overflows its region by");
    cr_expect_not_null(g);
    buf_free(&src);
    deck_free(dk);
}

Test(layout, undrawable_characters_are_errors_at_their_position)
{
    deck *dk = deck_new();
    cr_assert_eq(add(dk,
                     "# 題\n\n"
                     "本文は正常。\n\n"
                     "𠮷野家と葛\xF3\xA0\x84\x80城とกの字。\n",
                     D),
                 0);
    layout_opts lo = {PAGE_A4_LANDSCAPE};
    int rc;
    free(trace_of(dk, &lo, &rc, D));
    cr_expect_eq(rc, -1);
    const diag *g = find_diag(D, "U+20BB7 「𠮷」 is outside the Basic");
    cr_assert_not_null(g);
    cr_expect_eq(g->line, 5);
    cr_expect_not_null(find_diag(D, "variation selector U+E0100"));
    const diag *t = find_diag(D, "has no glyph for U+0E01 「ก」");
    cr_assert_not_null(t);
    cr_expect_eq(t->line, 5);
    deck_free(dk);
}

Test(layout, links_get_a_link_area)
{
    deck *dk = deck_new();
    cr_assert_eq(add(dk,
                     "# 題\n\n"
                     "詳しくは[総務省の資料](https://www.soumu.go.jp/)を参照。\n",
                     D),
                 0);
    layout_opts lo = {PAGE_A4_LANDSCAPE};
    int rc;
    char *tr = trace_of(dk, &lo, &rc, D);
    cr_expect_eq(rc, 0);
    cr_expect(strstr(tr, "link ") != NULL && strstr(tr, "https://www.soumu.go.jp/"),
              "%s", tr);
    free(tr);
    deck_free(dk);
}

Test(layout, table_cells_with_bullets_and_numbers)
{
    cr_expect(num_is_numeric_cell("1,788"));
    cr_expect(num_is_numeric_cell("58%"));
    cr_expect(num_is_numeric_cell("2,000千円"));
    cr_expect(num_is_numeric_cell("▲12"));
    cr_expect_not(num_is_numeric_cell("令和6年度"));
    cr_expect_not(num_is_numeric_cell("1,788団体／1,788団体（100%）"));
    deck *dk = deck_new();
    cr_assert_eq(add(dk,
                     "# 表\n\n```table\n分野 | 事例 | 件数\n"
                     "音声認識 | ・議事録作成 ・窓口 | 879\n```\n",
                     D),
                 0);
    layout_opts lo = {PAGE_A4_LANDSCAPE};
    int rc;
    char *tr = trace_of(dk, &lo, &rc, D);
    cr_expect_eq(rc, 0);
    /* each item gets its own bullet, the number is drawn right-aligned:
     * its right end at the column's right edge minus the padding */
    const char *a = strstr(tr, "regular ・\n");
    cr_expect(a && strstr(a + 1, "regular ・\n"), "two bullets:\n%s", tr);
    cr_expect(strstr(tr, " regular 議事録作成") && strstr(tr, " regular 窓口"),
              "%s", tr);
    free(tr);
    deck_free(dk);
}

/* The size of the first text drawn that starts with `start`, from a
 * trace's "text X Y SIZE STYLE TEXT" lines; 0 when none. */
static double text_size(const char *tr, const char *start)
{
    for (const char *ln = tr; ln && *ln;) {
        const char *end = strchr(ln, '\n');
        double x, y, size;
        char style[16];
        int used = 0;
        if (sscanf(ln, "text %lf %lf %lf %15s %n", &x, &y, &size, style,
                   &used) == 4 &&
            used > 0 && strncmp(ln + used, start, strlen(start)) == 0)
            return size;
        ln = end ? end + 1 : NULL;
    }
    return 0;
}

/* A slide of one key point, a table of `rows` rows and four notes. */
static deck *table_and_notes(int rows)
{
    buf src = BUF_INIT;
    buf_puts(&src, "# 表と注\n\n- 要点はひとつ。\n\n```table\n年度 | 回答数\n");
    for (int r = 0; r < rows; r++)
        buf_printf(&src, "令和%d年度 | 1,788団体\n", r + 1);
    buf_puts(&src, "```\n\n");
    for (int k = 0; k < 4; k++) {
        buf_puts(&src, "※");
        for (int i = 0; i < 8; i++)
            buf_puts(&src, "注記の文章が続く。");
        buf_puts(&src, "\n\n");
    }
    deck *dk = deck_new();
    cr_assert_eq(add(dk, buf_cstr(&src), D), 0);
    buf_free(&src);
    return dk;
}

Test(layout, a_full_slide_tightens_table_rows_and_notes_before_failing)
{
    /* A4: everything at its full size */
    deck *dk = table_and_notes(16);
    layout_opts a4 = {PAGE_A4_LANDSCAPE};
    int rc;
    char *tr = trace_of(dk, &a4, &rc, D);
    cr_expect_eq(rc, 0);
    cr_expect_float_eq(text_size(tr, "要点"), 14, 1e-9, "%s", tr);
    cr_expect_float_eq(text_size(tr, "※"), 9, 1e-9);
    free(tr);
    /* 16:9: the key points at their floor, then the notes smaller, not
     * under 7.5 pt */
    layout_opts wide = {PAGE_16_9};
    tr = trace_of(dk, &wide, &rc, D);
    cr_expect_eq(rc, 0, "the slide must fit at 16:9");
    cr_expect_float_eq(text_size(tr, "要点"), 10.5, 1e-9, "%s", tr);
    double note = text_size(tr, "※");
    cr_expect(note >= 7.5 && note < 9, "notes at %g pt", note);
    free(tr);
    deck_free(dk);
    cr_expect_eq(diag_error_count(D), 0);
    /* past the floors it is an error */
    dk = table_and_notes(30);
    free(trace_of(dk, &wide, &rc, D));
    cr_expect_eq(rc, -1);
    cr_expect_not_null(find_diag(D, "the body overflows its region by"));
    deck_free(dk);
}

Test(layout, the_default_deck_fits_both_page_sizes)
{
    project_opts o = {"data", "templates", CSV_ENC_AUTO};
    project *p = project_load(&o, D);
    cr_assert_not_null(p->deck, "the project's deck must load");
    page_size sizes[] = {PAGE_A4_LANDSCAPE, PAGE_16_9};
    for (size_t i = 0; i < 4; i++) {
        /* hanging punctuation hangs into the margin: the measure is not
         * narrowed for it, and it overflows nothing */
        layout_opts lo = {sizes[i % 2], LB_STRICT, i >= 2};
        int rc;
        free(trace_of(p->deck, &lo, &rc, D));
        cr_expect_eq(rc, 0, "page size %zu, hanging %d", i % 2, i >= 2);
    }
    for (size_t i = 0; i < diag_count(D); i++)
        cr_expect_neq(diag_get(D, i)->severity, DIAG_ERROR, "%s",
                      diag_get(D, i)->message);
    project_free(p);
}
