/* markdown: CommonMark (cmark) to a flat list of blocks of rich text.
 *
 * The only module that includes cmark.  It fixes what CommonMark does not
 * do for Japanese: a soft line break between two CJK characters joins them
 * without a space.  Raw HTML is an error at its line (never passed
 * through).  An image alone in its paragraph is an MD_IMAGE block (its
 * file and alternative text; the deck checks both); an image inside text,
 * a list item, a quote or a heading is an error.  Links must be http:, https:, mailto:, a
 * relative path or a #fragment; other schemes (javascript:, data:, file:)
 * are errors.
 *
 * Lines are those of the Markdown text (1-based); callers map them back to
 * the template.  Everything returned is owned by the md_doc. */
#ifndef SHIRYO_MARKDOWN_H
#define SHIRYO_MARKDOWN_H
#include <stddef.h>

#include "diag.h"
#include "rich.h"

typedef enum {
    MD_HEADING,
    MD_PARA,
    MD_LIST,
    MD_CODE,
    MD_QUOTE,
    MD_RULE,
    MD_IMAGE /* a paragraph that is one image and nothing else */
} md_kind;

typedef struct md_block {
    md_kind kind;
    int level;     /* MD_HEADING */
    int ordered;   /* MD_LIST */
    rich *items;   /* HEADING/PARA/QUOTE: 1, LIST: one per item */
    size_t nitems;
    int *item_lines; /* line of each item */
    char *info;    /* MD_CODE: the info string ("chart", "table", …) */
    char *code;    /* MD_CODE: the content */
    int line;      /* first line of the block */
    int code_line; /* MD_CODE: line of the first content line */
    char *url;     /* MD_IMAGE: the file as written */
    char *alt;     /* MD_IMAGE: the alternative text, as plain text */
    int unclosed;  /* MD_CODE: a fence with no closing fence (the block
                      runs to the end of the text) */
} md_block;

typedef struct md_doc {
    md_block *blocks;
    size_t nblocks;
} md_doc;

/* Link-scheme errors are reported through `locate`, which maps a Markdown
 * line to the user's position. */
typedef srcloc (*md_locate_fn)(void *ctx, int line);
md_doc *markdown_parse(const char *text, size_t len, md_locate_fn locate,
                       void *ctx, diag_list *d);
void md_doc_free(md_doc *doc);

/* The version of cmark in use (for --version). */
const char *md_library_version(void);

#endif
