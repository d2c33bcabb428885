/* The workbook reader on arbitrary bytes: with the first byte even, the
 * input is the whole file (the ZIP layer, the OLE and text sniffing);
 * odd, the rest is the XML of one worksheet (a second, when there is a
 * NUL, is the shared strings) inside a well-formed workbook, so the
 * parsers of the parts are reached.  Every sheet read is typed as a
 * table, with and without the schema. */
#include <stddef.h>
#include <stdint.h>

#include "../lib/zipmake.h"
#include "fuzz_common.h"
#include "xlsx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    diag_list *d = diag_list_new();
    char *book = NULL;
    size_t len = size - 1, n = 0;
    const char *bytes = (const char *)data + 1;
    if (data[0] & 1) {
        char *xml = malloc(size);
        memcpy(xml, data + 1, size - 1);
        xml[size - 1] = '\0';
        size_t cut = strlen(xml);
        zm_sheet s = {"f", xml, 0};
        book = zipmake_workbook(
            &s, 1, cut + 1 < size - 1 ? xml + cut + 1 : NULL, &len);
        free(xml);
        bytes = book;
    }
    sheet_named *v = xlsx_parse_book("data/f.xlsx", bytes, len, &n, d);
    sheet *schema = csv_parse("data/t.schema.csv", FUZZ_SCHEMA,
                              strlen(FUZZ_SCHEMA), CSV_ENC_UTF8, d);
    for (size_t i = 0; i < n; i++) {
        if (!v[i].sheet)
            continue;
        table_free(table_from_csv("f", v[i].sheet, NULL, d));
        table_free(table_from_csv("t", v[i].sheet, schema, d));
    }
    sheet_free(schema);
    sheet_named_free(v, n);
    free(book);
    diag_list_free(d);
    return 0;
}
