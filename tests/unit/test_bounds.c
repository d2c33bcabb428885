/* Bounds and names: the limits of a template's expansion (value.h,
 * TMPL_MAX_*), the linear `where` chain, the special files that are never
 * opened, the one rule for names that become file names, and the
 * percent-encoding of names in links. */
/* realpath() is XSI */
#define _XOPEN_SOURCE 700
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "template.h"
#include "url.h"
#include "xalloc.h"

#define FIXDIR "tests/fixtures/templates"

/* Expands text against the fixture tables; returns the diagnostics (the
 * caller frees them) and the expansion's status in *rc. */
static diag_list *expand(const char *text, int *rc, expansion *e)
{
    diag_list *d = diag_list_new();
    tableset *ts = tableset_load_dir(FIXDIR, CSV_ENC_AUTO, d);
    cr_assert_eq(diag_error_count(d), 0, "fixtures must load");
    tmpl_env *env = tmpl_env_new(ts);
    template *t = template_compile("t.md", text, strlen(text), d);
    memset(e, 0, sizeof *e);
    *rc = t ? template_expand(t, env, e, d) : -1;
    template_free(t);
    tmpl_env_free(env);
    tableset_free(ts);
    return d;
}

/* text fails with exactly one error, at line:col, whose message starts
 * with msg. */
static void expect_bound(const char *text, int line, int col, const char *msg)
{
    int rc;
    expansion e;
    diag_list *d = expand(text, &rc, &e);
    cr_expect_eq(rc, -1);
    cr_assert_eq(diag_error_count(d), 1, "one error, got %zu",
                 diag_error_count(d));
    const diag *g = diag_get(d, 0);
    cr_expect_eq(g->line, line, "line %d: %s", g->line, g->message);
    cr_expect_eq(g->col, col, "col %d: %s", g->col, g->message);
    cr_expect(strncmp(g->message, msg, strlen(msg)) == 0, "got: %s",
              g->message);
    cr_expect_not_null(g->hint, "every bound has a hint");
    expansion_free(&e);
    diag_list_free(d);
}

/* "x" repeated 10^k times, as a template expression building it. */
#define S10(s)                                                                 \
    s " + " s " + " s " + " s " + " s " + " s " + " s " + " s " + " s " + " s

Test(bounds, text_doubled_in_a_loop_stops_at_its_plus)
{
    expect_bound("{{ let s = \"ab\" }}\n"
                 "{{ for a in adoption }}{{ for b in adoption }}\n"
                 "{{ let s = s + s }}\n"
                 "{{ end }}{{ end }}\n",
                 3, 14,
                 "text too long: this would make a text of more than "
                 "1,048,576 bytes");
}

Test(bounds, join_stops_at_the_text_limit)
{
    expect_bound(
        "{{ let s = \"" S10("x") "\" }}{{ let s = " S10(
            "s") " }}{{ let s = " S10("s") " }}{{ let s = " S10("s") " }}{{ "
                                                                     "let s "
                                                                     "= " S10("s") " }}\n"
                                                                                   "{{ join([s, s, s, s, s, s, s, s, s, s, s]) }}\n",
        2, 4, "text too long");
}

Test(bounds, output_stops_at_the_loop_that_writes_it)
{
    /* 100,000 bytes written 1,000 times */
    expect_bound("{{ let s = \"x\" }}{{ let s = " S10(
                     "s") " }}"
                          "{{ let s = " S10("s") " }}{{ let s = " S10(
                              "s") " }}{{ let s = " S10("s") " }}{{ let s "
                                                             "= " S10("s") " }}"
                                                                           "\n"
                                                                           "{{ "
                                                                           "for"
                                                                           " a "
                                                                           "in "
                                                                           "ado"
                                                                           "pti"
                                                                           "on "
                                                                           "}}{"
                                                                           "{ "
                                                                           "for"
                                                                           " b "
                                                                           "in "
                                                                           "ado"
                                                                           "pti"
                                                                           "on "
                                                                           "}}"
                                                                           "{{ "
                                                                           "for"
                                                                           " c "
                                                                           "in "
                                                                           "ado"
                                                                           "pti"
                                                                           "on "
                                                                           "}}{"
                                                                           "{ "
                                                                           "s "
                                                                           "}}{"
                                                                           "{ "
                                                                           "end"
                                                                           " }}"
                                                                           "{{ "
                                                                           "end"
                                                                           " }}"
                                                                           "{{ "
                                                                           "end"
                                                                           " }}"
                                                                           "\n",
                 2, 73, "this template expands to more than 16,777,216 bytes");
}

Test(bounds, nested_loops_stop_at_the_memory_bound)
{
    buf t = BUF_INIT;
    for (int i = 0; i < 9; i++)
        buf_printf(&t, "{{ for v%d in adoption }}", i);
    buf_puts(&t, "{{ let z = [adoption, adoption, adoption, adoption] }}");
    for (int i = 0; i < 9; i++)
        buf_puts(&t, "{{ end }}");
    expect_bound(buf_cstr(&t), 1, 224,
                 "expanding this template needs more than 268,435,456 "
                 "bytes of memory");
    buf_free(&t);
}

Test(bounds, where_rows_count_as_iterations)
{
    /* 10^4 passes, each testing 10 rows 200 times: 2 * 10^7 */
    buf t = BUF_INIT;
    for (int i = 0; i < 4; i++)
        buf_printf(&t, "{{ for v%d in adoption }}", i);
    buf_puts(&t, "{{ let n = count(adoption");
    for (int i = 0; i < 201; i++)
        buf_puts(&t, " where value >= 0");
    buf_puts(&t, ") }}");
    for (int i = 0; i < 4; i++)
        buf_puts(&t, "{{ end }}");
    expect_bound(buf_cstr(&t), 1, 2690,
                 "too much work: the loops and \"where\" clauses of this "
                 "template went through more than 20,000,000 rows");
    buf_free(&t);
}

Test(bounds, long_where_chain_is_linear_and_keeps_its_text)
{
    /* 20,000 clauses: quadratic text would be 3 GB */
    buf t = BUF_INIT;
    buf_puts(&t, "{{ count(adoption");
    for (int i = 0; i < 20000; i++)
        buf_puts(&t, " where value >= 0");
    buf_puts(&t, ") }}");
    int rc;
    expansion e;
    diag_list *d = expand(buf_cstr(&t), &rc, &e);
    cr_assert_eq(rc, 0);
    cr_expect_str_eq(e.text, "10〔速報〕");
    expansion_free(&e);
    diag_list_free(d);
    /* the message names the whole chain, from its parts */
    d = expand("{{ value(adoption where value > 100 where org_type = "
               "\"都道府県\" where survey_year = latest) }}",
               &rc, &e);
    cr_assert_eq(diag_error_count(d), 1);
    cr_expect_str_eq(diag_get(d, 0)->message,
                     "no rows match adoption where value > 100 where "
                     "org_type = \"都道府県\" where survey_year = latest");
    diag_list_free(d);
    buf_free(&t);
}

Test(bounds, long_operator_chains_are_errors_not_stack_overflows)
{
    static const char *const ops[] = {" + 1", " and true", " | num", ".x"};
    for (size_t k = 0; k < sizeof ops / sizeof *ops; k++) {
        buf t = BUF_INIT;
        buf_puts(&t, "{{ 1");
        for (int i = 0; i < 200000; i++)
            buf_puts(&t, ops[k]);
        buf_puts(&t, " }}");
        int rc;
        expansion e;
        diag_list *d = expand(buf_cstr(&t), &rc, &e);
        cr_expect_eq(rc, -1);
        cr_assert_eq(diag_error_count(d), 1);
        cr_expect(strstr(diag_get(d, 0)->message,
                         "expression nested too deeply") != NULL,
                  "%s: %s", ops[k], diag_get(d, 0)->message);
        diag_list_free(d);
        buf_free(&t);
    }
}

/* ---- special files ---- */

Test(bounds, special_files_are_never_opened, .timeout = 20)
{
    char dir[] = "/tmp/shiryo-bounds-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char *fifo = fs_join(dir, "pipe.csv");
    cr_assert_eq(mkfifo(fifo, 0600), 0);
    diag_list *d = diag_list_new();
    size_t len;
    cr_expect_null(fs_read(fifo, &len, d)); /* a hang fails by timeout */
    cr_assert_eq(diag_error_count(d), 1);
    cr_expect_str_eq(diag_get(d, 0)->message,
                     "is a named pipe (FIFO), not a regular file");
    cr_expect_eq(fs_check_regular("/dev/null", d), -1);
    cr_expect_str_eq(diag_get(d, 1)->message,
                     "is a character device, not a regular file");
    cr_expect_eq(fs_check_regular(dir, d), -1);
    cr_expect_eq(fs_check_regular("/nonexistent/x", d), 0,
                 "a missing file is its reader's to report");
    diag_list_free(d);
    unlink(fifo);
    rmdir(dir);
    free(fifo);
}

/* ---- paths and names ---- */

Test(bounds, canonical_paths_follow_links_and_dots)
{
    char dir[] = "/tmp/shiryo-bounds-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char *real = realpath(dir, NULL);
    char *data = fs_join(dir, "data"), *link = fs_join(dir, "link");
    cr_assert_eq(mkdir(data, 0700), 0);
    cr_assert_eq(symlink(data, link), 0);
    buf want = BUF_INIT, p = BUF_INIT;
    buf_printf(&want, "%s/data/new/x", real);
    buf_printf(&p, "%s/link/./new/y/../x", dir);
    char *c = fs_canonical(buf_cstr(&p));
    cr_expect_str_eq(c, buf_cstr(&want));
    free(c);
    cr_expect_eq(fs_within(data, link), 1);
    cr_expect_eq(fs_within(buf_cstr(&p), data), 2);
    cr_expect_eq(fs_within(data, buf_cstr(&p)), 0);
    buf_reset(&p);
    buf_printf(&p, "%s/data-x", dir);
    cr_expect_eq(fs_within(buf_cstr(&p), data), 0, "a prefix is not inside");
    cr_expect_eq(fs_within("/tmp", "/"), 2);
    unlink(link);
    rmdir(data);
    rmdir(dir);
    free(data);
    free(link);
    free(real);
    buf_free(&want);
    buf_free(&p);
}

Test(bounds, names_in_links_are_percent_encoded)
{
    static const char *const cases[][2] = {
        {"ai-rpa-r7-0630.pdf", "ai-rpa-r7-0630.pdf"},
        {"a#b?c%d e.pdf", "a%23b%3Fc%25d%20e.pdf"},
        {"javascript:alert(1)", "javascript%3Aalert%281%29"},
        {"資料.pdf", "%E8%B3%87%E6%96%99.pdf"},
        {"\"<&>'", "%22%3C%26%3E%27"},
        {"s1-f1.csv", "s1-f1.csv"}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        buf b = BUF_INIT;
        url_put_name(&b, cases[i][0]);
        cr_expect_str_eq(buf_cstr(&b), cases[i][1]);
        cr_expect_eq(url_allowed(buf_cstr(&b)), 1, "%s", buf_cstr(&b));
        buf_free(&b);
    }
}
