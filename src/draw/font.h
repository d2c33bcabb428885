/* font: one TrueType face, read with HarfBuzz, for metrics and subsetting.
 *
 * Layout and charts measure text here, never through libharu (measuring in
 * libharu marks glyphs as used and embeds them).  The same metrics serve the
 * PDF and the SVG backends, so both draw the same picture.
 *
 * A font is immutable after font_open() and may be shared; font_free()
 * releases it.  Advances are in em (1.0 = the font size). */
#ifndef SHIRYO_FONT_H
#define SHIRYO_FONT_H
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

typedef struct font font;

/* Opens a TrueType file.  On failure adds an error naming path and returns
 * NULL. */
font *font_open(const char *path, diag_list *d);
void font_free(font *f);
const char *font_path(const font *f);
/* The family name from the name table (e.g. "IPAexGothic"). */
const char *font_family(const font *f);

int font_has_glyph(const font *f, uint32_t cp);
/* The one rule of what the outputs can draw with f, applied before
 * anything is written (layout, charts) and guarded again by the PDF
 * backend: 1 for a character of the Basic Multilingual Plane that is not
 * a control character (C0, DEL, C1) or a variation selector and that f
 * has a glyph for; 0 otherwise.  A line break is not drawn: 0. */
int font_can_draw(const font *f, uint32_t cp);
/* A set of BMP code points, one bit each: FONT_BMP_WORDS words. */
#define FONT_BMP_WORDS (0x10000 / 32)
/* Reports, as errors at `at`, every character of s that font_can_draw
 * refuses (line breaks excepted: they are not drawn), each named U+XXXX
 * with the character; `where` names the text ("slide 3, title").
 * Invalid UTF-8 is the readers' to report and is skipped here.  When
 * missing is not NULL, each character the font has no glyph for is also
 * added to that set (to tell a wrong font from a stray character).
 * Returns the number reported. */
size_t font_check_text(const font *f, const char *s, srcloc at,
                       const char *where, uint32_t *missing, diag_list *d);
/* Horizontal advance of cp in em; a missing glyph gives the .notdef
 * advance. */
double font_advance(const font *f, uint32_t cp);
/* Width of UTF-8 text at size (points), the sum of advances (no kerning:
 * IPAex has none that matters for Japanese). Invalid bytes count as 0. */
double font_text_width(const font *f, const char *utf8, size_t len,
                       double size);
double font_ascent(const font *f);  /* em, positive */
double font_descent(const font *f); /* em, positive */

/* Subsets the font to the given code points (duplicates allowed), keeping
 * the tables libharu reads.  On success returns 0 and sets *out (free with
 * free()) and *outlen; on failure adds an error and returns -1. */
int font_subset(const font *f, const uint32_t *cps, size_t n,
                unsigned char **out, size_t *outlen, diag_list *d);

/* The version of HarfBuzz in use (for --version). */
const char *font_library_version(void);

#endif
