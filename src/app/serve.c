#include "serve.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "num.h"
#include "xalloc.h"

#define REQUEST_MAX 8192

/* The preview's script: polls the status, reloads after a good build,
 * shows a failed build's messages in the page (a live region). */
static const char RELOAD_JS[] =
    "(function(){\n"
    "var last=null;\n"
    "function show(s){\n"
    "  var d=document.getElementById('shiryo-preview');\n"
    "  if(s.ok){if(d)d.remove();return;}\n"
    "  if(!d){d=document.createElement('pre');d.id='shiryo-preview';\n"
    "    d.setAttribute('role','alert');\n"
    "    d.style.cssText='position:fixed;left:0;right:0;top:0;z-index:9;"
    "margin:0;padding:1em;max-height:60vh;overflow:auto;white-space:pre-wrap;"
    "background:#fff3f2;color:#6b0000;border-bottom:3px solid #b00020;"
    "font:14px/1.5 monospace';\n"
    "    document.body.prepend(d);}\n"
    "  d.textContent='shiryo: the build failed; the page shows the last "
    "good build.\\n\\n'+s.log;\n"
    "}\n"
    "function tick(){\n"
    "  fetch('/__shiryo/status',{cache:'no-store'}).then(function(r){"
    "return r.json();}).then(function(s){\n"
    "    if(last!==null&&s.build!==last&&s.ok){location.reload();return;}\n"
    "    last=s.build;show(s);\n"
    "  }).catch(function(){}).then(function(){setTimeout(tick,250);});\n"
    "}\n"
    "tick();\n"
    "})();\n";

int serve_open(int *port, diag_list *d)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        diag_add(d, DIAG_ERROR, NULL, 0, 0, "cannot open a socket: %s",
                 strerror(errno));
        return -1;
    }
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK); /* 127.0.0.1 only */
    a.sin_port = htons((unsigned short)*port);
    if (bind(fd, (struct sockaddr *)&a, sizeof a) != 0 || listen(fd, 16) != 0) {
        diag_add(d, DIAG_ERROR, NULL, 0, 0, "cannot listen on 127.0.0.1:%d: %s",
                 *port, strerror(errno));
        if (errno == EADDRINUSE)
            diag_hint(d, "another program uses the port: give another with "
                         "--port, or 0 for any free one");
        close(fd);
        return -1;
    }
    socklen_t len = sizeof a;
    if (getsockname(fd, (struct sockaddr *)&a, &len) == 0)
        *port = ntohs(a.sin_port);
    return fd;
}

void serve_status_json(buf *out, unsigned long n, int ok, const char *log)
{
    buf_printf(out, "{\"build\": %lu, \"ok\": %s, \"log\": \"", n,
               ok ? "true" : "false");
    for (const unsigned char *p = (const unsigned char *)log; *p; p++) {
        if (*p == '"' || *p == '\\')
            buf_printf(out, "\\%c", *p);
        else if (*p == '\n')
            buf_puts(out, "\\n");
        else if (*p < 0x20)
            buf_printf(out, "\\u%04x", *p);
        else
            buf_putc(out, (char)*p);
    }
    buf_puts(out, "\"}\n");
}

static const char *content_type(const char *path)
{
    static const struct {
        const char *ext, *type;
    } types[] = {
        {".html", "text/html; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".json", "application/json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".pdf", "application/pdf"},
        {".csv", "text/csv; charset=utf-8"},
        {".xlsx", "application/vnd.openxmlformats-officedocument."
                  "spreadsheetml.sheet"},
        {".pptx", "application/vnd.openxmlformats-officedocument."
                  "presentationml.presentation"},
    };
    size_t n = strlen(path);
    for (size_t i = 0; i < sizeof types / sizeof *types; i++) {
        size_t e = strlen(types[i].ext);
        if (n >= e && strcmp(path + n - e, types[i].ext) == 0)
            return types[i].type;
    }
    return "application/octet-stream";
}

static void respond(int fd, int code, const char *reason, const char *type,
                    const char *body, size_t len, int head)
{
    buf h = BUF_INIT;
    buf_printf(&h,
               "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n"
               "Cache-Control: no-store\r\nConnection: close\r\n\r\n",
               code, reason, type, len);
    if (!head)
        buf_put(&h, body, len);
    size_t off = 0;
    while (off < h.len) {
        ssize_t w = send(fd, h.data + off, h.len - off, MSG_NOSIGNAL);
        if (w <= 0 && errno != EINTR)
            break;
        if (w > 0)
            off += (size_t)w;
    }
    buf_free(&h);
}

/* The request's path, percent-decoded, relative to the site ("" for the
 * index); NULL when it climbs out, names a hidden file or holds a NUL. */
static char *site_path(const char *target)
{
    size_t n = strcspn(target, "?#");
    buf b = BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        int hi, lo;
        if (target[i] == '%' && i + 2 < n &&
            (hi = num_hex_digit(target[i + 1])) >= 0 &&
            (lo = num_hex_digit(target[i + 2])) >= 0) {
            buf_putc(&b, (char)(hi * 16 + lo));
            i += 2;
        } else {
            buf_putc(&b, target[i]);
        }
    }
    size_t len = b.len;
    char *p = buf_detach(&b);
    int bad = strlen(p) != len; /* a NUL inside */
    const char *s = p;
    while (*s == '/')
        s++;
    /* no segment may start with a dot: "..", ".", hidden names */
    for (const char *q = s; *q && !bad;) {
        bad = q[0] == '.';
        const char *slash = strchr(q, '/');
        q = slash ? slash + 1 : q + strlen(q);
    }
    char *r = bad ? NULL : xstrdup(s);
    free(p);
    return r;
}

/* An HTML page with the preview's script and a policy that allows it. */
static void with_reload(buf *out, const char *page, size_t len)
{
    static const char csp[] = "default-src 'none';";
    const char *at = strstr(page, csp);
    const char *body = strstr(page, "</body>");
    size_t i = 0;
    if (at && (size_t)(at - page) < len) {
        buf_put(out, page, (size_t)(at - page) + strlen(csp));
        buf_puts(out, " script-src 'self'; connect-src 'self';");
        i = (size_t)(at - page) + strlen(csp);
    }
    size_t end =
        body && (size_t)(body - page) < len ? (size_t)(body - page) : len;
    buf_put(out, page + i, end - i);
    buf_puts(out, "<script src=\"/__shiryo/reload.js\"></script>\n");
    buf_put(out, page + end, len - end);
}

static void handle(int fd, const char *site, const char *status_path)
{
    char req[REQUEST_MAX + 1];
    size_t got = 0;
    while (got < REQUEST_MAX) {
        struct pollfd p = {fd, POLLIN, 0};
        if (poll(&p, 1, 2000) <= 0)
            break;
        ssize_t r = read(fd, req + got, REQUEST_MAX - got);
        if (r <= 0)
            break;
        got += (size_t)r;
        req[got] = '\0';
        if (strstr(req, "\r\n\r\n") || strstr(req, "\n\n"))
            break;
    }
    req[got] = '\0';
    char method[8], target[4096];
    if (sscanf(req, "%7s %4095s", method, target) != 2) {
        respond(fd, 400, "Bad Request", "text/plain", "bad request\n", 12, 0);
        return;
    }
    int head = strcmp(method, "HEAD") == 0;
    if (!head && strcmp(method, "GET") != 0) {
        respond(fd, 405, "Method Not Allowed", "text/plain", "GET only\n", 9,
                0);
        return;
    }
    if (strcmp(target, "/__shiryo/reload.js") == 0) {
        respond(fd, 200, "OK", content_type(".js"), RELOAD_JS,
                strlen(RELOAD_JS), head);
        return;
    }
    size_t len;
    if (strncmp(target, "/__shiryo/status", 16) == 0) {
        char *s = fs_read(status_path, &len, NULL);
        const char *none = "{\"build\": 0, \"ok\": true, \"log\": \"\"}\n";
        respond(fd, 200, "OK", content_type(".json"), s ? s : none,
                s ? len : strlen(none), head);
        free(s);
        return;
    }
    char *rel = site_path(target);
    char *path = NULL;
    struct stat st;
    if (rel) {
        path = fs_join(site, rel[0] ? rel : "index.html");
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            char *idx = fs_join(path, "index.html");
            free(path);
            path = idx;
        }
    }
    char *data = path ? fs_read(path, &len, NULL) : NULL;
    if (!data) {
        respond(fd, 404, "Not Found", "text/plain", "not found\n", 10, head);
    } else if (strcmp(content_type(path), "text/html; charset=utf-8") == 0) {
        buf page = BUF_INIT;
        with_reload(&page, data, len);
        respond(fd, 200, "OK", content_type(path), page.data, page.len, head);
        buf_free(&page);
    } else {
        respond(fd, 200, "OK", content_type(path), data, len, head);
    }
    free(data);
    free(path);
    free(rel);
}

int serve_run(int fd, const char *site, const char *status_path,
              const volatile sig_atomic_t *stop, diag_list *d)
{
    while (!*stop) {
        struct pollfd p = {fd, POLLIN, 0};
        int r = poll(&p, 1, 200);
        if (r < 0 && errno != EINTR) {
            diag_add(d, DIAG_ERROR, NULL, 0, 0, "the preview server: %s",
                     strerror(errno));
            return -1;
        }
        if (r <= 0)
            continue;
        int c = accept(fd, NULL, NULL);
        if (c < 0)
            continue;
        handle(c, site, status_path);
        close(c);
    }
    return 0;
}
