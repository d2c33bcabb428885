#include "sheet.h"

#include <stdlib.h>

void sheet_free(sheet *s)
{
    if (!s)
        return;
    free(s->text);
    free(s->cells);
    free(s->rows);
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
