/* chart_memo: a chained hash table from byte keys to lists of strings,
 * with a lock: the memo of a chart (see chart_impl.h).
 *
 * The memo lives in the chart, not in one drawing, because its worth is
 * across drawings: the layout's fitting, chart_aspect and
 * chart_legible_height, the PDF and each width and trial height of the
 * site wrap the same labels at the same sizes (the default deck's build
 * takes 0.48 G instructions with the memo, 0.72 G without).  Those calls
 * all take a const chart, and the PDF and the site are to be drawn in
 * parallel, so the memo is the one thing written while a chart is drawn,
 * and the lock makes that safe: find and put hold it for every access to
 * the table, and callers only ever see copies.  A result is a function of
 * its key alone, so which thread stores it first does not change any
 * drawing.  tests/unit/test_chart_table.c draws one chart from eight
 * threads. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chart_impl.h"
#include "xalloc.h"

/* The memo: a chained hash table from keys (bytes) to lists of strings.
 * cd_wrap's key is every argument of wrap_lines (the text by content,
 * the sizes bit for bit). */
typedef struct memo_entry {
    struct memo_entry *next;
    uint64_t hash;
    unsigned char *key;
    size_t klen;
    char **lines;
    size_t n;
} memo_entry;

struct cd_memo {
    pthread_mutex_t lock;
    memo_entry **slots;
    size_t nslots, count;
};

struct cd_memo *cd_memo_new(void)
{
    struct cd_memo *m = xcalloc(1, sizeof *m);
    pthread_mutex_init(&m->lock, NULL);
    m->nslots = 64;
    m->slots = xcalloc(m->nslots, sizeof *m->slots);
    return m;
}

void cd_memo_free(struct cd_memo *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->nslots; i++)
        for (memo_entry *e = m->slots[i], *nx; e; e = nx) {
            nx = e->next;
            cd_free_lines(e->lines, e->n);
            free(e->key);
            free(e);
        }
    free(m->slots);
    pthread_mutex_destroy(&m->lock);
    free(m);
}

static uint64_t fnv(const void *p, size_t n)
{
    const unsigned char *b = p;
    uint64_t h = 0xCBF29CE484222325ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 0x100000001B3ull;
    return h;
}

static char **copy_lines(char *const *lines, size_t n)
{
    char **out = xcalloc(n ? n : 1, sizeof *out);
    for (size_t i = 0; i < n; i++)
        out[i] = xstrdup(lines[i]);
    return out;
}

int cd_memo_find(struct cd_memo *m, const void *key, size_t klen,
                 char ***lines, size_t *n)
{
    if (!m)
        return 0;
    uint64_t h = fnv(key, klen);
    int found = 0;
    pthread_mutex_lock(&m->lock);
    for (memo_entry *e = m->slots[h % m->nslots]; e; e = e->next)
        if (e->hash == h && e->klen == klen &&
            memcmp(e->key, key, klen) == 0) {
            *lines = copy_lines(e->lines, e->n);
            *n = e->n;
            found = 1;
            break;
        }
    pthread_mutex_unlock(&m->lock);
    return found;
}

int cd_memo_append(struct cd_memo *m, const void *key, size_t klen, buf *out)
{
    if (!m)
        return 0;
    uint64_t h = fnv(key, klen);
    int found = 0;
    pthread_mutex_lock(&m->lock);
    for (memo_entry *e = m->slots[h % m->nslots]; e; e = e->next)
        if (e->hash == h && e->klen == klen &&
            memcmp(e->key, key, klen) == 0) {
            if (e->n)
                buf_puts(out, e->lines[0]);
            found = 1;
            break;
        }
    pthread_mutex_unlock(&m->lock);
    return found;
}

void cd_memo_put(struct cd_memo *m, const void *key, size_t klen,
                 char *const *lines, size_t n)
{
    if (!m)
        return;
    memo_entry *e = xcalloc(1, sizeof *e);
    e->hash = fnv(key, klen);
    e->key = xmalloc(klen ? klen : 1);
    memcpy(e->key, key, klen);
    e->klen = klen;
    e->lines = copy_lines(lines, n);
    e->n = n;
    pthread_mutex_lock(&m->lock);
    if (m->count >= m->nslots * 2) {
        size_t ns = m->nslots * 4;
        memo_entry **slots = xcalloc(ns, sizeof *slots);
        for (size_t i = 0; i < m->nslots; i++)
            for (memo_entry *x = m->slots[i], *nx; x; x = nx) {
                nx = x->next;
                x->next = slots[x->hash % ns];
                slots[x->hash % ns] = x;
            }
        free(m->slots);
        m->slots = slots;
        m->nslots = ns;
    }
    /* two threads may both have computed this entry: their results are
     * equal, and the first one found wins */
    e->next = m->slots[e->hash % m->nslots];
    m->slots[e->hash % m->nslots] = e;
    m->count++;
    pthread_mutex_unlock(&m->lock);
}
