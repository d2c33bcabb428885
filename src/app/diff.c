#include "diff.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "deck_diff.h"
#include "diff_report.h"
#include "fsutil.h"
#include "project.h"
#include "xalloc.h"

/* A state made ready to load: its folder, what to call it, and the
 * temporary folder to remove after (a revision's), or NULL. */
typedef struct state {
    const char *given;
    char *dir;
    char *temp;
} state;

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Runs argv (argv[0] looked up on PATH) with its standard output into
 * the file out (NULL: discarded) and its errors into err.  The exit
 * status, or -1 when it could not run. */
static int run_cmd(char *const argv[], const char *out, buf *err)
{
    char errpath[] = "/tmp/shiryo-diff-err-XXXXXX";
    int efd = mkstemp(errpath);
    if (efd < 0)
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        int ofd =
            open(out ? out : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (ofd < 0 || dup2(ofd, 1) < 0 || dup2(efd, 2) < 0)
            _exit(127);
        /* git's messages read in one language: they are matched here */
        setenv("LC_ALL", "C", 1);
        execvp(argv[0], argv);
        _exit(127);
    }
    int st = -1;
    if (pid > 0)
        while (waitpid(pid, &st, 0) < 0)
            ;
    size_t len;
    char *text = fs_read(errpath, &len, NULL);
    if (text) {
        buf_put(err, text, len);
        while (err->len && (err->data[err->len - 1] == '\n'))
            err->data[--err->len] = '\0';
        free(text);
    }
    close(efd);
    unlink(errpath);
    if (pid < 0 || !WIFEXITED(st))
        return -1;
    return WEXITSTATUS(st);
}

/* The first line of a file (a command's output), or NULL. */
static char *first_line(const char *path)
{
    size_t len;
    char *t = fs_read(path, &len, NULL);
    if (!t)
        return NULL;
    t[strcspn(t, "\n")] = '\0';
    return t;
}

/* A git revision's data/ and templates/ exported into a new temporary
 * folder: 0, or -1 after an error. */
static int export_revision(state *s, diag_list *d)
{
    char tmpl[] = "/tmp/shiryo-diff-XXXXXX";
    if (!mkdtemp(tmpl)) {
        diag_add(d, DIAG_ERROR, NULL, 0, 0,
                 "cannot make a temporary folder for %s", s->given);
        return -1;
    }
    s->temp = xstrdup(tmpl);
    char *out = fs_join(tmpl, "git.out");
    buf err = BUF_INIT, spec = BUF_INIT;
    buf_printf(&spec, "%s^{commit}", s->given);
    char *rev[] = {
        "git", "rev-parse", "--verify", "--quiet", (char *)buf_cstr(&spec),
        NULL};
    int rc = run_cmd(rev, out, &err);
    if (rc == 127) {
        diag_add(d, DIAG_ERROR, NULL, 0, 0,
                 "\"%s\" is not a folder, and git, which reads revisions, "
                 "is not installed",
                 s->given);
        diag_hint(d, "install git (apt-get install git), or give two "
                     "folders that hold data/ and templates/");
        rc = -1;
    } else if (rc != 0 && strstr(buf_cstr(&err), "not a git repository")) {
        diag_add(d, DIAG_ERROR, NULL, 0, 0,
                 "\"%s\" is not a folder, and this folder is not in a git "
                 "repository, so it names no revision",
                 s->given);
        diag_hint(d, "run shiryo diff in the project's git repository, or "
                     "give two folders that hold data/ and templates/");
        rc = -1;
    } else if (rc != 0) {
        diag_add(d, DIAG_ERROR, NULL, 0, 0,
                 "\"%s\" is neither a project folder nor a git revision of "
                 "this project",
                 s->given);
        diag_hint(d, "give two folders that hold data/ and templates/, or two "
                     "revisions such as HEAD~1 HEAD (in the project's git "
                     "repository)");
        rc = -1;
    }
    char *commit = rc == 0 ? first_line(out) : NULL;
    char *prefix = NULL;
    if (rc == 0) {
        char *pre[] = {"git", "rev-parse", "--show-prefix", NULL};
        rc = run_cmd(pre, out, &err) == 0 ? 0 : -1;
        prefix = rc == 0 ? first_line(out) : NULL;
        if (!prefix)
            rc = -1;
    }
    char *tar = fs_join(tmpl, "state.tar");
    s->dir = fs_join(tmpl, "state");
    if (rc == 0) {
        buf tree = BUF_INIT;
        buf_printf(&tree, "%s:%s", commit, prefix);
        char *arch[] = {"git", "archive", "--format=tar",
                        "-o",  tar,       (char *)buf_cstr(&tree),
                        "--",  "data",    "templates",
                        NULL};
        buf_reset(&err);
        if (run_cmd(arch, NULL, &err) != 0) {
            diag_add(d, DIAG_ERROR, NULL, 0, 0,
                     "cannot read data/ and templates/ of %s: %s", s->given,
                     buf_cstr(&err));
            diag_hint(d, "the revision must hold the deck's data/ and "
                         "templates/ folders at this folder's place");
            rc = -1;
        }
        buf_free(&tree);
    }
    if (rc == 0) {
        char *x[] = {"tar", "-xf", tar, "-C", s->dir, NULL};
        buf_reset(&err);
        if (mkdir(s->dir, 0700) != 0 || run_cmd(x, NULL, &err) != 0) {
            diag_add(d, DIAG_ERROR, NULL, 0, 0, "cannot unpack %s: %s",
                     s->given, buf_cstr(&err));
            rc = -1;
        }
    }
    free(tar);
    free(commit);
    free(prefix);
    free(out);
    buf_free(&err);
    buf_free(&spec);
    return rc;
}

static int prepare(state *s, diag_list *d)
{
    if (is_dir(s->given)) {
        s->dir = xstrdup(s->given);
        return 0;
    }
    return export_revision(s, d);
}

/* The deck of a state, loaded as `shiryo check` loads one; NULL after
 * errors. */
static project *load(const state *s, csv_encoding enc, diag_list *d)
{
    int here = strcmp(s->dir, ".") == 0; /* named as build names them */
    char *data = here ? xstrdup("data") : fs_join(s->dir, "data");
    char *tpl = here ? xstrdup("templates") : fs_join(s->dir, "templates");
    project_opts po = {data, tpl, enc};
    size_t before = diag_error_count(d);
    project *p = project_load(&po, d);
    if (s->temp) {
        buf from = BUF_INIT, to = BUF_INIT;
        buf_printf(&from, "%s/", s->dir);
        buf_printf(&to, "%s:", s->given);
        diag_relabel(d, buf_cstr(&from), buf_cstr(&to));
        buf_free(&from);
        buf_free(&to);
    }
    free(data);
    free(tpl);
    if (diag_error_count(d) != before || !p->deck) {
        project_free(p);
        return NULL;
    }
    return p;
}

diff_status diff_run(const diff_opts *o, buf *text, buf *html, diag_list *d)
{
    state s[2] = {{o->old_state ? o->old_state : "HEAD", NULL, NULL},
                  {o->new_state ? o->new_state : ".", NULL, NULL}};
    project *p[2] = {NULL, NULL};
    diff_status st = DIFF_TROUBLE;
    if (prepare(&s[0], d) == 0 && prepare(&s[1], d) == 0) {
        p[0] = load(&s[0], o->encoding, d);
        p[1] = load(&s[1], o->encoding, d);
    }
    if (p[0] && p[1]) {
        deck_diff *dd = deck_diff_make(p[0]->deck, p[1]->deck);
        diff_report_text(dd, s[0].given, s[1].given, text);
        if (html)
            diff_report_html(dd, s[0].given, s[1].given, html);
        st = dd->nchanges ? DIFF_CHANGED : DIFF_SAME;
        deck_diff_free(dd);
    }
    for (int i = 0; i < 2; i++) {
        project_free(p[i]);
        if (s[i].temp)
            fs_remove_tree(s[i].temp);
        free(s[i].temp);
        free(s[i].dir);
    }
    return st;
}
