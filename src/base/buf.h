/* buf: a growable byte buffer.
 *
 * The buffer owns data; buf_free() releases it, buf_detach() hands it to the
 * caller (who frees it with free()).  data is always NUL-terminated after any
 * put, so buf_cstr() is just b->data (or "" when empty).
 *
 * Numbers are written without the C library's locale: buf_num() always uses
 * '.' as the decimal point, whatever LC_NUMERIC says, so PDF operators and
 * SVG attributes never get "1,5". */
#ifndef SHIRYO_BUF_H
#define SHIRYO_BUF_H
#include <stdarg.h>
#include <stddef.h>

typedef struct buf {
    char *data;
    size_t len;
    size_t cap;
} buf;

#define BUF_INIT {NULL, 0, 0}

void buf_put(buf *b, const void *p, size_t n);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
/* printf-style; use only for text and integers (%d %zu %s %x), never for
 * floating point: use buf_num for those. */
void buf_printf(buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void buf_vprintf(buf *b, const char *fmt, va_list ap);
/* v rounded half away from zero to `decimals` places (0..6); trailing zeros
 * and a trailing '.' removed when trim is non-zero.  -0 prints as 0.  v is
 * finite: the readers let no infinity or NaN in and the evaluator none
 * out (num.h, eval.h); a non-finite v would print as 0. */
void buf_num(buf *b, double v, int decimals, int trim);
/* v as digits hexadecimal digits, zero-padded (upper: A-F, else a-f),
 * without printf (it is on the path of every SVG colour). */
void buf_hex(buf *b, unsigned v, int digits, int upper);
void buf_reset(buf *b);
void buf_free(buf *b);
const char *buf_cstr(const buf *b);
char *buf_detach(buf *b);

#endif
