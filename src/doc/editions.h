/* editions: a deck that mixes survey editions, caught.  When data/ is
 * updated table by table for a new survey year, a build in between makes
 * a deck whose slides show different years as if they were one edition.
 *
 * Each slide's tables are the tables its template's expressions name
 * (between its heading and the next slide's; names before a template's
 * first heading count for its first slide) and the tables of its charts.
 * The deck's latest year is the latest survey year of any table a slide
 * shows (a table whose year column is the survey's: named year, or
 * described as 調査年度; a target year is not an edition).  A slide showing a table whose
 * latest year is earlier gets one warning at its heading, naming the
 * tables that lag and the deck's latest year with a table that has it:
 *
 *   templates/09.md:3:1: warning: this slide's data end at 令和6年度
 *   (rpa_field_counts), the deck's at 令和7年度 (ai_adoption_status): the
 *   deck mixes two survey editions
 *
 * Memory: editions_new returns a record the caller frees with
 * editions_free(); it keeps pointers to the tables (which must outlive
 * it), not to the expansions. */
#ifndef SHIRYO_EDITIONS_H
#define SHIRYO_EDITIONS_H
#include <stddef.h>

#include "deck.h"
#include "diag.h"
#include "template.h"

typedef struct editions editions;

editions *editions_new(void);
/* Records the tables ex names, for the slides first..dk->nslides-1 that
 * its template just added to dk. */
void editions_add(editions *e, const deck *dk, size_t first,
                  const expansion *ex);
/* Adds the warnings for dk (whose slides were all recorded). */
void editions_check(editions *e, const deck *dk, diag_list *d);
void editions_free(editions *e);

#endif
