/* Markdown to deck to laid-out pages (on a display list) from arbitrary
 * text, as if a template had expanded to it. */
#include <stddef.h>
#include <stdint.h>

#include "deck.h"
#include "fuzz_common.h"
#include "layout.h"
#include "template.h"
#include "xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tableset *ts = fuzz_tables();
    const font *f = fuzz_font();
    diag_list *d = diag_list_new();
    /* an empty template gives the deck its path and front matter */
    template *t = template_compile("templates/f.md", "", 0, d);
    if (!t)
        abort();
    expansion ex = {0}; /* the fields not set below stay empty */
    ex.text = xmalloc(size + 1);
    memcpy(ex.text, data, size);
    ex.text[size] = '\0';
    ex.len = size;
    ex.nlines = 1;
    for (size_t i = 0; i < size; i++)
        if (data[i] == '\n')
            ex.nlines++;
    ex.line_src = xcalloc(ex.nlines, sizeof(srcloc));
    ex.line_prov = xcalloc(ex.nlines, sizeof(prov));
    for (size_t i = 0; i < ex.nlines; i++) {
        ex.line_src[i].file = "templates/f.md";
        ex.line_src[i].line = (int)i + 1;
        ex.line_src[i].col = 1;
        ex.line_prov[i] = (prov)(i % 3);
    }
    deck *dk = deck_new();
    if (deck_add_markdown(dk, t, &ex, ts, d) == 0) {
        layout_opts lo = {PAGE_A4_LANDSCAPE};
        lo.linebreak = (lb_level)(size % 4);
        layout_result_free(layout_deck(dk, f, &lo, d));
    }
    deck_free(dk);
    expansion_free(&ex);
    template_free(t);
    diag_list_free(d);
    return 0;
}
