/* font: HarfBuzz face for metrics and subsetting (see font.h). */
#include "font.h"

#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>
#include <stdlib.h>
#include <string.h>

#include "fsutil.h"
#include "utf8.h"
#include "xalloc.h"

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
    if (fs_check_regular(path, d) != 0)
        return NULL; /* a pipe or a device would block the read below */
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
    /* libharu embeds TrueType outlines only: a CFF-based OpenType font
     * would pass check and fail the PDF. */
    hb_blob_t *glyf = hb_face_reference_table(face, HB_TAG('g', 'l', 'y', 'f'));
    unsigned glyf_len = hb_blob_get_length(glyf);
    hb_blob_destroy(glyf);
    if (glyf_len == 0) {
        hb_face_destroy(face);
        hb_blob_destroy(blob);
        diag_add(d, DIAG_ERROR, path, 0, 0,
                 "not a TrueType font: it has no glyf outlines (an "
                 "OpenType font with CFF outlines cannot be embedded in "
                 "the PDF)");
        diag_hint(d, "use a TrueType font (glyf outlines, usually .ttf), "
                     "such as IPAexGothic");
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

static int variation_selector(uint32_t cp)
{
    return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
}

static int control(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
}

int font_can_draw(const font *f, uint32_t cp)
{
    return cp < BMP_SIZE && !control(cp) && !variation_selector(cp) &&
           font_has_glyph(f, cp);
}

/* The error for one character font_can_draw refuses. */
static void cannot_draw(const font *f, uint32_t cp, srcloc at,
                        const char *where, diag_list *d)
{
    char u[5] = {0};
    utf8_encode(cp, u);
    if (variation_selector(cp)) {
        diag_at(d, DIAG_ERROR, at,
                "%s: variation selector U+%04X cannot be drawn in the PDF",
                where, (unsigned)cp);
        diag_hint(d, "remove the selector (the base character is drawn in "
                     "its standard form)");
    } else if (cp >= BMP_SIZE) {
        diag_at(d, DIAG_ERROR, at,
                "%s: U+%04X 「%s」 is outside the Basic Multilingual Plane, "
                "which the PDF cannot draw",
                where, (unsigned)cp, u);
        diag_hint(d, "write the character's common form instead");
    } else if (control(cp)) {
        diag_at(d, DIAG_ERROR, at, "%s: control character U+%04X \"%s\"", where,
                (unsigned)cp, u);
        diag_hint(d, "remove it, or write a space in its place");
    } else {
        diag_at(d, DIAG_ERROR, at,
                "%s: the font %s has no glyph for U+%04X 「%s」", where,
                font_family(f), (unsigned)cp, u);
        diag_hint(d, "use another character or a font that has it");
    }
}

size_t font_check_text(const font *f, const char *s, srcloc at,
                       const char *where, uint32_t *missing, diag_list *d)
{
    size_t n = 0, len = strlen(s);
    for (size_t i = 0; i < len;) {
        size_t adv;
        int32_t cp = utf8_decode(s + i, len - i, &adv);
        i += adv;
        if (cp < 0 || cp == '\n' || font_can_draw(f, (uint32_t)cp))
            continue;
        if (missing && cp < BMP_SIZE && !control((uint32_t)cp) &&
            !variation_selector((uint32_t)cp))
            missing[cp >> 5] |= 1u << (cp & 31);
        cannot_draw(f, (uint32_t)cp, at, where, d);
        n++;
    }
    return n;
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

/* ---- a cmap for libharu ------------------------------------------------

 * libharu looks up every one of the 65,536 BMP code points in the font's
 * format 4 cmap when it loads a font, scanning the segments one by one.
 * HarfBuzz writes one segment per run of consecutive code points, a few
 * hundred for a Japanese deck (the kanji are scattered), so that load
 * took tens of millions of steps.  The subset's cmap is rewritten with
 * runs less than MERGE_GAP apart merged into one segment, their glyphs
 * listed in glyphIdArray with 0 for the code points in between: about ten
 * segments (ASCII, punctuation, kana, kanji, full-width forms).  The
 * mapping of every code point stays the same; the embedded font grows by
 * the zeros, which compress to little. */
#define MERGE_GAP 512

static void put16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)(v >> 8);
    p[1] = (unsigned char)v;
}

/* A cmap table with one (3,1) format 4 subtable mapping cps[i] (sorted,
 * distinct BMP code points) to gids[i], or NULL when it would not fit the
 * format's 16-bit length. */
static hb_blob_t *merged_cmap(const uint32_t *cps, const uint32_t *gids,
                              size_t n)
{
    /* segments: [start, end] runs of the code points */
    size_t nseg = 0, nglyphs = 0;
    uint32_t *seg = xmalloc((n + 1) * 2 * sizeof *seg);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j + 1 < n && cps[j + 1] - cps[j] < MERGE_GAP &&
               cps[j + 1] < 0xFFFF)
            j++;
        seg[2 * nseg] = cps[i];
        seg[2 * nseg + 1] = cps[j];
        nglyphs += cps[j] - cps[i] + 1;
        nseg++;
        i = j + 1;
    }
    seg[2 * nseg] = seg[2 * nseg + 1] = 0xFFFF; /* the closing segment */
    nseg++;
    size_t sublen = 16 + 8 * nseg + 2 * nglyphs;
    if (sublen > 0xFFFF) {
        free(seg);
        return NULL;
    }
    size_t len = 12 + sublen;
    unsigned char *t = xcalloc(len, 1);
    put16(t + 0, 0);  /* version */
    put16(t + 2, 1);  /* one encoding record */
    put16(t + 4, 3);  /* Windows */
    put16(t + 6, 1);  /* Unicode BMP */
    put16(t + 8, 0);  /* offset, high half */
    put16(t + 10, 12);
    unsigned char *s = t + 12;
    unsigned pow2 = 1, log2 = 0;
    while (pow2 * 2 <= nseg) {
        pow2 *= 2;
        log2++;
    }
    put16(s + 0, 4);
    put16(s + 2, (unsigned)sublen);
    put16(s + 4, 0);
    put16(s + 6, (unsigned)(2 * nseg));
    put16(s + 8, 2 * pow2);
    put16(s + 10, log2);
    put16(s + 12, (unsigned)(2 * nseg - 2 * pow2));
    unsigned char *end = s + 14, *start = end + 2 * nseg + 2,
                  *delta = start + 2 * nseg, *range = delta + 2 * nseg,
                  *glyphs = range + 2 * nseg;
    size_t gi = 0, ci = 0;
    for (size_t k = 0; k < nseg; k++) {
        uint32_t a = seg[2 * k], b = seg[2 * k + 1];
        put16(end + 2 * k, b);
        put16(start + 2 * k, a);
        if (k + 1 == nseg) {
            put16(delta + 2 * k, 1); /* 0xFFFF -> glyph 0 */
            put16(range + 2 * k, 0);
            break;
        }
        put16(delta + 2 * k, 0);
        /* from this idRangeOffset entry to glyphIdArray[gi], in bytes */
        put16(range + 2 * k, (unsigned)(2 * (nseg - k) + 2 * gi));
        for (uint32_t c = a; c <= b; c++, gi++)
            if (ci < n && cps[ci] == c)
                put16(glyphs + 2 * gi, gids[ci++]);
    }
    free(seg);
    return hb_blob_create((const char *)t, (unsigned)len,
                          HB_MEMORY_MODE_READONLY, t, free);
}

static hb_face_t *merge_into_builder(hb_face_t *sub)
{
    hb_set_t *u = hb_set_create();
    hb_face_collect_unicodes(sub, u);
    size_t n = 0, cap = hb_set_get_population(u);
    uint32_t *cps = xmalloc((cap ? cap : 1) * sizeof *cps);
    uint32_t *gids = xmalloc((cap ? cap : 1) * sizeof *gids);
    hb_font_t *hf = hb_font_create(sub);
    hb_codepoint_t cp = HB_SET_VALUE_INVALID;
    int bmp = 1;
    while (hb_set_next(u, &cp)) {
        hb_codepoint_t g;
        if (cp >= 0xFFFF) {
            bmp = 0;
            break;
        }
        if (hb_font_get_nominal_glyph(hf, cp, &g) && g < 0x10000) {
            cps[n] = cp;
            gids[n++] = g;
        }
    }
    hb_font_destroy(hf);
    hb_set_destroy(u);
    hb_blob_t *cmap = bmp && n ? merged_cmap(cps, gids, n) : NULL;
    free(cps);
    free(gids);
    if (!cmap)
        return NULL;
    hb_face_t *out = hb_face_builder_create();
    hb_tag_t tags[64];
    unsigned start = 0, count;
    hb_tag_t order[256];
    unsigned norder = 0;
    do {
        count = sizeof tags / sizeof *tags;
        hb_face_get_table_tags(sub, start, &count, tags);
        for (unsigned i = 0; i < count; i++) {
            hb_tag_t tag = tags[i];
            hb_blob_t *b = tag == HB_TAG('c', 'm', 'a', 'p')
                               ? hb_blob_reference(cmap)
                               : hb_face_reference_table(sub, tag);
            hb_face_builder_add_table(out, tag, b);
            hb_blob_destroy(b);
            if (norder + 1 < sizeof order / sizeof *order)
                order[norder++] = tag;
        }
        start += count;
    } while (count == sizeof tags / sizeof *tags);
    order[norder] = HB_TAG_NONE;
    hb_face_builder_sort_tables(out, order);
    hb_blob_destroy(cmap);
    return out;
}

/* The subset with its cmap replaced by merged_cmap(), or NULL to keep it
 * as it is (nothing to map, or no room).  The subset is read back from
 * its bytes: a face made by the subsetter lists no table tags. */
static hb_face_t *with_merged_cmap(hb_face_t *built)
{
    hb_blob_t *bytes = hb_face_reference_blob(built);
    hb_face_t *sub = hb_face_create(bytes, 0);
    hb_blob_destroy(bytes);
    hb_face_t *out = merge_into_builder(sub);
    hb_face_destroy(sub);
    return out;
}

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
     * the default deck's 559 glyphs: glyf 185 KB with them, 100 KB
     * without; the PDF 228 KB to 170 KB). */
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NAME_LEGACY |
                                      HB_SUBSET_FLAGS_NO_HINTING);
    hb_face_t *sub = hb_subset_or_fail(f->face, in);
    hb_subset_input_destroy(in);
    if (!sub) {
        diag_add(d, DIAG_ERROR, f->path, 0, 0, "cannot subset the font");
        return -1;
    }
    hb_face_t *merged = with_merged_cmap(sub);
    if (merged) {
        hb_face_destroy(sub);
        sub = merged;
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

const char *font_library_version(void)
{
    return hb_version_string();
}
