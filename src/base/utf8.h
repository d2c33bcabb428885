/* utf8: decoding, validation and normalisation (utf8proc).
 *
 * Memory: utf8_nfc and utf8_nfkc return a new malloc'd string (a copy even
 * when nothing changes) that the caller frees with free();
 * utf8_library_version's string is static.  Nothing else allocates. */
#ifndef SHIRYO_UTF8_H
#define SHIRYO_UTF8_H
#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s (len bytes available).  Returns the code
 * point and sets *adv to the bytes used, or returns -1 with *adv = 1 for an
 * invalid or truncated sequence (overlongs and surrogates are invalid).
 * Hand-written rather than utf8proc_iterate, and inline: it is on every
 * hot path (measuring, drawing: a quarter of a million calls a build)
 * and must reject overlongs and surrogates. */
static inline int32_t utf8_decode(const char *s, size_t len, size_t *adv)
{
    const unsigned char *u = (const unsigned char *)s;
    *adv = 1;
    if (len == 0)
        return -1;
    unsigned c = u[0];
    if (c < 0x80)
        return (int32_t)c;
    size_t n;
    uint32_t cp, min;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        cp = c & 0x1F;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        cp = c & 0x0F;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        cp = c & 0x07;
        min = 0x10000;
    } else {
        return -1;
    }
    if (len < n)
        return -1;
    for (size_t i = 1; i < n; i++) {
        if ((u[i] & 0xC0) != 0x80)
            return -1;
        cp = (cp << 6) | (u[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return -1;
    *adv = n;
    return (int32_t)cp;
}

/* Writes cp as UTF-8 into out (4 bytes room); returns the byte count. */
size_t utf8_encode(uint32_t cp, char *out);
/* Returns 1 when s is valid UTF-8; otherwise 0 and *bad (if not NULL) is
 * the byte offset of the first invalid sequence. */
int utf8_valid(const char *s, size_t len, size_t *bad);
/* The first occurrence of the UTF-8 text needle in s[0..len) (s need not
 * be NUL-terminated), or NULL.  A byte search finds only whole
 * characters: UTF-8 never starts a character inside another. */
const char *utf8_find(const char *s, size_t len, const char *needle);
/* Number of code points in s (invalid bytes count one each). */
size_t utf8_length(const char *s, size_t len);
/* The columns s takes in a terminal or a spreadsheet cell: two for a wide
 * (CJK, kana, full-width) character, from U+2E80, one for any other. */
size_t utf8_display_width(const char *s, size_t len);
/* NFC and NFKC of valid UTF-8; the caller frees.  NFC for display text,
 * NFKC only for matching keys. */
char *utf8_nfc(const char *s);
char *utf8_nfkc(const char *s);
/* 1 for code points of Han, Hiragana, Katakana, CJK punctuation and
 * full-width forms: the characters between which a soft line break must
 * not become a space. */
int utf8_is_cjk(uint32_t cp);

/* The version of utf8proc in use (for --version). */
const char *utf8_library_version(void);

#endif
