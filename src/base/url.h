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
 * Memory: nothing is allocated or kept; url is only read. */
#ifndef SHIRYO_URL_H
#define SHIRYO_URL_H

/* 1 when a link to url may be written (NULL counts as empty), else 0. */
int url_allowed(const char *url);

#endif
