#include "markdown.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "url.h"
#include "utf8.h"
#include "xalloc.h"

/* CommonMark's flanking rules fail next to Japanese punctuation:
 * "**「良好」**であった" has a closing "**" preceded by punctuation and
 * followed by a letter, so it closes nothing.  Before parsing, a private-
 * use marker (U+E000, neither space nor punctuation to cmark) is put on
 * each non-space side of every unescaped * or _ run that touches a CJK
 * character; emphasis then pairs as an author expects.  The markers are
 * removed from every literal after parsing.  Lines inside fenced code
 * blocks are left alone. */
#define EMPH_MARK "\xee\x80\x80"
#define EMPH_MARK_LEN 3

static int is_space_cp(int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000;
}

static int32_t cp_before(const char *s, size_t i)
{
    if (i == 0)
        return -1;
    size_t j = i - 1;
    while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80)
        j--;
    size_t adv;
    return utf8_decode(s + j, i - j, &adv);
}

/* The fence character (` or ~) when the line starting at byte i opens or
 * closes a code fence (three of them after at most three spaces), else 0. */
static char fence_at(const char *text, size_t len, size_t i)
{
    for (int sp = 0; sp < 3 && i < len && text[i] == ' '; sp++)
        i++;
    if (i + 2 < len && (text[i] == '`' || text[i] == '~') &&
        text[i + 1] == text[i] && text[i + 2] == text[i])
        return text[i];
    return 0;
}

static char *prepare_emphasis(const char *text, size_t len, size_t *outlen)
{
    buf b = BUF_INIT;
    int in_fence = 0;
    char fence = 0;
    size_t i = 0;
    while (i < len) {
        size_t e = i;
        while (e < len && text[e] != '\n')
            e++;
        char f = fence_at(text, e, i);
        if (f) {
            if (!in_fence) {
                in_fence = 1;
                fence = f;
            } else if (f == fence) {
                in_fence = 0;
            }
            buf_put(&b, text + i, e - i);
        } else if (in_fence) {
            buf_put(&b, text + i, e - i);
        } else {
            size_t j = i;
            while (j < e) {
                char c = text[j];
                if (c != '*' && c != '_') {
                    buf_putc(&b, c);
                    j++;
                    continue;
                }
                size_t bs = 0;
                while (j - bs > i && text[j - bs - 1] == '\\')
                    bs++;
                size_t r = j;
                while (r < e && text[r] == c)
                    r++;
                if (bs % 2 == 1) { /* escaped: the first is literal */
                    buf_putc(&b, c);
                    j++;
                    continue;
                }
                int32_t a = cp_before(text, j);
                size_t adv = 0;
                int32_t z = r < e ? utf8_decode(text + r, e - r, &adv) : -1;
                int cjk = (a > 0 && utf8_is_cjk((uint32_t)a) && a != 0x3000) ||
                          (z > 0 && utf8_is_cjk((uint32_t)z) && z != 0x3000);
                if (cjk && a > 0 && !is_space_cp(a))
                    buf_put(&b, EMPH_MARK, EMPH_MARK_LEN);
                buf_put(&b, text + j, r - j);
                if (cjk && z > 0 && !is_space_cp(z))
                    buf_put(&b, EMPH_MARK, EMPH_MARK_LEN);
                j = r;
            }
        }
        if (e < len)
            buf_putc(&b, '\n');
        i = e + 1;
    }
    *outlen = b.len;
    return buf_detach(&b);
}

/* A copy of s without the emphasis markers; caller frees. */
static char *unmark(const char *s)
{
    buf b = BUF_INIT;
    for (const char *p = s; *p;) {
        if (strncmp(p, EMPH_MARK, EMPH_MARK_LEN) == 0) {
            p += EMPH_MARK_LEN;
            continue;
        }
        buf_putc(&b, *p++);
    }
    return buf_detach(&b);
}

static void add_text(rich *r, const char *lit, unsigned flags, const char *href)
{
    char *t = unmark(lit);
    rich_add(r, t, strlen(t), flags, href);
    free(t);
}

typedef struct ctx {
    md_locate_fn locate;
    void *lctx;
    diag_list *d;
    int errors;
} ctx;

static uint32_t last_cp(const rich *r)
{
    for (size_t i = r->nruns; i-- > 0;) {
        const char *t = r->runs[i].text;
        size_t n = strlen(t);
        if (!n)
            continue;
        size_t j = n - 1;
        while (j > 0 && ((unsigned char)t[j] & 0xC0) == 0x80)
            j--;
        size_t adv;
        int32_t cp = utf8_decode(t + j, n - j, &adv);
        return cp < 0 ? 0 : (uint32_t)cp;
    }
    return 0;
}

/* The first code point of the text that follows node, if it is text. */
static uint32_t next_cp(cmark_node *node)
{
    cmark_node *n = cmark_node_next(node);
    while (n) {
        cmark_node_type t = cmark_node_get_type(n);
        if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) {
            const char *s = cmark_node_get_literal(n);
            if (s && *s) {
                size_t adv;
                int32_t cp = utf8_decode(s, strlen(s), &adv);
                return cp < 0 ? 0 : (uint32_t)cp;
            }
        } else if (cmark_node_first_child(n)) {
            n = cmark_node_first_child(n);
            continue;
        } else {
            return 0;
        }
        n = cmark_node_next(n);
    }
    return 0;
}

/* Raw HTML in a template: the writers would print it as text, so it is
 * an error at its line (a tag meant as text is written \<tag>). */
static void raw_html(ctx *c, int line, const char *lit)
{
    size_t n = strcspn(lit, "\n");
    diag_at(c->d, DIAG_ERROR, c->locate(c->lctx, line),
            "raw HTML \"%.*s%s\" is not part of a slide: it would be shown as "
            "text",
            (int)(n > 60 ? 60 : n), lit, n > 60 ? "…" : "");
    diag_hint(c->d, "write the text without tags (a chart or a table is a "
                    "```chart or ```table block); to show a tag as text, "
                    "put a backslash before its <: \\<br>");
    c->errors++;
}

static void inlines(ctx *c, cmark_node *parent, rich *r, unsigned flags,
                    const char *href)
{
    for (cmark_node *n = cmark_node_first_child(parent); n;
         n = cmark_node_next(n)) {
        const char *lit = cmark_node_get_literal(n);
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_TEXT:
            add_text(r, lit, flags, href);
            break;
        case CMARK_NODE_HTML_INLINE:
            raw_html(c, cmark_node_get_start_line(parent), lit);
            add_text(r, lit, flags, href);
            break;
        case CMARK_NODE_CODE:
            add_text(r, lit, flags | RUN_CODE, href);
            break;
        case CMARK_NODE_SOFTBREAK: {
            /* CommonMark turns a soft break into a space; between two
             * Japanese characters that space is wrong. */
            uint32_t a = last_cp(r), b = next_cp(n);
            int join = a && b && utf8_is_cjk(a) && utf8_is_cjk(b);
            rich_add(r, " ", join ? 0 : 1, RUN_SOFT, NULL);
            break;
        }
        case CMARK_NODE_LINEBREAK:
            rich_add(r, "", 0, RUN_BREAK, NULL);
            break;
        case CMARK_NODE_EMPH:
            inlines(c, n, r, flags | RUN_EM, href);
            break;
        case CMARK_NODE_STRONG:
            inlines(c, n, r, flags | RUN_STRONG, href);
            break;
        case CMARK_NODE_LINK: {
            const char *u = cmark_node_get_url(n);
            char *url = unmark(u ? u : "");
            if (!url_allowed(url)) {
                diag_at(c->d, DIAG_ERROR,
                        c->locate(c->lctx, cmark_node_get_start_line(parent)),
                        "link to \"%s\" is not allowed", url);
                diag_hint(c->d, "links must be http:, https:, mailto:, a "
                                "relative path or a #fragment");
                c->errors++;
                inlines(c, n, r, flags, href);
            } else {
                inlines(c, n, r, flags | RUN_LINK, url);
            }
            free(url);
            break;
        }
        case CMARK_NODE_IMAGE: {
            /* an image is a block of its own (markdown_parse); inside
             * text it would have no place on the slide */
            const char *u = cmark_node_get_url(n);
            char *url = unmark(u ? u : "");
            diag_at(c->d, DIAG_ERROR,
                    c->locate(c->lctx, cmark_node_get_start_line(parent)),
                    "the image \"%s\" is inside text (a sentence, a list "
                    "item, a quote or a heading): an image is a block of "
                    "its own",
                    url);
            diag_hint(c->d, "put ![…](%s) alone on its line, with a blank "
                            "line before and after it",
                      *url ? url : "logo.png");
            free(url);
            c->errors++;
            break;
        }
        default:
            break;
        }
    }
}

/* The plain text under node (an image's alternative text). */
static void plain_text(cmark_node *node, buf *out)
{
    for (cmark_node *n = cmark_node_first_child(node); n;
         n = cmark_node_next(n)) {
        cmark_node_type t = cmark_node_get_type(n);
        if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) {
            char *s = unmark(cmark_node_get_literal(n));
            buf_puts(out, s);
            free(s);
        } else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) {
            buf_putc(out, ' ');
        } else {
            plain_text(n, out);
        }
    }
}

/* The image a paragraph consists of (white space around it allowed), or
 * NULL. */
static cmark_node *sole_image(cmark_node *para)
{
    cmark_node *img = NULL;
    for (cmark_node *n = cmark_node_first_child(para); n;
         n = cmark_node_next(n)) {
        cmark_node_type t = cmark_node_get_type(n);
        if (t == CMARK_NODE_IMAGE && !img) {
            img = n;
            continue;
        }
        if (t == CMARK_NODE_SOFTBREAK)
            continue;
        if (t == CMARK_NODE_TEXT) {
            const char *s = cmark_node_get_literal(n);
            if (s && s[strspn(s, " \t")] == '\0')
                continue;
        }
        return NULL;
    }
    return img;
}

static md_block *add_block(md_doc *doc, md_kind kind, cmark_node *n)
{
    doc->blocks = xrealloc(doc->blocks, (doc->nblocks + 1) * sizeof(md_block));
    md_block *b = &doc->blocks[doc->nblocks++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->line = cmark_node_get_start_line(n);
    return b;
}

static rich *add_item(md_block *b, int line)
{
    b->items = xrealloc(b->items, (b->nitems + 1) * sizeof(rich));
    b->item_lines = xrealloc(b->item_lines, (b->nitems + 1) * sizeof(int));
    rich *r = &b->items[b->nitems];
    memset(r, 0, sizeof *r);
    b->item_lines[b->nitems++] = line;
    return r;
}

/* The text of a list item or block quote: its paragraphs joined by hard
 * breaks (nested lists are flattened into the same item). */
static void container_text(ctx *c, cmark_node *item, rich *r)
{
    int first = 1;
    for (cmark_node *p = cmark_node_first_child(item); p;
         p = cmark_node_next(p)) {
        cmark_node_type t = cmark_node_get_type(p);
        if (!first)
            rich_add(r, "", 0, RUN_BREAK, NULL);
        first = 0;
        if (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING)
            inlines(c, p, r, 0, NULL);
        else if (t == CMARK_NODE_LIST || t == CMARK_NODE_ITEM ||
                 t == CMARK_NODE_BLOCK_QUOTE)
            container_text(c, p, r);
        else if (cmark_node_get_literal(p))
            add_text(r, cmark_node_get_literal(p), 0, NULL);
    }
}

/* Byte offset of line `line` (1-based); blocks come in order, so the
 * cursor only moves forward (no rescan from the top per code block). */
typedef struct line_cursor {
    size_t off;
    int line;
} line_cursor;

static size_t line_start(line_cursor *c, const char *text, size_t len, int line)
{
    if (line < c->line) {
        c->off = 0;
        c->line = 1;
    }
    while (c->line < line && c->off < len) {
        if (text[c->off++] == '\n')
            c->line++;
    }
    return c->off;
}

md_doc *markdown_parse(const char *text, size_t len, md_locate_fn locate,
                       void *lctx, diag_list *d)
{
    ctx c = {locate, lctx, d, 0};
    size_t plen;
    char *prepared = prepare_emphasis(text, len, &plen);
    cmark_node *root = cmark_parse_document(prepared, plen, CMARK_OPT_DEFAULT);
    line_cursor ls = {0, 1};
    if (!root)
        return NULL;
    md_doc *doc = xcalloc(1, sizeof *doc);
    for (cmark_node *n = cmark_node_first_child(root); n;
         n = cmark_node_next(n)) {
        md_block *b;
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_HEADING:
            b = add_block(doc, MD_HEADING, n);
            b->level = cmark_node_get_heading_level(n);
            inlines(&c, n, add_item(b, b->line), 0, NULL);
            break;
        case CMARK_NODE_PARAGRAPH: {
            cmark_node *img = sole_image(n);
            if (img) {
                b = add_block(doc, MD_IMAGE, n);
                const char *u = cmark_node_get_url(img);
                b->url = unmark(u ? u : "");
                buf alt = BUF_INIT;
                plain_text(img, &alt);
                b->alt = buf_detach(&alt);
                break;
            }
            b = add_block(doc, MD_PARA, n);
            inlines(&c, n, add_item(b, b->line), 0, NULL);
            break;
        }
        case CMARK_NODE_BLOCK_QUOTE:
            b = add_block(doc, MD_QUOTE, n);
            container_text(&c, n, add_item(b, b->line));
            break;
        case CMARK_NODE_LIST:
            b = add_block(doc, MD_LIST, n);
            b->ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
            for (cmark_node *it = cmark_node_first_child(n); it;
                 it = cmark_node_next(it))
                container_text(&c, it,
                               add_item(b, cmark_node_get_start_line(it)));
            break;
        case CMARK_NODE_CODE_BLOCK: {
            b = add_block(doc, MD_CODE, n);
            const char *info = cmark_node_get_fence_info(n);
            const char *lit = cmark_node_get_literal(n);
            b->info = xstrdup(info ? info : "");
            b->code = unmark(lit ? lit : "");
            /* the content of a fenced block starts on the line after the
             * fence; cmark 0.30 has no accessor for "is fenced" */
            char open = fence_at(prepared, plen,
                                 line_start(&ls, prepared, plen, b->line));
            b->code_line = b->line + (open ? 1 : 0);
            int end = cmark_node_get_end_line(n);
            b->unclosed =
                open &&
                (end <= b->line ||
                 fence_at(prepared, plen,
                          line_start(&ls, prepared, plen, end)) != open);
            break;
        }
        case CMARK_NODE_HTML_BLOCK: {
            /* Raw HTML is an error, and never passed through. */
            raw_html(&c, cmark_node_get_start_line(n),
                     cmark_node_get_literal(n));
            b = add_block(doc, MD_PARA, n);
            const char *lit = cmark_node_get_literal(n);
            size_t l = strlen(lit);
            while (l && (lit[l - 1] == '\n'))
                l--;
            char *t = xstrndup(lit, l);
            add_text(add_item(b, b->line), t, 0, NULL);
            free(t);
            break;
        }
        case CMARK_NODE_THEMATIC_BREAK:
            add_block(doc, MD_RULE, n);
            break;
        default:
            break;
        }
    }
    cmark_node_free(root);
    free(prepared);
    if (c.errors) {
        md_doc_free(doc);
        return NULL;
    }
    return doc;
}

void md_doc_free(md_doc *doc)
{
    if (!doc)
        return;
    for (size_t i = 0; i < doc->nblocks; i++) {
        md_block *b = &doc->blocks[i];
        for (size_t j = 0; j < b->nitems; j++)
            rich_free(&b->items[j]);
        free(b->items);
        free(b->item_lines);
        free(b->info);
        free(b->code);
        free(b->url);
        free(b->alt);
    }
    free(doc->blocks);
    free(doc);
}

const char *md_library_version(void) { return cmark_version_string(); }
