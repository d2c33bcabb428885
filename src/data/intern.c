/* intern: a set of byte strings kept once each (see intern.h). */
#include "intern.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#define CHUNK 65536

typedef struct item {
    const char *s;
    size_t len;
    uint64_t hash;
} item;

struct intern {
    item *items;
    size_t n, cap;
    uint32_t *slots; /* index + 1, 0 = empty; open addressing */
    size_t nslots;   /* a power of two */
    char **chunks;   /* the copies, in blocks that never move */
    size_t nchunks, capchunks;
    size_t used, room; /* in the last chunk */
};

/* Eight bytes at a time (the hash only places strings in the table; the
 * indexes do not depend on it). */
static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ len;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDull;
        h ^= h >> 32;
    }
    uint64_t w = 0;
    memcpy(&w, s + i, len - i);
    h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
    return h ^ (h >> 29);
}

intern *intern_new(void)
{
    intern *in = xcalloc(1, sizeof *in);
    in->nslots = 64;
    in->slots = xcalloc(in->nslots, sizeof *in->slots);
    return in;
}

void intern_free(intern *in)
{
    if (!in)
        return;
    for (size_t i = 0; i < in->nchunks; i++)
        free(in->chunks[i]);
    free(in->chunks);
    free(in->slots);
    free(in->items);
    free(in);
}

static const char *copy(intern *in, const char *s, size_t len)
{
    if (len + 1 > in->room) {
        size_t size = len + 1 > CHUNK ? len + 1 : CHUNK;
        in->chunks = xgrow(in->chunks, &in->capchunks, in->nchunks + 1,
                           sizeof *in->chunks);
        in->chunks[in->nchunks++] = xmalloc(size);
        in->used = 0;
        in->room = size;
    }
    char *d = in->chunks[in->nchunks - 1] + in->used;
    memcpy(d, s, len);
    d[len] = '\0';
    in->used += len + 1;
    in->room -= len + 1;
    return d;
}

static void rehash(intern *in)
{
    size_t ns = in->nslots * 2;
    uint32_t *slots = xcalloc(ns, sizeof *slots);
    for (size_t i = 0; i < in->n; i++) {
        size_t k = (size_t)in->items[i].hash & (ns - 1);
        while (slots[k])
            k = (k + 1) & (ns - 1);
        slots[k] = (uint32_t)(i + 1);
    }
    free(in->slots);
    in->slots = slots;
    in->nslots = ns;
}

size_t intern_put(intern *in, const char *s, size_t len, int *added)
{
    uint64_t h = hash_bytes(s, len);
    size_t k = (size_t)h & (in->nslots - 1);
    while (in->slots[k]) {
        const item *it = &in->items[in->slots[k] - 1];
        if (it->hash == h && it->len == len && memcmp(it->s, s, len) == 0) {
            if (added)
                *added = 0;
            return in->slots[k] - 1;
        }
        k = (k + 1) & (in->nslots - 1);
    }
    in->items = xgrow(in->items, &in->cap, in->n + 1, sizeof *in->items);
    in->items[in->n] = (item){copy(in, s, len), len, h};
    in->slots[k] = (uint32_t)(in->n + 1);
    size_t idx = in->n++;
    if (in->n * 2 > in->nslots)
        rehash(in);
    if (added)
        *added = 1;
    return idx;
}

const char *intern_str(const intern *in, size_t i) { return in->items[i].s; }
