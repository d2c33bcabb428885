/* look: the house colours, the chart palette and the font stack (look.h). */
#include "look.h"

#include "buf.h"

/* One row a colour: its value and the name the site's stylesheet gives
 * it.  The PDF used #b44500 for the mark, #555555 for grey text and
 * #a6a6a6 for table rules while the site used the values below, chosen
 * for contrast; every output now takes these. */
static const struct {
    unsigned hex;
    const char *css;
} COLOURS[LOOK_NCOLOURS] = {
    [LOOK_NAVY] = {0x1F3864, "navy"},   [LOOK_INK] = {0x1A1A1A, "ink"},
    [LOOK_GREY] = {0x4D4D4D, "grey"},   [LOOK_MARK] = {0xA33F00, "mark"},
    [LOOK_LINK] = {0x0B4EA2, "link"},   [LOOK_BOX] = {0xF2F5FA, "box"},
    [LOOK_HEAD] = {0xDCE6F2, "head"},   [LOOK_RULE] = {0x8C8C8C, "rule"},
    [LOOK_WHITE] = {0xFFFFFF, "white"}, [LOOK_AXIS] = {0x595959, "axis"},
    [LOOK_GRID] = {0xD9D9D9, "grid"},
};

unsigned look_hex(look_colour c) { return COLOURS[c].hex; }
const char *look_css_name(look_colour c) { return COLOURS[c].css; }

/* Eight colours whose CIE L* lie 9.5 apart (20.5, 30, 39.5, 49, 58.5,
 * 68, 77.5, 87), so that any of them used together stay apart in grey
 * scale (ΔL* >= 9), none between L* 49.9 and 54.2 (where neither white
 * nor the ink reaches 4.5:1), and blues, oranges and greys alternating
 * in lightness so that neighbours in L* differ in hue too (ΔE*ab >= 15
 * under protanopia, deuteranopia and tritanopia): tests/unit/test_chart.c.
 * Series take them in this order; the first is the most prominent. */
static const unsigned PALETTE[] = {
    0x003455, /* dark blue    L* 20.5 */
    0x19609F, /* blue         L* 39.7 */
    0x90C5F6, /* light blue   L* 77.6 */
    0xE59342, /* orange       L* 68.0 */
    0x8E8C8C, /* grey         L* 58.4 */
    0xDADADA, /* light grey   L* 87.1 */
    0x9B6A3E, /* brown        L* 49.0 */
    0x4B4546, /* dark grey    L* 29.9 */
};
#define NPALETTE (sizeof PALETTE / sizeof PALETTE[0])

size_t look_palette_size(void) { return NPALETTE; }
unsigned look_palette_hex(size_t i) { return PALETTE[i % NPALETTE]; }

const char *const look_font_stack[] = {"IPAexGothic",
                                       "IPAexゴシック",
                                       "BIZ UDPGothic",
                                       "Hiragino Sans",
                                       "Hiragino Kaku Gothic ProN",
                                       "Noto Sans JP",
                                       "Noto Sans CJK JP",
                                       "Yu Gothic UI",
                                       "Yu Gothic",
                                       "Meiryo",
                                       "sans-serif",
                                       NULL};

void look_font_family(buf *out, char quote)
{
    for (size_t i = 0; look_font_stack[i]; i++) {
        if (i)
            buf_putc(out, ',');
        if (look_font_stack[i + 1])
            buf_printf(out, "%c%s%c", quote, look_font_stack[i], quote);
        else
            buf_puts(out, look_font_stack[i]); /* the generic family */
    }
}
