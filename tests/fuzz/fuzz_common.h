/* Shared fixtures of the fuzz targets: a small table set (the survey's
 * shape) that templates and chart specs can refer to, and the font. */
#ifndef SHIRYO_FUZZ_COMMON_H
#define SHIRYO_FUZZ_COMMON_H
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "font.h"
#include "table.h"

static const char FUZZ_DATA[] =
    "year,org_type,stage,count,flag_ai,flag_rpa,status,source\n"
    "R5,都道府県,導入済み,40,1,0,確報,T\n"
    "R5,都道府県,未導入,7,0,1,確報,T\n"
    "R6,都道府県,導入済み,47,1,1,確報,T\n"
    "R6,都道府県,未導入,0,0,0,仮,GAP\n"
    "R6,指定都市,導入済み,20,1,1,速報,T\n"
    "R6,指定都市,未導入,0,0,0,確報,T\n";
static const char FUZZ_SCHEMA[] =
    "column,type,values,description\n"
    "year,year,,\n"
    "org_type,category,都道府県|指定都市,\n"
    "stage,category,導入済み|未導入,\n"
    "count,integer,,\n"
    "flag_ai,integer,,\n"
    "flag_rpa,integer,,\n"
    "status,category,確報|速報|仮,\n"
    "source,text,,\n";

static tableset *fuzz_tables(void)
{
    static tableset *ts;
    if (ts)
        return ts;
    diag_list *d = diag_list_new();
    sheet *c = csv_parse("data/t.csv", FUZZ_DATA, strlen(FUZZ_DATA),
                       CSV_ENC_UTF8, d);
    sheet *s = csv_parse("data/t.schema.csv", FUZZ_SCHEMA, strlen(FUZZ_SCHEMA),
                       CSV_ENC_UTF8, d);
    table *t = c && s ? table_from_csv("t", c, s, d) : NULL;
    if (!t)
        abort();
    sheet_free(c);
    sheet_free(s);
    diag_list_free(d);
    ts = tableset_new();
    tableset_add(ts, t);
    return ts;
}

static const font *fuzz_font(void)
{
    static font *f;
    if (!f) {
        diag_list *d = diag_list_new();
        f = font_open("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
                      d);
        diag_list_free(d);
        if (!f)
            abort();
    }
    return f;
}

#endif
