/* build: the pipeline, run once.
 *
 *   project_load (data/ and templates/ to a deck)
 *     -> layout_deck, once (the display list, the box of every chart and
 *        region: layout.h)
 *     -> every selected writer of output.h's table, in the table's order,
 *        each given the same build_result
 *
 * `shiryo check` is the same run with no writer.  An error in the input
 * (data, templates, settings, the font, a slide that does not fit) stops
 * the run before anything is written.  The writers write into one
 * transaction (txn.h) that is committed only when all of them succeeded,
 * so a writer that fails, a signal or a kill leaves every earlier output
 * as it was; concurrent builds into one folder wait for each other.
 *
 * Library code: nothing here prints.  What was written comes back in the
 * build_report, every problem in the diag_list.
 *
 * Memory: build_run fills the caller's build_report, whose wrote lines are
 * malloc'd; build_report_free() frees them and their array.  The project, font
 * and layout it makes are freed before it returns, and o is only read. */
#ifndef SHIRYO_BUILD_H
#define SHIRYO_BUILD_H
#include <signal.h>
#include <stddef.h>

#include "diag.h"
#include "layout.h"
#include "writers.h"
#include "project.h"

typedef struct build_opts {
    project_opts project; /* the data and templates directories, the CSV
                             encoding */
    const char *font;     /* a font file to use, or NULL: the deck's
                             `font`, else fonts/ipaexg.ttf when it exists,
                             else the system's IPAexGothic */
    int page_given;       /* page overrides the deck's `page` */
    page_size page;
    const char *out_dir;  /* made when missing */
    int check;            /* lay out and write nothing */
    /* The outputs asked for, by the `option` of output_writer rows ("pdf",
     * "html"); none: every writer.  A name no row answers to is an
     * error. */
    const char *const *outputs;
    size_t noutputs;
    /* Set (by a signal handler) to stop the build before it commits its
     * outputs; NULL: never. */
    const volatile sig_atomic_t *stop;
    /* The writers to choose from; NULL: output.h's table. */
    const output_writer *writers;
    size_t nwriters;
} build_opts;

typedef enum {
    BUILD_OK,
    BUILD_FAILED_INPUT,  /* errors in the data, templates, settings or
                            layout, or an unknown output: nothing written */
    BUILD_FAILED_OUTPUT, /* the output directory or a writer failed:
                            the earlier outputs are as they were */
    BUILD_INTERRUPTED    /* *stop was set: nothing written */
} build_status;

typedef struct build_report {
    build_status status;
    size_t nslides; /* of the deck, once it was loaded */
    /* what each writer that said so wrote, in order ("out/x.pdf (24
     * pages)"); owned by the report */
    char **wrote;
    size_t nwrote;
} build_report;

/* Runs the build.  0, or -1 with r->status saying which kind of failure
 * and the errors in d.  Free r with build_report_free() either way. */
int build_run(const build_opts *o, build_report *r, diag_list *d);
void build_report_free(build_report *r);

#endif
