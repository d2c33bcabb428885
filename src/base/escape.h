/* escape: the one escaper of text written into HTML or XML: the site's
 * page (out_html.c, html_figure.c) and its inline SVG (canvas_svg.c).
 *
 * & < > " and ' become entities, so the result is safe in element content
 * and in attribute values quoted with either quote.  Bytes that are not
 * UTF-8 become U+FFFD (one per byte that cannot start a character), and
 * the characters XML 1.0 does not allow are dropped: the C0 controls other
 * than tab and newline (carriage return included), DEL, U+FFFE and
 * U+FFFF.  The output is therefore well-formed XML and valid UTF-8 for any
 * input.  Nothing is allocated; output is appended to out. */
#ifndef SHIRYO_ESCAPE_H
#define SHIRYO_ESCAPE_H
#include <stddef.h>

#include "buf.h"

/* Escapes len bytes of s. */
void escape_xml(buf *out, const char *s, size_t len);
/* The same for a NUL-terminated string. */
void escape_xml_str(buf *out, const char *s);

#endif
