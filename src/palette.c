/* palette: chart colours, WCAG contrast and CIE lightness, and the colours
 * of a chart's series.  See palette.h and docs/charts.md (how the palette
 * was checked). */
#include "palette.h"

#include <math.h>

#include "chart_impl.h"
#include "xalloc.h"

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

/* The colours of chart text and lines (chart_impl.h). */
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

/* Series i takes colours: item i, else the palette colour the type's order
 * gives (lines and Venn sets skip the light colours, too faint as thin
 * lines or translucent fills on white: the same checked palette in
 * another order). */
void chart_colours_assign(chart *c, const chart_spec *s)
{
    const chart_type *t = c->type;
    c->colours = xmalloc(c->ns * sizeof *c->colours);
    for (size_t i = 0; i < c->ns; i++) {
        size_t k = t->ncolour_order ? t->colour_order[i % t->ncolour_order] : i;
        c->colours[i] = i < s->ncolours ? s->colours[i]
                                        : chart_palette_colour(k);
    }
    c->text_on = xmalloc((c->ns ? c->ns : 1) * sizeof *c->text_on);
    for (size_t i = 0; i < c->ns; i++)
        c->text_on[i] = chart_text_colour_on(c->colours[i]);
}
