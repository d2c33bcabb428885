/* suggest: the nearest valid name for a misspelt one, for "did you mean"
 * hints.  Distance is Levenshtein over code points, with the swap of two
 * neighbours counting as one edit (optimal string alignment: "biuld" is one
 * edit from "build"); a candidate is offered
 * only when the distance is at most max(1, length/3) of the longer name.
 * A candidate equal to the word after NFKC (full-width letters, half-width
 * kana) comes first, whatever its distance.
 *
 * Memory: nothing is kept or copied: suggest_nearest returns one of the
 * caller's cands, valid as long as they are; nobody frees it. */
#ifndef SHIRYO_SUGGEST_H
#define SHIRYO_SUGGEST_H
#include <stddef.h>

/* Returns one of cands (borrowed) or NULL. */
const char *suggest_nearest(const char *word, const char *const *cands,
                            size_t n);
size_t suggest_distance(const char *a, const char *b);

#endif
