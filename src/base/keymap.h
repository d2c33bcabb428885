/* keymap: a chained hash table from byte keys to values (pointers), for
 * the memos of the build: the chart memo (chart_memo.c, which adds a
 * lock) and the layout's memo of set paragraphs (textbox.c).
 *
 * Keys are compared byte for byte (callers lay them out without
 * padding).  Not thread-safe: a caller that shares one locks around it.
 *
 * Memory: the map copies each key and owns each value put into it;
 * keymap_free frees the values with the function given.  A value stays
 * where it is until keymap_free (growing the table moves entries, not
 * values), so a pointer from keymap_get stays valid as long as the map. */
#ifndef SHIRYO_KEYMAP_H
#define SHIRYO_KEYMAP_H
#include <stddef.h>

typedef struct keymap keymap;

keymap *keymap_new(void);
/* Frees m, each value through free_value (NULL: values not freed). */
void keymap_free(keymap *m, void (*free_value)(void *));
/* The value stored under key, or NULL. */
void *keymap_get(const keymap *m, const void *key, size_t klen);
/* Stores value under key.  A key already there keeps its old value too
 * (freed with the map) but is found with the new one from then on; the
 * memos only ever store equal values twice. */
void keymap_put(keymap *m, const void *key, size_t klen, void *value);

#endif
