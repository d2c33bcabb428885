#include "era.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

typedef struct era_def {
    const char *name;
    char letter;
    int start; /* yyyymmdd of the first day */
} era_def;

static const era_def ERAS[] = {
    {"明治", 'M', 18680125}, {"大正", 'T', 19120730}, {"昭和", 'S', 19261225},
    {"平成", 'H', 19890108}, {"令和", 'R', 20190501},
};
#define NERAS (sizeof ERAS / sizeof ERAS[0])

/* Index of the era in force on ymd, or -1 before 明治. */
static int era_on(int ymd)
{
    for (int i = (int)NERAS - 1; i >= 0; i--)
        if (ymd >= ERAS[i].start)
            return i;
    return -1;
}

/* The era naming fiscal year `year`: the one in force on 1 April, except
 * that 令和 names the whole of FY2019 (government practice: 平成31年度 was
 * renamed 令和元年度 when the era began on 1 May 2019). */
static int era_of_fiscal_year(int year)
{
    if (year == 2019)
        return (int)NERAS - 1;
    return era_on(year * 10000 + 401);
}

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && is_leap(y))
        return 29;
    return d[m - 1];
}

/* ---- parsing: a cursor over the NFKC form (full-width digits, letters
 * and the squared era signs ㍻ ㋿ become their plain forms). */

typedef struct cur {
    const char *p;
} cur;

static int eat(cur *c, const char *lit)
{
    size_t n = strlen(lit);
    if (strncmp(c->p, lit, n) == 0) {
        c->p += n;
        return 1;
    }
    return 0;
}

/* Up to maxd ASCII digits; returns the count read (0 = none). */
static int digits(cur *c, int maxd, int *v)
{
    int n = 0, x = 0;
    while (n < maxd && c->p[0] >= '0' && c->p[0] <= '9') {
        x = x * 10 + (c->p[0] - '0');
        c->p++;
        n++;
    }
    if (n && c->p[0] >= '0' && c->p[0] <= '9')
        return 0; /* too many digits */
    *v = x;
    return n;
}

/* An era name or letter; returns the index or -1 (cursor unchanged). */
static int era_prefix(cur *c)
{
    for (size_t i = 0; i < NERAS; i++) {
        if (eat(c, ERAS[i].name))
            return (int)i;
        char ch = c->p[0];
        if (ch == ERAS[i].letter || ch == ERAS[i].letter + ('a' - 'A')) {
            c->p++;
            return (int)i;
        }
    }
    return -1;
}

/* The year within an era: digits or 元. */
static int era_number(cur *c, int *n)
{
    if (eat(c, "元")) {
        *n = 1;
        return 1;
    }
    return digits(c, 2, n) > 0 && *n >= 1;
}

static char *prepare(const char *text, const char **start)
{
    size_t len = strlen(text);
    if (!utf8_valid(text, len, NULL))
        return NULL;
    char *s = utf8_nfkc(text);
    size_t b = 0, e = strlen(s);
    while (b < e && (s[b] == ' ' || s[b] == '\t'))
        b++;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t'))
        e--;
    s[e] = '\0';
    *start = s + b;
    return s;
}

/* Last Gregorian year an era year can name: the year the next era began. */
static int era_last_year(int era)
{
    if (era + 1 < (int)NERAS)
        return ERAS[era + 1].start / 10000;
    return 9999;
}

int era_parse_year(const char *text, int *year)
{
    const char *s0;
    char *s = prepare(text, &s0);
    if (!s)
        return -1;
    cur c = {s0};
    int y = 0, ok = 0;
    int era = era_prefix(&c);
    if (era >= 0) {
        int n;
        if (era_number(&c, &n)) {
            y = ERAS[era].start / 10000 + n - 1;
            ok = y <= era_last_year(era);
        }
    } else {
        ok = digits(&c, 4, &y) == 4 && y >= 1000;
    }
    if (ok && !eat(&c, "年度"))
        eat(&c, "年");
    if (ok && c.p[0] != '\0')
        ok = 0;
    free(s);
    if (!ok)
        return -1;
    *year = y;
    return 0;
}

/* Month and day after the year: "6月30日" when kanji, else sep M sep D. */
static int month_day(cur *c, int kanji, char sep, int *m, int *d)
{
    if (kanji) {
        if (!digits(c, 2, m) || !eat(c, "月") || !digits(c, 2, d) ||
            !eat(c, "日"))
            return 0;
    } else {
        if (!digits(c, 2, m) || c->p[0] != sep)
            return 0;
        c->p++;
        if (!digits(c, 2, d))
            return 0;
    }
    return 1;
}

static int is_sep(char ch) { return ch == '-' || ch == '/' || ch == '.'; }

int era_parse_date(const char *text, int *ymd)
{
    const char *s0;
    char *s = prepare(text, &s0);
    if (!s)
        return -1;
    cur c = {s0};
    int y = 0, m = 0, d = 0, ok = 0;
    int era = era_prefix(&c);
    if (era >= 0) {
        int n;
        ok = era_number(&c, &n);
        y = ERAS[era].start / 10000 + n - 1;
    } else {
        ok = digits(&c, 4, &y) == 4 && y >= 1000;
    }
    if (ok) {
        int kanji = eat(&c, "年");
        char sep = c.p[0];
        if (!kanji) {
            if (!is_sep(sep))
                ok = 0;
            else
                c.p++;
        }
        ok = ok && month_day(&c, kanji, sep, &m, &d) && c.p[0] == '\0';
    }
    /* years past 9999 would overflow yyyymmdd (found by fuzzing) */
    ok = ok && y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
         d <= days_in_month(y, m);
    int v = ok ? y * 10000 + m * 100 + d : 0;
    if (ok && era >= 0) /* the day must fall inside the era named */
        ok = v >= ERAS[era].start &&
             (era + 1 >= (int)NERAS || v < ERAS[era + 1].start);
    free(s);
    if (!ok)
        return -1;
    *ymd = v;
    return 0;
}

static void era_year(buf *out, int era, int year)
{
    int n = year - ERAS[era].start / 10000 + 1;
    buf_puts(out, ERAS[era].name);
    if (n == 1)
        buf_puts(out, "元");
    else
        buf_printf(out, "%d", n);
    buf_puts(out, "年");
}

void era_format_fiscal_year(buf *out, int year)
{
    int era = era_of_fiscal_year(year);
    if (era < 0)
        buf_printf(out, "%d年", year);
    else
        era_year(out, era, year);
    buf_puts(out, "度");
}

void era_format_year_short(buf *out, int year)
{
    int era = era_of_fiscal_year(year);
    if (era < 0)
        buf_printf(out, "%d", year);
    else
        buf_printf(out, "%c%d", ERAS[era].letter,
                   year - ERAS[era].start / 10000 + 1);
}

void era_format_date(buf *out, int ymd)
{
    int y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
    int era = era_on(ymd);
    if (era < 0)
        buf_printf(out, "%d年", y);
    else
        era_year(out, era, y);
    buf_printf(out, "%d月%d日", m, d);
}

void era_format_year_month(buf *out, int ymd)
{
    buf_printf(out, "%d年%d月", ymd / 10000, ymd / 100 % 100);
}
