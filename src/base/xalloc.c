#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

static void default_failure(size_t asked)
{
    (void)asked;
    abort();
}

static xalloc_failure_fn on_failure = default_failure;

void xalloc_set_failure_handler(xalloc_failure_fn fn)
{
    on_failure = fn ? fn : default_failure;
}

static void *checked(void *p, size_t n)
{
    if (!p) {
        on_failure(n);
        abort(); /* the handler must not return */
    }
    return p;
}

void *xmalloc(size_t n) { return checked(malloc(n ? n : 1), n); }

void *xcalloc(size_t count, size_t size)
{
    return checked(calloc(count ? count : 1, size ? size : 1), count * size);
}

void *xrealloc(void *p, size_t n) { return checked(realloc(p, n ? n : 1), n); }

void *xgrow_to(void *p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return p;
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > ((size_t)-1) / 2 / elem)
            on_failure((size_t)-1);
        ncap *= 2;
    }
    p = xrealloc(p, ncap * elem);
    *cap = ncap;
    return p;
}

char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

char *xstrndup(const char *s, size_t n)
{
    char *d = xmalloc(n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}
