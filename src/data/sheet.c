#include "sheet.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "xalloc.h"

void sheet_free(sheet *s)
{
    if (!s)
        return;
    free(s->text);
    free(s->cells);
    free(s->rows);
    free(s->merges);
    free(s->path);
    free(s);
}

void sheet_named_free(sheet_named *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].name);
        sheet_free(v[i].sheet);
    }
    free(v);
}

int sheet_is_blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t')
            return 0;
    return 1;
}

char *sheet_nfc_trim(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    char *cut = xstrndup(s, n);
    char *r = utf8_nfc(cut);
    free(cut);
    return r;
}

int sheet_col_number(const sheet_row *r, const sheet_cell *c)
{
    return c->col < 0 ? -c->col : (int)(c - r->cells) + 1;
}
