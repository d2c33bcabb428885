/* xlsx_cell: what a cell stored in a workbook means as text, for the
 * workbook reader (xlsx.h): the kind of a number format (built-in id or
 * format code), a serial date-time written as text, what an error value
 * means, and OOXML's _xHHHH_ escapes.  Nothing here allocates. */
#ifndef SHIRYO_XLSX_CELL_H
#define SHIRYO_XLSX_CELL_H
#include <stddef.h>

#include "buf.h"
#include "sheet.h"

/* Appends s[0..n) to out with OOXML's _xHHHH_ escapes decoded (_x000D_
 * is a carriage return, _x005F_ an underscore); a NUL or a surrogate
 * becomes U+FFFD. */
void xlsx_put_unescaped(buf *out, const char *s, size_t n);

/* A built-in number format's kind (ECMA-376 18.8.30, with the Japanese
 * built-in date formats 27-36 and 50-58). */
sheet_format xlsx_builtin_format(int id);

/* A format code's kind, by its first section outside quoted text,
 * escaped characters and [brackets] (but [h], [m], [s]: elapsed time). */
sheet_format xlsx_code_format(const char *code);

/* Serial date-time v (days since 1899-12-30, or since 1904-01-01 when
 * date1904; the 1900 system's day 60 is its 1900-02-29) as text of kind
 * k: "2025-06-30", "09:30:00" or "2025-06-30 09:30:00".  -1 outside
 * 1900-9999. */
int xlsx_serial_text(double v, sheet_format k, int date1904, char *out,
                     size_t cap);

/* What an error value means ("#DIV/0!": "a division by zero"), in English,
 * marked for translation: the caller translates it with _() (i18n.h). */
const char *xlsx_error_meaning(const char *e);

#endif
