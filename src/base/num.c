#include "num.h"

#include <errno.h>
#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

/* An exponent after a number: e or E, an optional sign, a digit. */
static int exponent_at(const char *s, size_t n)
{
    size_t i = 0;
    if (i >= n || (s[i] != 'e' && s[i] != 'E'))
        return 0;
    i++;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        i++;
    return i < n && is_digit(s[i]);
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

num_status num_parse_cell(const char *text, num_read *r, char **norm,
                          const char **unit)
{
    char *s = utf8_nfkc(text);
    size_t n = strlen(s);
    *norm = s;
    *unit = NULL;
    if (num_scan(s, n, NUM_SIGN | NUM_GROUPS, r) < 0) {
        /* "約5", "※3": a mark before the number; "-約5" is no number */
        int signed_ = s[0] == '+' || s[0] == '-' ||
                      strncmp(s, "\xe2\x88\x92", 3) == 0;
        if (!signed_ && strpbrk(s, "0123456789")) {
            *unit = s;
            return NUM_UNIT;
        }
        return NUM_BAD;
    }
    if (r->len < n) {
        *unit = s + r->len;
        return NUM_UNIT;
    }
    return r->bad_group ? NUM_GROUPING : NUM_OK;
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
