/* picture: an image block's file read and checked (see picture.h). */
#include "picture.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fsutil.h"
#include "i18n.h"
#include "image.h"
#include "utf8.h"
#include "xalloc.h"

typedef struct entry {
    char *path;         /* dir/FILE */
    canvas_image *file; /* the bytes, probed; alt "" (never drawn) */
} entry;

struct picture_set {
    char *dir;
    entry *e;
    size_t n, cap;
};

picture_set *picture_set_new(const char *dir)
{
    picture_set *ps = xcalloc(1, sizeof *ps);
    ps->dir = xstrdup(dir);
    return ps;
}

void picture_set_free(picture_set *ps)
{
    if (!ps)
        return;
    for (size_t i = 0; i < ps->n; i++) {
        free(ps->e[i].path);
        image_free(ps->e[i].file);
    }
    free(ps->e);
    free(ps->dir);
    free(ps);
}

/* 1 when alt has a character other than white space. */
static int has_text(const char *alt)
{
    for (size_t i = 0, n = strlen(alt), adv; i < n; i += adv) {
        int32_t cp = utf8_decode(alt + i, n - i, &adv);
        if (!(cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
              cp == 0x3000 || adv == 0))
            return 1;
        if (adv == 0)
            break;
    }
    return 0;
}

/* 1 when file begins with a URL's scheme ("https:", "data:") or "//". */
static int is_url(const char *file)
{
    if (file[0] == '/' && file[1] == '/')
        return 1;
    size_t i = 0;
    while (isalpha((unsigned char)file[i]) ||
           (i > 0 && (isdigit((unsigned char)file[i]) || file[i] == '+' ||
                      file[i] == '-' || file[i] == '.')))
        i++;
    return i > 1 && file[i] == ':'; /* one letter: a Windows drive, below */
}

/* The file missing: its path, and the nearest name in its folder. */
static void missing(const char *path, srcloc at, diag_list *d)
{
    diag_at(d, DIAG_ERROR, at, "image file \"%s\" not found", path);
    char *dir = xstrdup(path);
    char *slash = strrchr(dir, '/');
    const char *base = slash ? slash + 1 : path;
    if (slash)
        *slash = '\0';
    char **names = NULL;
    size_t n = 0;
    int hinted = 0;
    if (slash && fs_list(dir, "", &names, &n, NULL) == 0)
        hinted = diag_hint_nearest(d, base, (const char *const *)names, n);
    if (!hinted)
        diag_hint(d, "the path is relative to the templates folder; put the "
                     "PNG or JPEG file there (or in a folder under it) and "
                     "check the spelling of its name");
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    free(dir);
}

/* The set's entry for path, reading it the first time; NULL after an
 * error at `at`. */
static const canvas_image *file_of(picture_set *ps, const char *file,
                                   const char *path, srcloc at, diag_list *d)
{
    for (size_t i = 0; i < ps->n; i++)
        if (strcmp(ps->e[i].path, path) == 0)
            return ps->e[i].file;
    struct stat st;
    if (stat(path, &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            missing(path, at, d);
        else
            diag_at(d, DIAG_ERROR, at, "cannot read the image file \"%s\": %s",
                    path, strerror(errno));
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        diag_at(d, DIAG_ERROR, at, "the image \"%s\" is not a file%s", path,
                S_ISDIR(st.st_mode) ? _(" but a folder") : "");
        diag_hint(d, "name a PNG or JPEG file: ![…](images/logo.png)");
        return NULL;
    }
    size_t len;
    char *data = fs_read(path, &len, NULL);
    if (!data) {
        diag_at(d, DIAG_ERROR, at, "cannot read the image file \"%s\": %s",
                path, strerror(errno));
        return NULL;
    }
    buf why = BUF_INIT;
    canvas_image_kind kind = CANVAS_IMAGE_PNG;
    unsigned w = 0, h = 0;
    image_status s =
        image_probe((const unsigned char *)data, len, &kind, &w, &h, &why);
    if (s != IMAGE_OK) {
        if (s == IMAGE_NOT_IMAGE) {
            diag_at(d, DIAG_ERROR, at,
                    "the image \"%s\" is not a PNG or JPEG file: it is %s",
                    file, buf_cstr(&why));
            diag_hint(d, "save the picture as PNG (drawings, logos) or JPEG "
                         "(photos); the file's name does not make it one");
        } else if (s == IMAGE_CORRUPT) {
            diag_at(d, DIAG_ERROR, at, "the image \"%s\" cannot be read: %s",
                    file, buf_cstr(&why));
            diag_hint(d, "open it in an image editor and save it again as "
                         "PNG or JPEG");
        } else {
            diag_at(d, DIAG_ERROR, at, "the image \"%s\" cannot be drawn: %s",
                    file, buf_cstr(&why));
            diag_hint(d, "save it again as a PNG with 8 bits per channel, "
                         "not interlaced, or as a baseline JPEG in RGB");
        }
        buf_free(&why);
        free(data);
        return NULL;
    }
    buf_free(&why);
    ps->e = xgrow(ps->e, &ps->cap, ps->n + 1, sizeof *ps->e);
    ps->e[ps->n].path = xstrdup(path);
    ps->e[ps->n].file =
        image_new((unsigned char *)data, len, kind, w, h, "");
    return ps->e[ps->n++].file;
}

canvas_image *picture_load(picture_set *ps, const char *file, const char *alt,
                           srcloc at, diag_list *d)
{
    if (!has_text(alt)) {
        diag_at(d, DIAG_ERROR, at,
                "the image \"%s\" has no alternative text", file);
        diag_hint(d, "write what the image shows, for screen readers, "
                     "between the brackets: ![総務省のロゴ](%s); a slide has "
                     "no purely decorative images",
                  *file ? file : "logo.png");
        return NULL;
    }
    if (!*file) {
        diag_at(d, DIAG_ERROR, at, "the image \"%s\" names no file", alt);
        diag_hint(d, "give the file between the parentheses, relative to "
                     "the templates folder: ![%s](logo.png)",
                  alt);
        return NULL;
    }
    if (is_url(file)) {
        diag_at(d, DIAG_ERROR, at,
                "the image \"%s\" is a URL: an image must be a file of the "
                "project",
                file);
        diag_hint(d, "save the picture in the templates folder and name it "
                     "relative to that folder: ![%s](logo.png)",
                  alt);
        return NULL;
    }
    char *path = fs_join(ps->dir, file);
    if (!fs_relative_inside(file) ||
        (isalpha((unsigned char)file[0]) && file[1] == ':') ||
        fs_within(path, ps->dir) != 2) {
        diag_at(d, DIAG_ERROR, at, "the image \"%s\" is outside the project",
                file);
        diag_hint(d, "a template may name only files inside the templates "
                     "folder: give a path relative to it without \"..\" "
                     "(![%s](images/logo.png))",
                  alt);
        free(path);
        return NULL;
    }
    const canvas_image *f = file_of(ps, file, path, at, d);
    free(path);
    return f ? image_alias(f, alt) : NULL;
}
