/* prose: a check of the text a template wrote, for sentences the data
 * broke.  Templates write sentences around computed values; when a year
 * brings data the author did not foresee (nothing rose, a list came out
 * empty), the sentence can lose its subject.  Each finding is a warning
 * at the template line (an error with --strict), in the expanded text
 * outside code fences:
 *
 *   - an expression that wrote nothing, or a loop that ran no pass,
 *     inside a sentence (text after it in the sentence): at the
 *     expression;
 *   - a loop over everything a `where` kept (value.whole), followed by
 *     an exclusion (を除き, を除いて, を除く, 以外): a sentence that
 *     excludes everything, at the loop;
 *   - a sentence that begins with a particle (を が は の に) right after
 *     a list mark (■ on the slide), a heading mark or 。;
 *   - doubled punctuation: 、、 or 。。;
 *   - an unbalanced bracket on a line: （ without ）, 「 without 」;
 *   - an ASCII comma or full stop between two Japanese characters.
 *
 * One root cause, one message: an empty expression that leaves its
 * sentence starting with a particle is reported once, as the empty
 * expression.
 *
 * Memory: nothing is kept; the caller owns the expansion and the list. */
#ifndef SHIRYO_PROSE_H
#define SHIRYO_PROSE_H
#include <stddef.h>

#include "diag.h"
#include "template.h"

/* Checks ex (the expansion of the template at path).  Returns the number
 * of findings added. */
size_t prose_check(const expansion *ex, const char *path, int strict,
                   diag_list *d);

#endif
