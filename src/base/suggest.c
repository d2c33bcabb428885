#include "suggest.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "xalloc.h"

/* Code points of s; invalid bytes count as one unit each (stored as
 * 0x110000 + byte so they never equal a real code point). */
static uint32_t *decode_all(const char *s, size_t *n)
{
    size_t len = strlen(s);
    uint32_t *cps = xmalloc((len + 1) * sizeof *cps);
    size_t i = 0, k = 0;
    while (i < len) {
        size_t adv;
        int32_t cp = utf8_decode(s + i, len - i, &adv);
        cps[k++] = cp < 0 ? 0x110000u + (unsigned char)s[i] : (uint32_t)cp;
        i += adv;
    }
    *n = k;
    return cps;
}

size_t suggest_distance(const char *a, const char *b)
{
    size_t na, nb;
    uint32_t *ca = decode_all(a, &na);
    uint32_t *cb = decode_all(b, &nb);
    /* three rows: i-2, i-1 and i (for the transposition of neighbours) */
    size_t *prev2 = xmalloc((nb + 1) * sizeof *prev2);
    size_t *prev = xmalloc((nb + 1) * sizeof *prev);
    size_t *row = xmalloc((nb + 1) * sizeof *row);
    for (size_t j = 0; j <= nb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= na; i++) {
        row[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t best = prev[j - 1] + (ca[i - 1] == cb[j - 1] ? 0 : 1);
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            if (i > 1 && j > 1 && ca[i - 1] == cb[j - 2] &&
                ca[i - 2] == cb[j - 1] && prev2[j - 2] + 1 < best)
                best = prev2[j - 2] + 1;
            row[j] = best;
        }
        size_t *t = prev2;
        prev2 = prev;
        prev = row;
        row = t;
    }
    size_t d = prev[nb];
    free(prev2);
    free(prev);
    free(row);
    free(ca);
    free(cb);
    return d;
}

const char *suggest_nearest(const char *word, const char *const *cands,
                            size_t n)
{
    /* The same name after NFKC first (full-width letters, half-width
     * kana): that is a typing-mode slip, not a misspelling. */
    char *wk = utf8_nfkc(word);
    const char *same = NULL;
    for (size_t i = 0; i < n && !same; i++) {
        if (!cands[i])
            continue;
        char *ck = utf8_nfkc(cands[i]);
        if (strcmp(wk, ck) == 0 && strcmp(word, cands[i]) != 0)
            same = cands[i];
        free(ck);
    }
    free(wk);
    if (same)
        return same;
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    size_t wlen = utf8_length(word, strlen(word));
    for (size_t i = 0; i < n; i++) {
        if (!cands[i])
            continue;
        size_t clen = utf8_length(cands[i], strlen(cands[i]));
        size_t longer = wlen > clen ? wlen : clen;
        size_t limit = longer / 3 > 1 ? longer / 3 : 1;
        size_t d = suggest_distance(word, cands[i]);
        if (d <= limit && d < best_d) {
            best = cands[i];
            best_d = d;
        }
    }
    return best;
}
