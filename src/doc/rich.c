#include "rich.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "xalloc.h"

void rich_add(rich *r, const char *text, size_t len, unsigned flags,
              const char *href)
{
    if (!(flags & (RUN_BREAK | RUN_SOFT)) && len == 0)
        return;
    if (r->nruns > 0 && !(flags & (RUN_BREAK | RUN_SOFT))) {
        run *last = &r->runs[r->nruns - 1];
        int same_href = (!href && !last->href) ||
                        (href && last->href && strcmp(href, last->href) == 0);
        if (last->flags == flags && same_href) {
            size_t ol = strlen(last->text);
            last->text = xrealloc(last->text, ol + len + 1);
            memcpy(last->text + ol, text, len);
            last->text[ol + len] = '\0';
            return;
        }
    }
    r->runs = xrealloc(r->runs, (r->nruns + 1) * sizeof(run));
    run *n = &r->runs[r->nruns++];
    n->text = xstrndup(text ? text : "", len);
    n->flags = flags;
    n->href = href ? xstrdup(href) : NULL;
}

char *rich_plain(const rich *r)
{
    buf b = BUF_INIT;
    for (size_t i = 0; i < r->nruns; i++) {
        if (r->runs[i].flags & RUN_BREAK)
            buf_putc(&b, '\n');
        else
            buf_puts(&b, r->runs[i].text);
    }
    return buf_detach(&b);
}

int rich_starts_with(const rich *r, const char *prefix)
{
    char *p = rich_plain(r);
    int yes = strncmp(p, prefix, strlen(prefix)) == 0;
    free(p);
    return yes;
}

static void remove_run(rich *r, size_t i)
{
    free(r->runs[i].text);
    free(r->runs[i].href);
    memmove(&r->runs[i], &r->runs[i + 1], (r->nruns - i - 1) * sizeof(run));
    r->nruns--;
}

void rich_drop_prefix(rich *r, size_t n)
{
    while (n > 0 && r->nruns > 0) {
        run *f = &r->runs[0];
        size_t l = (f->flags & RUN_BREAK) ? 1 : strlen(f->text);
        if (l <= n) {
            n -= l;
            remove_run(r, 0);
        } else {
            memmove(f->text, f->text + n, l - n + 1);
            n = 0;
        }
    }
}

static size_t space_len_at(const char *s)
{
    if (*s == ' ' || *s == '\t')
        return 1;
    if (strncmp(s, "\xe3\x80\x80", 3) == 0) /* U+3000 */
        return 3;
    return 0;
}

void rich_trim(rich *r)
{
    while (r->nruns > 0) {
        run *f = &r->runs[0];
        if (f->flags & RUN_BREAK) {
            remove_run(r, 0);
            continue;
        }
        size_t k;
        char *s = f->text;
        while ((k = space_len_at(s)) > 0)
            s += k;
        memmove(f->text, s, strlen(s) + 1);
        if (*f->text)
            break;
        remove_run(r, 0);
    }
    while (r->nruns > 0) {
        run *l = &r->runs[r->nruns - 1];
        if (l->flags & RUN_BREAK) {
            remove_run(r, r->nruns - 1);
            continue;
        }
        size_t len = strlen(l->text);
        for (;;) {
            if (len >= 1 && (l->text[len - 1] == ' ' || l->text[len - 1] == '\t'))
                len--;
            else if (len >= 3 && strncmp(l->text + len - 3, "\xe3\x80\x80", 3) == 0)
                len -= 3;
            else
                break;
        }
        l->text[len] = '\0';
        if (len)
            break;
        remove_run(r, r->nruns - 1);
    }
}

void rich_free(rich *r)
{
    for (size_t i = 0; i < r->nruns; i++) {
        free(r->runs[i].text);
        free(r->runs[i].href);
    }
    free(r->runs);
    r->runs = NULL;
    r->nruns = 0;
}
