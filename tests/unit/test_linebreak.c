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
    cr_assert_not_null(F,
                       "IPAexGothic must be installed (make test installs it)");
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

static char *lines_of(const char *s, double chars)
{
    return lines_at(s, chars * 10);
}

static double width_of(const char *s)
{
    return font_text_width(F, s, strlen(s), 10);
}

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
        char *s =
            lines_of("あいう1,788団体のうち58%がAI-OCRを導入、97.6%。", m);
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
        cr_expect(lb_no_start((uint32_t)cp, LB_STRICT),
                  "U+%04X may not start a line", cp);
        i += adv;
    }
    cr_expect_not(lb_no_start(0x3042, LB_STRICT)); /* あ */
    cr_expect(lb_no_end(0x300C, LB_STRICT));       /* 「 */
    cr_expect(lb_no_end(0xFF08, LB_STRICT));       /* （ */
    cr_expect_not(lb_no_end(0x300D, LB_STRICT));   /* 」 */
}

/* x of the glyph at byte offset off in line i */
static double x_at(const lb_para *p, size_t i, size_t off)
{
    const lb_line *l = &p->lines[i];
    for (size_t k = l->first; k < l->first + l->count; k++)
        if (p->glyphs[k].off == off)
            return p->glyphs[k].x;
    cr_assert_fail("no glyph at byte %zu", off);
    return 0;
}

Test(linebreak, quarter_em_between_japanese_and_western_only)
{
    const char *s = "導入AIの「AI」";
    lb_para p;
    lb_set(&p, F, s, strlen(s), 10, 1000, NULL);
    cr_assert_eq(p.nlines, 1);
    double ai = width_of("AI");
    /* 導入 (20 pt), 1/4 em, AI, 1/4 em, の */
    cr_expect_float_eq(x_at(&p, 0, 6), 22.5, 1e-9);
    cr_expect_float_eq(x_at(&p, 0, 8), 22.5 + ai + 2.5, 1e-9);
    /* none next to brackets: 「 follows の directly, AI follows 「 */
    cr_expect_float_eq(x_at(&p, 0, 11), 22.5 + ai + 2.5 + 10, 1e-9);
    cr_expect_float_eq(x_at(&p, 0, 14), 22.5 + ai + 2.5 + 20, 1e-9);
    lb_para_free(&p);
}

Test(linebreak, consecutive_punctuation_collapses)
{
    /* 。」 : the 。's blank goes; 」「 keep one half em */
    const char *s = "あ。」「い";
    lb_para p;
    lb_set(&p, F, s, strlen(s), 10, 1000, NULL);
    cr_expect_float_eq(x_at(&p, 0, 3), 10, 1e-9);  /* 。 */
    cr_expect_float_eq(x_at(&p, 0, 6), 15, 1e-9);  /* 」 after a half em */
    cr_expect_float_eq(x_at(&p, 0, 9), 20, 1e-9);  /* 「 box: half em blank */
    cr_expect_float_eq(x_at(&p, 0, 12), 30, 1e-9); /* い */
    lb_para_free(&p);
}

Test(linebreak, justified_lines_fill_the_measure_and_last_line_does_not)
{
    const char *s = "あいうえおかきくけこさしすせそたちつてと";
    lb_opts o = {LB_STRICT, 1, 0};
    lb_para p;
    lb_set(&p, F, s, strlen(s), 10, 95, &o);
    cr_assert_eq(p.nlines, 3);
    for (size_t i = 0; i < 2; i++) {
        cr_expect(p.lines[i].justified);
        cr_expect_float_eq(p.lines[i].width, 95, 1e-6);
        cr_expect_leq(p.lines[i].max_extra, 2.5 + 1e-9);
        const lb_glyph *g = &p.glyphs[p.lines[i].first + p.lines[i].count - 1];
        cr_expect_float_eq(g->x + g->adv, 95, 1e-6);
    }
    cr_expect(p.lines[2].last);
    cr_expect_not(p.lines[2].justified);
    cr_expect_float_eq(p.lines[2].width, 20, 1e-9);
    lb_para_free(&p);
}

Test(linebreak, reduction_removes_punctuation_blanks_first_in_order)
{
    /* 3 pt too long: first the Japanese-Western space goes from 1/4 em to
     * 1/8 (1.25 pt), then the blank after 、 gives the other 1.75 pt (no
     * 1/4 em between 、 and A: none next to punctuation) */
    const char *s = "あ、AIうえ。";
    double ai = width_of("AI");
    double nat = 10 + 10 + ai + 2.5 + 10 + 10 + 5;
    lb_opts o = {LB_STRICT, 1, 0};
    lb_para p;
    lb_set(&p, F, s, strlen(s), 10, nat - 3, &o);
    cr_assert_eq(p.nlines, 1, "pushed in");
    cr_expect_float_eq(p.lines[0].natural, nat, 1e-6);
    cr_expect_float_eq(x_at(&p, 0, 6), 20 - 1.75, 1e-6);
    cr_expect_float_eq(x_at(&p, 0, 8), 20 - 1.75 + ai + 1.25, 1e-6);
    lb_para_free(&p);
}

Test(linebreak, a_gap_never_grows_more_than_a_quarter_em)
{
    /* a line that would need more than 1/4 em per gap stays short */
    const char *s = "あい supercalifragilistic";
    lb_opts o = {LB_STRICT, 1, 0};
    lb_para p;
    lb_set(&p, F, s, strlen(s), 10, 100, &o);
    cr_assert_geq(p.nlines, 2);
    cr_expect_leq(p.lines[0].max_extra, 2.5 + 1e-9);
    cr_expect_not(p.lines[0].justified);
    lb_para_free(&p);
}

Test(linebreak, hanging_punctuation_lies_past_the_measure)
{
    const char *s = "あいうえ。かき";
    lb_opts o = {LB_STRICT, 1, 1};
    lb_para p;
    lb_set(&p, F, s, strlen(s), 10, 40, &o);
    cr_assert_eq(p.nlines, 2);
    cr_expect_eq(p.lines[0].end, 15);
    cr_expect_float_eq(x_at(&p, 0, 12), 40, 1e-6);
    cr_expect_float_eq(p.lines[0].width, 40, 1e-6);
    lb_para_free(&p);
}

Test(linebreak, the_space_after_a_question_mark_stays_at_the_line_end)
{
    /* JLREQ 3.1.6: the em space after ？ is dropped at a line end and never
     * starts the next line */
    char *s = lines_of("あいう？\u3000えおかき", 4);
    cr_expect_str_eq(s, "あいう？|えおかき");
    free(s);
    s = lines_of("あいうえ？\u3000おかき", 4);
    cr_expect_str_eq(s, "あいう|え？\u3000お|かき");
    free(s);
    s = lines_of("あ？\u3000いう", 10);
    cr_expect_str_eq(s, "あ？\u3000いう", "kept inside a line");
    free(s);
    /* justified: the space is not part of the line set to the measure */
    const char *t = "あいう？\u3000えおかき";
    lb_opts o = {LB_STRICT, 1, 0};
    lb_para p;
    lb_set(&p, F, t, strlen(t), 10, 40, &o);
    cr_assert_eq(p.nlines, 2);
    cr_expect_eq(p.lines[0].end, strlen("あいう？"));
    cr_expect_eq(p.lines[1].start, strlen("あいう？\u3000"));
    lb_para_free(&p);
}

Test(linebreak, justified_paragraphs_are_broken_as_a_whole)
{
    /* greedy would leave 「た。」 alone on the last line; total fit gives
     * the last line two characters */
    const char *s = "あいうえおかきくけこさしすせそたちつてとなにぬねのはた。";
    lb_opts o = {LB_STRICT, 1, 0};
    lb_para p;
    lb_set(&p, F, s, strlen(s), 10, 130, &o);
    cr_assert_geq(p.nlines, 2);
    const lb_line *last = &p.lines[p.nlines - 1];
    cr_expect_gt(last->end - last->start, strlen("た。"),
                 "a last line of one character");
    for (size_t i = 0; i + 1 < p.nlines; i++) {
        cr_expect(p.lines[i].justified);
        cr_expect_leq(p.lines[i].max_extra, 2.5 + 1e-9);
    }
    lb_para_free(&p);
}

Test(linebreak, a_line_end_comma_keeps_its_blank_when_justified)
{
    /* JLREQ 3.8.3 b: a line that fits with its line-end 、 at a full em
     * is set as it is, no gap opened; the blank goes first when the line
     * must be reduced */
    const char *s = "あいう、えおか";
    lb_opts o = {LB_STRICT, 1, 0};
    lb_para p;
    lb_set(&p, F, s, strlen(s), 10, 40, &o);
    cr_assert_eq(p.nlines, 2);
    cr_expect_eq(p.lines[0].end, strlen("あいう、"));
    cr_expect(p.lines[0].justified);
    cr_expect_float_eq(p.lines[0].max_extra, 0, 1e-9);
    cr_expect_float_eq(x_at(&p, 0, strlen("あいう")), 30, 1e-9);
    lb_para_free(&p);
    /* 4.5 em with the blank: set solid, 、 ends at 3.5 em + its glyph */
    s = "あいうえ、おか";
    lb_set(&p, F, s, strlen(s), 10, 45, &o);
    cr_assert_eq(p.nlines, 2);
    cr_expect_eq(p.lines[0].end, strlen("あいうえ、"));
    cr_expect_float_eq(x_at(&p, 0, strlen("あいうえ")), 40, 1e-9);
    cr_expect_float_eq(p.lines[0].max_extra, 0, 1e-9);
    lb_para_free(&p);
}

Test(linebreak, level_names)
{
    lb_level l;
    cr_expect_eq(lb_level_parse("very strict", &l), 0);
    cr_expect_eq(l, LB_VERY_STRICT);
    cr_expect_eq(lb_level_parse("very_loose", &l), 0);
    cr_expect_eq(l, LB_VERY_LOOSE);
    cr_expect_eq(lb_level_parse("loose", &l), 0);
    cr_expect_eq(l, LB_LOOSE);
    cr_expect_eq(lb_level_parse("strict", &l), 0);
    cr_expect_eq(l, LB_STRICT);
    cr_expect_neq(lb_level_parse("normal", &l), 0);
    cr_expect_str_eq(lb_level_name(LB_VERY_LOOSE), "very-loose");

    cr_expect_eq((lb_level)0, LB_STRICT, "a zeroed layout_opts is strict");
}

Test(linebreak, a_segment_longer_than_any_slide_is_broken_line_by_line)
{
    /* 5,000 characters, more than total fit takes (LB_FIT_MAX): justified,
     * its breaks are those of the line-by-line breaker, and it stays
     * cheap (a 10 MB line of pathological.sh) */
    size_t n = 5000;
    char *s = malloc(n * 3 + 1);
    for (size_t i = 0; i < n; i++)
        memcpy(s + 3 * i, i % 7 == 6 ? "。" : "あ", 3);
    s[n * 3] = '\0';
    lb_opts just = {LB_STRICT, 1, 0}, rag = {LB_STRICT, 0, 0};
    lb_para a, b;
    lb_set(&a, F, s, strlen(s), 10, 200, &just);
    lb_set(&b, F, s, strlen(s), 10, 200, &rag);
    cr_assert_eq(a.nlines, b.nlines);
    for (size_t i = 0; i < a.nlines; i++) {
        cr_expect_eq(a.lines[i].start, b.lines[i].start, "line %zu", i);
        cr_expect_eq(a.lines[i].end, b.lines[i].end, "line %zu", i);
    }
    cr_expect(a.lines[0].justified, "still set to the measure");
    lb_para_free(&a);
    lb_para_free(&b);
    free(s);
}
