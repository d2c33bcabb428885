#include "utf8.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "xalloc.h"

size_t utf8_encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* The same rules as utf8_decode (no overlongs, no surrogates, nothing
 * past U+10FFFF), written out for speed: a data file is checked whole
 * before it is parsed. */
int utf8_valid(const char *s, size_t len, size_t *bad)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        unsigned c = u[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t n;
        unsigned lo = 0x80, hi = 0xBF; /* range of the second byte */
        if (c >= 0xC2 && c <= 0xDF) {
            n = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 3;
            if (c == 0xE0)
                lo = 0xA0; /* overlong */
            else if (c == 0xED)
                hi = 0x9F; /* surrogates */
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4;
            if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F;
        } else {
            goto invalid;
        }
        if (len - i < n || u[i + 1] < lo || u[i + 1] > hi)
            goto invalid;
        for (size_t k = 2; k < n; k++)
            if ((u[i + k] & 0xC0) != 0x80)
                goto invalid;
        i += n;
    }
    return 1;
invalid:
    if (bad)
        *bad = i;
    return 0;
}

const char *utf8_find(const char *s, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; n && i + n <= len; i++)
        if (memcmp(s + i, needle, n) == 0)
            return s + i;
    return NULL;
}

size_t utf8_length(const char *s, size_t len)
{
    size_t i = 0, n = 0;
    while (i < len) {
        size_t adv = 1;
        if ((unsigned char)s[i] >= 0x80)
            utf8_decode(s + i, len - i, &adv);
        i += adv;
        n++;
    }
    return n;
}

size_t utf8_display_width(const char *s, size_t len)
{
    size_t w = 0;
    for (size_t i = 0; i < len;) {
        size_t adv;
        int32_t cp = utf8_decode(s + i, len - i, &adv);
        w += cp >= 0x2E80 ? 2 : 1;
        i += adv;
    }
    return w;
}

/* utf8proc returns NULL for invalid input; the copy is returned unchanged
 * then so the caller always gets a string it owns. */
static char *normalise(const char *s, utf8proc_option_t opts)
{
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n =
        utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
                     (utf8proc_option_t)(UTF8PROC_NULLTERM | UTF8PROC_STABLE |
                                         opts));
    if (n < 0 || !out) {
        free(out);
        return xstrdup(s);
    }
    /* Hand back memory from xalloc's family so callers free uniformly. */
    char *r = xstrndup((const char *)out, (size_t)n);
    free(out);
    return r;
}

/* ASCII text is its own normal form: no utf8proc call (and no allocation
 * inside it) for most cells of a survey table. */
static int ascii_only(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return 0;
    return 1;
}

char *utf8_nfc(const char *s)
{
    if (ascii_only(s))
        return xstrdup(s);
    return normalise(s, UTF8PROC_COMPOSE);
}

char *utf8_nfkc(const char *s)
{
    if (ascii_only(s))
        return xstrdup(s);
    return normalise(s, (utf8proc_option_t)(UTF8PROC_COMPOSE |
                                            UTF8PROC_COMPAT));
}

int utf8_is_cjk(uint32_t cp)
{
    return (cp >= 0x2E80 && cp <= 0x2FDF)     /* CJK radicals, Kangxi */
           || (cp >= 0x3000 && cp <= 0x303F)  /* CJK symbols, punctuation */
           || (cp >= 0x3040 && cp <= 0x30FF)  /* Hiragana, Katakana */
           || (cp >= 0x31F0 && cp <= 0x31FF)  /* Katakana extensions */
           || (cp >= 0x3200 && cp <= 0x33FF)  /* enclosed CJK, compatibility */
           || (cp >= 0x3400 && cp <= 0x4DBF)  /* Han extension A */
           || (cp >= 0x4E00 && cp <= 0x9FFF)  /* Han */
           || (cp >= 0xF900 && cp <= 0xFAFF)  /* Han compatibility */
           || (cp >= 0xFE30 && cp <= 0xFE4F)  /* CJK compatibility forms */
           || (cp >= 0xFF00 && cp <= 0xFFEF)  /* half/full-width forms */
           || (cp >= 0x20000 && cp <= 0x3FFFF); /* Han supplementary planes */
}

const char *utf8_library_version(void)
{
    return utf8proc_version();
}
