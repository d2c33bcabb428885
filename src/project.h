/* project: the front half of the pipeline, from a data directory and a
 * templates directory to a deck.
 *
 *   data/NAME.csv ─► tables ─┐
 *   templates/NAME.md ─► template expansion ─► Markdown ─► deck
 *
 * Templates are taken in file-name order; the front matter of the first
 * one holds the deck-wide settings (deck, title, edition, …).  Every
 * problem found is added to the diagnostics; loading goes on after errors
 * so that one run reports as many as it can. */
#ifndef SHIRYO_PROJECT_H
#define SHIRYO_PROJECT_H
#include "csv.h"
#include "deck.h"
#include "diag.h"
#include "layout.h"
#include "table.h"

typedef struct project_opts {
    const char *data_dir;
    const char *templates_dir;
    csv_encoding encoding;
} project_opts;

typedef struct project {
    tableset *tables;
    deck *deck; /* NULL after errors */
    char *font_path; /* front matter `font`, resolved against the templates
                        directory; NULL when not given */
    char *page;      /* front matter `page`: "a4" or "16:9"; NULL when not
                        given */
    layout_opts layout; /* from the front matter: page (a4 | 16:9),
                           linebreak (very-strict | strict | loose |
                           very-loose) and hanging (yes | no) */
} project;

/* Never NULL; check diag_error_count(d). */
project *project_load(const project_opts *o, diag_list *d);
void project_free(project *p);

#endif
