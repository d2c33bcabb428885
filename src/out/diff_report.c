#include "diff_report.h"

#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "num.h"

/* A value the reader compares whole ("1,024", "58"), not character by
 * character. */
static int whole_number(const char *s)
{
    size_t n = strlen(s);
    num_read r;
    return n && num_scan(s, n, NUM_SIGN | NUM_GROUPS, &r) == 0 && r.len == n;
}

/* ---- text ----------------------------------------------------------- */

/* The one walk over two texts' tokens (diff_tokens): each run that is in
 * both goes to same, each run only in a to del, only in b to ins, in
 * order; every report writes its marks through these three. */
typedef struct marker {
    void (*same)(buf *out, const char *s, size_t n);
    void (*del)(buf *out, const char *s, size_t n);
    void (*ins)(buf *out, const char *s, size_t n);
} marker;

static void walk_diff(const char *a, const char *b, const marker *m, buf *out)
{
    dd_token *ta, *tb;
    size_t na, nb;
    diff_tokens(a, b, &ta, &na, &tb, &nb);
    size_t i = 0, j = 0;
    while (i < na || j < nb) {
        if (i < na && j < nb && !ta[i].changed && !tb[j].changed) {
            m->same(out, ta[i].s, ta[i].len);
            i++;
            j++;
            continue;
        }
        if (i < na && ta[i].changed) {
            size_t s = i;
            while (i < na && ta[i].changed)
                i++;
            m->del(out, ta[s].s,
                   (size_t)(ta[i - 1].s + ta[i - 1].len - ta[s].s));
        }
        if (j < nb && tb[j].changed) {
            size_t s = j;
            while (j < nb && tb[j].changed)
                j++;
            m->ins(out, tb[s].s,
                   (size_t)(tb[j - 1].s + tb[j - 1].len - tb[s].s));
        }
    }
    free(ta);
    free(tb);
}

static void text_same(buf *out, const char *s, size_t n) { buf_put(out, s, n); }

static void text_del(buf *out, const char *s, size_t n)
{
    buf_puts(out, "[-");
    buf_put(out, s, n);
    buf_puts(out, "-]");
}

static void text_ins(buf *out, const char *s, size_t n)
{
    buf_puts(out, "{+");
    buf_put(out, s, n);
    buf_puts(out, "+}");
}

/* old → new with what differs marked [-…-]{+…+}, runs of changed tokens
 * kept together. */
static void word_diff(const char *a, const char *b, buf *out)
{
    static const marker m = {text_same, text_del, text_ins};
    walk_diff(a, b, &m, out);
}

static void slide_line(const dd_slide *s, buf *out)
{
    if (!s->old_no)
        buf_printf(out, "slide %zu added: %s\n", s->new_no, s->title);
    else if (!s->new_no)
        buf_printf(out, "slide %zu removed: %s\n", s->old_no, s->title);
    else if (s->old_no != s->new_no)
        buf_printf(out, "slide %zu (was %zu): %s\n", s->new_no, s->old_no,
                   s->title);
    else
        buf_printf(out, "slide %zu: %s\n", s->new_no, s->title);
}

static void change_line(const dd_change *c, buf *out)
{
    const char *mark = c->kind == DD_ADDED     ? "+ "
                       : c->kind == DD_REMOVED ? "- "
                                               : "  ";
    buf_printf(out, "  %s%s", mark, c->where);
    if (c->label)
        buf_printf(out, ", %s", c->label);
    buf_puts(out, ": ");
    if (c->kind == DD_ADDED)
        buf_puts(out, c->new_text);
    else if (c->kind == DD_REMOVED)
        buf_puts(out, c->old_text);
    else if (c->what == DD_TEXT ||
             (c->what == DD_VALUE &&
              !(whole_number(c->old_text) && whole_number(c->new_text))))
        word_diff(c->old_text, c->new_text, out);
    else
        buf_printf(out, "%s → %s", c->old_text, c->new_text);
    buf_putc(out, '\n');
}

static void summary(const deck_diff *dd, const char *o, const char *n, buf *out)
{
    buf_printf(out, "%s (%zu slides) → %s (%zu slides): ", o, dd->old_count, n,
               dd->new_count);
    if (!dd->nchanges)
        buf_puts(out, "no change");
    else
        buf_printf(out, "%zu change%s on %zu slide%s", dd->nchanges,
                   dd->nchanges == 1 ? "" : "s", dd->nslides,
                   dd->nslides == 1 ? "" : "s");
}

void diff_report_text(const deck_diff *dd, const char *o, const char *n,
                      buf *out)
{
    summary(dd, o, n, out);
    buf_putc(out, '\n');
    for (size_t i = 0; i < dd->nslides; i++) {
        buf_putc(out, '\n');
        slide_line(&dd->slides[i], out);
        for (size_t k = 0; k < dd->slides[i].nchanges; k++)
            change_line(&dd->slides[i].changes[k], out);
    }
}

/* ---- HTML ----------------------------------------------------------- */

static const char CSS[] =
    "body{font-family:'IPAexGothic','Noto Sans JP',sans-serif;"
    "line-height:1.7;max-width:60em;margin:1em auto;padding:0 1em;"
    "color:#1a1a1a}"
    "h1{font-size:1.4em}h2{font-size:1.15em;border-bottom:1px solid #888;"
    "margin-top:1.6em}"
    "del{background:#ffd7d5;color:#6b0000}"
    "ins{background:#c8f0d0;color:#00401a;text-decoration:underline}"
    ".where{font-weight:bold}"
    ".sr{position:absolute;width:1px;height:1px;overflow:hidden;"
    "clip:rect(0 0 0 0);white-space:nowrap}"
    "li{margin:.4em 0}";

/* <del> or <ins> around a text, said in words for screen readers. */
static void html_mark(buf *out, const char *tag, const char *said,
                      const char *s, size_t len)
{
    buf_printf(out, "<%s><span class=\"sr\">%s：</span>", tag, said);
    escape_xml(out, s, len);
    buf_printf(out, "</%s>", tag);
}

static void html_del(buf *out, const char *s, size_t len)
{
    html_mark(out, "del", "削除", s, len);
}

static void html_ins(buf *out, const char *s, size_t len)
{
    html_mark(out, "ins", "追加", s, len);
}

static void html_same(buf *out, const char *s, size_t n)
{
    escape_xml(out, s, n);
}

static void html_word_diff(const char *a, const char *b, buf *out)
{
    static const marker m = {html_same, html_del, html_ins};
    walk_diff(a, b, &m, out);
}

static void html_change(const dd_change *c, buf *out)
{
    buf_puts(out, "<li><span class=\"where\">");
    escape_xml_str(out, c->where);
    if (c->label) {
        buf_puts(out, ", ");
        escape_xml_str(out, c->label);
    }
    buf_puts(out, "</span>: ");
    if (c->kind == DD_ADDED)
        html_ins(out, c->new_text, strlen(c->new_text));
    else if (c->kind == DD_REMOVED)
        html_del(out, c->old_text, strlen(c->old_text));
    else if (c->what == DD_TEXT ||
             (c->what == DD_VALUE &&
              !(whole_number(c->old_text) && whole_number(c->new_text))))
        html_word_diff(c->old_text, c->new_text, out);
    else {
        html_del(out, c->old_text, strlen(c->old_text));
        buf_puts(out, " → ");
        html_ins(out, c->new_text, strlen(c->new_text));
    }
    buf_puts(out, "</li>\n");
}

void diff_report_html(const deck_diff *dd, const char *o, const char *n,
                      buf *out)
{
    buf_puts(out, "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n"
                  "<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, "
                  "initial-scale=1\">\n<title>変更点: ");
    escape_xml_str(out, o);
    buf_puts(out, " → ");
    escape_xml_str(out, n);
    buf_printf(out,
               "</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n"
               "<h1>変更点 / Changes</h1>\n<p>",
               CSS);
    buf s = BUF_INIT;
    summary(dd, o, n, &s);
    escape_xml_str(out, buf_cstr(&s));
    buf_free(&s);
    buf_puts(out, "</p>\n");
    for (size_t i = 0; i < dd->nslides; i++) {
        const dd_slide *sl = &dd->slides[i];
        buf h = BUF_INIT;
        slide_line(sl, &h);
        h.data[--h.len] = '\0'; /* its line break */
        buf_puts(out, "<section>\n<h2>");
        escape_xml_str(out, buf_cstr(&h));
        buf_puts(out, "</h2>\n");
        buf_free(&h);
        if (sl->nchanges) {
            buf_puts(out, "<ul>\n");
            for (size_t k = 0; k < sl->nchanges; k++)
                html_change(&sl->changes[k], out);
            buf_puts(out, "</ul>\n");
        }
        buf_puts(out, "</section>\n");
    }
    buf_puts(out, "</main>\n</body>\n</html>\n");
}
