/* Line breaking: kinsoku, unbreakable runs, measure. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "font.h"
#include "linebreak.h"
#include "utf8.h"

#define FONT "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"

static font *F;
static void setup(void)
{
    diag_list *d = diag_list_new();
    F = font_open(FONT, d);
    cr_assert_not_null(F, "IPAexGothic must be installed (make test installs it)");
    diag_list_free(d);
}
static void teardown(void) { font_free(F); }

/* Breaks s at `chars` full-width characters per line (10 pt, so 1 em =
 * 10 pt) and returns the lines joined by '|'. */
static char *lines_at(const char *s, double width)
{
    lb_line *ls;
    size_t n = lb_break(F, s, strlen(s), 10, width, &ls);
    size_t cap = strlen(s) + n + 1;
    char *out = malloc(cap);
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(out, "|");
        strncat(out, s + ls[i].start, ls[i].end - ls[i].start);
    }
    free(ls);
    return out;
}

static char *lines_of(const char *s, double chars) { return lines_at(s, chars * 10); }

static double width_of(const char *s) { return font_text_width(F, s, strlen(s), 10); }

TestSuite(linebreak, .init = setup, .fini = teardown);

Test(linebreak, fills_lines_greedily)
{
    char *s = lines_of("あいうえおかきくけこ", 4);
    cr_expect_str_eq(s, "あいうえ|おかきく|けこ");
    free(s);
}

Test(linebreak, no_line_starts_with_closing_punctuation)
{
    /* 。 would start line 2: the character before it moves down */
    char *s = lines_of("あいうえ。かきく", 4);
    cr_expect_str_eq(s, "あいう|え。かき|く");
    free(s);
    s = lines_of("あいうえ」かき", 4);
    cr_expect_str_eq(s, "あいう|え」かき");
    free(s);
    /* small kana and the prolonged sound mark */
    s = lines_of("あいうっかー", 3);
    cr_expect_str_eq(s, "あい|うっ|かー");
    free(s);
}

Test(linebreak, no_line_ends_with_opening_bracket)
{
    char *s = lines_of("あいう「かき", 4);
    cr_expect_str_eq(s, "あいう|「かき");
    free(s);
    s = lines_of("あいう「かきく」", 5);
    cr_expect_str_eq(s, "あいう「か|きく」");
    free(s);
}

Test(linebreak, numbers_and_words_stay_whole)
{
    /* at every measure, the number and its postfix stay on one line */
    const char *words[] = {"1,788", "58%", "AI-OCR", "97.6%"};
    for (int m = 2; m <= 12; m++) {
        char *s = lines_of("あいう1,788団体のうち58%がAI-OCRを導入、97.6%。", m);
        for (size_t w = 0; w < 4; w++)
            cr_expect(strstr(s, words[w]) != NULL, "measure %d: %s split in %s",
                      m, words[w], s);
        free(s);
    }
}

Test(linebreak, spaces_at_a_break_are_dropped_and_newline_forces)
{
    /* a Western space may shrink to 1/4 em (0.02 em here) */
    char *s = lines_at("aa aa aa", width_of("aa aa") - 0.5);
    cr_expect_str_eq(s, "aa|aa|aa");
    free(s);
    s = lines_at("aa aa aa", width_of("aa aa") + 0.01);
    cr_expect_str_eq(s, "aa aa|aa");
    free(s);
    s = lines_of("あ\nい", 10);
    cr_expect_str_eq(s, "あ|い");
    free(s);
    s = lines_of("", 10);
    cr_expect_str_eq(s, "");
    free(s);
}

Test(linebreak, widths_are_measured)
{
    lb_line *ls;
    const char *s = "あいう";
    size_t n = lb_break(F, s, strlen(s), 12, 1000, &ls);
    cr_assert_eq(n, 1);
    cr_expect_float_eq(ls[0].width, 3 * 12 * font_advance(F, 0x3042), 1e-9);
    free(ls);
}

Test(linebreak, kinsoku_classes)
{
    const char *starts = "、。」）ー々ぁッ！？・：";
    for (size_t i = 0; starts[i];) {
        size_t adv;
        int32_t cp = utf8_decode(starts + i, strlen(starts + i), &adv);
        cr_expect(lb_no_start((uint32_t)cp, LB_STRICT), "U+%04X may not start a line", cp);
        i += adv;
    }
    cr_expect_not(lb_no_start(0x3042, LB_STRICT)); /* あ */
    cr_expect(lb_no_end(0x300C, LB_STRICT));       /* 「 */
    cr_expect(lb_no_end(0xFF08, LB_STRICT));       /* （ */
    cr_expect_not(lb_no_end(0x300D, LB_STRICT));   /* 」 */
}
