/* value: the values of the template language and the evaluator's context:
 * kinds, text, truth, order, table cells as values, survey years, and the
 * context's deduplicated error reporting.
 *
 * Shared inside src/lang/ by eval.c, the functions and filters (args.h,
 * funcs.c, filters.c) and template.c; other stages use expr.h and
 * template.h.
 *
 * Memory: every value and everything a value points to (strings, row
 * lists, list items) lives in an arena owned by whoever runs the
 * evaluation (template_expand, expr_filter_rows).  Values are never freed
 * one by one; arena_free() releases them all at once.  Tables are
 * borrowed and must outlive the arena's values. */
#ifndef SHIRYO_VALUE_H
#define SHIRYO_VALUE_H
#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "expr.h"
#include "table.h"

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
    const struct view *desc_base; /* when not NULL, desc continues its
                                     text (a chain of `where`) */
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
    unsigned char whole;    /* a `where` that kept every item of a
                               non-empty table or list (the prose check:
                               a loop over it lists everything) */
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

/* Bounds of one evaluation (one template's expansion, one chart filter):
 * far above what any real deck needs (docs/templates.md, "Limits"), so
 * that a runaway template is an error at its position, not a machine out
 * of memory.  Iterations count every pass of a {{ for }} and every row or
 * item a `where` tests. */
#define TMPL_MAX_ITERATIONS 20000000UL
#define TMPL_MAX_TEXT (1UL << 20)     /* bytes of one text value */
#define TMPL_MAX_OUTPUT (16UL << 20)  /* bytes one template expands to */
#define TMPL_MAX_MEMORY (256UL << 20) /* bytes of the values of one run */

typedef enum {
    LIMIT_ITERATIONS,
    LIMIT_TEXT,
    LIMIT_OUTPUT,
    LIMIT_MEMORY
} eval_limit;

/* A variable binding (loop variables, let, front matter). */
typedef struct binding {
    const char *name;
    value v;
    struct binding *next;
    int failed; /* a let whose expression failed (and said so): a use of
                   the name fails silently, one root cause, one message */
} binding;

/* Everything an evaluation needs.  Set the fields, then call expr_eval
 * (eval.h). */
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
    /* Told of every table a name resolves to, with the name's position
     * (the editions check: which slide shows which table); may be NULL. */
    void (*on_table)(void *ud, const table *t, srcloc at);
    void *on_table_ud;
    unsigned long iterations; /* against TMPL_MAX_ITERATIONS */
    int stopped;              /* a bound was reached: evaluate no more */
} evalctx;

/* Every function of the language that can fail returns 0, or -1 after
 * reporting why through eval_error (the one convention of src/lang/). */

/* Counts one iteration (a pass of a loop, a row tested by `where`) and
 * checks the iteration and memory bounds.  0, or -1 once a bound is
 * reached: the error is reported once, at loc, and c->stopped is set. */
int eval_iteration(evalctx *c, srcloc loc);
/* 0 when a text of len bytes may be made, else -1 as above. */
int eval_text_fits(evalctx *c, srcloc loc, size_t len);
/* Reports, once, that bound `which` was passed at loc and stops the
 * evaluation (c->stopped).  The one wording of every bound. */
void eval_over_limit(evalctx *c, srcloc loc, eval_limit which);

/* Frees the dedupe list (not the arena). */
void evalctx_done(evalctx *c);
/* Adds an error at loc unless the same one was already reported. */
void eval_error(evalctx *c, srcloc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* diag_unknown (diag.h) through the same deduplication. */
void eval_unknown(evalctx *c, srcloc loc, const char *what, const char *name,
                  const char *detail, const char *const *cands, size_t n);
/* `unknown column "NAME" in table "T"`, with t's columns as candidates. */
void eval_unknown_column(evalctx *c, srcloc loc, const table *t,
                         const char *name);

/* Writes v as text for the output (no escaping, no mark).  Returns 0, or
 * -1 after reporting why v cannot be written (tables, rows, missing). */
int value_to_text(evalctx *c, const value *v, srcloc loc, buf *out);
/* 1 when writing v carries a provenance mark (numbers and formatted
 * numbers). */
int value_is_figure(const value *v);
/* What a value of kind k is, for messages ("a number", "text"), in the
 * messages' language (i18n.h). */
const char *value_kind_name(val_kind k);
/* Converts a front matter string: date, year, else string. */
value value_from_meta(arena *a, const char *s);
/* A number (weakest provenance p), and a text copied into c's arena. */
void value_set_num(value *out, double d, prov p);
value value_str(evalctx *c, const char *s, size_t len);

/* 1 with *d set when v is a number, a year or a date (arithmetic). */
int value_as_num(const value *v, double *d);
/* 0 when v is or holds (list items, record fields, computed row
 * cells) an infinite or NaN number, else 1: the evaluator lets none
 * out (expr_eval). */
int value_finite(const value *v);
int value_truthy(const value *v);
/* Sets *order to -1, 0 or 1; ordering 0 allows only equality (true and
 * false compare, but not in order).  Returns 0, or -1 after an error when
 * the two cannot be compared. */
int value_compare(evalctx *c, srcloc loc, const value *l, const value *r,
                  int ordering, int *order);

/* The cell (row, col) of t as a value carrying the row's provenance. */
void value_cell(const table *t, size_t row, size_t col, value *out);
prov value_row_prov(const table *t, size_t row);
prov value_view_prov(const view *v); /* the weakest of its rows */
/* The weakest of its rows' cells in column col. */
prov value_view_col_prov(const view *v, size_t col);
/* The source text that made v ("adoption where year = latest"), or its
 * table's name; built in c's arena when v continues a chain. */
const char *value_view_desc(evalctx *c, const view *v);
/* The distinct survey years of rows[0..n) (NULL: the first n rows of t),
 * ascending, into out (room for n); returns their number. */
size_t value_distinct_years(const table *t, const size_t *rows, size_t n,
                            double *out);
/* 1 when rows[0..n) is the whole table in order (its years are known). */
int value_whole_table(const table *t, const size_t *rows, size_t n);
/* The newest (which = 0) or second-newest (1) survey year of those rows;
 * `what` names the caller in messages. */
int value_years_of(evalctx *c, const table *t, const size_t *rows, size_t n,
                   int which, srcloc loc, const char *what, value *out);
/* The same over the whole of t (its year list: this runs once per row in
 * a filter). */
int value_table_year(evalctx *c, const table *t, int which, srcloc loc,
                     value *out);

#endif
