/* A schema and its data, both arbitrary: the input is the schema's CSV,
 * a NUL, then the data's CSV (without a NUL, the data are the shared
 * survey table).  Reaches the schema reader with its declarations
 * (@sheet, @header, @end, from) and the shaping of a sheet laid out for
 * people (header rows, notes, a cross-table unpivoted). */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const char *nul = memchr(text, '\0', size);
    size_t slen = nul ? (size_t)(nul - text) : size;
    const char *body = nul ? nul + 1 : FUZZ_DATA;
    size_t blen = nul ? size - slen - 1 : strlen(FUZZ_DATA);
    diag_list *d = diag_list_new();
    sheet *s = csv_parse("data/t.schema.csv", text, slen, CSV_ENC_AUTO, d);
    sheet *c = csv_parse("data/t.csv", body, blen, CSV_ENC_AUTO, d);
    if (s && c)
        table_free(table_from_csv("t", c, s, d));
    sheet_free(s);
    sheet_free(c);
    diag_list_free(d);
    return 0;
}
