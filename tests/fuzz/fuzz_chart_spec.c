/* Chart spec parsing, building and drawing (onto a trace canvas) from
 * arbitrary spec text over a small table. */
#include <stddef.h>
#include <stdint.h>

#include "canvas_trace.h"
#include "chart.h"
#include "fuzz_common.h"
#include "xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tableset *ts = fuzz_tables();
    const font *f = fuzz_font();
    size_t nlines = 1;
    for (size_t i = 0; i < size; i++)
        if (data[i] == '\n')
            nlines++;
    srcloc *lines = xcalloc(nlines, sizeof(srcloc));
    for (size_t i = 0; i < nlines; i++) {
        lines[i].file = "templates/f.md";
        lines[i].line = (int)i + 2;
        lines[i].col = 1;
    }
    diag_list *d = diag_list_new();
    chart_spec *s = chart_spec_parse((const char *)data, size, lines, nlines, d);
    if (s) {
        chart *c = chart_build(s, ts, d);
        if (c) {
            buf out = BUF_INIT;
            canvas *cv = canvas_trace_new(f, &out);
            canvas_begin_page(cv, 600, 400);
            double w = 100 + (size % 500);
            chart_draw(c, cv, 10, 10, w, w * chart_aspect(c));
            canvas_end_page(cv);
            canvas_destroy(cv);
            buf_free(&out);
            (void)chart_alt(c);
            (void)chart_grid(c);
            chart_free(c);
        }
        chart_spec_free(s);
    }
    free(lines);
    diag_list_free(d);
    return 0;
}
