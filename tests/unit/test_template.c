#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "template.h"
#include "xalloc.h"

#define FIXDIR "tests/fixtures/templates"

typedef struct run {
    diag_list *d;
    tableset *ts;
    tmpl_env *env;
    template *t;
    expansion e;
    int rc;
} run;

/* Compiles and expands text against the fixture tables. */
static run run_text(const char *text)
{
    run r;
    memset(&r, 0, sizeof r);
    r.d = diag_list_new();
    r.ts = tableset_load_dir(FIXDIR, CSV_ENC_AUTO, r.d);
    cr_assert_not_null(r.ts);
    cr_assert_eq(diag_error_count(r.d), 0, "fixtures must load");
    r.env = tmpl_env_new(r.ts);
    r.t = template_compile("t.md", text, strlen(text), r.d);
    r.rc = -2;
    if (r.t) {
        tmpl_env_add_meta(r.env, r.t);
        r.rc = template_expand(r.t, r.env, &r.e, r.d);
    }
    return r;
}

static void run_free(run *r)
{
    expansion_free(&r->e);
    template_free(r->t);
    tmpl_env_free(r->env);
    tableset_free(r->ts);
    diag_list_free(r->d);
}

static void expect_output(const char *text, const char *want)
{
    run r = run_text(text);
    buf all = BUF_INIT;
    for (size_t i = 0; i < diag_count(r.d); i++) {
        diag_format(diag_get(r.d, i), &all);
        buf_putc(&all, '\n');
    }
    cr_assert_eq(r.rc, 0, "expansion failed: %s", buf_cstr(&all));
    cr_assert_str_eq(r.e.text, want, "got: %s", r.e.text);
    buf_free(&all);
    run_free(&r);
}

/* The only error is at line:col and its message, with "\n  hint: " and
   the hint when there is one, is exactly msg. */
static void expect_error(const char *text, int line, int col, const char *msg)
{
    run r = run_text(text);
    cr_assert_neq(r.rc, 0, "expected an error for: %s", text);
    cr_assert_eq(diag_error_count(r.d), 1, "one error expected, got %zu",
                 diag_error_count(r.d));
    const diag *g = diag_get(r.d, diag_count(r.d) - 1);
    cr_assert_str_eq(g->file, "t.md");
    cr_assert_eq(g->line, line, "line %d: %s", g->line, g->message);
    cr_assert_eq(g->col, col, "col %d: %s", g->col, g->message);
    buf got = BUF_INIT;
    buf_puts(&got, g->message);
    if (g->hint)
        buf_printf(&got, "\n  hint: %s", g->hint);
    cr_assert_str_eq(buf_cstr(&got), msg, "got: %s", buf_cstr(&got));
    buf_free(&got);
    run_free(&r);
}

Test(template, number_defaults_and_filters)
{
    expect_output("{{ 1788 }}|{{ 1 / 4 }}|{{ 0.58 | pct }}|{{ 0.9757 | pct(1) }}"
                  "|{{ 0.052 | pts(1) }}|{{ 2.5 | int }}|{{ 3 | fixed(2) }}\n",
                  "1\\,788|0\\.25|58\\%|97\\.6\\%|5\\.2ポイント|3|3\\.00\n");
    expect_output("{{ 2024 + 0 | wareki }} {{ 2018 | short }} {{ 3 | trend }}"
                  " {{ 0 | trend }} {{ -1 | trend }}",
                  "令和6年度 H30 増加 横ばい 減少");
}

Test(template, narrative_follows_data)
{
    expect_output(
        "{{ let t = adoption where survey_year = latest }}"
        "{{ let o = t where org_type = \"その他の市区町村\" }}"
        "その他の市区町村は{{ share(o where category = \"導入済み\", o) | pct | bare }}"
        "となり、約{{ share(o where category in [\"導入済み\", \"実証中\"], o) | pct | bare }}が"
        "取り組んでいる。",
        "その他の市区町村は58\\%となり、約76\\%が取り組んでいる。");
    expect_output("{{ let r = largest(functions where survey_year = latest) }}"
                  "「{{ r.category }}」({{ r.value }}件)",
                  "「音声認識」(879件)");
}

Test(template, provenance_marks)
{
    /* マッチング is a 仮 row: its value, and any sum over it, is marked */
    expect_output("{{ value(functions where category = \"マッチング\") }}",
                  "35〔仮〕");
    expect_output("{{ value(functions where category = \"マッチング\") | bare }}",
                  "35");
    expect_output("{{ sum(functions where survey_year = latest) | num }}",
                  "2\\,391〔仮〕");
    expect_output("{{ sum(functions where survey_year = previous) }}",
                  "1\\,491");
    /* 速報 is weaker than 確報 and stronger than 仮 */
    expect_output("{{ sum(adoption where survey_year = latest) }}",
                  "1\\,768〔速報〕");
    expect_output("{{ value(adoption where survey_year = latest and org_type = "
                  "\"都道府県\" and category = \"導入済み\") * 2 }}",
                  "94");
}

Test(template, line_prov_recorded)
{
    run r = run_text("a {{ 1 }}\n"
                     "b {{ value(functions where category = \"マッチング\") | bare }}\n"
                     "c {{ sum(adoption where survey_year = latest) }}\n"
                     "d\n");
    cr_assert_eq(r.rc, 0);
    cr_assert_eq(r.e.nlines, 4);
    cr_assert_eq(r.e.line_prov[0], PROV_FINAL);
    cr_assert_eq(r.e.line_prov[1], PROV_PLACEHOLDER);
    cr_assert_eq(r.e.line_prov[2], PROV_PRELIMINARY);
    cr_assert_eq(r.e.line_prov[3], PROV_FINAL);
    run_free(&r);
}

Test(template, escaping_outside_fences)
{
    expect_output("{{ value(notes where id = 1, \"label\") }} "
                  "{{ value(notes where id = 2, \"label\") }}",
                  "a\\*b x\\|y");
    expect_output("{{ value(notes where id = 3, \"label\") }}",
                  "\\<script\\>alert\\(1\\)\\<\\/script\\>");
    expect_output("{{ value(notes where id = 4, \"label\") }}",
                  "\\{\\{ secret \\}\\}");
    /* raw turns escaping off */
    expect_output("{{ value(notes where id = 1, \"label\") | raw }}", "a*b");
}

Test(template, no_escaping_inside_fences)
{
    expect_output("```table\n{{ value(notes where id = 2, \"label\") }}\n```\n"
                  "~~~~\n{{ value(notes where id = 1, \"label\") }}\n```\n~~~~\n"
                  "{{ value(notes where id = 1, \"label\") }}\n",
                  "```table\nx|y\n```\n~~~~\na*b\n```\n~~~~\na\\*b\n");
}

Test(template, standalone_block_tags_leave_no_blank_lines)
{
    expect_output("A\n  {{ if true }}  \nB\n{{ else }}\nC\n{{ end }}\nD\n",
                  "A\nB\nD\n");
    /* inline blocks keep their surroundings */
    expect_output("x{{ if false }}y{{ end }}z\n", "xz\n");
    expect_output("{{# note #}}\n{{ let a = 2 }}\n{{ a }}\n", "2\n");
}

Test(template, line_map_after_for_loop)
{
    run r = run_text("head\n"
                     "{{ for r in functions where survey_year = previous }}\n"
                     "- {{ r.category }}\n"
                     "{{ end }}\n"
                     "tail {{ count(notes) }}\n");
    cr_assert_eq(r.rc, 0);
    cr_assert_str_eq(r.e.text, "head\n- 音声認識\n- 文字認識\ntail 5\n");
    cr_assert_eq(r.e.nlines, 4);
    int want[] = {1, 3, 3, 5};
    for (size_t i = 0; i < 4; i++) {
        cr_assert_eq(r.e.line_src[i].line, want[i], "line %zu from %d", i + 1,
                     r.e.line_src[i].line);
        cr_assert_str_eq(r.e.line_src[i].file, "t.md");
        cr_assert_eq(r.e.line_src[i].col, 1);
    }
    run_free(&r);
}

Test(template, loops_groups_top)
{
    expect_output("{{ for r in top(functions where survey_year = latest, 2) }}"
                  "{{ r.category }}={{ r.value | bare }};{{ end }}",
                  "音声認識=879;文字認識=702;その他=810;");
    expect_output("{{ for g in groups(adoption, \"org_type\") }}"
                  "{{ loop.index }}{{ g.key }}{{ count(g.rows) | bare }}{{ end }}",
                  "1都道府県42その他の市区町村6");
    expect_output("{{ for y in [1, 2, 3] }}{{ y }}{{ if not loop.last }},"
                  "{{ end }}{{ end }}",
                  "1,2,3");
}

Test(template, front_matter_and_meta)
{
    run r = run_text("---\ntitle: AI・RPA\nedition: 令和7年6月30日\n---\n"
                     "{{ title }} {{ edition | ym }}\n");
    cr_assert_eq(r.rc, 0);
    cr_assert_str_eq(r.e.text, "AI・RPA 2025年6月\n");
    cr_assert_eq(r.e.line_src[0].line, 5);
    cr_assert_str_eq(template_meta(r.t, "title"), "AI・RPA");
    cr_assert_null(template_meta(r.t, "nothing"));
    cr_assert_eq(template_meta_count(r.t), 2);
    const char *k, *v;
    int line;
    template_meta_at(r.t, 1, &k, &v, &line);
    cr_assert_str_eq(k, "edition");
    cr_assert_eq(line, 3);
    run_free(&r);
}

Test(template, deck_wide_meta)
{
    diag_list *d = diag_list_new();
    tableset *ts = tableset_new();
    tmpl_env *env = tmpl_env_new(ts);
    const char *first = "---\norg: 総務省\n---\n";
    template *a = template_compile("a.md", first, strlen(first), d);
    cr_assert_not_null(a);
    tmpl_env_add_meta(env, a);
    const char *second = "{{ org }}";
    template *b = template_compile("b.md", second, strlen(second), d);
    expansion e;
    cr_assert_eq(template_expand(b, env, &e, d), 0);
    cr_assert_str_eq(e.text, "総務省");
    expansion_free(&e);
    template_free(a);
    template_free(b);
    tmpl_env_free(env);
    tableset_free(ts);
    diag_list_free(d);
}

Test(template, errors_syntax)
{
    expect_error("ok\nab {{ 1 + \n", 2, 4,
                 "unclosed \"{{\": expected \"}}\" to end the tag");
    expect_error("{{ if true }}\n{{ end }}\n  {{ end }}\n", 3, 6,
                 "{{ end }} without a block");
    expect_error("x\n {{ for r in notes }}\n", 2, 5,
                 "{{ for }} opened here is never closed\n"
                 "  hint: add {{ end }} where the block ends");
    expect_error("{{ else }}", 1, 4, "{{ else }} without {{ if }}");
    expect_error("{{ if 1 }}{{ else 2 }}{{ end }}", 1, 19,
                 "{{ else }} takes no condition\n  hint: did you mean "
                 "{{ elif … }}?");
    expect_error("{{ if 1 }}{{ endif }}{{ end }}", 1, 14,
                 "unknown block tag \"endif\"\n  hint: did you mean \"end\"?");
    expect_error("{{ 1 + }}", 1, 7,
                 "expected a value (a number, \"text\", a name or \"(\"), "
                 "found the end of the expression");
    expect_error("{{ (1 + 2 }}", 1, 10,
                 "expected \")\", found the end of the expression");
    expect_error("{{ \"abc }}", 1, 4,
                 "unterminated string: expected a closing \"");
}

Test(template, text_must_be_utf8)
{
    /* the column counts characters; the first bad byte is the error, and
     * the template is not compiled (no later stage sees the byte) */
    expect_error("# 導入\xff状況\n", 1, 5,
                 "invalid UTF-8 byte 0xFF: expected UTF-8 text\n  hint: save "
                 "the template as UTF-8 and check this character");
    expect_error("---\ntitle: 資料\xe3\x81\n---\n", 2, 10,
                 "invalid UTF-8 byte 0xE3: expected UTF-8 text\n  hint: save "
                 "the template as UTF-8 and check this character");
    expect_error("ok\n{{ \"\xc0\xaf\" }}\n", 2, 5,
                 "invalid UTF-8 byte 0xC0: expected UTF-8 text\n  hint: save "
                 "the template as UTF-8 and check this character");
    expect_error("\xed\xa0\x80", 1, 1,
                 "invalid UTF-8 byte 0xED: expected UTF-8 text\n  hint: save "
                 "the template as UTF-8 and check this character");
    /* a template that is Shift_JIS (CP932) throughout is named so */
    expect_error("# \x93\xb1\x93\xfc\x8f\xf3\x8b\xb5\n", 1, 3,
                 "the template is Shift_JIS (CP932): expected UTF-8\n  hint: "
                 "save the template as UTF-8 (in the editor's \"Save as\", "
                 "encoding UTF-8)");
    diag_list *d = diag_list_new();
    const char text[] = "本\0文\n";
    cr_expect_null(template_compile("t.md", text, sizeof text - 1, d));
    cr_assert_eq(diag_count(d), 1);
    cr_expect_eq(diag_get(d, 0)->line, 1);
    cr_expect_eq(diag_get(d, 0)->col, 2);
    cr_expect_str_eq(diag_get(d, 0)->message,
                     "NUL byte in the file: expected text");
    diag_list_free(d);
}

Test(template, errors_names)
{
    expect_error(
        "\n  {{ count(adoption where org_typ = \"都道府県\") }}", 2, 27,
        "unknown column \"org_typ\" in table \"adoption\"\n  hint: did you "
        "mean \"org_type\"?");
    expect_error(
        "{{ sum(functoins) }}", 1, 8,
        "unknown name \"functoins\" (not a variable or a table)\n  hint: did "
        "you mean \"functions\"?");
    expect_error("{{ coun(notes) }}", 1, 4,
                 "unknown function \"coun\"\n  hint: did you mean \"count\"?");
    expect_error("{{ xyzzy(notes) }}", 1, 4, "unknown function \"xyzzy\"");
    expect_error(
        "{{ for r in notes }}{{ r.labl }}{{ end }}", 1, 26,
        "unknown column \"labl\" in table \"notes\"\n  hint: did you mean "
        "\"label\"?");
    expect_error(
        "{{ sum(notes, \"amout\") }}", 1, 15,
        "unknown column \"amout\" in table \"notes\"\n  hint: did you mean "
        "\"amount\"?");
    expect_error(
        "{{ count(functions where category = \"音声認議\") }}", 1, 37,
        "unknown value \"音声認議\": no row of table \"functions\" has "
        "it in column \"category\"\n  hint: did "
        "you mean \"音声認識\"?");
}

Test(template, errors_values)
{
    expect_error("{{ 1 / (2 - 2) }}", 1, 6, "division by zero");
    expect_error("{{ share(functions where value > 9999, functions) }}", 1, 4,
                 "no rows match functions where value > 9999");
    expect_error("{{ share(1, notes where id > 9) }}", 1, 4,
                 "table \"notes\" has no column \"value\"; name the column, "
                 "e.g. share(t, \"count\")");
    expect_error("{{ sum(notes where id > 9, \"amount\") }}", 1, 4,
                 "no rows match notes where id > 9");
    expect_error("{{ ratio(1, sum(notes, \"amount\") - 25) }}", 1, 4,
                 "division by zero: the second argument of ratio() is 0");
    expect_error("{{ value(notes, \"id\") }}", 1, 4,
                 "value() needs exactly one row, but 5 rows match notes; add "
                 "conditions with \"where\" or use sum()");
    expect_error("{{ notes }}", 1, 4,
                 "cannot write a whole table here; use sum(…), count(…) or "
                 "value(…)");
    expect_error("{{ sum(notes, \"label\") }}", 1, 15,
                 "sum() needs a column of numbers, but column \"label\" of "
                 "table \"notes\" is text");
    expect_error("{{ 0.5 | wareki }}", 1, 4,
                 "wareki() needs a survey year, got a number");
}

Test(template, errors_are_all_reported_once)
{
    run r = run_text("{{ nope }}\n{{ for r in notes }}{{ 1 / 0 }}{{ end }}\n"
                     "{{ also_nope }}\n");
    cr_assert_eq(r.rc, -1);
    cr_assert_eq(diag_error_count(r.d), 3);
    cr_assert_eq(diag_get(r.d, 0)->line, 1);
    cr_assert_eq(diag_get(r.d, 1)->line, 2);
    cr_assert_eq(diag_get(r.d, 1)->col, 26, "col %d", diag_get(r.d, 1)->col);
    cr_assert_eq(diag_get(r.d, 2)->line, 3);
    cr_assert_null(r.e.text);
    run_free(&r);
}

/* ---- every example of docs/templates.md ---- */

typedef struct block {
    char *info;
    char *body;
    int line;
} block;

/* Reads the fenced block opening at lines[*i]; advances *i past it. */
static int read_block(char **lines, size_t n, size_t *i, block *b)
{
    const char *l = lines[*i];
    size_t ticks = 0;
    while (l[ticks] == '`')
        ticks++;
    if (ticks < 3 || !l[ticks])
        return 0;
    b->info = xstrdup(l + ticks);
    b->line = (int)*i + 1;
    buf body = BUF_INIT;
    size_t j = *i + 1;
    for (; j < n; j++) {
        size_t k = 0;
        while (lines[j][k] == '`')
            k++;
        if (k == ticks && !lines[j][k])
            break;
        buf_puts(&body, lines[j]);
        buf_putc(&body, '\n');
    }
    cr_assert_lt(j, n, "docs/templates.md:%d: block never closed", b->line);
    b->body = buf_detach(&body);
    *i = j + 1;
    return 1;
}

Test(template, docs_examples)
{
    FILE *f = fopen("docs/templates.md", "rb");
    cr_assert_not_null(f, "run the tests from the project root");
    buf all = BUF_INIT;
    char chunk[4096];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_put(&all, chunk, got);
    fclose(f);
    char **lines = NULL;
    size_t n = 0, cap = 0;
    for (char *p = all.data, *q; p && *p; p = q ? q + 1 : NULL) {
        q = strchr(p, '\n');
        if (q)
            *q = 0;
        lines = xgrow(lines, &cap, n + 1, sizeof(char *));
        lines[n++] = p;
    }
    int examples = 0;
    for (size_t i = 0; i < n;) {
        block t;
        if (!read_block(lines, n, &i, &t)) {
            i++;
            continue;
        }
        if (strcmp(t.info, "template") != 0) {
            free(t.info);
            free(t.body);
            continue;
        }
        while (i < n && !lines[i][0])
            i++;
        block o;
        cr_assert(i < n && read_block(lines, n, &i, &o),
                  "docs/templates.md:%d: template without an output block",
                  t.line);
        int is_err = strcmp(o.info, "errors") == 0;
        cr_assert(is_err || strcmp(o.info, "output") == 0,
                  "docs/templates.md:%d: expected output or errors", o.line);
        diag_list *d = diag_list_new();
        tableset *ts = tableset_load_dir(FIXDIR, CSV_ENC_AUTO, d);
        tmpl_env *env = tmpl_env_new(ts);
        template *tp = template_compile("example.md", t.body, strlen(t.body), d);
        expansion e;
        memset(&e, 0, sizeof e);
        int rc = -1;
        if (tp) {
            tmpl_env_add_meta(env, tp);
            rc = template_expand(tp, env, &e, d);
        }
        buf msgs = BUF_INIT;
        for (size_t k = 0; k < diag_count(d); k++) {
            diag_format(diag_get(d, k), &msgs);
            buf_putc(&msgs, '\n');
        }
        if (is_err) {
            cr_assert_neq(rc, 0, "docs/templates.md:%d: expected errors",
                          t.line);
            cr_assert_str_eq(buf_cstr(&msgs), o.body,
                             "docs/templates.md:%d: errors differ; got:\n%s",
                             t.line, buf_cstr(&msgs));
        } else {
            cr_assert_eq(rc, 0, "docs/templates.md:%d: %s", t.line,
                         buf_cstr(&msgs));
            cr_assert_str_eq(e.text, o.body,
                             "docs/templates.md:%d: output differs; got:\n%s",
                             t.line, e.text);
        }
        examples++;
        buf_free(&msgs);
        expansion_free(&e);
        template_free(tp);
        tmpl_env_free(env);
        tableset_free(ts);
        diag_list_free(d);
        free(t.info);
        free(t.body);
        free(o.info);
        free(o.body);
    }
    cr_assert_geq(examples, 15, "only %d examples found", examples);
    free(lines);
    buf_free(&all);
}

Test(template, ordering_totals_and_trends)
{
    /* consistent(): rising (音声認識 801 -> 879), falling (未導入, with
     * the 速報 status of the R6 rows), unchanged (都道府県 47 -> 47) */
    expect_output("{{ consistent(functions where category = \"音声認識\") }} "
                  "{{ consistent(adoption where category = \"未導入\") }} "
                  "{{ consistent(adoption where org_type = \"都道府県\") }}",
                  "1 \\-1〔速報〕 0");
    /* one survey year only: no trend */
    expect_output("{{ consistent(functions where category = \"マッチング\") }}",
                  "0〔仮〕");
    /* totals keep the weakest status of each group's rows */
    expect_output("{{ for r in rows(totals(functions, \"category\")) }}"
                  "{{ r.value }} {{ end }}",
                  "1\\,680 1\\,392 655 120 35〔仮〕 ");
    /* sort is stable and puts missing last; reverse works on lists */
    expect_output("{{ for y in reverse(years(adoption)) }}{{ y | short }}{{ end }}"
                  " {{ first(sort(adoption, \"value\")).value }}"
                  " {{ last(sort(adoption, \"survey_year\")).category }}",
                  "R6R5 0 未導入");
    /* where over a list of numbers binds each item as it */
    expect_output("{{ count([1, 5, 9] where it > 2) }}", "2");
    expect_output("{{ 2019 | fy }} {{ value(adoption where survey_year = "
                  "previous and org_type = \"都道府県\" and category = "
                  "\"未導入\", \"as_of\") | md }}",
                  "2019年度 12月31日");
}

Test(template, list_where_and_nth_errors)
{
    expect_error("{{ nth([1, 2], 0) }}", 1, 16,
                 "nth(): n must be a whole number from 1 to 2 (the number of "
                 "items)");
    expect_error("{{ 3 where it > 1 }}", 1, 6,
                 "\"where\" needs a table or a list on its left, got a number");
    expect_error(
        "{{ totals(adoption, \"org_typ\") }}", 1, 21,
        "unknown column \"org_typ\" in table \"adoption\"\n  hint: did you "
        "mean \"org_type\"?");
}

Test(template, fuzz_regressions)
{
    /* an overlong encoding of "1" made the lexer loop on a number of no
     * length */
    run r = run_text("{{ \xc0\xb1 }}");
    cr_expect_neq(r.rc, 0);
    cr_expect_geq(diag_error_count(r.d), 1);
    run_free(&r);
    /* a huge number given to an era filter overflowed an int (a literal
     * that large is refused now: a product makes it) */
    expect_error("{{ 5555555555555555 * 5555555555555555 | wareki }}", 1, 21,
                 "wareki() needs a survey year, got a number out of range");
}
