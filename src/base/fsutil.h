/* fsutil: files in and out.  A file is written atomically: to a
 * temporary file in the same directory, then renamed over the target, so
 * an earlier file survives any failure intact.  (A build's outputs as a
 * set, all or none, are txn.h's.)
 *
 * Memory: fs_read, fs_temp_path and fs_join return malloc'd strings that the
 * caller frees with free(); fs_list's names and their array are the caller's
 * too (free each name, then the array; *names is NULL when there are none). */
#ifndef SHIRYO_FSUTIL_H
#define SHIRYO_FSUTIL_H
#include <stddef.h>

#include "diag.h"

/* Reads a whole file; *len gets its size.  NULL with an error added on
 * failure.  The result is NUL-terminated; the caller frees it. */
char *fs_read(const char *path, size_t *len, diag_list *d);
/* Creates dir and its parents (mode 0777 before umask). 0 or -1. */
int fs_mkdirs(const char *dir, diag_list *d);
/* Writes data to path atomically. 0 or -1 with an error added. */
int fs_write_atomic(const char *path, const void *data, size_t len,
                    diag_list *d);
/* Writes all of data to fd, then closes fd (either way).  0, or the
 * errno of the failure. */
int fs_write_close(int fd, const void *data, size_t len);
/* A temporary path next to path (path + ".tmp-PID"); caller frees. */
char *fs_temp_path(const char *path);
/* Renames tmp over path; on failure removes tmp. 0 or -1. */
int fs_commit(const char *tmp, const char *path, diag_list *d);
/* Names of the entries of dir ending in suffix, sorted; caller frees each
 * and the array.  -1 when dir cannot be read. */
int fs_list(const char *dir, const char *suffix, char ***names, size_t *n,
            diag_list *d);
/* dir + "/" + name; caller frees. */
char *fs_join(const char *dir, const char *name);

#endif
