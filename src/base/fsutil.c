#include "fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "xalloc.h"

char *fs_read(const char *path, size_t *len, diag_list *d)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        diag_add(d, DIAG_ERROR, path, 0, 0, "cannot open the file: %s",
                 strerror(errno));
        return NULL;
    }
    /* one read of the whole file when its size is known (a data file of
     * a million rows is read in one call) */
    struct stat st;
    size_t cap = 65536, n = 0;
    if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
        cap = (size_t)st.st_size + 2;
    char *data = xmalloc(cap);
    for (;;) {
        if (n + 1 >= cap) {
            cap *= 2;
            data = xrealloc(data, cap);
        }
        size_t got = fread(data + n, 1, cap - n - 1, fp);
        if (got == 0)
            break;
        n += got;
    }
    int err = ferror(fp);
    int saved = errno;
    fclose(fp);
    if (err) {
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
