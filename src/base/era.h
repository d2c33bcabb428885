/* era: Japanese era (和暦) years and dates, both ways.
 *
 * Survey years are fiscal years (年度) kept as the Gregorian year in which
 * the fiscal year starts: 令和6年度 = R6 = 2024.  Dates are kept as one
 * integer yyyymmdd (20250630), which orders like the date itself.
 *
 * Eras: 明治 1868-01-25 (M), 大正 1912-07-30 (T), 昭和 1926-12-25 (S),
 * 平成 1989-01-08 (H), 令和 2019-05-01 (R).  元年 is year 1.
 *
 * Memory: nothing is kept: the era_format_ functions append to the caller's
 * buf, which the caller frees with buf_free(). */
#ifndef SHIRYO_ERA_H
#define SHIRYO_ERA_H
#include "buf.h"

/* Accepts "2024", "2024年度", "2024年", "R6", "r6", "R6年度", "令和6年度",
 * "令和6年", "令和元年度", "H30", "平成30年度", "㍻30年度", and full-width
 * digits and letters.  An era year past the start of the next era is
 * rejected (平成31 = 2019 is accepted, 平成32 is not).  Returns 0 and sets *year, or -1
 * when text is not a year (the whole string must be consumed, surrounding
 * spaces allowed). */
int era_parse_year(const char *text, int *year);

/* Accepts "2025-06-30", "2025/6/30", "2025.6.30", "2025年6月30日",
 * "令和7年6月30日", "令和元年5月1日", "R7.6.30", "R7/6/30", full-width
 * digits.  Validates the day of month, and that an era date falls inside
 * that era (令和元年4月30日 is not a date).  Returns 0 and sets *ymd
 * (yyyymmdd), or -1. */
int era_parse_date(const char *text, int *ymd);

/* The years the formatters take: 1 to ERA_YEAR_MAX (dates: yyyymmdd of
 * those years).  Template arithmetic and filters keep to it. */
#define ERA_YEAR_MAX 9999

/* 2024 -> "令和6年度"; 2019 -> "令和元年度"; 2018 -> "平成30年度". A fiscal
 * year is named by the era in force on its first day (1 April), except
 * FY2019, which is 令和元年度 by government practice (平成31年度 was renamed
 * when 令和 began on 1 May 2019).  Years before 明治: "1867年度". */
void era_format_fiscal_year(buf *out, int year);
/* 2024 -> "R6", 2018 -> "H30", 2019 -> "R1" (short labels for chart axes;
 * same era rule as era_format_fiscal_year). */
void era_format_year_short(buf *out, int year);
/* 20250630 -> "令和7年6月30日"; the era in force on that day. */
void era_format_date(buf *out, int ymd);
/* 20241231 -> "2024年12月" */
void era_format_year_month(buf *out, int ymd);

#endif
