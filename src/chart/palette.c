/* palette: chart colours, WCAG contrast and CIE lightness.  See palette.h and docs/charts.md (how the palette
 * was checked). */
#include "palette.h"

#include <math.h>


static const rgb palette[] = {
    {0x1B / 255.0, 0x3A / 255.0, 0x63 / 255.0}, /* dark blue   L* 24 */
    {0x2B / 255.0, 0x5E / 255.0, 0x9E / 255.0}, /* blue        L* 40 */
    {0xA3 / 255.0, 0xC6 / 255.0, 0xE8 / 255.0}, /* light blue  L* 79 */
    {0xEE / 255.0, 0x8A / 255.0, 0x3A / 255.0}, /* orange      L* 67 */
    {0x87 / 255.0, 0x87 / 255.0, 0x87 / 255.0}, /* grey        L* 56 */
    {0xDC / 255.0, 0xDC / 255.0, 0xDC / 255.0}, /* light grey  L* 88 */
    {0xA8 / 255.0, 0x4E / 255.0, 0x0C / 255.0}, /* dark orange */
    {0x4D / 255.0, 0x4D / 255.0, 0x4D / 255.0}, /* dark grey */
};
#define NPALETTE (sizeof palette / sizeof palette[0])

/* The colours of chart text and lines (palette.h). */
const rgb cd_text_dark = {0x1A / 255.0, 0x1A / 255.0, 0x1A / 255.0};
const rgb cd_white = {1, 1, 1};
const rgb cd_axis_grey = {0x59 / 255.0, 0x59 / 255.0, 0x59 / 255.0};
const rgb cd_grid_grey = {0xD9 / 255.0, 0xD9 / 255.0, 0xD9 / 255.0};

size_t chart_palette_size(void) { return NPALETTE; }

rgb chart_palette_colour(size_t i) { return palette[i % NPALETTE]; }

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

rgb chart_text_colour_on(rgb bg)
{
    return chart_contrast(cd_white, bg) >= chart_contrast(cd_text_dark, bg)
               ? cd_white
               : cd_text_dark;
}
