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
 * Writers that take time have a render (below): the build runs the
 * renders of the selected writers at once, one thread each, then the
 * writes in the table's order, so files appear as before and the output is
 * byte-identical to a run without threads.
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
    /* What this writer's render made (below), given to its write; NULL
     * when it has no render or was called on its own (it renders then). */
    const void *prepared;
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
    /* Optional: the writer's computation, without touching a file, for
     * the build to run on a thread of its own while the other writers'
     * renders run (the PDF and the site are made in parallel).  It may
     * only read b (the font, deck and layout are shared, and the chart
     * memo has a lock: chart_memo.c) and add to d, its own list.  Returns
     * what write gets as b->prepared, or NULL with errors added; release
     * frees it after write. */
    void *(*render)(const build_result *b, diag_list *d);
    void (*release)(void *prepared);
} output_writer;

#endif
