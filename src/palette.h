/* palette: the charts' colours and the colour arithmetic that checks them.
 *
 * The functions are declared in chart.h (chart_palette_size,
 * chart_palette_colour, chart_luminance, chart_contrast, chart_lightness,
 * chart_text_colour_on) so that the HTML writer and the tests reach them
 * through one header; this header only names the module.  Nothing here
 * allocates. */
#ifndef SHIRYO_PALETTE_H
#define SHIRYO_PALETTE_H
#include "chart.h"
#endif
