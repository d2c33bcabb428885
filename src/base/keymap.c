#include "keymap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

typedef struct entry {
    struct entry *next;
    uint64_t hash;
    size_t klen;
    void *value;
    unsigned char key[]; /* klen bytes */
} entry;

struct keymap {
    entry **slots;
    size_t nslots, count;
};

/* A multiply-and-fold hash, eight bytes at a time (keys hold whole
 * labels and paragraphs: a byte at a time cost 3 % of a build).  Only
 * where entries go depends on it, never what is found. */
static uint64_t hash_of(const void *p, size_t n)
{
    const unsigned char *b = p;
    const uint64_t mul = 0x9E3779B97F4A7C15ull;
    uint64_t h = 0xCBF29CE484222325ull ^ (uint64_t)n;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t k;
        memcpy(&k, b + i, 8);
        h = (h ^ k) * mul;
        h ^= h >> 29;
    }
    uint64_t k = 0;
    for (size_t j = 0; i + j < n; j++)
        k |= (uint64_t)b[i + j] << (8 * j);
    h = (h ^ k) * mul;
    h ^= h >> 32;
    return h;
}

keymap *keymap_new(void)
{
    keymap *m = xcalloc(1, sizeof *m);
    m->nslots = 64;
    m->slots = xcalloc(m->nslots, sizeof *m->slots);
    return m;
}

void keymap_free(keymap *m, void (*free_value)(void *))
{
    if (!m)
        return;
    for (size_t i = 0; i < m->nslots; i++)
        for (entry *e = m->slots[i], *n; e; e = n) {
            n = e->next;
            if (free_value)
                free_value(e->value);
            free(e);
        }
    free(m->slots);
    free(m);
}

void *keymap_get(const keymap *m, const void *key, size_t klen)
{
    uint64_t h = hash_of(key, klen);
    for (const entry *e = m->slots[h % m->nslots]; e; e = e->next)
        if (e->hash == h && e->klen == klen && memcmp(e->key, key, klen) == 0)
            return e->value;
    return NULL;
}

void keymap_put(keymap *m, const void *key, size_t klen, void *value)
{
    if (m->count >= m->nslots * 2) {
        size_t ns = m->nslots * 4;
        entry **slots = xcalloc(ns, sizeof *slots);
        for (size_t i = 0; i < m->nslots; i++)
            for (entry *x = m->slots[i], *nx; x; x = nx) {
                nx = x->next;
                x->next = slots[x->hash % ns];
                slots[x->hash % ns] = x;
            }
        free(m->slots);
        m->slots = slots;
        m->nslots = ns;
    }
    entry *e = xmalloc(sizeof *e + (klen ? klen : 1));
    e->hash = hash_of(key, klen);
    e->klen = klen;
    e->value = value;
    memcpy(e->key, key, klen);
    e->next = m->slots[e->hash % m->nslots];
    m->slots[e->hash % m->nslots] = e;
    m->count++;
}
