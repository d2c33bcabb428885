/* The PowerPoint writer's units and its shapes backend (pptx_units.h,
 * pptx_shapes.h); the package as a whole is checked by
 * tests/integration/pptx.sh. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "canvas.h"
#include "pptx_shapes.h"
#include "pptx_units.h"

#define IPAEX "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"

static font *ipaex;
static diag_list *diags;

static void setup(void)
{
    diags = diag_list_new();
    ipaex = font_open(IPAEX, diags);
    cr_assert_not_null(ipaex);
}

static void teardown(void)
{
    font_free(ipaex);
    diag_list_free(diags);
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

Test(pptx, emu_per_point)
{
    cr_assert_eq(pptx_emu(1), 12700);
    cr_assert_eq(pptx_emu(72), 914400); /* one inch */
    /* A4 landscape, as the slide size */
    cr_assert_eq(pptx_emu(841.89), 10692003);
    cr_assert_eq(pptx_emu(595.28), 7560056);
    /* half away from zero */
    cr_assert_eq(pptx_emu(0.5 / 12700), 1);
    cr_assert_eq(pptx_emu(-0.5 / 12700), -1);
}

Test(pptx, circle_is_an_ellipse_with_alpha, .init = setup, .fini = teardown)
{
    buf out = BUF_INIT;
    unsigned id = 5;
    canvas *cv = pptx_shapes_new(ipaex, &out, &id);
    canvas_set_fill(cv, rgb_hex(0x1F4E79), 0.3);
    canvas_arc(cv, 100, 100, 50, 0, 6.283185307179586);
    canvas_close_path(cv);
    canvas_fill(cv);
    canvas_destroy(cv);
    const char *s = buf_cstr(&out);
    cr_assert_eq(id, 6, "one shape, one id");
    cr_assert(strstr(s, "<p:cNvPr id=\"5\" name=\"Ellipse 5\"/>"), "%s", s);
    cr_assert(strstr(s, "prst=\"ellipse\""), "%s", s);
    /* the circle's box: (50, 50), 100 x 100 pt */
    cr_assert(strstr(s, "<a:off x=\"635000\" y=\"635000\"/><a:ext "
                        "cx=\"1270000\" cy=\"1270000\"/>"),
              "%s", s);
    cr_assert(strstr(s, "<a:srgbClr val=\"1F4E79\"><a:alpha val=\"30000\"/>"),
              "%s", s);
    cr_assert(strstr(s, "<a:ln><a:noFill/></a:ln>"), "filled only: %s", s);
    buf_free(&out);
}

Test(pptx, other_paths_are_custom_geometry, .init = setup, .fini = teardown)
{
    buf out = BUF_INIT;
    unsigned id = 2;
    canvas *cv = pptx_shapes_new(ipaex, &out, &id);
    canvas_set_stroke(cv, rgb_hex(0x333333), 1, 2);
    double dash[2] = {3, 2};
    canvas_set_dash(cv, dash, 2, 0);
    canvas_move_to(cv, 10, 20);
    canvas_line_to(cv, 30, 20);
    canvas_line_to(cv, 30, 60);
    canvas_stroke(cv);
    /* a clip ends the path without a shape */
    canvas_rect(cv, 0, 0, 5, 5);
    canvas_clip(cv);
    canvas_destroy(cv);
    const char *s = buf_cstr(&out);
    cr_assert_eq(count(s, "<p:sp>"), 1, "%s", s);
    cr_assert(strstr(s, "<a:custGeom>"), "%s", s);
    cr_assert(strstr(s, "<a:path w=\"254000\" h=\"508000\">"), "%s", s);
    cr_assert(strstr(s, "<a:moveTo><a:pt x=\"0\" y=\"0\"/></a:moveTo>"
                        "<a:lnTo><a:pt x=\"254000\" y=\"0\"/></a:lnTo>"),
              "%s", s);
    cr_assert(strstr(s, "<a:noFill/><a:ln w=\"25400\">"), "%s", s);
    cr_assert(strstr(s, "<a:prstDash val=\"dash\"/>"), "%s", s);
    buf_free(&out);
}

Test(pptx, text_box_at_the_baseline, .init = setup, .fini = teardown)
{
    buf out = BUF_INIT;
    unsigned id = 9;
    canvas *cv = pptx_shapes_new(ipaex, &out, &id);
    canvas_set_fill(cv, rgb_hex(0x112233), 1);
    canvas_save(cv);
    canvas_set_fill(cv, rgb_hex(0xFFFFFF), 1);
    canvas_restore(cv);
    canvas_text(cv, 10, 50, 10, TEXT_BOLD, "団体<&>", strlen("団体<&>"));
    canvas_destroy(cv);
    const char *s = buf_cstr(&out);
    cr_assert(strstr(s, "txBox=\"1\""), "%s", s);
    cr_assert(strstr(s, "lang=\"ja-JP\""), "%s", s);
    cr_assert(strstr(s, "sz=\"1000\" b=\"1\""), "%s", s);
    cr_assert(strstr(s, "<a:ea typeface=\"+mn-ea\"/>"), "%s", s);
    cr_assert(strstr(s, "val=\"112233\""), "restored fill: %s", s);
    cr_assert(strstr(s, "<a:t>団体&lt;&amp;&gt;</a:t>"), "%s", s);
    /* top of the box: the baseline less the ascent */
    long long top = pptx_emu(50 - font_ascent(ipaex) * 10);
    char want[64];
    snprintf(want, sizeof want, "<a:off x=\"127000\" y=\"%lld\"/>", top);
    cr_assert(strstr(s, want), "%s in %s", want, s);
    buf_free(&out);
}
