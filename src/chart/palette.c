/* palette: the chart palette from the house look, WCAG contrast and CIE
 * lightness (palette.h; docs/charts.md says how the palette was checked). */
#include "palette.h"

#include <math.h>

size_t chart_palette_size(void) { return look_palette_size(); }

rgb chart_palette_colour(size_t i) { return rgb_hex(look_palette_hex(i)); }

static double lin(double c)
{
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

double chart_luminance(rgb c)
{
    return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

double chart_contrast(rgb a, rgb b)
{
    double la = chart_luminance(a), lb = chart_luminance(b);
    if (la < lb) {
        double t = la;
        la = lb;
        lb = t;
    }
    return (la + 0.05) / (lb + 0.05);
}

double chart_lightness(rgb c)
{
    double y = chart_luminance(c);
    double f = y > 216.0 / 24389.0 ? cbrt(y) : (24389.0 / 27.0 * y + 16) / 116;
    return 116 * f - 16;
}

rgb chart_grey_of(rgb c)
{
    double y = chart_luminance(c);
    double v = y <= 0.0031308 ? 12.92 * y : 1.055 * pow(y, 1 / 2.4) - 0.055;
    return (rgb){v, v, v};
}

rgb chart_text_colour_on(rgb bg)
{
    return chart_contrast(look_rgb(LOOK_WHITE), bg) >=
                   chart_contrast(look_rgb(LOOK_INK), bg)
               ? look_rgb(LOOK_WHITE)
               : look_rgb(LOOK_INK);
}
