/* url: the one policy for the links a deck may carry, applied where a
 * Markdown link is read (markdown.c: a refused link is an error at its
 * template position and its text stays plain) and again where a link is
 * written (canvas_svg.c drops a refused one), so no backend relies on
 * another having checked.
 *
 * An allow-list: a link is allowed when it is empty, starts with #, / or
 * ., has no colon, or has a slash before its first colon (all of these
 * are relative references), or when its scheme is http:, https: or
 * mailto: (in any case).  Everything else is refused: javascript:,
 * vbscript:, data:, file: and any other scheme, also when preceded by
 * spaces or control characters (which browsers strip).
 *
 * A name that becomes part of a link (the PDF's name, a chart's data
 * file) is written through url_put_name: percent-encoded, so that "#",
 * "?", "%", spaces and non-ASCII characters stay part of the name and no
 * name can become a scheme ("javascript:" is written "javascript%3A").
 *
 * Memory: nothing is allocated or kept; url is only read, and
 * url_put_name appends to the caller's buf. */
#ifndef SHIRYO_URL_H
#define SHIRYO_URL_H
#include "buf.h"

/* 1 when a link to url may be written (NULL counts as empty), else 0. */
int url_allowed(const char *url);

/* Appends name to out as one segment of a relative link: every byte but
 * the unreserved A-Z a-z 0-9 - . _ ~ is written %XX (RFC 3986; UTF-8
 * bytes each).  The result needs no further escaping in an attribute. */
void url_put_name(buf *out, const char *name);

#endif
