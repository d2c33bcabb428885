/* prov: provenance and its wordings (prov.h). */
#include "prov.h"

#include <string.h>

const char *const prov_names[PROV_COUNT] = {"確報", "速報", "仮"};
static const char *const NAMES_EN[PROV_COUNT] = {"final", "preliminary",
                                                 "placeholder"};
static const char *const MARKS[PROV_COUNT] = {"", "〔速報〕", "〔仮〕"};
static const char *const LABELS[PROV_COUNT] = {NULL, "速報値を含む",
                                               "仮の値を含む"};
static const char *const NOTES[PROV_COUNT] = {
    NULL,
    "※〔速報〕を付した値は速報値であり、確報で変わることがある。",
    "※〔仮〕を付した値及び「仮の値を含む」と表示した図表には、公表資料に"
    "数値の記載がないため置いた仮の値を含む。",
};

prov prov_weaker(prov a, prov b) { return a > b ? a : b; }

static int ok(prov p) { return (unsigned)p < PROV_COUNT; }

const char *prov_name(prov p) { return ok(p) ? prov_names[p] : "?"; }
const char *prov_name_en(prov p) { return ok(p) ? NAMES_EN[p] : "?"; }
const char *prov_figure_mark(prov p) { return ok(p) ? MARKS[p] : ""; }
const char *prov_label(prov p) { return ok(p) ? LABELS[p] : NULL; }
const char *prov_note(prov p) { return ok(p) ? NOTES[p] : NULL; }

int prov_parse(const char *s, prov *out)
{
    for (int i = 0; i < PROV_COUNT; i++)
        if (strcmp(s, prov_names[i]) == 0 || strcmp(s, NAMES_EN[i]) == 0) {
            *out = (prov)i;
            return 1;
        }
    return 0;
}
