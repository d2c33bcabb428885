/* project: the front half of the pipeline, from a data directory and a
 * templates directory to a deck.
 *
 *   data/NAME.csv ─► tables ─┐
 *   templates/NAME.md ─► template expansion ─► Markdown ─► deck
 *
 * Templates are taken in file-name order; the front matter of the first
 * one holds the deck-wide settings (deck, title, edition, page, …; read
 * and checked by settings.h).  Every problem found is added to the
 * diagnostics; loading goes on after errors so that one run reports as
 * many as it can.  project_free() releases everything the project holds. */
#ifndef SHIRYO_PROJECT_H
#define SHIRYO_PROJECT_H
#include "csv.h"
#include "deck.h"
#include "diag.h"
#include "settings.h"
#include "table.h"

typedef struct project_opts {
    const char *data_dir;
    const char *templates_dir;
    csv_encoding encoding;
    int strict; /* --strict: what is a note or a warning otherwise (a table
                   without a schema) is an error */
} project_opts;

typedef struct project {
    tableset *tables;
    deck *deck; /* NULL after errors */
    settings settings; /* the deck-wide settings; the deck's name, title,
                          author, subject, keywords and edition are copied
                          into *deck.  The caller makes the layout's options
                          from page, linebreak and hanging, and opens
                          font_path when no --font is given. */
} project;

/* Never NULL; check diag_error_count(d). */
project *project_load(const project_opts *o, diag_list *d);
void project_free(project *p);

#endif
