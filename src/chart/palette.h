/* palette: the charts' colours and the colour arithmetic that checks them.
 *
 * The palette itself is the house look's (style/look.h: blues for the
 * first series, then a light blue, an orange, greys, for distinct CIE L*);
 * docs/charts.md says how it is checked, by tests/unit/test_chart.c
 * through this header.  Chart text and lines take look_rgb(LOOK_INK,
 * LOOK_AXIS, LOOK_GRID, LOOK_WHITE); chart_colours_assign, in chart.c,
 * gives each series its colour.
 * Nothing here allocates. */
#ifndef SHIRYO_PALETTE_H
#define SHIRYO_PALETTE_H
#include <stddef.h>

#include "canvas.h"

/* Two colours used together on one chart stay at least this far apart in
 * CIE L* (their greys in black-and-white print), or differ in hatching. */
#define CHART_MIN_DELTA_L 9.0
/* Hatching kinds: 0 none, 1 diagonal, 2 reverse diagonal, 3 horizontal,
 * 4 vertical, 5 crossed (lines: dash patterns). */
#define CHART_HATCH_KINDS 6

size_t chart_palette_size(void);
rgb chart_palette_colour(size_t i); /* i wraps around */
/* WCAG 2 relative luminance and contrast ratio (1..21). */
double chart_luminance(rgb c);
double chart_contrast(rgb a, rgb b);
/* CIE L* (D65) of an sRGB colour, 0..100. */
double chart_lightness(rgb c);
/* The grey of the same CIE L* (the same relative luminance). */
rgb chart_grey_of(rgb c);
/* The label colour for text on bg: white or the dark text colour,
 * whichever contrasts more. */
rgb chart_text_colour_on(rgb bg);

#endif
