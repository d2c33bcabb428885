/* deck_diff: what a reader would see change between two decks, slide by
 * slide, for reviewing a revision (`shiryo diff`).
 *
 * Slides are matched by their titles with the figures in them set aside
 * (「令和6年度の…」 matches 「令和7年度の…」): the longest common
 * subsequence of the two decks' slides; slides left between matches are
 * paired in order, the rest are added or removed.
 *
 * Within a pair of slides:
 *   - text: the title, the key points, the body, the notes and the
 *     sources, split into sentences (at 。); the sentences are aligned
 *     (longest common subsequence), and a sentence that differs is one
 *     change, old → new; a sentence only on one side is added or removed;
 *   - charts and tables (the n-th of one slide with the n-th of the
 *     other): every datum by its row's labels and its column's header
 *     (the leading columns that hold no number are the labels); a value
 *     that differs is one change, a column or row only on one side is one
 *     change listing its values;
 *   - provenance: the slide's status (確報, 速報, 仮), when it differs.
 *
 * Figures: the changes keep whole texts; diff_tokens() splits two texts
 * into the runs a reader compares (numbers whole: 「1,024」「58%」,
 * everything else by character) and marks what differs, for the report's
 * highlighting.
 *
 * Memory: deck_diff_make returns a diff the caller frees with
 * deck_diff_free(); it copies every text it keeps. */
#ifndef SHIRYO_DECK_DIFF_H
#define SHIRYO_DECK_DIFF_H
#include <stddef.h>

#include "deck.h"

typedef enum {
    DD_ADDED,   /* only in the new deck (new_text) */
    DD_REMOVED, /* only in the old deck (old_text) */
    DD_CHANGED, /* old_text -> new_text */
} dd_kind;

typedef enum {
    DD_TEXT,   /* a sentence */
    DD_VALUE,  /* a datum of a chart or table: what says which */
    DD_STATUS, /* the slide's provenance */
} dd_what;

typedef struct dd_change {
    dd_kind kind;
    dd_what what;
    char *where;    /* "title", "key point 2", "chart 1 「…」", "note" */
    char *label;    /* DD_VALUE: the datum's row and column, or a whole
                       column's or row's name; else NULL */
    char *old_text; /* NULL when added */
    char *new_text; /* NULL when removed */
} dd_change;

typedef struct dd_slide {
    size_t old_no, new_no; /* 1-based; 0 when on one side only */
    char *title;           /* the new title (the old when removed) */
    dd_change *changes;    /* none for a slide added or removed */
    size_t nchanges;
} dd_slide;

typedef struct deck_diff {
    dd_slide *slides; /* the slides that changed, in the new deck's order */
    size_t nslides;
    size_t old_count, new_count; /* slides in each deck */
    size_t nchanges; /* every change, slides added or removed included */
} deck_diff;

deck_diff *deck_diff_make(const deck *old, const deck *new_);
void deck_diff_free(deck_diff *dd);

/* A text split for comparison: its tokens and, per token, whether it is
 * not in the other text's common subsequence. */
typedef struct dd_token {
    const char *s; /* into the text */
    size_t len;
    int changed;
    int number;
} dd_token;

/* Splits a and b into tokens (*ta, *tb, freed by the caller) and marks
 * the ones that differ. */
void diff_tokens(const char *a, const char *b, dd_token **ta, size_t *na,
                 dd_token **tb, size_t *nb);

#endif
