#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "canvas.h"
#include "canvas_pdf.h"
#include "xalloc.h"
#include "canvas_probe.h"
#include "canvas_record.h"
#include "canvas_svg.h"
#include "canvas_trace.h"

#define IPAEX "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"
#define SENTENCE "導入済み団体数は、都道府県・指定都市で100%となった。"

static font *ipaex;
static diag_list *diags;

static void setup(void)
{
    diags = diag_list_new();
    ipaex = font_open(IPAEX, diags);
    cr_assert_not_null(ipaex);
}

static void teardown(void)
{
    font_free(ipaex);
    diag_list_free(diags);
}

static void text(canvas *c, double x, double y, double size, text_style st,
                 const char *s)
{
    canvas_text(c, x, y, size, st, s, strlen(s));
}

/* A small drawing that uses every operation. */
static void draw(canvas *c)
{
    canvas_begin_page(c, 400, 300);
    canvas_bookmark(c, "はじめに", 0);
    canvas_save(c);
    canvas_set_fill(c, (rgb){0.1, 0.25, 0.5}, 1);
    canvas_rect(c, 10, 20, 100, 50);
    canvas_fill(c);
    canvas_set_stroke(c, (rgb){1, 0.5, 0}, 0.5, 1.5);
    canvas_set_dash(c, (double[]){3, 2}, 2, 1);
    canvas_move_to(c, 10, 100);
    canvas_line_to(c, 200.125, 100);
    canvas_curve_to(c, 210, 110, 220, 120, 230, 130);
    canvas_close_path(c);
    canvas_stroke(c);
    canvas_set_dash(c, NULL, 0, 0);
    canvas_rect(c, 0, 0, 400, 300);
    canvas_clip(c);
    canvas_group_begin(c, "凡例");
    canvas_rect(c, 300, 10, 20, 20);
    canvas_fill_stroke(c);
    text(c, 10, 20, 12, TEXT_REGULAR, "導入済み");
    text(c, 10, 40, 14, TEXT_BOLD, "<A&B> \"100%\"");
    canvas_group_end(c);
    canvas_restore(c);
    canvas_link(c, 10, 250, 100, 20, "https://www.soumu.go.jp/?a=1&b=2");
    canvas_end_page(c);
}

static const char *const golden =
    "begin_page 400 300\n"
    "bookmark 0 はじめに\n"
    "save\n"
    "set_fill 0.1 0.25 0.5 1\n"
    "rect 10 20 100 50\n"
    "fill\n"
    "set_stroke 1 0.5 0 0.5 1.5\n"
    "set_dash [3 2] 1\n"
    "move_to 10 100\n"
    "line_to 200.13 100\n"
    "curve_to 210 110 220 120 230 130\n"
    "close_path\n"
    "stroke\n"
    "set_dash [] 0\n"
    "rect 0 0 400 300\n"
    "clip\n"
    "group_begin 凡例\n"
    "rect 300 10 20 20\n"
    "fill_stroke\n"
    "text 10 20 12 regular 導入済み\n"
    "text 10 40 14 bold <A&B> \"100%\"\n"
    "group_end\n"
    "restore\n"
    "link 10 250 100 20 https://www.soumu.go.jp/?a=1&b=2\n"
    "end_page\n";

Test(canvas, trace_golden, .init = setup, .fini = teardown)
{
    buf out = BUF_INIT;
    canvas *t = canvas_trace_new(ipaex, &out);
    draw(t);
    cr_assert_not(t->failed);
    cr_assert_str_eq(buf_cstr(&out), golden);
    canvas_destroy(t);
    buf_free(&out);
}

Test(canvas, trace_escapes_newlines, .init = setup, .fini = teardown)
{
    buf out = BUF_INIT;
    canvas *t = canvas_trace_new(ipaex, &out);
    text(t, 0, 0, 10, TEXT_REGULAR, "a\nb\\c");
    cr_assert_str_eq(buf_cstr(&out), "text 0 0 10 regular a\\nb\\\\c\n");
    canvas_destroy(t);
    buf_free(&out);
}

Test(canvas, record_replay_matches_direct, .init = setup, .fini = teardown)
{
    buf direct = BUF_INIT, replayed = BUF_INIT;
    canvas *t1 = canvas_trace_new(ipaex, &direct);
    draw(t1);
    canvas *rec = canvas_record_new(ipaex);
    draw(rec);
    canvas *t2 = canvas_trace_new(ipaex, &replayed);
    canvas_record_replay(rec, t2);
    cr_assert_str_eq(buf_cstr(&replayed), buf_cstr(&direct));
    /* Replaying twice gives the drawing twice. */
    canvas_record_replay(rec, t2);
    cr_assert_eq(replayed.len, 2 * direct.len);
    canvas_destroy(t1);
    canvas_destroy(t2);
    canvas_destroy(rec);
    buf_free(&direct);
    buf_free(&replayed);
}

Test(canvas, record_collects_sorted_codepoints, .init = setup,
     .fini = teardown)
{
    canvas *rec = canvas_record_new(ipaex);
    text(rec, 0, 0, 10, TEXT_REGULAR, "いあいA");
    canvas_bookmark(rec, "目次", 0); /* not drawn with the font */
    const char bad[] = "B\xff" "あ";
    canvas_text(rec, 0, 0, 10, TEXT_BOLD, bad, sizeof bad - 1);
    size_t n;
    const uint32_t *cps = canvas_record_codepoints(rec, &n);
    cr_assert_eq(n, 4);
    cr_assert_eq(cps[0], 'A');
    cr_assert_eq(cps[1], 'B');
    cr_assert_eq(cps[2], 0x3042);
    cr_assert_eq(cps[3], 0x3044);
    text(rec, 0, 0, 10, TEXT_REGULAR, "0");
    cps = canvas_record_codepoints(rec, &n);
    cr_assert_eq(n, 5);
    cr_assert_eq(cps[0], '0');
    canvas_destroy(rec);
}

Test(canvas, failure_is_sticky, .init = setup, .fini = teardown)
{
    buf out = BUF_INIT;
    canvas *t = canvas_trace_new(ipaex, &out);
    canvas_fail(t, "first %d", 1);
    canvas_fail(t, "second");
    cr_assert(t->failed);
    cr_assert_str_eq(t->error, "first 1");
    canvas_rect(t, 0, 0, 1, 1);
    canvas_fill(t);
    cr_assert_eq(out.len, 0);
    canvas_destroy(t);
    buf_free(&out);
}

static int empty_destroyed;
static void empty_destroy(canvas *c)
{
    empty_destroyed++;
    free(c);
}

Test(canvas, wrappers_skip_missing_operations, .init = setup,
     .fini = teardown)
{
    static const canvas_ops none = {.name = "none", .destroy = empty_destroy};
    canvas *c = calloc(1, sizeof *c);
    c->ops = &none;
    c->font = ipaex;
    draw(c);
    canvas_arc(c, 10, 10, 5, 0, 1);
    canvas_text_aligned(c, 0, 0, 10, TEXT_REGULAR, 1, "中央");
    cr_assert_not(c->failed);
    canvas_destroy(c);
    cr_assert_eq(empty_destroyed, 1);
    canvas_destroy(NULL);
}

Test(canvas, text_aligned_uses_font_width, .init = setup, .fini = teardown)
{
    double w = font_text_width(ipaex, "合計100件", strlen("合計100件"), 10);
    cr_assert_gt(w, 0);
    for (int align = 0; align < 3; align++) {
        buf out = BUF_INIT, want = BUF_INIT;
        canvas *t = canvas_trace_new(ipaex, &out);
        canvas_text_aligned(t, 200, 50, 10, TEXT_REGULAR, align, "合計100件");
        buf_puts(&want, "text ");
        buf_num(&want, 200 - w * align / 2, 2, 1);
        buf_puts(&want, " 50 10 regular 合計100件\n");
        cr_assert_str_eq(buf_cstr(&out), buf_cstr(&want));
        canvas_destroy(t);
        buf_free(&out);
        buf_free(&want);
    }
}

/* Captures the path points of canvas_arc. */
typedef struct cap {
    canvas base;
    double pts[64][2];
    int n;
    int lines, curves;
} cap;
static void cap_line(canvas *c, double x, double y)
{
    cap *k = (cap *)c;
    k->lines++;
    k->pts[k->n][0] = x;
    k->pts[k->n][1] = y;
    k->n++;
}
static void cap_curve(canvas *c, double x1, double y1, double x2, double y2,
                      double x3, double y3)
{
    cap *k = (cap *)c;
    k->curves++;
    double p[4][2] = {{k->pts[k->n - 1][0], k->pts[k->n - 1][1]},
                      {x1, y1},
                      {x2, y2},
                      {x3, y3}};
    /* The curve's midpoint must lie on the circle too. */
    double mx = (p[0][0] + 3 * p[1][0] + 3 * p[2][0] + p[3][0]) / 8;
    double my = (p[0][1] + 3 * p[1][1] + 3 * p[2][1] + p[3][1]) / 8;
    cr_assert_float_eq(hypot(mx - 100, my - 100), 50, 0.05);
    k->pts[k->n][0] = x3;
    k->pts[k->n][1] = y3;
    k->n++;
}

Test(canvas, arc_follows_the_circle)
{
    static const canvas_ops ops = {.name = "cap",
                                   .line_to = cap_line,
                                   .curve_to = cap_curve};
    cap k = {.base = {.ops = &ops}};
    const double pi = 3.14159265358979;
    /* A quarter turn clockwise from 12 o'clock: from the top to the right
     * (y grows downwards). */
    canvas_arc(&k.base, 100, 100, 50, 0, pi / 2);
    cr_assert_eq(k.lines, 1);
    cr_assert_eq(k.curves, 1);
    cr_assert_float_eq(k.pts[0][0], 100, 1e-9);
    cr_assert_float_eq(k.pts[0][1], 50, 1e-9);
    cr_assert_float_eq(k.pts[1][0], 150, 1e-9);
    cr_assert_float_eq(k.pts[1][1], 100, 1e-9);
    /* A full circle is four quarter curves ending where it began. */
    k.n = k.lines = k.curves = 0;
    canvas_arc(&k.base, 100, 100, 50, pi / 3, pi / 3 + 2 * pi);
    cr_assert_eq(k.curves, 4);
    cr_assert_float_eq(k.pts[4][0], k.pts[0][0], 1e-9);
    cr_assert_float_eq(k.pts[4][1], k.pts[0][1], 1e-9);
    for (int i = 0; i <= 4; i++)
        cr_assert_float_eq(hypot(k.pts[i][0] - 100, k.pts[i][1] - 100), 50,
                           1e-9);
    /* An empty or reversed span draws nothing. */
    k.n = k.lines = k.curves = 0;
    canvas_arc(&k.base, 100, 100, 50, 1, 1);
    cr_assert_eq(k.lines + k.curves, 0);
}

/* ---- SVG ---------------------------------------------------------------- */

static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    buf b = BUF_INIT;
    char tmp[4096];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, fp)) > 0)
        buf_put(&b, tmp, n);
    fclose(fp);
    if (len)
        *len = b.len;
    if (!b.data)
        buf_put(&b, "", 0);
    return buf_detach(&b);
}

static void spit(const char *path, const char *data, size_t len)
{
    FILE *fp = fopen(path, "wb");
    cr_assert_not_null(fp);
    cr_assert_eq(fwrite(data, 1, len, fp), len);
    fclose(fp);
}

/* Runs a shell command; returns its exit status and, when asked, its
 * standard output and standard error. */
static int run(const char *cmd, char **out, char **err)
{
    char o[] = "/tmp/shiryo-test-out-XXXXXX", e[] = "/tmp/shiryo-test-err-XXXXXX";
    int fo = mkstemp(o), fe = mkstemp(e);
    cr_assert(fo >= 0 && fe >= 0);
    close(fo);
    close(fe);
    buf full = BUF_INIT;
    buf_printf(&full, "%s >%s 2>%s", cmd, o, e);
    int rc = system(full.data);
    buf_free(&full);
    char *so = slurp(o, NULL), *se = slurp(e, NULL);
    unlink(o);
    unlink(e);
    if (out)
        *out = so;
    else
        free(so);
    if (err)
        *err = se;
    else
        free(se);
    return rc;
}

static int mem_has(const char *hay, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(hay + i, needle, n) == 0)
            return 1;
    return 0;
}

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

Test(canvas, svg_is_well_formed_and_escaped, .init = setup, .fini = teardown)
{
    buf out = BUF_INIT;
    canvas *s = canvas_svg_new(ipaex, &out, "導入率 <都道府県>",
                               "説明 & \"注\"", "fig1");
    draw(s);
    canvas_begin_page(s, 100, 50);
    const char bad[] = "x\xff\x01y";
    canvas_text(s, 1, 2, 8, TEXT_REGULAR, bad, sizeof bad - 1);
    canvas_end_page(s);
    cr_assert_not(s->failed, "%s", s->error);
    canvas_destroy(s);
    const char *svg = buf_cstr(&out);

    cr_assert_eq(count(svg, "<svg "), 2);
    cr_assert_eq(count(svg, "</svg>"), 2);
    cr_assert(strstr(svg, "viewBox=\"0 0 400 300\" width=\"400\" "
                          "height=\"300\" role=\"img\" "
                          "aria-labelledby=\"fig1-title fig1-desc\""));
    cr_assert(strstr(svg, "aria-labelledby=\"fig1-p2-title fig1-p2-desc\""));
    cr_assert(strstr(svg, "<title id=\"fig1-title\">導入率 "
                          "&lt;都道府県&gt;</title>"));
    cr_assert(strstr(svg, "<desc id=\"fig1-desc\">説明 &amp; "
                          "&quot;注&quot;</desc>"));
    cr_assert(strstr(svg, "font-family=\"'IPAexGothic','IPAexゴシック',"));
    cr_assert(strstr(svg, "<rect x=\"10\" y=\"20\" width=\"100\" "
                          "height=\"50\" fill=\"#1a4080\"/>"));
    cr_assert(strstr(svg, "stroke=\"#ff8000\" stroke-width=\"1.5\" "
                          "stroke-opacity=\"0.5\" stroke-dasharray=\"3 2\" "
                          "stroke-dashoffset=\"1\"/>"));
    cr_assert(strstr(svg, "<path d=\"M10 100 L200.13 100 C210 110 220 120 "
                          "230 130 Z\" fill=\"none\""));
    cr_assert(strstr(svg, "&lt;A&amp;B&gt; &quot;100%&quot;</text>"));
    cr_assert(strstr(svg, "font-weight=\"bold\""));
    cr_assert(strstr(svg, "<g role=\"group\" aria-label=\"凡例\">"));
    cr_assert(strstr(svg, "clip-path=\"url(#fig1-clip1)\""));
    cr_assert(strstr(svg, "href=\"https://www.soumu.go.jp/?a=1&amp;b=2\""));
    cr_assert(strstr(svg, ">x\xEF\xBF\xBDy</text>"));

    /* textLength is the HarfBuzz width of the run. */
    buf want = BUF_INIT;
    buf_puts(&want, "font-size=\"12\" textLength=\"");
    buf_num(&want, font_text_width(ipaex, "導入済み", strlen("導入済み"), 12),
            2, 1);
    buf_puts(&want, "\" lengthAdjust=\"spacingAndGlyphs\" fill=\"#1a4080\">"
                    "導入済み</text>");
    cr_assert(strstr(svg, want.data), "missing %s", want.data);
    buf_free(&want);

    /* Every <g> is closed: the document parses as XML. */
    buf doc = BUF_INIT;
    buf_puts(&doc, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<div>\n");
    buf_put(&doc, out.data, out.len);
    buf_puts(&doc, "</div>\n");
    char path[] = "/tmp/shiryo-test-svg-XXXXXX";
    int fd = mkstemp(path);
    close(fd);
    spit(path, doc.data, doc.len);
    buf cmd = BUF_INIT;
    buf_printf(&cmd, "xmllint --noout %s", path);
    char *err;
    int rc = run(cmd.data, NULL, &err);
    cr_assert_eq(rc, 0, "xmllint: %s", err);
    cr_assert_str_empty(err);
    free(err);
    unlink(path);
    buf_free(&cmd);
    buf_free(&doc);
    buf_free(&out);
}

Test(canvas, svg_drops_script_links_and_checks_pages, .init = setup,
     .fini = teardown)
{
    buf out = BUF_INIT;
    canvas *s = canvas_svg_new(ipaex, &out, "t", "d", NULL);
    canvas_begin_page(s, 10, 10);
    canvas_link(s, 0, 0, 5, 5, " JavaScript:alert(1)");
    canvas_link(s, 0, 0, 5, 5, "data:text/html,x");
    cr_assert_null(strstr(buf_cstr(&out), "<a "));
    cr_assert(strstr(buf_cstr(&out), "aria-labelledby=\"shiryo-svg-title"));
    canvas_restore(s);
    cr_assert(s->failed);
    cr_assert(strstr(s->error, "restore"));
    canvas_destroy(s);
    buf_free(&out);
}

/* ---- PDF ---------------------------------------------------------------- */

static const pdf_info info = {"自治体におけるAI・RPA活用促進", "総務省",
                              "AI・RPAの導入状況", "AI,RPA,自治体",
                              "shiryo", 0};

/* Draws pages onto a recorder, then into a PDF saved at path. */
static int make_pdf(const char *path, int pages, const pdf_info *in)
{
    canvas *rec = canvas_record_new(ipaex);
    for (int i = 0; i < pages; i++) {
        canvas_begin_page(rec, 841.89, 595.28);
        canvas_bookmark(rec, i == 0 ? "はじめに" : "導入状況", i == 0 ? 0 : 1);
        canvas_set_fill(rec, (rgb){0.1, 0.2, 0.45}, 1);
        text(rec, 40, 60, 24, TEXT_BOLD, "自治体におけるAI・RPA活用促進");
        canvas_set_fill(rec, (rgb){0, 0, 0}, 1);
        text(rec, 40, 120, 16, TEXT_REGULAR, SENTENCE);
        canvas_save(rec);
        canvas_rect(rec, 40, 150, 400, 300);
        canvas_clip(rec);
        canvas_set_fill(rec, (rgb){0.9, 0.5, 0.1}, 0.6);
        canvas_rect(rec, 60, 200, 80, 200);
        canvas_fill(rec);
        canvas_move_to(rec, 600, 300);
        canvas_arc(rec, 600, 300, 80, 0, 2.5);
        canvas_close_path(rec);
        canvas_fill(rec);
        canvas_restore(rec);
        canvas_set_stroke(rec, (rgb){0.5, 0.5, 0.5}, 1, 0.75);
        canvas_set_dash(rec, (double[]){4, 2}, 2, 0);
        canvas_move_to(rec, 40, 500);
        canvas_line_to(rec, 800, 500);
        canvas_stroke(rec);
        text(rec, 40, 560, 9, TEXT_REGULAR, "（出典）総務省「自治体における"
                                             "AI・RPA活用促進」令和7年6月30日版");
        canvas_link(rec, 40, 545, 300, 20, "https://www.soumu.go.jp/");
        canvas_end_page(rec);
    }
    size_t n;
    const uint32_t *cps = canvas_record_codepoints(rec, &n);
    canvas *pdf = canvas_pdf_new(ipaex, cps, n, in, diags);
    cr_assert_not_null(pdf);
    canvas_record_replay(rec, pdf);
    cr_assert_not(pdf->failed, "%s", pdf->error);
    int rc = canvas_pdf_save(pdf, path, diags);
    canvas_destroy(pdf);
    canvas_destroy(rec);
    return rc;
}

Test(canvas, pdf_passes_the_tools, .init = setup, .fini = teardown)
{
    char dir[] = "/tmp/shiryo-test-pdf-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    buf a = BUF_INIT, b = BUF_INIT, cmd = BUF_INIT;
    buf_printf(&a, "%s/a.pdf", dir);
    buf_printf(&b, "%s/b.pdf", dir);
    cr_assert_eq(make_pdf(a.data, 3, &info), 0);
    cr_assert_eq(make_pdf(b.data, 3, &info), 0);
    cr_assert_eq(diag_count(diags), 0);

    /* Deterministic and small. */
    size_t la, lb;
    char *da = slurp(a.data, &la), *db = slurp(b.data, &lb);
    cr_assert_eq(la, lb);
    cr_assert_eq(memcmp(da, db, la), 0, "two saves differ");
    cr_assert_lt(la, 60000, "3 pages take %zu bytes", la);
    cr_assert_null(strstr(da, "CreationDate"));
    cr_assert_null(strstr(da, "/ID"));
    free(da);
    free(db);

    char *out, *err;
    buf_printf(&cmd, "qpdf --check %s", a.data);
    cr_assert_eq(run(cmd.data, &out, &err), 0, "qpdf: %s%s", out, err);
    free(out);
    free(err);

    buf_reset(&cmd);
    buf_printf(&cmd, "pdffonts %s", a.data);
    cr_assert_eq(run(cmd.data, &out, &err), 0);
    cr_assert_str_empty(err, "pdffonts warned: %s", err);
    const char *line = strstr(out, "IPAexGothic");
    cr_assert_not_null(line, "%s", out);
    cr_assert(strstr(line, "CID TrueType"));
    cr_assert(strstr(line, "Identity-H"));
    cr_assert(strstr(line, "yes yes yes"), "not emb/sub/uni: %s", out);
    cr_assert_eq(count(out, "IPAexGothic"), 1);
    free(out);
    free(err);

    buf_reset(&cmd);
    buf_printf(&cmd, "pdftotext -enc UTF-8 %s -", a.data);
    cr_assert_eq(run(cmd.data, &out, &err), 0);
    cr_assert_str_empty(err, "poppler warned: %s", err);
    cr_assert_eq(count(out, SENTENCE "\n"), 3, "%s", out);
    cr_assert_eq(count(out, "自治体におけるAI・RPA活用促進\n"), 3);
    cr_assert_eq(count(out, "（出典）総務省「自治体におけるAI・RPA活用促進」"
                            "令和7年6月30日版"),
                 3);
    free(out);
    free(err);

    /* The ToUnicode map is ours; bookmarks and document info are
     * Japanese.  The expanded file holds binary font data, so it is
     * searched by length, not as a C string. */
    buf_reset(&cmd);
    buf_printf(&cmd, "qpdf --qdf --object-streams=disable %s %s/q.pdf",
               a.data, dir);
    cr_assert_eq(run(cmd.data, NULL, &err), 0, "%s", err);
    free(err);
    buf q = BUF_INIT;
    buf_printf(&q, "%s/q.pdf", dir);
    size_t lq;
    char *qd = slurp(q.data, &lq);
    cr_assert_not_null(qd);
    buf_free(&q);
    cr_assert(mem_has(qd, lq, "/CMapName /Adobe-Identity-UCS def"));
    cr_assert(mem_has(qd, lq, "<5C0E> <5C0E>"), "導 must map to itself");
    cr_assert(mem_has(qd, lq, "endbfchar"));
    cr_assert(mem_has(qd, lq, "/FontFile2"));
    cr_assert(mem_has(qd, lq, "/Title <feff81ea6cbb4f53306b304a3051308b"));
    cr_assert(mem_has(qd, lq, "/Author <feff7dcf52d97701>"));
    cr_assert(mem_has(qd, lq, "/ca 0.6"));
    cr_assert(mem_has(qd, lq, "2 Tr"), "bold text is filled and stroked");
    cr_assert(mem_has(qd, lq, "[4 2 ] 0 d"));
    cr_assert(mem_has(qd, lq, "/URI (https://www.soumu.go.jp/)"));
    /* Text shows code points as CIDs: 導入済み is <5c0e51656e08307f>. */
    cr_assert(mem_has(qd, lq, "<5c0e51656e08307f"));
    free(qd);

    buf_reset(&cmd);
    buf_printf(&cmd, "qpdf --json --json-key=outlines %s", a.data);
    cr_assert_eq(run(cmd.data, &out, &err), 0);
    cr_assert_eq(count(out, "\"title\": \"はじめに\""), 1, "%s", out);
    cr_assert_eq(count(out, "\"title\": \"導入状況\""), 2);
    free(out);
    free(err);

    buf_reset(&cmd);
    buf_printf(&cmd, "rm -rf %s", dir);
    cr_assert_eq(system(cmd.data), 0);
    buf_free(&a);
    buf_free(&b);
    buf_free(&cmd);
}

Test(canvas, pdf_date_only_when_asked, .init = setup, .fini = teardown)
{
    char path[] = "/tmp/shiryo-test-date-XXXXXX";
    int fd = mkstemp(path);
    close(fd);
    pdf_info dated = info;
    dated.date_ymd = 20250630;
    cr_assert_eq(make_pdf(path, 1, &dated), 0);
    /* the Info dictionary lies in the compressed object stream: read it
     * as a reader does */
    char cmd[128];
    snprintf(cmd, sizeof cmd, "pdfinfo %s", path);
    FILE *p = popen(cmd, "r");
    cr_assert_not_null(p);
    char line[256];
    int dated_ok = 0;
    while (fgets(line, sizeof line, p))
        if (strncmp(line, "CreationDate:", 13) == 0 &&
            strstr(line, "Jun 30 00:00:00 2025"))
            dated_ok = 1;
    pclose(p);
    cr_assert(dated_ok, "no date");
    unlink(path);
}

Test(canvas, pdf_rejects_text_libharu_would_garble, .init = setup,
     .fini = teardown)
{
    const uint32_t cps[] = {0x3042, 0x20BB7, 'A'};
    static const char *const bad[] = {
        "あ\xf0\xa0\xae\xb7",  /* 𠮷, outside the BMP */
        "A\xff",               /* invalid UTF-8 */
        "い",                  /* not in the subset */
        "\xee\x80\x80",        /* U+E000: no glyph */
        "A\nB",                /* control character */
    };
    static const char *const why[] = {"U+20BB7", "invalid UTF-8", "U+3044",
                                      "U+E000", "U+000A"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        canvas *pdf = canvas_pdf_new(ipaex, cps, 3, NULL, diags);
        cr_assert_not_null(pdf);
        canvas_begin_page(pdf, 100, 100);
        text(pdf, 10, 10, 10, TEXT_REGULAR, "Aあ");
        cr_assert_not(pdf->failed, "%s", pdf->error);
        text(pdf, 10, 30, 10, TEXT_REGULAR, bad[i]);
        cr_assert(pdf->failed, "case %zu accepted", i);
        cr_assert(strstr(pdf->error, why[i]), "case %zu: %s", i, pdf->error);
        canvas_end_page(pdf);
        cr_assert_eq(canvas_pdf_save(pdf, "/tmp/shiryo-test-never.pdf",
                                     diags),
                     -1);
        cr_assert_eq(access("/tmp/shiryo-test-never.pdf", F_OK), -1);
        canvas_destroy(pdf);
    }
    cr_assert_eq(diag_error_count(diags), sizeof bad / sizeof *bad);
}

Test(canvas, pdf_without_text_and_misuse, .init = setup, .fini = teardown)
{
    canvas *pdf = canvas_pdf_new(ipaex, NULL, 0, NULL, diags);
    cr_assert_not_null(pdf);
    canvas_rect(pdf, 0, 0, 1, 1);
    canvas_fill(pdf); /* outside a page */
    cr_assert(pdf->failed);
    cr_assert(strstr(pdf->error, "outside a page"));
    canvas_destroy(pdf);

    pdf = canvas_pdf_new(ipaex, NULL, 0, NULL, diags);
    canvas_begin_page(pdf, 50, 50);
    canvas_set_fill(pdf, (rgb){1, 0, 0}, 1);
    canvas_arc(pdf, 25, 25, 10, 0, 6.283185307179586);
    canvas_fill(pdf);
    canvas_end_page(pdf);
    char path[] = "/tmp/shiryo-test-empty-XXXXXX";
    int fd = mkstemp(path);
    close(fd);
    cr_assert_eq(canvas_pdf_save(pdf, path, diags), 0);
    canvas_destroy(pdf);
    buf cmd = BUF_INIT;
    buf_printf(&cmd, "qpdf --check %s", path);
    char *out, *err;
    cr_assert_eq(run(cmd.data, &out, &err), 0, "%s%s", out, err);
    free(out);
    free(err);
    buf_free(&cmd);
    unlink(path);
    cr_assert_eq(diag_count(diags), 0);
}

Test(canvas, probe_counts_legible_text_runs_only)
{
    canvas *p = canvas_probe_new(NULL, 7);
    canvas_begin_page(p, 100, 100);
    canvas_rect(p, 0, 0, 10, 10);
    canvas_fill(p);
    canvas_text(p, 0, 10, 7, TEXT_REGULAR, "a", 1);
    canvas_text(p, 0, 20, 6.99, TEXT_REGULAR, "b", 1);
    canvas_text(p, 0, 30, 12, TEXT_BOLD, "c", 1);
    canvas_text(p, 0, 40, 12, TEXT_BOLD, "", 0);
    canvas_end_page(p);
    cr_expect_eq(canvas_probe_legible(p), 2);
    cr_expect_not(p->failed);
    canvas_destroy(p);
    buf b = BUF_INIT;
    canvas *t = canvas_trace_new(NULL, &b);
    cr_expect_eq(canvas_probe_legible(t), 0, "not a probe");
    canvas_destroy(t);
    buf_free(&b);
}

/* Tags must nest: a tag_end without its tag_begin, or a tag still open
 * when the document is made, fails the canvas with a message (never a
 * PDF whose tree lies about its content). */
Test(canvas, pdf_tags_must_nest, .init = setup, .fini = teardown)
{
    const uint32_t cps[] = {'A'};
    for (int k = 0; k < 2; k++) {
        canvas *pdf = canvas_pdf_new(ipaex, cps, 1, NULL, diags);
        cr_assert_not_null(pdf);
        canvas_begin_page(pdf, 100, 100);
        canvas_tag_role(pdf, TAG_SECT);
        canvas_tag_role(pdf, TAG_P);
        text(pdf, 10, 10, 10, TEXT_REGULAR, "A");
        canvas_tag_end(pdf);
        if (k == 0) {
            canvas_tag_end(pdf);
            canvas_tag_end(pdf); /* one too many */
        }
        canvas_end_page(pdf);
        unsigned char *bytes;
        size_t len;
        const char *err = canvas_pdf_bytes(pdf, &bytes, &len);
        cr_assert_not_null(err, "case %d made a PDF", k);
        cr_assert(strstr(err, k == 0 ? "tag_end without tag_begin"
                                     : "a tag was not ended"),
                  "case %d: %s", k, err);
        canvas_destroy(pdf);
    }
}

/* What the tags make of a page, read back from the PDF as qpdf writes it
 * uncompressed: the title's text is marked content of its H1 (an MCID),
 * the rule under it an artifact, the tree holds the H1, and the file is a
 * PDF 1.7 with an object stream and a cross-reference stream. */
Test(canvas, pdf_marks_content_and_artifacts, .init = setup, .fini = teardown)
{
    const uint32_t cps[] = {'A'};
    canvas *pdf = canvas_pdf_new(ipaex, cps, 1, NULL, diags);
    cr_assert_not_null(pdf);
    canvas_begin_page(pdf, 100, 100);
    canvas_tag_role(pdf, TAG_SECT);
    canvas_tag_role(pdf, TAG_H1);
    text(pdf, 10, 20, 10, TEXT_REGULAR, "A");
    canvas_move_to(pdf, 10, 25); /* a rule under the title: decoration */
    canvas_line_to(pdf, 90, 25);
    canvas_stroke(pdf);
    canvas_tag_end(pdf);
    canvas_tag_end(pdf);
    canvas_end_page(pdf);
    char path[] = "/tmp/shiryo-test-tags-XXXXXX";
    int fd = mkstemp(path);
    close(fd);
    cr_assert_eq(canvas_pdf_save(pdf, path, diags), 0);
    canvas_destroy(pdf);
    char *raw = slurp(path, NULL);
    cr_assert(strncmp(raw, "%PDF-1.7", 8) == 0);
    free(raw);
    char cmd[160], out[64];
    snprintf(out, sizeof out, "%s.qpdf", path);
    snprintf(cmd, sizeof cmd,
             "qpdf --stream-data=uncompress --object-streams=disable %s %s",
             path, out);
    cr_assert_eq(system(cmd), 0, "qpdf cannot read it");
    size_t len;
    char *s = slurp(out, &len);
    for (size_t i = 0; i < len; i++)
        if (!s[i])
            s[i] = ' ';
    cr_assert(strstr(s, "/H1<</MCID 0>>BDC"), "the title is no H1 content");
    cr_assert(strstr(s, "/Artifact BMC"), "the rule is no artifact");
    cr_assert(strstr(s, "/S /H1"), "no H1 in the tree");
    cr_assert(strstr(s, "/StructTreeRoot"), "no structure tree");
    free(s);
    unlink(out);
    unlink(path);
}
