/* template: Markdown templates with expressions over the data.
 *
 *   {{ expr }}                       a value, formatted and escaped
 *   {{ if c }} … {{ elif c }} … {{ else }} … {{ end }}
 *   {{ for x in expr }} … {{ end }}  over rows or groups
 *   {{ let name = expr }}            a named value
 *   {{# comment #}}
 *
 * A file may start with front matter: a line "---", lines "key: value",
 * a line "---".  Keys of the first template of a deck are deck-wide
 * variables (title, edition, …); the deck's settings among them are read
 * and checked by settings.h.  See docs/templates.md.
 *
 * Output is Markdown text, with a map from each output line back to the
 * template position it came from and the weakest provenance of the values
 * written on it.  Values written outside fenced code blocks are escaped so
 * that no data can change the document's structure.  A value computed from
 * 速報 or 仮 data is followed by a mark (〔速報〕 / 〔仮〕) unless the
 * template asks for the bare value.
 *
 * Memory: the caller owns the template template_compile returns
 * (template_free), the environment (tmpl_env_free) and an expansion
 * (expansion_free); strings from template_path and template_meta stay the
 * template's. */
#ifndef SHIRYO_TEMPLATE_H
#define SHIRYO_TEMPLATE_H
#include <stddef.h>

#include "diag.h"
#include "table.h"

typedef struct template template;

/* Compiles text (len bytes) read from path.  Text that is not UTF-8 or
 * holds a NUL byte (the first such byte) and syntax errors (an unclosed
 * "{{", unbalanced blocks, bad expressions) are added with path:line:col
 * and NULL is returned. */
template *template_compile(const char *path, const char *text, size_t len,
                           diag_list *d);
void template_free(template *t);
const char *template_path(const template *t);

/* Front matter: NULL when the key is absent. */
const char *template_meta(const template *t, const char *key);
size_t template_meta_count(const template *t);
/* The line of key in the front matter, or 0 when the key is absent (for
 * errors about a front-matter value). */
int template_meta_line(const template *t, const char *key);
/* i-th entry in file order; *line is its line in the file. */
void template_meta_at(const template *t, size_t i, const char **key,
                      const char **value, int *line);

/* The evaluation environment: the tables and the deck-wide variables. */
typedef struct tmpl_env tmpl_env;
tmpl_env *tmpl_env_new(const tableset *ts);
/* Makes t's front matter keys deck-wide variables (strings; values that
 * parse as dates or years get those types). */
void tmpl_env_add_meta(tmpl_env *env, const template *t);
void tmpl_env_free(tmpl_env *env);

/* A table an expression of the template named, and the template line
 * of that name. */
typedef struct table_use {
    const table *t;
    int line;
} table_use;

typedef struct expansion {
    char *text; /* Markdown, NUL-terminated */
    size_t len;
    size_t nlines;
    srcloc *line_src; /* per output line: its template file and line, col 1 */
    prov *line_prov;  /* per output line: weakest provenance written on it */
    unsigned char *line_marks; /* per output line: PROV_BIT of every
                                  provenance but final written on it */
    table_use *uses;  /* the tables named, each (table, line) once, in the
                         order first named */
    size_t nuses;
    /* Where an expression wrote nothing or a loop ran no pass: the byte
     * offset in text and the expression's position (the prose check);
     * empty_whole[i] 1 marks instead the end of a loop over everything a
     * `where` kept (value.whole), which no exclusion may follow. */
    size_t *empty_off;
    srcloc *empty_at;
    unsigned char *empty_whole;
    size_t nempty;
} expansion;

/* Expands t.  Returns 0, or -1 after adding errors (unknown table, column
 * or category with a suggestion; type errors; division by zero; an empty
 * filter where a value is needed).  On success the caller frees *out
 * with expansion_free(); on -1 *out is left zeroed with nothing to free.
 * line_src[i].file is t's path, valid while t lives. */
int template_expand(const template *t, tmpl_env *env, expansion *out,
                    diag_list *d);
void expansion_free(expansion *e);

#endif
