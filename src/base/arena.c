/* arena: the run-scoped bump allocator (see arena.h). */
#include "arena.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

typedef struct ablock {
    struct ablock *next;
    size_t used, cap;
    max_align_t data[];
} ablock;

struct arena {
    ablock *head;
    size_t bytes; /* the blocks' capacities */
};

arena *arena_new(void) { return xcalloc(1, sizeof(arena)); }

void arena_free(arena *a)
{
    if (!a)
        return;
    ablock *b = a->head;
    while (b) {
        ablock *n = b->next;
        free(b);
        b = n;
    }
    free(a);
}

void *arena_alloc(arena *a, size_t n)
{
    size_t al = sizeof(max_align_t);
    n = (n + al - 1) / al * al;
    if (n == 0)
        n = al;
    ablock *b = a->head;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > 16384 ? n : 16384;
        b = xmalloc(sizeof(ablock) + cap);
        b->cap = cap;
        b->used = 0;
        a->bytes += cap;
        b->next = a->head;
        a->head = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += n;
    memset(p, 0, n);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

size_t arena_bytes(const arena *a) { return a->bytes; }
