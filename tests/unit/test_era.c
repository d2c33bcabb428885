#include <criterion/criterion.h>
#include <stdlib.h>

#include "era.h"

static int year_of(const char *s)
{
    int y = -12345;
    cr_assert_eq(era_parse_year(s, &y), 0, "expected \"%s\" to parse", s);
    return y;
}

static void not_year(const char *s)
{
    int y = -12345;
    cr_assert_eq(era_parse_year(s, &y), -1, "\"%s\" must not be a year", s);
    cr_assert_eq(y, -12345, "year must be untouched on failure");
}

static int date_of(const char *s)
{
    int d = -1;
    cr_assert_eq(era_parse_date(s, &d), 0, "expected \"%s\" to parse", s);
    return d;
}

static void not_date(const char *s)
{
    int d = -1;
    cr_assert_eq(era_parse_date(s, &d), -1, "\"%s\" must not be a date", s);
}

#define ASSERT_FMT(call, want)                                              \
    do {                                                                    \
        buf b_ = BUF_INIT;                                                  \
        call;                                                               \
        cr_assert_str_eq(buf_cstr(&b_), want);                              \
        buf_free(&b_);                                                      \
    } while (0)

Test(era, gregorian_years)
{
    cr_assert_eq(year_of("2024"), 2024);
    cr_assert_eq(year_of("2024年度"), 2024);
    cr_assert_eq(year_of("2024年"), 2024);
    cr_assert_eq(year_of("  2024 "), 2024);
    cr_assert_eq(year_of("２０２４"), 2024);
    cr_assert_eq(year_of("２０２４年度"), 2024);
}

Test(era, era_years_all_forms)
{
    cr_assert_eq(year_of("R6"), 2024);
    cr_assert_eq(year_of("r6"), 2024);
    cr_assert_eq(year_of("Ｒ６"), 2024);
    cr_assert_eq(year_of("R6年度"), 2024);
    cr_assert_eq(year_of("令和6年度"), 2024);
    cr_assert_eq(year_of("令和６年度"), 2024);
    cr_assert_eq(year_of("令和6年"), 2024);
    cr_assert_eq(year_of("令和元年度"), 2019);
    cr_assert_eq(year_of("令和元年"), 2019);
    cr_assert_eq(year_of("R1"), 2019);
    cr_assert_eq(year_of("H30"), 2018);
    cr_assert_eq(year_of("平成30年度"), 2018);
    cr_assert_eq(year_of("平成31年度"), 2019);
    cr_assert_eq(year_of("平成元年度"), 1989);
    cr_assert_eq(year_of("㍻30年度"), 2018);
    cr_assert_eq(year_of("昭和64年"), 1989);
    cr_assert_eq(year_of("S63"), 1988);
    cr_assert_eq(year_of("大正15年"), 1926);
    cr_assert_eq(year_of("明治45年"), 1912);
}

Test(era, not_years)
{
    not_year("");
    not_year("R");
    not_year("R0");
    not_year("令和0年度");
    not_year("平成32年度"); /* past the start of 令和 */
    not_year("昭和65年");
    not_year("202");
    not_year("20245");
    not_year("2024年度末");
    not_year("X6");
    not_year("R6年度 速報");
    not_year("\xff\xfe");
}

Test(era, dates_all_forms)
{
    cr_assert_eq(date_of("2025-06-30"), 20250630);
    cr_assert_eq(date_of("2025/6/30"), 20250630);
    cr_assert_eq(date_of("2025.6.30"), 20250630);
    cr_assert_eq(date_of("2025年6月30日"), 20250630);
    cr_assert_eq(date_of("令和7年6月30日"), 20250630);
    cr_assert_eq(date_of("令和７年６月３０日"), 20250630);
    cr_assert_eq(date_of("R7.6.30"), 20250630);
    cr_assert_eq(date_of("R7/6/30"), 20250630);
    cr_assert_eq(date_of("２０２５－０６－３０"), 20250630);
    cr_assert_eq(date_of("令和元年5月1日"), 20190501);
    cr_assert_eq(date_of("平成31年4月30日"), 20190430);
    cr_assert_eq(date_of("2024-02-29"), 20240229);
    cr_assert_eq(date_of("2000-02-29"), 20000229);
}

Test(era, not_dates)
{
    not_date("2025-06-31");
    not_date("2023-02-29");
    not_date("1900-02-29");
    not_date("2025-13-01");
    not_date("2025-00-10");
    not_date("2025-06-00");
    not_date("2025-06/30");
    not_date("2025-06");
    not_date("令和元年4月30日"); /* still 平成 */
    not_date("平成31年5月1日");  /* already 令和 */
    not_date("令和7年6月30");
    not_date("2025年6月30日頃");
}

Test(era, fiscal_year_names)
{
    ASSERT_FMT(era_format_fiscal_year(&b_, 2024), "令和6年度");
    ASSERT_FMT(era_format_fiscal_year(&b_, 2020), "令和2年度");
    ASSERT_FMT(era_format_fiscal_year(&b_, 2019), "令和元年度");
    ASSERT_FMT(era_format_fiscal_year(&b_, 2018), "平成30年度");
    ASSERT_FMT(era_format_fiscal_year(&b_, 1989), "平成元年度");
    ASSERT_FMT(era_format_fiscal_year(&b_, 1988), "昭和63年度");
    ASSERT_FMT(era_format_fiscal_year(&b_, 1867), "1867年度");
}

Test(era, short_labels)
{
    ASSERT_FMT(era_format_year_short(&b_, 2024), "R6");
    ASSERT_FMT(era_format_year_short(&b_, 2019), "R1");
    ASSERT_FMT(era_format_year_short(&b_, 2018), "H30");
}

Test(era, date_names_at_boundaries)
{
    ASSERT_FMT(era_format_date(&b_, 20250630), "令和7年6月30日");
    ASSERT_FMT(era_format_date(&b_, 20190430), "平成31年4月30日");
    ASSERT_FMT(era_format_date(&b_, 20190501), "令和元年5月1日");
    ASSERT_FMT(era_format_date(&b_, 19890107), "昭和64年1月7日");
    ASSERT_FMT(era_format_date(&b_, 19890108), "平成元年1月8日");
    ASSERT_FMT(era_format_date(&b_, 20200101), "令和2年1月1日");
    ASSERT_FMT(era_format_year_month(&b_, 20241231), "2024年12月");
}

Test(era, round_trip)
{
    for (int y = 1990; y <= 2040; y++) {
        buf b = BUF_INIT;
        era_format_fiscal_year(&b, y);
        int back = 0;
        cr_assert_eq(era_parse_year(buf_cstr(&b), &back), 0, "%s",
                     buf_cstr(&b));
        cr_assert_eq(back, y, "%s -> %d, want %d", buf_cstr(&b), back, y);
        buf_reset(&b);
        era_format_year_short(&b, y);
        cr_assert_eq(era_parse_year(buf_cstr(&b), &back), 0);
        cr_assert_eq(back, y);
        buf_free(&b);
    }
    int days[] = {20190430, 20190501, 19890107, 19890108, 20250630};
    for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
        buf b = BUF_INIT;
        era_format_date(&b, days[i]);
        cr_assert_eq(date_of(buf_cstr(&b)), days[i]);
        buf_free(&b);
    }
}

Test(era, huge_years_are_not_dates)
{
    /* regression: found by fuzz_csv, a year this large overflowed */
    int ymd = 0;
    cr_expect_eq(era_parse_date("1996112610-01-01", &ymd), -1);
    cr_expect_eq(era_parse_date("令和1996112610年1月1日", &ymd), -1);
    cr_expect_eq(era_parse_date("9999-12-31", &ymd), 0);
    cr_expect_eq(ymd, 99991231);
}
