#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>

#include "suggest.h"
#include "xalloc.h"

struct diag_list {
    diag *items;
    size_t n, cap;
    size_t errors;
};

diag_list *diag_list_new(void) { return xcalloc(1, sizeof(diag_list)); }

void diag_list_free(diag_list *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++) {
        free(d->items[i].file);
        free(d->items[i].message);
        free(d->items[i].hint);
    }
    free(d->items);
    free(d);
}

static void vadd(diag_list *d, diag_severity sev, const char *file, int line,
                 int col, const char *fmt, va_list ap)
{
    d->items = xgrow(d->items, &d->cap, d->n + 1, sizeof(diag));
    diag *g = &d->items[d->n++];
    buf m = BUF_INIT;
    buf_vprintf(&m, fmt, ap);
    g->severity = sev;
    g->file = file ? xstrdup(file) : NULL;
    g->line = line;
    g->col = col;
    g->message = buf_detach(&m);
    g->hint = NULL;
    if (sev == DIAG_ERROR)
        d->errors++;
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
    if (!d->n)
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
    buf_vprintf(&h, fmt, ap);
    va_end(ap);
    g->hint = buf_detach(&h);
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
    diag_hint(d, "%s: %s", lead, buf_cstr(&b));
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
    diag_at(d, DIAG_ERROR, at, "unknown %s \"%s\"%s", what, name,
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

void diag_format(const diag *g, buf *out)
{
    static const char *names[] = {"error", "warning", "note"};
    if (g->file) {
        buf_puts(out, g->file);
        if (g->line > 0) {
            buf_printf(out, ":%d", g->line);
            if (g->col > 0)
                buf_printf(out, ":%d", g->col);
        }
        buf_puts(out, ": ");
    }
    buf_printf(out, "%s: %s", names[g->severity], g->message);
    if (g->hint)
        buf_printf(out, "\n  hint: %s", g->hint);
}
