/* filters: the table of the template language's output filters (num,
 * pct, wareki, jdate, bare, raw, …).  The contract every filter keeps
 * (provenance, figure marks, no escaping) is written at the top of
 * filters.c.  call.c looks names up here.
 *
 * Memory: the table is static.  A filter's text is copied into the context's
 * arena (value.h), and bare, raw and a missing input hand back the input value
 * itself, so nobody frees a result. */
#ifndef SHIRYO_FILTERS_H
#define SHIRYO_FILTERS_H
#include <stddef.h>

#include "args.h"

extern const lang_fndef filters_table[];
extern const size_t filters_count;

#endif
