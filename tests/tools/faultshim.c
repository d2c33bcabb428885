/* faultshim: an LD_PRELOAD library that makes the k-th call of one kind of
 * file operation fail, for tests/integration/transaction.sh.
 *
 *   SHIRYO_FAULT=KIND:K   KIND is write, rename, fsync, mkdir, open (an
 *                         open for writing or creating), symlink or link;
 *                         the K-th such call (from 1) fails with the
 *                         errno a real failure of its kind gives
 *   SHIRYO_FAULT=pause:K  the K-th write waits (up to 10 s, less when a
 *                         signal arrives), then goes on: a build caught
 *                         in the middle of writing its outputs
 *   SHIRYO_FAULT_MARK=F   created when the fault fires, so the test knows
 *                         that K was within the build's calls
 *
 * Built without sanitizers (make's $(BUILD)/faultshim.so); with an ASan
 * binary it needs ASAN_OPTIONS=verify_asan_link_order=0, and each call
 * goes on through ASan's interceptor to the C library.
 *
 * Memory: nothing is allocated. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

enum { W, RN, FS, MD, OP, SL, LN, PAUSE, NKINDS };
static const char *const kinds[NKINDS] = {"write", "rename",  "fsync", "mkdir",
                                          "open",  "symlink", "link",  "pause"};
static const int errnos[NKINDS] = {ENOSPC, EACCES, EIO,    EACCES,
                                   EACCES, EACCES, EMLINK, 0};
static int kind = -1;
static long at, count;

static void setup(void)
{
    static int done;
    if (done)
        return;
    done = 1;
    const char *s = getenv("SHIRYO_FAULT");
    const char *colon = s ? strchr(s, ':') : NULL;
    if (!colon)
        return;
    for (int i = 0; i < NKINDS; i++)
        if (strlen(kinds[i]) == (size_t)(colon - s) &&
            strncmp(s, kinds[i], (size_t)(colon - s)) == 0)
            kind = i;
    at = strtol(colon + 1, NULL, 10);
}

/* 1 when this call of kind k is the one to fail (errno is then set). */
static int fail(int k)
{
    setup();
    if (k == W && kind == PAUSE)
        k = PAUSE;
    if (k != kind || ++count != at)
        return 0;
    const char *mark = getenv("SHIRYO_FAULT_MARK");
    if (mark) {
        int (*real_open)(const char *, int, ...) = dlsym(RTLD_NEXT, "open");
        int fd = real_open(mark, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
        if (fd >= 0)
            close(fd);
    }
    if (k == PAUSE) {
        struct timespec ts = {10, 0};
        nanosleep(&ts, NULL);
        return 0;
    }
    errno = errnos[k];
    return 1;
}

#define REAL(name) ((__typeof__(&name))dlsym(RTLD_NEXT, #name))

ssize_t write(int fd, const void *p, size_t n)
{
    return fail(W) ? -1 : REAL(write)(fd, p, n);
}

int rename(const char *a, const char *b)
{
    return fail(RN) ? -1 : REAL(rename)(a, b);
}

int renameat2(int da, const char *a, int db, const char *b, unsigned flags)
{
    return fail(RN) ? -1 : REAL(renameat2)(da, a, db, b, flags);
}

int fsync(int fd) { return fail(FS) ? -1 : REAL(fsync)(fd); }

int mkdir(const char *p, mode_t m) { return fail(MD) ? -1 : REAL(mkdir)(p, m); }

int symlink(const char *t, const char *p)
{
    return fail(SL) ? -1 : REAL(symlink)(t, p);
}

int link(const char *a, const char *b)
{
    return fail(LN) ? -1 : REAL(link)(a, b);
}

static int writing(int flags)
{
    return (flags & (O_WRONLY | O_RDWR | O_CREAT)) != 0;
}

int open(const char *p, int flags, ...)
{
    mode_t m = 0;
    if (flags & O_CREAT) {
        va_list ap;
        va_start(ap, flags);
        m = (mode_t)va_arg(ap, int);
        va_end(ap);
    }
    if (writing(flags) && fail(OP))
        return -1;
    return REAL(open)(p, flags, m);
}

int open64(const char *p, int flags, ...)
{
    mode_t m = 0;
    if (flags & O_CREAT) {
        va_list ap;
        va_start(ap, flags);
        m = (mode_t)va_arg(ap, int);
        va_end(ap);
    }
    if (writing(flags) && fail(OP))
        return -1;
    return REAL(open64)(p, flags, m);
}

FILE *fopen(const char *p, const char *mode)
{
    if (strpbrk(mode, "wa+") && fail(OP))
        return NULL;
    return REAL(fopen)(p, mode);
}
