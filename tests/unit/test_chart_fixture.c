/* test_chart_fixture: see test_chart_fixture.h. */
#include "test_chart_fixture.h"

#include <criterion/criterion.h>
#include <string.h>

#include "csv.h"

#define FONT_PATH "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"

void chart_fixture_open(chart_fixture *fx)
{
    fx->dl = diag_list_new();
    fx->ts = tableset_load_dir(CHART_FIXTURES, CSV_ENC_UTF8, fx->dl);
    cr_assert_not_null(fx->ts);
    fx->fnt = font_open(FONT_PATH, fx->dl);
    cr_assert_not_null(fx->fnt);
    for (size_t i = 0; i < diag_count(fx->dl); i++)
        cr_assert_neq(diag_get(fx->dl, i)->severity, DIAG_ERROR,
                      "fixture: %s", diag_get(fx->dl, i)->message);
}

void chart_fixture_close(chart_fixture *fx)
{
    tableset_free(fx->ts);
    font_free(fx->fnt);
    diag_list_free(fx->dl);
    memset(fx, 0, sizeof *fx);
}

chart_spec *chart_fixture_parse(const chart_fixture *fx, const char *text)
{
    srcloc lines[64];
    size_t n = 0;
    for (const char *p = text; n < 64; n++) {
        lines[n] = (srcloc){"templates/05-x.md", 10 + (int)n, 1};
        p = strchr(p, '\n');
        if (!p)
            break;
        p++;
    }
    return chart_spec_parse(text, strlen(text), lines, n + 1, fx->dl);
}

chart *chart_fixture_build_ok(const chart_fixture *fx, const char *spec)
{
    chart_spec *s = chart_fixture_parse(fx, spec);
    chart *c = s ? chart_build(s, fx->ts, fx->dl) : NULL;
    chart_spec_free(s);
    for (size_t i = 0; !c && i < diag_count(fx->dl); i++)
        cr_log_error("%s", diag_get(fx->dl, i)->message);
    cr_assert_not_null(c, "chart did not build:\n%s", spec);
    return c;
}
