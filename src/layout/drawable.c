/* drawable: the characters the PDF cannot draw (see drawable.h). */
#include "drawable.h"

#include <stdlib.h>

#include "canvas_record.h"
#include "format.h"
#include "i18n.h"
#include "utf8.h"
#include "xalloc.h"

/* More characters than this missing from the font: the wrong font. */
enum { WRONG_FONT_MISSING = 20 };

/* The font, the set of the characters it lacks, where errors go. */
typedef struct checker {
    const font *f;
    uint32_t *missing;
    diag_list *d;
} checker;

static size_t check_text(const checker *k, const char *t, srcloc at,
                         const char *where)
{
    return font_check_text(k->f, t, at, where, k->missing, k->d);
}

static size_t check_rich(const checker *k, const rich *r, const char *where)
{
    char *t = rich_plain(r);
    size_t n = check_text(k, t, r->at, where);
    free(t);
    return n;
}

static size_t check_slide(const checker *ck, const slide *s, size_t index)
{
    size_t n = 0;
    buf w = BUF_INIT;
    buf_printf(&w, "slide %zu, title", index + 1);
    n += check_rich(ck, &s->title, buf_cstr(&w));
    buf_reset(&w);
    buf_printf(&w, "slide %zu, key points", index + 1);
    for (size_t i = 0; i < s->npoints; i++)
        n += check_rich(ck, &s->points[i], buf_cstr(&w));
    buf_reset(&w);
    buf_printf(&w, "slide %zu, body", index + 1);
    for (size_t i = 0; i < s->nbody; i++) {
        const block *b = &s->body[i];
        for (size_t k = 0; k < b->nitems; k++)
            n += check_rich(ck, &b->items[k], buf_cstr(&w));
        if (b->kind == BLOCK_TABLE && b->table)
            for (size_t k = 0; k < b->table->nrows * b->table->ncols; k++)
                n += check_text(ck, b->table->cells[k], b->table->at,
                                buf_cstr(&w));
        if (b->kind == BLOCK_CHART && b->chart) {
            buf cw = BUF_INIT;
            buf_printf(&cw, _("slide %zu, chart"), index + 1);
            n += chart_check_text(b->chart, ck->f, buf_cstr(&cw), ck->missing,
                                  ck->d);
            buf_free(&cw);
        }
    }
    buf_reset(&w);
    buf_printf(&w, "slide %zu, notes", index + 1);
    for (size_t i = 0; i < s->nnotes; i++)
        n += check_rich(ck, &s->notes[i], buf_cstr(&w));
    buf_reset(&w);
    buf_printf(&w, "slide %zu, sources", index + 1);
    for (size_t i = 0; i < s->nsources; i++)
        n += check_rich(ck, &s->sources[i], buf_cstr(&w));
    buf_free(&w);
    return n;
}

/* A font that lacks many of the characters the slides use is the wrong
 * font: one error naming it, instead of one per character and text.
 * Returns 1 after that error, 0 when the font is the right one (its few
 * missing characters, if any, are then reported where they are). */
static int wrong_font(const deck *dk, const font *f, diag_list *d)
{
    uint32_t *missing = xcalloc(FONT_BMP_WORDS, sizeof *missing);
    diag_list *scratch = diag_list_new();
    checker k = {f, missing, scratch};
    for (size_t i = 0; i < dk->nslides; i++)
        check_slide(&k, &dk->slides[i], i);
    diag_list_free(scratch);
    size_t n = 0;
    uint32_t first = 0;
    for (uint32_t cp = 0; cp < 0x10000; cp++)
        if ((missing[cp >> 5] >> (cp & 31)) & 1 && n++ == 0)
            first = cp;
    free(missing);
    if (n <= WRONG_FONT_MISSING)
        return 0;
    char u[5] = {0};
    utf8_encode(first, u);
    diag_add(d, DIAG_ERROR, font_path(f), 0, 0,
             "the font %s has no glyph for %zu of the characters the slides "
             "use (U+%04X 「%s」 among them)",
             font_family(f), n, (unsigned)first, u);
    diag_hint(d, "use a font with Japanese glyphs, such as IPAexGothic (the "
                 "default, from fonts-ipaexfont-gothic)");
    return 1;
}

/* The last guard of `check` is `build` without writing: every character
 * of the display list can be drawn.  Each text is checked at its own
 * position before (check_slide); a character that got through without
 * one is reported here, before any writer runs, never by a writer. */
int drawable_display(canvas *rec, const font *f, diag_list *d)
{
    size_t n;
    const uint32_t *cps = canvas_record_codepoints(rec, &n);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        if (font_can_draw(f, cps[i]))
            continue;
        char u[5] = {0};
        utf8_encode(cps[i], u);
        diag_add(d, DIAG_ERROR, NULL, 0, 0,
                 "U+%04X \"%s\" is in the slides but cannot be drawn with "
                 "the font %s",
                 (unsigned)cps[i], u, font_family(f));
        rc = -1;
    }
    return rc;
}

int drawable_deck(const deck *dk, const font *f, diag_list *d)
{
    if (wrong_font(dk, f, d))
        return -1;
    checker ck = {f, NULL, d};
    int rc = 0;
    for (size_t i = 0; i < dk->nslides; i++)
        if (check_slide(&ck, &dk->slides[i], i))
            rc = -1;
    return rc;
}
