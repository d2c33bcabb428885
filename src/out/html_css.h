/* html_css: the site's one stylesheet (screen, phone to desktop, and
 * print), written inline in every page and allowed by the page's
 * Content-Security-Policy through its SHA-256 hash.  It contains no '<'
 * or '&', so the page stays well-formed XML as well as HTML.  The string
 * is static: nobody frees it. */
#ifndef SHIRYO_HTML_CSS_H
#define SHIRYO_HTML_CSS_H

const char *html_css(void);

#endif
