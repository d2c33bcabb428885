/* font: HarfBuzz face for metrics and subsetting (see font.h). */
#include "font.h"

#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "utf8.h"

#define BMP_SIZE 0x10000

struct font {
    char *path;
    char *family;
    hb_blob_t *blob;
    hb_face_t *face;
    hb_font_t *hbfont;
    unsigned upem;
    double ascent;  /* em */
    double descent; /* em, positive */
    int notdef_adv; /* font units */
    /* Advance in font units of every BMP code point, filled at open so the
     * font stays immutable (and shareable) afterwards; -1 = no glyph. */
    int32_t *bmp_adv;
};

static char *name_string(hb_face_t *face, hb_ot_name_id_t id,
                         const char *lang)
{
    hb_language_t l = hb_language_from_string(lang, -1);
    unsigned len = hb_ot_name_get_utf8(face, id, l, NULL, NULL);
    if (len == 0)
        return NULL;
    unsigned size = len + 1;
    char *s = xmalloc(size);
    hb_ot_name_get_utf8(face, id, l, &size, s);
    return s;
}

font *font_open(const char *path, diag_list *d)
{
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
    if (!blob || hb_blob_get_length(blob) == 0) {
        if (blob)
            hb_blob_destroy(blob);
        diag_add(d, DIAG_ERROR, path, 0, 0, "cannot read the font file");
        diag_hint(d, "install fonts-ipaexfont-gothic or give the path of "
                     "a TrueType (.ttf) font");
        return NULL;
    }
    hb_face_t *face = hb_face_create(blob, 0);
    if (hb_face_get_glyph_count(face) == 0 || hb_face_get_upem(face) == 0) {
        hb_face_destroy(face);
        hb_blob_destroy(blob);
        diag_add(d, DIAG_ERROR, path, 0, 0,
                 "not a TrueType or OpenType font (no glyphs found)");
        return NULL;
    }
    font *f = xcalloc(1, sizeof *f);
    f->path = xstrdup(path);
    f->blob = blob;
    f->face = face;
    f->hbfont = hb_font_create(face);
    f->upem = hb_face_get_upem(face);
    hb_font_set_scale(f->hbfont, (int)f->upem, (int)f->upem);

    hb_position_t pos;
    if (hb_ot_metrics_get_position(f->hbfont,
                                   HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER,
                                   &pos))
        f->ascent = (double)pos / f->upem;
    else
        f->ascent = 0.88;
    if (hb_ot_metrics_get_position(f->hbfont,
                                   HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER,
                                   &pos))
        f->descent = (double)(pos < 0 ? -pos : pos) / f->upem;
    else
        f->descent = 0.12;

    f->family = name_string(face, HB_OT_NAME_ID_FONT_FAMILY, "en");
    if (!f->family)
        f->family = name_string(face, HB_OT_NAME_ID_TYPOGRAPHIC_FAMILY, "en");
    if (!f->family)
        f->family = xstrdup("");

    f->notdef_adv = (int)hb_font_get_glyph_h_advance(f->hbfont, 0);
    f->bmp_adv = xmalloc(BMP_SIZE * sizeof *f->bmp_adv);
    memset(f->bmp_adv, 0xFF, BMP_SIZE * sizeof *f->bmp_adv); /* all -1 */
    hb_set_t *mapped = hb_set_create();
    hb_face_collect_unicodes(face, mapped);
    hb_codepoint_t cp = HB_SET_VALUE_INVALID;
    while (hb_set_next(mapped, &cp) && cp < BMP_SIZE) {
        hb_codepoint_t g;
        if (hb_font_get_nominal_glyph(f->hbfont, cp, &g))
            f->bmp_adv[cp] = (int32_t)hb_font_get_glyph_h_advance(f->hbfont, g);
    }
    hb_set_destroy(mapped);
    return f;
}

void font_free(font *f)
{
    if (!f)
        return;
    hb_font_destroy(f->hbfont);
    hb_face_destroy(f->face);
    hb_blob_destroy(f->blob);
    free(f->bmp_adv);
    free(f->family);
    free(f->path);
    free(f);
}

const char *font_path(const font *f) { return f->path; }

const char *font_family(const font *f) { return f->family; }

/* Advance in font units, or -1 when the font has no glyph for cp. */
static int32_t advance_units(const font *f, uint32_t cp)
{
    if (cp < BMP_SIZE)
        return f->bmp_adv[cp];
    hb_codepoint_t g;
    if (cp > 0x10FFFF || !hb_font_get_nominal_glyph(f->hbfont, cp, &g))
        return -1;
    return (int32_t)hb_font_get_glyph_h_advance(f->hbfont, g);
}

int font_has_glyph(const font *f, uint32_t cp)
{
    return advance_units(f, cp) >= 0;
}

double font_advance(const font *f, uint32_t cp)
{
    int32_t a = advance_units(f, cp);
    if (a < 0)
        a = f->notdef_adv;
    return (double)a / f->upem;
}

double font_text_width(const font *f, const char *utf8, size_t len,
                       double size)
{
    long long units = 0;
    size_t i = 0;
    while (i < len) {
        size_t adv;
        int32_t cp = utf8_decode(utf8 + i, len - i, &adv);
        i += adv;
        if (cp < 0)
            continue;
        int32_t a = advance_units(f, (uint32_t)cp);
        units += a < 0 ? f->notdef_adv : a;
    }
    return (double)units * size / f->upem;
}

double font_ascent(const font *f) { return f->ascent; }

double font_descent(const font *f) { return f->descent; }

int font_subset(const font *f, const uint32_t *cps, size_t n,
                unsigned char **out, size_t *outlen, diag_list *d)
{
    *out = NULL;
    *outlen = 0;
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in) {
        diag_add(d, DIAG_ERROR, f->path, 0, 0,
                 "cannot subset the font (out of memory)");
        return -1;
    }
    hb_set_t *u = hb_subset_input_unicode_set(in);
    for (size_t i = 0; i < n; i++)
        hb_set_add(u, cps[i]);
    /* Keep every table: libharu reads head, hhea, hmtx, loca, glyf, cmap,
     * name, OS/2 and post, and the default drop list would remove some. */
    hb_set_clear(hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG));
    hb_set_add_range(hb_subset_input_set(in, HB_SUBSET_SETS_NAME_ID), 0, 25);
    /* Hinting instructions are dropped: PDF viewers rasterise at any size
     * without them, and they were half of every glyph's bytes (measured on
     * the default deck: glyf 185 KB with, see bench/README.md without). */
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NAME_LEGACY |
                                      HB_SUBSET_FLAGS_NO_HINTING);
    hb_face_t *sub = hb_subset_or_fail(f->face, in);
    hb_subset_input_destroy(in);
    if (!sub) {
        diag_add(d, DIAG_ERROR, f->path, 0, 0, "cannot subset the font");
        return -1;
    }
    hb_blob_t *blob = hb_face_reference_blob(sub);
    unsigned len = 0;
    const char *data = hb_blob_get_data(blob, &len);
    int rc = -1;
    if (data && len > 0) {
        *out = xmalloc(len);
        memcpy(*out, data, len);
        *outlen = len;
        rc = 0;
    } else {
        diag_add(d, DIAG_ERROR, f->path, 0, 0,
                 "subsetting the font gave an empty font");
    }
    hb_blob_destroy(blob);
    hb_face_destroy(sub);
    return rc;
}
