/* The site writer: SHA-256 for the CSP hash, CSV encoding, and the site
 * built from the fixture project of tests/site/fixture (a chart with a
 * category named "=1+1" and 速報/仮 values). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chart.h"
#include "font.h"
#include "fsutil.h"
#include "html_css.h"
#include "html_figure.h"
#include "look.h"
#include "out_csv.h"
#include "out_data.h"
#include "out_html.h"
#include "project.h"
#include "sha256.h"

#define FONT "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"

static void b64(const char *s, size_t len, char out[45]) { sha256_base64(s, len, out); }

Test(html, sha256_known_answers)
{
    char out[45];
    /* FIPS 180-4 examples and the padding boundaries (55, 56, 64 bytes) */
    b64("", 0, out);
    cr_expect_str_eq(out, "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    b64("abc", 3, out);
    cr_expect_str_eq(out, "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    uint8_t d[32];
    sha256(two, strlen(two), d);
    cr_expect_eq(d[0], 0x24);
    cr_expect_eq(d[1], 0x8d);
    cr_expect_eq(d[31], 0xc1);
    char a[200];
    memset(a, 'a', sizeof a);
    b64(a, 55, out);
    cr_expect_str_eq(out, "n0OQ+NMMLdkuyfCVtl4rmumwqSWlJY4kHJ8ekQ9zQxg=");
    b64(a, 56, out);
    cr_expect_str_eq(out, "s1Q5pKxvCUi21vnjxq8PX1kM4g8b3nCQ73lwaG7Gc4o=");
    b64(a, 200, out);
    cr_expect_str_eq(out, "wqkI2Y9d+Yet5BtfziEwZ++8wh7yJAISpB5UtefCiuU=");
}

Test(html, csp_hashes_the_stylesheet)
{
    buf css = BUF_INIT, b = BUF_INIT;
    html_css(&css);
    html_csp(&b, buf_cstr(&css), 0);
    char want[45];
    sha256_base64(buf_cstr(&css), css.len, want);
    cr_expect(strstr(buf_cstr(&b), want) != NULL);
    cr_expect(strstr(buf_cstr(&b), "default-src 'none'") != NULL);
    cr_expect(strstr(buf_cstr(&b), "unsafe") == NULL);
    /* the stylesheet is safe inside XML text */
    cr_expect(strchr(buf_cstr(&css), '<') == NULL);
    cr_expect(strchr(buf_cstr(&css), '&') == NULL);
    buf_free(&b);
    buf_free(&css);
}

/* The site's colours and fonts are the look's: the same values the PDF
 * and the charts draw with. */
Test(html, stylesheet_takes_the_look)
{
    buf css = BUF_INIT;
    html_css(&css);
    for (int c = LOOK_NAVY; c <= LOOK_RULE; c++) {
        char want[40];
        snprintf(want, sizeof want, "--%s:#%06x", look_css_name(c),
                 look_hex(c));
        cr_expect(strstr(buf_cstr(&css), want), "%s missing", want);
    }
    cr_expect(strstr(buf_cstr(&css),
                     "font-family:\"IPAexGothic\",\"IPAexゴシック\","));
    cr_expect(strstr(buf_cstr(&css), ",\"Meiryo\",sans-serif;"));
    buf_free(&css);
}

Test(html, csv_fields_neutralise_formulas)
{
    buf b = BUF_INIT;
    const char *cells[] = {"=1+1", "+1", "-1", "-1+1", "@SUM(A1)", "\tx",
                           "-", "+", "1,234", "-0.5", "テキスト", "a,b", "."};
    const char *want = "\"'=1+1\";+1;-1;\"'-1+1\";\"'@SUM(A1)\";\"'\tx\";"
                       "\"'-\";\"'+\";\"1,234\";-0.5;テキスト;\"a,b\";.;";
    for (size_t i = 0; i < sizeof cells / sizeof *cells; i++) {
        out_csv_field(&b, cells[i]);
        buf_putc(&b, ';');
    }
    cr_expect_str_eq(buf_cstr(&b), want);
    buf_free(&b);
}

Test(html, csv_grid_has_bom_and_crlf)
{
    char *cells[] = {"区分", "値", "=1+1", "3"};
    buf b = BUF_INIT;
    out_csv_grid(&b, 2, 2, cells);
    cr_expect_str_eq(buf_cstr(&b), "\xEF\xBB\xBF区分,値\r\n\"'=1+1\",3\r\n");
    buf_free(&b);
}

/* A chart grid's numbers go to the CSV as plain numbers (no separator),
 * the page's table keeps the text shown. */
Test(html, csv_of_a_grid_has_plain_numbers)
{
    char *cells[] = {"区分", "団体数（団体）", "合計", "1,788", "減少", "-2.5",
                     "欠測", ""};
    double values[] = {0, 0, 0, 1788, 0, -2.5, 0, 0};
    unsigned char numeric[] = {0, 0, 0, 1, 0, 1, 0, 0};
    grid g = {4, 2, cells, values, numeric, 1};
    buf b = BUF_INIT;
    out_csv_chart(&b, &g);
    cr_expect_str_eq(buf_cstr(&b), "\xEF\xBB\xBF区分,団体数（団体）\r\n合計,1788.0\r\n"
                                   "減少,-2.5\r\n欠測,\r\n");
    buf_free(&b);
}

/* The data files' names: NFC, no character a system refuses, bounded at
 * a character boundary, no device name, no dots or "_" at the ends. */
Test(html, safe_file_names)
{
    struct {
        const char *in, *want;
        size_t max;
    } cases[] = {
        {"AI導入分野別の団体数", "AI導入分野別の団体数", 90},
        {"a/b\\c:d*e?f\"g<h>i|j", "a_b_c_d_e_f_g_h_i_j", 90},
        {"  ..題\x01名\u202e.. ", "題名", 90},
        {"導入　状況  (R6)", "導入_状況_(R6)", 90},
        {"\u30ab\u3099", "\u30ac", 90}, /* NFD カ + dakuten becomes ガ */
        {"あいうえお", "あい", 8},          /* 8 bytes: two characters */
        {"con", "_con", 90},
        {"LPT1.txt", "_LPT1.txt", 90},
        {"COM10", "COM10", 90},
        {"...", "", 90},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        buf b = BUF_INIT;
        fs_safe_name(&b, cases[i].in, cases[i].max);
        cr_expect_str_eq(buf_cstr(&b), cases[i].want, "case %zu", i);
        buf_free(&b);
    }
}

static char *slurp(const char *dir, const char *name, size_t *len,
                   diag_list *d)
{
    char *p = fs_join(dir, name);
    char *s = fs_read(p, len, d);
    free(p);
    return s;
}

Test(html, fixture_site_written)
{
    diag_list *d = diag_list_new();
    project_opts po = {"tests/site/fixture/data", "tests/site/fixture/templates",
                       CSV_ENC_AUTO};
    project *p = project_load(&po, d);
    cr_assert_not_null(p->deck, "fixture loads");
    font *f = font_open(FONT, d);
    cr_assert_not_null(f);
    char dir[] = "/tmp/shiryo-html-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char *site = fs_join(dir, "site");
    /* a PDF beside the site is copied into it and linked there */
    char *pdf = fs_join(dir, "fx.pdf");
    cr_assert_eq(fs_write_atomic(pdf, "%PDF-1.4\n", 9, d), 0);
    /* the chart data files beside it: the chart-data writer's, which
     * runs first (the links give their sizes) */
    build_result b = {p->deck, f, NULL};
    cr_assert_eq(out_data_write(&b, dir, d), 0);
    cr_assert_eq(out_html_site(p->deck, f, NULL, site, "fx.pdf", NULL, d), 0);
    size_t len;
    char *html = slurp(site, "index.html", &len, d);
    cr_assert_not_null(html);
    char *copy = slurp(site, "fx.pdf", &len, d);
    cr_assert_not_null(copy);
    cr_expect_str_eq(copy, "%PDF-1.4\n");
    cr_expect(strstr(html, "<a href=\"fx.pdf\">") != NULL);

    /* one h1 (the cover), slides as h2 with lower headings h3 */
    cr_expect(strstr(html, "<h1>サイト検査用の資料</h1>") != NULL);
    const char *h1 = strstr(html, "<h1");
    cr_expect(h1 && !strstr(h1 + 1, "<h1"));
    cr_expect(strstr(html, "<h3>小見出し</h3>") != NULL);
    /* the table of contents links every slide after the cover */
    cr_expect(strstr(html, "<a href=\"#s2\">本文の組版</a>") != NULL);
    /* a slide with both kinds names both */
    cr_expect(strstr(html, "<a href=\"#s3\">回答の内訳（速報・仮を含む）</a>"
                           "（速報値を含む）（仮の値を含む）") != NULL);
    /* provenance marks, as in the PDF */
    cr_expect(strstr(html, "<p class=\"mark\">仮の値を含む</p>") != NULL);
    cr_expect(strstr(html, "（仮の値を含む）</caption>") != NULL);
    /* markup that XML accepts too; no raw HTML from the template */
    cr_expect(strstr(html, "<br>") == NULL);
    cr_expect(strstr(html, "<script") == NULL);
    cr_expect(strstr(html, "download=\"s3-f1-回答の内訳（区分別・年度別）.csv\"") !=
              NULL);
    cr_expect(strstr(html, "download=\"s3-f1-回答の内訳（区分別・年度別）.xlsx\"") !=
              NULL);
    cr_expect(strstr(html, "年度別）.csv、UTF-8、") != NULL, "the CSV's size");
    cr_expect(strstr(html, "年度別）.xlsx、") != NULL, "the workbook's size");
    /* the headers are the schema's descriptions, up to their remark */
    cr_expect(strstr(html, "<th scope=\"col\">団体の区分</th><th scope=\"col\">"
                           "調査年度</th><th scope=\"col\">はい（団体）</th>") !=
              NULL);
    /* two drawings of the chart, each with role=img, title and desc */
    cr_expect(strstr(html, "aria-labelledby=\"s3-f1-title s3-f1-desc\"") != NULL);
    cr_expect(strstr(html, "aria-labelledby=\"s3-f1-m-title s3-f1-m-desc\"") !=
              NULL);
    cr_expect(strstr(html, "<th scope=\"row\">=1+1</th>") != NULL);

    /* the CSV is the chart's grid, cell for cell, neutralised */
    const chart *c = NULL;
    for (size_t i = 0; i < p->deck->nslides && !c; i++)
        for (size_t j = 0; j < p->deck->slides[i].nbody; j++)
            if (p->deck->slides[i].body[j].kind == BLOCK_CHART)
                c = p->deck->slides[i].body[j].chart;
    cr_assert_not_null(c);
    const grid *g = chart_grid(c);
    buf want = BUF_INIT;
    out_csv_chart(&want, g);
    char *bytes = slurp(site, "data/s3-f1-回答の内訳（区分別・年度別）.csv", &len, d);
    cr_assert_not_null(bytes);
    cr_expect_eq(len, want.len);
    cr_expect_eq(memcmp(bytes, want.data, len), 0);
    cr_expect(strstr(bytes, "\r\n\"'=1+1\",令和6年度,15,5\r\n") != NULL, "%s", bytes);

    /* the same deck gives the same bytes */
    cr_assert_eq(out_html_site(p->deck, f, NULL, site, "fx.pdf", NULL, d), 0);
    char *again = slurp(site, "index.html", &len, d);
    cr_expect_str_eq(again, html);

    /* the narrow drawing is at least as tall as the chart's own aspect */
    double w = HTML_CHART_NARROW_WIDTH;
    cr_expect_geq(html_chart_height(c, f, w, HTML_LEGIBLE_NARROW),
                  w * chart_aspect(c) - 1e-9);

    char *rm[] = {"data/s3-f1-回答の内訳（区分別・年度別）.csv",
                  "data/s3-f1-回答の内訳（区分別・年度別）.xlsx", "index.html",
                  "fx.pdf", "data", NULL};
    for (char **r = rm; *r; r++) {
        char *q = fs_join(site, *r);
        if (unlink(q) != 0)
            rmdir(q);
        free(q);
    }
    rmdir(site);
    unlink(pdf);
    rmdir(dir);
    buf_free(&want);
    free(again);
    free(bytes);
    free(copy);
    free(html);
    free(pdf);
    free(site);
    font_free(f);
    project_free(p);
    diag_list_free(d);
}
