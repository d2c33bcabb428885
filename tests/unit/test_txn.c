/* txn: a build's outputs as one transaction: what the output folder shows
 * after a commit, after a transaction that is not committed, and which
 * files are removed or kept. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "txn.h"

static char root[] = "/tmp/shiryo-txn-XXXXXX";
static char *out;
static diag_list *d;

static void setup(void)
{
    strcpy(root, "/tmp/shiryo-txn-XXXXXX");
    cr_assert_not_null(mkdtemp(root));
    out = fs_join(root, "out");
    d = diag_list_new();
}

static void teardown(void)
{
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    cr_expect_eq(system(cmd), 0);
    free(out);
    diag_list_free(d);
}

static const char *const ALL[] = {"pdf", "site"};

/* Writes rel (under the staging folder) with text. */
static void put(txn *t, const char *rel, const char *text)
{
    char *p = fs_join(txn_dir(t), rel);
    char *slash = strrchr(p, '/');
    *slash = '\0';
    cr_assert_eq(fs_mkdirs(p, d), 0);
    *slash = '/';
    cr_assert_eq(fs_write_atomic(p, text, strlen(text), d), 0);
    free(p);
}

/* The text of OUT/rel, or NULL when it shows no file there. */
static char *shown(const char *rel)
{
    char *p = fs_join(out, rel);
    size_t len;
    diag_list *quiet = diag_list_new();
    char *text = fs_read(p, &len, quiet);
    diag_list_free(quiet);
    free(p);
    return text;
}

static void expect_shown(const char *rel, const char *want)
{
    char *got = shown(rel);
    if (!want)
        cr_expect_null(got, "%s should be gone", rel);
    else if (!got)
        cr_expect_fail("%s is missing", rel);
    else
        cr_expect_str_eq(got, want, "%s", rel);
    free(got);
}

/* One build: running writes files[0..n) (pairs of writer, path). */
static txn *build(const char *const *running, size_t nrunning,
                  const char *const files[][3], size_t n)
{
    txn_writers w = {ALL, 2, running, nrunning};
    txn *t = txn_begin(out, &w, NULL, d);
    cr_assert_not_null(t);
    for (size_t i = 0; i < n; i++) {
        put(t, files[i][1], files[i][2]);
        cr_assert_eq(txn_claim(t, files[i][0], d), 0);
    }
    return t;
}

static const char *const BOTH[] = {"pdf", "site"};
static const char *const SITE[] = {"site"};

static const char *const FIRST[][3] = {
    {"pdf", "old.pdf", "pdf 1"},
    {"site", "site/index.html", "page 1"},
    {"site", "site/data/s3.csv", "chart 3"},
};

TestSuite(txn, .init = setup, .fini = teardown);

Test(txn, a_commit_shows_the_new_set_and_nothing_stale)
{
    txn *t = build(BOTH, 2, FIRST, 3);
    expect_shown("old.pdf", NULL); /* nothing before the commit */
    cr_assert_eq(txn_commit(t, d), 0);
    txn_end(t);
    expect_shown("old.pdf", "pdf 1");
    expect_shown("site/data/s3.csv", "chart 3");
    /* the deck renamed, chart 3 gone */
    static const char *const second[][3] = {
        {"pdf", "new.pdf", "pdf 2"},
        {"site", "site/index.html", "page 2"},
    };
    t = build(BOTH, 2, second, 2);
    cr_assert_eq(txn_commit(t, d), 0);
    txn_end(t);
    expect_shown("new.pdf", "pdf 2");
    expect_shown("site/index.html", "page 2");
    expect_shown("old.pdf", NULL);
    expect_shown("site/data/s3.csv", NULL);
    cr_expect_eq(diag_count(d), 0);
    /* no dangling link, one generation */
    struct stat st;
    char *link = fs_join(out, "old.pdf");
    cr_expect_neq(lstat(link, &st), 0, "the old PDF's link is removed");
    free(link);
    char *state = fs_join(out, ".shiryo");
    char **names;
    size_t n;
    cr_assert_eq(fs_list(state, "", &names, &n, d), 0);
    cr_expect_eq(n, 3, "current, one generation and the lock");
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    free(state);
}

Test(txn, a_transaction_not_committed_changes_nothing)
{
    txn *t = build(BOTH, 2, FIRST, 3);
    cr_assert_eq(txn_commit(t, d), 0);
    txn_end(t);
    static const char *const second[][3] = {
        {"pdf", "other.pdf", "pdf 2"},
        {"site", "site/index.html", "page 2"},
    };
    t = build(BOTH, 2, second, 2);
    char *stage = strdup(txn_dir(t));
    txn_end(t); /* a writer failed */
    expect_shown("old.pdf", "pdf 1");
    expect_shown("site/index.html", "page 1");
    expect_shown("site/data/s3.csv", "chart 3");
    expect_shown("other.pdf", NULL);
    struct stat st;
    char *link = fs_join(out, "other.pdf");
    cr_expect_neq(lstat(link, &st), 0, "no link is left for other.pdf");
    cr_expect_neq(lstat(stage, &st), 0, "the staging folder is removed");
    free(link);
    free(stage);
}

Test(txn, the_users_files_and_idle_writers_files_are_kept)
{
    txn *t = build(BOTH, 2, FIRST, 3);
    cr_assert_eq(txn_commit(t, d), 0);
    txn_end(t);
    char *keep = fs_join(out, "keep.txt");
    char *notes = fs_join(out, "site/notes.txt");
    cr_assert_eq(fs_write_atomic(keep, "mine", 4, d), 0);
    cr_assert_eq(fs_write_atomic(notes, "mine too", 8, d), 0);
    /* only the site runs: the PDF stays, chart 3 is the site's and goes */
    static const char *const site_only[][3] = {
        {"site", "site/index.html", "page 2"},
    };
    t = build(SITE, 1, site_only, 1);
    cr_assert_eq(txn_commit(t, d), 0);
    txn_end(t);
    expect_shown("keep.txt", "mine");
    expect_shown("site/notes.txt", "mine too");
    expect_shown("old.pdf", "pdf 1");
    expect_shown("site/index.html", "page 2");
    expect_shown("site/data/s3.csv", NULL);
    /* a writer's file over the user's: the writer's from then on */
    static const char *const over[][3] = {
        {"site", "site/index.html", "page 3"},
        {"site", "site/notes.txt", "generated"},
    };
    t = build(SITE, 1, over, 2);
    cr_assert_eq(txn_commit(t, d), 0);
    txn_end(t);
    expect_shown("site/notes.txt", "generated");
    t = build(SITE, 1, site_only, 1);
    cr_assert_eq(txn_commit(t, d), 0);
    txn_end(t);
    expect_shown("site/notes.txt", NULL);
    free(keep);
    free(notes);
}

Test(txn, an_earlier_versions_outputs_are_taken_over)
{
    /* real files where the links go, as an earlier version wrote them */
    char *pdf = fs_join(out, "old.pdf");
    char *page = fs_join(out, "site/index.html");
    char *csv = fs_join(out, "site/data/s9-f1.csv");
    char *copy = fs_join(out, "site/old.pdf");
    char *appendix = fs_join(out, "site/appendix.pdf");
    char *mine = fs_join(out, "site/mine.txt");
    cr_assert_eq(fs_mkdirs(out, d), 0);
    char *data = fs_join(out, "site/data");
    cr_assert_eq(fs_mkdirs(data, d), 0);
    cr_assert_eq(fs_write_atomic(pdf, "pdf 0", 5, d), 0);
    cr_assert_eq(fs_write_atomic(page, "page 0", 6, d), 0);
    cr_assert_eq(fs_write_atomic(csv, "chart 9", 7, d), 0);
    cr_assert_eq(fs_write_atomic(mine, "mine", 4, d), 0);
    cr_assert_eq(fs_write_atomic(copy, "pdf 0", 5, d), 0);
    cr_assert_eq(fs_write_atomic(appendix, "theirs", 6, d), 0);
    txn *t = build(BOTH, 2, FIRST, 3);
    cr_assert_eq(txn_commit(t, d), 0);
    txn_end(t);
    expect_shown("old.pdf", "pdf 1");
    expect_shown("site/index.html", "page 1");
    expect_shown("site/data/s9-f1.csv", NULL);
    expect_shown("site/old.pdf", NULL); /* the copy of out/old.pdf */
    expect_shown("site/mine.txt", "mine");
    expect_shown("site/appendix.pdf", "theirs"); /* no out/appendix.pdf */
    struct stat st;
    cr_expect(lstat(pdf, &st) == 0 && S_ISLNK(st.st_mode));
    free(pdf);
    free(page);
    free(csv);
    free(copy);
    free(appendix);
    free(mine);
    free(data);
}
