/* output: the shape every output writer has, and what it is given (types
 * only: the table of writers is writers.h, so that the writers, which
 * include this header, and the table, which includes them, make no
 * circle).  Each output is one writer file and one row of that table;
 * the build (build.h) lays the deck out once and hands every selected
 * writer the same build_result, so no writer depends on another having
 * run, and none lays anything out.
 *
 * Adding a format: a writer file exporting a write function of the shape
 * below (and, if it should say so, a wrote function), one row in
 * writers.c's table, and the flag that selects it as one row of cli.c's
 * option table (its `output` field naming the row's `option`).  Nothing
 * else changes: main.c passes the flags given through as names, and the
 * build runs the rows they select.
 *
 * Memory: a build_result only borrows: the build owns the deck, font and
 * layout and frees them after the last writer.  A writer keeps nothing past
 * its call; what wrote appends is the caller's buf. */
#ifndef SHIRYO_OUTPUT_H
#define SHIRYO_OUTPUT_H
#include <stddef.h>

#include "buf.h"
#include "deck.h"
#include "diag.h"
#include "font.h"
#include "layout.h"

/* What a writer is given: the deck, the font it was laid out with and
 * the layout result (the display list, the box of each chart and region).
 * All borrowed, valid while the writer runs. */
typedef struct build_result {
    const deck *deck;
    const font *font;
    const layout_result *layout;
} build_result;

typedef struct output_writer {
    const char *name;   /* "pdf", "chart-data", "site": for messages */
    const char *option; /* the command-line flag, without "--", that
                           selects this writer ("pdf", "html"); several
                           rows may share one */
    /* Writes the output under out_dir (which exists): the build's
     * staging folder, committed with every other writer's files when all
     * succeeded (txn.h), so a writer needs no care of its own for the
     * earlier outputs.  0, or -1 with errors added. */
    int (*write)(const build_result *b, const char *out_dir, diag_list *d);
    /* Appends what was written, for the "wrote …" line ("out/x.pdf (24
     * pages)"), given the real output folder, after the commit; NULL for
     * a writer that says nothing. */
    void (*wrote)(const build_result *b, const char *out_dir, buf *out);
} output_writer;

#endif
