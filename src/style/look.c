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

static const unsigned PALETTE[] = {
    0x1B3A63, /* dark blue   L* 24 */
    0x2B5E9E, /* blue        L* 40 */
    0xA3C6E8, /* light blue  L* 79 */
    0xEE8A3A, /* orange      L* 67 */
    0x878787, /* grey        L* 56 */
    0xDCDCDC, /* light grey  L* 88 */
    0xA84E0C, /* dark orange */
    0x4D4D4D, /* dark grey */
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
