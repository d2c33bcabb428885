/* xalloc: allocation that never returns NULL.
 *
 * On exhaustion the failure handler is called with the size asked for; it
 * must not return.  The default handler calls abort() without printing,
 * because library code never prints: main.c installs a handler that prints
 * a message and exits with status 3.  Everything returned is freed with
 * free() by the caller. */
#ifndef SHIRYO_XALLOC_H
#define SHIRYO_XALLOC_H
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* Grows an array of *cap elements of size elem so it holds at least need.
 * Inline for its common case, room already there: arrays and buffers
 * take hundreds of thousands of one-element appends in a build. */
void *xgrow_to(void *p, size_t *cap, size_t need, size_t elem);
static inline void *xgrow(void *p, size_t *cap, size_t need, size_t elem)
{
    return need <= *cap ? p : xgrow_to(p, cap, need, elem);
}
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

typedef void (*xalloc_failure_fn)(size_t asked);
void xalloc_set_failure_handler(xalloc_failure_fn fn);

#endif
