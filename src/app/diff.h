/* diff: `shiryo diff [OLD [NEW]]`, two states of a deck project compared
 * as a reader would see them (deck_diff.h), for reviewing a revision.
 *
 * A state is a project folder (holding data/ and templates/) or a git
 * revision of the project in the current folder (HEAD~1, a tag, a
 * commit), whose data/ and templates/ are exported with `git archive`
 * into a temporary folder for the comparison and removed after it.  With
 * one state given, NEW is the current folder; with none, OLD is HEAD.
 * Each state is loaded as `shiryo check` loads it (data, templates, their
 * messages: a file of a revision is named "HEAD~1:data/x.csv").
 *
 * Library code: nothing here prints.  The report comes back as text (and
 * as an HTML page when report_html is not NULL), problems in the
 * diag_list.
 *
 * Memory: the caller owns and frees the bufs. */
#ifndef SHIRYO_DIFF_H
#define SHIRYO_DIFF_H
#include "buf.h"
#include "csv.h"
#include "diag.h"

typedef struct diff_opts {
    const char *old_state, *new_state; /* NULL: HEAD, and "." */
    csv_encoding encoding;
} diff_opts;

typedef enum {
    DIFF_SAME = 0,    /* no change */
    DIFF_CHANGED = 1, /* changes listed */
    DIFF_TROUBLE = 2, /* a state could not be read or loaded */
} diff_status;

diff_status diff_run(const diff_opts *o, buf *text, buf *report_html,
                     diag_list *d);

#endif
