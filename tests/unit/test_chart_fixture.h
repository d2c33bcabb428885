/* test_chart_fixture: what the chart tests share: the tables of
 * tests/fixtures/chart, IPAexGothic, and specs parsed as if written at
 * templates/05-x.md from line 10.  chart_fixture_open asserts that both
 * load without errors; chart_fixture_close frees them.  The spec and chart
 * returned are the caller's to free. */
#ifndef SHIRYO_TEST_CHART_FIXTURE_H
#define SHIRYO_TEST_CHART_FIXTURE_H
#include "chart.h"
#include "diag.h"
#include "font.h"
#include "table.h"

#define CHART_FIXTURES "tests/fixtures/chart"

typedef struct chart_fixture {
    diag_list *dl;
    tableset *ts;
    font *fnt;
} chart_fixture;

void chart_fixture_open(chart_fixture *fx);
void chart_fixture_close(chart_fixture *fx);
/* NULL after errors (in fx->dl). */
chart_spec *chart_fixture_parse(const chart_fixture *fx, const char *text);
/* Asserts that spec parses and builds, logging the errors when not. */
chart *chart_fixture_build_ok(const chart_fixture *fx, const char *spec);

#endif
