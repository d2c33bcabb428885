#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "suggest.h"
#include "utf8.h"
#include "xalloc.h"

/* The characters a message shows as <U+XXXX>: those that print as
 * nothing, as a blank that looks like an ASCII space, or that reorder
 * the text around them.  Ranges in order; name NULL: a control. */
static const struct invisible {
    uint32_t lo, hi;
    const char *name;
} INVISIBLE[] = {
    {0x00, 0x00, N_("NULL")},
    {0x09, 0x09, N_("CHARACTER TABULATION (tab)")},
    {0x0A, 0x0A, N_("LINE FEED (a line break)")},
    {0x0D, 0x0D, N_("CARRIAGE RETURN")},
    {0x01, 0x1F, NULL},
    {0x7F, 0x9F, NULL},
    {0xA0, 0xA0, N_("NO-BREAK SPACE")},
    {0xAD, 0xAD, N_("SOFT HYPHEN")},
    {0x34F, 0x34F, N_("COMBINING GRAPHEME JOINER")},
    {0x61C, 0x61C, N_("ARABIC LETTER MARK (a bidi control)")},
    {0x115F, 0x1160, N_("HANGUL FILLER")},
    {0x180E, 0x180E, N_("MONGOLIAN VOWEL SEPARATOR")},
    {0x2000, 0x200A, N_("a typographic space")},
    {0x200B, 0x200B, N_("ZERO WIDTH SPACE")},
    {0x200C, 0x200C, N_("ZERO WIDTH NON-JOINER")},
    {0x200D, 0x200D, N_("ZERO WIDTH JOINER")},
    {0x200E, 0x200E, N_("LEFT-TO-RIGHT MARK (a bidi control)")},
    {0x200F, 0x200F, N_("RIGHT-TO-LEFT MARK (a bidi control)")},
    {0x2028, 0x2028, N_("LINE SEPARATOR")},
    {0x2029, 0x2029, N_("PARAGRAPH SEPARATOR")},
    {0x202A, 0x202A, N_("LEFT-TO-RIGHT EMBEDDING (a bidi control)")},
    {0x202B, 0x202B, N_("RIGHT-TO-LEFT EMBEDDING (a bidi control)")},
    {0x202C, 0x202C, N_("POP DIRECTIONAL FORMATTING (a bidi control)")},
    {0x202D, 0x202D, N_("LEFT-TO-RIGHT OVERRIDE (a bidi control)")},
    {0x202E, 0x202E, N_("RIGHT-TO-LEFT OVERRIDE (a bidi control)")},
    {0x202F, 0x202F, N_("NARROW NO-BREAK SPACE")},
    {0x205F, 0x205F, N_("MEDIUM MATHEMATICAL SPACE")},
    {0x2060, 0x2060, N_("WORD JOINER")},
    {0x2061, 0x2064, N_("an invisible mathematical operator")},
    {0x2066, 0x2066, N_("LEFT-TO-RIGHT ISOLATE (a bidi control)")},
    {0x2067, 0x2067, N_("RIGHT-TO-LEFT ISOLATE (a bidi control)")},
    {0x2068, 0x2068, N_("FIRST STRONG ISOLATE (a bidi control)")},
    {0x2069, 0x2069, N_("POP DIRECTIONAL ISOLATE (a bidi control)")},
    {0x206A, 0x206F, N_("a deprecated format character")},
    {0x3000, 0x3000, N_("IDEOGRAPHIC SPACE (全角スペース)")},
    {0x3164, 0x3164, N_("HANGUL FILLER")},
    {0xFE00, 0xFE0F, N_("a VARIATION SELECTOR")},
    {0xFEFF, 0xFEFF, N_("ZERO WIDTH NO-BREAK SPACE (a byte order mark)")},
    {0xFFA0, 0xFFA0, N_("HALFWIDTH HANGUL FILLER")},
    {0xFFF9, 0xFFFB, N_("an interlinear annotation character")},
    {0xE0000, 0xE007F, N_("a TAG character")},
    {0xE0100, 0xE01EF, N_("a VARIATION SELECTOR")},
};

static const struct invisible *invisible(uint32_t cp)
{
    for (size_t i = 0; i < sizeof INVISIBLE / sizeof *INVISIBLE; i++)
        if (cp >= INVISIBLE[i].lo && cp <= INVISIBLE[i].hi)
            return &INVISIBLE[i];
    return NULL;
}

static void add_name(buf *names, const char *shown, const char *name,
                     uint32_t cp)
{
    if (!names || (names->len && strstr(buf_cstr(names), shown)))
        return;
    if (names->len)
        buf_puts(names, "; ");
    if (name && name[0] >= 'A' && name[0] <= 'Z')
        buf_printf(names, _("%s is U+%04X %s"), shown, (unsigned)cp, _(name));
    else if (name)
        buf_printf(names, _("%s is %s"), shown, _(name));
    else if (cp > 0xFF)
        buf_printf(names, _("%s is an invalid byte (not UTF-8)"), shown);
    else
        buf_printf(names, _("%s is U+%04X, a control character"), shown,
                   (unsigned)cp);
}

void diag_visible(const char *s, buf *out, buf *names)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        size_t adv;
        int32_t cp = utf8_decode(s + i, len - i, &adv);
        const struct invisible *v = cp >= 0 ? invisible((uint32_t)cp) : NULL;
        if (cp >= 0 && !v) {
            buf_put(out, s + i, adv);
            i += adv;
            continue;
        }
        char shown[16];
        if (cp < 0) {
            snprintf(shown, sizeof shown, "<0x%02X>", (unsigned char)s[i]);
            add_name(names, shown, NULL, 0x100);
            adv = 1;
        } else {
            snprintf(shown, sizeof shown, "<U+%04X>", (unsigned)cp);
            add_name(names, shown, v->name, (uint32_t)cp);
        }
        buf_puts(out, shown);
        i += adv;
    }
}

/* s made visible; the names of what was shown appended to *shown. */
static char *visible_copy(const char *s, char **shown)
{
    buf out = BUF_INIT, names = BUF_INIT;
    if (*shown)
        buf_puts(&names, *shown);
    diag_visible(s, &out, &names);
    free(*shown);
    *shown = names.len ? buf_detach(&names) : NULL;
    buf_free(&names);
    return buf_detach(&out);
}

/* One kind of diagnostic in one file: its severity, format string and
 * the words its message starts with (up to the first quote or digit:
 * "unknown category " and "unknown column " share a format).  Past
 * DIAG_KEEP of a kind in a file, the rest are counted in one summary
 * diagnostic (items[summary]). */
typedef struct kind {
    char *file;
    const char *fmt;
    char *lead;
    diag_severity sev;
    size_t seen;
    size_t summary;
} kind;

struct diag_list {
    diag *items;
    size_t n, cap;
    size_t errors;
    kind *kinds;
    size_t nkinds, ckinds;
    int dropped; /* the last diagnostic added was summarised: no hint */
};

static kind *kind_of(diag_list *d, const char *file, const char *fmt,
                     const char *message, diag_severity sev)
{
    size_t lead = strcspn(message, "\"0123456789");
    for (size_t i = 0; i < d->nkinds; i++) {
        kind *k = &d->kinds[i];
        if (k->sev == sev && k->fmt == fmt && strlen(k->lead) == lead &&
            strncmp(k->lead, message, lead) == 0 && strcmp(k->file, file) == 0)
            return k;
    }
    d->kinds = xgrow(d->kinds, &d->ckinds, d->nkinds + 1, sizeof *d->kinds);
    kind *k = &d->kinds[d->nkinds++];
    *k = (kind){xstrdup(file), fmt, xstrndup(message, lead), sev, 0, 0};
    return k;
}

/* n with a comma between thousands: 9,950. */
static void thousands(buf *out, size_t n)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%zu", n);
    for (int i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            buf_putc(out, ',');
        buf_putc(out, digits[i]);
    }
}

/* Counts one more diagnostic of kind k; 1 when it is to be summarised
 * rather than kept. */
static int summarised(diag_list *d, kind *k)
{
    if (++k->seen <= DIAG_KEEP)
        return 0;
    if (k->seen == DIAG_KEEP + 1) {
        d->items = xgrow(d->items, &d->cap, d->n + 1, sizeof(diag));
        k->summary = d->n;
        d->items[d->n++] = (diag){DIAG_NOTE, NULL, 0, 0, NULL, NULL, NULL};
    }
    diag *g = &d->items[k->summary];
    buf m = BUF_INIT, count = BUF_INIT;
    thousands(&count, k->seen - DIAG_KEEP);
    buf_printf(&m, _("… and %s more of the same kind in %s"), buf_cstr(&count),
               k->file);
    buf_free(&count);
    free(g->message);
    g->message = buf_detach(&m);
    return 1;
}

diag_list *diag_list_new(void) { return xcalloc(1, sizeof(diag_list)); }

void diag_list_free(diag_list *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++) {
        free(d->items[i].file);
        free(d->items[i].message);
        free(d->items[i].hint);
        free(d->items[i].shown);
    }
    for (size_t i = 0; i < d->nkinds; i++) {
        free(d->kinds[i].file);
        free(d->kinds[i].lead);
    }
    free(d->kinds);
    free(d->items);
    free(d);
}

static void vadd(diag_list *d, diag_severity sev, const char *file, int line,
                 int col, const char *fmt, va_list ap)
{
    if (sev == DIAG_ERROR)
        d->errors++;
    buf m = BUF_INIT;
    buf_vprintf(&m, _(fmt), ap); /* the one place a message is translated */
    d->dropped =
        file && summarised(d, kind_of(d, file, fmt, buf_cstr(&m), sev));
    if (d->dropped) {
        buf_free(&m);
        return;
    }
    d->items = xgrow(d->items, &d->cap, d->n + 1, sizeof(diag));
    diag *g = &d->items[d->n++];
    g->severity = sev;
    g->file = file ? xstrdup(file) : NULL;
    g->line = line;
    g->col = col;
    g->shown = NULL;
    g->message = visible_copy(buf_cstr(&m), &g->shown);
    buf_free(&m);
    g->hint = NULL;
}

void diag_add(diag_list *d, diag_severity sev, const char *file, int line,
              int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vadd(d, sev, file, line, col, fmt, ap);
    va_end(ap);
}

void diag_at(diag_list *d, diag_severity sev, srcloc at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vadd(d, sev, at.file, at.line, at.col, fmt, ap);
    va_end(ap);
}

void diag_hint(diag_list *d, const char *fmt, ...)
{
    if (!d->n || d->dropped)
        return;
    diag *g = &d->items[d->n - 1];
    buf h = BUF_INIT;
    if (g->hint) {
        buf_puts(&h, g->hint);
        buf_puts(&h, "; ");
        free(g->hint);
    }
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&h, _(fmt), ap); /* the one place a hint is translated */
    va_end(ap);
    g->hint = visible_copy(buf_cstr(&h), &g->shown);
    buf_free(&h);
}

void diag_hint_list(diag_list *d, const char *lead, const char *const *names,
                    size_t n)
{
    buf b = BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_puts(&b, ", ");
        buf_puts(&b, names[i]);
    }
    diag_hint(d, "%s: %s", _(lead), buf_cstr(&b));
    buf_free(&b);
}

int diag_hint_nearest(diag_list *d, const char *word, const char *const *cands,
                      size_t n)
{
    const char *near = suggest_nearest(word, cands, n);
    if (near)
        diag_hint(d, "did you mean \"%s\"?", near);
    return near != NULL;
}

void diag_unknown(diag_list *d, srcloc at, const char *what, const char *name,
                  const char *detail, const char *const *cands, size_t n,
                  const char *list_lead)
{
    diag_at(d, DIAG_ERROR, at, "unknown %s \"%s\"%s", _(what), name,
            detail ? detail : "");
    if (!diag_hint_nearest(d, name, cands, n) && list_lead && n)
        diag_hint_list(d, list_lead, cands, n);
}

size_t diag_count(const diag_list *d) { return d->n; }
size_t diag_error_count(const diag_list *d) { return d->errors; }
const diag *diag_get(const diag_list *d, size_t i)
{
    return i < d->n ? &d->items[i] : NULL;
}

void diag_where(buf *out, const char *file, int line, int col)
{
    buf_puts(out, file);
    if (line > 0 && col < 0) {
        /* a workbook cell: " C12" (columns A..Z, AA..ZZ, AAA..) */
        char letters[8];
        size_t n = 0;
        for (long c = -(long)col; c > 0 && n < sizeof letters; c = (c - 1) / 26)
            letters[n++] = (char)('A' + (c - 1) % 26);
        buf_putc(out, ' ');
        while (n)
            buf_putc(out, letters[--n]);
        buf_printf(out, "%d", line);
    } else if (line > 0) {
        buf_printf(out, ":%d", line);
        if (col > 0)
            buf_printf(out, ":%d", col);
    }
}

void diag_format(const diag *g, buf *out)
{
    static const char *names[] = {N_("error"), N_("warning"), N_("note")};
    if (g->file) {
        diag_where(out, g->file, g->line, g->col);
        buf_puts(out, ": ");
    }
    buf_printf(out, "%s: %s", _(names[g->severity]), g->message);
    if (g->hint || g->shown)
        buf_printf(out, "\n  %s: %s%s%s", _("hint"), g->hint ? g->hint : "",
                   g->hint && g->shown ? "; " : "", g->shown ? g->shown : "");
}

void diag_relabel(diag_list *d, const char *prefix, const char *replacement)
{
    size_t n = strlen(prefix);
    for (size_t i = 0; i < d->n; i++) {
        diag *g = &d->items[i];
        if (!g->file || strncmp(g->file, prefix, n) != 0)
            continue;
        buf b = BUF_INIT;
        buf_printf(&b, "%s%s", replacement, g->file + n);
        free(g->file);
        g->file = buf_detach(&b);
    }
}
