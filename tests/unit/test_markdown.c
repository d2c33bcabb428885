/* Markdown to blocks: CJK soft breaks, raw HTML, links, code blocks. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "markdown.h"

static srcloc loc(void *ctx, int line)
{
    srcloc s = {(const char *)ctx, line, 1};
    return s;
}

static md_doc *parse(const char *s, diag_list *d)
{
    return markdown_parse(s, strlen(s), loc, "t.md", d);
}

Test(markdown, soft_break_between_japanese_is_no_space)
{
    diag_list *d = diag_list_new();
    md_doc *doc = parse("導入が\n進んでいる。AI\nand RPA\n導入\n", d);
    cr_assert_not_null(doc);
    cr_assert_eq(doc->nblocks, 1);
    char *p = rich_plain(&doc->blocks[0].items[0]);
    cr_expect_str_eq(p, "導入が進んでいる。AI and RPA 導入");
    free(p);
    md_doc_free(doc);
    diag_list_free(d);
}

Test(markdown, raw_html_is_an_error_at_its_line)
{
    diag_list *d = diag_list_new();
    md_doc *doc = parse("# 題\n\n本文\n\n<script>alert(1)</script>\n", d);
    cr_assert_null(doc);
    cr_assert_eq(diag_error_count(d), 1);
    const diag *g = diag_get(d, 0);
    cr_expect_eq(g->line, 5);
    cr_expect(strstr(g->message, "raw HTML \"<script>alert(1)</script>\""),
              "%s", g->message);
    diag_list_free(d);
}

Test(markdown, blocks_lists_and_code_with_lines)
{
    diag_list *d = diag_list_new();
    const char *src = "# 題\n\n- 一\n- **二**\n\n```chart\ntype: x\n```\n\n"
                      "\\<script>alert(1)\\</script>\n";
    md_doc *doc = parse(src, d);
    cr_assert_not_null(doc);
    cr_assert_eq(doc->nblocks, 4);
    cr_expect_eq(doc->blocks[0].kind, MD_HEADING);
    cr_expect_eq(doc->blocks[0].level, 1);
    cr_expect_eq(doc->blocks[1].kind, MD_LIST);
    cr_expect_eq(doc->blocks[1].nitems, 2);
    cr_expect_eq(doc->blocks[1].item_lines[1], 4);
    cr_expect_eq(doc->blocks[1].items[1].runs[0].flags & RUN_STRONG,
                 RUN_STRONG);
    cr_expect_eq(doc->blocks[2].kind, MD_CODE);
    cr_expect_str_eq(doc->blocks[2].info, "chart");
    cr_expect_str_eq(doc->blocks[2].code, "type: x\n");
    cr_expect_eq(doc->blocks[2].line, 6);
    cr_expect_eq(doc->blocks[2].code_line, 7);
    /* a tag escaped with a backslash is literal text, never markup */
    cr_expect_eq(doc->blocks[3].kind, MD_PARA);
    char *p = rich_plain(&doc->blocks[3].items[0]);
    cr_expect_str_eq(p, "<script>alert(1)</script>");
    free(p);
    md_doc_free(doc);
    diag_list_free(d);
}

Test(markdown, dangerous_link_schemes_are_errors)
{
    const char *bad[] = {"[x](javascript:alert(1))", "[x](data:text/html,hi)",
                         "[x](file:///etc/passwd)", "[x](JavaScript:y)"};
    for (size_t i = 0; i < 4; i++) {
        diag_list *d = diag_list_new();
        char src[128];
        strcpy(src, "段落\n\n");
        strcat(src, bad[i]);
        md_doc *doc = parse(src, d);
        cr_expect_null(doc, "%s must be refused", bad[i]);
        cr_expect_eq(diag_error_count(d), 1);
        const diag *g = diag_get(d, 0);
        cr_expect_eq(g->line, 3);
        cr_expect(strstr(g->message, "is not allowed") != NULL);
        md_doc_free(doc);
        diag_list_free(d);
    }
    diag_list *d = diag_list_new();
    md_doc *doc = parse("[a](https://www.soumu.go.jp/) [b](#s3) [c](p.pdf)", d);
    cr_assert_not_null(doc);
    cr_expect_str_eq(doc->blocks[0].items[0].runs[0].href,
                     "https://www.soumu.go.jp/");
    md_doc_free(doc);
    diag_list_free(d);
}

static unsigned flags_of(const rich *r, const char *text)
{
    for (size_t i = 0; i < r->nruns; i++)
        if (strcmp(r->runs[i].text, text) == 0)
            return r->runs[i].flags;
    return 0xFFFF;
}

Test(markdown, emphasis_next_to_japanese_punctuation)
{
    diag_list *d = diag_list_new();
    md_doc *doc = parse("評価は**「良好」**であった。**1,788団体（100%）**から回答。"
                        "*強調*も。", d);
    cr_assert_not_null(doc);
    const rich *r = &doc->blocks[0].items[0];
    char *p = rich_plain(r);
    cr_expect_str_eq(p, "評価は「良好」であった。1,788団体（100%）から回答。強調も。");
    free(p);
    cr_expect_eq(flags_of(r, "「良好」"), RUN_STRONG);
    cr_expect_eq(flags_of(r, "1,788団体（100%）"), RUN_STRONG);
    cr_expect_eq(flags_of(r, "強調"), RUN_EM);
    md_doc_free(doc);
    diag_list_free(d);
}

Test(markdown, escaped_asterisks_stay_literal_and_latin_unchanged)
{
    diag_list *d = diag_list_new();
    md_doc *doc = parse("値は\\*\\*「仮」\\*\\*です。a**b**c と 2 * 3 * 4。"
                        "`**コード**`\n\n```chart\ntitle: **図**\n```\n", d);
    cr_assert_not_null(doc);
    char *p = rich_plain(&doc->blocks[0].items[0]);
    cr_expect_str_eq(p, "値は**「仮」**です。abc と 2 * 3 * 4。**コード**");
    free(p);
    cr_expect_eq(flags_of(&doc->blocks[0].items[0], "b"), RUN_STRONG);
    cr_expect_str_eq(doc->blocks[1].code, "title: **図**\n");
    md_doc_free(doc);
    diag_list_free(d);
}
