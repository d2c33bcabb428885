/* palette: the charts' colours and the colour arithmetic that checks them.
 *
 * The palette: blues for the first series (the first is the darkest),
 * then a light blue, an orange, greys; chosen for distinct CIE L* so the
 * segments stay apart in greyscale and under colour-vision deficiencies
 * (docs/charts.md says how this is checked, by tests/unit/test_chart.c
 * through this header).  The chart modules take their colours from here
 * (chart_colours_assign, in chart.c, gives each series its colour).
 * Nothing here allocates. */
#ifndef SHIRYO_PALETTE_H
#define SHIRYO_PALETTE_H
#include <stddef.h>

#include "canvas.h"

size_t chart_palette_size(void);
rgb chart_palette_colour(size_t i); /* i wraps around */
/* WCAG 2 relative luminance and contrast ratio (1..21). */
double chart_luminance(rgb c);
double chart_contrast(rgb a, rgb b);
/* CIE L* (D65) of an sRGB colour, 0..100. */
double chart_lightness(rgb c);
/* The label colour for text on bg: white or the dark text colour,
 * whichever contrasts more. */
rgb chart_text_colour_on(rgb bg);
/* The colours of chart text and lines. */
extern const rgb cd_text_dark, cd_white, cd_axis_grey, cd_grid_grey;

#endif
