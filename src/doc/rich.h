/* rich: styled text, the form in which every piece of deck text travels
 * from Markdown to the PDF and HTML writers.  Owned by whoever holds the
 * rich; rich_free() releases the runs. */
#ifndef SHIRYO_RICH_H
#define SHIRYO_RICH_H
#include <stddef.h>

#include "diag.h"
#include "table.h"

enum {
    RUN_STRONG = 1,
    RUN_EM = 2,
    RUN_CODE = 4,
    RUN_LINK = 8,
    RUN_BREAK = 16, /* a hard line break; text "" */
    RUN_SOFT = 32   /* a soft line break of the source; text " " or "" (none
                       between Japanese characters) */
};

typedef struct run {
    char *text; /* UTF-8, NFC; "" for RUN_BREAK */
    unsigned flags;
    char *href; /* RUN_LINK only, else NULL */
} run;

typedef struct rich {
    run *runs;
    size_t nruns;
    prov prov; /* weakest provenance written on its source lines */
    srcloc at;
} rich;

/* Appends a run (text copied; merged into the previous run when the flags
 * and href are the same). */
void rich_add(rich *r, const char *text, size_t len, unsigned flags,
              const char *href);
/* Plain text (runs concatenated, breaks as "\n"); caller frees. */
char *rich_plain(const rich *r);
/* 1 when the plain text starts with prefix. */
int rich_starts_with(const rich *r, const char *prefix);
/* Removes the first n bytes of plain text (from the leading runs). */
void rich_drop_prefix(rich *r, size_t n);
/* Trims ASCII and ideographic spaces at both ends. */
void rich_trim(rich *r);
void rich_free(rich *r);

#endif
