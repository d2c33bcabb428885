/* serve: the local web server of `shiryo preview`, which shows the site
 * (and the PDF and PowerPoint copies in it) and reloads the page after
 * each rebuild.
 *
 * Bound to 127.0.0.1 only: nothing but the machine itself can connect.
 * Answers GET and HEAD with the files under the site folder (the path
 * percent-decoded; "..", hidden names and anything outside the folder
 * refused with 404), read again on every request, so a rebuild that
 * switches the site (an atomic link switch, txn.h) is served at once.
 * Two paths are the preview's own:
 *   /__shiryo/status     the last build as JSON: {"build": N, "ok": true
 *                        or false, "log": "its messages"}, read from the
 *                        status file the watch loop writes;
 *   /__shiryo/reload.js  the script that polls the status every 250 ms,
 *                        reloads the page after a build that succeeded and
 *                        shows the messages of one that failed in the page.
 * Only the pages it serves get that script (a <script> element and a
 * Content-Security-Policy that allows it); the files written to out/
 * stay without scripts.
 *
 * Library code: nothing here prints; errors go to the diag_list. */
#ifndef SHIRYO_SERVE_H
#define SHIRYO_SERVE_H
#include <signal.h>

#include "buf.h"
#include "diag.h"

/* A listening socket on 127.0.0.1:port (0: any free port, *port gets
 * it), or -1 with an error added. */
int serve_open(int *port, diag_list *d);

/* Serves connections on fd until *stop is set: files from site_dir, the
 * status from status_path.  Returns 0, or -1 after an error. */
int serve_run(int fd, const char *site_dir, const char *status_path,
              const volatile sig_atomic_t *stop, diag_list *d);

/* The status JSON of build number n: ok, and its messages (log). */
void serve_status_json(buf *out, unsigned long n, int ok, const char *log);

#endif
