/* CSV reader and table typing on arbitrary bytes, with and without the
 * schema. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    diag_list *d = diag_list_new();
    sheet *c = csv_parse("data/f.csv", (const char *)data, size, CSV_ENC_AUTO, d);
    if (c) {
        table *t = table_from_csv("f", c, NULL, d);
        table_free(t);
        sheet *s = csv_parse("data/t.schema.csv", FUZZ_SCHEMA,
                           strlen(FUZZ_SCHEMA), CSV_ENC_UTF8, d);
        t = table_from_csv("t", c, s, d);
        table_free(t);
        sheet_free(s);
        sheet_free(c);
    }
    diag_list_free(d);
    return 0;
}
