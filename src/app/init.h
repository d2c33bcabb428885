/* init: `shiryo init DIR`, a new deck project copied from one of the
 * decks installed with shiryo (share/shiryo/starter or share/shiryo/
 * example: each a data/ and a templates/ folder).
 *
 * The installed decks are found, in this order, in $SHIRYO_DATADIR, in
 * ../share/shiryo beside the running binary (so an install under any
 * PREFIX or DESTDIR finds its own), and in the directory compiled in as
 * SHIRYO_DATADIR.  Nothing is written when any file of the deck already
 * exists in DIR.  Library code: problems are added to the diagnostics. */
#ifndef SHIRYO_INIT_H
#define SHIRYO_INIT_H
#include <stddef.h>

#include "diag.h"

/* The folder of the installed deck `kind` ("starter", "example"), or NULL
 * with an error naming the places looked in.  Caller frees. */
char *init_find_deck(const char *kind, diag_list *d);

/* Copies every file below src into dst (created with its parents when
 * missing).  Refuses, writing nothing, when any of them exists in dst:
 * one error per such file.  Returns the number of files written, or -1.
 * *written (may be NULL) gets their paths relative to dst, sorted; the
 * caller frees each and the array. */
long init_copy_deck(const char *src, const char *dst, char ***written,
                    diag_list *d);

#endif
