#include "init.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "fsutil.h"
#include "xalloc.h"

#ifndef SHIRYO_DATADIR
#define SHIRYO_DATADIR "/usr/local/share/shiryo"
#endif

/* A deck is shallow (data/, templates/, maybe a fonts/ folder); deeper
 * trees are not decks of ours. */
enum { MAX_DEPTH = 4 };

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* <dir of the running binary>/../share/shiryo, or NULL. */
static char *beside_binary(void)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return NULL;
    *slash = '\0';
    buf b = BUF_INIT;
    buf_printf(&b, "%s/../share/shiryo", exe);
    return buf_detach(&b);
}

char *init_find_deck(const char *kind, diag_list *d)
{
    const char *env = getenv("SHIRYO_DATADIR");
    char *near = beside_binary();
    const char *places[3] = {env && *env ? env : NULL, near, SHIRYO_DATADIR};
    buf tried = BUF_INIT;
    char *found = NULL;
    for (size_t i = 0; i < 3 && !found; i++) {
        if (!places[i])
            continue;
        char *p = fs_join(places[i], kind);
        if (is_dir(p))
            found = p;
        else {
            buf_printf(&tried, "%s%s", tried.len ? ", " : "", p);
            free(p);
        }
    }
    if (!found) {
        diag_add(d, DIAG_ERROR, NULL, 0, 0,
                 "cannot find the %s deck installed with shiryo (looked in "
                 "%s)",
                 kind, buf_cstr(&tried));
        diag_hint(d, "install shiryo with `make install`, or set "
                     "SHIRYO_DATADIR to the folder that holds starter/ and "
                     "example/");
    }
    buf_free(&tried);
    free(near);
    return found;
}

typedef struct file_list {
    char **rel;
    size_t n, cap;
} file_list;

/* Adds the regular files below src/rel to the list. */
static int walk(const char *src, const char *rel, int depth, file_list *fl,
                diag_list *d)
{
    char *dir = rel[0] ? fs_join(src, rel) : xstrdup(src);
    char **names;
    size_t n;
    int rc = fs_list(dir, "", &names, &n, d);
    for (size_t i = 0; i < n; i++) {
        char *r = rel[0] ? fs_join(rel, names[i]) : xstrdup(names[i]);
        char *full = fs_join(src, r);
        struct stat st;
        if (stat(full, &st) == 0 && S_ISDIR(st.st_mode) && depth < MAX_DEPTH) {
            if (walk(src, r, depth + 1, fl, d) != 0)
                rc = -1;
            free(r);
        } else if (stat(full, &st) == 0 && S_ISREG(st.st_mode)) {
            fl->rel = xgrow(fl->rel, &fl->cap, fl->n + 1, sizeof *fl->rel);
            fl->rel[fl->n++] = r;
        } else {
            free(r);
        }
        free(full);
        free(names[i]);
    }
    free(names);
    free(dir);
    return rc;
}

static int copy_file(const char *from, const char *to, diag_list *d)
{
    size_t len;
    char *data = fs_read(from, &len, d);
    if (!data)
        return -1;
    char *parent = xstrdup(to);
    char *slash = strrchr(parent, '/');
    int rc = 0;
    if (slash && slash != parent) {
        *slash = '\0';
        rc = fs_mkdirs(parent, d);
    }
    if (rc == 0)
        rc = fs_write_atomic(to, data, len, d);
    free(parent);
    free(data);
    return rc;
}

long init_copy_deck(const char *src, const char *dst, char ***written,
                    diag_list *d)
{
    file_list fl = {NULL, 0, 0};
    if (written)
        *written = NULL;
    if (walk(src, "", 0, &fl, d) != 0 || fl.n == 0) {
        if (fl.n == 0)
            diag_add(d, DIAG_ERROR, src, 0, 0, "the installed deck is empty");
        for (size_t i = 0; i < fl.n; i++)
            free(fl.rel[i]);
        free(fl.rel);
        return -1;
    }
    long rc = 0;
    for (size_t i = 0; i < fl.n; i++) {
        char *to = fs_join(dst, fl.rel[i]);
        struct stat st;
        if (lstat(to, &st) == 0) {
            diag_add(d, DIAG_ERROR, to, 0, 0, "exists already; not overwritten");
            rc = -1;
        }
        free(to);
    }
    if (rc == 0) {
        for (size_t i = 0; i < fl.n && rc == 0; i++) {
            char *from = fs_join(src, fl.rel[i]);
            char *to = fs_join(dst, fl.rel[i]);
            if (copy_file(from, to, d) != 0)
                rc = -1;
            free(from);
            free(to);
        }
    } else {
        diag_hint(d, "choose a new folder, or remove the files named above");
    }
    if (rc == 0)
        rc = (long)fl.n;
    if (rc >= 0 && written) {
        *written = fl.rel;
    } else {
        for (size_t i = 0; i < fl.n; i++)
            free(fl.rel[i]);
        free(fl.rel);
    }
    return rc;
}
