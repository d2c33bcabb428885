#include "prose.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "i18n.h"
#include "utf8.h"
#include "xalloc.h"

typedef struct checker {
    const expansion *ex;
    const char *path;
    diag_severity sev;
    diag_list *d;
    size_t found;
} checker;

static uint32_t cp_at(const char *s, size_t n, size_t *adv)
{
    int32_t c = utf8_decode(s, n, adv);
    if (*adv == 0)
        *adv = 1;
    return c < 0 ? 0 : (uint32_t)c;
}

static int hiragana(uint32_t c) { return c >= 0x3041 && c <= 0x309F; }

static int particle(uint32_t c)
{
    return c == 0x3092 /* を */ || c == 0x304C /* が */ ||
           c == 0x306F /* は */ || c == 0x306E /* の */ || c == 0x306B /* に */;
}

/* A finding at output line `line` (1-based), or at `at` when given. */
static void finding(checker *k, int line, const srcloc *at, const char *what,
                    const char *sentence, const char *hint)
{
    srcloc where = {k->path, 0, 0};
    if (at)
        where = *at;
    else if (line >= 1 && (size_t)line <= k->ex->nlines)
        where.line = k->ex->line_src[line - 1].line;
    where.file = k->path;
    buf s = BUF_INIT;
    size_t n = strlen(sentence);
    /* at most 60 characters of the sentence */
    size_t cut = 0, chars = 0;
    while (cut < n && chars < 60) {
        size_t adv;
        cp_at(sentence + cut, n - cut, &adv);
        cut += adv;
        chars++;
    }
    buf_put(&s, sentence, cut);
    diag_at(k->d, k->sev, where, "%s: 「%s%s」", _(what), buf_cstr(&s),
            cut < n ? "…" : "");
    diag_hint(k->d, "%s", _(hint));
    buf_free(&s);
    k->found++;
}

/* The line without Markdown escapes (\, becomes ,), for reading. */
static char *unescaped(const char *s, size_t n)
{
    buf b = BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n &&
            strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", s[i + 1]))
            i++;
        buf_putc(&b, s[i]);
    }
    return buf_detach(&b);
}

/* Where the text of a line starts, after its list or heading mark. */
static size_t content_start(const char *s)
{
    size_t i = 0;
    while (s[i] == ' ')
        i++;
    if ((s[i] == '-' || s[i] == '*' || s[i] == '+') && s[i + 1] == ' ')
        return i + 2;
    if (s[i] == '#') {
        while (s[i] == '#')
            i++;
        return s[i] == ' ' ? i + 1 : 0;
    }
    size_t j = i;
    while (s[j] >= '0' && s[j] <= '9')
        j++;
    if (j > i && (s[j] == '.' || s[j] == ')') && s[j + 1] == ' ')
        return j + 2;
    return i;
}

/* The sentence of line text around byte at: from the 。 before it (or
 * from) to the 。 after it (or the end), copied. */
static char *sentence_at(const char *text, size_t from, size_t at)
{
    size_t a = from, n = strlen(text);
    for (size_t i = from; i < at && i < n;) {
        size_t adv;
        uint32_t c = cp_at(text + i, n - i, &adv);
        i += adv;
        if (c == 0x3002) /* 。 */
            a = i;
    }
    const char *e = strstr(text + (at < n ? at : n), "。");
    size_t b = e ? (size_t)(e - text) + strlen("。") : n;
    return xstrndup(text + a, b - a);
}

/* A sentence starting at byte i of s begins with a particle (followed by
 * anything but more hiragana: は in はじめに is a word). */
static int starts_with_particle(const char *s, size_t i)
{
    size_t n = strlen(s), adv, adv2;
    while (i < n && s[i] == ' ')
        i++;
    if (i >= n)
        return 0;
    uint32_t c = cp_at(s + i, n - i, &adv);
    if (!particle(c))
        return 0;
    if (i + adv >= n)
        return 1;
    uint32_t next = cp_at(s + i + adv, n - i - adv, &adv2);
    return !hiragana(next);
}

/* The words of an exclusion (「…を除き」), which cannot follow a list of
 * everything. */
static int exclusion_at(const char *s)
{
    while (*s == ' ')
        s++;
    static const char *const words[] = {"を除き", "を除いて", "を除く",
                                        "以外"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strncmp(s, words[i], strlen(words[i])) == 0)
            return 1;
    return 0;
}

static void check_line(checker *k, int line, const char *raw, size_t len,
                       const size_t *spots, const srcloc *spot_at,
                       const unsigned char *whole, size_t nspots,
                       size_t line_off, int *open_paren, int *open_quote,
                       int *open_line)
{
    char *s = unescaped(raw, len);
    size_t n = strlen(s), from = content_start(s);
    /* empty expressions inside a sentence (offsets in the raw line: the
     * escapes before them shift them a little, which the sentence's
     * bounds absorb) */
    size_t reported_at = (size_t)-1;
    for (size_t i = 0; i < nspots; i++) {
        size_t off = spots[i] - line_off;
        if (off > len)
            continue;
        size_t at = off < n ? off : n;
        char *sent = sentence_at(s, from, at);
        if (whole[i]) {
            if (exclusion_at(s + at))
                finding(k, line, &spot_at[i],
                        N_("a loop listed every item a filter kept before an "
                           "exclusion: the sentence excludes everything"),
                        sent,
                        N_("guard it: {{ if count(LIST) = count(ALL) }} what "
                           "to say when nothing is left {{ else }} the "
                           "sentence {{ end }}"));
            free(sent);
            continue;
        }
        const char *after = strstr(s + at, "。");
        size_t tail = after ? (size_t)(after - (s + at)) : n - at;
        int text_after = 0;
        for (size_t j = at; j < at + tail; j++)
            text_after |= s[j] != ' ';
        if (text_after) {
            finding(
                k, line, &spot_at[i],
                N_("an expression came out empty inside a sentence"), sent,
                N_("guard it: {{ if … }} the sentence {{ else }} what to say "
                   "when there is nothing {{ end }}"));
            reported_at = at;
        }
        free(sent);
    }
    /* sentences that begin with a particle */
    for (size_t i = from; i <= n;) {
        if (starts_with_particle(s, i) && i != reported_at &&
            !(reported_at != (size_t)-1 && i <= reported_at)) {
            char *sent = sentence_at(s, from, i);
            finding(k, line, NULL, N_("a sentence begins with a particle"),
                    sent,
                    N_("a word before it is missing: an expression that came "
                       "out empty, or a list with no items"));
            free(sent);
        }
        const char *e = strstr(s + i, "。");
        if (!e)
            break;
        i = (size_t)(e - s) + strlen("。");
    }
    /* doubled punctuation */
    const char *dbl = strstr(s, "、、");
    if (!dbl)
        dbl = strstr(s, "。。");
    if (dbl) {
        char *sent = sentence_at(s, from, (size_t)(dbl - s));
        finding(
            k, line, NULL, N_("doubled punctuation"), sent,
            N_("a value between the two marks came out empty, or one mark is "
               "too many"));
        free(sent);
    }
    /* ASCII , and . between Japanese characters */
    uint32_t prev = 0;
    for (size_t i = 0; i < n;) {
        size_t adv, adv2;
        uint32_t c = cp_at(s + i, n - i, &adv);
        if ((c == ',' || c == '.') && i + adv < n && prev &&
            utf8_is_cjk(prev)) {
            uint32_t next = cp_at(s + i + adv, n - i - adv, &adv2);
            if (utf8_is_cjk(next)) {
                char *sent = sentence_at(s, from, i);
                finding(k, line, NULL,
                        N_("an ASCII comma or full stop between Japanese "
                           "characters"),
                        sent, N_("write 、 or 。"));
                free(sent);
                break;
            }
        }
        prev = c;
        i += adv;
    }
    /* brackets, counted over the paragraph */
    for (size_t i = 0; i < n;) {
        size_t adv;
        uint32_t c = cp_at(s + i, n - i, &adv);
        if ((c == 0xFF08 || c == 0x300C) && !*open_paren && !*open_quote)
            *open_line = line;
        *open_paren += c == 0xFF08 ? 1 : c == 0xFF09 ? -1 : 0; /* （ ） */
        *open_quote += c == 0x300C ? 1 : c == 0x300D ? -1 : 0; /* 「 」 */
        i += adv;
    }
    free(s);
}

size_t prose_check(const expansion *ex, const char *path, int strict,
                   diag_list *d)
{
    checker k = {ex, path, strict ? DIAG_ERROR : DIAG_WARNING, d, 0};
    const char *text = ex->text, *end = ex->text + ex->len;
    const char *p = text;
    int line = 1, fence = 0, paren = 0, quote = 0, open_line = 0;
    size_t si = 0;
    while (p <= end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        size_t off = (size_t)(p - text), len = (size_t)(le - p);
        const char *t = p;
        while (t < le && *t == ' ')
            t++;
        int blank = t == le;
        /* the empty spots on this line */
        size_t first = si;
        while (si < ex->nempty && ex->empty_off[si] <= off + len)
            si++;
        if ((le - t >= 3 && (!strncmp(t, "```", 3) || !strncmp(t, "~~~", 3))))
            fence = !fence;
        else if (!fence && !blank) {
            check_line(&k, line, p, len, ex->empty_off + first,
                       ex->empty_at + first, ex->empty_whole + first,
                       si - first, off, &paren, &quote, &open_line);
        }
        if ((blank || fence || !nl) && (paren || quote)) {
            finding(&k, open_line, NULL, N_("an unbalanced bracket"),
                    paren ? _("（ without ）") : _("「 without 」"),
                    N_("close the bracket, or look for a value that came out "
                       "empty inside it"));
            paren = quote = 0;
        }
        if (!nl)
            break;
        p = nl + 1;
        line++;
    }
    return k.found;
}
