/* Tests of the support modules: buf, diag, format, fsutil, rich. */
#include <criterion/criterion.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "format.h"
#include "fsutil.h"
#include "rich.h"

static char *num(double v, int decimals, int trim)
{
    buf b = BUF_INIT;
    buf_num(&b, v, decimals, trim);
    return buf_detach(&b);
}

Test(buf, numbers_round_half_away_from_zero)
{
    struct {
        double v;
        int dec, trim;
        const char *want;
    } cases[] = {
        {0.5, 0, 0, "1"},        {1.5, 0, 0, "2"},     {2.5, 0, 0, "3"},
        {-2.5, 0, 0, "-3"},      {97.55, 1, 0, "97.6"}, {0.125, 2, 0, "0.13"},
        {-0.0001, 2, 0, "0.00"},    {1.20, 2, 1, "1.2"},  {3.0, 2, 1, "3"},
        {123456.789, 2, 0, "123456.79"}, {1e-7, 3, 1, "0"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *s = num(cases[i].v, cases[i].dec, cases[i].trim);
        cr_expect_str_eq(s, cases[i].want, "buf_num(%g, %d)", cases[i].v,
                         cases[i].dec);
        free(s);
    }
}

Test(buf, numbers_ignore_a_decimal_comma_locale)
{
    /* Under a locale with a decimal comma, PDF and SVG numbers must still
     * use a point.  The locale may not exist on this machine; the check is
     * then the same as in the C locale. */
    const char *old = setlocale(LC_NUMERIC, NULL);
    char *saved = old ? strdup(old) : NULL;
    setlocale(LC_NUMERIC, "de_DE.UTF-8");
    char *s = num(1.5, 1, 0);
    cr_expect_str_eq(s, "1.5");
    free(s);
    setlocale(LC_NUMERIC, saved ? saved : "C");
    free(saved);
}

Test(buf, printf_and_growth)
{
    buf b = BUF_INIT;
    for (int i = 0; i < 1000; i++)
        buf_printf(&b, "%d,", i);
    cr_expect_eq(strncmp(b.data, "0,1,2,", 6), 0);
    cr_expect_eq(b.len, strlen(b.data));
    cr_expect_eq(b.data[b.len - 1], ',');
    char *d = buf_detach(&b);
    cr_expect_null(b.data);
    free(d);
    cr_expect_str_eq(buf_cstr(&b), "");
}

Test(diag, formats_position_message_and_hint)
{
    diag_list *d = diag_list_new();
    diag_add(d, DIAG_ERROR, "templates/a.md", 3, 14, "unknown column \"%s\"",
             "org_typ");
    diag_hint(d, "did you mean \"%s\"?", "org_type");
    srcloc at = {"data/x.csv", 2, 0};
    diag_at(d, DIAG_WARNING, at, "odd");
    diag_add(d, DIAG_NOTE, NULL, 0, 0, "plain");
    cr_assert_eq(diag_count(d), 3);
    cr_expect_eq(diag_error_count(d), 1);
    buf b = BUF_INIT;
    diag_format(diag_get(d, 0), &b);
    cr_expect_str_eq(buf_cstr(&b),
                     "templates/a.md:3:14: error: unknown column \"org_typ\"\n"
                     "  hint: did you mean \"org_type\"?");
    buf_reset(&b);
    diag_format(diag_get(d, 1), &b);
    cr_expect_str_eq(buf_cstr(&b), "data/x.csv:2: warning: odd");
    buf_reset(&b);
    diag_format(diag_get(d, 2), &b);
    cr_expect_str_eq(buf_cstr(&b), "note: plain");
    cr_expect_null(diag_get(d, 3));
    buf_free(&b);
    diag_list_free(d);
}

static char *fmt(void (*f)(buf *, double, int), double v, int dec)
{
    buf b = BUF_INIT;
    f(&b, v, dec);
    return buf_detach(&b);
}

Test(format, grouped_numbers_percent_and_points)
{
    char *s;
    s = fmt(fmt_number, 1788, 0);
    cr_expect_str_eq(s, "1,788");
    free(s);
    s = fmt(fmt_number, 1234567.891, 1);
    cr_expect_str_eq(s, "1,234,567.9");
    free(s);
    s = fmt(fmt_number, -1065, 0);
    cr_expect_str_eq(s, "-1,065");
    free(s);
    s = fmt(fmt_number, 999, 0);
    cr_expect_str_eq(s, "999");
    free(s);
    s = fmt(fmt_percent, 996.0 / 1721.0, 0);
    cr_expect_str_eq(s, "58%");
    free(s);
    s = fmt(fmt_percent, 1068.0 / 1094.0, 1);
    cr_expect_str_eq(s, "97.6%");
    free(s);
    s = fmt(fmt_points, 0.052, 1);
    cr_expect_str_eq(s, "5.2ポイント");
    free(s);
    cr_expect_str_eq(fmt_trend(3, 0), "増加");
    cr_expect_str_eq(fmt_trend(-1, 0), "減少");
    cr_expect_str_eq(fmt_trend(0.2, 0.5), "横ばい");
}

Test(fsutil, atomic_write_replaces_whole_file_and_lists_sorted)
{
    char dir[] = "/tmp/shiryo-fs-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    diag_list *d = diag_list_new();
    char *sub = fs_join(dir, "a/b");
    cr_assert_eq(fs_mkdirs(sub, d), 0);
    char *p = fs_join(sub, "x.txt");
    cr_assert_eq(fs_write_atomic(p, "first", 5, d), 0);
    cr_assert_eq(fs_write_atomic(p, "second!", 7, d), 0);
    size_t len;
    char *got = fs_read(p, &len, d);
    cr_expect_eq(len, 7);
    cr_expect_str_eq(got, "second!");
    free(got);
    char *q = fs_join(sub, "a.txt");
    cr_assert_eq(fs_write_atomic(q, "", 0, d), 0);
    char **names;
    size_t n;
    cr_assert_eq(fs_list(sub, ".txt", &names, &n, d), 0);
    cr_assert_eq(n, 2);
    cr_expect_str_eq(names[0], "a.txt");
    cr_expect_str_eq(names[1], "x.txt");
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    /* an unwritable target leaves the old file and no temporary behind */
    char *ro = fs_join(dir, "ro");
    cr_assert_eq(fs_mkdirs(ro, d), 0);
    char *rp = fs_join(ro, "keep.txt");
    cr_assert_eq(fs_write_atomic(rp, "old", 3, d), 0);
    chmod(ro, 0555);
    if (geteuid() != 0) { /* root ignores the permission bits */
        cr_expect_eq(fs_write_atomic(rp, "new", 3, d), -1);
        got = fs_read(rp, &len, d);
        cr_expect_str_eq(got, "old");
        free(got);
    }
    chmod(ro, 0755);
    cr_expect_eq(fs_read("/nonexistent/file", &len, d), NULL);
    cr_expect_geq(diag_error_count(d), 1);
    unlink(rp);
    rmdir(ro);
    unlink(p);
    unlink(q);
    rmdir(sub);
    char *a = fs_join(dir, "a");
    rmdir(a);
    rmdir(dir);
    free(a);
    free(rp);
    free(ro);
    free(p);
    free(q);
    free(sub);
    diag_list_free(d);
}

Test(rich, merges_runs_trims_and_drops_prefix)
{
    rich r = {0};
    rich_add(&r, "　出典：", strlen("　出典："), 0, NULL);
    rich_add(&r, "総務省", strlen("総務省"), 0, NULL);
    rich_add(&r, "調査", strlen("調査"), RUN_STRONG, NULL);
    rich_add(&r, "", 0, RUN_BREAK, NULL);
    cr_expect_eq(r.nruns, 3);
    rich_trim(&r);
    cr_expect_eq(r.nruns, 2);
    cr_expect(rich_starts_with(&r, "出典："));
    rich_drop_prefix(&r, strlen("出典："));
    char *p = rich_plain(&r);
    cr_expect_str_eq(p, "総務省調査");
    free(p);
    rich_free(&r);
}

Test(buf, huge_numbers_print_whole)
{
    /* regression: found by fuzz_template, 2.9e22 overflowed the rounding */
    char *s = num(1180591620717411303424.0, 2, 0); /* 2^70, exact */
    cr_expect_str_eq(s, "1180591620717411303424");
    free(s);
    s = num(-1e300, 0, 0);
    cr_expect_eq(s[0], '-');
    cr_expect_eq(strlen(s), 302);
    free(s);
}
