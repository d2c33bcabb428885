#include <criterion/criterion.h>
#include <hpdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "font.h"

#define IPAEX "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"

static font *open_ipaex(diag_list *d)
{
    font *f = font_open(IPAEX, d);
    cr_assert_not_null(f, "cannot open %s", IPAEX);
    return f;
}

/* libharu reads the same hmtx/hhea tables independently of HarfBuzz: an
 * oracle for the advances (in 1/1000 em). */
static void harufail(HPDF_STATUS e, HPDF_STATUS dt, void *u)
{
    (void)dt;
    (void)u;
    cr_assert_fail("libharu error 0x%04X", (unsigned)e);
}

Test(font, open_reports_family_and_metrics)
{
    diag_list *d = diag_list_new();
    font *f = open_ipaex(d);
    cr_assert_str_eq(font_family(f), "IPAexGothic");
    cr_assert_str_eq(font_path(f), IPAEX);
    cr_assert_eq(diag_count(d), 0);

    HPDF_Doc pdf = HPDF_New(harufail, NULL);
    HPDF_UseUTFEncodings(pdf);
    const char *name = HPDF_LoadTTFontFromFile(pdf, IPAEX, HPDF_FALSE);
    cr_assert_not_null(name);
    HPDF_Font hf = HPDF_GetFont(pdf, name, "UTF-8");
    cr_assert_not_null(hf);
    static const uint32_t cps[] = {0x3042, 0x30A2, 0x5C0E, 0x3001, '0', '9',
                                   'A', 'i', '%', ' '};
    for (size_t i = 0; i < sizeof cps / sizeof *cps; i++) {
        double mine = font_advance(f, cps[i]) * 1000;
        double haru = HPDF_Font_GetUnicodeWidth(hf, (HPDF_UNICODE)cps[i]);
        cr_assert(mine > haru - 1 && mine < haru + 1,
                  "U+%04X: font %g, libharu %g", (unsigned)cps[i], mine, haru);
        cr_assert(font_has_glyph(f, cps[i]));
    }
    /* Full-width kana and kanji are one em in IPAexGothic, as libharu
     * confirms above; half-width ASCII is narrower and proportional. */
    cr_assert_float_eq(font_advance(f, 0x3042), 1.0, 1e-9);
    cr_assert_lt(font_advance(f, 'i'), font_advance(f, 'A'));
    cr_assert_float_eq(font_advance(f, '0'), font_advance(f, '9'), 1e-9);

    double asc = HPDF_Font_GetAscent(hf) / 1000.0;
    double desc = -HPDF_Font_GetDescent(hf) / 1000.0;
    cr_assert(font_ascent(f) > asc - 0.002 && font_ascent(f) < asc + 0.002,
              "ascent %g vs %g", font_ascent(f), asc);
    cr_assert(font_descent(f) > desc - 0.002 &&
                  font_descent(f) < desc + 0.002,
              "descent %g vs %g", font_descent(f), desc);
    cr_assert_gt(font_descent(f), 0);
    HPDF_Free(pdf);
    font_free(f);
    diag_list_free(d);
}

Test(font, text_width_sums_advances)
{
    diag_list *d = diag_list_new();
    font *f = open_ipaex(d);
    const char *s = "導入率100%";
    double want = 0;
    static const uint32_t cps[] = {0x5C0E, 0x5165, 0x7387, '1', '0', '0',
                                   '%'};
    for (size_t i = 0; i < 7; i++)
        want += font_advance(f, cps[i]) * 12;
    cr_assert_float_eq(font_text_width(f, s, strlen(s), 12), want, 1e-9);
    /* Invalid bytes count 0. */
    const char bad[] = "あ\xff\xc3い";
    double ai = (font_advance(f, 0x3042) + font_advance(f, 0x3044)) * 10;
    cr_assert_float_eq(font_text_width(f, bad, sizeof bad - 1, 10), ai, 1e-9);
    cr_assert_float_eq(font_text_width(f, "", 0, 10), 0, 1e-12);
    font_free(f);
    diag_list_free(d);
}

Test(font, missing_glyph_uses_notdef_advance)
{
    diag_list *d = diag_list_new();
    font *f = open_ipaex(d);
    /* Private-use and emoji code points have no glyph in IPAexGothic. */
    cr_assert_not(font_has_glyph(f, 0xE000));
    cr_assert_not(font_has_glyph(f, 0x1F600));
    cr_assert_not(font_has_glyph(f, 0x110000));
    cr_assert_gt(font_advance(f, 0xE000), 0);
    cr_assert_float_eq(font_advance(f, 0xE000), font_advance(f, 0x1F600),
                       1e-12);
    font_free(f);
    diag_list_free(d);
}

Test(font, open_failures_name_the_file)
{
    diag_list *d = diag_list_new();
    cr_assert_null(font_open("/nonexistent/font.ttf", d));
    cr_assert_eq(diag_error_count(d), 1);
    cr_assert_str_eq(diag_get(d, 0)->file, "/nonexistent/font.ttf");

    char path[] = "/tmp/shiryo-test-notfont-XXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    const char junk[] = "this is not a font at all\n";
    cr_assert_eq(write(fd, junk, sizeof junk - 1), (ssize_t)(sizeof junk - 1));
    close(fd);
    cr_assert_null(font_open(path, d));
    unlink(path);
    cr_assert_eq(diag_error_count(d), 2);
    cr_assert_str_eq(diag_get(d, 1)->file, path);

    char empty[] = "/tmp/shiryo-test-empty-XXXXXX";
    fd = mkstemp(empty);
    close(fd);
    cr_assert_null(font_open(empty, d));
    unlink(empty);
    cr_assert_eq(diag_error_count(d), 3);
    diag_list_free(d);
}

Test(font, subset_keeps_only_requested_glyphs)
{
    diag_list *d = diag_list_new();
    font *f = open_ipaex(d);
    static const uint32_t cps[] = {0x5C0E, 0x5165, 0x3042, 'A', 0x3042};
    unsigned char *data;
    size_t len;
    cr_assert_eq(font_subset(f, cps, 5, &data, &len, d), 0);
    FILE *full = fopen(IPAEX, "rb");
    fseek(full, 0, SEEK_END);
    long fulllen = ftell(full);
    fclose(full);
    cr_assert_lt(len * 20, (size_t)fulllen, "subset %zu of %ld bytes", len,
                 fulllen);

    char path[] = "/tmp/shiryo-test-subset-XXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    cr_assert_eq(write(fd, data, len), (ssize_t)len);
    close(fd);
    free(data);
    font *s = font_open(path, d);
    unlink(path);
    cr_assert_not_null(s);
    cr_assert_str_eq(font_family(s), "IPAexGothic");
    for (size_t i = 0; i < 5; i++) {
        cr_assert(font_has_glyph(s, cps[i]));
        cr_assert_float_eq(font_advance(s, cps[i]), font_advance(f, cps[i]),
                           1e-12);
    }
    cr_assert_not(font_has_glyph(s, 0x3044));
    cr_assert_not(font_has_glyph(s, 'B'));
    cr_assert_float_eq(font_ascent(s), font_ascent(f), 1e-12);
    font_free(s);
    font_free(f);
    diag_list_free(d);
}

Test(font, one_rule_of_what_can_be_drawn)
{
    diag_list *d = diag_list_new();
    font *f = open_ipaex(d);
    struct {
        uint32_t cp;
        int ok;
    } cases[] = {
        {'A', 1},    {0x5C0E, 1},  {0x3000, 1},  {'\t', 0},
        {'\n', 0},   {0x01, 0},    {0x7F, 0},    {0x85, 0},
        {0xFE0E, 0}, {0x1F600, 0}, {0xE0100, 0}, {0x0E01, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        cr_expect_eq(font_can_draw(f, cases[i].cp), cases[i].ok, "U+%04X",
                     (unsigned)cases[i].cp);
    srcloc at = {"data/x.csv", 3, 7};
    uint32_t missing[FONT_BMP_WORDS] = {0};
    cr_expect_eq(font_check_text(f, "a\tb\nc😀ก", at, "label", missing, d), 3);
    for (uint32_t cp = 0; cp < 0x10000; cp++)
        cr_expect_eq((missing[cp >> 5] >> (cp & 31)) & 1, cp == 0x0E01,
                     "U+%04X", (unsigned)cp);
    cr_expect_eq(diag_error_count(d), 3);
    cr_expect_str_eq(diag_get(d, 0)->file, "data/x.csv");
    cr_expect_eq(diag_get(d, 0)->line, 3);
    cr_expect(strstr(diag_get(d, 0)->message, "control character U+0009"));
    cr_expect(strstr(diag_get(d, 1)->message, "U+1F600"));
    font_free(f);
    diag_list_free(d);
}
