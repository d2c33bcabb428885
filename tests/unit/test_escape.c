/* The one HTML/XML escaper (escape.h) and the one URL policy (url.h), and
 * that the site's page and its SVG both go through them. */
#include <criterion/criterion.h>
#include <string.h>

#include "buf.h"
#include "canvas.h"
#include "canvas_svg.h"
#include "escape.h"
#include "url.h"

static char *escaped(const char *s, size_t len)
{
    buf b = BUF_INIT;
    escape_xml(&b, s, len);
    return buf_detach(&b);
}

Test(escape, markup_characters_and_quotes)
{
    char *e = escaped("<a href=\"x\">&'", 15);
    cr_expect_str_eq(e, "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    free(e);
    buf b = BUF_INIT;
    escape_xml_str(&b, "導入済み「100%」 & <b>");
    cr_expect_str_eq(buf_cstr(&b), "導入済み「100%」 &amp; &lt;b&gt;");
    buf_free(&b);
}

Test(escape, invalid_utf8_becomes_replacement_characters)
{
    /* a stray continuation byte, a lone lead byte, an overlong "/", a
     * UTF-16 surrogate encoded in UTF-8 and a sequence cut off at the end */
    const char in[] = "a\x80" "b\xfe" "c\xc0\xaf" "d\xed\xa0\x80" "e\xe3\x81";
    char *e = escaped(in, sizeof in - 1);
    cr_expect_str_eq(e, "a\xEF\xBF\xBD"
                        "b\xEF\xBF\xBD"
                        "c\xEF\xBF\xBD\xEF\xBF\xBD"
                        "d\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
                        "e\xEF\xBF\xBD\xEF\xBF\xBD");
    free(e);
}

Test(escape, controls_illegal_in_xml_are_dropped)
{
    const char in[] = "a\x01" "b\x1b" "c\r\x7f" "d\xef\xbf\xbe" "e\xef\xbf\xbf"
                      "f\tg\nh";
    char *e = escaped(in, sizeof in - 1);
    cr_expect_str_eq(e, "abcdef\tg\nh", "tab and newline stay, the rest go");
    free(e);
    /* a NUL inside the length is dropped too, not a terminator */
    e = escaped("x\0y", 3);
    cr_expect_str_eq(e, "xy");
    free(e);
}

Test(escape, the_svg_backend_uses_the_same_escaper)
{
    buf out = BUF_INIT;
    canvas *c = canvas_svg_new(NULL, &out, "t", "d", "x");
    canvas_begin_page(c, 10, 10);
    const char t[] = "<\x01\xff'>";
    canvas_text(c, 0, 5, 5, TEXT_REGULAR, t, sizeof t - 1);
    canvas_end_page(c);
    cr_assert_not(c->failed);
    canvas_destroy(c);
    char *want = escaped(t, sizeof t - 1);
    cr_expect(strstr(buf_cstr(&out), want) != NULL, "%s", buf_cstr(&out));
    free(want);
    buf_free(&out);
}

Test(url, allowed_links)
{
    const char *ok[] = {NULL, "", "#s3", "/a/b", "./x.html", "../x.pdf",
                        "x.html", "data/s3-f1.csv", "dir/a:b",
                        "http://example.jp/", "HTTPS://www.soumu.go.jp/?a=1&b=2",
                        "mailto:info@example.jp"};
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
        cr_expect_eq(url_allowed(ok[i]), 1, "%s", ok[i] ? ok[i] : "NULL");
}

Test(url, refused_links)
{
    const char *bad[] = {"javascript:alert(1)", " JavaScript:alert(1)",
                         "\x01javascript:x", "java\nscript:x", "java\tscript:x",
                         "vbscript:x", "data:text/html,x", "file:///etc/passwd",
                         "ftp://example.jp/", "tel:0312345678", "x:y"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        cr_expect_eq(url_allowed(bad[i]), 0, "%s", bad[i]);
}

Test(url, the_svg_backend_applies_the_policy)
{
    buf out = BUF_INIT;
    canvas *c = canvas_svg_new(NULL, &out, "t", "d", "x");
    canvas_begin_page(c, 10, 10);
    canvas_link(c, 0, 0, 5, 5, "ftp://example.jp/");  /* not on the list */
    canvas_link(c, 0, 0, 5, 5, "https://example.jp/a");
    canvas_end_page(c);
    canvas_destroy(c);
    cr_expect(strstr(buf_cstr(&out), "ftp:") == NULL, "%s", buf_cstr(&out));
    cr_expect(strstr(buf_cstr(&out), "href=\"https://example.jp/a\"") != NULL);
    buf_free(&out);
}
