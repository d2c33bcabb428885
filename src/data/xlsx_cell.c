#include "xlsx_cell.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "num.h"
#include "utf8.h"

void xlsx_put_unescaped(buf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '_' && i + 6 < n && s[i + 1] == 'x' && s[i + 6] == '_') {
            int v = 0, ok = 1;
            for (size_t k = 2; k < 6; k++) {
                int h = num_hex_digit(s[i + k]);
                ok &= h >= 0;
                v = v * 16 + (h < 0 ? 0 : h);
            }
            if (ok) {
                char u[4];
                uint32_t cp = v == 0 || (v >= 0xD800 && v <= 0xDFFF)
                                  ? 0xFFFD
                                  : (uint32_t)v;
                buf_put(out, u, utf8_encode(cp, u));
                i += 6;
                continue;
            }
        }
        buf_putc(out, s[i]);
    }
}

/* A built-in number format's kind (ECMA-376 18.8.30, with the Japanese
 * built-in date formats 27-36 and 50-58). */
sheet_format xlsx_builtin_format(int id)
{
    if (id == 9 || id == 10)
        return SHEET_FMT_PERCENT;
    if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) ||
        (id >= 34 && id <= 36) || (id >= 50 && id <= 58))
        return SHEET_FMT_DATE;
    if ((id >= 18 && id <= 21) || id == 32 || id == 33 ||
        (id >= 45 && id <= 47))
        return SHEET_FMT_TIME;
    if (id == 22)
        return SHEET_FMT_DATETIME;
    return SHEET_FMT_NONE;
}

/* A format code's kind, by its first section outside quoted text,
 * escaped characters and [brackets] (but [h], [m], [s]: elapsed time). */
sheet_format xlsx_code_format(const char *c)
{
    int date = 0, time = 0, pct = 0;
    for (const char *p = c; *p && *p != ';'; p++) {
        if (*p == '"') {
            while (p[1] && p[1] != '"')
                p++;
            if (p[1])
                p++;
        } else if (*p == '\\' || *p == '_' || *p == '*') {
            if (p[1])
                p++;
        } else if (*p == '[') {
            time |= p[1] == 'h' || p[1] == 'H' || p[1] == 'm' || p[1] == 's';
            while (p[1] && p[1] != ']')
                p++;
        } else if (strncasecmp(p, "general", 7) == 0) {
            p += 6;
        } else if ((*p == 'E' || *p == 'e') && (p[1] == '+' || p[1] == '-')) {
            p++; /* scientific: 0.00E+00 */
        } else if (strchr("yYdDeEgG", *p)) {
            date = 1;
        } else if (strchr("hHsS", *p)) {
            time = 1;
        } else if (*p == '%') {
            pct = 1;
        }
    }
    if (date && time)
        return SHEET_FMT_DATETIME;
    if (date)
        return SHEET_FMT_DATE;
    if (time)
        return SHEET_FMT_TIME;
    return pct ? SHEET_FMT_PERCENT : SHEET_FMT_NONE;
}

const char *xlsx_error_meaning(const char *e)
{
    static const char *const m[][2] = {
        {"#DIV/0!", N_("a division by zero")},
        {"#N/A", N_("a value not available (a lookup found nothing)")},
        {"#VALUE!", N_("a value of the wrong kind")},
        {"#REF!", N_("a reference to a cell that was deleted")},
        {"#NAME?", N_("an unknown function or name")},
        {"#NUM!", N_("a number out of range")},
        {"#NULL!", N_("two ranges that do not meet")},
    };
    for (size_t i = 0; i < sizeof m / sizeof *m; i++)
        if (strcmp(e, m[i][0]) == 0)
            return m[i][1];
    return N_("an error");
}

/* Days since 1970-01-01 to the civil date (H. Hinnant's algorithm). */
static void civil(long long z, int *y, int *mo, int *d)
{
    z += 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *mo = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*mo <= 2));
}

int xlsx_serial_text(double v, sheet_format k, int date1904, char *out,
                     size_t cap)
{
    if (!(v >= 0 && v < 2958466))
        return -1;
    long long day = (long long)floor(v);
    long long secs = llround((v - (double)day) * 86400.0);
    if (secs >= 86400) {
        day++;
        secs -= 86400;
    }
    /* the 1900 system counts 1900-02-29, which never was (serial 60) */
    long long unix_day = date1904    ? day - 24107
                         : day >= 61 ? day - 25569
                                     : day - 25568;
    int y, mo, d;
    civil(unix_day, &y, &mo, &d);
    if (!date1904 && day == 60)
        y = 1900, mo = 2, d = 29;
    int h = (int)(secs / 3600), mi = (int)(secs / 60 % 60),
        s = (int)(secs % 60);
    if (k == SHEET_FMT_DATE)
        snprintf(out, cap, "%04d-%02d-%02d", y, mo, d);
    else if (k == SHEET_FMT_TIME)
        snprintf(out, cap, "%02d:%02d:%02d", h, mi, s);
    else
        snprintf(out, cap, "%04d-%02d-%02d %02d:%02d:%02d", y, mo, d, h, mi, s);
    return 0;
}
