#include "build.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "font.h"
#include "fsutil.h"
#include "job.h"
#include "txn.h"
#include "xalloc.h"

#ifndef SHIRYO_SYSTEM_FONT
#define SHIRYO_SYSTEM_FONT "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"
#endif

static int file_exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* The layout's options: page size, line breaking and hanging punctuation
 * from the deck's settings (checked by project_load); --page overrides
 * the page, and A4 is the default. */
static layout_opts layout_options(const settings *s, const build_opts *o)
{
    layout_opts lo = {PAGE_A4_LANDSCAPE, s->linebreak, s->hanging};
    if (o->page_given)
        lo.size = o->page;
    else if (s->page == SETTINGS_PAGE_16_9)
        lo.size = PAGE_16_9;
    return lo;
}

static int selected(const build_opts *o, const output_writer *w)
{
    if (o->noutputs == 0)
        return 1;
    for (size_t i = 0; i < o->noutputs; i++)
        if (strcmp(o->outputs[i], w->option) == 0)
            return 1;
    return 0;
}

/* Every output asked for is some writer's: 0, or -1 with an error. */
static int check_outputs(const build_opts *o, const output_writer *ws,
                         size_t n, diag_list *d)
{
    int rc = 0;
    for (size_t i = 0; i < o->noutputs; i++) {
        size_t k = 0;
        while (k < n && strcmp(o->outputs[i], ws[k].option) != 0)
            k++;
        if (k < n)
            continue;
        buf names = BUF_INIT;
        for (size_t j = 0; j < n; j++) {
            size_t same = 0;
            while (same < j && strcmp(ws[same].option, ws[j].option) != 0)
                same++;
            if (same == j)
                buf_printf(&names, "%s%s", j ? ", " : "", ws[j].option);
        }
        diag_add(d, DIAG_ERROR, NULL, 0, 0, "no output is named \"%s\"",
                 o->outputs[i]);
        diag_hint(d, "the outputs are: %s", buf_cstr(&names));
        buf_free(&names);
        rc = -1;
    }
    return rc;
}

static int stopped(const build_opts *o) { return o->stop && *o->stop; }

/* The writers' messages, with the staging folder's paths made the user's
 * (out/.shiryo/gen-…/site/index.html is out/site/index.html); a NULL
 * stage copies them as they are. */
static void move_diags(diag_list *from, const char *stage, const char *out,
                       diag_list *d)
{
    size_t sl = stage ? strlen(stage) : 0;
    for (size_t i = 0; i < diag_count(from); i++) {
        const diag *g = diag_get(from, i);
        char *file = NULL;
        if (stage && g->file && strncmp(g->file, stage, sl) == 0 &&
            (g->file[sl] == '/' || g->file[sl] == '\0'))
            file = g->file[sl] ? fs_join(out, g->file + sl + 1) : xstrdup(out);
        diag_add(d, g->severity, file ? file : g->file, g->line, g->col, "%s",
                 g->message);
        if (g->hint)
            diag_hint(d, "%s", g->hint);
        free(file);
    }
}

/* One selected writer's render (output.h), run on a thread of its own. */
typedef struct render_job {
    const output_writer *w;
    build_result b;
    diag_list *d;
    void *made;
    job run;
} render_job;

static void render_one(void *arg)
{
    render_job *j = arg;
    j->made = j->w->render(&j->b, j->d);
}

/* Runs the renders of the selected writers at once: one thread each but
 * the last, which runs on this one; returns when all are done.  A thread
 * that cannot be started runs its render here.  jobs[i] is writer i's. */
static void render_all(const build_opts *o, const output_writer *ws, size_t n,
                       const build_result *b, render_job *jobs)
{
    size_t last = n;
    for (size_t i = 0; i < n; i++) {
        jobs[i].w = &ws[i];
        jobs[i].b = *b;
        if (selected(o, &ws[i]) && ws[i].render)
            last = i;
    }
    for (size_t i = 0; i < n; i++) {
        if (!selected(o, &ws[i]) || !ws[i].render)
            continue;
        jobs[i].d = diag_list_new();
        if (i != last)
            job_start(&jobs[i].run, render_one, &jobs[i]);
        else
            render_one(&jobs[i]);
    }
    for (size_t i = 0; i < n; i++)
        job_wait(&jobs[i].run);
}

/* Runs the selected writers in order into one transaction (txn.h), after
 * their renders (render_all): they write into its staging folder, and
 * only when every one succeeded is it committed, so out_dir shows either
 * the earlier outputs or all the new ones.  Stops at the first writer
 * that fails.  A render's messages come just before its writer's. */
static int write_outputs(const build_opts *o, const output_writer *ws,
                         size_t n, const build_result *b, build_report *r,
                         diag_list *d)
{
    const char **all = xcalloc(n ? n : 1, sizeof *all);
    const char **going = xcalloc(n ? n : 1, sizeof *going);
    render_job *jobs = xcalloc(n ? n : 1, sizeof *jobs);
    size_t nrun = 0;
    for (size_t i = 0; i < n; i++) {
        all[i] = ws[i].name;
        if (selected(o, &ws[i]))
            going[nrun++] = ws[i].name;
    }
    render_all(o, ws, n, b, jobs);
    txn_writers tw = {all, n, going, nrun};
    txn *t = txn_begin(o->out_dir, &tw, o->stop, d);
    int rc = t ? 0 : -1;
    diag_list *wd = diag_list_new();
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (!selected(o, &ws[i]))
            continue;
        if (jobs[i].d)
            move_diags(jobs[i].d, NULL, NULL, wd);
        if (ws[i].render && !jobs[i].made) {
            rc = -1;
            break;
        }
        jobs[i].b.prepared = jobs[i].made;
        if (stopped(o) || ws[i].write(&jobs[i].b, txn_dir(t), wd) != 0 ||
            txn_claim(t, ws[i].name, wd) != 0)
            rc = -1;
    }
    if (t)
        move_diags(wd, txn_dir(t), o->out_dir, d);
    diag_list_free(wd);
    for (size_t i = 0; i < n; i++) {
        if (jobs[i].made)
            ws[i].release(jobs[i].made);
        if (jobs[i].d)
            diag_list_free(jobs[i].d);
    }
    free(jobs);
    if (rc == 0 && (stopped(o) || diag_error_count(d)))
        rc = -1;
    if (rc == 0)
        rc = txn_commit(t, d);
    txn_end(t);
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (!selected(o, &ws[i]) || !ws[i].wrote)
            continue;
        buf line = BUF_INIT;
        ws[i].wrote(b, o->out_dir, &line);
        r->wrote = xrealloc(r->wrote, (r->nwrote + 1) * sizeof *r->wrote);
        r->wrote[r->nwrote++] = buf_detach(&line);
    }
    free(all);
    free(going);
    return rc;
}

/* The font opened on a thread of its own while the project loads: the
 * path a build uses unless the deck's front matter names another font
 * (--font, else fonts/ipaexg.ttf, else the system's), known before the
 * project is read.  Its messages wait in its own list. */
typedef struct font_job {
    const char *path;
    font *f;
    diag_list *d;
    job run;
} font_job;

static void open_font(void *arg)
{
    font_job *j = arg;
    j->f = font_open(j->path, j->d);
}

static void font_job_start(font_job *j, const char *path)
{
    memset(j, 0, sizeof *j);
    j->path = path;
    j->d = diag_list_new();
    job_start(&j->run, open_font, j);
}

/* The font at path for the build: the job's when it opened that path
 * (its messages moved to d, or dropped when d is NULL: a build that
 * stops before its font), else opened now.  The job is finished. */
static font *font_job_take(font_job *j, const char *path, diag_list *d)
{
    job_wait(&j->run);
    font *f = NULL;
    if (strcmp(path, j->path) == 0) {
        f = j->f;
        if (d)
            move_diags(j->d, NULL, NULL, d);
    } else {
        font_free(j->f);
        f = font_open(path, d);
    }
    diag_list_free(j->d);
    return f;
}

int build_run(const build_opts *o, build_report *r, diag_list *d)
{
    memset(r, 0, sizeof *r);
    const output_writer *ws = o->writers ? o->writers : output_writers;
    size_t nw = o->writers ? o->nwriters : output_nwriters;
    r->status = BUILD_FAILED_INPUT;
    if (check_outputs(o, ws, nw, d) != 0)
        return -1;
    const char *usual_font = o->font ? o->font
                             : file_exists("fonts/ipaexg.ttf")
                                 ? "fonts/ipaexg.ttf"
                                 : SHIRYO_SYSTEM_FONT;
    font_job fj;
    font_job_start(&fj, usual_font);
    project *p = project_load(&o->project, d);
    if (!p->deck) {
        font_free(font_job_take(&fj, usual_font, NULL));
        project_free(p);
        return -1;
    }
    const deck *dk = p->deck;
    r->nslides = dk->nslides;
    layout_opts lo = layout_options(&p->settings, o);
    const char *font_path = o->font                  ? o->font
                            : p->settings.font_path ? p->settings.font_path
                                                    : usual_font;
    font *f = NULL;
    if (diag_error_count(d))
        font_free(font_job_take(&fj, usual_font, NULL));
    else
        f = font_job_take(&fj, font_path, d);
    /* Lay out first, once: an overflowing slide is an input error and
     * must leave every earlier output untouched. */
    layout_result *lr = f ? layout_deck(dk, f, &lo, d) : NULL;
    if (lr) {
        build_result b = {dk, f, lr};
        r->status = BUILD_OK;
        if (!o->check && write_outputs(o, ws, nw, &b, r, d) != 0)
            r->status = stopped(o) ? BUILD_INTERRUPTED : BUILD_FAILED_OUTPUT;
        else if (diag_error_count(d))
            r->status = BUILD_FAILED_INPUT;
    }
    layout_result_free(lr);
    font_free(f);
    project_free(p);
    return r->status == BUILD_OK ? 0 : -1;
}

void build_report_free(build_report *r)
{
    for (size_t i = 0; i < r->nwrote; i++)
        free(r->wrote[i]);
    free(r->wrote);
    r->wrote = NULL;
    r->nwrote = 0;
}
