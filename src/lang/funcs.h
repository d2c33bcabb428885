/* funcs: the table of the template language's functions over tables and
 * values (sum, count, share, top, groups, …); each row is name, argument
 * counts, function and usage (args.h).  call.c looks names up here.
 *
 * Memory: the table is static.  Each function puts its result, and all it
 * points to (rows, lists, the table totals builds), in the context's arena
 * (value.h), so nobody frees a result. */
#ifndef SHIRYO_FUNCS_H
#define SHIRYO_FUNCS_H
#include <stddef.h>

#include "args.h"

extern const lang_fndef funcs_table[];
extern const size_t funcs_count;

#endif
