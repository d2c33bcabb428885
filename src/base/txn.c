#define _GNU_SOURCE /* renameat2's RENAME_EXCHANGE, sync_file_range */
#include "txn.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "fsutil.h"
#include "i18n.h"
#include "xalloc.h"

#define STATE ".shiryo"
#define LINK_PREFIX STATE "/current/"
#define MANIFEST ".manifest"
#define LEGACY "legacy"

typedef struct entry {
    char *path; /* relative to the generation */
    char *tag;  /* the writer that wrote it; NULL: the user's */
    ino_t ino;
    int carried; /* linked from the previous generation */
} entry;

struct txn {
    char *out;   /* OUT */
    char *state; /* OUT/.shiryo */
    char *cur;   /* the current generation's name, or NULL */
    char *gen;   /* the staging generation's name */
    char *stage; /* OUT/.shiryo/GEN */
    int lock;
    int committed;
    entry *e;
    size_t n, cap;
    char **links; /* links this build made in OUT, removed if it fails */
    size_t nlinks, links_cap;
};

static int io_error(diag_list *d, const char *path, const char *what)
{
    diag_add(d, DIAG_ERROR, path, 0, 0, "%s: %s", _(what), strerror(errno));
    return -1;
}

/* Calls fn for every file (not folder) under root/rel, with its path
 * relative to root; hidden names directly under root are skipped when
 * skip_hidden.  0, or the first nonzero fn result, or -1 (errno) when a
 * folder cannot be read. */
typedef int (*visit_fn)(void *ctx, const char *rel, const struct stat *st);
static int walk(const char *root, const char *rel, int skip_hidden, visit_fn fn,
                void *ctx)
{
    char *dir = rel[0] ? fs_join(root, rel) : xstrdup(root);
    DIR *dp = opendir(dir);
    if (!dp) {
        free(dir);
        return -1;
    }
    int rc = 0;
    struct dirent *de;
    while (rc == 0 && (de = readdir(dp)) != NULL) {
        const char *nm = de->d_name;
        if (strcmp(nm, ".") == 0 || strcmp(nm, "..") == 0 ||
            (skip_hidden && !rel[0] && nm[0] == '.'))
            continue;
        char *r = rel[0] ? fs_join(rel, nm) : xstrdup(nm);
        char *p = fs_join(dir, nm);
        struct stat st;
        if (lstat(p, &st) != 0)
            rc = -1;
        else if (S_ISDIR(st.st_mode))
            rc = walk(root, r, skip_hidden, fn, ctx);
        else if (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode))
            rc = fn(ctx, r, &st);
        free(p);
        free(r);
    }
    int saved = errno;
    closedir(dp);
    free(dir);
    errno = saved;
    return rc;
}

/* Makes the parent folders of root/rel. 0 or -1 (errno). */
static int make_parents(const char *root, const char *rel)
{
    char *p = fs_join(root, rel);
    size_t skip = strlen(root) + 1;
    for (char *s = p + skip; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            free(p);
            return -1;
        }
        *s = '/';
    }
    free(p);
    return 0;
}

/* Links (or, for a symlink, copies) src to dst, making dst's folders
 * under root. 0 or -1 (errno); an existing dst is left alone. */
static int link_file(const char *src, const char *root, const char *rel)
{
    if (make_parents(root, rel) != 0)
        return -1;
    char *dst = fs_join(root, rel);
    struct stat st;
    int rc = lstat(src, &st);
    if (rc == 0 && S_ISLNK(st.st_mode)) {
        char target[4096];
        ssize_t n = readlink(src, target, sizeof target - 1);
        rc = n < 0 ? -1 : (target[n] = '\0', symlink(target, dst));
    } else if (rc == 0) {
        rc = link(src, dst);
    }
    if (rc != 0 && errno == EEXIST)
        rc = 0;
    free(dst);
    return rc;
}

static int fsync_path(const char *path, int dir)
{
    int fd = open(path, (dir ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    int saved = errno;
    close(fd);
    errno = saved;
    return rc;
}

/* Is name "NAME.tmp-PID", a temporary file of a process that is gone? */
static int dead_temp(const char *name)
{
    const char *t = strstr(name, ".tmp-");
    if (!t || !t[5])
        return 0;
    for (const char *p = t + 5; *p; p++)
        if (*p < '0' || *p > '9')
            return 0;
    long pid = strtol(t + 5, NULL, 10);
    return pid > 0 && kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

/* The target of OUT/name when it is one of our links, else NULL. */
static int our_link(const char *out, const char *name)
{
    char *p = fs_join(out, name);
    char target[4096];
    ssize_t n = readlink(p, target, sizeof target - 1);
    free(p);
    if (n < 0)
        return 0;
    target[n] = '\0';
    size_t pl = strlen(LINK_PREFIX);
    return strncmp(target, LINK_PREFIX, pl) == 0 &&
           strcmp(target + pl, name) == 0;
}

/* ---- the manifest ------------------------------------------------------ */

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->path, ((const entry *)b)->path);
}

static entry *find(txn *t, const char *path)
{
    entry key = {(char *)path, NULL, 0, 0};
    return t->n ? bsearch(&key, t->e, t->n, sizeof *t->e, cmp_entry) : NULL;
}

static void add_entry(txn *t, const char *path, const char *tag, ino_t ino,
                      int carried)
{
    t->e = xgrow(t->e, &t->cap, t->n + 1, sizeof *t->e);
    t->e[t->n++] =
        (entry){xstrdup(path), tag ? xstrdup(tag) : NULL, ino, carried};
}

static void sort_entries(txn *t)
{
    if (t->n)
        qsort(t->e, t->n, sizeof *t->e, cmp_entry);
}

/* The tag of path in a generation's manifest text (lines "TAG\tPATH"),
 * or NULL (the user's file). */
static const char *manifest_tag(const char *text, const char *path, buf *tag)
{
    size_t pl = strlen(path);
    for (const char *l = text; l && *l;) {
        const char *nl = strchr(l, '\n');
        const char *end = nl ? nl : l + strlen(l);
        const char *tab = memchr(l, '\t', (size_t)(end - l));
        if (tab && (size_t)(end - tab - 1) == pl &&
            memcmp(tab + 1, path, pl) == 0) {
            buf_reset(tag);
            buf_put(tag, l, (size_t)(tab - l));
            return buf_cstr(tag);
        }
        l = nl ? nl + 1 : NULL;
    }
    return NULL;
}

static int in_list(const char *s, const char *const *l, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, l[i]) == 0)
            return 1;
    return 0;
}

typedef struct carry_ctx {
    txn *t;
    const txn_writers *w;
    const char *from; /* the current generation's folder */
    char *manifest;
    buf tag;
} carry_ctx;

static int carry_one(void *ctx, const char *rel, const struct stat *st)
{
    carry_ctx *c = ctx;
    const char *tag = manifest_tag(c->manifest, rel, &c->tag);
    if (tag && (!in_list(tag, c->w->all, c->w->nall) ||
                in_list(tag, c->w->running, c->w->nrunning)))
        return 0;
    char *src = fs_join(c->from, rel);
    int rc = link_file(src, c->t->stage, rel);
    free(src);
    if (rc == 0)
        add_entry(c->t, rel, tag, st->st_ino, 1);
    return rc;
}

/* Links the files of the current generation that this build keeps. */
static int carry(txn *t, const txn_writers *w, diag_list *d)
{
    if (!t->cur)
        return 0;
    carry_ctx c = {t, w, NULL, NULL, BUF_INIT};
    c.from = fs_join(t->state, t->cur);
    char *mpath = fs_join(c.from, MANIFEST);
    size_t len;
    diag_list *quiet = diag_list_new();
    c.manifest = fs_read(mpath, &len, quiet);
    diag_list_free(quiet);
    int rc = walk(c.from, "", 1, carry_one, &c);
    if (rc != 0)
        io_error(d, t->out, N_("cannot keep the earlier files"));
    sort_entries(t);
    free(mpath);
    free(c.manifest);
    buf_free(&c.tag);
    free((char *)c.from);
    return rc;
}

/* ---- begin: lock, clean up, stage ------------------------------------- */

static int take_lock(txn *t, const volatile sig_atomic_t *stop, diag_list *d)
{
    char *p = fs_join(t->state, "lock");
    t->lock = open(p, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    int rc = 0;
    if (t->lock < 0) {
        rc = io_error(d, p, N_("cannot open the lock file"));
    } else {
        while (flock(t->lock, LOCK_EX) != 0) {
            if (errno == EINTR && !(stop && *stop))
                continue;
            rc = io_error(d, p,
                          errno == EINTR ? "interrupted while waiting for "
                                           "another build"
                                         : "cannot lock");
            break;
        }
    }
    free(p);
    return rc;
}

static char *read_current(const txn *t)
{
    char *p = fs_join(t->state, "current");
    char target[256];
    ssize_t n = readlink(p, target, sizeof target - 1);
    free(p);
    if (n <= 0)
        return NULL;
    target[n] = '\0';
    if (strncmp(target, "gen-", 4) != 0 || strchr(target, '/'))
        return NULL;
    /* a generation removed by hand is no generation: start afresh */
    char *g = fs_join(t->state, target);
    struct stat st;
    int ok = lstat(g, &st) == 0 && S_ISDIR(st.st_mode);
    free(g);
    return ok ? xstrdup(target) : NULL;
}

/* Removes, in dir, every NAME.tmp-PID file whose process is gone. */
static void clean_temps(const char *dir)
{
    DIR *dp = opendir(dir);
    if (!dp)
        return;
    struct dirent *de;
    while ((de = readdir(dp)) != NULL) {
        if (!dead_temp(de->d_name))
            continue;
        char *p = fs_join(dir, de->d_name);
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISREG(st.st_mode))
            unlink(p);
        free(p);
    }
    closedir(dp);
}

/* What killed builds left behind: other generations, temporary links,
 * swapped-out folders, dangling links of ours, temporary files of an
 * earlier version.  Best effort: what cannot be removed now is tried
 * again by the next build. */
static void clean_up(txn *t)
{
    DIR *dp = opendir(t->state);
    struct dirent *de;
    while (dp && (de = readdir(dp)) != NULL) {
        const char *nm = de->d_name;
        if ((strncmp(nm, "gen-", 4) == 0 &&
             !(t->cur && strcmp(nm, t->cur) == 0)) ||
            strncmp(nm, "current.tmp-", 12) == 0) {
            char *p = fs_join(t->state, nm);
            fs_remove_tree(p);
            free(p);
        }
    }
    if (dp)
        closedir(dp);
    dp = opendir(t->out);
    while (dp && (de = readdir(dp)) != NULL) {
        const char *nm = de->d_name;
        char *p = fs_join(t->out, nm);
        struct stat st;
        if (strncmp(nm, ".shiryo-swap-", 13) == 0)
            fs_remove_tree(p);
        else if (our_link(t->out, nm) && stat(p, &st) != 0 && errno == ENOENT)
            unlink(p);
        free(p);
    }
    if (dp)
        closedir(dp);
    static const char *const legacy[] = {"", "site", "site/data"};
    for (size_t i = 0; i < 3; i++) {
        char *p = fs_join(t->out, legacy[i]);
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
            clean_temps(p);
        free(p);
    }
}

/* A new, empty generation folder; its name is the caller's. */
static char *new_gen(const txn *t, diag_list *d)
{
    static unsigned long count;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    for (int tries = 0; tries < 100; tries++) {
        buf name = BUF_INIT;
        buf_printf(&name, "gen-%ld-%lx%lu", (long)getpid(),
                   (unsigned long)ts.tv_nsec, count++);
        char *p = fs_join(t->state, buf_cstr(&name));
        int rc = mkdir(p, 0777);
        int saved = errno;
        free(p);
        if (rc == 0)
            return buf_detach(&name);
        buf_free(&name);
        if (saved != EEXIST) {
            errno = saved;
            io_error(d, t->state, N_("cannot create the staging folder"));
            return NULL;
        }
    }
    io_error(d, t->state, N_("cannot create the staging folder"));
    return NULL;
}

txn *txn_begin(const char *out_dir, const txn_writers *w,
               const volatile sig_atomic_t *stop, diag_list *d)
{
    if (fs_mkdirs(out_dir, d) != 0)
        return NULL;
    txn *t = xcalloc(1, sizeof *t);
    t->lock = -1;
    t->out = xstrdup(out_dir);
    t->state = fs_join(out_dir, STATE);
    struct stat st;
    if (mkdir(t->state, 0777) != 0 && errno != EEXIST) {
        io_error(d, t->state, N_("cannot create the folder"));
        txn_end(t);
        return NULL;
    }
    if (lstat(t->state, &st) != 0 || !S_ISDIR(st.st_mode)) {
        diag_add(d, DIAG_ERROR, t->state, 0, 0,
                 "shiryo keeps the state of its outputs in this folder, but "
                 "it is not a folder");
        diag_hint(d, "remove it, or choose another output folder with -o");
        txn_end(t);
        return NULL;
    }
    if (take_lock(t, stop, d) != 0) {
        txn_end(t);
        return NULL;
    }
    t->cur = read_current(t);
    clean_up(t);
    t->gen = new_gen(t, d);
    if (!t->gen) {
        txn_end(t);
        return NULL;
    }
    t->stage = fs_join(t->state, t->gen);
    if (carry(t, w, d) != 0) {
        txn_end(t);
        return NULL;
    }
    return t;
}

const char *txn_dir(const txn *t) { return t->stage; }

/* ---- claim ------------------------------------------------------------- */

typedef struct claim_ctx {
    txn *t;
    const char *writer;
    size_t n0; /* entries before this walk (sorted) */
} claim_ctx;

static int claim_one(void *ctx, const char *rel, const struct stat *st)
{
    claim_ctx *c = ctx;
    txn *t = c->t;
    size_t n = t->n;
    t->n = c->n0; /* search only the sorted part */
    entry *e = find(t, rel);
    t->n = n;
    if (!e) {
        add_entry(t, rel, c->writer, st->st_ino, 0);
    } else if (e->carried && e->ino != st->st_ino) {
        free(e->tag);
        e->tag = xstrdup(c->writer);
        e->carried = 0;
    }
    return 0;
}

int txn_claim(txn *t, const char *writer, diag_list *d)
{
    claim_ctx c = {t, writer, t->n};
    int rc = walk(t->stage, "", 1, claim_one, &c);
    sort_entries(t);
    if (rc != 0)
        return io_error(d, t->stage, N_("cannot read the staging folder"));
    return 0;
}

/* ---- commit ------------------------------------------------------------ */

/* Flushing the generation: every file, then every folder that holds one,
 * each folder once (a deck of 31 slides has 23 files in site/data; one
 * fsync per file and per folder was 51 fsyncs and most of the wall time
 * of a build).  Before the first fsync, the writing of every file is
 * started (sync_file_range), so that the disk works on all of them while
 * the fsyncs wait in turn. */
typedef struct sync_ctx {
    const char *root;
    char **dirs; /* the folders to flush, each once */
    size_t ndirs;
} sync_ctx;

static int start_one(void *ctx, const char *rel, const struct stat *st)
{
    const sync_ctx *c = ctx;
    if (!S_ISREG(st->st_mode))
        return 0;
    char *p = fs_join(c->root, rel);
    int fd = open(p, O_RDONLY | O_CLOEXEC);
    free(p);
    if (fd >= 0) { /* only a head start: fsync below is the guarantee */
        (void)sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
        close(fd);
    }
    return 0;
}

static int sync_one(void *ctx, const char *rel, const struct stat *st)
{
    sync_ctx *c = ctx;
    if (!S_ISREG(st->st_mode))
        return 0;
    char *p = fs_join(c->root, rel);
    int rc = fsync_path(p, 0);
    char *slash = strrchr(p, '/'); /* and the folder that holds it */
    *slash = '\0';
    size_t i = 0;
    while (i < c->ndirs && strcmp(c->dirs[i], p) != 0)
        i++;
    if (i == c->ndirs) {
        c->dirs = xrealloc(c->dirs, (c->ndirs + 1) * sizeof *c->dirs);
        c->dirs[c->ndirs++] = p;
    } else {
        free(p);
    }
    return rc;
}

/* 0, or -1 (errno) when a file or folder cannot be flushed. */
static int sync_tree(const char *root)
{
    sync_ctx c = {root, NULL, 0};
    int rc = walk(root, "", 0, start_one, &c);
    if (rc == 0)
        rc = walk(root, "", 0, sync_one, &c);
    for (size_t i = 0; i < c.ndirs; i++) {
        if (rc == 0)
            rc = fsync_path(c.dirs[i], 1);
        free(c.dirs[i]);
    }
    free(c.dirs);
    return rc;
}

static int write_manifest(txn *t, diag_list *d)
{
    buf b = BUF_INIT;
    for (size_t i = 0; i < t->n; i++)
        if (t->e[i].tag)
            buf_printf(&b, "%s\t%s\n", t->e[i].tag, t->e[i].path);
    char *p = fs_join(t->stage, MANIFEST);
    int rc = fs_write_atomic(p, b.data ? b.data : "", b.len, d);
    free(p);
    buf_free(&b);
    return rc;
}

/* Points OUT/.shiryo/current at gen: the commit point.  0 or -1. */
static int switch_to(txn *t, const char *gen, diag_list *d)
{
    buf tmp = BUF_INIT;
    buf_printf(&tmp, "%s/current.tmp-%ld", t->state, (long)getpid());
    char *cur = fs_join(t->state, "current");
    unlink(buf_cstr(&tmp));
    int rc = 0;
    if (symlink(gen, buf_cstr(&tmp)) != 0) {
        rc = io_error(d, t->state, N_("cannot switch to the new outputs"));
    } else if (rename(buf_cstr(&tmp), cur) != 0) {
        rc = io_error(d, t->state, N_("cannot switch to the new outputs"));
        unlink(buf_cstr(&tmp));
    }
    free(cur);
    buf_free(&tmp);
    return rc;
}

/* Is rel (under out) a file an earlier version of shiryo wrote: a PDF
 * the new set has at that name, the site's page, a chart's data file
 * (site/data/sN-fM.csv), the site's copy of a PDF that is also in out, or
 * a temporary file?  Anything else is the user's and is kept. */
static int legacy_file(const char *out, const char *rel)
{
    const char *t = strstr(rel, ".tmp-");
    if (t && t[5] && strspn(t + 5, "0123456789") == strlen(t + 5))
        return 1;
    size_t n = strlen(rel);
    int pdf = n > 4 && strcmp(rel + n - 4, ".pdf") == 0;
    if (!strchr(rel, '/')) /* adopted only when the new set writes it */
        return pdf;
    if (strcmp(rel, "site/index.html") == 0)
        return 1;
    if (strncmp(rel, "site/data/s", 11) == 0) {
        const char *p = rel + 11;
        size_t k = strspn(p, "0123456789");
        if (k == 0 || strncmp(p + k, "-f", 2) != 0)
            return 0;
        p += k + 2;
        k = strspn(p, "0123456789");
        return k > 0 && strcmp(p + k, ".csv") == 0;
    }
    if (!pdf || strncmp(rel, "site/", 5) != 0 || strchr(rel + 5, '/'))
        return 0;
    char *top = fs_join(out, rel + 5);
    struct stat st;
    int r = stat(top, &st) == 0 && S_ISREG(st.st_mode);
    free(top);
    return r;
}

typedef struct adopt_ctx {
    txn *t;
    const char *curdir; /* the current generation's folder */
    buf manifest;       /* lines for its manifest */
    int listing;        /* only list the earlier version's files */
} adopt_ctx;

static int adopt_one(void *ctx, const char *rel, const struct stat *st)
{
    adopt_ctx *a = ctx;
    txn *t = a->t;
    if (a->listing) {
        if (legacy_file(t->out, rel))
            buf_printf(&a->manifest, LEGACY "\t%s\n", rel);
        return 0;
    }
    char *src = fs_join(t->out, rel);
    int rc = link_file(src, a->curdir, rel);
    char *in_stage = fs_join(t->stage, rel);
    struct stat sst;
    if (rc == 0 && !legacy_file(t->out, rel) && lstat(in_stage, &sst) != 0) {
        /* the user's file, kept in the new generation too */
        rc = link_file(src, t->stage, rel);
        if (rc == 0)
            add_entry(t, rel, NULL, st->st_ino, 1);
    }
    free(in_stage);
    free(src);
    return rc;
}

/* Replaces OUT/name (a file or folder of an earlier version) by our link,
 * after hard-linking what it holds into the current generation, so that
 * what OUT shows stays the same. */
static int adopt(txn *t, const char *name, int is_dir, diag_list *d)
{
    if (!t->cur) { /* a current generation to adopt into, empty */
        char *g = new_gen(t, d);
        if (!g || switch_to(t, g, d) != 0) {
            free(g);
            return -1;
        }
        t->cur = g;
    }
    adopt_ctx a = {t, fs_join(t->state, t->cur), BUF_INIT, 1};
    char *path = fs_join(t->out, name);
    { /* the current generation's manifest, added to */
        char *m = fs_join(a.curdir, MANIFEST);
        size_t len;
        diag_list *quiet = diag_list_new();
        char *text = fs_read(m, &len, quiet);
        diag_list_free(quiet);
        if (text)
            buf_put(&a.manifest, text, len);
        free(text);
        free(m);
    }
    /* the manifest first, so that a build that stops halfway through
     * leaves the earlier version's files known as shiryo's */
    char *mpath = fs_join(a.curdir, MANIFEST);
    int rc = 0;
    for (int pass = 0; pass < 2 && rc == 0; pass++) {
        a.listing = pass == 0;
        if (is_dir) {
            rc = walk(t->out, name, 0, adopt_one, &a);
        } else {
            struct stat st;
            rc = lstat(path, &st) != 0 ? -1 : adopt_one(&a, name, &st);
        }
        if (rc != 0)
            io_error(d, path, N_("cannot take over the earlier output"));
        else if (pass == 0)
            rc = fs_write_atomic(mpath, a.manifest.data ? a.manifest.data : "",
                                 a.manifest.len, d);
    }
    sort_entries(t);
    if (rc != 0) {
        free(mpath);
        free((char *)a.curdir);
        buf_free(&a.manifest);
        free(path);
        return -1;
    }
    buf swap = BUF_INIT, target = BUF_INIT;
    buf_printf(&swap, "%s/.shiryo-swap-%s-%ld", t->out, name, (long)getpid());
    buf_printf(&target, LINK_PREFIX "%s", name);
    fs_remove_tree(buf_cstr(&swap));
    rc = symlink(buf_cstr(&target), buf_cstr(&swap));
    if (rc == 0 && is_dir) {
        /* one atomic exchange; where the file system has none, two
         * renames (the folder is absent in between, once) */
        rc = renameat2(AT_FDCWD, buf_cstr(&swap), AT_FDCWD, path,
                       RENAME_EXCHANGE);
        if (rc != 0 && (errno == EINVAL || errno == ENOSYS)) {
            buf old = BUF_INIT;
            buf_printf(&old, "%s/.shiryo-swap-old-%s-%ld", t->out, name,
                       (long)getpid());
            rc = rename(path, buf_cstr(&old));
            if (rc == 0 && (rc = rename(buf_cstr(&swap), path)) != 0)
                rename(buf_cstr(&old), path);
            if (rc == 0)
                fs_remove_tree(buf_cstr(&old));
            buf_free(&old);
        }
        if (rc == 0)
            fs_remove_tree(buf_cstr(&swap));
    } else if (rc == 0) {
        rc = rename(buf_cstr(&swap), path);
    }
    if (rc != 0) {
        io_error(d, path, N_("cannot replace the earlier output by a link"));
        unlink(buf_cstr(&swap));
    }
    buf_free(&swap);
    buf_free(&target);
    free(mpath);
    free((char *)a.curdir);
    buf_free(&a.manifest);
    free(path);
    return rc;
}

static int is_dir(const char *dir, const char *name)
{
    char *p = fs_join(dir, name);
    struct stat st;
    int r = lstat(p, &st) == 0 && S_ISDIR(st.st_mode);
    free(p);
    return r;
}

/* Gives every top-level name of the staging folder its link in OUT. */
static int link_names(txn *t, diag_list *d)
{
    char **names;
    size_t n;
    if (fs_list(t->stage, "", &names, &n, d) != 0)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        char *path = fs_join(t->out, names[i]);
        struct stat st;
        if (lstat(path, &st) != 0) {
            buf target = BUF_INIT;
            buf_printf(&target, LINK_PREFIX "%s", names[i]);
            if (errno != ENOENT || symlink(buf_cstr(&target), path) != 0) {
                rc = io_error(d, path, N_("cannot create the link"));
            } else {
                t->links = xgrow(t->links, &t->links_cap, t->nlinks + 1,
                                 sizeof *t->links);
                t->links[t->nlinks++] = xstrdup(path);
            }
            buf_free(&target);
        } else if (S_ISLNK(st.st_mode)) {
            if (!our_link(t->out, names[i])) {
                diag_add(d, DIAG_ERROR, path, 0, 0,
                         "a symbolic link shiryo did not make is in the way");
                diag_hint(d, "remove it, or choose another output folder "
                             "with -o");
                rc = -1;
            }
        } else if ((S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)) &&
                   is_dir(t->stage, names[i]) == S_ISDIR(st.st_mode)) {
            rc = adopt(t, names[i], S_ISDIR(st.st_mode), d);
        } else if (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)) {
            diag_add(d, DIAG_ERROR, path, 0, 0,
                     "a %s is in the way of the %s shiryo writes here",
                     S_ISDIR(st.st_mode) ? _("folder") : _("file"),
                     S_ISDIR(st.st_mode) ? _("file") : _("folder"));
            diag_hint(d, "move it, or choose another output folder with -o");
            rc = -1;
        } else {
            diag_add(d, DIAG_ERROR, path, 0, 0,
                     "a special file is in the way of an output");
            diag_hint(d, "remove it, or choose another output folder with -o");
            rc = -1;
        }
        free(path);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

/* After the switch: our links to names the new generation lacks, and the
 * previous generation.  Problems are warnings: the outputs are in. */
static void remove_stale(txn *t, diag_list *d)
{
    DIR *dp = opendir(t->out);
    struct dirent *de;
    while (dp && (de = readdir(dp)) != NULL) {
        if (!our_link(t->out, de->d_name))
            continue;
        char *in_gen = fs_join(t->stage, de->d_name);
        struct stat st;
        if (lstat(in_gen, &st) != 0) {
            char *p = fs_join(t->out, de->d_name);
            if (unlink(p) != 0)
                diag_add(d, DIAG_WARNING, p, 0, 0,
                         "cannot remove the stale output: %s", strerror(errno));
            free(p);
        }
        free(in_gen);
    }
    if (dp)
        closedir(dp);
    if (t->cur) {
        char *old = fs_join(t->state, t->cur);
        if (fs_remove_tree(old) != 0)
            diag_add(d, DIAG_WARNING, old, 0, 0,
                     "cannot remove the earlier outputs: %s; the next build "
                     "tries again",
                     strerror(errno));
        free(old);
    }
}

int txn_commit(txn *t, diag_list *d)
{
    if (link_names(t, d) != 0)
        return -1;
    if (write_manifest(t, d) != 0)
        return -1;
    if (sync_tree(t->stage) != 0 ||
        fsync_path(t->stage, 1) != 0 || fsync_path(t->state, 1) != 0)
        return io_error(d, t->stage,
                        N_("cannot flush the new outputs to disk"));
    if (switch_to(t, t->gen, d) != 0)
        return -1;
    t->committed = 1;
    if (fsync_path(t->state, 1) != 0)
        diag_add(d, DIAG_WARNING, t->state, 0, 0,
                 "cannot flush the switch to disk: %s", strerror(errno));
    remove_stale(t, d);
    return 0;
}

void txn_end(txn *t)
{
    if (!t)
        return;
    if (t->stage && !t->committed)
        fs_remove_tree(t->stage);
    for (size_t i = 0; i < t->nlinks; i++) {
        if (!t->committed)
            unlink(t->links[i]);
        free(t->links[i]);
    }
    free(t->links);
    if (t->lock >= 0)
        close(t->lock);
    for (size_t i = 0; i < t->n; i++) {
        free(t->e[i].path);
        free(t->e[i].tag);
    }
    free(t->e);
    free(t->out);
    free(t->state);
    free(t->cur);
    free(t->gen);
    free(t->stage);
    free(t);
}
