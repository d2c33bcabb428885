/* ast: the expression tree of the template language, shared by the parser
 * (parse.c, which builds it) and the evaluator (eval.c, which walks it).
 * Nothing outside src/lang/ sees these fields; other stages hold an
 * `expr *` from expr.h.
 *
 * Memory: every node and every string in it is owned by the tree;
 * expr_free() releases the whole tree. */
#ifndef SHIRYO_AST_H
#define SHIRYO_AST_H
#include <stddef.h>

#include "diag.h"
#include "expr.h"

typedef enum {
    E_NUM,
    E_STR,
    E_BOOL,
    E_NAME,
    E_LIST,
    E_NEG,
    E_NOT,
    E_ARITH, /* op: + - * / */
    E_AND,
    E_OR,
    E_CMP, /* op: CMP_* */
    E_IN,
    E_NOTIN,
    E_MEMBER, /* a.s */
    E_CALL,   /* s(args) */
    E_WHERE   /* a where b */
} ekind;

enum { CMP_EQ, CMP_NE, CMP_LT, CMP_LE, CMP_GT, CMP_GE };

struct expr {
    ekind k;
    int op;
    srcloc loc; /* the token that names the node (operator, name, …) */
    double num;
    char *s; /* E_STR text, E_NAME / E_MEMBER / E_CALL name */
    size_t slen;
    char *text;  /* E_WHERE: its source text, for messages; when chained,
                    only " where COND", continuing the text of a */
    int chained; /* E_WHERE: a is the where before it in one chain */
    expr *a, *b;
    expr **args; /* E_CALL, E_LIST */
    size_t nargs;
};

#endif
