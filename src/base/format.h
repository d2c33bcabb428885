/* format: numbers as the ministry prints them, independent of the C locale.
 *
 * Every function appends to out.  Rounding is half away from zero.
 *
 * Memory: the fmt_ functions append to the caller's buf (freed with
 * buf_free()); fmt_trend's words are static: nobody frees them. */
#ifndef SHIRYO_FORMAT_H
#define SHIRYO_FORMAT_H
#include "buf.h"

/* 1788 -> "1,788"; decimals digits after the point (0..6), not trimmed. */
void fmt_number(buf *out, double v, int decimals);
/* A ratio as a percentage: 0.58 -> "58%", (0.9757, 1) -> "97.6%". */
void fmt_percent(buf *out, double ratio, int decimals);
/* A difference of ratios in percentage points: 0.052 -> "5.2ポイント". */
void fmt_points(buf *out, double ratio_diff, int decimals);
/* Wording of a change: "増加" / "減少" / "横ばい" (|diff| <= tolerance). */
const char *fmt_trend(double diff, double tolerance);

#endif
