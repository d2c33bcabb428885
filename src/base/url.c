#include "url.h"

#include <string.h>
#include <strings.h>

int url_allowed(const char *url)
{
    if (!url || !*url)
        return 1;
    if (url[0] == '#' || url[0] == '/' || url[0] == '.')
        return 1;
    const char *colon = strchr(url, ':');
    const char *slash = strchr(url, '/');
    if (!colon || (slash && slash < colon))
        return 1; /* relative */
    return strncasecmp(url, "http:", 5) == 0 ||
           strncasecmp(url, "https:", 6) == 0 ||
           strncasecmp(url, "mailto:", 7) == 0;
}

void url_put_name(buf *out, const char *name)
{
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
            (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' || *p == '_' ||
            *p == '~') {
            buf_putc(out, (char)*p);
        } else {
            buf_putc(out, '%');
            buf_hex(out, *p, 2, 1);
        }
    }
}
