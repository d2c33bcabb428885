#include "ime.h"

#include <string.h>

#include "i18n.h"
#include "utf8.h"

#define WIDE_SPACE "\xE3\x80\x80" /* U+3000 */

static int starts(const char *s, const char *end, const char *p)
{
    size_t n = strlen(p);
    return (size_t)(end - s) >= n && memcmp(s, p, n) == 0;
}

/* A space after a mark: ASCII or U+3000. */
static int space_at(const char *s, const char *end)
{
    return (s < end && *s == ' ') || starts(s, end, WIDE_SPACE);
}

static void report(diag_list *d, srcloc at, const char *line, const char *hit,
                   const char *msg, const char *hint)
{
    at.col = 1 + (int)utf8_length(line, (size_t)(hit - line));
    diag_at(d, DIAG_ERROR, at, "%s", _(msg));
    diag_hint(d, "%s", _(hint));
}

/* A pipe table's delimiter row: | --- | :---: | (the pipes at the ends
 * optional, at least one dash per cell). */
static int delimiter_row(const char *s, const char *end)
{
    int cells = 0, dashes = 0, pipes = 0;
    for (; s < end; s++) {
        if (*s == '-') {
            dashes++;
        } else if (*s == '|') {
            pipes++;
            cells += dashes > 0;
            dashes = 0;
        } else if (*s != ':' && *s != ' ' && *s != '\t') {
            return 0;
        }
    }
    cells += dashes > 0;
    return pipes > 0 && cells > 0;
}

size_t ime_check(const char *text, size_t len,
                 srcloc (*locate)(void *ctx, int line), void *ctx, diag_list *d)
{
    size_t before = diag_error_count(d);
    const char *p = text, *end = text + len;
    int line = 1, in_fence = 0, in_wide = 0;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        const char *s = p;
        while (s < le && *s == ' ')
            s++;
        if (starts(s, le, "```") || starts(s, le, "~~~")) {
            in_fence = !in_fence;
        } else if (!in_fence) {
            srcloc at = locate(ctx, line);
            int wide = starts(s, le, "｀｀｀") || starts(s, le, "～～～");
            if (wide && in_wide) /* its closing line: one message */
                in_wide = 0;
            else if (wide && (in_wide = 1))
                report(
                    d, at, p, s,
                    N_("a code fence typed full-width (｀｀｀): it is read as "
                       "text, not as a chart or table block"),
                    N_("type the fence half-width (半角): ```chart on the "
                       "first line and ``` on the last"));
            else if ((starts(s, le, "＃") && space_at(s + 3, le)) ||
                     (starts(s, le, "#") && starts(s + 1, le, WIDE_SPACE)))
                report(d, at, p, s,
                       N_("a heading typed full-width (＃ or a 全角スペース "
                          "after #): it is read as text, not as a slide title"),
                       N_("type # and the space after it half-width (半角): "
                          "\"# タイトル\""));
            else if (((starts(s, le, "－") || starts(s, le, "＊") ||
                       starts(s, le, "＋")) &&
                      space_at(s + 3, le)) ||
                     ((*s == '-' || *s == '*' || *s == '+') &&
                      starts(s + 1, le, WIDE_SPACE)))
                report(
                    d, at, p, s,
                    N_("a list item typed full-width (－, ＊, ＋ or a "
                       "全角スペース after the mark): it is read as text, not "
                       "as a list"),
                    N_("type the mark and the space after it half-width "
                       "(半角): \"- 項目\""));
            const char *em = utf8_find(p, (size_t)(le - p), "＊＊");
            if (em && utf8_find(em + 6, (size_t)(le - em - 6), "＊＊"))
                report(d, at, p, em,
                       N_("emphasis typed full-width (＊＊ … ＊＊): the marks "
                          "are printed as they are, the text is not bold"),
                       N_("type the asterisks half-width (半角): **強調**"));
            const char *nx = nl ? nl + 1 : end;
            const char *ne =
                nx < end ? memchr(nx, '\n', (size_t)(end - nx)) : NULL;
            if (*s == '|' && nx < end && delimiter_row(nx, ne ? ne : end))
                report(
                    d, at, p, s,
                    N_("a Markdown pipe table: it is read as text, not as a "
                       "table"),
                    N_("write it as a ```table block: one row per line, the "
                       "cells separated by \" | \", the first row the header, "
                       "without the --- row"));
        }
        line++;
        p = nl ? nl + 1 : end;
    }
    return diag_error_count(d) - before;
}
