/* The line-breaking corpus (tests/fixtures/linebreak/corpus.tsv): every
 * case is set and its line starts compared with the expected ones; every
 * result is also checked against the kinsoku rules of its level. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "font.h"
#include "linebreak.h"
#include "utf8.h"

#define FONT "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"
#define CORPUS "tests/fixtures/linebreak/corpus.tsv"

/* The text of one case with '|' removed and "\n" unescaped; starts[] are
 * the byte offsets where lines after a '|' begin. */
static void parse_expected(const char *exp, buf *text, size_t *starts,
                           size_t *nstarts)
{
    *nstarts = 0;
    for (const char *p = exp; *p; p++) {
        if (*p == '|')
            starts[(*nstarts)++] = text->len;
        else if (p[0] == '\\' && p[1] == 'n') {
            buf_putc(text, '\n');
            p++;
        } else
            buf_putc(text, *p);
    }
}

/* The result written the way the corpus writes it. */
static void render(const char *text, const lb_para *p, buf *out)
{
    size_t len = strlen(text);
    size_t next = 1; /* the next line whose start gets a '|' */
    for (size_t k = 0; k <= len; k++) {
        while (next < p->nlines && p->lines[next].start <= k) {
            if (!(k > 0 && text[k - 1] == '\n'))
                buf_putc(out, '|');
            next++;
        }
        if (k == len)
            break;
        if (text[k] == '\n')
            buf_puts(out, "\\n");
        else
            buf_putc(out, text[k]);
    }
}

static uint32_t first_cp(const char *s, size_t len)
{
    size_t adv;
    int32_t cp = utf8_decode(s, len, &adv);
    return cp < 0 ? 0 : (uint32_t)cp;
}

static uint32_t last_cp(const char *s, size_t start, size_t end)
{
    size_t k = end;
    while (k > start && ((unsigned char)s[k - 1] & 0xC0) == 0x80)
        k--;
    if (k > start)
        k--;
    while (k > start && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    return first_cp(s + k, end - k);
}

Test(linebreak_corpus, every_case_breaks_as_expected)
{
    diag_list *d = diag_list_new();
    font *f = font_open(FONT, d);
    cr_assert_not_null(f);
    FILE *fp = fopen(CORPUS, "r");
    cr_assert_not_null(fp, "cannot open %s", CORPUS);
    char line[4096];
    int lineno = 0, cases = 0, failed = 0;
    int per_level[4] = {0};
    while (fgets(line, sizeof line, fp)) {
        lineno++;
        line[strcspn(line, "\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        char *fields[5] = {0};
        int nf = 0;
        for (char *p = line; nf < 5;) {
            fields[nf++] = p;
            char *t = strchr(p, '\t');
            if (!t)
                break;
            *t = '\0';
            p = t + 1;
        }
        cr_assert(nf >= 4, "%s:%d: expected 4 tab-separated fields", CORPUS,
                  lineno);
        lb_opts o = {LB_STRICT, 0, 0};
        cr_assert_eq(lb_level_parse(fields[0], &o.level), 0,
                     "%s:%d: unknown level %s", CORPUS, lineno, fields[0]);
        double m = strtod(fields[1], NULL);
        o.hanging = strchr(fields[2], 'h') != NULL;
        o.justify = strchr(fields[2], 'j') != NULL;
        buf text = BUF_INIT, got = BUF_INIT;
        size_t starts[64], nstarts;
        parse_expected(fields[3], &text, starts, &nstarts);
        lb_para p;
        lb_set(&p, f, text.data, text.len, 10, m * 10, &o);
        render(buf_cstr(&text), &p, &got);
        if (strcmp(buf_cstr(&got), fields[3]) != 0) {
            cr_log_error("%s:%d: %s %s em: expected %s, got %s", CORPUS,
                         lineno, fields[0], fields[1], fields[3],
                         buf_cstr(&got));
            failed++;
        }
        /* kinsoku on whatever came out */
        for (size_t i = 0; i < p.nlines; i++) {
            const lb_line *l = &p.lines[i];
            if (l->end <= l->start)
                continue;
            uint32_t a = first_cp(text.data + l->start, l->end - l->start);
            uint32_t z = last_cp(text.data, l->start, l->end);
            if (i > 0 && text.data[l->start - 1] != '\n' &&
                lb_no_start(a, o.level)) {
                cr_log_error("%s:%d: line %zu starts with U+%04X", CORPUS,
                             lineno, i + 1, (unsigned)a);
                failed++;
            }
            if (i + 1 < p.nlines && text.data[l->end] != '\n' &&
                lb_no_end(z, o.level)) {
                cr_log_error("%s:%d: line %zu ends with U+%04X", CORPUS,
                             lineno, i + 1, (unsigned)z);
                failed++;
            }
        }
        lb_para_free(&p);
        buf_free(&text);
        buf_free(&got);
        cases++;
        per_level[o.level]++;
    }
    fclose(fp);
    cr_expect(cases >= 150, "the corpus has only %d cases", cases);
    for (int l = 0; l < 4; l++)
        cr_expect(per_level[l] >= 20, "level %s has only %d cases",
                  lb_level_name((lb_level)l), per_level[l]);
    cr_expect_eq(failed, 0, "%d of %d corpus cases failed", failed, cases);
    font_free(f);
    diag_list_free(d);
}
