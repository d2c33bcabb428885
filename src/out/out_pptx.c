#include "out_pptx.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "escape.h"
#include "fsutil.h"
#include "look.h"
#include "image.h"
#include "pptx_chart.h"
#include "pptx_slide.h"
#include "xalloc.h"

/* ---- the package's parts, in the order they are zipped ------------- */

#define NS_REL "http://schemas.openxmlformats.org/package/2006/relationships"
#define NS_OREL                                                                \
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_P "http://schemas.openxmlformats.org/presentationml/2006/main"
#define CT_PML "application/vnd.openxmlformats-officedocument.presentationml."
#define CT_DML "application/vnd.openxmlformats-officedocument."
#define XML_DECL                                                               \
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define PML_NS                                                                 \
    "xmlns:a=\"" NS_A "\" xmlns:r=\"" NS_OREL "\" xmlns:p=\"" NS_P "\""

/* The slide master's and the layout's ids: PowerPoint wants them at
 * 2^31 or above and unique between them. */
#define MASTER_ID 2147483648u
#define LAYOUT_ID 2147483649u
#define FIRST_SLIDE_ID 256

typedef struct part {
    char *name;       /* in the package, without the leading "/" */
    const char *type; /* content type; NULL: a .rels part (by default) */
    buf data;
} part;

typedef struct package {
    part *parts;
    size_t n, cap;
} package;

/* Appends a part named by fmt and returns its (empty) data, valid until
 * the next add_part. */
static buf *add_part(package *pk, const char *type, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static buf *add_part(package *pk, const char *type, const char *fmt, ...)
{
    if (pk->n == pk->cap) {
        pk->cap = pk->cap ? 2 * pk->cap : 16;
        pk->parts = xrealloc(pk->parts, pk->cap * sizeof *pk->parts);
    }
    buf name = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&name, fmt, ap);
    va_end(ap);
    part *p = &pk->parts[pk->n++];
    p->name = buf_detach(&name);
    p->type = type;
    p->data = (buf)BUF_INIT;
    return &p->data;
}

static void package_free(package *pk)
{
    for (size_t i = 0; i < pk->n; i++) {
        free(pk->parts[i].name);
        buf_free(&pk->parts[i].data);
    }
    free(pk->parts);
}

/* A relationships part: rels[i] is "TYPE TARGET", its id rId(i+1); then
 * the pictures' relationships, PPTX_IMAGE_REL from 1, to the media
 * parts of images (nimages of them). */
static void rels_with(buf *out, const char *const *types,
                      const char *const *targets, size_t n,
                      const canvas_image *const *images, size_t nimages)
{
    buf_puts(out, XML_DECL "<Relationships xmlns=\"" NS_REL "\">");
    for (size_t i = 0; i < n; i++)
        buf_printf(out,
                   "<Relationship Id=\"rId%zu\" Type=\"%s\" Target=\"%s\"/>",
                   i + 1, types[i], targets[i]);
    for (size_t i = 0; i < nimages; i++)
        buf_printf(out,
                   "<Relationship Id=\"" PPTX_IMAGE_REL "\" Type=\"" NS_OREL
                   "/image\" Target=\"../media/%s.%s\"/>",
                   i + 1, images[i]->hash, image_ext(images[i]));
    buf_puts(out, "</Relationships>");
}

static void rels(buf *out, const char *const *types, const char *const *targets,
                 size_t n)
{
    rels_with(out, types, targets, n, NULL, 0);
}

/* The media part of picture im (ppt/media/HASH.EXT), once per package:
 * a picture shown on several slides is one part. */
static void media_part(package *pk, const canvas_image *im)
{
    buf name = BUF_INIT;
    buf_printf(&name, "ppt/media/%s.%s", im->hash, image_ext(im));
    for (size_t i = 0; i < pk->n; i++)
        if (strcmp(pk->parts[i].name, buf_cstr(&name)) == 0) {
            buf_free(&name);
            return;
        }
    buf_put(add_part(pk, image_mime(im), "%s", buf_cstr(&name)), im->data,
            im->len);
    buf_free(&name);
}

#define REL_DOC NS_OREL "/officeDocument"
#define REL_CORE                                                               \
    "http://schemas.openxmlformats.org/package/2006/relationships/"            \
    "metadata/core-properties"
#define REL_APP NS_OREL "/extended-properties"
#define REL_MASTER NS_OREL "/slideMaster"
#define REL_LAYOUT NS_OREL "/slideLayout"
#define REL_SLIDE NS_OREL "/slide"
#define REL_THEME NS_OREL "/theme"
#define REL_PRES_PROPS NS_OREL "/presProps"
#define REL_VIEW_PROPS NS_OREL "/viewProps"
#define REL_TABLE_STYLES NS_OREL "/tableStyles"
#define REL_CHART NS_OREL "/chart"
#define REL_PACKAGE NS_OREL "/package"
#define CT_CHART CT_DML "drawingml.chart+xml"
#define CT_XLSX CT_DML "spreadsheetml.sheet"

/* An element with escaped text, or nothing when text is NULL or "". */
static void text_el(buf *out, const char *tag, const char *text)
{
    if (!text || !*text)
        return;
    buf_printf(out, "<%s>", tag);
    escape_xml_str(out, text);
    buf_printf(out, "</%s>", tag);
}

static void core_props(buf *out, const deck *dk)
{
    buf_puts(out, XML_DECL
             "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/"
             "package/2006/metadata/core-properties\" "
             "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
             "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
             "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">");
    text_el(out, "dc:title", dk->title);
    text_el(out, "dc:subject", dk->subject);
    text_el(out, "dc:creator", dk->author);
    text_el(out, "cp:keywords", dk->keywords);
    /* the edition, never the time of the build: the same deck gives the
     * same file */
    if (dk->edition_ymd > 0)
        buf_printf(out,
                   "<dcterms:created xsi:type=\"dcterms:W3CDTF\">"
                   "%04d-%02d-%02dT00:00:00Z</dcterms:created>",
                   dk->edition_ymd / 10000, dk->edition_ymd / 100 % 100,
                   dk->edition_ymd % 100);
    buf_puts(out, "</cp:coreProperties>");
}

static void app_props(buf *out, const deck *dk)
{
    buf_printf(out,
               XML_DECL
               "<Properties xmlns=\"http://schemas.openxmlformats.org/"
               "officeDocument/2006/extended-properties\"><Application>"
               "shiryo</Application><Slides>%zu</Slides><AppVersion>"
               "00.0001</AppVersion></Properties>",
               dk->nslides);
}

static void presentation(buf *out, const deck *dk, const layout_result *lr)
{
    buf_printf(out,
               XML_DECL "<p:presentation " PML_NS " saveSubsetFonts=\"1\">"
                        "<p:sldMasterIdLst><p:sldMasterId id=\"%u\" "
                        "r:id=\"rId1\"/></p:sldMasterIdLst><p:sldIdLst>",
               MASTER_ID);
    /* rId1 the master, rId2 the theme, then the slides, then the
     * presentation's properties (presentation_rels) */
    for (size_t i = 0; i < dk->nslides; i++)
        buf_printf(out, "<p:sldId id=\"%zu\" r:id=\"rId%zu\"/>",
                   FIRST_SLIDE_ID + i, i + 3);
    double w = lr->npages ? lr->pages[0].w : 0,
           h = lr->npages ? lr->pages[0].h : 0;
    buf_printf(out,
               "</p:sldIdLst><p:sldSz cx=\"%lld\" cy=\"%lld\"/>"
               "<p:notesSz cx=\"6858000\" cy=\"9144000\"/>"
               "<p:defaultTextStyle><a:lvl1pPr><a:defRPr lang=\"ja-JP\" "
               "sz=\"1800\"><a:latin typeface=\"+mn-lt\"/><a:ea "
               "typeface=\"+mn-ea\"/></a:defRPr></a:lvl1pPr>"
               "</p:defaultTextStyle></p:presentation>",
               pptx_emu(w), pptx_emu(h));
}

static void presentation_rels(buf *out, size_t nslides)
{
    size_t n = nslides + 5;
    const char **types = xmalloc(n * sizeof *types);
    char **targets = xmalloc(n * sizeof *targets);
    types[0] = REL_MASTER;
    targets[0] = xstrdup("slideMasters/slideMaster1.xml");
    types[1] = REL_THEME;
    targets[1] = xstrdup("theme/theme1.xml");
    for (size_t i = 0; i < nslides; i++) {
        buf t = BUF_INIT;
        buf_printf(&t, "slides/slide%zu.xml", i + 1);
        types[i + 2] = REL_SLIDE;
        targets[i + 2] = buf_detach(&t);
    }
    types[nslides + 2] = REL_PRES_PROPS;
    targets[nslides + 2] = xstrdup("presProps.xml");
    types[nslides + 3] = REL_VIEW_PROPS;
    targets[nslides + 3] = xstrdup("viewProps.xml");
    types[nslides + 4] = REL_TABLE_STYLES;
    targets[nslides + 4] = xstrdup("tableStyles.xml");
    rels(out, types, (const char *const *)targets, n);
    for (size_t i = 0; i < n; i++)
        free(targets[i]);
    free(targets);
    free(types);
}

static const char SP_TREE_EMPTY[] =
    "<p:spTree><p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/>"
    "<p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/>"
    "<a:ext cx=\"0\" cy=\"0\"/><a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"0\" "
    "cy=\"0\"/></a:xfrm></p:grpSpPr></p:spTree>";

/* One text style level of the master: the theme's fonts, Japanese. */
static void txt_style(buf *out, const char *tag, const char *which)
{
    buf_printf(out,
               "<p:%s><a:lvl1pPr><a:defRPr lang=\"ja-JP\"><a:latin "
               "typeface=\"+%s-lt\"/><a:ea typeface=\"+%s-ea\"/></a:defRPr>"
               "</a:lvl1pPr></p:%s>",
               tag, which, which, tag);
}

static void master(buf *out)
{
    buf_puts(out, XML_DECL "<p:sldMaster " PML_NS "><p:cSld><p:bg><p:bgRef "
                           "idx=\"1001\"><a:schemeClr val=\"bg1\"/></p:bgRef>"
                           "</p:bg>");
    buf_puts(out, SP_TREE_EMPTY);
    buf_printf(out,
               "</p:cSld><p:clrMap bg1=\"lt1\" tx1=\"dk1\" bg2=\"lt2\" "
               "tx2=\"dk2\" accent1=\"accent1\" accent2=\"accent2\" "
               "accent3=\"accent3\" accent4=\"accent4\" accent5=\"accent5\" "
               "accent6=\"accent6\" hlink=\"hlink\" folHlink=\"folHlink\"/>"
               "<p:sldLayoutIdLst><p:sldLayoutId id=\"%u\" r:id=\"rId1\"/>"
               "</p:sldLayoutIdLst><p:txStyles>",
               LAYOUT_ID);
    txt_style(out, "titleStyle", "mj");
    txt_style(out, "bodyStyle", "mn");
    txt_style(out, "otherStyle", "mn");
    buf_puts(out, "</p:txStyles></p:sldMaster>");
}

static void layout_part(buf *out)
{
    buf_puts(out, XML_DECL "<p:sldLayout " PML_NS
                           " type=\"blank\" preserve=\"1\"><p:cSld "
                           "name=\"shiryo\">");
    buf_puts(out, SP_TREE_EMPTY);
    buf_puts(out, "</p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr>"
                  "</p:sldLayout>");
}

static void clr(buf *out, const char *tag, unsigned hexrgb)
{
    buf_printf(out, "<a:%s><a:srgbClr val=\"%06X\"/></a:%s>", tag, hexrgb, tag);
}

/* The font scheme's major or minor font: the family for Latin and East
 * Asian text alike. */
static void theme_font(buf *out, const char *tag, const char *family)
{
    buf_printf(out, "<a:%s>", tag);
    static const char *const els[] = {"latin", "ea", "font script=\"Jpan\""};
    for (size_t i = 0; i < 3; i++) {
        buf_printf(out, "<a:%s typeface=\"", els[i]);
        escape_xml_str(out, family);
        buf_puts(out, "\"/>");
        if (i == 1)
            buf_puts(out, "<a:cs typeface=\"\"/>");
    }
    buf_printf(out, "</a:%s>", tag);
}

/* Three fills, lines, effects and background fills, as the schema
 * requires of every theme: plain ones. */
static const char FMT_SCHEME[] =
    "<a:fmtScheme name=\"shiryo\"><a:fillStyleLst>"
    "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>"
    "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>"
    "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>"
    "</a:fillStyleLst><a:lnStyleLst>"
    "<a:ln w=\"9525\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>"
    "</a:ln><a:ln w=\"12700\"><a:solidFill><a:schemeClr val=\"phClr\"/>"
    "</a:solidFill></a:ln><a:ln w=\"19050\"><a:solidFill><a:schemeClr "
    "val=\"phClr\"/></a:solidFill></a:ln></a:lnStyleLst><a:effectStyleLst>"
    "<a:effectStyle><a:effectLst/></a:effectStyle>"
    "<a:effectStyle><a:effectLst/></a:effectStyle>"
    "<a:effectStyle><a:effectLst/></a:effectStyle>"
    "</a:effectStyleLst><a:bgFillStyleLst>"
    "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>"
    "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>"
    "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>"
    "</a:bgFillStyleLst></a:fmtScheme>";

/* The theme: the look's colours (text, navy, the key-points box, the
 * chart palette as the six accents, the link) and a font family: the
 * deck's `pptx-font` (for machines without the PDF's font), else the
 * family of the font the deck was laid out with (the deck's `font:` or
 * IPAexGothic), so the file names the font its text was fitted to. */
static void theme(buf *out, const deck *dk, const font *f)
{
    const char *family = dk->pptx_font          ? dk->pptx_font
                         : f && *font_family(f) ? font_family(f)
                                                : look_font_stack[0];
    buf_puts(out, XML_DECL "<a:theme xmlns:a=\"" NS_A "\" name=\"shiryo\">"
                           "<a:themeElements><a:clrScheme name=\"shiryo\">");
    clr(out, "dk1", look_hex(LOOK_INK));
    clr(out, "lt1", look_hex(LOOK_WHITE));
    clr(out, "dk2", look_hex(LOOK_NAVY));
    clr(out, "lt2", look_hex(LOOK_BOX));
    static const char *const accents[] = {"accent1", "accent2", "accent3",
                                          "accent4", "accent5", "accent6"};
    for (size_t i = 0; i < 6; i++)
        clr(out, accents[i], look_palette_hex(i));
    clr(out, "hlink", look_hex(LOOK_LINK));
    clr(out, "folHlink", look_hex(LOOK_LINK));
    buf_puts(out, "</a:clrScheme><a:fontScheme name=\"shiryo\">");
    theme_font(out, "majorFont", family);
    theme_font(out, "minorFont", family);
    buf_puts(out, "</a:fontScheme>");
    buf_puts(out, FMT_SCHEME);
    buf_puts(out, "</a:themeElements><a:objectDefaults/>"
                  "<a:extraClrSchemeLst/></a:theme>");
}

static void content_types(buf *out, const package *pk)
{
    buf_puts(out, XML_DECL "<Types xmlns=\"http://schemas.openxmlformats.org/"
                           "package/2006/content-types\"><Default "
                           "Extension=\"rels\" ContentType=\"application/"
                           "vnd.openxmlformats-package.relationships+xml\"/>"
                           "<Default Extension=\"xml\" "
                           "ContentType=\"application/xml\"/>");
    for (size_t i = 0; i < pk->n; i++)
        if (pk->parts[i].type)
            buf_printf(out, "<Override PartName=\"/%s\" ContentType=\"%s\"/>",
                       pk->parts[i].name, pk->parts[i].type);
    buf_puts(out, "</Types>");
}

/* Slide si's part and its relationships, then the parts of its native
 * charts (numbered on from *nchart) and their workbooks, written through
 * tmp_path.  0, or -1 with an error. */
static int slide_parts(package *pk, const build_result *b, size_t si,
                       size_t *nchart, const char *tmp_path, diag_list *d)
{
    size_t room = pptx_slide_chart_parts(b->deck, si);
    pptx_chart_ref *charts = xmalloc((room ? room : 1) * sizeof *charts);
    size_t nimg_room = pptx_slide_images(b->deck, si), nimg = 0;
    const canvas_image **images =
        xmalloc((nimg_room ? nimg_room : 1) * sizeof *images);
    size_t n = 0;
    pptx_slide_xml(
        add_part(pk, CT_PML "slide+xml", "ppt/slides/slide%zu.xml", si + 1),
        b->deck, b->font, b->layout, si, charts, &n, images, &nimg);
    const char **types = xmalloc((n + 1) * sizeof *types);
    char **targets = xmalloc((n + 1) * sizeof *targets);
    types[0] = REL_LAYOUT;
    targets[0] = xstrdup("../slideLayouts/slideLayout1.xml");
    for (size_t k = 0; k < n; k++) {
        buf t = BUF_INIT;
        buf_printf(&t, "../charts/chart%zu.xml", *nchart + k + 1);
        types[k + 1] = REL_CHART;
        targets[k + 1] = buf_detach(&t);
    }
    rels_with(add_part(pk, NULL, "ppt/slides/_rels/slide%zu.xml.rels",
                       si + 1),
              types, (const char *const *)targets, n + 1,
              (const canvas_image *const *)images, nimg);
    for (size_t k = 0; k < nimg; k++)
        media_part(pk, images[k]);
    free(images);
    for (size_t k = 0; k <= n; k++)
        free(targets[k]);
    free(targets);
    free(types);
    int rc = 0;
    static const char *const to_package[] = {REL_PACKAGE};
    for (size_t k = 0; k < n && rc == 0; k++) {
        size_t ci = ++*nchart;
        pptx_chart_xml(add_part(pk, CT_CHART, "ppt/charts/chart%zu.xml", ci),
                       &charts[k]);
        buf t = BUF_INIT;
        buf_printf(&t, "../embeddings/Microsoft_Excel_Worksheet%zu.xlsx", ci);
        const char *target = buf_cstr(&t);
        rels(add_part(pk, NULL, "ppt/charts/_rels/chart%zu.xml.rels", ci),
             to_package, &target, 1);
        buf_free(&t);
        rc = pptx_chart_workbook(
            &charts[k], tmp_path,
            add_part(pk, CT_XLSX,
                     "ppt/embeddings/Microsoft_Excel_Worksheet%zu.xlsx", ci),
            d);
    }
    free(charts);
    return rc;
}

/* Every part of the deck's package, [Content_Types].xml first; the
 * charts' workbooks are written through tmp_path.  0, or -1 with an
 * error. */
static int build_package(package *pk, const build_result *b,
                         const char *tmp_path, diag_list *d)
{
    const deck *dk = b->deck;
    const layout_result *lr = b->layout;
    /* filled last, when every part is known (add_part may move the
     * parts, so it is found again by its index) */
    add_part(pk, NULL, "[Content_Types].xml");
    static const char *const root_types[] = {REL_DOC, REL_CORE, REL_APP};
    static const char *const root_targets[] = {
        "ppt/presentation.xml", "docProps/core.xml", "docProps/app.xml"};
    rels(add_part(pk, NULL, "_rels/.rels"), root_types, root_targets, 3);
    core_props(add_part(pk,
                        "application/vnd.openxmlformats-package.core-"
                        "properties+xml",
                        "docProps/core.xml"),
               dk);
    app_props(
        add_part(pk, CT_DML "extended-properties+xml", "docProps/app.xml"), dk);
    presentation(
        add_part(pk, CT_PML "presentation.main+xml", "ppt/presentation.xml"),
        dk, lr);
    presentation_rels(add_part(pk, NULL, "ppt/_rels/presentation.xml.rels"),
                      dk->nslides);
    buf_puts(add_part(pk, CT_PML "presProps+xml", "ppt/presProps.xml"),
             XML_DECL "<p:presentationPr " PML_NS "/>");
    buf_puts(add_part(pk, CT_PML "viewProps+xml", "ppt/viewProps.xml"),
             XML_DECL "<p:viewPr " PML_NS "/>");
    buf_puts(add_part(pk, CT_PML "tableStyles+xml", "ppt/tableStyles.xml"),
             XML_DECL "<a:tblStyleLst xmlns:a=\"" NS_A "\" def=\"{5C22544A-"
                      "7EE6-4342-B048-85BDC9FD1C3A}\"/>");
    theme(add_part(pk, CT_DML "theme+xml", "ppt/theme/theme1.xml"), b->deck,
          b->font);
    master(add_part(pk, CT_PML "slideMaster+xml",
                    "ppt/slideMasters/slideMaster1.xml"));
    static const char *const master_types[] = {REL_LAYOUT, REL_THEME};
    static const char *const master_targets[] = {
        "../slideLayouts/slideLayout1.xml", "../theme/theme1.xml"};
    rels(add_part(pk, NULL, "ppt/slideMasters/_rels/slideMaster1.xml.rels"),
         master_types, master_targets, 2);
    layout_part(add_part(pk, CT_PML "slideLayout+xml",
                         "ppt/slideLayouts/slideLayout1.xml"));
    static const char *const to_master[] = {REL_MASTER};
    static const char *const master_target[] = {
        "../slideMasters/slideMaster1.xml"};
    rels(add_part(pk, NULL, "ppt/slideLayouts/_rels/slideLayout1.xml.rels"),
         to_master, master_target, 1);
    size_t nchart = 0;
    for (size_t i = 0; i < dk->nslides && i < lr->npages; i++)
        if (slide_parts(pk, b, i, &nchart, tmp_path, d) != 0)
            return -1;
    content_types(&pk->parts[0].data, pk);
    return 0;
}

/* ---- the zip ------------------------------------------------------- */

/* 1980-01-01 00:00 in MS-DOS form (date: day 1, month 1, year 0). */
#define DOS_DATE 0x0021
#define DOS_TIME 0x0000

static int zip_fail(zip_t *za, const char *path, diag_list *d)
{
    diag_add(d, DIAG_ERROR, path, 0, 0, "cannot write the PowerPoint file: %s",
             za ? zip_strerror(za) : "cannot create it");
    diag_hint(d, "check that the disk has room and the folder is writable; "
                 "the earlier outputs are unchanged");
    if (za)
        zip_discard(za);
    return -1;
}

/* How a part is stored.  An embedded workbook is itself a zip, already
 * deflated: deflating it again cost 33 M instructions of the default
 * deck's build for 23 KB, so it is stored.  The XML parts are deflated at
 * level 3: 27 M instructions fewer than level 6 for 12 KB more (the
 * default deck's .pptx: 345 KB before, 380 KB; bench/README.md). */
#define PPTX_ZIP_LEVEL 3
static zip_int32_t part_method(const part *p)
{
    size_t n = strlen(p->name);
    int packed = (n > 5 && strcmp(p->name + n - 5, ".xlsx") == 0) ||
                 strncmp(p->name, "ppt/media/", 10) == 0; /* PNG, JPEG */
    return packed ? ZIP_CM_STORE : ZIP_CM_DEFLATE;
}
static zip_uint32_t part_level(const part *p)
{
    return part_method(p) == ZIP_CM_STORE ? 0 : PPTX_ZIP_LEVEL;
}

/* Writes pk's parts, in order, as the zip at path. */
static int write_zip(const package *pk, const char *path, diag_list *d)
{
    int err = 0;
    zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!za)
        return zip_fail(NULL, path, d);
    for (size_t i = 0; i < pk->n; i++) {
        const part *p = &pk->parts[i];
        zip_source_t *src = zip_source_buffer(
            za, p->data.data ? p->data.data : "", p->data.len, 0);
        if (!src)
            return zip_fail(za, path, d);
        zip_int64_t idx = zip_file_add(za, p->name, src, ZIP_FL_ENC_UTF_8);
        if (idx < 0) {
            zip_source_free(src);
            return zip_fail(za, path, d);
        }
        if (zip_set_file_compression(za, (zip_uint64_t)idx, part_method(p),
                                     part_level(p)) != 0 ||
            zip_file_set_dostime(za, (zip_uint64_t)idx, DOS_TIME, DOS_DATE,
                                 0) != 0)
            return zip_fail(za, path, d);
    }
    if (zip_close(za) != 0)
        return zip_fail(za, path, d);
    return 0;
}

/* ---- the writer ---------------------------------------------------- */

void out_pptx_name(const deck *dk, buf *out)
{
    buf_printf(out, "%s.pptx", dk->name);
}

int out_pptx_write(const build_result *b, const char *out_dir, diag_list *d)
{
    package pk = {0};
    char *path = deck_file_path(b->deck, out_dir, ".pptx");
    char *tmp = fs_temp_path(path);
    int rc = build_package(&pk, b, tmp, d);
    if (rc == 0)
        rc = write_zip(&pk, path, d);
    free(tmp);
    free(path);
    package_free(&pk);
    return rc;
}

void out_pptx_wrote(const build_result *b, const char *out_dir, buf *out)
{
    char *path = deck_file_path(b->deck, out_dir, ".pptx");
    buf_printf(out, "%s (%zu slides)", path, b->deck->nslides);
    free(path);
}
