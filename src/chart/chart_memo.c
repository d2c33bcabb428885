/* chart_memo: lists of strings by byte key (a keymap, keymap.h), with a
 * lock: the memo of a chart (see chart_impl.h).
 *
 * The memo lives in the chart, not in one drawing, because its worth is
 * across drawings: the layout's fitting, chart_aspect and
 * chart_legible_height, the PDF and each width and trial height of the
 * site wrap the same labels at the same sizes (the default deck's build
 * takes 0.48 G instructions with the memo, 0.72 G without).  Those calls
 * all take a const chart, and the PDF and the site are drawn in
 * parallel, so the memo is the one thing written while a chart is drawn,
 * and the lock makes that safe: get and put hold it for every access to
 * the table, and callers only ever see copies.  A result is a function of
 * its key alone, so which thread stores it first does not change any
 * drawing.  tests/unit/test_chart_table.c draws one chart from eight
 * threads. */
#include <pthread.h>
#include <stdlib.h>

#include "chart_impl.h"
#include "keymap.h"
#include "xalloc.h"

/* The memo: keys (bytes) to lists of strings, in a keymap, under a lock.
 * cd_wrap's key is every argument of wrap_lines (the text by content,
 * the sizes bit for bit). */
typedef struct memo_value {
    char **lines;
    size_t n;
} memo_value;

struct cd_memo {
    pthread_mutex_t lock;
    keymap *map;
};

struct cd_memo *cd_memo_new(void)
{
    struct cd_memo *m = xcalloc(1, sizeof *m);
    pthread_mutex_init(&m->lock, NULL);
    m->map = keymap_new();
    return m;
}

static void free_value(void *p)
{
    memo_value *v = p;
    cd_free_lines(v->lines, v->n);
    free(v);
}

void cd_memo_free(struct cd_memo *m)
{
    if (!m)
        return;
    keymap_free(m->map, free_value);
    pthread_mutex_destroy(&m->lock);
    free(m);
}

static char **copy_lines(char *const *lines, size_t n)
{
    char **out = xcalloc(n ? n : 1, sizeof *out);
    for (size_t i = 0; i < n; i++)
        out[i] = xstrdup(lines[i]);
    return out;
}

int cd_memo_get(struct cd_memo *m, const void *key, size_t klen,
                char ***lines, size_t *n, buf *first)
{
    if (!m)
        return 0;
    pthread_mutex_lock(&m->lock);
    const memo_value *v = keymap_get(m->map, key, klen);
    if (v && lines)
        *lines = copy_lines(v->lines, v->n);
    if (v && n)
        *n = v->n;
    if (v && first && v->n)
        buf_puts(first, v->lines[0]);
    pthread_mutex_unlock(&m->lock);
    return v != NULL;
}

void cd_memo_put(struct cd_memo *m, const void *key, size_t klen,
                 char *const *lines, size_t n)
{
    if (!m)
        return;
    memo_value *v = xcalloc(1, sizeof *v);
    v->lines = copy_lines(lines, n);
    v->n = n;
    /* two threads may both have computed this entry: their results are
     * equal, and the last one stored is found */
    pthread_mutex_lock(&m->lock);
    keymap_put(m->map, key, klen, v);
    pthread_mutex_unlock(&m->lock);
}
