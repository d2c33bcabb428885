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
