/* arena: a bump allocator for values that live exactly as long as one run
 * of something (one template expansion, one chart filter).
 *
 * Memory: every block handed out belongs to the arena; nothing is freed one
 * by one, and arena_free() releases all of it at once.  Allocation never
 * fails (xalloc's policy). */
#ifndef SHIRYO_ARENA_H
#define SHIRYO_ARENA_H
#include <stddef.h>

typedef struct arena arena;
arena *arena_new(void);
void arena_free(arena *a);
void *arena_alloc(arena *a, size_t n); /* zeroed, aligned for any type */
char *arena_strndup(arena *a, const char *s, size_t n);
/* Bytes the arena holds (its blocks), for bounds on what a run may use. */
size_t arena_bytes(const arena *a);

#endif
