/* settings: what the templates' front matter sets, read and checked by
 * one rule (docs/templates.md, "Front matter").
 *
 * A key is one of three kinds:
 *   - deck-wide settings (deck, title, author, subject, keywords, edition,
 *     font, pptx-font, page, linebreak, hanging, print) are read from the first
 * template's front matter only; the same key in a later template is an error at
 *     its line, saying to move it to the first template;
 *   - per-template settings (layout) may be in any template and hold for
 *     that template's slides;
 *   - any other key is a variable of the template language (deck-wide
 *     when in the first template), not looked at here.
 * Every value is checked here, with the one message and hint for it.
 *
 * Page size, line breaking and hanging are plain values: the caller makes
 * the layout's options from them (and from the command line).  The
 * settings own their strings; settings_free() releases them. */
#ifndef SHIRYO_SETTINGS_H
#define SHIRYO_SETTINGS_H
#include <stddef.h>

#include "diag.h"
#include "linebreak.h"
#include "template.h"

typedef enum {
    SETTINGS_PAGE_DEFAULT = 0, /* not given: the caller's default */
    SETTINGS_PAGE_A4,          /* page: a4 (landscape) */
    SETTINGS_PAGE_16_9         /* page: 16:9 */
} settings_page;

typedef struct settings {
    char *deck;     /* output stem, a plain file name; "deck" by default */
    char *title;    /* NULL when not given (each of these four) */
    char *author;
    char *subject;
    char *keywords;
    int edition_ymd; /* edition as yyyymmdd; 0 when not given */
    char *font_path; /* font, joined to the templates directory; NULL when
                        not given */
    char *pptx_font; /* pptx-font: the font family the PowerPoint file
                        names; NULL when not given */
    settings_page page;
    lb_level linebreak; /* LB_STRICT when not given */
    int hanging;        /* hanging: yes → 1; no or not given → 0 */
    int print_mono;     /* print: mono → 1; colour or not given → 0 */
} settings;

/* Reads the deck-wide settings from tpls[0] and checks the front matter
 * of every template (n of them, in deck order; an entry may be NULL for a
 * template that did not compile).  A font path is joined to
 * templates_dir.  Returns 0, or -1 after adding errors; *s is filled
 * either way (defaults where a value was wrong) and freed with
 * settings_free(). */
int settings_read(settings *s, const template *const *tpls, size_t n,
                  const char *templates_dir, diag_list *d);
void settings_free(settings *s);

/* The slides a template makes (its front matter's `layout`). */
typedef enum { TPL_LAYOUT_CONTENT, TPL_LAYOUT_COVER } tpl_layout;

/* t's layout in *out (content when not given).  Returns 0, or -1 after
 * adding an error for an unknown layout (then *out is content).
 * settings_read() runs this for every template. */
int settings_layout(const template *t, tpl_layout *out, diag_list *d);

#endif
