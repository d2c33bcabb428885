/* image: PNG and JPEG headers read and checked (see image.h). */
#include "image.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "sha256.h"
#include "xalloc.h"

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
           p[3];
}
static unsigned be16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }

/* ---- what a file is when it is no picture we take -------------------- */

static const struct {
    const char *magic;
    size_t len;
    const char *name;
} others[] = {
    {"GIF87a", 6, N_("a GIF image")},
    {"GIF89a", 6, N_("a GIF image")},
    {"BM", 2, N_("a BMP image")},
    {"II*\0", 4, N_("a TIFF image")},
    {"MM\0*", 4, N_("a TIFF image")},
    {"%PDF", 4, N_("a PDF file")},
    {"<svg", 4, N_("an SVG drawing")},
    {"<?xml", 5, N_("an XML file (an SVG drawing?)")},
    {"\0\0\1\0", 4, N_("an icon (.ico)")},
};

static void name_other(const unsigned char *d, size_t len, buf *why)
{
    for (size_t i = 0; i < sizeof others / sizeof *others; i++)
        if (len >= others[i].len && memcmp(d, others[i].magic, others[i].len) == 0) {
            buf_puts(why, _(others[i].name));
            return;
        }
    if (len >= 12 && memcmp(d, "RIFF", 4) == 0 && memcmp(d + 8, "WEBP", 4) == 0) {
        buf_puts(why, _("a WebP image"));
        return;
    }
    if (len >= 12 && memcmp(d + 4, "ftyp", 4) == 0 &&
        (memcmp(d + 8, "heic", 4) == 0 || memcmp(d + 8, "avif", 4) == 0 ||
         memcmp(d + 8, "mif1", 4) == 0)) {
        buf_puts(why, _("a HEIF/AVIF image (a phone's photo format)"));
        return;
    }
    if (len == 0) {
        buf_puts(why, _("an empty file"));
        return;
    }
    size_t text = 0, n = len < 256 ? len : 256;
    for (size_t i = 0; i < n; i++)
        text += d[i] == '\n' || d[i] == '\r' || d[i] == '\t' || d[i] >= 0x20;
    buf_puts(why, text == n ? _("text, not an image") : _("not an image we know"));
}

/* ---- PNG ------------------------------------------------------------- */

static const unsigned char PNG_SIG[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

static uint32_t crc32_of(const unsigned char *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
    }
    return c ^ 0xffffffffu;
}

static image_status png_probe(const unsigned char *d, size_t len,
                              unsigned *width, unsigned *height, buf *why)
{
    size_t at = 8;
    int seen_ihdr = 0, seen_plte = 0, seen_idat = 0, colour = 0;
    for (;;) {
        if (len - at < 12) {
            buf_puts(why, _("a PNG file that is cut short"));
            return IMAGE_CORRUPT;
        }
        uint32_t n = be32(d + at);
        const unsigned char *type = d + at + 4;
        if (n > len - at - 12) {
            buf_puts(why, _("a PNG file that is cut short"));
            return IMAGE_CORRUPT;
        }
        if (crc32_of(type, 4 + (size_t)n) != be32(d + at + 8 + n)) {
            buf_printf(why, _("a PNG file whose %.4s chunk is damaged (its "
                            "checksum is wrong)"),
                       (const char *)type);
            return IMAGE_CORRUPT;
        }
        const unsigned char *c = d + at + 8;
        if (!seen_ihdr) {
            if (memcmp(type, "IHDR", 4) != 0 || n != 13) {
                buf_puts(why, _("a PNG file without its header (IHDR) first"));
                return IMAGE_CORRUPT;
            }
            seen_ihdr = 1;
            uint32_t w = be32(c), h = be32(c + 4);
            unsigned depth = c[8], inter = c[12];
            colour = c[9];
            int ok = (colour == 0 && (depth == 1 || depth == 2 || depth == 4 ||
                                      depth == 8 || depth == 16)) ||
                     (colour == 3 && (depth == 1 || depth == 2 || depth == 4 ||
                                      depth == 8)) ||
                     ((colour == 2 || colour == 4 || colour == 6) &&
                      (depth == 8 || depth == 16));
            if (w == 0 || h == 0 || !ok || c[10] != 0 || c[11] != 0 ||
                inter > 1) {
                buf_puts(why, _("a PNG file whose header (IHDR) is not valid"));
                return IMAGE_CORRUPT;
            }
            if (w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE) {
                buf_printf(why, _("a PNG of %u x %u pixels, over the %d pixels "
                                "a side that are taken"),
                           (unsigned)w, (unsigned)h, IMAGE_MAX_SIDE);
                return IMAGE_UNSUPPORTED;
            }
            if (depth == 16) {
                buf_puts(why, _("a PNG with 16 bits per channel, which the "
                              "PDF library draws as noise"));
                return IMAGE_UNSUPPORTED;
            }
            if (inter) {
                buf_puts(why, _("an interlaced (Adam7) PNG, which the PDF "
                              "library cannot read"));
                return IMAGE_UNSUPPORTED;
            }
            *width = w;
            *height = h;
        } else if (memcmp(type, "PLTE", 4) == 0) {
            seen_plte = 1;
        } else if (memcmp(type, "IDAT", 4) == 0) {
            if (colour == 3 && !seen_plte) {
                buf_puts(why, _("a palette PNG without its palette (PLTE)"));
                return IMAGE_CORRUPT;
            }
            seen_idat = 1;
        } else if (memcmp(type, "IEND", 4) == 0) {
            if (!seen_idat) {
                buf_puts(why, _("a PNG file without image data (IDAT)"));
                return IMAGE_CORRUPT;
            }
            return IMAGE_OK;
        }
        at += 12 + (size_t)n;
    }
}

/* ---- JPEG ------------------------------------------------------------ */

static image_status jpeg_probe(const unsigned char *d, size_t len,
                               unsigned *width, unsigned *height, buf *why)
{
    size_t at = 2;
    for (;;) {
        while (at < len && d[at] == 0xff && at + 1 < len && d[at + 1] == 0xff)
            at++; /* fill bytes */
        if (len - at < 4 || d[at] != 0xff) {
            buf_puts(why, at + 4 > len ? _("a JPEG file that is cut short")
                                       : _("a JPEG file whose header is damaged"));
            return IMAGE_CORRUPT;
        }
        unsigned m = d[at + 1];
        if (m == 0x01 || (m >= 0xd0 && m <= 0xd7)) { /* no length */
            at += 2;
            continue;
        }
        if (m == 0xd9 || m == 0xda || m == 0xd8) {
            buf_puts(why, _("a JPEG file without a frame header (SOF) before "
                          "its image data"));
            return IMAGE_CORRUPT;
        }
        unsigned n = be16(d + at + 2);
        if (n < 2 || n > len - at - 2) {
            buf_puts(why, _("a JPEG file that is cut short"));
            return IMAGE_CORRUPT;
        }
        if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc) {
            const unsigned char *s = d + at + 4;
            if (n < 8) {
                buf_puts(why, _("a JPEG file whose frame header (SOF) is "
                              "damaged"));
                return IMAGE_CORRUPT;
            }
            unsigned prec = s[0], h = be16(s + 1), w = be16(s + 3), nc = s[5];
            if (m != 0xc0 && m != 0xc1 && m != 0xc2) {
                buf_puts(why, _("a lossless, hierarchical or arithmetic-coded "
                              "JPEG, which PDF readers do not draw"));
                return IMAGE_UNSUPPORTED;
            }
            if (prec != 8) {
                buf_printf(why, _("a JPEG with %u-bit samples; PDF takes 8"),
                           prec);
                return IMAGE_UNSUPPORTED;
            }
            if (w == 0 || h == 0) {
                buf_puts(why, _("a JPEG file without its size in the frame "
                              "header"));
                return IMAGE_CORRUPT;
            }
            if (nc != 1 && nc != 3) {
                buf_printf(why, _("a JPEG with %u colour components (CMYK?), "
                                "which PDF readers draw differently"),
                           nc);
                return IMAGE_UNSUPPORTED;
            }
            if (w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE) {
                buf_printf(why, _("a JPEG of %u x %u pixels, over the %d pixels "
                                "a side that are taken"),
                           w, h, IMAGE_MAX_SIDE);
                return IMAGE_UNSUPPORTED;
            }
            *width = w;
            *height = h;
            return IMAGE_OK;
        }
        at += 2 + n;
    }
}

image_status image_probe(const unsigned char *data, size_t len,
                         canvas_image_kind *kind, unsigned *width,
                         unsigned *height, buf *why)
{
    if (len >= 8 && memcmp(data, PNG_SIG, 8) == 0) {
        *kind = CANVAS_IMAGE_PNG;
        return png_probe(data, len, width, height, why);
    }
    if (len >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff) {
        *kind = CANVAS_IMAGE_JPEG;
        return jpeg_probe(data, len, width, height, why);
    }
    name_other(data, len, why);
    return IMAGE_NOT_IMAGE;
}

/* The picture and its alternative text in one allocation; owns_data
 * says whether image_free frees the bytes too. */
typedef struct owned {
    canvas_image im;
    int owns_data;
    char alt[];
} owned;

static canvas_image *make(const unsigned char *data, size_t len,
                          canvas_image_kind kind, unsigned w, unsigned h,
                          const char *alt, int owns)
{
    size_t n = strlen(alt);
    owned *o = xmalloc(sizeof *o + n + 1);
    memset(o, 0, sizeof *o);
    memcpy(o->alt, alt, n + 1);
    o->owns_data = owns;
    o->im = (canvas_image){kind, data, len, w, h, o->alt, {0}};
    return &o->im;
}

canvas_image *image_new(unsigned char *data, size_t len,
                        canvas_image_kind kind, unsigned width,
                        unsigned height, const char *alt)
{
    canvas_image *im = make(data, len, kind, width, height, alt, 1);
    uint8_t dg[32];
    sha256(data, len, dg);
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 8; i++) {
        im->hash[2 * i] = hex[dg[i] >> 4];
        im->hash[2 * i + 1] = hex[dg[i] & 15];
    }
    im->hash[16] = '\0';
    return im;
}

canvas_image *image_alias(const canvas_image *im, const char *alt)
{
    canvas_image *a =
        make(im->data, im->len, im->kind, im->width, im->height, alt, 0);
    memcpy(a->hash, im->hash, sizeof a->hash);
    return a;
}

void image_free(canvas_image *im)
{
    if (!im)
        return;
    owned *o = (owned *)im;
    if (o->owns_data)
        free((void *)im->data);
    free(o);
}

const char *image_ext(const canvas_image *im)
{
    return im->kind == CANVAS_IMAGE_PNG ? "png" : "jpg";
}

const char *image_mime(const canvas_image *im)
{
    return im->kind == CANVAS_IMAGE_PNG ? "image/png" : "image/jpeg";
}
