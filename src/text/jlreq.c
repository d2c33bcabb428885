#include "jlreq.h"

#include <stddef.h>

typedef struct cls_entry {
    uint32_t cp;
    jl_class cls;
} cls_entry;

/* Single code points with a class of their own, sorted by code point. */
static const cls_entry table[] = {
    {0x0023, JL_PREFIX},  /* # */
    {0x0024, JL_PREFIX},  /* $ */
    {0x0025, JL_POSTFIX}, /* % */
    {0x0028, JL_OPEN},    {0x0029, JL_CLOSE},
    {0x005B, JL_OPEN},    {0x005D, JL_CLOSE},
    {0x007B, JL_OPEN},    {0x007D, JL_CLOSE},
    {0x00A3, JL_PREFIX},  /* £ */
    {0x00A5, JL_PREFIX},  /* ¥ */
    {0x00AB, JL_OPEN},    /* « */
    {0x00B0, JL_POSTFIX}, /* ° */
    {0x00BB, JL_CLOSE},   /* » */
    {0x2010, JL_HYPHEN},  /* ‐ */
    {0x2013, JL_HYPHEN},  /* – */
    {0x2014, JL_INSEP},   /* — */
    {0x2015, JL_INSEP},   /* ― */
    {0x2018, JL_OPEN},    /* ‘ */
    {0x2019, JL_CLOSE},   /* ’ */
    {0x201C, JL_OPEN},    /* “ */
    {0x201D, JL_CLOSE},   /* ” */
    {0x2025, JL_INSEP},   /* ‥ */
    {0x2026, JL_INSEP},   /* … */
    {0x2030, JL_POSTFIX}, /* ‰ */
    {0x2032, JL_POSTFIX}, /* ′ */
    {0x2033, JL_POSTFIX}, /* ″ */
    {0x203C, JL_DIVIDE},  /* ‼ */
    {0x2047, JL_DIVIDE},  /* ⁇ */
    {0x2048, JL_DIVIDE},  /* ⁈ */
    {0x2049, JL_DIVIDE},  /* ⁉ */
    {0x20AC, JL_PREFIX},  /* € */
    {0x2103, JL_POSTFIX}, /* ℃ */
    {0x2116, JL_PREFIX},  /* № */
    {0x3000, JL_IDSPACE},
    {0x3001, JL_COMMA},   /* 、 */
    {0x3002, JL_STOP},    /* 。 */
    {0x3005, JL_ITER},    /* 々 */
    {0x3008, JL_OPEN},    {0x3009, JL_CLOSE}, /* 〈〉 */
    {0x300A, JL_OPEN},    {0x300B, JL_CLOSE}, /* 《》 */
    {0x300C, JL_OPEN},    {0x300D, JL_CLOSE}, /* 「」 */
    {0x300E, JL_OPEN},    {0x300F, JL_CLOSE}, /* 『』 */
    {0x3010, JL_OPEN},    {0x3011, JL_CLOSE}, /* 【】 */
    {0x3014, JL_OPEN},    {0x3015, JL_CLOSE}, /* 〔〕 */
    {0x3016, JL_OPEN},    {0x3017, JL_CLOSE}, /* 〖〗 */
    {0x3018, JL_OPEN},    {0x3019, JL_CLOSE}, /* 〘〙 */
    {0x301C, JL_HYPHEN},  /* 〜 */
    {0x301D, JL_OPEN},    /* 〝 */
    {0x301F, JL_CLOSE},   /* 〟 */
    {0x303B, JL_ITER},    /* 〻 */
    {0x309D, JL_ITER},    {0x309E, JL_ITER}, /* ゝゞ */
    {0x30A0, JL_HYPHEN},  /* ゠ */
    {0x30FB, JL_MIDDLE},  /* ・ */
    {0x30FC, JL_PROLONG}, /* ー */
    {0x30FD, JL_ITER},    {0x30FE, JL_ITER}, /* ヽヾ */
    {0xFF01, JL_DIVIDE},  /* ！ */
    {0xFF03, JL_PREFIX},  /* ＃ */
    {0xFF04, JL_PREFIX},  /* ＄ */
    {0xFF05, JL_POSTFIX}, /* ％ */
    {0xFF08, JL_OPEN},    {0xFF09, JL_CLOSE}, /* （） */
    {0xFF0C, JL_COMMA},   /* ， */
    {0xFF0E, JL_STOP},    /* ． */
    {0xFF1A, JL_MIDDLE},  /* ： */
    {0xFF1B, JL_MIDDLE},  /* ； */
    {0xFF1F, JL_DIVIDE},  /* ？ */
    {0xFF3B, JL_OPEN},    {0xFF3D, JL_CLOSE}, /* ［］ */
    {0xFF5B, JL_OPEN},    {0xFF5D, JL_CLOSE}, /* ｛｝ */
    {0xFF5F, JL_OPEN},    {0xFF60, JL_CLOSE}, /* ｟｠ */
    {0xFFE0, JL_POSTFIX}, /* ￠ */
    {0xFFE1, JL_PREFIX},  /* ￡ */
    {0xFFE5, JL_PREFIX},  /* ￥ */
};

static int small_kana(uint32_t cp)
{
    switch (cp) {
    case 0x3041: case 0x3043: case 0x3045: case 0x3047: case 0x3049:
    case 0x3063: case 0x3083: case 0x3085: case 0x3087: case 0x308E:
    case 0x3095: case 0x3096:
    case 0x30A1: case 0x30A3: case 0x30A5: case 0x30A7: case 0x30A9:
    case 0x30C3: case 0x30E3: case 0x30E5: case 0x30E7: case 0x30EE:
    case 0x30F5: case 0x30F6:
        return 1;
    default:
        return (cp >= 0x31F0 && cp <= 0x31FF) || /* katakana extensions */
               (cp >= 0xFF67 && cp <= 0xFF70);   /* half-width small */
    }
}

/* ASCII by switch (a jump table) and the kana and ideograph blocks by
 * range: these are nearly every character of a Japanese slide, and line
 * breaking asks for classes several times per character.  Everything
 * else goes through the table and the ranges below. */
static jl_class ascii_class(uint32_t cp)
{
    switch (cp) {
    case ' ': return JL_SPACE;
    case '\n': return JL_BREAK;
    case '!': case '?': return JL_DIVIDE;
    case '#': case '$': return JL_PREFIX;
    case '%': return JL_POSTFIX;
    case '(': case '[': case '{': return JL_OPEN;
    case ')': case ']': case '}': return JL_CLOSE;
    default:
        if (cp >= '0' && cp <= '9')
            return JL_DIGIT;
        if (cp > 0x20 && cp < 0x7F)
            return JL_WESTERN;
        return JL_OTHER;
    }
}

static jl_class slow_class(uint32_t cp);

jl_class jl_class_of(uint32_t cp)
{
    if (cp < 0x80)
        return ascii_class(cp);
    if (cp >= 0x4E00 && cp <= 0x9FFF)
        return JL_IDEO;
    if (cp >= 0x3041 && cp <= 0x30FF) {
        switch (cp) {
        case 0x309D: case 0x309E: case 0x30FD: case 0x30FE: return JL_ITER;
        case 0x30A0: return JL_HYPHEN;
        case 0x30FB: return JL_MIDDLE;
        case 0x30FC: return JL_PROLONG;
        default: return small_kana(cp) ? JL_SMALL : JL_KANA;
        }
    }
    return slow_class(cp);
}

static jl_class slow_class(uint32_t cp)
{
    if (cp == ' ')
        return JL_SPACE;
    if (cp == '\n')
        return JL_BREAK;
    if (cp == '!' || cp == '?')
        return JL_DIVIDE;
    size_t lo = 0, hi = sizeof table / sizeof *table;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (table[mid].cp == cp)
            return table[mid].cls;
        if (table[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (cp >= '0' && cp <= '9')
        return JL_DIGIT;
    if (cp > 0x20 && cp < 0x7F)
        return JL_WESTERN; /* letters and the remaining ASCII symbols */
    if (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7)
        return JL_WESTERN; /* Latin letters with diacritics */
    if (small_kana(cp))
        return JL_SMALL;
    if ((cp >= 0x3041 && cp <= 0x309F) || (cp >= 0x30A0 && cp <= 0x30FF) ||
        (cp >= 0xFF66 && cp <= 0xFF9F))
        return JL_KANA;
    if ((cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
        (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF) ||
        cp == 0x3006 || cp == 0x3007 || cp == 0x3012 || cp == 0x3013 ||
        (cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
        (cp >= 0xFF41 && cp <= 0xFF5A) || (cp >= 0x2460 && cp <= 0x24FF) ||
        (cp >= 0x25A0 && cp <= 0x25FF) || (cp >= 0x3200 && cp <= 0x33FF) ||
        (cp >= 0x2190 && cp <= 0x21FF) || (cp >= 0xFF02 && cp <= 0xFF0F) ||
        (cp >= 0xFF1C && cp <= 0xFF20) || cp == 0x203B)
        return JL_IDEO;
    return JL_OTHER;
}

int jl_japanese(uint32_t cp)
{
    switch (jl_class_of(cp)) {
    case JL_KANA: case JL_IDEO: case JL_ITER: case JL_PROLONG:
    case JL_SMALL:
        return 1;
    default:
        return 0;
    }
}

int jl_western(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') ||
               (cp >= 'a' && cp <= 'z') || cp == '#' || cp == '$' ||
               cp == '%' || cp == '&' || cp == '@' || cp == '+' ||
               cp == '=' || cp == '*';
    if (cp < 0xC0)
        return cp == 0xA3 || cp == 0xA5 || cp == 0xB0;
    return jl_class_of(cp) == JL_WESTERN;
}

/* Full-width punctuation: the ASCII and Latin-1 brackets are half-width
 * glyphs without a blank. */
static int fullwidth(uint32_t cp) { return cp >= 0x2000; }

double jl_lead_blank(uint32_t cp)
{
    if (!fullwidth(cp))
        return 0;
    switch (jl_class_of(cp)) {
    case JL_OPEN: return 0.5;
    case JL_MIDDLE: return 0.25;
    default: return 0;
    }
}

double jl_trail_blank(uint32_t cp)
{
    if (!fullwidth(cp))
        return 0;
    switch (jl_class_of(cp)) {
    case JL_CLOSE: case JL_STOP: case JL_COMMA: return 0.5;
    case JL_MIDDLE: return 0.25;
    default: return 0;
    }
}

int jl_closing(uint32_t cp)
{
    jl_class c = jl_class_of(cp);
    return c == JL_CLOSE || c == JL_STOP || c == JL_COMMA;
}
