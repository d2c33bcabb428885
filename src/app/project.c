#include "project.h"

#include <stdlib.h>
#include <string.h>

#include "editions.h"
#include "fsutil.h"
#include "prose.h"
#include "template.h"
#include "xalloc.h"

static char *dup_or_null(const char *s) { return s ? xstrdup(s) : NULL; }

/* The deck's own metadata, from the settings; the title falls back to
 * the first slide's. */
static void describe_deck(deck *dk, const settings *s)
{
    dk->name = xstrdup(s->deck);
    dk->title = s->title      ? xstrdup(s->title)
                : dk->nslides ? rich_plain(&dk->slides[0].title)
                              : NULL;
    dk->author = dup_or_null(s->author);
    dk->subject = dup_or_null(s->subject);
    dk->keywords = dup_or_null(s->keywords);
    dk->pptx_font = dup_or_null(s->pptx_font);
    dk->edition_ymd = s->edition_ymd;
}

/* A table read without a schema: a note (an error with --strict), since
 * its types were guessed and a misspelt category is not caught. */
static void schemaless(const tableset *ts, int strict, diag_list *d)
{
    for (size_t i = 0; i < tableset_count(ts); i++) {
        const table *t = tableset_get(ts, i);
        if (!t->inferred)
            continue;
        diag_add(d, strict ? DIAG_ERROR : DIAG_NOTE, t->path, 0, 0,
                 "table \"%s\" has no schema: its column types were guessed "
                 "and its categories are not checked",
                 t->name);
        diag_hint(d,
                  "add data/%s.schema.csv (column,type,values,description)"
                  " so that a misspelt category is an error, not a missing "
                  "bar",
                  t->name);
    }
}

project *project_load(const project_opts *o, diag_list *d)
{
    project *p = xcalloc(1, sizeof *p);
    size_t errs0 = diag_error_count(d);
    p->tables = tableset_load_dir(o->data_dir, o->encoding, d);
    if (!p->tables)
        p->tables = tableset_new();

    char **names;
    size_t n;
    if (fs_list(o->templates_dir, ".md", &names, &n, d) != 0)
        return p;
    if (n == 0) {
        diag_add(d, DIAG_ERROR, o->templates_dir, 0, 0,
                 "no templates (*.md) in this directory");
        free(names);
        return p;
    }
    template **tpls = xcalloc(n, sizeof(template *));
    for (size_t i = 0; i < n; i++) {
        char *path = fs_join(o->templates_dir, names[i]);
        size_t len;
        char *text = fs_read(path, &len, d);
        if (text)
            tpls[i] = template_compile(path, text, len, d);
        free(text);
        free(path);
    }
    /* Templates are still compiled above (their syntax errors are worth
     * reporting), but not expanded over tables that failed to load or
     * settings that are wrong: every use would only repeat the error. */
    int settings_rc = settings_read(&p->settings, (const template *const *)tpls,
                                    n, o->templates_dir, d);
    schemaless(p->tables, o->strict, d);
    int inputs_ok = settings_rc == 0 && diag_error_count(d) == errs0;
    tmpl_env *env = tmpl_env_new(p->tables);
    if (tpls[0])
        tmpl_env_add_meta(env, tpls[0]);
    deck *dk = deck_new();
    dk->print_mono = p->settings.print_mono;
    dk->image_dir = xstrdup(o->templates_dir);
    editions *ed = editions_new();
    for (size_t i = 0; i < n; i++) {
        if (!tpls[i] || !inputs_ok)
            continue;
        expansion ex;
        if (template_expand(tpls[i], env, &ex, d) == 0) {
            prose_check(&ex, template_path(tpls[i]), o->strict, d);
            size_t first = dk->nslides;
            deck_add_markdown(dk, tpls[i], &ex, p->tables, d);
            editions_add(ed, dk, first, &ex);
            expansion_free(&ex);
        }
    }
    if (diag_error_count(d) == errs0)
        editions_check(ed, dk, d);
    editions_free(ed);
    tmpl_env_free(env);
    for (size_t i = 0; i < n; i++) {
        template_free(tpls[i]);
        free(names[i]);
    }
    free(tpls);
    free(names);
    if (diag_error_count(d) > errs0) {
        deck_free(dk);
        return p;
    }
    describe_deck(dk, &p->settings);
    p->deck = dk;
    return p;
}

void project_free(project *p)
{
    if (!p)
        return;
    tableset_free(p->tables);
    deck_free(p->deck);
    settings_free(&p->settings);
    free(p);
}
