#include "escape.h"

#include <string.h>

#include "utf8.h"

void escape_xml(buf *out, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t adv;
        int32_t cp = utf8_decode(s + i, len - i, &adv);
        if (cp < 0) {
            buf_puts(out, "\xEF\xBF\xBD");
        } else if (cp == '&') {
            buf_puts(out, "&amp;");
        } else if (cp == '<') {
            buf_puts(out, "&lt;");
        } else if (cp == '>') {
            buf_puts(out, "&gt;");
        } else if (cp == '"') {
            buf_puts(out, "&quot;");
        } else if (cp == '\'') {
            buf_puts(out, "&#39;");
        } else if ((cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7F ||
                   cp == 0xFFFE || cp == 0xFFFF) {
            /* not allowed in XML 1.0 */
        } else {
            buf_put(out, s + i, adv);
        }
        i += adv;
    }
}

void escape_xml_str(buf *out, const char *s) { escape_xml(out, s, strlen(s)); }
