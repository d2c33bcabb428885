/* prov: provenance, whether a figure is published (確報), preliminary
 * (速報) or a placeholder for an unpublished one (仮), and every wording
 * the outputs use for it: the mark after a figure, the slide's and
 * figure's label, the ※ note, the status names a data file may use.
 *
 * A computed value carries the weakest provenance of its inputs
 * (prov_weaker); the enum is ordered from strongest to weakest.  All
 * strings are static: nobody frees them. */
#ifndef SHIRYO_PROV_H
#define SHIRYO_PROV_H

typedef enum {
    PROV_FINAL = 0,
    PROV_PRELIMINARY = 1,
    PROV_PLACEHOLDER = 2
} prov;
#define PROV_COUNT 3

/* A set of provenances (bit p for p), as a slide's marks. */
#define PROV_BIT(p) (1u << (unsigned)(p))

/* The weaker of a and b. */
prov prov_weaker(prov a, prov b);
/* The status name in a data file: "確報", "速報", "仮". */
const char *prov_name(prov p);
/* The same in English, also accepted in a status column: "final",
 * "preliminary", "placeholder". */
const char *prov_name_en(prov p);
/* Reads a status cell's NFC text, in Japanese or English; 0 if it is
 * neither. */
int prov_parse(const char *s, prov *out);
/* The Japanese names in order, for suggestions. */
extern const char *const prov_names[PROV_COUNT];
/* The mark written after a figure: "〔速報〕", "〔仮〕"; "" when final. */
const char *prov_figure_mark(prov p);
/* The label of a slide or a figure that shows such values:
 * "速報値を含む", "仮の値を含む"; NULL when final. */
const char *prov_label(prov p);
/* The ※ note of a slide that shows such values; NULL when final. */
const char *prov_note(prov p);

#endif
