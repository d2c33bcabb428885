/* fsutil: files in and out.  A file is written atomically: to a
 * temporary file in the same directory, then renamed over the target, so
 * an earlier file survives any failure intact.  (A build's outputs as a
 * set, all or none, are txn.h's.)
 *
 * Memory: fs_read, fs_temp_path, fs_canonical and fs_join return malloc'd
 * strings that the caller frees with free(); fs_list's names and their array
 * are the caller's too (free each name, then the array; *names is NULL when
 * there are none). */
#ifndef SHIRYO_FSUTIL_H
#define SHIRYO_FSUTIL_H
#include <stddef.h>

#include "buf.h"
#include "diag.h"

/* Reads a whole regular file; *len gets its size.  NULL with an error
 * added on failure.  A named pipe, socket, device or directory is refused
 * before it is opened (fs_check_regular), so it can never block the build.
 * The result is NUL-terminated; the caller frees it.  d may be NULL:
 * no message (a missing file is then just NULL). */
char *fs_read(const char *path, size_t *len, diag_list *d);
/* 0 when path is a regular file or does not exist (its reader reports
 * that); -1 with an error naming what it is (a named pipe, a socket, a
 * device, a directory) otherwise.  Nothing is opened.  The one rule for
 * readers that do not go through fs_read (the font). */
int fs_check_regular(const char *path, diag_list *d);
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
/* path made absolute, its existing part with symbolic links resolved
 * (realpath) and "." and ".." of the part that does not exist yet taken
 * by name: the one form in which two paths are compared.  Caller frees. */
char *fs_canonical(const char *path);
/* Where inner is relative to outer, both canonical (fs_canonical): 1 the
 * same folder, 2 inside it, 0 neither. */
int fs_within(const char *inner, const char *outer);
/* 1 when path, named by a template, stays inside the folder it is taken
 * relative to, by name: not empty, relative (no leading / or \\) and
 * without a ".." component; 0 otherwise.  The one rule for the files a
 * template names (its font, its images); fs_within then checks the same
 * after links are followed. */
int fs_relative_inside(const char *path);
/* The longest file name, in bytes, that file systems allow (NAME_MAX),
 * and the room a name leaves for the suffix of a temporary file. */
#define FS_NAME_MAX 255
#define FS_TEMP_ROOM 32
/* The one rule for a name the user gives that becomes a file name (and a
 * link) in the outputs, ext being the extension added to it (".pdf"): not
 * empty, not starting with "." (hidden, or ".."), no path separator, no
 * control character, bidi control or invisible character, and short
 * enough that with ext and a temporary suffix (FS_TEMP_ROOM) it stays
 * within FS_NAME_MAX bytes.  0 when it is fine; -1 with the reason
 * ("it contains the path separator "/"") appended to why. */
int fs_name_problem(const char *name, const char *ext, buf *why);
/* The one rule for making a file name from free text (a chart's title),
 * safe on any common system: the text in NFC; each of \ / : * ? " < > |
 * and each run of white space becomes "_"; control, bidi and invisible
 * characters are dropped; cut at a character boundary to at most max
 * bytes; no leading or trailing "." or "_"; a Windows device name (CON,
 * PRN, AUX, NUL, COM1-9, LPT1-9, in any case, alone or before a ".")
 * gets a leading "_".  Appended to out (nothing when no character is
 * left). */
void fs_safe_name(buf *out, const char *text, size_t max);
/* dir + "/" + name; caller frees. */
char *fs_join(const char *dir, const char *name);
/* Removes path and, for a folder, everything under it (symlinks are
 * removed, never followed).  0, or -1 with errno set. */
int fs_remove_tree(const char *path);

#endif
