/* template_impl: the compiled form of a template, shared by the compiler
 * (template.c, which builds it) and the expander (expand.c, which walks
 * it).  Nothing outside these two files sees these fields.
 *
 * Memory: a template owns its text, its front matter and its node tree
 * (every node's expression and name); template_free releases all of it. */
#ifndef SHIRYO_TEMPLATE_IMPL_H
#define SHIRYO_TEMPLATE_IMPL_H
#include <stddef.h>

#include "expr.h"
#include "template.h"

typedef enum { N_TEXT, N_EXPR, N_IF, N_FOR, N_LET } nkind;

typedef struct node node;
typedef struct nodelist {
    node *items;
    size_t n, cap;
} nodelist;

struct node {
    nkind k;
    srcloc loc;        /* the tag's keyword or expression */
    size_t start, end; /* N_TEXT: byte range in the template text */
    int line;          /* N_TEXT: line of start; N_EXPR: line of the tag */
    int in_fence;      /* N_EXPR: inside a fenced code block */
    expr *e;           /* N_EXPR, N_LET value, N_FOR iterable */
    char *name;        /* N_LET, N_FOR variable */
    /* N_IF: branches (cond NULL for else) */
    expr **conds;
    nodelist *bodies;
    size_t nbranch;
    nodelist body; /* N_FOR */
};

typedef struct meta_entry {
    char *key, *value;
    int line;
} meta_entry;

struct template
{
    char *path;
    char *text;
    size_t len;
    meta_entry *meta;
    size_t nmeta, capmeta;
    nodelist root;
    size_t *line_start; /* byte offset of each line (index line-1) */
    size_t nlines;
    unsigned char *fence; /* per line (index line-1): inside a fence */
    /* loc_of's memo: the column of the last offset asked for, so that
     * positions asked for in order along one long line cost no rescan */
    size_t memo_off;
    int memo_line, memo_col;
};

#endif
