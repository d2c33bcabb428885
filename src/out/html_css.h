/* html_css: the site's one stylesheet (screen, phone to desktop, and
 * print), written inline in every page and allowed by the page's
 * Content-Security-Policy through its SHA-256 hash.  It contains no '<'
 * or '&', so the page stays well-formed XML as well as HTML.  Its colours
 * and fonts are the house look's (style/look.h).
 *
 * Memory: html_css only appends to the caller's buf, which the caller frees
 * with buf_free(); nothing else is allocated. */
#ifndef SHIRYO_HTML_CSS_H
#define SHIRYO_HTML_CSS_H

#include "buf.h"

/* Appends the stylesheet to out. */
void html_css(buf *out);

#endif
