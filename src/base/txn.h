/* txn: everything one build writes, committed as one transaction.
 *
 * The scheme.  The output folder OUT (`-o`, default out/) keeps shiryo's
 * state in OUT/.shiryo/:
 *
 *   OUT/.shiryo/lock            flock'ed by the build that writes OUT
 *   OUT/.shiryo/gen-PID-N/      one generation: every file of one build
 *                               (NAME.pdf, site/index.html, site/data/…)
 *                               and .manifest, what shiryo wrote there
 *   OUT/.shiryo/current         symlink to the generation shown
 *   OUT/NAME.pdf, OUT/site      symlinks to .shiryo/current/NAME.pdf and
 *                               .shiryo/current/site, one per top-level
 *                               name of a generation
 *
 * A build writes into a fresh generation (the staging folder, txn_dir),
 * fsyncs it, makes sure every top-level name it holds has its symlink in
 * OUT (a new name's link dangles until the switch, so it shows nothing),
 * then renames a new `current` symlink over the old one.  That rename is
 * the one commit point: before it every path under OUT resolves into the
 * previous generation, after it into the new one, so a failure or a kill
 * at any moment leaves OUT showing exactly one complete set.  After the
 * switch, links whose name the new generation lacks (a renamed deck's old
 * PDF) and the previous generation are removed; a build killed before
 * that leaves them for the next build, which removes every generation
 * but the current one and every dangling link of ours first, under the
 * lock (so no other build is running).
 *
 * Nothing else is deleted: files in OUT that are not our links are never
 * touched; a file the user put under OUT/site/ (it lands in the current
 * generation, not in the manifest) is hard-linked into every new
 * generation, as are the files of writers that do not run in this build
 * (`shiryo build --html` keeps the PDF).  An OUT/site folder or OUT/NAME.pdf
 * file of an earlier version (no links yet) is adopted: hard-linked into
 * the current generation and replaced by its link (a folder by one
 * RENAME_EXCHANGE), so that what OUT shows never changes before the
 * switch.
 *
 * Memory: a txn owns its strings; txn_end frees it (and removes the
 * staging folder when it was not committed). */
#ifndef SHIRYO_TXN_H
#define SHIRYO_TXN_H
#include <signal.h>
#include <stddef.h>

#include "diag.h"

typedef struct txn txn;

/* The names of the writers: every one there is (all) and those that run
 * in this build (running).  A file of the current generation is carried
 * into the new one when no writer wrote it (the user's) or when the
 * writer that wrote it is one of all but not one of running. */
typedef struct txn_writers {
    const char *const *all;
    size_t nall;
    const char *const *running;
    size_t nrunning;
} txn_writers;

/* Opens a transaction on out_dir (made when missing): takes the lock
 * (waiting for another build; while waiting, a nonzero *stop gives up),
 * removes what killed builds left behind, makes the staging folder and
 * carries files into it (above).  NULL with an error naming the path and
 * the system's reason. */
txn *txn_begin(const char *out_dir, const txn_writers *w,
               const volatile sig_atomic_t *stop, diag_list *d);
/* The staging folder a build's writers write into. */
const char *txn_dir(const txn *t);
/* Records the files under the staging folder that are new since the last
 * call (or replace a carried one) as the writer's.  0 or -1. */
int txn_claim(txn *t, const char *writer, diag_list *d);
/* Commits (above).  0: OUT shows the new set (a problem while removing
 * the old one is only a warning); -1: OUT shows the previous set. */
int txn_commit(txn *t, diag_list *d);
/* Removes the staging folder unless committed, releases the lock, frees. */
void txn_end(txn *t);

#endif
