/* shiryo: the command line.  The only file that prints or exits. */
#include <errno.h>
#include <libgen.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "build.h"
#include "canvas_pdf.h"
#include "cli.h"
#include "diag.h"
#include "diff.h"
#include "font.h"
#include "fsutil.h"
#include "i18n.h"
#include "init.h"
#include "markdown.h"
#include "project.h"
#include "serve.h"
#include "utf8.h"
#include "watch.h"
#include "xalloc.h"

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_IO = 3 };
/* watch's note of a build child ended by SIGINT or SIGTERM (never an exit
 * status of shiryo's own) */
enum { EXIT_STOPPED = 256 };

static void oom(size_t n)
{
    fprintf(stderr, _("shiryo: out of memory (asking for %zu bytes)\n"), n);
    exit(EXIT_IO);
}

/* Prints every diagnostic; returns the number of errors. */
static size_t report(const diag_list *d)
{
    buf b = BUF_INIT;
    for (size_t i = 0; i < diag_count(d); i++) {
        buf_reset(&b);
        diag_format(diag_get(d, i), &b);
        fprintf(stderr, "%s\n", buf_cstr(&b));
    }
    buf_free(&b);
    return diag_error_count(d);
}

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static void print_buf(FILE *fp, buf *b)
{
    fputs(buf_cstr(b), fp);
    buf_free(b);
}

/* A usage error, with what it quotes of the command line made visible
 * as diag does for every other message (the names of the characters
 * shown join its hint line). */
static void print_usage_error(const buf *msg)
{
    buf out = BUF_INIT, names = BUF_INIT;
    const char *s = buf_cstr(msg);
    for (;;) { /* line by line: its line breaks are its own */
        const char *nl = strchr(s, '\n');
        char *line = nl ? xstrndup(s, (size_t)(nl - s)) : xstrdup(s);
        diag_visible(line, &out, &names);
        free(line);
        if (!nl)
            break;
        buf_putc(&out, '\n');
        s = nl + 1;
    }
    char hint_line[64];
    snprintf(hint_line, sizeof hint_line, "\n  %s: ", _("hint"));
    if (names.len)
        buf_printf(&out, "%s%s",
                   strstr(buf_cstr(msg), hint_line) ? "; " : hint_line,
                   buf_cstr(&names));
    fprintf(stderr, "shiryo: %s\n", buf_cstr(&out));
    buf_free(&out);
    buf_free(&names);
}

static watcher *watching; /* for the signal handler of `shiryo watch` */

static void stop_watching(int sig)
{
    (void)sig;
    watch_interrupt(watching);
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* What `shiryo preview` adds to the watch loop: each build's messages
 * kept (log_path) as well as shown, and the status the server reads. */
typedef struct preview {
    const char *log_path;
    const char *status_path;
    unsigned long builds;
} preview;

/* After a build of the preview: its messages to stderr, and the status
 * file rewritten (atomically) for the server. */
static void preview_status(preview *pv, int ok)
{
    size_t len = 0;
    char *log = fs_read(pv->log_path, &len, NULL);
    if (log)
        fputs(log, stderr);
    buf j = BUF_INIT;
    serve_status_json(&j, ++pv->builds, ok, log ? log : "");
    diag_list *d = diag_list_new();
    fs_write_atomic(pv->status_path, j.data, j.len, d);
    report(d);
    diag_list_free(d);
    buf_free(&j);
    free(log);
}

/* Builds in a child process: returns -1 in the child, which goes on to
 * run the build path of main() with the same options; in the parent,
 * the child's exit status (EXIT_IO if it could not run).  With log_path,
 * the child's messages go to that file (the parent shows them). */
static int build_child(const char *log_path)
{
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid == 0) {
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        watch_close(watching);
        watching = NULL;
        /* the child's "wrote …" lines would make two lines per build */
        if (!freopen("/dev/null", "w", stdout))
            exit(EXIT_IO);
        if (log_path && !freopen(log_path, "w", stderr))
            exit(EXIT_IO);
        return -1;
    }
    if (pid < 0) {
        perror("shiryo watch: fork");
        return EXIT_IO;
    }
    int st;
    while (waitpid(pid, &st, 0) < 0)
        ;
    return WIFEXITED(st)                                       ? WEXITSTATUS(st)
           : WTERMSIG(st) == SIGINT || WTERMSIG(st) == SIGTERM ? EXIT_STOPPED
                                                               : EXIT_IO;
}

/* `shiryo watch`: builds now and after every change to the data or
 * templates (debounced), printing one line per build, until SIGINT or
 * SIGTERM.  Returns the exit status, or -1 in a child that must build. */
static int watch_loop(const project_opts *po, const char *out, preview *pv)
{
    const char *dirs[] = {po->data_dir, po->templates_dir};
    diag_list *d = diag_list_new();
    watching = watch_open(dirs, 2, d);
    if (!watching) {
        report(d);
        diag_list_free(d);
        return EXIT_IO;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = stop_watching;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    printf(_("watching %s and %s (Ctrl+C to stop)\n"), po->data_dir,
           po->templates_dir);
    const char *changed = NULL;
    int status = EXIT_OK;
    for (;;) {
        double t0 = now_ms();
        int rc = build_child(pv ? pv->log_path : NULL);
        if (rc < 0) {
            diag_list_free(d);
            return -1;
        }
        if (pv)
            preview_status(pv, rc == EXIT_OK);
        time_t wall = time(NULL);
        struct tm tm;
        localtime_r(&wall, &tm);
        printf("[%02d:%02d:%02d] ", tm.tm_hour, tm.tm_min, tm.tm_sec);
        /* a build commits all its outputs or none (build.h), so a
         * failed or stopped one left out unchanged */
        if (rc == EXIT_OK)
            printf(_("built %s in %.0f ms"), out, now_ms() - t0);
        else if (rc == EXIT_STOPPED)
            printf(_("build stopped; %s unchanged"), out);
        else
            printf(_("build failed (exit %d); %s unchanged"), rc, out);
        if (changed)
            printf(_(" after a change to %s"), changed);
        printf("\n");
        fflush(stdout);
        int w = watch_wait(watching, WATCH_QUIET_MS, &changed, d);
        if (w <= 0) {
            status = w < 0 ? EXIT_IO : EXIT_OK;
            break;
        }
    }
    report(d);
    watch_close(watching);
    watching = NULL;
    diag_list_free(d);
    if (status == EXIT_OK)
        printf(_("stopped watching\n"));
    return status;
}

static volatile sig_atomic_t stop_serving; /* the server child's */
static void on_stop_serving(int sig) { stop_serving = sig; }

/* `shiryo preview`: the watch loop, with the site served on
 * 127.0.0.1:PORT by a child process (serve.h).  Returns the exit status,
 * or -1 in a child that must build. */
static int preview_loop(const cli_args *a, const project_opts *po)
{
    diag_list *d = diag_list_new();
    int port = a->port;
    int fd = serve_open(&port, d);
    char tmp[] = "/tmp/shiryo-preview-XXXXXX";
    if (fd < 0 || !mkdtemp(tmp)) {
        report(d);
        diag_list_free(d);
        if (fd >= 0)
            close(fd);
        return EXIT_IO;
    }
    char *log = fs_join(tmp, "build.log"), *status = fs_join(tmp, "status");
    char *site = fs_join(a->out, "site");
    fflush(stdout);
    pid_t server = fork();
    if (server == 0) {
        signal(SIGINT, SIG_IGN);  /* the parent stops it, after the loop */
        signal(SIGPIPE, SIG_IGN); /* a browser that went away */
        signal(SIGTERM, on_stop_serving);
        int rc = serve_run(fd, site, status, &stop_serving, d);
        report(d);
        _exit(rc == 0 ? EXIT_OK : EXIT_IO);
    }
    close(fd);
    int st = EXIT_IO;
    if (server < 0) {
        perror("shiryo preview: fork");
    } else {
        printf(_("preview: http://127.0.0.1:%d/ (this machine only)\n"), port);
        preview pv = {log, status, 0};
        st = watch_loop(po, a->out, &pv);
        if (st >= 0) { /* the parent: stop the server */
            kill(server, SIGTERM);
            while (waitpid(server, NULL, 0) < 0 && errno == EINTR)
                ;
        }
    }
    if (st >= 0)
        fs_remove_tree(tmp);
    free(log);
    free(status);
    free(site);
    diag_list_free(d);
    return st;
}

/* `shiryo --version`: ours and the libraries' as they run. */
static int print_version(void)
{
    printf("shiryo %s\n", SHIRYO_VERSION);
    printf("libharu %s, HarfBuzz %s, cmark %s, utf8proc %s\n",
           canvas_pdf_library_version(), font_library_version(),
           md_library_version(), utf8_library_version());
    return EXIT_OK;
}

/* `shiryo init [--starter|--example] DIR`. */
static int run_init(const cli_args *a)
{
    /* the deck's folder name, and a word of the message (N_) */
    const char *kind =
        a->init_kind == INIT_EXAMPLE ? N_("example") : N_("starter");
    diag_list *d = diag_list_new();
    char **files = NULL;
    long n = -1;
    char *src = init_find_deck(kind, d);
    if (src)
        n = init_copy_deck(src, a->init_dir, &files, d);
    size_t errors = report(d);
    int status = EXIT_OK;
    if (n < 0) {
        /* a file in the way is the user's to move; a deck that cannot be
         * found or copied is an installation or I/O problem */
        status = errors && src ? EXIT_INPUT : EXIT_IO;
    } else {
        printf(_("created the %s deck in %s: %ld files\n"), _(kind),
               a->init_dir, n);
        for (long i = 0; i < n; i++) {
            printf("  %s\n", files[i]);
            free(files[i]);
        }
        printf(_("next: cd %s && shiryo build\n"), a->init_dir);
    }
    free(files);
    free(src);
    diag_list_free(d);
    return status;
}

/* Build, check and watch need a deck: where neither of its folders is
 * here and none was named, say so plainly and point at `shiryo init`
 * (a folder named but missing is reported by the loader, at its name). */
static int find_deck(const cli_args *a)
{
    if (a->data_given || a->templates_given || is_dir(a->data_dir) ||
        is_dir(a->templates_dir))
        return 0;
    fprintf(stderr, _("shiryo: no deck here: neither data/ nor templates/ is "
                      "in this folder\n"));
    fprintf(stderr, "  %s: ", _("hint"));
    fprintf(stderr,
            _("start a new deck with `shiryo init DIR`, then "
              "`cd DIR && shiryo %s`; or name the folders with --data "
              "and --templates\n"),
            cli_command_name(a->cmd));
    return EXIT_INPUT;
}

static volatile sig_atomic_t stop_build; /* the signal that stops a build */

static void on_stop(int sig) { stop_build = sig; }

/* `shiryo build`, `shiryo check` and a build of `shiryo watch`: the
 * pipeline is build.c's; here its report is printed and mapped to the
 * exit status.  SIGINT and SIGTERM stop the build before it commits its
 * outputs; the process then ends by the same signal. */
static int run_build(const cli_args *a, const project_opts *po)
{
    /* check writes nothing: it just ends; a signal ignored when shiryo
     * started (a background job of a script) stays ignored */
    static const int sigs[] = {SIGINT, SIGTERM};
    for (int i = 0; i < 2 && a->cmd != CLI_CHECK; i++) {
        struct sigaction sa, old;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_stop;
        sigemptyset(&sa.sa_mask);
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaction(sigs[i], &sa, NULL);
    }
    build_opts bo = {.project = *po,
                     .font = a->font,
                     .page_given = a->page_given,
                     .page = a->page,
                     .out_dir = a->out,
                     .check = a->cmd == CLI_CHECK,
                     .outputs = a->outputs,
                     .noutputs = a->noutputs,
                     .stop = &stop_build};
    diag_list *d = diag_list_new();
    build_report r;
    build_run(&bo, &r, d);
    for (size_t i = 0; i < r.nwrote; i++)
        printf(_("wrote %s\n"), r.wrote[i]);
    report(d);
    if (bo.check && r.status == BUILD_OK)
        printf(_("check: %zu slides, no errors\n"), r.nslides);
    int status = r.status == BUILD_OK             ? EXIT_OK
                 : r.status == BUILD_FAILED_INPUT ? EXIT_INPUT
                                                  : EXIT_IO;
    build_report_free(&r);
    diag_list_free(d);
    if (r.status == BUILD_INTERRUPTED) {
        int sig = stop_build;
        fprintf(stderr, _("shiryo: stopped by %s; %s is unchanged\n"),
                sig == SIGINT ? "SIGINT" : "SIGTERM", a->out);
        fflush(stdout);
        signal(sig, SIG_DFL);
        raise(sig);
    }
    return status;
}

/* `shiryo diff [--report FILE] [OLD [NEW]]`: the changes on stdout, the
 * states' messages on stderr; 0 no change, 1 changes, 2 trouble (as
 * diff(1)). */
static int run_diff(const cli_args *a)
{
    diff_opts o = {a->diff_old, a->diff_new, a->encoding};
    diag_list *d = diag_list_new();
    buf text = BUF_INIT, html = BUF_INIT;
    diff_status st = diff_run(&o, &text, a->report ? &html : NULL, d);
    if (st != DIFF_TROUBLE && a->report &&
        fs_write_atomic(a->report, html.data, html.len, d) != 0)
        st = DIFF_TROUBLE;
    report(d);
    if (st != DIFF_TROUBLE)
        fputs(buf_cstr(&text), stdout);
    buf_free(&text);
    buf_free(&html);
    diag_list_free(d);
    return (int)st;
}

/* The folder of the message catalogues (LOCALEDIR/ja/LC_MESSAGES/
 * shiryo.mo): run from the build tree (make puts them in build/locale,
 * beside build/shiryo), the folder "locale" beside the executable;
 * installed, SHIRYO_LOCALEDIR ($(PREFIX)/share/locale).  The executable is
 * found through /proc/self/exe, so the working directory does not
 * matter.  (An installed /usr/bin has the program /usr/bin/locale there,
 * not a folder.) */
static char *locale_dir(void)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *dir = fs_join(dirname(exe), "locale");
        if (is_dir(dir))
            return dir;
        free(dir);
    }
    return xstrdup(SHIRYO_LOCALEDIR);
}

/* The language of the messages, set up once, before anything is said
 * (i18n.h): only LC_MESSAGES follows the environment (LC_ALL, else
 * LC_MESSAGES, else LANG, and LANGUAGE as gettext honours it); every other
 * category stays "C", so numbers and sorting never depend on the locale.
 * Japanese for ja_*, English (the messages as written) for any other
 * locale and for C/POSIX.  The catalogues are UTF-8 and so is the output,
 * whatever LC_CTYPE says.
 *
 * A locale that is not generated on the machine (ja_JP.UTF-8 without
 * locale-gen, common on servers and in containers): setlocale fails and
 * LC_MESSAGES stays "C", where glibc's gettext (2.36, measured) translates
 * nothing and ignores LANGUAGE.  A catalogue needs no locale data, so then
 * LC_MESSAGES is set to C.UTF-8 (built into glibc since 2.35), where
 * LANGUAGE is honoured, and LANGUAGE, when the user did not set it, to the
 * language asked for ("ja_JP" of "ja_JP.UTF-8"; gettext tries ja_JP, then
 * ja).  Child processes inherit it (git runs under LC_ALL=C, where it has
 * no effect). */
static void messages_language(void)
{
    if (!setlocale(LC_MESSAGES, "")) {
        const char *want = NULL;
        const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
        for (size_t i = 0; i < 3 && !want; i++) {
            const char *v = getenv(vars[i]);
            if (v && *v)
                want = v;
        }
        const char *lang = getenv("LANGUAGE");
        if (want && strcmp(want, "C") != 0 && strcmp(want, "POSIX") != 0 &&
            strncmp(want, "C.", 2) != 0 && setlocale(LC_MESSAGES, "C.UTF-8") &&
            (!lang || !*lang)) {
            char code[64];
            snprintf(code, sizeof code, "%.*s", (int)strcspn(want, ".@"), want);
            setenv("LANGUAGE", code, 1);
        }
    }
    char *dir = locale_dir();
    bindtextdomain(SHIRYO_DOMAIN, dir);
    bind_textdomain_codeset(SHIRYO_DOMAIN, "UTF-8");
    /* strerror's words too (the C library's domain): without this they
     * would be converted to LC_CTYPE's ASCII, as "????" */
    bind_textdomain_codeset("libc", "UTF-8");
    free(dir);
    /* no catalogue of ours for that language (the header, the translation
     * of "", is empty): English throughout, the system's words in our
     * messages too (strerror would be German under de_DE) */
    static const char header[] = ""; /* not a literal: xgettext skips it */
    if (!*dgettext(SHIRYO_DOMAIN, header))
        setlocale(LC_MESSAGES, "C");
}

int main(int argc, char **argv)
{
    messages_language();
    xalloc_set_failure_handler(oom);
    cli_args a;
    buf msg = BUF_INIT;
    if (cli_parse(argc, argv, &a, &msg) != 0) {
        print_usage_error(&msg);
        buf_reset(&msg);
        /* the usage of the command named, if it was one */
        cli_command which = CLI_HELP;
        if (argc < 2 || !cli_find_command(argv[1], &which))
            which = CLI_HELP;
        cli_usage(which, &msg);
        print_buf(stderr, &msg);
        if (which == CLI_HELP || which == CLI_VERSION)
            fprintf(stderr, _("Run `shiryo --help` for more.\n"));
        else
            fprintf(stderr, _("Run `shiryo %s --help` for more.\n"),
                    cli_command_name(which));
        return EXIT_USAGE;
    }
    buf_free(&msg);
    if (a.cmd == CLI_VERSION)
        return print_version();
    if (a.cmd == CLI_HELP || a.help) {
        cli_help(a.cmd == CLI_HELP ? a.help_on : a.cmd, &msg);
        print_buf(stdout, &msg);
        return EXIT_OK;
    }
    if (a.cmd == CLI_INIT)
        return run_init(&a);
    if (a.cmd == CLI_DIFF)
        return run_diff(&a);
    if (find_deck(&a) != 0)
        return EXIT_INPUT;

    project_opts po = {a.data_dir, a.templates_dir, a.encoding, a.strict};
    if (a.cmd == CLI_PREVIEW) {
        /* the site must be rebuilt, whatever else is asked for */
        int html = a.noutputs == 0;
        for (size_t i = 0; i < a.noutputs; i++)
            html |= strcmp(a.outputs[i], "html") == 0;
        if (!html && a.noutputs < CLI_MAX_OUTPUTS)
            a.outputs[a.noutputs++] = "html";
        int rc = preview_loop(&a, &po);
        if (rc >= 0)
            return rc;
        /* the child: build as `shiryo build` would */
    } else if (a.cmd == CLI_WATCH) {
        int rc = watch_loop(&po, a.out, NULL);
        if (rc >= 0)
            return rc;
        /* the child: build as `shiryo build` would */
    }
    return run_build(&a, &po);
}
