/* diag: diagnostics collected while running the pipeline.
 *
 * Library code reports problems here and never prints; main.c formats them.
 * A position always names the user's file (a CSV in data/, a template in
 * templates/), a 1-based line and a 1-based column counted in characters
 * (code points), not bytes.  line or col 0 means "not known".  A cell of
 * a workbook (file "data/book.xlsx [SHEET]") has its row as line and the
 * negative column number as col, and is printed as Excel shows it:
 * "data/book.xlsx [SHEET] C12" (diag_where, the one place positions are
 * written).
 *
 * Every message and hint is made visible where it is added: a character
 * that prints as nothing or as a plain space (controls, U+3000 and the
 * other spaces, zero-width and bidi controls, U+FEFF, variation
 * selectors) is written <U+XXXX>, an invalid byte <0xNN>, and the hint
 * names each such character once ("<U+3000> is U+3000 IDEOGRAPHIC SPACE
 * (全角スペース)"), so a message about user text never names a
 * difference the reader cannot see.
 *
 * One root cause, one message: past the first DIAG_KEEP (50) diagnostics
 * of one kind (the same format string, severity and leading words, up to
 * the first quote or digit) in one file, the
 * rest are counted, not kept, in one note where the 51st would be:
 * "… and 9,950 more of the same kind in data/x.csv" (a hint given to a
 * diagnostic so counted is dropped with it).  diag_error_count counts
 * every error, kept or not.
 *
 * Messages are translated here, in one place (i18n.h): diag_add, diag_at
 * and diag_hint look their format up in the catalogue of the messages'
 * language before formatting it, so callers pass the English literal; a
 * word a caller composes into a message is marked N_() and translated by
 * the caller with _().  diag_unknown translates its WHAT and
 * diag_hint_list its LEAD; diag_format the severity and "hint".  Positions
 * and the arguments (names, values) are never translated.
 *
 * The list owns copies of every string given to it. */
#ifndef SHIRYO_DIAG_H
#define SHIRYO_DIAG_H
#include <stddef.h>

#include "buf.h"

typedef enum { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE } diag_severity;

enum { DIAG_KEEP = 50 };

/* A position in a user's file.  file is borrowed: it must outlive the
 * srcloc's use (in practice the template or table that owns the path). */
typedef struct srcloc {
    const char *file;
    int line;
    int col;
} srcloc;

typedef struct diag {
    diag_severity severity;
    char *file; /* may be NULL: a problem with no file (command line, I/O) */
    int line;
    int col;
    char *message;
    char *hint; /* may be NULL: "did you mean …?" or what to do */
    char *shown; /* may be NULL: the invisible characters made visible in
                    message or hint, named ("<U+200B> is U+200B …") */
} diag;

typedef struct diag_list diag_list;

diag_list *diag_list_new(void);
void diag_list_free(diag_list *d);

/* Adds a diagnostic; file may be NULL. */
void diag_add(diag_list *d, diag_severity sev, const char *file, int line,
              int col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
void diag_at(diag_list *d, diag_severity sev, srcloc at, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Attaches a hint to the most recently added diagnostic. */
void diag_hint(diag_list *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The one "unknown NAME" message of the project: adds the error
 *     unknown WHAT "NAME"DETAIL
 * at `at` (DETAIL may be NULL or e.g. ` in table "t"`), then the hint
 * `did you mean "X"?` for the nearest of cands (suggest_nearest), or, when
 * none is near and list_lead is not NULL, `LIST_LEAD: a, b, c`. */
void diag_unknown(diag_list *d, srcloc at, const char *what, const char *name,
                  const char *detail, const char *const *cands, size_t n,
                  const char *list_lead);
/* Attaches `did you mean "X"?` for the nearest of cands (suggest_nearest)
 * to the most recent diagnostic; returns 1 when there is one, else 0. */
int diag_hint_nearest(diag_list *d, const char *word, const char *const *cands,
                      size_t n);
/* Attaches the hint "LEAD: a, b, c" to the most recent diagnostic. */
void diag_hint_list(diag_list *d, const char *lead, const char *const *names,
                    size_t n);

/* Every diagnostic whose file starts with prefix has it replaced by
 * replacement: the files of a project read from a temporary copy (a git
 * revision exported) are named as the user knows them ("HEAD~1:"). */
void diag_relabel(diag_list *d, const char *prefix, const char *replacement);

size_t diag_count(const diag_list *d);
size_t diag_error_count(const diag_list *d);
const diag *diag_get(const diag_list *d, size_t i);

/* Writes s into out with every invisible character made visible
 * (<U+XXXX>, invalid bytes <0xNN>); the name of each one shown is added
 * to names ("<U+3000> is U+3000 IDEOGRAPHIC SPACE (全角スペース)",
 * separated by "; ") unless names already has it.  names may be NULL. */
void diag_visible(const char *s, buf *out, buf *names);

/* Writes a position: "file:line:col", "file:line", "file", or for a
 * workbook cell (col < 0) "file C12". */
void diag_where(buf *out, const char *file, int line, int col);

/* Formats one diagnostic as "file:line:col: error: message" followed, when
 * there is a hint or a character was shown, by "\n  hint: …" (the hint,
 * then the names of the characters shown).  No trailing newline. */
void diag_format(const diag *g, buf *out);

#endif
