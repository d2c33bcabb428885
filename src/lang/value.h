/* value: the values of the template language and the evaluator's context.
 *
 * This header is shared by expr.c (parsing, evaluation, functions) and
 * template.c (expansion); other modules use expr.h and template.h.
 *
 * Memory: every value and everything a value points to (strings, row
 * lists, list items) lives in an arena owned by whoever runs the
 * evaluation (template_expand, expr_filter_rows).  Values are never freed
 * one by one; arena_free() releases them all at once.  Tables are
 * borrowed and must outlive the arena's values. */
#ifndef SHIRYO_VALUE_H
#define SHIRYO_VALUE_H
#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "expr.h"
#include "table.h"

/* ---- arena ---- */
typedef struct arena arena;
arena *arena_new(void);
void arena_free(arena *a);
void *arena_alloc(arena *a, size_t n); /* zeroed, aligned for any type */
char *arena_strndup(arena *a, const char *s, size_t n);

/* ---- values ---- */
typedef enum {
    VAL_MISSING,
    VAL_NUM,
    VAL_STR,
    VAL_BOOL,
    VAL_YEAR, /* Gregorian fiscal year in num */
    VAL_DATE, /* yyyymmdd in num */
    VAL_VIEW, /* a table and some of its rows */
    VAL_ROW,
    VAL_LIST,
    VAL_REC /* named fields: groups (key, rows), loop (index, first, last) */
} val_kind;

typedef struct value value;

typedef struct view {
    const table *t;
    size_t *rows; /* row indexes, table order unless sorted */
    size_t n;
    const char *desc; /* source text that produced it, for messages */
    srcloc loc;
} view;

typedef struct rowval {
    const table *t;
    long idx;      /* row index, or -1 for a computed row (その他) */
    value *fields; /* idx < 0: t->ncols values */
} rowval;

struct value {
    val_kind kind;
    prov p;                 /* weakest provenance of the inputs */
    unsigned char numtext;  /* a string made from a number: marks apply */
    unsigned char bare;     /* no 〔速報〕/〔仮〕 mark */
    unsigned char raw;      /* no Markdown escaping */
    union {
        double num; /* NUM, YEAR, DATE */
        int b;      /* BOOL */
        struct {
            const char *s;
            size_t len;
        } str;
        view *v;
        rowval *row;
        struct {
            value *items;
            size_t n;
        } list;
        struct {
            const char **names;
            value *vals;
            size_t n;
        } rec;
    } u;
};

/* A variable binding (loop variables, let, front matter). */
typedef struct binding {
    const char *name;
    value v;
    struct binding *next;
} binding;

/* Everything an evaluation needs.  Set the fields, then call expr_eval. */
typedef struct evalctx {
    arena *a;
    const tableset *ts;  /* may be NULL (chart filters) */
    const binding *vars; /* loop variables, innermost first */
    const binding *lets; /* let variables, newest first */
    const binding *meta; /* front matter */
    /* inside `where`: the row whose columns are bare names */
    const table *row_t;
    size_t row_idx;
    int in_where;
    diag_list *d;
    /* messages already reported (dedupe inside loops) */
    char **seen;
    size_t nseen, capseen;
    int errors; /* errors added by this context */
    /* Caches for `where`, which evaluates its condition once per row:
     * the column a name node stands for in a table, and the comparisons
     * of a column with a text literal already found to name a value of
     * the table.  Zeroed with the rest of the context; nothing to free. */
    struct {
        const expr *e;
        const table *t;
        int ci;
    } colcache[8];
    struct {
        const expr *lit;
        const table *t;
    } catok[16];
    unsigned ncatok;
} evalctx;

/* Evaluates e; on error adds a diagnostic (deduplicated) and returns 0 with
 * *out set to missing; returns 1 on success. */
int expr_eval(const expr *e, evalctx *c, value *out);
/* Frees the dedupe list (not the arena). */
void evalctx_done(evalctx *c);
/* Adds an error at loc unless the same one was already reported. */
void eval_error(evalctx *c, srcloc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Writes v as text for the output (no escaping, no mark).  Returns 0, or
 * -1 after reporting why v cannot be written (tables, rows, missing). */
int value_to_text(evalctx *c, const value *v, srcloc loc, buf *out);
/* 1 when writing v carries a provenance mark (numbers and formatted
 * numbers). */
int value_is_figure(const value *v);
const char *value_kind_name(val_kind k);
/* Converts a front matter string: date, year, else string. */
value value_from_meta(arena *a, const char *s);

/* expression node accessors for template.c */
srcloc expr_loc(const expr *e);

#endif
