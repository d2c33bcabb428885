/* The deck's settings from the templates' front matter: each key's
 * values, its error and hint, and the rule that deck-wide keys are read
 * from the first template only. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "settings.h"

#define MAXT 4

/* Templates compiled from front matter lines; tpl[i] is
 * templates/0i.md. */
typedef struct run {
    template *tpl[MAXT];
    size_t n;
    settings s;
    diag_list *d;
    int rc;
} run;

static template *compile(size_t i, const char *front, diag_list *d)
{
    char path[32], text[1024];
    snprintf(path, sizeof path, "templates/0%zu.md", i);
    if (front)
        snprintf(text, sizeof text, "---\n%s---\n# S%zu\n", front, i);
    else
        snprintf(text, sizeof text, "# S%zu\n", i);
    template *t = template_compile(path, text, strlen(text), d);
    cr_assert_not_null(t, "template %zu must compile", i);
    return t;
}

/* Reads the settings of templates whose front matters are the arguments
 * (NULL: no front matter), n of them. */
static void read_n(run *r, size_t n, const char *const *fronts)
{
    memset(r, 0, sizeof *r);
    r->d = diag_list_new();
    r->n = n;
    for (size_t i = 0; i < n; i++)
        r->tpl[i] = compile(i, fronts[i], r->d);
    r->rc = settings_read(&r->s, (const template *const *)r->tpl, n, "tpl",
                          r->d);
}

static void read_one(run *r, const char *front)
{
    read_n(r, 1, &front);
}

static void done(run *r)
{
    settings_free(&r->s);
    for (size_t i = 0; i < r->n; i++)
        template_free(r->tpl[i]);
    diag_list_free(r->d);
}

/* The run has exactly one error, at file:line:1, with the message. */
static void one_error(const run *r, const char *file, int line,
                      const char *msg, const char *hint)
{
    cr_assert_eq(r->rc, -1, "settings_read must fail");
    cr_assert_eq(diag_count(r->d), 1, "one error, got %zu",
                 diag_count(r->d));
    const diag *g = diag_get(r->d, 0);
    cr_expect_eq(g->severity, DIAG_ERROR);
    cr_expect_str_eq(g->file, file);
    cr_expect_eq(g->line, line);
    cr_expect_eq(g->col, 1);
    cr_expect_str_eq(g->message, msg);
    if (hint) {
        cr_assert_not_null(g->hint);
        cr_expect(strstr(g->hint, hint) != NULL, "hint: %s", g->hint);
    }
}

static void no_error(const run *r)
{
    cr_assert_eq(diag_count(r->d), 0, "no diagnostic expected, first: %s",
                 diag_count(r->d) ? diag_get(r->d, 0)->message : "");
    cr_assert_eq(r->rc, 0);
}

Test(settings, defaults_without_front_matter)
{
    run r;
    read_one(&r, NULL);
    no_error(&r);
    cr_expect_str_eq(r.s.deck, "deck");
    cr_expect_null(r.s.title);
    cr_expect_null(r.s.author);
    cr_expect_null(r.s.subject);
    cr_expect_null(r.s.keywords);
    cr_expect_eq(r.s.edition_ymd, 0);
    cr_expect_null(r.s.font_path);
    cr_expect_eq(r.s.page, SETTINGS_PAGE_DEFAULT);
    cr_expect_eq(r.s.linebreak, LB_STRICT);
    cr_expect_eq(r.s.hanging, 0);
    done(&r);
}

Test(settings, every_deck_wide_key_is_read)
{
    run r;
    read_one(&r, "deck: my-deck_2\n"
                 "title: 試験資料\n"
                 "author: 総務省\n"
                 "subject: 調査の結果\n"
                 "keywords: AI, RPA\n"
                 "edition: 2025-06-30\n"
                 "font: fonts/x.ttf\n"
                 "page: 16:9\n"
                 "linebreak: loose\n"
                 "hanging: yes\n"
                 "pptx-font: BIZ UDPGothic\n"
                 "layout: cover\n"
                 "org: a variable, not a setting\n");
    no_error(&r);
    cr_expect_str_eq(r.s.deck, "my-deck_2");
    cr_expect_str_eq(r.s.title, "試験資料");
    cr_expect_str_eq(r.s.author, "総務省");
    cr_expect_str_eq(r.s.subject, "調査の結果");
    cr_expect_str_eq(r.s.keywords, "AI, RPA");
    cr_expect_eq(r.s.edition_ymd, 20250630);
    cr_expect_str_eq(r.s.font_path, "tpl/fonts/x.ttf");
    cr_expect_eq(r.s.page, SETTINGS_PAGE_16_9);
    cr_expect_eq(r.s.linebreak, LB_LOOSE);
    cr_expect_eq(r.s.hanging, 1);
    cr_expect_str_eq(r.s.pptx_font, "BIZ UDPGothic");
    done(&r);
}

Test(settings, deck_is_a_plain_file_name)
{
    /* name, the reason, and the name as the message shows it (diag shows
     * an invisible character as <U+XXXX>); NULL: as written */
    static const char *const bad[][3] = {
        {"../escaped", "it starts with \".\", which hides the file"},
        {"a/b", "it contains the path separator \"/\""},
        {"a\\b", "it contains the path separator \"\\\""},
        {".hidden", "it starts with \".\", which hides the file"},
        {"..", "\"..\" names the folder above"},
        {"a\x01"
         "b",
         "it contains the control character U+0001", "a<U+0001>b"},
        {"a\xc2\x85"
         "b",
         "it contains the control character U+0085", "a<U+0085>b"},
        {"a\xe2\x80\xae"
         "b",
         "it contains the invisible bidi control U+202E", "a<U+202E>b"},
        {"a\xe2\x81\xa6"
         "b",
         "it contains the invisible bidi control U+2066", "a<U+2066>b"},
        {"a\xe2\x80\x8f"
         "b",
         "it contains the invisible bidi control U+200F", "a<U+200F>b"},
        {"a\xd8\x9c"
         "b",
         "it contains the invisible bidi control U+061C", "a<U+061C>b"},
        {"a\xe2\x80\x8b"
         "b",
         "it contains the invisible character U+200B", "a<U+200B>b"},
        {"a\xef\xbb\xbf"
         "b",
         "it contains the invisible character U+FEFF", "a<U+FEFF>b"},
        {"", "it is empty"}};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char front[64], msg[160];
        snprintf(front, sizeof front, "title: t\ndeck: %s\n", bad[i][0]);
        snprintf(msg, sizeof msg,
                 "deck name \"%s\" is not a plain file name: %s",
                 bad[i][2] ? bad[i][2] : bad[i][0], bad[i][1]);
        run r;
        read_one(&r, front);
        one_error(&r, "templates/00.md", 3, msg, "out/NAME.pdf");
        cr_expect_str_eq(r.s.deck, "deck", "a bad name is not used");
        done(&r);
    }
}

Test(settings, deck_name_fits_a_file_name)
{
    /* 218 bytes: with ".pptx" (the longest output name) and a temporary
     * suffix within 255 */
    char front[300], name[240];
    memset(name, 'x', 218);
    name[218] = '\0';
    snprintf(front, sizeof front, "deck: %s\n", name);
    run r;
    read_one(&r, front);
    no_error(&r);
    cr_expect_str_eq(r.s.deck, name);
    done(&r);
    /* "#", "?", "%", spaces and non-ASCII are fine: links encode them */
    read_one(&r, "deck: 資料 #1?%\n");
    no_error(&r);
    cr_expect_str_eq(r.s.deck, "資料 #1?%");
    done(&r);
    name[218] = 'x';
    name[219] = '\0';
    snprintf(front, sizeof front, "deck: %s\n", name);
    read_one(&r, front);
    cr_assert_eq(diag_count(r.d), 1);
    cr_expect(strstr(diag_get(r.d, 0)->message,
                     "it is 219 bytes long, and may have at most 218 (a "
                     "file name stops at 255 bytes, and \".pptx\"") != NULL,
              "%s", diag_get(r.d, 0)->message);
    done(&r);
}

Test(settings, edition_is_a_real_date)
{
    run r;
    read_one(&r, "edition: 令和7年6月30日\n");
    no_error(&r);
    cr_expect_eq(r.s.edition_ymd, 20250630);
    done(&r);
    static const char *const bad[] = {"六月末", "2025-02-30", "2025"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char front[64], msg[96];
        snprintf(front, sizeof front, "edition: %s\n", bad[i]);
        snprintf(msg, sizeof msg, "edition \"%s\" is not a date", bad[i]);
        read_one(&r, front);
        one_error(&r, "templates/00.md", 2, msg, "a real day of the month");
        cr_expect_eq(r.s.edition_ymd, 0);
        done(&r);
    }
}

Test(settings, font_stays_inside_the_project)
{
    static const char *const bad[] = {"/etc/passwd", "../x.ttf",
                                      "fonts/../../x.ttf", "\\x.ttf", ""};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char front[64], msg[96];
        snprintf(front, sizeof front, "font: %s\n", bad[i]);
        snprintf(msg, sizeof msg, "font \"%s\" is outside the project",
                 bad[i]);
        run r;
        read_one(&r, front);
        one_error(&r, "templates/00.md", 2, msg, "or use --font");
        cr_expect_null(r.s.font_path);
        done(&r);
    }
}

Test(settings, page_is_a4_or_16_9)
{
    run r;
    read_one(&r, "page: a4\n");
    no_error(&r);
    cr_expect_eq(r.s.page, SETTINGS_PAGE_A4);
    done(&r);
    read_one(&r, "page: b5\n");
    one_error(&r, "templates/00.md", 2, "unknown page size \"b5\"",
              "page is \"a4\" or \"16:9\"");
    cr_expect_eq(r.s.page, SETTINGS_PAGE_DEFAULT);
    done(&r);
}

/* pptx-font: at most 31 UTF-16 units (a character outside the BMP counts
 * two), no control characters. */
Test(settings, pptx_font_is_a_windows_family_name)
{
    run r;
    read_one(&r, "pptx-font: ＭＳ Ｐゴシック\n");
    no_error(&r);
    cr_expect_str_eq(r.s.pptx_font, "ＭＳ Ｐゴシック");
    done(&r);
    read_one(&r, "pptx-font: 0123456789012345678901234567890\n");
    no_error(&r);
    done(&r);
    read_one(&r, "pptx-font: 012345678901234567890123456789𠀋\n");
    one_error(&r, "templates/00.md", 2,
              "PowerPoint font \"012345678901234567890123456789𠀋\" is not a "
              "font family name: 32 characters, over the 31 of a Windows "
              "font name",
              "at most 31 characters");
    cr_expect_null(r.s.pptx_font);
    done(&r);
    read_one(&r, "pptx-font: Yu\x7fGothic\n");
    one_error(
        &r, "templates/00.md", 2,
        "PowerPoint font \"Yu<U+007F>Gothic\" is not a font family name: a "
        "control character",
        NULL);
    done(&r);
}

Test(settings, linebreak_levels)
{
    static const struct {
        const char *name;
        lb_level level;
    } ok[] = {{"very-strict", LB_VERY_STRICT}, {"strict", LB_STRICT},
              {"loose", LB_LOOSE},             {"very-loose", LB_VERY_LOOSE},
              {"very strict", LB_VERY_STRICT}, {"very_loose", LB_VERY_LOOSE}};
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        char front[64];
        snprintf(front, sizeof front, "linebreak: %s\n", ok[i].name);
        run r;
        read_one(&r, front);
        no_error(&r);
        cr_expect_eq(r.s.linebreak, ok[i].level, "%s", ok[i].name);
        done(&r);
    }
    run r;
    read_one(&r, "linebreak: stricter\n");
    one_error(&r, "templates/00.md", 2,
              "unknown line-breaking level \"stricter\"", "very-loose");
    cr_expect_eq(r.s.linebreak, LB_STRICT);
    done(&r);
}

Test(settings, hanging_is_yes_or_no)
{
    run r;
    read_one(&r, "hanging: no\n");
    no_error(&r);
    cr_expect_eq(r.s.hanging, 0);
    done(&r);
    read_one(&r, "hanging: maybe\n");
    one_error(&r, "templates/00.md", 2,
              "hanging must be yes or no, not \"maybe\"", "hang past");
    cr_expect_eq(r.s.hanging, 0);
    done(&r);
}

Test(settings, layout_is_per_template)
{
    const char *fronts[] = {"layout: cover\n", NULL, "layout: content\n",
                            "layout: cover\n"};
    run r;
    read_n(&r, 4, fronts);
    no_error(&r);
    static const tpl_layout want[] = {TPL_LAYOUT_COVER, TPL_LAYOUT_CONTENT,
                                      TPL_LAYOUT_CONTENT, TPL_LAYOUT_COVER};
    for (size_t i = 0; i < 4; i++) {
        tpl_layout l = TPL_LAYOUT_COVER + 1;
        cr_expect_eq(settings_layout(r.tpl[i], &l, r.d), 0);
        cr_expect_eq(l, want[i], "template %zu", i);
    }
    done(&r);
}

Test(settings, unknown_layout_in_any_template)
{
    const char *fronts[] = {"title: t\n", "x: 1\nlayout: cvoer\n"};
    run r;
    read_n(&r, 2, fronts);
    one_error(&r, "templates/01.md", 3, "unknown layout \"cvoer\"",
              "\"cover\" or \"content\"");
    tpl_layout l = TPL_LAYOUT_COVER;
    cr_expect_eq(settings_layout(r.tpl[1], &l, r.d), -1);
    cr_expect_eq(l, TPL_LAYOUT_CONTENT);
    done(&r);
}

Test(settings, deck_wide_keys_only_in_the_first_template)
{
    static const char *const keys[] = {"deck",    "title",    "author",
                                       "subject", "keywords", "edition",
                                       "font",    "page",     "linebreak",
                                       "hanging"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        char later[64], msg[96];
        snprintf(later, sizeof later, "layout: content\n%s: a4\n", keys[i]);
        snprintf(msg, sizeof msg,
                 "deck-wide setting \"%s\" outside the first template",
                 keys[i]);
        const char *fronts[] = {"title: t\n", later};
        run r;
        read_n(&r, 2, fronts);
        one_error(&r, "templates/01.md", 3, msg,
                  "move it to the front matter of templates/00.md, the first "
                  "template");
        done(&r);
    }
}

Test(settings, a_later_deck_name_is_never_used)
{
    /* the first template has no deck: a later one's is an error, not the
     * output name (it once wrote out/../escaped.pdf) */
    const char *fronts[] = {NULL, "deck: ../escaped\n"};
    run r;
    read_n(&r, 2, fronts);
    one_error(&r, "templates/01.md", 2,
              "deck-wide setting \"deck\" outside the first template",
              "templates/00.md");
    cr_expect_str_eq(r.s.deck, "deck");
    done(&r);
}

Test(settings, later_templates_may_have_variables_of_their_own)
{
    const char *fronts[] = {"page: a4\n", "section: 第2章\nlayout: cover\n",
                            "org: 総務省\n"};
    run r;
    read_n(&r, 3, fronts);
    no_error(&r);
    cr_expect_eq(r.s.page, SETTINGS_PAGE_A4);
    done(&r);
}

Test(settings, templates_that_did_not_compile_are_skipped)
{
    diag_list *d = diag_list_new();
    template *tpl[3] = {NULL, compile(1, "page: 16:9\n", d), NULL};
    settings s;
    /* the first did not compile: a later deck-wide key is still misplaced,
     * and the hint names the first template by its place */
    int rc = settings_read(&s, (const template *const *)tpl, 3, "tpl", d);
    cr_expect_eq(rc, -1);
    cr_assert_eq(diag_count(d), 1);
    cr_expect_eq(diag_get(d, 0)->line, 2);
    cr_expect(strstr(diag_get(d, 0)->hint,
                     "first template (in file-name order)") != NULL);
    cr_expect_eq(s.page, SETTINGS_PAGE_DEFAULT);
    cr_expect_str_eq(s.deck, "deck");
    settings_free(&s);
    template_free(tpl[1]);
    diag_list_free(d);
}

Test(settings, a_repeated_key_takes_its_last_value)
{
    run r;
    read_one(&r, "page: b5\npage: 16:9\ntitle: a\ntitle: b\n");
    no_error(&r);
    cr_expect_eq(r.s.page, SETTINGS_PAGE_16_9);
    cr_expect_str_eq(r.s.title, "b");
    done(&r);
}

Test(settings, every_error_at_once_in_line_order)
{
    const char *fronts[] = {"layout: x\nhanging: maybe\npage: b5\n"
                            "deck: ../x\n",
                            "edition: 2025-06-30\nlayout: cvoer\n"};
    run r;
    read_n(&r, 2, fronts);
    cr_expect_eq(r.rc, -1);
    static const struct {
        const char *file;
        int line;
        const char *start;
    } want[] = {{"templates/00.md", 2, "unknown layout \"x\""},
                {"templates/00.md", 3, "hanging"},
                {"templates/00.md", 4, "unknown page"},
                {"templates/00.md", 5, "deck name"},
                {"templates/01.md", 2, "deck-wide setting \"edition\""},
                {"templates/01.md", 3, "unknown layout \"cvoer\""}};
    size_t nwant = sizeof want / sizeof *want;
    cr_assert_eq(diag_count(r.d), nwant);
    for (size_t i = 0; i < nwant; i++) {
        const diag *g = diag_get(r.d, i);
        cr_expect_str_eq(g->file, want[i].file);
        cr_expect_eq(g->line, want[i].line, "error %zu", i);
        cr_expect(strncmp(g->message, want[i].start, strlen(want[i].start)) ==
                      0,
                  "error %zu: %s", i, g->message);
    }
    done(&r);
}
