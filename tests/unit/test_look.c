/* The house look (style/look.h): the contrast its comment promises, and
 * that the PDF's drawing colours are the look's. */
#include <criterion/criterion.h>

#include "canvas.h"
#include "look.h"
#include "palette.h"

static double contrast(look_colour a, look_colour b)
{
    return chart_contrast(look_rgb(a), look_rgb(b));
}

Test(look, text_colours_are_aa_on_white_and_the_box)
{
    const look_colour text[] = {LOOK_NAVY, LOOK_INK,  LOOK_GREY,
                                LOOK_MARK, LOOK_LINK, LOOK_AXIS};
    for (size_t i = 0; i < sizeof text / sizeof *text; i++) {
        cr_expect_geq(contrast(text[i], LOOK_WHITE), 4.5, "%s on white: %.2f",
                      look_css_name(text[i]), contrast(text[i], LOOK_WHITE));
        cr_expect_geq(contrast(text[i], LOOK_BOX), 4.5, "%s on box: %.2f",
                      look_css_name(text[i]), contrast(text[i], LOOK_BOX));
    }
    cr_expect_geq(contrast(LOOK_INK, LOOK_HEAD), 4.5);
}

Test(look, rules_and_the_focus_ring_are_3_to_1)
{
    cr_expect_geq(contrast(LOOK_RULE, LOOK_WHITE), 3.0, "%.2f",
                  contrast(LOOK_RULE, LOOK_WHITE));
    cr_expect_geq(contrast(LOOK_MARK, LOOK_WHITE), 3.0);
}

Test(look, every_colour_has_a_distinct_name)
{
    for (int a = 0; a < LOOK_NCOLOURS; a++)
        for (int b = a + 1; b < LOOK_NCOLOURS; b++)
            cr_expect_str_neq(look_css_name(a), look_css_name(b));
}

Test(look, rgb_hex_reads_each_channel)
{
    rgb c = rgb_hex(0xA33F00);
    cr_expect_float_eq(c.r, 0xA3 / 255.0, 1e-12);
    cr_expect_float_eq(c.g, 0x3F / 255.0, 1e-12);
    cr_expect_float_eq(c.b, 0.0, 1e-12);
    cr_expect_eq(look_palette_hex(look_palette_size()), look_palette_hex(0),
                 "the palette wraps around");
}
