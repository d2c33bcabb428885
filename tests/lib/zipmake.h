/* zipmake: a workbook made in memory from its XML parts (libzip), for the
 * unit tests and the xlsx fuzz target.  Header-only: static functions.
 *
 * zipmake_workbook(sheets, n, sst, &len) returns a malloc'd ZIP image of
 * a minimal workbook: sheets[i] = {name, xml of the worksheet, hidden};
 * sst, when not NULL, is the shared string part; styles.xml has cellXfs
 * 0 general, 1 "yyyy/m/d", 2 "0%" (built-in 9), 3 "h:mm" (built-in 20),
 * 4 the custom "General".  The caller frees the result. */
#ifndef SHIRYO_ZIPMAKE_H
#define SHIRYO_ZIPMAKE_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define ZM_NS                                                                  \
    "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define ZM_REL                                                                 \
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

typedef struct zm_sheet {
    const char *name, *xml;
    int hidden;
} zm_sheet;

/* Adds text as entry name; text must live until the ZIP is closed. */
static void zm_add(zip_t *z, const char *name, const char *text)
{
    zip_source_t *s = zip_source_buffer(z, text, strlen(text), 0);
    zip_file_add(z, name, s, ZIP_FL_OVERWRITE);
}

static char *zm_close(zip_source_t *src, zip_t *z, size_t *len)
{
    zip_close(z);
    zip_source_open(src);
    zip_source_seek(src, 0, SEEK_END);
    zip_int64_t n = zip_source_tell(src);
    zip_source_seek(src, 0, SEEK_SET);
    char *out = malloc(n > 0 ? (size_t)n : 1);
    *len = n > 0 ? (size_t)zip_source_read(src, out, (zip_uint64_t)n) : 0;
    zip_source_close(src);
    zip_source_free(src);
    return out;
}

static char *zipmake_workbook(const zm_sheet *sheets, size_t n, const char *sst,
                              size_t *len)
{
    zip_error_t e;
    zip_error_init(&e);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &e);
    zip_source_keep(src);
    zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &e);
    zip_error_fini(&e);
    char *wb = malloc(4096 + n * 256), *rels = malloc(4096 + n * 256);
    strcpy(wb, "<?xml version=\"1.0\"?><workbook " ZM_NS " xmlns:r=\"" ZM_REL
               "\"><sheets>");
    strcpy(rels,
           "<?xml version=\"1.0\"?><Relationships><Relationship "
           "Id=\"rS\" Type=\"" ZM_REL "/styles\" Target=\"styles.xml\"/>");
    if (sst) {
        strcat(rels, "<Relationship Id=\"rT\" Type=\"" ZM_REL
                     "/sharedStrings\" Target=\"sharedStrings.xml\"/>");
        zm_add(z, "xl/sharedStrings.xml", sst);
    }
    for (size_t i = 0; i < n; i++) {
        char part[64], line[512];
        snprintf(part, sizeof part, "xl/worksheets/sheet%zu.xml", i + 1);
        zm_add(z, part, sheets[i].xml);
        snprintf(line, sizeof line,
                 "<sheet name=\"%s\" sheetId=\"%zu\"%s r:id=\"r%zu\"/>",
                 sheets[i].name, i + 1,
                 sheets[i].hidden ? " state=\"hidden\"" : "", i + 1);
        strcat(wb, line);
        snprintf(line, sizeof line,
                 "<Relationship Id=\"r%zu\" Type=\"" ZM_REL
                 "/worksheet\" Target=\"worksheets/sheet%zu.xml\"/>",
                 i + 1, i + 1);
        strcat(rels, line);
    }
    strcat(wb, "</sheets></workbook>");
    strcat(rels, "</Relationships>");
    zm_add(z, "xl/workbook.xml", wb);
    zm_add(z, "xl/_rels/workbook.xml.rels", rels);
    zm_add(z, "xl/styles.xml",
           "<?xml version=\"1.0\"?><styleSheet " ZM_NS "><numFmts>"
           "<numFmt numFmtId=\"164\" formatCode=\"yyyy/m/d\"/>"
           "<numFmt numFmtId=\"165\" formatCode=\"General\"/></numFmts>"
           "<cellStyleXfs><xf numFmtId=\"164\"/></cellStyleXfs><cellXfs>"
           "<xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"9\"/>"
           "<xf numFmtId=\"20\"/><xf numFmtId=\"165\"/></cellXfs>"
           "</styleSheet>");
    char *out = zm_close(src, z, len);
    free(wb);
    free(rels);
    return out;
}

#endif
