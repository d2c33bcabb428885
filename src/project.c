#include "project.h"

#include <stdlib.h>
#include <string.h>

#include "era.h"
#include "fsutil.h"
#include "template.h"
#include "xalloc.h"

/* A path a template names must stay inside the project: relative, and
 * with no ".." component. */
static int inside_project(const char *path)
{
    if (!*path || path[0] == '/' || path[0] == '\\')
        return 0;
    for (const char *p = path; *p;) {
        size_t n = strcspn(p, "/\\");
        if (n == 2 && p[0] == '.' && p[1] == '.')
            return 0;
        p += n;
        if (*p)
            p++;
    }
    return 1;
}

/* A deck name becomes a file name in the output directory. */
static int safe_name(const char *s)
{
    if (!*s || s[0] == '.')
        return 0;
    for (const char *p = s; *p; p++)
        if (*p == '/' || *p == '\\' || (unsigned char)*p < 0x20)
            return 0;
    return 1;
}

/* The deck-wide settings in the first template's front matter, each
 * checked where it is written. */
static void read_settings(project *p, const template *t, const char *dir,
                          diag_list *d)
{
    const char *ed = template_meta(t, "edition");
    int ymd;
    if (ed && era_parse_date(ed, &ymd) != 0) {
        diag_add(d, DIAG_ERROR, template_path(t),
                 template_meta_line(t, "edition"), 1,
                 "edition \"%s\" is not a date", ed);
        diag_hint(d, "write it as 2025-06-30 or 令和7年6月30日 (a real day "
                     "of the month)");
    }
    const char *fontp = template_meta(t, "font");
    if (fontp && !inside_project(fontp)) {
        diag_add(d, DIAG_ERROR, template_path(t),
                 template_meta_line(t, "font"), 1,
                 "font \"%s\" is outside the project", fontp);
        diag_hint(d, "a template may name only files inside the "
                     "project: give a path relative to the templates "
                     "directory without \"..\", or use --font");
    } else if (fontp) {
        p->font_path = fs_join(dir, fontp);
    }
    const char *page = template_meta(t, "page");
    if (page && strcmp(page, "a4") != 0 && strcmp(page, "16:9") != 0) {
        diag_add(d, DIAG_ERROR, template_path(t),
                 template_meta_line(t, "page"), 1,
                 "unknown page size \"%s\"", page);
        diag_hint(d, "page is \"a4\" or \"16:9\"");
    } else if (page) {
        p->page = xstrdup(page);
        p->layout.size = strcmp(page, "16:9") == 0 ? PAGE_16_9
                                                   : PAGE_A4_LANDSCAPE;
    }
    const char *lb = template_meta(t, "linebreak");
    if (lb && lb_level_parse(lb, &p->layout.linebreak) != 0) {
        diag_add(d, DIAG_ERROR, template_path(t),
                 template_meta_line(t, "linebreak"), 1,
                 "unknown line-breaking level \"%s\"", lb);
        diag_hint(d, "linebreak is very-strict, strict (the default), "
                     "loose or very-loose");
    }
    const char *hang = template_meta(t, "hanging");
    if (hang && strcmp(hang, "yes") == 0)
        p->layout.hanging = 1;
    else if (hang && strcmp(hang, "no") != 0) {
        diag_add(d, DIAG_ERROR, template_path(t),
                 template_meta_line(t, "hanging"), 1,
                 "hanging must be yes or no, not \"%s\"", hang);
        diag_hint(d, "hanging: yes lets 。 and 、 hang past the line end");
    }
    const char *name = template_meta(t, "deck");
    if (name && !safe_name(name)) {
        diag_add(d, DIAG_ERROR, template_path(t),
                 template_meta_line(t, "deck"), 1,
                 "deck name \"%s\" is not a plain file name", name);
        diag_hint(d, "the PDF is written as out/NAME.pdf: use letters, "
                     "digits, - and _");
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
    if (tpls[0])
        read_settings(p, tpls[0], o->templates_dir, d);
    int inputs_ok = diag_error_count(d) == errs0;
    tmpl_env *env = tmpl_env_new(p->tables);
    if (tpls[0])
        tmpl_env_add_meta(env, tpls[0]);
    deck *dk = deck_new();
    for (size_t i = 0; i < n; i++) {
        if (!tpls[i] || !inputs_ok)
            continue;
        expansion ex;
        if (template_expand(tpls[i], env, &ex, d) == 0) {
            deck_add_markdown(dk, tpls[i], &ex, p->tables, d);
            expansion_free(&ex);
        }
    }
    tmpl_env_free(env);
    for (size_t i = 0; i < n; i++) {
        template_free(tpls[i]);
        free(names[i]);
    }
    free(tpls);
    free(names);
    if (!dk->name)
        dk->name = xstrdup("deck");
    if (!dk->title && dk->nslides)
        dk->title = rich_plain(&dk->slides[0].title);
    if (diag_error_count(d) > errs0) {
        deck_free(dk);
        return p;
    }
    p->deck = dk;
    return p;
}

void project_free(project *p)
{
    if (!p)
        return;
    tableset_free(p->tables);
    deck_free(p->deck);
    free(p->font_path);
    free(p->page);
    free(p);
}
