/* filters: the output filters of the template language (x | pct,
 * year | wareki, x | bare, …), and their table.
 *
 * The contract: a filter turns a value into text for the slide.  The
 * result keeps the input's provenance (p) and its bare/raw flags; a
 * filter that writes a number marks the text as a figure (numtext), so
 * that the 〔速報〕/〔仮〕 mark still follows it; filters never escape
 * (template.c escapes Markdown unless the value is raw).  To add a
 * filter: write it here and add its row to filters_table. */
#include "filters.h"

#include <math.h>
#include <string.h>

#include "era.h"
#include "format.h"
#include "i18n.h"
#include "num.h"

/* ---- output filters ---- */

static void set_text(evalctx *c, const value *from, buf *b, int figure,
                     value *out)
{
    *out = value_str(c, buf_cstr(b), b->len);
    out->p = from->p;
    out->bare = from->bare;
    out->raw = from->raw;
    out->numtext = (unsigned char)figure;
    buf_free(b);
}

static int f_numfmt(evalctx *c, const char *f, srcloc loc, const srcloc *ae,
                    value *a, size_t n, value *out)
{
    double d;
    int dec;
    if (a[0].kind == VAL_MISSING) {
        *out = a[0];
        return 0;
    }
    if (arg_num(c, f, loc, ae, a, n, 0, &d) < 0)
        return -1;
    /* pct and pts print d * 100, which may overflow where d did not */
    if ((strcmp(f, "pct") == 0 || strcmp(f, "pts") == 0) &&
        !isfinite(d * 100)) {
        eval_error(c, loc,
                   "number out of range: %s of this value is too large for "
                   "a number (beyond about 1.8e308)",
                   f);
        return -1;
    }
    buf b = BUF_INIT;
    if (strcmp(f, "num") == 0) {
        if (arg_decimals(c, f, loc, ae, a, n, 1, needed_decimals(d), &dec) < 0)
            return -1;
        fmt_number(&b, d, dec);
    } else if (strcmp(f, "pct") == 0) {
        if (arg_decimals(c, f, loc, ae, a, n, 1, 0, &dec) < 0)
            return -1;
        fmt_percent(&b, d, dec);
    } else if (strcmp(f, "pts") == 0) {
        if (arg_decimals(c, f, loc, ae, a, n, 1, 0, &dec) < 0)
            return -1;
        fmt_points(&b, d, dec);
    } else if (strcmp(f, "int") == 0) {
        fmt_number(&b, d, 0);
    } else if (strcmp(f, "fixed") == 0) {
        if (arg_decimals(c, f, loc, ae, a, n, 1, 0, &dec) < 0)
            return -1;
        buf_num(&b, d, dec, 0);
    } else { /* trend */
        double tol = 0;
        if (n > 1 && arg_num(c, f, loc, ae, a, n, 1, &tol) < 0)
            return -1;
        buf_puts(&b, fmt_trend(d, tol));
        set_text(c, &a[0], &b, 0, out);
        return 0;
    }
    set_text(c, &a[0], &b, 1, out);
    return 0;
}

static int f_era(evalctx *c, const char *f, srcloc loc, const srcloc *ae,
                 value *a, size_t n, value *out)
{
    int is_date =
        strcmp(f, "jdate") == 0 || strcmp(f, "ym") == 0 || strcmp(f, "md") == 0;
    val_kind want = is_date ? VAL_DATE : VAL_YEAR;
    int ok = a[0].kind == want ||
             (a[0].kind == VAL_NUM && a[0].u.num == floor(a[0].u.num));
    /* a number far outside any year or date (found by fuzzing) */
    double most = is_date ? ERA_YEAR_MAX * 10000.0 + 1231 : ERA_YEAR_MAX;
    if (ok && !(a[0].u.num >= 1 && a[0].u.num <= most)) {
        eval_error(c, arg_at(ae, 0, n, loc), "%s() needs %s, got %s", f,
                   value_kind_name(want), _("a number out of range"));
        return -1;
    }
    if (!ok) {
        eval_error(c, arg_at(ae, 0, n, loc), "%s() needs %s, got %s", f,
                   value_kind_name(want), value_kind_name(a[0].kind));
        return -1;
    }
    buf b = BUF_INIT;
    int x = (int)a[0].u.num;
    if (strcmp(f, "wareki") == 0)
        era_format_fiscal_year(&b, x);
    else if (strcmp(f, "short") == 0)
        era_format_year_short(&b, x);
    else if (strcmp(f, "jdate") == 0)
        era_format_date(&b, x);
    else if (strcmp(f, "fy") == 0)
        buf_printf(&b, "%d年度", x);
    else if (strcmp(f, "md") == 0)
        buf_printf(&b, "%d月%d日", x / 100 % 100, x % 100);
    else
        era_format_year_month(&b, x);
    set_text(c, &a[0], &b, 0, out);
    return 0;
}

static int f_flag(evalctx *c, const char *f, srcloc loc, const srcloc *ae,
                  value *a, size_t n, value *out)
{
    (void)c, (void)loc, (void)ae, (void)n;
    *out = a[0];
    if (strcmp(f, "bare") == 0)
        out->bare = 1;
    else
        out->raw = 1;
    return 0;
}

const lang_fndef filters_table[] = {
    {"num", 1, 2, f_numfmt, "x | num or x | num(decimals)"},
    {"pct", 1, 2, f_numfmt, "x | pct or x | pct(decimals)"},
    {"pts", 1, 2, f_numfmt, "x | pts or x | pts(decimals)"},
    {"int", 1, 1, f_numfmt, "x | int"},
    {"fixed", 2, 2, f_numfmt, "x | fixed(decimals)"},
    {"trend", 1, 2, f_numfmt, "x | trend or x | trend(tolerance)"},
    {"wareki", 1, 1, f_era, "year | wareki"},
    {"short", 1, 1, f_era, "year | short"},
    {"jdate", 1, 1, f_era, "date | jdate"},
    {"ym", 1, 1, f_era, "date | ym"},
    {"md", 1, 1, f_era, "date | md"},
    {"fy", 1, 1, f_era, "year | fy"},
    {"bare", 1, 1, f_flag, "x | bare"},
    {"raw", 1, 1, f_flag, "x | raw"},
};
const size_t filters_count = sizeof filters_table / sizeof *filters_table;
