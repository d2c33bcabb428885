/* deck: the slides of a deck, built from the expanded templates' Markdown.
 *
 * Mapping convention (documented for authors in docs/templates.md):
 *   - a level-1 heading starts a slide and is its title;
 *   - the first bullet list right after the title is the key-points box
 *     (drawn with ■ bullets);
 *   - a paragraph starting with ※ is a note; a paragraph starting with
 *     「出典：」 gives the source lines (one per line, prefix removed);
 *   - a ```chart block is a figure, a ```table block a table (rows of
 *     cells separated by " | ", the first row the header);
 *   - an image alone in its paragraph, ![代替テキスト](FILE), is a
 *     picture (picture.h: FILE relative to the templates directory,
 *     PNG or JPEG, alternative text required; not on a cover);
 *   - everything else (paragraphs, lists, lower headings) is body text;
 *   - a template whose front matter says `layout: cover` makes cover
 *     slides: the heading is the deck title, each paragraph a line below
 *     (the key is read by settings_layout()).
 *
 * All text is kept as runs of styled UTF-8 (NFC).  Everything is owned by
 * the deck; deck_free() releases it. */
#ifndef SHIRYO_DECK_H
#define SHIRYO_DECK_H
#include <stddef.h>

#include "canvas.h"
#include "chart.h"
#include "diag.h"
#include "picture.h"
#include "rich.h"
#include "table.h"
#include "template.h"

typedef struct dtable {
    size_t nrows, ncols;
    char **cells; /* row-major; row 0 is the header */
    prov prov;
    srcloc at;
} dtable;

typedef enum {
    BLOCK_PARA,
    BLOCK_LIST,
    BLOCK_HEADING,
    BLOCK_CHART,
    BLOCK_TABLE,
    BLOCK_IMAGE
} block_kind;

typedef struct block {
    block_kind kind;
    rich *items; /* BLOCK_PARA/HEADING: 1; BLOCK_LIST: one per item */
    size_t nitems;
    int ordered;  /* BLOCK_LIST */
    chart *chart; /* BLOCK_CHART */
    dtable *table; /* BLOCK_TABLE */
    canvas_image *image; /* BLOCK_IMAGE: its bytes are the deck's
                            pictures' (one read per file) */
    srcloc at;
} block;

typedef enum { SLIDE_CONTENT, SLIDE_COVER } slide_kind;

typedef struct slide {
    slide_kind kind;
    rich title;
    rich *points; /* the key-points box */
    size_t npoints;
    block *body;
    size_t nbody;
    rich *notes;
    size_t nnotes;
    rich *sources;
    size_t nsources;
    prov prov; /* weakest provenance of anything on the slide */
    unsigned marks; /* PROV_BIT of every provenance but final on it: a
                       slide with 速報 and 仮 values shows both marks */
    srcloc at; /* the heading */
} slide;

typedef struct deck {
    /* The deck's description, set by its builder (project.c) from the
     * deck-wide settings (settings.h); NULL / 0 until then, and where not
     * given.  deck_add_markdown() does not touch them. */
    char *name;    /* output stem ("deck" by default) */
    char *title;   /* `title`, else the first slide title */
    char *author;
    char *subject;
    char *keywords;
    char *pptx_font; /* `pptx-font`: the PowerPoint file's font family */
    int edition_ymd; /* `edition` as yyyymmdd */
    /* `print: mono`: every chart set for black-and-white printing
     * (chart_spec_set_mono).  Unlike the fields above, read by
     * deck_add_markdown(): set it before the first call. */
    int print_mono;
    /* The folder image blocks name their files relative to (the
     * templates directory), set like print_mono; NULL: templates/. */
    char *image_dir;
    picture_set *pictures; /* the files read, made by the first image */
    slide *slides;
    size_t nslides;
    char **files; /* template paths: every srcloc in the deck points here */
    size_t nfiles;
} deck;

deck *deck_new(void);
/* Appends the slides of one expanded template (its Markdown parsed with
 * cmark).  Charts are built against ts.  Returns 0 or -1 after errors. */
int deck_add_markdown(deck *dk, const template *t, const expansion *ex,
                      const tableset *ts, diag_list *d);
void deck_free(deck *dk);
/* The path of the deck's output file with extension ext in dir
 * ("out/NAME.pdf"), which every writer names its file by; the caller
 * frees it. */
char *deck_file_path(const deck *dk, const char *dir, const char *ext);

#endif
