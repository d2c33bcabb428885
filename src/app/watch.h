/* watch: waits for changes to the files of a few directories (the data
 * and the templates), with inotify, so that `shiryo watch` can rebuild.
 *
 * Changes are debounced: after the first change, watch_wait() keeps
 * reading until the directories have been quiet for the debounce time,
 * so an editor's save (a temporary file, a rename, a chmod) gives one
 * rebuild.  Hidden files (".x"), editor backups ("x~", "#x#") and vim's
 * probe file "4913" are ignored.  Linux only (inotify).
 *
 * The library never prints; the watcher is owned by the caller and freed
 * with watch_close(). */
#ifndef SHIRYO_WATCH_H
#define SHIRYO_WATCH_H
#include <stddef.h>

#include "diag.h"

typedef struct watcher watcher;

/* The quiet time `shiryo watch` waits for after a change: an editor's
 * save (temporary file, rename, chmod) is one burst of events well
 * within it, and it is short beside a build (the default deck builds in
 * about 50 ms), so a rebuild starts about 10 ms after the save.  Changes
 * made while a build runs are read by the next wait: one more build. */
#define WATCH_QUIET_MS 10

/* Watches every directory in dirs (n of them).  NULL with an error added
 * when inotify is unavailable or a directory cannot be watched. */
watcher *watch_open(const char *const *dirs, size_t n, diag_list *d);

/* Blocks until a watched file changes and the directories have then
 * been quiet for debounce_ms.  Returns 1 after a change, 0 when
 * watch_interrupt() was called (a signal asked to stop), -1 on an error
 * (added to d).  *changed, when not NULL, gets the name of the last
 * changed file ("DIR/NAME", or the directory itself; owned by the watcher, valid
 * until the next call). */
int watch_wait(watcher *w, int debounce_ms, const char **changed,
               diag_list *d);

/* Makes the current or next watch_wait() return 0.  Async-signal-safe:
 * call it from a SIGINT/SIGTERM handler. */
void watch_interrupt(watcher *w);

/* Stops watching and frees w (NULL is fine).  In a child after fork()
 * this closes the child's copies only. */
void watch_close(watcher *w);

#endif
