/* jlreq: character classes of W3C "Requirements for Japanese Text Layout"
 * (JLREQ, Appendix A; the same classes as JIS X 4051) and the per-class
 * facts that line breaking and spacing need.
 *
 * Only what shiryo uses is classified: brackets, punctuation, kana,
 * ideographs, Western letters, digits and their symbols.  Pure functions
 * over code points; nothing to free. */
#ifndef SHIRYO_JLREQ_H
#define SHIRYO_JLREQ_H
#include <stdint.h>

typedef enum jl_class {
    JL_OPEN,    /* cl-01 opening brackets 「（『【〔［｛〈《“‘ and ( [ { */
    JL_CLOSE,   /* cl-02 closing brackets 」）』】〕］｝〉》”’ and ) ] } */
    JL_HYPHEN,  /* cl-03 hyphens ‐ 〜 ゠ – */
    JL_DIVIDE,  /* cl-04 dividing punctuation ？！‼⁇⁈⁉ */
    JL_MIDDLE,  /* cl-05 middle dots ・：； */
    JL_STOP,    /* cl-06 full stops 。． */
    JL_COMMA,   /* cl-07 commas 、， */
    JL_INSEP,   /* cl-08 inseparable characters — ― … ‥ */
    JL_ITER,    /* cl-09 iteration marks ヽヾゝゞ々〻 */
    JL_PROLONG, /* cl-10 prolonged sound mark ー */
    JL_SMALL,   /* cl-11 small kana ぁぃ…ッャュョ… */
    JL_PREFIX,  /* cl-12 prefixed abbreviations ¥＄￡＃€№ $ £ # */
    JL_POSTFIX, /* cl-13 postfixed abbreviations ％‰℃°′″￠ % */
    JL_IDSPACE, /* cl-14 ideographic space U+3000 */
    JL_KANA,    /* cl-15, cl-16 hiragana and katakana */
    JL_IDEO,    /* cl-19 ideographs, full-width letters and digits, other
                   full-width symbols */
    JL_DIGIT,   /* cl-24/27 ASCII digits */
    JL_WESTERN, /* cl-27 Western letters and their punctuation , . : ; ' etc. */
    JL_SPACE,   /* ASCII space */
    JL_BREAK,   /* '\n' */
    JL_OTHER    /* anything else (combining marks, symbols) */
} jl_class;

jl_class jl_class_of(uint32_t cp);

/* 1 for characters set in the Japanese (full-width) manner: kana,
 * ideographs, iteration marks, ー, full-width forms and Japanese
 * punctuation. */
int jl_japanese(uint32_t cp);
/* 1 for Western letters, digits and the symbols written with them (%, $,
 * &, …): the characters that take the 1/4-em space next to Japanese
 * letters. */
int jl_western(uint32_t cp);

/* The blank part of a full-width punctuation mark's em box, in em: an
 * opening bracket's glyph sits in the right half (lead 0.5), a closing
 * bracket, comma or full stop's in the left half (trail 0.5), a middle
 * dot's in the centre (0.25 each side).  0 for everything else, and for
 * the half-width ASCII brackets. */
double jl_lead_blank(uint32_t cp);
double jl_trail_blank(uint32_t cp);

/* 1 for the closing-side punctuation whose trailing blank collapses
 * against a following closing mark (cl-02, cl-06, cl-07). */
int jl_closing(uint32_t cp);

#endif
