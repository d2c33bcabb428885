#include "pptx_slide.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "escape.h"
#include "look.h"
#include "num.h"
#include "pptx_chart.h"
#include "pptx_shapes.h"
#include "prov.h"
#include "table_layout.h"
#include "utf8.h"

/* The text sizes and line heights the layout sets each region at (the
 * PDF's leading, as a multiple of the size); PowerPoint's single spacing
 * is 1.2 times the size, so a leading L is written as L / 1.2. */
#define LEAD_TITLE 1.25
#define LEAD_POINT 1.4
#define LEAD_BODY 1.45
#define LEAD_NOTE 1.35
#define LEAD_SOURCE 1.3
#define LEAD_COVER 1.5
#define LEAD_CELL 1.3
#define PPT_SINGLE 1.2
/* A table cell's inner margin (table_layout.c's PAD) and the rules. */
#define CELL_PAD 4.0
#define RULE_W 0.75
#define TITLE_RULE_W 1.6
#define COVER_RULE_W 2.0
#define A4_H 595.28

static void hex(buf *out, unsigned v) { buf_printf(out, "%06X", v); }

static void solid(buf *out, look_colour c)
{
    buf_puts(out, "<a:solidFill><a:srgbClr val=\"");
    hex(out, look_hex(c));
    buf_puts(out, "\"/></a:solidFill>");
}

static void xfrm(buf *out, const char *ns, layout_box b)
{
    buf_printf(out,
               "<%s:xfrm><a:off x=\"%lld\" y=\"%lld\"/>"
               "<a:ext cx=\"%lld\" cy=\"%lld\"/></%s:xfrm>",
               ns, pptx_emu(b.x), pptx_emu(b.y), pptx_emu(b.w), pptx_emu(b.h),
               ns);
}

/* ---- text ---------------------------------------------------------- */

typedef struct tstyle {
    double size;
    look_colour colour;
    double leading;
    const char *algn; /* "l", "ctr", "r", "just" */
    int bold;         /* every run bold */
    double hang;      /* a hanging indent in points (the width of a
                         full-width lead such as ■ or ・), or 0 */
} tstyle;

static void rpr(buf *out, const tstyle *st, int bold)
{
    buf_printf(out, "<a:rPr lang=\"ja-JP\" altLang=\"en-US\" sz=\"%ld\"",
               lround(st->size * 100));
    if (bold || st->bold)
        buf_puts(out, " b=\"1\"");
    buf_puts(out, " dirty=\"0\">");
    solid(out, st->colour);
    buf_puts(out, "<a:latin typeface=\"+mn-lt\"/><a:ea typeface=\"+mn-ea\"/>"
                  "</a:rPr>");
}

static void one_run(buf *out, const tstyle *st, int bold, const char *s,
                    size_t n)
{
    if (n == 0)
        return;
    buf_puts(out, "<a:r>");
    rpr(out, st, bold);
    buf_puts(out, "<a:t>");
    escape_xml(out, s, n);
    buf_puts(out, "</a:t></a:r>");
}

/* The earliest 〔速報〕 or 〔仮〕 mark in s[0..n), or NULL. */
static const char *find_mark(const char *s, size_t n, size_t *mlen)
{
    const char *best = NULL;
    for (int p = PROV_PRELIMINARY; p <= PROV_PLACEHOLDER; p++) {
        const char *m = prov_figure_mark((prov)p);
        const char *at = utf8_find(s, n, m);
        if (at && (!best || at < best)) {
            best = at;
            *mlen = strlen(m);
        }
    }
    return best;
}

/* A run of text, each 〔速報〕/〔仮〕 mark a run of its own. */
static void runs(buf *out, const tstyle *st, int bold, const char *s, size_t n)
{
    size_t ml = 0;
    const char *m;
    while ((m = find_mark(s, n, &ml)) != NULL) {
        one_run(out, st, bold, s, (size_t)(m - s));
        one_run(out, st, bold, m, ml);
        n -= (size_t)(m - s) + ml;
        s = m + ml;
    }
    one_run(out, st, bold, s, n);
}

static void ppr(buf *out, const tstyle *st)
{
    buf_printf(out, "<a:pPr");
    if (st->hang > 0)
        buf_printf(out, " marL=\"%lld\" indent=\"%lld\"", pptx_emu(st->hang),
                   -pptx_emu(st->hang));
    buf_printf(out,
               " algn=\"%s\" hangingPunct=\"1\"><a:lnSpc><a:spcPct "
               "val=\"%ld\"/></a:lnSpc>"
               "</a:pPr>",
               st->algn, lround(st->leading / PPT_SINGLE * 100000));
}

static void end_para(buf *out, const tstyle *st)
{
    buf_printf(out,
               "<a:endParaRPr lang=\"ja-JP\" altLang=\"en-US\" sz=\"%ld\" "
               "dirty=\"0\"/></a:p>",
               lround(st->size * 100));
}

/* One paragraph: lead (a bullet or a number, may be NULL), then r's runs
 * (a hard break as a:br). */
static void para(buf *out, const tstyle *st, const char *lead, const rich *r)
{
    buf_puts(out, "<a:p>");
    ppr(out, st);
    if (lead)
        runs(out, st, 0, lead, strlen(lead));
    for (size_t i = 0; r && i < r->nruns; i++) {
        const run *u = &r->runs[i];
        if (u->flags & RUN_BREAK) {
            buf_puts(out, "<a:br>");
            rpr(out, st, 0);
            buf_puts(out, "</a:br>");
            continue;
        }
        runs(out, st, (u->flags & RUN_STRONG) != 0, u->text, strlen(u->text));
    }
    end_para(out, st);
}

static void para_plain(buf *out, const tstyle *st, const char *s)
{
    buf_puts(out, "<a:p>");
    ppr(out, st);
    runs(out, st, 0, s, strlen(s));
    end_para(out, st);
}

static const char BODY_PR[] =
    "<a:bodyPr wrap=\"square\" lIns=\"0\" tIns=\"0\" rIns=\"0\" bIns=\"0\" "
    "rtlCol=\"0\" anchor=\"t\"><a:normAutofit/></a:bodyPr><a:lstStyle/>";

typedef struct shapes {
    buf *out;
    unsigned next_id;       /* 1 is the tree itself */
    const font *font;       /* the layout's, to place a chart's panels */
    pptx_chart_ref *charts; /* the native chart parts, in rId order */
    size_t ncharts;
    const canvas_image **images; /* the pictures, in rIdImg order */
    size_t nimages;
} shapes;

/* Opens a text box shape (p:sp with txBody) at b; the caller writes the
 * paragraphs and calls close_box. */
static void open_box(shapes *S, const char *name, layout_box b)
{
    buf *out = S->out;
    unsigned id = S->next_id++;
    buf_printf(out,
               "<p:sp><p:nvSpPr><p:cNvPr id=\"%u\" name=\"%s %u\"/>"
               "<p:cNvSpPr txBox=\"1\"/><p:nvPr/></p:nvSpPr><p:spPr>",
               id, name, id);
    xfrm(out, "a", b);
    buf_puts(out, "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>"
                  "<a:noFill/></p:spPr><p:txBody>");
    buf_puts(out, BODY_PR);
}

static void close_box(shapes *S) { buf_puts(S->out, "</p:txBody></p:sp>"); }

static void text_box(shapes *S, const char *name, layout_box b,
                     const tstyle *st, const char *lead, const rich *r)
{
    open_box(S, name, b);
    para(S->out, st, lead, r);
    close_box(S);
}

/* A rectangle with a fill and an outline, and optionally centred text. */
static void frame(shapes *S, const char *name, layout_box b, int fill,
                  look_colour fc, look_colour lc, double lw, int dashed,
                  const char *descr)
{
    buf *out = S->out;
    unsigned id = S->next_id++;
    buf_printf(out, "<p:sp><p:nvSpPr><p:cNvPr id=\"%u\" name=\"%s %u\"", id,
               name, id);
    if (descr) {
        buf_puts(out, " descr=\"");
        escape_xml_str(out, descr);
        buf_puts(out, "\"");
    }
    buf_puts(out, "/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr>");
    xfrm(out, "a", b);
    buf_puts(out, "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>");
    if (fill)
        solid(out, fc);
    else
        buf_puts(out, "<a:noFill/>");
    buf_printf(out, "<a:ln w=\"%lld\">", pptx_emu(lw));
    solid(out, lc);
    if (dashed)
        buf_puts(out, "<a:prstDash val=\"dash\"/>");
    buf_puts(out, "</a:ln></p:spPr>");
}

static void rule(shapes *S, double x0, double y, double x1, double w)
{
    buf *out = S->out;
    unsigned id = S->next_id++;
    buf_printf(out,
               "<p:cxnSp><p:nvCxnSpPr><p:cNvPr id=\"%u\" name=\"Rule %u\"/>"
               "<p:cNvCxnSpPr/><p:nvPr/></p:nvCxnSpPr><p:spPr>",
               id, id);
    layout_box b = {x0, y, x1 - x0, 0};
    xfrm(out, "a", b);
    buf_printf(out,
               "<a:prstGeom prst=\"line\"><a:avLst/></a:prstGeom>"
               "<a:ln w=\"%lld\">",
               pptx_emu(w));
    solid(out, LOOK_NAVY);
    buf_puts(out, "</a:ln></p:spPr></p:cxnSp>");
}

/* ---- regions ------------------------------------------------------- */

static void mark(shapes *S, const slide *s, const layout_region *r)
{
    /* one region per kind of mark: its index is the provenance */
    const char *label = prov_label(r->index ? (prov)r->index : s->prov);
    frame(S, "Mark", r->box, 1, LOOK_WHITE, LOOK_MARK, 1.2, 0, NULL);
    buf *out = S->out;
    /* the frame's text: centred in both directions */
    buf_puts(out, "<p:txBody><a:bodyPr wrap=\"none\" lIns=\"0\" tIns=\"0\" "
                  "rIns=\"0\" bIns=\"0\" rtlCol=\"0\" anchor=\"ctr\">"
                  "<a:noAutofit/></a:bodyPr><a:lstStyle/>");
    tstyle st = {r->size, LOOK_MARK, PPT_SINGLE, "ctr", 1};
    para_plain(out, &st, label ? label : "");
    buf_puts(out, "</p:txBody></p:sp>");
}

static void table_cell(buf *out, const char *text, int header, double size)
{
    tstyle st = {size, LOOK_INK, LEAD_CELL,
                 header                      ? "ctr"
                 : num_is_numeric_cell(text) ? "r"
                                             : "l",
                 0};
    buf_puts(out, "<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>");
    /* a list cell: one paragraph per item, as the PDF sets it */
    char **items;
    size_t n = table_cell_items(text, &items);
    if (n == 0)
        para_plain(out, &st, text);
    st.hang = n ? size : 0;
    for (size_t i = 0; i < n; i++) {
        buf_puts(out, "<a:p>");
        ppr(out, &st);
        runs(out, &st, 0, TABLE_CELL_BULLET, strlen(TABLE_CELL_BULLET));
        runs(out, &st, 0, items[i], strlen(items[i]));
        end_para(out, &st);
        free(items[i]);
    }
    free(items);
    long long pad = pptx_emu(CELL_PAD);
    buf_printf(out,
               "</a:txBody><a:tcPr marL=\"%lld\" marR=\"%lld\" marT=\"%lld\" "
               "marB=\"%lld\" anchor=\"ctr\">",
               pad, pad, pad, pad);
    static const char *const sides[] = {"lnL", "lnR", "lnT", "lnB"};
    for (size_t i = 0; i < 4; i++) {
        buf_printf(out, "<a:%s w=\"%lld\">", sides[i], pptx_emu(RULE_W));
        solid(out, LOOK_RULE);
        buf_printf(out, "</a:%s>", sides[i]);
    }
    if (header)
        solid(out, LOOK_HEAD);
    else
        buf_puts(out, "<a:noFill/>");
    buf_puts(out, "</a:tcPr></a:tc>");
}

static void native_table(shapes *S, const dtable *t, const layout_region *r)
{
    buf *out = S->out;
    unsigned id = S->next_id++;
    buf_printf(out,
               "<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id=\"%u\" "
               "name=\"Table %u\"/><p:cNvGraphicFramePr><a:graphicFrameLocks "
               "noGrp=\"1\"/></p:cNvGraphicFramePr><p:nvPr/>"
               "</p:nvGraphicFramePr>",
               id, id);
    /* the frame's size is the sum of the rounded columns and rows, as
     * PowerPoint computes it */
    long long cx = 0, cy = 0;
    for (size_t k = 0; k < r->ncols; k++)
        cx += pptx_emu(r->col_w[k]);
    for (size_t k = 0; k < r->nrows; k++)
        cy += pptx_emu(r->row_h[k]);
    buf_printf(out,
               "<p:xfrm><a:off x=\"%lld\" y=\"%lld\"/><a:ext cx=\"%lld\" "
               "cy=\"%lld\"/></p:xfrm><a:graphic><a:graphicData "
               "uri=\"http://schemas.openxmlformats.org/drawingml/2006/"
               "table\"><a:tbl><a:tblPr firstRow=\"1\"/><a:tblGrid>",
               pptx_emu(r->box.x), pptx_emu(r->box.y), cx, cy);
    for (size_t k = 0; k < r->ncols; k++)
        buf_printf(out, "<a:gridCol w=\"%lld\"/>", pptx_emu(r->col_w[k]));
    buf_puts(out, "</a:tblGrid>");
    for (size_t row = 0; row < t->nrows && row < r->nrows; row++) {
        buf_printf(out, "<a:tr h=\"%lld\">", pptx_emu(r->row_h[row]));
        for (size_t k = 0; k < t->ncols; k++)
            table_cell(out, t->cells[row * t->ncols + k], row == 0, r->size);
        buf_puts(out, "</a:tr>");
    }
    buf_puts(out, "</a:tbl></a:graphicData></a:graphic></p:graphicFrame>");
}

/* A chart part: a graphic frame at b naming the next part ("Chart B.P":
 * body block B, panel P, both from 1). */
static void chart_frame(shapes *S, const pptx_chart_ref *ref, size_t bi,
                        layout_box b)
{
    buf *out = S->out;
    unsigned id = S->next_id++;
    S->charts[S->ncharts++] = *ref;
    buf_printf(out,
               "<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id=\"%u\" "
               "name=\"Chart %zu.%zu\" descr=\"",
               id, bi + 1, ref->panel + 1);
    escape_xml_str(out, chart_alt(ref->chart));
    if (*chart_facet_label(ref->chart, ref->panel)) {
        buf_puts(out, "（");
        escape_xml_str(out, chart_facet_label(ref->chart, ref->panel));
        buf_puts(out, "）");
    }
    buf_puts(out, "\"/><p:cNvGraphicFramePr><a:graphicFrameLocks "
                  "noGrp=\"1\"/></p:cNvGraphicFramePr><p:nvPr/>"
                  "</p:nvGraphicFramePr>");
    xfrm(out, "p", b);
    buf_printf(out,
               "<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats."
               "org/drawingml/2006/chart\"><c:chart xmlns:c=\"http://schemas."
               "openxmlformats.org/drawingml/2006/chart\" r:id=\"rId%zu\"/>"
               "</a:graphicData></a:graphic></p:graphicFrame>",
               S->ncharts + 1);
}

/* The legend small multiples share, as shapes: a key in each series'
 * colour and its label, side by side across the legend's box. */
static void shared_legend(shapes *S, const chart *c, const chart_panel *p)
{
    size_t n = chart_series_count(c);
    double slot = p->legend_w / (double)n, key = p->fs * 0.8;
    tstyle st = {p->fs, LOOK_INK, PPT_SINGLE, "l", 0, 0};
    for (size_t s = 0; s < n; s++) {
        double x = p->legend_x + slot * (double)s;
        layout_box kb = {x, p->legend_y + p->fs * 0.35, key, key};
        unsigned id = S->next_id++;
        buf_printf(S->out,
                   "<p:sp><p:nvSpPr><p:cNvPr id=\"%u\" name=\"Legend key "
                   "%u\"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr>",
                   id, id);
        xfrm(S->out, "a", kb);
        buf_printf(S->out,
                   "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>"
                   "<a:solidFill><a:srgbClr val=\"%06lX\"/>"
                   "</a:solidFill><a:ln><a:noFill/></a:ln></p:spPr>"
                   "</p:sp>",
                   (long)(lround(chart_series_colour(c, s).r * 255) << 16 |
                          lround(chart_series_colour(c, s).g * 255) << 8 |
                          lround(chart_series_colour(c, s).b * 255)));
        layout_box tb = {x + key + p->fs * 0.4, p->legend_y,
                         slot - key - p->fs * 0.4, p->fs * 1.5};
        open_box(S, "Legend", tb);
        para_plain(S->out, &st, chart_series_label(c, s));
        close_box(S);
    }
}

/* A native chart in its box: one chart part, or one per panel (small
 * multiples) where chart_panel_at says the PDF has them, each under its
 * facet's title, with the legend they share as shapes. */
static void native_chart(shapes *S, const layout_chart *lc)
{
    const chart *c = lc->chart;
    layout_box b = lc->box;
    size_t nf = chart_facet_count(c);
    chart_panel p;
    if (nf == 1) {
        double fs = chart_panel_at(c, S->font, b.x, b.y, b.w, b.h, 0, &p) == 0
                        ? p.fs
                        : 7;
        pptx_chart_ref ref = {c, 0, fs, 1};
        chart_frame(S, &ref, lc->block, b);
        return;
    }
    for (size_t f = 0; f < nf; f++) {
        if (chart_panel_at(c, S->font, b.x, b.y, b.w, b.h, f, &p) != 0)
            continue;
        if (f == 0 && p.legend_h > 0)
            shared_legend(S, c, &p);
        layout_box head = {p.x, p.y, p.w, p.head_h};
        tstyle st = {p.fs, LOOK_INK, PPT_SINGLE, "ctr", 0, 0};
        open_box(S, "Panel title", head);
        para_plain(S->out, &st, chart_facet_label(c, f));
        close_box(S);
        pptx_chart_ref ref = {c, f, p.fs, 0};
        layout_box pb = {p.x, p.y + p.head_h, p.w, p.h - p.head_h};
        chart_frame(S, &ref, lc->block, pb);
    }
}

/* A chart PowerPoint has no chart type for (a Venn diagram), drawn as
 * the PDF draws it into a group of editable shapes ("Drawing B": body
 * block B, from 1) carrying the alternative text. */
static void shape_chart(shapes *S, const layout_chart *lc)
{
    buf *out = S->out;
    unsigned id = S->next_id++;
    buf_printf(out,
               "<p:grpSp><p:nvGrpSpPr><p:cNvPr id=\"%u\" name=\"Drawing %zu\" "
               "descr=\"",
               id, lc->block + 1);
    char *alt = chart_alt_in_box(lc->chart, S->font, lc->box.w, lc->box.h);
    escape_xml_str(out, alt);
    free(alt);
    buf_puts(out, "\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr>");
    layout_box b = lc->box;
    buf_printf(out,
               "<a:xfrm><a:off x=\"%lld\" y=\"%lld\"/><a:ext cx=\"%lld\" "
               "cy=\"%lld\"/><a:chOff x=\"%lld\" y=\"%lld\"/><a:chExt "
               "cx=\"%lld\" cy=\"%lld\"/></a:xfrm></p:grpSpPr>",
               pptx_emu(b.x), pptx_emu(b.y), pptx_emu(b.w), pptx_emu(b.h),
               pptx_emu(b.x), pptx_emu(b.y), pptx_emu(b.w), pptx_emu(b.h));
    canvas *cv = pptx_shapes_new(S->font, out, &S->next_id);
    chart_draw(lc->chart, cv, b.x, b.y, b.w, b.h);
    canvas_destroy(cv);
    buf_puts(out, "</p:grpSp>");
}

/* A chart block: its caption (bold, navy), then the chart in its box:
 * native chart parts, or a group of shapes (shape_chart). */
static void chart_block(shapes *S, const layout_result *lr, size_t si,
                        const layout_region *r, const chart *c)
{
    if (r->size > 0) {
        layout_box cap = {r->box.x, r->box.y, r->box.w, r->size * 1.6};
        tstyle st = {r->size, LOOK_NAVY, 1.3, "ctr", 1, 0};
        open_box(S, "Caption", cap);
        para_plain(S->out, &st, chart_title(c));
        close_box(S);
    }
    const layout_chart *lc = layout_find_chart(lr, si, r->index);
    if (!lc)
        return;
    if (pptx_chart_native(c)) {
        native_chart(S, lc);
        return;
    }
    shape_chart(S, lc);
}

/* A picture (p:pic) at the layout's box, its alternative text as descr;
 * its part is relationship rIdImgK (PPTX_IMAGE_REL). */
static void picture(shapes *S, const layout_region *r, const canvas_image *im)
{
    buf *out = S->out;
    unsigned id = S->next_id++;
    S->images[S->nimages++] = im;
    buf_printf(out,
               "<p:pic><p:nvPicPr><p:cNvPr id=\"%u\" name=\"Picture %u\" "
               "descr=\"",
               id, id);
    escape_xml_str(out, im->alt);
    buf_printf(out,
               "\"/><p:cNvPicPr><a:picLocks noChangeAspect=\"1\"/>"
               "</p:cNvPicPr><p:nvPr/></p:nvPicPr><p:blipFill><a:blip "
               "r:embed=\"" PPTX_IMAGE_REL "\"/><a:stretch><a:fillRect/>"
               "</a:stretch></p:blipFill><p:spPr>",
               S->nimages);
    xfrm(out, "a", r->box);
    buf_puts(out, "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>"
                  "</p:spPr></p:pic>");
}

static void body_block(shapes *S, const layout_result *lr, size_t si,
                       const slide *s, const layout_region *r)
{
    const block *b = &s->body[r->index];
    int cover = s->kind == SLIDE_COVER;
    tstyle st = {r->size, LOOK_INK, cover ? LEAD_COVER : LEAD_BODY,
                 cover ? "ctr" : "just", 0};
    switch (b->kind) {
    case BLOCK_PARA:
        text_box(S, "Text", r->box, &st, NULL, &b->items[0]);
        break;
    case BLOCK_HEADING:
        st.colour = LOOK_NAVY;
        st.algn = cover ? "ctr" : "l";
        text_box(S, "Heading", r->box, &st, NULL, &b->items[0]);
        break;
    case BLOCK_LIST:
        open_box(S, cover ? "Text" : "List", r->box);
        for (size_t k = 0; k < b->nitems; k++) {
            char num[32];
            const char *lead = cover ? NULL : "・";
            st.hang = cover ? 0 : r->size;
            if (b->ordered && !cover) {
                st.hang = 0;
                snprintf(num, sizeof num, "%zu. ", k + 1);
                lead = num;
            }
            para(S->out, &st, lead, &b->items[k]);
        }
        close_box(S);
        break;
    case BLOCK_TABLE:
        if (b->table && r->col_w)
            native_table(S, b->table, r);
        break;
    case BLOCK_CHART:
        chart_block(S, lr, si, r, b->chart);
        break;
    case BLOCK_IMAGE:
        picture(S, r, b->image);
        break;
    }
}

static void page_number(shapes *S, const layout_region *r, size_t si)
{
    /* wider than the number, right-aligned, so that a longer number
     * PowerPoint renumbers to still ends at the margin */
    layout_box b = r->box;
    b.x -= b.w * 2;
    b.w *= 3;
    tstyle st = {r->size, LOOK_GREY, PPT_SINGLE, "r", 0};
    buf *out = S->out;
    unsigned id = S->next_id++;
    buf_printf(out,
               "<p:sp><p:nvSpPr><p:cNvPr id=\"%u\" name=\"Slide Number "
               "%u\"/><p:cNvSpPr txBox=\"1\"/><p:nvPr/></p:nvSpPr>"
               "<p:spPr>",
               id, id);
    xfrm(out, "a", b);
    buf_puts(out, "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>"
                  "<a:noFill/></p:spPr><p:txBody>");
    buf_puts(out, BODY_PR);
    buf_puts(out, "<a:p>");
    ppr(out, &st);
    /* a field PowerPoint renumbers when slides move; its id is fixed per
     * slide so that the file stays the same for the same deck */
    buf_printf(out,
               "<a:fld id=\"{6D3A1F00-5E1D-4C2B-9A7E-%012zX}\" "
               "type=\"slidenum\">",
               si + 1);
    rpr(out, &st, 0);
    buf_printf(out, "<a:t>%zu</a:t></a:fld>", si + 1);
    end_para(out, &st);
    close_box(S);
}

static const char SLD_NS[] =
    "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships\" "
    "xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"";

static void region(shapes *S, const deck *dk, const layout_result *lr,
                   size_t si, const layout_region *r)
{
    const slide *s = &dk->slides[si];
    const layout_page *pg = &lr->pages[si];
    int cover = s->kind == SLIDE_COVER;
    double v = pg->h / A4_H;
    switch (r->kind) {
    case LAYOUT_TITLE: {
        tstyle st = {r->size, LOOK_NAVY, cover ? 1.3 : LEAD_TITLE,
                     cover ? "ctr" : "l", 0};
        text_box(S, "Title", r->box, &st, NULL, &s->title);
        /* the rule under the title, as layout.c draws it */
        if (cover)
            rule(S, pg->w * 0.25, r->box.y + r->box.h + 14, pg->w * 0.75,
                 COVER_RULE_W);
        else
            rule(S, r->box.x, r->box.y + r->box.h + 4 * v, pg->w - r->box.x,
                 TITLE_RULE_W);
        break;
    }
    case LAYOUT_MARK:
        mark(S, s, r);
        break;
    case LAYOUT_POINTS:
        frame(S, "Key points", r->box, 1, LOOK_BOX, LOOK_NAVY, 1, 0, NULL);
        buf_puts(S->out, "</p:sp>");
        break;
    case LAYOUT_POINT: {
        tstyle st = {r->size, LOOK_INK, LEAD_POINT, "just", 0, r->size};
        text_box(S, "Key point", r->box, &st, "■", &s->points[r->index]);
        break;
    }
    case LAYOUT_BLOCK:
        body_block(S, lr, si, s, r);
        break;
    case LAYOUT_NOTE: {
        tstyle st = {r->size, LOOK_INK, LEAD_NOTE, "just", 0};
        text_box(S, "Note", r->box, &st, NULL, &s->notes[r->index]);
        break;
    }
    case LAYOUT_SOURCE: {
        tstyle st = {r->size, LOOK_GREY, LEAD_SOURCE, "l", 0};
        text_box(S, "Source", r->box, &st, NULL, &s->sources[r->index]);
        break;
    }
    case LAYOUT_PAGENO:
        if (!cover)
            page_number(S, r, si);
        break;
    }
}

void pptx_slide_xml(buf *out, const deck *dk, const font *f,
                    const layout_result *lr, size_t si, pptx_chart_ref *charts,
                    size_t *ncharts, const canvas_image **images,
                    size_t *nimages)
{
    buf_printf(out,
               "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
               "\n<p:sld %s><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id=\"1\" "
               "name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr>"
               "<a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/>"
               "<a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"0\" cy=\"0\"/>"
               "</a:xfrm></p:grpSpPr>",
               SLD_NS);
    shapes S = {out, 2, f, charts, 0, images, 0};
    const layout_page *pg = &lr->pages[si];
    for (size_t i = 0; i < pg->nregions; i++)
        region(&S, dk, lr, si, &pg->regions[i]);
    buf_puts(out, "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/>"
                  "</p:clrMapOvr></p:sld>");
    *ncharts = S.ncharts;
    *nimages = S.nimages;
}

size_t pptx_slide_images(const deck *dk, size_t si)
{
    const slide *s = &dk->slides[si];
    size_t n = 0;
    for (size_t i = 0; i < s->nbody; i++)
        n += s->body[i].kind == BLOCK_IMAGE;
    return n;
}

size_t pptx_slide_chart_parts(const deck *dk, size_t si)
{
    const slide *s = &dk->slides[si];
    size_t n = 0;
    for (size_t i = 0; i < s->nbody; i++)
        if (s->body[i].kind == BLOCK_CHART)
            n += chart_facet_count(s->body[i].chart);
    return n;
}
