/* Tests of diag: invisible characters shown and named, and the summary
 * of more than DIAG_KEEP diagnostics of one kind in one file. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"

static char *formatted(const diag_list *d, size_t i)
{
    buf b = BUF_INIT;
    diag_format(diag_get(d, i), &b);
    return buf_detach(&b);
}

Test(diag, invisible_characters_are_shown_and_named_once)
{
    struct {
        const char *in, *shown, *name;
    } cases[] = {
        {"都道府県\u3000", "都道府県<U+3000>",
         "<U+3000> is U+3000 IDEOGRAPHIC SPACE (全角スペース)"},
        {"a\u200Bb", "a<U+200B>b", "<U+200B> is U+200B ZERO WIDTH SPACE"},
        {"\uFEFFyear", "<U+FEFF>year",
         "<U+FEFF> is U+FEFF ZERO WIDTH NO-BREAK"},
        {"a\u202Eb", "a<U+202E>b", "RIGHT-TO-LEFT OVERRIDE (a bidi control)"},
        {"a\u2066b", "a<U+2066>b", "LEFT-TO-RIGHT ISOLATE (a bidi control)"},
        {"a\tb", "a<U+0009>b", "<U+0009> is U+0009 CHARACTER TABULATION (tab)"},
        {"a\x01"
         "b",
         "a<U+0001>b", "<U+0001> is U+0001, a control character"},
        {"a\xC2\x85"
         "b",
         "a<U+0085>b", "U+0085, a control character"},
        {"a\xFF"
         "b",
         "a<0xFF>b", "<0xFF> is an invalid byte (not UTF-8)"},
        {"a\u00A0b", "a<U+00A0>b", "NO-BREAK SPACE"},
        {"\u5927\uFE0E", "\u5927<U+FE0E>", "a VARIATION SELECTOR"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        buf out = BUF_INIT, names = BUF_INIT;
        diag_visible(cases[i].in, &out, &names);
        cr_expect_str_eq(buf_cstr(&out), cases[i].shown, "case %zu", i);
        cr_expect(strstr(buf_cstr(&names), cases[i].name), "case %zu: %s", i,
                  buf_cstr(&names));
        buf_free(&out);
        buf_free(&names);
    }
    /* visible text, Japanese punctuation and emoji included, is kept */
    const char *plain = "「導入済み」、R6年度 😀 a-b";
    buf out = BUF_INIT, names = BUF_INIT;
    diag_visible(plain, &out, &names);
    cr_expect_str_eq(buf_cstr(&out), plain);
    cr_expect_eq(names.len, 0);
    /* one name per character, however often it occurs */
    buf_reset(&out);
    diag_visible("\u3000a\u3000", &out, &names);
    cr_expect_str_eq(buf_cstr(&names),
                     "<U+3000> is U+3000 IDEOGRAPHIC SPACE (全角スペース)");
    buf_free(&out);
    buf_free(&names);
}

Test(diag, messages_and_hints_show_what_they_quote)
{
    diag_list *d = diag_list_new();
    diag_add(d, DIAG_ERROR, "data/x.csv", 2, 4,
             "unknown category \"%s\" in column \"%s\"", "都道府県\u3000",
             "org_type");
    diag_hint(d, "did you mean \"%s\"?", "都道府県");
    char *s = formatted(d, 0);
    cr_expect_str_eq(s, "data/x.csv:2:4: error: unknown category "
                        "\"都道府県<U+3000>\" in column \"org_type\"\n"
                        "  hint: did you mean \"都道府県\"?; <U+3000> is "
                        "U+3000 IDEOGRAPHIC SPACE (全角スペース)");
    free(s);
    /* a character shown in a hint only is named too */
    diag_add(d, DIAG_ERROR, NULL, 0, 0, "plain");
    diag_hint(d, "did you mean \"a\u200Bb\"?");
    s = formatted(d, 1);
    cr_expect_str_eq(s, "error: plain\n  hint: did you mean \"a<U+200B>b\"?; "
                        "<U+200B> is U+200B ZERO WIDTH SPACE");
    free(s);
    diag_list_free(d);
}

Test(diag, more_than_fifty_of_a_kind_in_a_file_are_summarised)
{
    diag_list *d = diag_list_new();
    for (int i = 0; i < 10000; i++) {
        diag_add(d, DIAG_ERROR, "data/a.csv", i + 2, 3, "bad cell %d", i);
        diag_hint(d, "hint %d", i);
    }
    /* another kind and another file keep their own 50 */
    for (int i = 0; i < 3; i++)
        diag_add(d, DIAG_ERROR, "data/a.csv", i + 2, 5, "other kind %d", i);
    for (int i = 0; i < 51; i++)
        diag_add(d, DIAG_ERROR, "data/b.csv", i + 2, 3, "bad cell %d", i);
    cr_expect_eq(diag_error_count(d), 10000 + 3 + 51);
    cr_expect_eq(diag_count(d), 50 + 1 + 3 + 50 + 1);
    const diag *g = diag_get(d, 49);
    cr_expect_str_eq(g->message, "bad cell 49");
    cr_expect_str_eq(g->hint, "hint 49");
    g = diag_get(d, 50);
    cr_expect_eq(g->severity, DIAG_NOTE);
    cr_expect_str_eq(g->message,
                     "… and 9,950 more of the same kind in data/a.csv");
    cr_expect_null(g->hint, "a dropped diagnostic's hint is dropped too");
    cr_expect_str_eq(diag_get(d, 51)->message, "other kind 0");
    cr_expect_str_eq(diag_get(d, 104)->message,
                     "… and 1 more of the same kind in data/b.csv");
    /* one format, two kinds: the words before the first quote differ */
    diag_list *u = diag_list_new();
    for (int i = 0; i < 60; i++) {
        diag_add(u, DIAG_ERROR, "data/c.csv", i + 2, 1, "unknown %s \"%d\"",
                 "category", i);
        diag_add(u, DIAG_ERROR, "data/c.csv", i + 2, 2, "unknown %s \"%d\"",
                 "column", i);
    }
    cr_expect_eq(diag_count(u), 2 * (50 + 1));
    cr_expect_str_eq(diag_get(u, diag_count(u) - 1)->message,
                     "… and 10 more of the same kind in data/c.csv");
    diag_list_free(u);
    /* diagnostics without a file are never summarised */
    for (int i = 0; i < 60; i++)
        diag_add(d, DIAG_ERROR, NULL, 0, 0, "usage %d", i);
    cr_expect_eq(diag_count(d), 105 + 60);
    diag_list_free(d);
}
