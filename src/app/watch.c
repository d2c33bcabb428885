#include "watch.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "buf.h"
#include "xalloc.h"

struct watcher {
    int fd;      /* inotify */
    int wake[2]; /* self-pipe written by watch_interrupt() */
    int *wds;
    char **dirs;
    size_t n;
    buf changed;
};

#define EVENTS                                                              \
    (IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | \
     IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)

watcher *watch_open(const char *const *dirs, size_t n, diag_list *d)
{
    watcher *w = xcalloc(1, sizeof *w);
    w->wake[0] = w->wake[1] = -1;
    w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (w->fd < 0) {
        diag_add(d, DIAG_ERROR, NULL, 0, 0, "cannot start inotify: %s",
                 strerror(errno));
        free(w);
        return NULL;
    }
    if (pipe(w->wake) != 0) {
        diag_add(d, DIAG_ERROR, NULL, 0, 0, "cannot create a pipe: %s",
                 strerror(errno));
        watch_close(w);
        return NULL;
    }
    for (int i = 0; i < 2; i++) {
        fcntl(w->wake[i], F_SETFD, FD_CLOEXEC);
        fcntl(w->wake[i], F_SETFL, O_NONBLOCK);
    }
    w->wds = xcalloc(n ? n : 1, sizeof *w->wds);
    w->dirs = xcalloc(n ? n : 1, sizeof *w->dirs);
    w->n = n;
    for (size_t i = 0; i < n; i++) {
        w->dirs[i] = xstrdup(dirs[i]);
        w->wds[i] = inotify_add_watch(w->fd, dirs[i], EVENTS | IN_ONLYDIR);
        if (w->wds[i] < 0) {
            diag_add(d, DIAG_ERROR, dirs[i], 0, 0,
                     "cannot watch this directory: %s", strerror(errno));
            watch_close(w);
            return NULL;
        }
    }
    return w;
}

static int ignored(const char *name)
{
    size_t n = strlen(name);
    return n == 0 || name[0] == '.' || name[n - 1] == '~' ||
           (name[0] == '#' && name[n - 1] == '#') || strcmp(name, "4913") == 0;
}

/* Reads every queued event.  Returns 1 if any counts as a change (the
 * last one's name kept in w->changed), 0 if none, -1 on error. */
static int drain(watcher *w, diag_list *d)
{
    char ev[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
    int any = 0;
    for (;;) {
        ssize_t got = read(w->fd, ev, sizeof ev);
        if (got < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return any;
            if (errno == EINTR)
                continue;
            diag_add(d, DIAG_ERROR, NULL, 0, 0, "inotify read failed: %s",
                     strerror(errno));
            return -1;
        }
        for (char *p = ev; p < ev + got;) {
            const struct inotify_event *e = (const struct inotify_event *)p;
            p += sizeof *e + e->len;
            const char *name = e->len ? e->name : "";
            if (e->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED)) {
                /* the directory itself went away or was replaced: watch
                 * its path again when it is back */
                for (size_t i = 0; i < w->n; i++)
                    if (w->wds[i] == e->wd) {
                        inotify_rm_watch(w->fd, w->wds[i]);
                        w->wds[i] = -1;
                        name = w->dirs[i];
                    }
            } else if (ignored(name)) {
                continue;
            }
            /* the last name wins: an editor's save ends with the real
             * file (sed -i and vim write a temporary file first) */
            buf_reset(&w->changed);
            {
                for (size_t i = 0; i < w->n && e->len; i++)
                    if (w->wds[i] == e->wd)
                        buf_printf(&w->changed, "%s/", w->dirs[i]);
                buf_puts(&w->changed, name);
            }
            any = 1;
        }
    }
}

/* Re-adds watches on directories that were removed and are back. */
static void rewatch(watcher *w)
{
    for (size_t i = 0; i < w->n; i++)
        if (w->wds[i] < 0)
            w->wds[i] =
                inotify_add_watch(w->fd, w->dirs[i], EVENTS | IN_ONLYDIR);
}

static int interrupted(watcher *w)
{
    char c;
    return read(w->wake[0], &c, 1) == 1;
}

/* Waits for input on inotify or the wake pipe for at most timeout_ms
 * (-1: forever).  1 inotify ready, 0 timeout, 2 interrupted, -1 error. */
static int wait_fds(watcher *w, int timeout_ms, diag_list *d)
{
    struct pollfd p[2] = {{w->fd, POLLIN, 0}, {w->wake[0], POLLIN, 0}};
    for (;;) {
        int r = poll(p, 2, timeout_ms);
        if (r < 0 && errno == EINTR) {
            if (interrupted(w))
                return 2;
            continue;
        }
        if (r < 0) {
            diag_add(d, DIAG_ERROR, NULL, 0, 0, "poll failed: %s",
                     strerror(errno));
            return -1;
        }
        if (r == 0)
            return 0;
        if ((p[1].revents & POLLIN) && interrupted(w))
            return 2;
        if (p[0].revents & POLLIN)
            return 1;
    }
}

int watch_wait(watcher *w, int debounce_ms, const char **changed,
               diag_list *d)
{
    int seen = 0;
    for (;;) {
        int missing = 0;
        rewatch(w);
        for (size_t i = 0; i < w->n; i++)
            missing |= w->wds[i] < 0;
        /* a removed directory is polled for every half second */
        int r = wait_fds(w, seen ? debounce_ms : missing ? 500 : -1, d);
        if (r == 2)
            return 0;
        if (r < 0)
            return -1;
        if (r == 0) {
            if (seen)
                break;
            continue;
        }
        int c = drain(w, d);
        if (c < 0)
            return -1;
        seen |= c;
    }
    if (changed)
        *changed = buf_cstr(&w->changed);
    return 1;
}

void watch_interrupt(watcher *w)
{
    if (w && w->wake[1] >= 0) {
        int saved = errno;
        ssize_t r = write(w->wake[1], "x", 1);
        (void)r;
        errno = saved;
    }
}

void watch_close(watcher *w)
{
    if (!w)
        return;
    if (w->fd >= 0)
        close(w->fd);
    for (int i = 0; i < 2; i++)
        if (w->wake[i] >= 0)
            close(w->wake[i]);
    for (size_t i = 0; i < w->n; i++)
        free(w->dirs[i]);
    free(w->dirs);
    free(w->wds);
    buf_free(&w->changed);
    free(w);
}
