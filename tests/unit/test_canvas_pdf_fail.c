/* canvas_pdf: a page whose drawing fails between saves and restores is
 * freed whole.  libharu frees only a page's innermost graphics state; the
 * outer ones leaked until canvas_pdf dropped them.  The leak is what
 * LeakSanitizer reports under `make test SAN=1` (and valgrind under
 * `make memcheck`), so this test fails there if it comes back. */
#include <criterion/criterion.h>
#include <string.h>

#include "canvas.h"
#include "canvas_pdf.h"

#define IPAEX "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"

Test(canvas_pdf_fail, a_page_that_fails_inside_saves_is_freed_whole)
{
    diag_list *d = diag_list_new();
    font *f = font_open(IPAEX, d);
    cr_assert_not_null(f);
    static const uint32_t cps[] = {'A', 0x3042};
    for (int depth = 0; depth <= 3; depth++) {
        canvas *pdf = canvas_pdf_new(f, cps, 2, NULL, d);
        cr_assert_not_null(pdf);
        canvas_begin_page(pdf, 100, 100);
        for (int i = 0; i < depth; i++)
            canvas_save(pdf);
        canvas_text(pdf, 10, 10, 10, TEXT_REGULAR, "A\xF0\x9F\x98\x80", 5);
        cr_assert(pdf->failed, "a character the PDF cannot draw fails");
        canvas_end_page(pdf);
        cr_expect_eq(canvas_pdf_save(pdf, "/nonexistent/never.pdf", d), -1);
        canvas_destroy(pdf);
    }
    font_free(f);
    diag_list_free(d);
}
