/* intern: a set of byte strings, each kept once.
 *
 * intern_put() gives every distinct string a small index (0, 1, 2, … in
 * order of first appearance) and keeps one NUL-terminated copy of it; the
 * copies never move, so pointers from intern_str() stay valid until
 * intern_free().  Used where a large table repeats a few values (years,
 * categories, statuses) millions of times: one copy and one conversion
 * per distinct value instead of per cell.  Not thread-safe; everything is
 * owned by the set. */
#ifndef SHIRYO_INTERN_H
#define SHIRYO_INTERN_H
#include <stddef.h>

typedef struct intern intern;

intern *intern_new(void);
void intern_free(intern *in);
/* The index of s[0..len) (which may hold NUL bytes), added when new;
 * *added (if not NULL) says whether it was. */
size_t intern_put(intern *in, const char *s, size_t len, int *added);
/* The copy of string i (NUL-terminated). */
const char *intern_str(const intern *in, size_t i);

#endif
