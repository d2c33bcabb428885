/* realpath() is XSI */
#define _XOPEN_SOURCE 700
#include "fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "i18n.h"
#include "utf8.h"
#include "xalloc.h"

/* What a non-regular file is, for messages; NULL for a regular file. */
static const char *special_kind(mode_t m)
{
    return S_ISREG(m)    ? NULL
           : S_ISDIR(m)  ? _("a directory")
           : S_ISFIFO(m) ? _("a named pipe (FIFO)")
           : S_ISSOCK(m) ? _("a socket")
           : S_ISCHR(m)  ? _("a character device")
           : S_ISBLK(m)  ? _("a block device")
                         : _("not a regular file");
}

static void refuse_special(const char *path, const char *kind, diag_list *d)
{
    diag_add(d, DIAG_ERROR, path, 0, 0, "is %s, not a regular file", kind);
    diag_hint(d, "shiryo reads only regular files and never opens this one "
                 "(a pipe or a device could stop the build forever): put "
                 "the file itself here");
}

int fs_check_regular(const char *path, diag_list *d)
{
    struct stat st;
    if (stat(path, &st) != 0 || S_ISREG(st.st_mode))
        return 0; /* a missing file is the reader's to report */
    refuse_special(path, special_kind(st.st_mode), d);
    return -1;
}

static char *read_file(const char *path, size_t *len, diag_list *d);

char *fs_read(const char *path, size_t *len, diag_list *d)
{
    if (d)
        return read_file(path, len, d);
    diag_list *quiet = diag_list_new(); /* the caller wants no message */
    char *data = read_file(path, len, quiet);
    diag_list_free(quiet);
    return data;
}

static char *read_file(const char *path, size_t *len, diag_list *d)
{
    /* refused before it is opened; opened without blocking and checked
     * again, so a file swapped for a pipe in between cannot hang us */
    if (fs_check_regular(path, d) != 0)
        return NULL;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        diag_add(d, DIAG_ERROR, path, 0, 0, "cannot open the file: %s",
                 strerror(errno));
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        refuse_special(path, special_kind(st.st_mode), d);
        close(fd);
        return NULL;
    }
    /* one read of the whole file when its size is known (a data file of
     * a million rows is read in one call) */
    size_t cap = 65536, n = 0;
    if (st.st_size > 0)
        cap = (size_t)st.st_size + 2;
    char *data = xmalloc(cap);
    int saved = 0;
    for (;;) {
        if (n + 1 >= cap) {
            cap *= 2;
            data = xrealloc(data, cap);
        }
        ssize_t got = read(fd, data + n, cap - n - 1);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            saved = errno;
        if (got <= 0)
            break;
        n += (size_t)got;
    }
    close(fd);
    if (saved) {
        diag_add(d, DIAG_ERROR, path, 0, 0, "cannot read the file: %s",
                 strerror(saved));
        free(data);
        return NULL;
    }
    data[n] = '\0';
    *len = n;
    return data;
}

int fs_mkdirs(const char *dir, diag_list *d)
{
    char *p = xstrdup(dir);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            diag_add(d, DIAG_ERROR, p, 0, 0, "cannot create directory: %s",
                     strerror(errno));
            free(p);
            return -1;
        }
        *s = '/';
    }
    if (mkdir(p, 0777) != 0 && errno != EEXIST) {
        diag_add(d, DIAG_ERROR, p, 0, 0, "cannot create directory: %s",
                 strerror(errno));
        free(p);
        return -1;
    }
    struct stat st;
    if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
        diag_add(d, DIAG_ERROR, p, 0, 0,
                 "cannot create directory: a file of that name exists");
        diag_hint(d, "choose another output directory with -o");
        free(p);
        return -1;
    }
    free(p);
    return 0;
}

char *fs_temp_path(const char *path)
{
    buf b = BUF_INIT;
    buf_printf(&b, "%s.tmp-%ld", path, (long)getpid());
    return buf_detach(&b);
}

int fs_commit(const char *tmp, const char *path, diag_list *d)
{
    if (rename(tmp, path) != 0) {
        diag_add(d, DIAG_ERROR, path, 0, 0, "cannot replace: %s",
                 strerror(errno));
        unlink(tmp);
        return -1;
    }
    return 0;
}

int fs_write_close(int fd, const void *data, size_t len)
{
    const char *p = data;
    int err = 0;
    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            err = w < 0 ? errno : EIO;
            break;
        }
        p += w;
        len -= (size_t)w;
    }
    if (close(fd) != 0 && !err)
        err = errno;
    return err;
}

int fs_write_atomic(const char *path, const void *data, size_t len,
                    diag_list *d)
{
    char *tmp = fs_temp_path(path);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    int err = fd < 0 ? errno : fs_write_close(fd, data, len);
    if (err) {
        diag_add(d, DIAG_ERROR, path, 0, 0, "cannot write: %s", strerror(err));
        if (fd >= 0)
            unlink(tmp);
        free(tmp);
        return -1;
    }
    int rc = fs_commit(tmp, path, d);
    free(tmp);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int fs_list(const char *dir, const char *suffix, char ***names, size_t *n,
            diag_list *d)
{
    DIR *dp = opendir(dir);
    *names = NULL;
    *n = 0;
    if (!dp) {
        diag_add(d, DIAG_ERROR, dir, 0, 0, "cannot read directory: %s",
                 strerror(errno));
        return -1;
    }
    size_t cap = 0, sl = strlen(suffix);
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        size_t l = strlen(e->d_name);
        if (e->d_name[0] == '.' || l < sl ||
            strcmp(e->d_name + l - sl, suffix) != 0)
            continue;
        *names = xgrow(*names, &cap, *n + 1, sizeof(char *));
        (*names)[(*n)++] = xstrdup(e->d_name);
    }
    closedir(dp);
    if (*n)
        qsort(*names, *n, sizeof(char *), cmp_str);
    return 0;
}

char *fs_join(const char *dir, const char *name)
{
    buf b = BUF_INIT;
    buf_puts(&b, dir);
    if (b.len && b.data[b.len - 1] != '/')
        buf_putc(&b, '/');
    buf_puts(&b, name);
    return buf_detach(&b);
}

/* Appends the components of rel to the absolute path in b, resolving "."
 * and ".." by name (the part of a path that does not exist yet). */
static void append_lexical(buf *b, const char *rel)
{
    for (const char *p = rel; *p;) {
        size_t n = strcspn(p, "/");
        if (n == 2 && p[0] == '.' && p[1] == '.') {
            while (b->len > 1 && b->data[b->len - 1] != '/')
                b->len--;
            if (b->len > 1)
                b->len--;
            b->data[b->len] = '\0';
        } else if (n && !(n == 1 && p[0] == '.')) {
            if (b->len == 0 || b->data[b->len - 1] != '/')
                buf_putc(b, '/');
            buf_put(b, p, n);
        }
        p += n;
        while (*p == '/')
            p++;
    }
    if (b->len == 0)
        buf_putc(b, '/');
}

char *fs_canonical(const char *path)
{
    buf abs = BUF_INIT;
    if (path[0] != '/') {
        char *cwd = getcwd(NULL, 0);
        buf_puts(&abs, cwd ? cwd : ".");
        free(cwd);
        buf_putc(&abs, '/');
    }
    buf_puts(&abs, path);
    /* the longest prefix that exists, with its links resolved */
    char *head = xstrdup(buf_cstr(&abs));
    size_t cut = strlen(head);
    char *real = NULL;
    for (;;) {
        char keep = head[cut];
        head[cut] = '\0';
        real = realpath(cut ? head : "/", NULL);
        head[cut] = keep;
        if (real || cut == 0)
            break;
        while (cut > 0 && head[cut - 1] == '/')
            cut--;
        while (cut > 0 && head[cut - 1] != '/')
            cut--;
    }
    buf out = BUF_INIT;
    buf_puts(&out, real ? real : "/");
    append_lexical(&out, head + cut);
    free(real);
    free(head);
    buf_free(&abs);
    return buf_detach(&out);
}

int fs_within(const char *inner, const char *outer)
{
    char *i = fs_canonical(inner), *o = fs_canonical(outer);
    size_t ol = strlen(o);
    int r = strcmp(i, o) == 0                        ? 1
            : strcmp(o, "/") == 0                    ? 2
            : strncmp(i, o, ol) == 0 && i[ol] == '/' ? 2
                                                     : 0;
    free(i);
    free(o);
    return r;
}

int fs_relative_inside(const char *path)
{
    if (!*path || path[0] == '/' || path[0] == '\\')
        return 0;
    for (const char *p = path; *p;) {
        size_t n = strcspn(p, "/\\");
        if (n == 2 && p[0] == '.' && p[1] == '.')
            return 0;
        p += n;
        if (*p)
            p++;
    }
    return 1;
}

/* Why code point cp may not be in a file name, or NULL. */
static const char *bad_name_char(int32_t cp)
{
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
        return N_("the control character");
    if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
        cp == 0x200e || cp == 0x200f || cp == 0x061c)
        return N_("the invisible bidi control");
    if ((cp >= 0x200b && cp <= 0x200d) || cp == 0x2060 || cp == 0xfeff)
        return N_("the invisible character");
    return NULL;
}

int fs_name_problem(const char *name, const char *ext, buf *why)
{
    size_t len = strlen(name), el = strlen(ext);
    if (len == 0) {
        buf_puts(why, _("it is empty"));
        return -1;
    }
    if (name[0] == '.') {
        buf_puts(why, strcmp(name, "..") == 0
                          ? _("\"..\" names the folder above")
                          : _("it starts with \".\", which hides the file"));
        return -1;
    }
    for (size_t i = 0; i < len;) {
        size_t adv;
        int32_t cp = utf8_decode(name + i, len - i, &adv);
        if (cp < 0) {
            buf_printf(why, _("byte 0x%02X is not UTF-8"),
                       (unsigned char)name[i]);
            return -1;
        }
        if (cp == '/' || cp == '\\') {
            buf_printf(why, _("it contains the path separator \"%c\""),
                       (char)cp);
            return -1;
        }
        const char *what = bad_name_char(cp);
        if (what) {
            buf_printf(why, _("it contains %s U+%04X"), _(what), (unsigned)cp);
            return -1;
        }
        i += adv;
    }
    size_t max = FS_NAME_MAX - FS_TEMP_ROOM - el;
    if (len > max) {
        buf_printf(why,
                   _("it is %zu bytes long, and may have at most %zu (a "
                     "file name stops at %d bytes, and \"%s\" and a "
                     "temporary suffix are added to it)"),
                   len, max, FS_NAME_MAX, ext);
        return -1;
    }
    return 0;
}

/* Removes path and, for a folder, everything under it (symlinks are
 * removed, never followed).  0 or -1 with errno set. */
int fs_remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : -1;
    if (!S_ISDIR(st.st_mode))
        return unlink(path);
    DIR *dp = opendir(path);
    if (!dp)
        return -1;
    int rc = 0;
    struct dirent *de;
    while ((de = readdir(dp)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        char *p = fs_join(path, de->d_name);
        if (fs_remove_tree(p) != 0)
            rc = -1;
        free(p);
    }
    closedir(dp);
    return rmdir(path) == 0 ? rc : -1;
}

/* 1 when name[0..len) (up to its first ".") is a device name of
 * Windows. */
static int windows_device(const char *name, size_t len)
{
    static const char *const dev[] = {"CON", "PRN", "AUX", "NUL"};
    size_t n = 0;
    while (n < len && name[n] != '.')
        n++;
    for (size_t i = 0; i < 4; i++)
        if (n == 3 && strncasecmp(name, dev[i], 3) == 0)
            return 1;
    return n == 4 &&
           (strncasecmp(name, "COM", 3) == 0 ||
            strncasecmp(name, "LPT", 3) == 0) &&
           name[3] >= '1' && name[3] <= '9';
}

void fs_safe_name(buf *out, const char *text, size_t max)
{
    char *nfc = utf8_nfc(text);
    size_t len = strlen(nfc);
    buf b = BUF_INIT;
    int gap = 0; /* white space seen since the last character kept */
    for (size_t i = 0; i < len;) {
        size_t adv;
        int32_t cp = utf8_decode(nfc + i, len - i, &adv);
        const char *s = nfc + i;
        i += adv;
        if (cp < 0 || bad_name_char(cp)) {
            if (cp == '\t' || cp == '\n' || cp == '\r')
                gap = 1;
            continue;
        }
        if (cp == ' ' || cp == 0x3000 || cp == 0xa0) {
            gap = 1;
            continue;
        }
        if (gap && b.len)
            buf_putc(&b, '_');
        gap = 0;
        if (cp < 0x80 && strchr("\\/:*?\"<>|", (int)cp))
            buf_putc(&b, '_');
        else
            buf_put(&b, s, adv);
    }
    free(nfc);
    /* cut at a character boundary, then trim the ends */
    size_t n = b.len < max ? b.len : max;
    while (n > 0 && n < b.len && ((unsigned char)b.data[n] & 0xC0) == 0x80)
        n--;
    size_t from = 0;
    while (from < n && (b.data[from] == '.' || b.data[from] == '_'))
        from++;
    while (n > from && (b.data[n - 1] == '.' || b.data[n - 1] == '_'))
        n--;
    if (n > from) {
        if (windows_device(b.data + from, n - from))
            buf_putc(out, '_');
        buf_put(out, b.data + from, n - from);
    }
    buf_free(&b);
}
