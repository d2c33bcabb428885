#include "num.h"

#include <errno.h>
#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "utf8.h"
#include "xalloc.h"

/* ---- conversion ----------------------------------------------------- */

/* The C locale for LC_NUMERIC, made once and shared by every thread (a
 * locale_t is read-only after newlocale).  Whoever loses the race to
 * publish it frees its own copy. */
static _Atomic(locale_t) c_numeric;

static locale_t c_locale(void)
{
    locale_t l = atomic_load(&c_numeric);
    if (l)
        return l;
    locale_t mine = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    if (!mine)
        return (locale_t)0;
    locale_t expected = (locale_t)0;
    if (atomic_compare_exchange_strong(&c_numeric, &expected, mine))
        return mine;
    freelocale(mine);
    return expected;
}

/* strtod of the plain ASCII decimal a ("-1788.5") under the C locale;
 * errno is left as it was. */
static double c_strtod(char *a, int *erange)
{
    int saved_errno = errno;
    locale_t c = c_locale();
    locale_t old = c ? uselocale(c) : (locale_t)0;
    if (!c) {
        /* no memory for a locale object: write the point the way the
         * current locale reads it (the text has one '.' at most) */
        const char *dp = localeconv()->decimal_point;
        char *dot = strchr(a, '.');
        if (dot && dp && dp[0] && !dp[1])
            *dot = dp[0];
    }
    errno = 0;
    double v = strtod(a, NULL);
    *erange = errno == ERANGE;
    if (c)
        uselocale(old);
    errno = saved_errno;
    return v;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* The length of an exponent after a number: e or E, an optional sign,
 * digits; 0 when there is none. */
static int exponent_at(const char *s, size_t n)
{
    size_t i = 0;
    if (i >= n || (s[i] != 'e' && s[i] != 'E'))
        return 0;
    i++;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        i++;
    if (i >= n || !is_digit(s[i]))
        return 0;
    while (i < n && is_digit(s[i]) && i < 1000)
        i++;
    return (int)i;
}

int num_scan(const char *s, size_t n, unsigned syntax, num_read *r)
{
    memset(r, 0, sizeof *r);
    size_t i = 0;
    if (syntax & NUM_SIGN) {
        if (i < n && (s[i] == '+' || s[i] == '-')) {
            r->neg = s[i] == '-';
            i++;
        } else if (n - i >= 3 && memcmp(s + i, "\xe2\x88\x92", 3) == 0) {
            r->neg = 1; /* U+2212 MINUS SIGN */
            i += 3;
        }
    }
    size_t start = i;
    int group = 0;
    char first = i < n ? s[i] : 0;
    while (i < n && (is_digit(s[i]) || s[i] == ',')) {
        if (s[i] == ',') {
            if (!(syntax & NUM_GROUPS) || i + 1 >= n || !is_digit(s[i + 1]))
                break; /* "12," : the comma belongs to what follows */
            if ((r->grouped ? group != 3 : group > 3) || group == 0 ||
                (!r->grouped && first == '0'))
                r->bad_group = 1;
            r->grouped = 1;
            group = 0;
            i++;
            continue;
        }
        r->int_digits++;
        group++;
        i++;
    }
    if (r->grouped && group != 3)
        r->bad_group = 1;
    size_t point = i;
    int digit_next = i + 1 < n && is_digit(s[i + 1]);
    if (i < n && s[i] == '.' &&
        (syntax & NUM_BARE_POINT ? digit_next || r->int_digits > 0
                                 : digit_next && r->int_digits > 0)) {
        i++;
        while (i < n && is_digit(s[i])) {
            r->frac++;
            i++;
        }
    }
    if (r->int_digits + r->frac == 0) {
        memset(r, 0, sizeof *r);
        return -1;
    }
    r->len = i;
    r->exponent = exponent_at(s + i, n - i);

    /* the plain ASCII form: sign, digits without separators, point */
    char small[128];
    size_t need = 1 + (size_t)r->int_digits + 1 + (size_t)r->frac + 1;
    char *a = need <= sizeof small ? small : xmalloc(need);
    size_t k = 0;
    if (r->neg)
        a[k++] = '-';
    for (size_t j = start; j < point; j++)
        if (s[j] != ',')
            a[k++] = s[j];
    if (r->frac || point < i)
        for (size_t j = point; j < i; j++)
            a[k++] = s[j];
    a[k] = '\0';
    /* significant digits: from the first that is not 0 */
    const char *sig = a + strspn(a, "-0.");
    for (; *sig; sig++)
        r->digits += is_digit(*sig);
    int erange;
    r->v = c_strtod(a, &erange);
    if (a != small)
        free(a);
    if (isinf(r->v))
        r->range = NUM_TOO_LARGE;
    else if (erange && r->digits > 0 && fabs(r->v) < DBL_MIN)
        r->range = NUM_TOO_SMALL;
    return 0;
}

/* "inf", "-Infinity", "NaN": what other programs write for no number */
static int nonfinite_word(const char *s)
{
    if (*s == '+' || *s == '-')
        s++;
    else if (strncmp(s, "\xe2\x88\x92", 3) == 0)
        s += 3;
    static const char *const words[] = {"inf", "infinity", "nan"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        size_t k = 0;
        const char *w = words[i];
        /* ASCII only: no locale's case rules */
        while (s[k] && w[k] && (s[k] | 0x20) == w[k])
            k++;
        if (!s[k] && !w[k])
            return 1;
    }
    return 0;
}

num_status num_parse_cell(const char *text, num_read *r, char **norm,
                          const char **unit)
{
    char *s = utf8_nfkc(text);
    size_t n = strlen(s);
    *norm = s;
    *unit = NULL;
    if (nonfinite_word(s)) {
        memset(r, 0, sizeof *r);
        r->nonfinite = 1;
        return NUM_NONFINITE;
    }
    if (num_scan(s, n, NUM_SIGN | NUM_GROUPS, r) < 0) {
        /* "約5", "※3": a mark before the number; "-約5" is no number */
        int signed_ =
            s[0] == '+' || s[0] == '-' || strncmp(s, "\xe2\x88\x92", 3) == 0;
        if (!signed_ && strpbrk(s, "0123456789")) {
            *unit = s;
            return NUM_UNIT;
        }
        return NUM_BAD;
    }
    if (r->len < n && r->exponent && r->len + (size_t)r->exponent == n &&
        !r->bad_group)
        return NUM_EXPONENT;
    if (r->len < n) {
        *unit = s + r->len;
        return NUM_UNIT;
    }
    return r->bad_group ? NUM_GROUPING : NUM_OK;
}

/* ---- the one rule --------------------------------------------------- */

num_fault num_accept(num_read *r)
{
    if (r->nonfinite)
        return NUM_F_NONFINITE;
    if (r->exponent)
        return NUM_F_EXPONENT;
    if (!(fabs(r->v) < NUM_EXACT_LIMIT)) /* infinity too */
        return NUM_F_INEXACT;
    if (r->range == NUM_TOO_SMALL)
        return NUM_F_TINY;
    if (r->v == 0)
        r->v = 0; /* "-0" */
    return NUM_FINE;
}

/* text[0..n) in exponent notation ("-1,500e-3", already NFKC) as a plain
 * decimal ("-1.5") into out (size cap); 0, or -1 when the plain form
 * would be longer than 40 characters. */
static int plain_of_exponent(const char *text, size_t n, char *out, size_t cap)
{
    char d[64];
    size_t nd = 0, i = 0, k = 0;
    int neg = 0, point = -1;
    if (i < n && (text[i] == '+' || text[i] == '-'))
        neg = text[i++] == '-';
    else if (n >= 3 && memcmp(text, "\xe2\x88\x92", 3) == 0)
        neg = 1, i = 3;
    for (; i < n && text[i] != 'e' && text[i] != 'E'; i++) {
        if (text[i] == '.')
            point = (int)nd;
        else if (is_digit(text[i]) && nd < sizeof d)
            d[nd++] = text[i];
        else if (is_digit(text[i]))
            return -1;
    }
    if (point < 0)
        point = (int)nd;
    i++; /* the e */
    int eneg = i < n && text[i] == '-';
    if (i < n && (text[i] == '+' || text[i] == '-'))
        i++;
    long e = 0;
    for (; i < n && is_digit(text[i]); i++)
        if ((e = e * 10 + (text[i] - '0')) > 40)
            return -1;
    long p = point + (eneg ? -e : e); /* digits before the new point */
    char t[160];
    size_t m = 0;
    if (p <= 0) {
        t[m++] = '0';
        t[m++] = '.';
        for (long j = p; j < 0; j++)
            t[m++] = '0';
        memcpy(t + m, d, nd);
        m += nd;
    } else if (p >= (long)nd) {
        memcpy(t, d, nd);
        m = nd;
        for (long j = (long)nd; j < p; j++)
            t[m++] = '0';
    } else {
        memcpy(t, d, (size_t)p);
        m = (size_t)p;
        t[m++] = '.';
        memcpy(t + m, d + p, nd - (size_t)p);
        m += nd - (size_t)p;
    }
    t[m] = '\0';
    /* no leading zeros before the point, no trailing ones after it */
    const char *a = t;
    while (a[0] == '0' && a[1] && a[1] != '.')
        a++;
    size_t len = strlen(a);
    if (strchr(a, '.'))
        while (a[len - 1] == '0')
            len--;
    if (a[len - 1] == '.')
        len--;
    if (len > 40 || len + 2 > cap)
        return -1;
    if (neg && !(len == 1 && a[0] == '0'))
        out[k++] = '-';
    memcpy(out + k, a, len);
    out[k + len] = '\0';
    return 0;
}

void num_fault_message(num_fault f, const num_read *r, const char *text,
                       size_t n, const char *where, char *msg, size_t msgcap,
                       char *hint, size_t hintcap)
{
    int cut = n > 24;
    int shown = (int)(cut ? 24 : n);
    hint[0] = '\0';
    switch (f) {
    case NUM_F_EXPONENT: {
        char plain[48];
        snprintf(msg, msgcap, _("exponent notation is not allowed%s: \"%.*s\""),
                 where, (int)(n > 60 ? 60 : n), text);
        if (plain_of_exponent(text, n, plain, sizeof plain) == 0)
            snprintf(hint, hintcap, _("write the number in full: %s"), plain);
        else
            snprintf(hint, hintcap,
                     _("write the number in full, without an exponent"));
        break;
    }
    case NUM_F_INEXACT:
        snprintf(msg, msgcap,
                 _("number out of range%s: \"%.*s%s\" (%d digits before the "
                   "point) is too large to be kept exactly"),
                 where, shown, text, cut ? "…" : "", r ? r->int_digits : 0);
        snprintf(hint, hintcap,
                 _("numbers go up to 9,007,199,254,740,991 (2^53 - 1), the "
                   "largest whole number kept digit for digit; check for a "
                   "pasting error, or count in a larger unit (千, 百万)"));
        break;
    case NUM_F_TINY:
        snprintf(
            msg, msgcap,
            _("number out of range%s: \"%.*s%s\" is too small (nearer to 0 "
              "than 2.2e-308)"),
            where, shown, text, cut ? "…" : "");
        snprintf(hint, hintcap,
                 _("write 0 for zero, or count in a smaller unit"));
        break;
    case NUM_F_NONFINITE:
        snprintf(msg, msgcap, _("not a finite number%s: \"%.*s\""), where,
                 (int)(n > 24 ? 24 : n), text);
        snprintf(hint, hintcap,
                 _("a number must be finite: leave the cell empty for a "
                   "missing value"));
        break;
    default:
        snprintf(msg, msgcap, _("number%s: \"%.*s\""), where, shown, text);
    }
}

/* ---- numeric cells -------------------------------------------------- */

int num_is_numeric_cell(const char *s)
{
    size_t len = strlen(s), i = 0, digits = 0, tail = 0;
    size_t adv;
    /* sign or prefix */
    if (i < len) {
        int32_t cp = utf8_decode(s + i, len - i, &adv);
        if (cp == '-' || cp == '+' || cp == 0x2212 || cp == 0x25B2 ||
            cp == 0x25B3 || cp == 0xA5 || cp == 0xFFE5 || cp == '$')
            i += adv;
    }
    while (i < len) {
        int32_t cp = utf8_decode(s + i, len - i, &adv);
        if ((cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19))
            digits++;
        else if (!(cp == ',' || cp == '.' || cp == 0xFF0C || cp == 0xFF0E))
            break;
        i += adv;
    }
    if (digits == 0)
        return 0;
    /* a short unit: %, 件, 団体, 千円, … (no spaces) */
    while (i < len) {
        int32_t cp = utf8_decode(s + i, len - i, &adv);
        if (cp == ' ' || cp == 0x3000)
            return 0;
        tail++;
        i += adv;
    }
    return tail <= 3;
}

/* ---- rounding ------------------------------------------------------- */

double num_round_half_away(double x)
{
    double a = fabs(x);
    if (a >= NUM_ALL_WHOLE)
        return x; /* whole already; a + 0.5 would round to even */
    double r = floor(a + 0.5 + 1e-9 * a / (a + 1));
    return x < 0 ? -r : r;
}

int needed_decimals(double v)
{
    double x = fabs(v);
    for (int d = 0; d < 6; d++) {
        double r = x * pow(10, d);
        if (fabs(r - round(r)) < 1e-7 * (r > 1 ? r : 1))
            return d;
    }
    return 6;
}

/* ---- stored doubles ------------------------------------------------- */

/* The shortest "%.*e" of v (1 to 17 significant digits) that reads back
 * as v, under the C locale. */
static void shortest_e(double v, char *e, size_t cap)
{
    locale_t c = c_locale();
    locale_t old = c ? uselocale(c) : (locale_t)0;
    for (int p = 1; p <= 17; p++) {
        snprintf(e, cap, "%.*e", p - 1, v);
        if (strtod(e, NULL) == v)
            break;
    }
    if (c)
        uselocale(old);
}

/* 1 when s is a plain decimal of at most 15 significant digits with
 * nothing to drop (-?(0|[1-9]d*)(.d*[1-9])?): every such decimal is the
 * shortest that reads back as its double (DBL_DIG is 15), so it is kept
 * as written. */
static int plain_shortest(const char *s)
{
    const char *p = s + (*s == '-');
    int digits = 0, lead = 1;
    if (*p == '0' && p[1] != '.' && p[1] != '\0')
        return 0;
    if (!is_digit(*p))
        return 0;
    for (; is_digit(*p); p++)
        digits += !(lead && *p == '0') ? (lead = 0, 1) : 0;
    if (*p == '.') {
        p++;
        if (!is_digit(*p))
            return 0;
        for (; is_digit(*p); p++)
            digits += !(lead && *p == '0') ? (lead = 0, 1) : 0;
        if (p[-1] == '0')
            return 0;
    }
    return *p == '\0' && digits <= 15 && digits > 0;
}

int num_shift_point(const char *s, int places, char *out, size_t cap)
{
    const char *p = s;
    int neg = 0;
    if (*p == '-' || *p == '+')
        neg = *p++ == '-';
    char digits[512];
    size_t nd = 0;
    long point = -1; /* digits before the point */
    for (; *p; p++) {
        if (is_digit(*p) && nd < sizeof digits)
            digits[nd++] = *p;
        else if (*p == '.' && point < 0)
            point = (long)nd;
        else
            return -1;
    }
    if (nd == 0 || places < 0 || places > 64)
        return -1;
    if (point < 0)
        point = (long)nd;
    point += places;
    size_t lead = 0; /* leading zeros before the point, one kept */
    while (lead < nd && (long)lead < point - 1 && digits[lead] == '0')
        lead++;
    size_t end = nd;
    while (end > 0 && (long)end > point && digits[end - 1] == '0')
        end--;
    char t[600];
    size_t o = 0;
    int zero = 1;
    if (neg)
        t[o++] = '-';
    for (long i = (long)lead; i < point; i++) {
        char c = i < (long)nd ? digits[i] : '0';
        zero &= c == '0';
        t[o++] = c;
    }
    if ((long)end > point) {
        t[o++] = '.';
        for (long i = point; i < (long)end; i++) {
            zero &= digits[i] == '0';
            t[o++] = digits[i];
        }
    }
    t[o] = '\0';
    const char *r = zero ? "0" : t;
    if (strlen(r) >= cap)
        return -1;
    strcpy(out, r);
    return 0;
}

int num_percent_shown(const char *s, char *out, size_t cap)
{
    char tmp[400], g[64], plain[400];
    if (num_stored_text(s, tmp, sizeof tmp) != 0) /* not a number */
        return -1;
    int erange;
    double v = c_strtod(tmp, &erange);
    if (!isfinite(v))
        return -1;
    locale_t c = c_locale();
    locale_t old = c ? uselocale(c) : (locale_t)0;
    snprintf(g, sizeof g, "%.15g", v);
    if (c)
        uselocale(old);
    if (num_stored_text(g, plain, sizeof plain) != 0)
        return -1;
    return num_shift_point(plain, 2, out, cap);
}

int num_stored_text(const char *s, char *out, size_t cap)
{
    char *end;
    if (cap >= 400 && strlen(s) < 64 && plain_shortest(s)) {
        strcpy(out, s);
        return 0;
    }
    char tmp[64];
    size_t n = strlen(s);
    if (n == 0 || n >= sizeof tmp || cap < 400)
        return -1;
    memcpy(tmp, s, n + 1);
    int erange;
    double v = c_strtod(tmp, &erange);
    locale_t c = c_locale();
    locale_t old = c ? uselocale(c) : (locale_t)0;
    (void)strtod(s, &end);
    if (c)
        uselocale(old);
    if (end != s + n || !isfinite(v) || (erange && fabs(v) > 1))
        return -1;
    if (v == 0) {
        snprintf(out, cap, "0");
        return 0;
    }
    char e[40];
    shortest_e(v, e, sizeof e);
    /* e: [-]D[.DDD]e±XX -> the digits and the decimal exponent */
    const char *q = e;
    size_t o = 0;
    if (*q == '-')
        out[o++] = *q++;
    char digits[20];
    size_t nd = 0;
    for (; *q && *q != 'e'; q++)
        if (is_digit(*q) && nd < sizeof digits - 1)
            digits[nd++] = *q;
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    int x = *q == 'e' ? atoi(q + 1) : 0;
    if (x < 0) {
        out[o++] = '0';
        out[o++] = '.';
        for (int z = 0; z < -x - 1; z++)
            out[o++] = '0';
        for (size_t i = 0; i < nd; i++)
            out[o++] = digits[i];
    } else {
        for (int i = 0; i <= x; i++)
            out[o++] = (size_t)i < nd ? digits[i] : '0';
        if (nd > (size_t)x + 1) {
            out[o++] = '.';
            for (size_t i = (size_t)x + 1; i < nd; i++)
                out[o++] = digits[i];
        }
    }
    out[o] = '\0';
    return 0;
}

int num_hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}
