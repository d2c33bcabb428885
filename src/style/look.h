/* look: the house look of every output, decided in one place.
 *
 * The colours of the slides (titles, text, the key-points box, tables,
 * the 速報/仮 mark), of the site's stylesheet, and of the charts (axes,
 * grid and the series palette), and the one font stack.  The PDF, the
 * site and the charts' SVG all take their colours from here, so a colour
 * is the same in every output.
 *
 * Colours are sRGB as 0xRRGGBB.  draw/canvas.h turns them into the
 * drawing interface's rgb (look_rgb); out/html_css.c writes them as CSS
 * custom properties named by look_css_name.  The text colours are at
 * least 4.5:1 against white and the key-points box (WCAG 2 AA, measured
 * by axe-core in tests/site/check.mjs and by tests/unit/test_look.c);
 * the rule and the mark as a focus ring are 3:1 or more against white.
 * Nothing here allocates. */
#ifndef SHIRYO_LOOK_H
#define SHIRYO_LOOK_H
#include <stddef.h>

typedef enum look_colour {
    LOOK_NAVY,  /* titles, headings, the title rule, the key-points frame */
    LOOK_INK,   /* body text, chart text */
    LOOK_GREY,  /* sources, page numbers */
    LOOK_MARK,  /* the 速報/仮 mark; the site's focus ring */
    LOOK_LINK,  /* links on the site */
    LOOK_BOX,   /* the key-points box */
    LOOK_HEAD,  /* a table's header cells */
    LOOK_RULE,  /* table rules, the site's section rules */
    LOOK_WHITE, /* the page */
    LOOK_AXIS,  /* chart axes and tick labels */
    LOOK_GRID,  /* chart grid lines */
    LOOK_NCOLOURS
} look_colour;

unsigned look_hex(look_colour c);
/* The name of the site's CSS custom property ("navy" for --navy). */
const char *look_css_name(look_colour c);

/* The charts' series colours, in the order series take them: blues for
 * the first series (the first is the darkest), then a light blue, an
 * orange, greys; chosen for distinct CIE L* so that segments stay apart
 * in greyscale and under colour-vision deficiencies (docs/charts.md). */
size_t look_palette_size(void);
unsigned look_palette_hex(size_t i); /* i wraps around */

/* The font families, best first, NULL-terminated: the deck's own font
 * (IPAexGothic, embedded in the PDF), then the Japanese fonts Windows,
 * macOS and Linux desktops ship, then the generic family. */
extern const char *const look_font_stack[];
struct buf;
/* Appends the font stack as a CSS font-family value, each name between
 * `quote`s (" in a stylesheet, ' in an SVG attribute) and the generic
 * family last, bare. */
void look_font_family(struct buf *out, char quote);

#endif
