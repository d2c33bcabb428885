/* shiryo: the command line.  The only file that prints or exits. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "font.h"
#include "fsutil.h"
#include "layout.h"
#include "out_html.h"
#include "out_pdf.h"
#include "project.h"
#include "watch.h"
#include "xalloc.h"

#ifndef SHIRYO_SYSTEM_FONT
#define SHIRYO_SYSTEM_FONT "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"
#endif

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_IO = 3 };

static const char *USAGE =
    "usage: shiryo build [--pdf] [--html] [--data DIR] [--templates DIR]\n"
    "                    [-o DIR] [--font FILE] [--page a4|16:9]\n"
    "                    [--encoding auto|utf-8|cp932]\n"
    "       shiryo check [--data DIR] [--templates DIR] [--font FILE]\n"
    "       shiryo watch [the options of build]\n"
    "       shiryo --help | --version\n";

static const char *HELP =
    "shiryo turns survey data (data/*.csv) and Markdown templates\n"
    "(templates/*.md) into a PDF slide deck and an HTML site.\n"
    "\n"
    "Commands:\n"
    "  build   write OUT/<deck>.pdf and OUT/site/ (both unless --pdf or\n"
    "          --html is given)\n"
    "  check   run every validation (data, templates, charts, layout) and\n"
    "          write nothing\n"
    "  watch   build, then build again whenever a file in the data or\n"
    "          templates directory changes (one line per build) until\n"
    "          Ctrl+C\n"
    "\n"
    "Options:\n"
    "  --data DIR        survey data directory (default: data)\n"
    "  --templates DIR   templates directory (default: templates)\n"
    "  -o, --out DIR     output directory (default: out)\n"
    "  --pdf, --html     write only the PDF, or only the site\n"
    "  --font FILE       TrueType font (default: the deck's `font`, else\n"
    "                    fonts/ipaexg.ttf, else the system IPAexGothic)\n"
    "  --page a4|16:9    page size (default: the deck's `page`, else a4)\n"
    "  --encoding E      CSV encoding: auto (default), utf-8 or cp932\n"
    "\n"
    "Exit status: 0 success, 1 errors in the input (data or templates),\n"
    "2 wrong usage, 3 input/output or internal failure.\n";

static void oom(size_t n)
{
    fprintf(stderr, "shiryo: out of memory (asking for %zu bytes)\n", n);
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

static int file_exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "shiryo: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n%s", USAGE);
    return EXIT_USAGE;
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

/* Builds in a child process: returns -1 in the child, which goes on to
 * run the build path of main() with the same options; in the parent,
 * the child's exit status (EXIT_IO if it could not run). */
static int build_child(void)
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
        return -1;
    }
    if (pid < 0) {
        perror("shiryo watch: fork");
        return EXIT_IO;
    }
    int st;
    while (waitpid(pid, &st, 0) < 0)
        ;
    return WIFEXITED(st) ? WEXITSTATUS(st) : EXIT_IO;
}

/* `shiryo watch`: builds now and after every change to the data or
 * templates (debounced), printing one line per build, until SIGINT or
 * SIGTERM.  Returns the exit status, or -1 in a child that must build. */
static int watch_loop(const project_opts *po, const char *out)
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
    printf("watching %s and %s (Ctrl+C to stop)\n", po->data_dir,
           po->templates_dir);
    const char *changed = NULL;
    int status = EXIT_OK;
    for (;;) {
        double t0 = now_ms();
        int rc = build_child();
        if (rc < 0) {
            diag_list_free(d);
            return -1;
        }
        time_t wall = time(NULL);
        struct tm tm;
        localtime_r(&wall, &tm);
        printf("[%02d:%02d:%02d] ", tm.tm_hour, tm.tm_min, tm.tm_sec);
        if (rc == EXIT_OK)
            printf("built %s in %.0f ms", out, now_ms() - t0);
        else
            printf("build failed (exit %d); %s unchanged", rc, out);
        if (changed)
            printf(" after a change to %s", changed);
        printf("\n");
        fflush(stdout);
        int w = watch_wait(watching, 100, &changed, d);
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
        printf("stopped watching\n");
    return status;
}

int main(int argc, char **argv)
{
    xalloc_set_failure_handler(oom);
    if (argc < 2) {
        fputs(USAGE, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
        strcmp(cmd, "help") == 0) {
        fputs(USAGE, stdout);
        fputs("\n", stdout);
        fputs(HELP, stdout);
        return EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0) {
        puts("shiryo " SHIRYO_VERSION);
        return EXIT_OK;
    }
    int check = strcmp(cmd, "check") == 0;
    int watch = strcmp(cmd, "watch") == 0;
    if (!check && !watch && strcmp(cmd, "build") != 0)
        return usage_error("unknown command \"%s\" (expected build, check "
                           "or watch)",
                           cmd);

    project_opts po = {"data", "templates", CSV_ENC_AUTO};
    const char *out = "out", *font_arg = NULL, *page_arg = NULL;
    int want_pdf = 0, want_html = 0;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = NULL;
        if (strcmp(a, "--pdf") == 0 && !check)
            want_pdf = 1;
        else if (strcmp(a, "--html") == 0 && !check)
            want_html = 1;
        else if (strcmp(a, "--data") == 0)
            slot = &po.data_dir;
        else if (strcmp(a, "--templates") == 0)
            slot = &po.templates_dir;
        else if ((strcmp(a, "-o") == 0 || strcmp(a, "--out") == 0) && !check)
            slot = &out;
        else if (strcmp(a, "--font") == 0)
            slot = &font_arg;
        else if (strcmp(a, "--page") == 0 && !check)
            slot = &page_arg;
        else if (strcmp(a, "--encoding") == 0) {
            if (i + 1 >= argc)
                return usage_error("%s needs a value", a);
            const char *e = argv[++i];
            if (strcmp(e, "auto") == 0)
                po.encoding = CSV_ENC_AUTO;
            else if (strcmp(e, "utf-8") == 0 || strcmp(e, "utf8") == 0)
                po.encoding = CSV_ENC_UTF8;
            else if (strcmp(e, "cp932") == 0 || strcmp(e, "shift_jis") == 0 ||
                     strcmp(e, "sjis") == 0)
                po.encoding = CSV_ENC_CP932;
            else
                return usage_error("unknown encoding \"%s\" (expected auto, "
                                   "utf-8 or cp932)",
                                   e);
        } else
            return usage_error("unknown option \"%s\"", a);
        if (slot) {
            if (i + 1 >= argc)
                return usage_error("%s needs a value", a);
            *slot = argv[++i];
        }
    }
    if (page_arg && strcmp(page_arg, "a4") != 0 && strcmp(page_arg, "16:9") != 0)
        return usage_error("unknown page size \"%s\" (expected a4 or 16:9)",
                           page_arg);
    if (!want_pdf && !want_html)
        want_pdf = want_html = 1;
    if (watch) {
        int rc = watch_loop(&po, out);
        if (rc >= 0)
            return rc;
        /* the child: build as `shiryo build` would */
    }

    diag_list *d = diag_list_new();
    project *p = project_load(&po, d);
    if (!p->deck) {
        report(d);
        project_free(p);
        diag_list_free(d);
        return EXIT_INPUT;
    }
    const deck *dk = p->deck;
    /* page size, line breaking and hanging punctuation come from the
     * deck's front matter (checked by project_load); --page overrides */
    layout_opts lo = p->layout;
    if (page_arg)
        lo.size = strcmp(page_arg, "16:9") == 0 ? PAGE_16_9 : PAGE_A4_LANDSCAPE;
    const char *font_path = font_arg       ? font_arg
                            : p->font_path ? p->font_path
                            : file_exists("fonts/ipaexg.ttf")
                                ? "fonts/ipaexg.ttf"
                                : SHIRYO_SYSTEM_FONT;
    font *f = diag_error_count(d) ? NULL : font_open(font_path, d);
    int status = EXIT_OK;
    if (!f) {
        status = EXIT_INPUT;
    } else if (check) {
        if (out_pdf_check(dk, f, &lo, d) != 0)
            status = EXIT_INPUT;
    } else {
        /* Lay out first (once, into a display list the PDF is written
         * from): an overflowing slide is an input error and must leave
         * every earlier output untouched. */
        canvas *laid = out_pdf_layout(dk, f, &lo, d);
        if (!laid) {
            status = EXIT_INPUT;
        } else if (fs_mkdirs(out, d) != 0) {
            status = EXIT_IO;
        } else {
            buf pdf_name = BUF_INIT;
            buf_printf(&pdf_name, "%s.pdf", dk->name);
            if (want_pdf) {
                char *path = fs_join(out, buf_cstr(&pdf_name));
                if (out_pdf_write_laid_out(dk, f, laid, path, d) != 0)
                    status = EXIT_IO;
                else
                    printf("wrote %s (%zu pages)\n", path, dk->nslides);
                free(path);
            }
            if (want_html && status == EXIT_OK) {
                char *site = fs_join(out, "site");
                if (out_html_write(dk, f, site, buf_cstr(&pdf_name), d) != 0)
                    status = EXIT_IO;
                else
                    printf("wrote %s/index.html\n", site);
                free(site);
            }
            buf_free(&pdf_name);
        }
        canvas_destroy(laid);
    }
    report(d);
    if (status == EXIT_OK && diag_error_count(d))
        status = EXIT_INPUT;
    if (check && status == EXIT_OK)
        printf("check: %zu slides, no errors\n", dk->nslides);
    font_free(f);
    project_free(p);
    diag_list_free(d);
    return status;
}
