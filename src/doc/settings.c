/* settings: the front matter's settings, one table of keys, one reader. */
#include "settings.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "era.h"
#include "fsutil.h"
#include "i18n.h"
#include "utf8.h"
#include "xalloc.h"

/* A reader stores one deck-wide value in s, or returns -1 when the value
 * is wrong (its key's rule below gives the message, and the reader may
 * append the reason to why).  dir is the templates directory; field the
 * offset of a text value's slot. */
typedef int (*key_reader)(settings *s, const char *v, const char *dir,
                          size_t field, buf *why);

static int read_text(settings *s, const char *v, const char *dir, size_t field,
                     buf *why)
{
    (void)dir, (void)why;
    char **slot = (char **)((char *)s + field);
    free(*slot);
    *slot = xstrdup(v);
    return 0;
}

static int read_deck(settings *s, const char *v, const char *dir, size_t field,
                     buf *why)
{
    /* the name of the PDF and of the PowerPoint file, and of their links
     * in the site: checked with the longer extension, ".pptx" */
    if (fs_name_problem(v, ".pptx", why) != 0)
        return -1;
    return read_text(s, v, dir, field, why);
}

static int read_edition(settings *s, const char *v, const char *dir,
                        size_t field, buf *why)
{
    (void)dir, (void)field, (void)why;
    return era_parse_date(v, &s->edition_ymd);
}

static int read_font(settings *s, const char *v, const char *dir, size_t field,
                     buf *why)
{
    (void)field;
    if (!fs_relative_inside(v))
        return -1;
    /* by name inside, and after its links are followed too */
    char *path = fs_join(dir, v);
    if (fs_within(path, dir) != 2) {
        char *real = fs_canonical(path);
        buf_printf(why, _("it leads to \"%s\""), real);
        free(real);
        free(path);
        return -1;
    }
    free(s->font_path);
    s->font_path = path;
    return 0;
}

/* The longest family name Windows (and so PowerPoint) takes: LOGFONT's
 * face name holds 32 UTF-16 units with the terminating NUL. */
enum { FACE_NAME_MAX = 31 };

/* A font family name for the PowerPoint file: what its font list shows,
 * valid text without control characters, at most FACE_NAME_MAX UTF-16
 * units (a longer name is not found, and PowerPoint falls back to another
 * font). */
static int read_pptx_font(settings *s, const char *v, const char *dir,
                          size_t field, buf *why)
{
    size_t len = strlen(v), units = 0;
    if (!*v || v[0] == ' ' || v[len - 1] == ' ') {
        buf_puts(why, _("empty, or with a space at an end"));
        return -1;
    }
    for (size_t i = 0, adv; i < len; i += adv) {
        int32_t cp = utf8_decode(v + i, len - i, &adv);
        if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
            buf_puts(why,
                     cp < 0 ? _("not valid UTF-8") : _("a control character"));
            return -1;
        }
        units += cp > 0xffff ? 2 : 1;
    }
    if (units > FACE_NAME_MAX) {
        buf_printf(why, _("%zu characters, over the %d of a Windows font name"),
                   units, FACE_NAME_MAX);
        return -1;
    }
    return read_text(s, v, dir, field, why);
}

static int read_page(settings *s, const char *v, const char *dir, size_t field,
                     buf *why)
{
    (void)dir, (void)field, (void)why;
    if (strcmp(v, "a4") == 0)
        s->page = SETTINGS_PAGE_A4;
    else if (strcmp(v, "16:9") == 0)
        s->page = SETTINGS_PAGE_16_9;
    else
        return -1;
    return 0;
}

static int read_linebreak(settings *s, const char *v, const char *dir,
                          size_t field, buf *why)
{
    (void)dir, (void)field, (void)why;
    return lb_level_parse(v, &s->linebreak);
}

static int read_hanging(settings *s, const char *v, const char *dir,
                        size_t field, buf *why)
{
    (void)dir, (void)field, (void)why;
    if (strcmp(v, "yes") != 0 && strcmp(v, "no") != 0)
        return -1;
    s->hanging = strcmp(v, "yes") == 0;
    return 0;
}

static int read_print(settings *s, const char *v, const char *dir,
                      size_t field, buf *why)
{
    (void)dir, (void)field, (void)why;
    if (strcmp(v, "mono") != 0 && strcmp(v, "colour") != 0)
        return -1;
    s->print_mono = strcmp(v, "mono") == 0;
    return 0;
}

static int check_layout(const template *t, diag_list *d)
{
    tpl_layout l;
    return settings_layout(t, &l, d);
}

/* Every key the program reads from front matter, with the error for a
 * wrong value: `before "VALUE" after`, and its hint (text values are
 * never wrong).  A deck-wide key has a reader; a per-template key has a
 * check instead, which reports its own errors through bad_value(). */
typedef struct key_rule {
    const char *name;
    key_reader read;
    size_t field; /* for read_text and read_deck: the string's slot */
    int (*check)(const template *t, diag_list *d);
    const char *before, *after, *hint;
} key_rule;

static const key_rule KEYS[] = {
    {"deck", read_deck, offsetof(settings, deck), NULL, N_("deck name "),
     N_(" is not a plain file name"),
     N_("the PDF is written as out/NAME.pdf and linked by that name from the "
        "site: use letters, digits, - and _")},
    {"title", read_text, offsetof(settings, title), NULL, "", "", ""},
    {"author", read_text, offsetof(settings, author), NULL, "", "", ""},
    {"subject", read_text, offsetof(settings, subject), NULL, "", "", ""},
    {"keywords", read_text, offsetof(settings, keywords), NULL, "", "", ""},
    {"edition", read_edition, 0, NULL, N_("edition "), N_(" is not a date"),
     N_("write it as 2025-06-30 or 令和7年6月30日 (a real day of the month)")},
    {"font", read_font, 0, NULL, N_("font "), N_(" is outside the project"),
     N_("a template may name only files inside the project: give a path "
        "relative to the templates directory without \"..\", or use --font")},
    {"pptx-font", read_pptx_font, offsetof(settings, pptx_font), NULL,
     N_("PowerPoint font "), N_(" is not a font family name"),
     N_("give the family name as PowerPoint's font list shows it, at most 31 "
        "characters, e.g. \"Yu Gothic\" or \"BIZ UDPGothic\"")},
    {"page", read_page, 0, NULL, N_("unknown page size "), "",
     N_("page is \"a4\" or \"16:9\"")},
    {"linebreak", read_linebreak, 0, NULL, N_("unknown line-breaking level "),
     "",
     N_("linebreak is very-strict, strict (the default), loose or very-loose")},
    {"hanging", read_hanging, 0, NULL, N_("hanging must be yes or no, not "),
     "", N_("hanging: yes lets 。 and 、 hang past the line end")},
    {"print", read_print, 0, NULL, N_("print must be mono or colour, not "), "",
     N_("print: mono sets every chart for black-and-white printing (greys, "
        "hatching, labels on plain boxes); colour is the default")},
    {"layout", NULL, 0, check_layout, N_("unknown layout "), "",
     N_("layout is \"cover\" or \"content\"")},
};

static const key_rule *find_key(const char *name)
{
    for (size_t i = 0; i < sizeof KEYS / sizeof *KEYS; i++)
        if (strcmp(KEYS[i].name, name) == 0)
            return &KEYS[i];
    return NULL;
}

/* The error for a wrong value of key k at path:line. */
static void bad_value(diag_list *d, const key_rule *k, const char *path,
                      int line, const char *v, const buf *why)
{
    /* the pieces are translated here (_("") would be the catalogue's
     * header) */
    diag_add(d, DIAG_ERROR, path, line, 1, "%s\"%s\"%s%s%s", _(k->before), v,
             k->after[0] ? _(k->after) : "", why && why->len ? ": " : "",
             why ? buf_cstr(why) : "");
    diag_hint(d, "%s", _(k->hint));
}

/* A deck-wide key outside the first template. */
static void misplaced(diag_list *d, const template *t, int line,
                      const char *key, const template *first)
{
    diag_add(d, DIAG_ERROR, template_path(t), line, 1,
             "deck-wide setting \"%s\" outside the first template", key);
    if (first)
        diag_hint(d, "move it to the front matter of %s, the first "
                     "template: the deck's settings are read from there "
                     "only",
                  template_path(first));
    else
        diag_hint(d, "move it to the front matter of the first template "
                     "(in file-name order): the deck's settings are read "
                     "from there only");
}

/* The one rule, over the keys of template t in file order: a deck-wide
 * key (one with a reader) is read from the first template and an error
 * in any other; a per-template key is checked in each.  A key given twice takes its last
 * value (as template_meta does), and only that one is checked. */
static int check_template(settings *s, const template *t, int is_first,
                          const template *first, const char *dir,
                          diag_list *d)
{
    int rc = 0;
    for (size_t i = 0; i < template_meta_count(t); i++) {
        const char *key, *v;
        int line;
        template_meta_at(t, i, &key, &v, &line);
        const key_rule *k = find_key(key);
        if (!k)
            continue; /* a variable */
        if (k->read && !is_first) {
            misplaced(d, t, line, key, first);
            rc = -1;
        } else if (template_meta_line(t, key) != line) {
            continue; /* given again below */
        } else if (k->read) {
            buf why = BUF_INIT;
            if (k->read(s, v, dir, k->field, &why) != 0) {
                bad_value(d, k, template_path(t), line, v, &why);
                rc = -1;
            }
            buf_free(&why);
        } else if (k->check && k->check(t, d) != 0) {
            rc = -1;
        }
    }
    return rc;
}

int settings_read(settings *s, const template *const *tpls, size_t n,
                  const char *templates_dir, diag_list *d)
{
    memset(s, 0, sizeof *s);
    int rc = 0;
    const template *first = n ? tpls[0] : NULL;
    for (size_t i = 0; i < n; i++)
        if (tpls[i] && check_template(s, tpls[i], i == 0, first,
                                      templates_dir, d) != 0)
            rc = -1;
    if (!s->deck)
        s->deck = xstrdup("deck");
    return rc;
}

void settings_free(settings *s)
{
    if (!s)
        return;
    free(s->deck);
    free(s->title);
    free(s->author);
    free(s->subject);
    free(s->keywords);
    free(s->font_path);
    free(s->pptx_font);
    memset(s, 0, sizeof *s);
}

int settings_layout(const template *t, tpl_layout *out, diag_list *d)
{
    const char *v = template_meta(t, "layout");
    *out = TPL_LAYOUT_CONTENT;
    if (!v || strcmp(v, "content") == 0)
        return 0;
    if (strcmp(v, "cover") == 0) {
        *out = TPL_LAYOUT_COVER;
        return 0;
    }
    bad_value(d, find_key("layout"), template_path(t),
              template_meta_line(t, "layout"), v, NULL);
    return -1;
}
