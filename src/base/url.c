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
