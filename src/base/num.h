/* num: the numbers.  One decimal reader for every number shiryo reads
 * (CSV cells, template literals, chart settings), the one rule for "this
 * table cell is a number" (right-aligned in the PDF and on the site), the
 * one half-away-from-zero rounding (printing and round()), and the fewest
 * decimals that show a value.
 *
 * Reading: each reader keeps its own syntax (below), written with
 * num_scan's flags; what it accepts is rewritten as a plain ASCII decimal
 * ("-1788.5": no separators, no full-width digits, no U+2212) and converted
 * by strtod under the C locale (a per-thread newlocale/uselocale switch,
 * never setlocale), so the double is the correctly rounded one, whatever
 * LC_NUMERIC says.  No reader accepts exponents, "inf" or "nan".
 *
 * Accepting: every reader then applies the one rule of num_accept (what
 * a number read may be: no exponent, a magnitude below 2^53 so that every
 * digit of its whole part is kept, not nearer to 0 than DBL_MIN; "-0" is
 * 0; more significant digits than a double keeps are read correctly
 * rounded) and words its faults with num_fault_message.
 *
 * Nothing here allocates anything that outlives a call, except
 * num_parse_cell's *norm (the caller frees it with free()). */
#ifndef SHIRYO_NUM_H
#define SHIRYO_NUM_H
#include <stddef.h>

/* What num_scan saw.  A caller decides which of these are errors: every
 * reader rejects range == NUM_TOO_LARGE (the value would be infinite). */
typedef struct num_read {
    double v;      /* the correctly rounded value; ±HUGE_VAL when too large */
    size_t len;    /* bytes read from the start (0: no number there) */
    int neg;       /* a minus sign was read */
    int digits;    /* significant digits: all digits after leading zeros */
    int int_digits; /* digits before the point (leading zeros included) */
    int frac;      /* digits after the point */
    int grouped;   /* thousands separators were read ("1,788") */
    int bad_group; /* ... and one of them is misplaced ("17,88", "0,123") */
    int exponent;  /* the length of an exponent that follows ("e5",
                      "E-3"; 0: none); it was not read */
    int range;     /* 0, NUM_TOO_LARGE or NUM_TOO_SMALL */
    int nonfinite; /* num_parse_cell: the cell is "inf", "nan" (no number) */
} num_read;

enum {
    NUM_TOO_LARGE = 1,  /* beyond DBL_MAX: v is ±HUGE_VAL (infinite) */
    NUM_TOO_SMALL = -1, /* non-zero but below DBL_MIN: v is subnormal or 0 */
};

/* num_scan's syntax flags.  Always: ASCII digits, and a '.' followed by
 * a digit starts the fraction ("1." reads 1 and leaves the '.'). */
enum {
    NUM_SIGN = 1,       /* a leading '+', '-' or U+2212 MINUS SIGN */
    NUM_GROUPS = 2,     /* ',' between digits: "1,788" (checked: groups
                           of three after a first group of 1-3 digits
                           that is not 0; "12," leaves the ',') */
    NUM_BARE_POINT = 4, /* the point without digits on one side: "5.",
                           ".5" (at least one digit in all) */
};

/* Reads the decimal number at the start of s[0..n) (s need not be
 * NUL-terminated).  Returns 0 and fills *r when one was read (r->len
 * bytes), -1 when s does not start with one (*r then has len 0). */
int num_scan(const char *s, size_t n, unsigned syntax, num_read *r);

/* A data cell's number: text is the trimmed NFC cell.  Its NFKC form
 * (full-width digits and commas become ASCII) is returned in *norm (the
 * caller frees it); then an optional sign, digits with thousands
 * separators, an optional fraction, and nothing else. */
typedef enum num_status {
    NUM_OK,        /* a number and nothing else; *r filled */
    NUM_UNIT,      /* digits with other text: "58%", "12団体", "3※", "約5";
                      *unit points into *norm at the first character that
                      is not part of the number (the start for "約5") */
    NUM_GROUPING,  /* a misplaced thousands separator: "17,88" */
    NUM_BAD,       /* no number: "abc", "-", "-約5" */
    NUM_EXPONENT,  /* a number in exponent notation: "1e5", "1.5E-3" */
    NUM_NONFINITE, /* a word for no number: "inf", "-Infinity", "NaN" */
} num_status;
num_status num_parse_cell(const char *text, num_read *r, char **norm,
                          const char **unit);

/* The one rule for what a number read may be, for every reader (CSV
 * cells, template literals, chart settings). */
typedef enum num_fault {
    NUM_FINE,
    NUM_F_EXPONENT,  /* "1e5": exponent notation (r->exponent > 0) */
    NUM_F_INEXACT,   /* |v| >= 2^53 (infinite included): the whole part
                        would not be kept digit for digit */
    NUM_F_TINY,      /* not 0 but nearer to 0 than DBL_MIN (2.2e-308) */
    NUM_F_NONFINITE, /* "inf", "nan": a word for no number (cells) */
} num_fault;

/* The largest magnitude a number read may have, exclusive: 2^53, below
 * which every whole number is a double. */
#define NUM_EXACT_LIMIT 9007199254740992.0

/* Applies the rule to r (as num_scan or num_parse_cell filled it, with
 * any status but NUM_BAD): the fault, or NUM_FINE (and then a "-0" read
 * is made 0, so no negative zero reaches a value). */
num_fault num_accept(num_read *r);

/* Words fault f of the number written as text[0..n) (the number with
 * its exponent; r as num_scan read it, NULL for NUM_F_NONFINITE): the
 * message, with where (e.g. ` in column "count"`, or "") after its
 * first words, into msg, and a hint into hint (both NUL-terminated and
 * cut to their sizes; 256 bytes hold every message). */
void num_fault_message(num_fault f, const num_read *r, const char *text,
                       size_t n, const char *where, char *msg, size_t msgcap,
                       char *hint, size_t hintcap);

/* 1 when a table cell holds a number, right-aligned in the PDF and on the
 * site: an optional sign or prefix (+ - − ▲ △ ¥ ￥ $), digits (ASCII or
 * full-width) with , . ， ．, then at most three characters of unit and no
 * space: "1,788", "58%", "▲12", "2,000千円", "1,788団体". */
int num_is_numeric_cell(const char *s);

/* From 2^52 on every double is a whole number. */
#define NUM_ALL_WHOLE 4503599627370496.0

/* x rounded to a whole number, half away from zero, after a nudge of
 * 1e-9 relative that absorbs binary error (97.55 stored as 97.5499999...
 * rounds as 97.55).  Printing (buf_num) and round() both use it, so a
 * rounded value prints as it was rounded. */
double num_round_half_away(double x);

/* A number a spreadsheet stores (an XML double: "40", "0.3",
 * "1.2E-3"): the double it holds, written as the shortest plain decimal
 * that reads back as the same double ("0.30000000000000004" stays so,
 * "1.2E-3" is "0.0012"; no exponent, no separators), into out (cap bytes;
 * 400 hold every double).  0, or -1 when s is not a finite number. */
int num_stored_text(const char *s, char *out, size_t cap);

/* A plain decimal ("-0.253", "1", "12.5"; what num_stored_text writes)
 * with its point moved places to the right, exactly, into out (cap
 * bytes): ("0.253", 2) gives "25.3", ("-0.05", 2) "-5", ("1", 2) "100".
 * 0, or -1 when s is not a plain decimal or out is too small. */
int num_shift_point(const char *s, int places, char *out, size_t cap);

/* A workbook's stored fraction (num_stored_text's form, "0.253") as
 * Excel shows it formatted as a percentage: rounded to 15 significant
 * digits, as Excel displays numbers, and times 100 exactly: "25.3";
 * "0.9359999999999999" (93.6/100 computed) gives "93.6".  0, or -1. */
int num_percent_shown(const char *s, char *out, size_t cap);

/* The fewest decimals (at most 6) that show v exactly, within 1e-7
 * relative: 3 -> 0, 97.6 -> 1, 1/3 -> 6. */
int needed_decimals(double v);

/* The value of one hexadecimal digit (0-9, a-f, A-F), or -1. */
int num_hex_digit(char c);

#endif
