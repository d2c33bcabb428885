/* diff_report: a deck_diff (deck_diff.h) as text for the terminal and as
 * an HTML page for reviewers.
 *
 * Text: a summary line, then per slide that changed a line naming it
 * (「slide 3 (was 2): TITLE」, 「slide 5 added: …」) and one line per
 * change: `  key point 1: OLD → NEW` with the parts that differ marked
 * as in a word diff, [-old-]{+new+} (numbers compared whole, other text
 * character by character); numbers as `  chart 1 「…」, ROW, COLUMN: 47 →
 * 48`, other values marked as sentences are; whole columns or rows as `+ ` or `- ` lines.  No change: "no
 * change".
 *
 * HTML: one self-contained page (lang ja, no script, an inline style),
 * a heading per slide, a list of changes with <del> and <ins> around
 * what differs, each announced in words for screen readers.
 *
 * Memory: both append to the caller's buf. */
#ifndef SHIRYO_DIFF_REPORT_H
#define SHIRYO_DIFF_REPORT_H

#include "buf.h"
#include "deck_diff.h"

/* old_name and new_name say what was compared ("HEAD~1", "../r6"). */
void diff_report_text(const deck_diff *dd, const char *old_name,
                      const char *new_name, buf *out);
void diff_report_html(const deck_diff *dd, const char *old_name,
                      const char *new_name, buf *out);

#endif
