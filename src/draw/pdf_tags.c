/* pdf_tags: the structure tree of the tagged PDF (see pdf_tags.h). */
#include "pdf_tags.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "escape.h"
#include "pdf_objstm.h"
#include "utf8.h"
#include "xalloc.h"

enum { MAX_DEPTH = 32 };

/* A child in an element's /K: a marked-content id on the element's page,
 * another element, or an annotation (an OBJR). */
typedef enum { KID_MCID, KID_ELEM, KID_ANNOT } kid_kind;

typedef struct kid {
    kid_kind kind;
    long v; /* the MCID, the element's index, the annotation's object */
} kid;

typedef struct elem {
    tag_role role;
    long parent; /* index, -1: the root */
    long page;   /* the page object the element lies on, 0: none */
    kid *kids;
    size_t nkids, capkids;
    char *alt, *text;
    tag_scope scope;
    tag_numbering numbering;
    double bbox[4]; /* a figure's, in PDF coordinates */
} elem;

/* A parent tree entry: a page's MCIDs (their elements, by MCID), or one
 * annotation's element. */
typedef struct pt_entry {
    long *elems;
    size_t n, cap;
    int annot;
} pt_entry;

struct pdf_tags {
    HPDF_Doc pdf;
    HPDF_MMgr mmgr;
    HPDF_Xref xref;
    long root_num; /* the placeholder libharu writes for /StructTreeRoot */
    elem *elems;   /* elems[0] is the Document element */
    size_t nelems, capelems;
    pt_entry *pt;  /* by parent tree key */
    size_t npt, cappt;
    long stack[MAX_DEPTH]; /* open elements; -1 for an artifact */
    tag_role roles[MAX_DEPTH];
    int depth; /* stack[0] is the Document element */
    int figure; /* open Figure elements */
    long page;  /* the current page's object number */
    double page_h;
    long page_key; /* its parent tree key */
    char error[160];
};

static long obj_num(void *obj)
{
    return (long)(((HPDF_Obj_Header *)obj)->obj_id & 0x00FFFFFF);
}

static void fail(pdf_tags *t, const char *what)
{
    if (!t->error[0])
        snprintf(t->error, sizeof t->error, "tagging: %s", what);
}

static int ok(pdf_tags *t, HPDF_STATUS st, const char *what)
{
    if (st != HPDF_OK)
        fail(t, what);
    return st == HPDF_OK;
}

/* One byte of a literal string: ( ) \ escaped, and CR (a reader takes a
 * raw one for LF). */
static void put_lit(buf *b, unsigned char c)
{
    if (c == '(' || c == ')' || c == '\\')
        buf_putc(b, '\\');
    if (c == '\r') {
        buf_puts(b, "\\r");
        return;
    }
    buf_putc(b, (char)c);
}

/* A text string as a literal string: printable ASCII as it is (it reads
 * the same in PDFDocEncoding), anything else as UTF-16BE with a
 * byte-order mark (non-BMP code points as surrogate pairs).  Raw bytes
 * rather than hex digits: the object stream is compressed, and half the
 * size of hex before compression is a third less after it. */
static void put_text(buf *b, const char *s)
{
    size_t len = strlen(s);
    int ascii = 1;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7e)
            ascii = 0;
    buf_putc(b, '(');
    if (ascii) {
        for (size_t i = 0; i < len; i++)
            put_lit(b, (unsigned char)s[i]);
        buf_putc(b, ')');
        return;
    }
    put_lit(b, 0xfe);
    put_lit(b, 0xff);
    for (size_t i = 0; i < len;) {
        size_t adv;
        int32_t cp = utf8_decode(s + i, len - i, &adv);
        i += adv;
        if (cp < 0)
            cp = 0xfffd;
        unsigned u[2] = {(unsigned)cp, 0};
        int nu = 1;
        if (cp >= 0x10000) {
            uint32_t v = (uint32_t)cp - 0x10000;
            u[0] = 0xd800 + (v >> 10);
            u[1] = 0xdc00 + (v & 0x3ff);
            nu = 2;
        }
        for (int k = 0; k < nu; k++) {
            put_lit(b, (unsigned char)(u[k] >> 8));
            put_lit(b, (unsigned char)(u[k] & 0xff));
        }
    }
    buf_putc(b, ')');
}

/* A text string as UTF-16BE bytes with a byte-order mark, for libharu's
 * own dictionaries (written as a hex string). */
static HPDF_Binary utf16(pdf_tags *t, const char *s)
{
    buf b = BUF_INIT;
    buf_putc(&b, (char)0xfe);
    buf_putc(&b, (char)0xff);
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        size_t adv;
        int32_t cp = utf8_decode(s + i, len - i, &adv);
        i += adv;
        if (cp < 0 || cp >= 0x10000)
            cp = 0xfffd; /* a link's address: ASCII in practice */
        buf_putc(&b, (char)((unsigned)cp >> 8));
        buf_putc(&b, (char)((unsigned)cp & 0xff));
    }
    HPDF_Binary v = HPDF_Binary_New(t->mmgr, (HPDF_BYTE *)b.data,
                                    (HPDF_UINT)b.len);
    buf_free(&b);
    return v;
}

static void add_text(pdf_tags *t, HPDF_Dict d, const char *key, const char *s)
{
    HPDF_Binary v = utf16(t, s);
    if (!v)
        fail(t, "cannot make a text string");
    else
        ok(t, HPDF_Dict_Add(d, key, v), key);
}

/* ---- the document-level entries ---- */

static void xmp_text(buf *x, const char *tag, const char *s)
{
    if (!s || !*s)
        return;
    buf_printf(x, "<%s>", tag);
    escape_xml_str(x, s);
    buf_printf(x, "</%s>\n", tag);
}

/* The XMP packet: Dublin Core title, creator, description and language,
 * the PDF and XMP basic properties that mirror the Info dictionary, and
 * the PDF/UA identification. */
static void xmp_packet(buf *x, const pdf_info *in)
{
    buf_puts(x, "<?xpacket begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                "<rdf:Description rdf:about=\"\"\n"
                " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
                " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
                "<pdfuaid:part>1</pdfuaid:part>\n");
    const char *title = in && in->title && *in->title ? in->title : "";
    buf_puts(x, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
    escape_xml_str(x, title);
    buf_puts(x, "</rdf:li></rdf:Alt></dc:title>\n");
    if (in && in->author && *in->author) {
        buf_puts(x, "<dc:creator><rdf:Seq><rdf:li>");
        escape_xml_str(x, in->author);
        buf_puts(x, "</rdf:li></rdf:Seq></dc:creator>\n");
    }
    if (in && in->subject && *in->subject) {
        buf_puts(x, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">");
        escape_xml_str(x, in->subject);
        buf_puts(x, "</rdf:li></rdf:Alt></dc:description>\n");
    }
    buf_puts(x, "<dc:language><rdf:Bag><rdf:li>ja-JP</rdf:li></rdf:Bag>"
                "</dc:language>\n");
    if (in) {
        xmp_text(x, "pdf:Keywords", in->keywords);
        xmp_text(x, "xmp:CreatorTool", in->creator);
        if (in->date_ymd > 0) {
            char d[40];
            snprintf(d, sizeof d, "%04d-%02d-%02dT00:00:00Z",
                     in->date_ymd / 10000, in->date_ymd / 100 % 100,
                     in->date_ymd % 100);
            xmp_text(x, "xmp:CreateDate", d);
            xmp_text(x, "xmp:ModifyDate", d);
        }
    }
    xmp_text(x, "pdf:Producer", "Haru Free PDF Library " HPDF_VERSION_TEXT);
    buf_puts(x, "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
                "<?xpacket end=\"r\"?>\n");
}

static void document_entries(pdf_tags *t, const pdf_info *info)
{
    HPDF_Dict cat = t->pdf->catalog;

    HPDF_Dict mark = HPDF_Dict_New(t->mmgr);
    if (!mark || !ok(t, HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE),
                     "MarkInfo") ||
        !ok(t, HPDF_Dict_Add(cat, "MarkInfo", mark), "MarkInfo"))
        return;
    HPDF_String lang = HPDF_String_New(t->mmgr, "ja-JP", NULL);
    if (!lang || !ok(t, HPDF_Dict_Add(cat, "Lang", lang), "Lang"))
        return;
    HPDF_Dict vp = HPDF_Dict_New(t->mmgr);
    if (!vp ||
        !ok(t, HPDF_Dict_AddBoolean(vp, "DisplayDocTitle", HPDF_TRUE),
            "ViewerPreferences") ||
        !ok(t, HPDF_Dict_Add(cat, "ViewerPreferences", vp),
            "ViewerPreferences"))
        return;

    /* metadata, compressed like the rest (PDF/UA, unlike PDF/A, allows
     * it): the packet is a twelfth of what tagging may add */
    HPDF_Dict md = HPDF_DictStream_New(t->mmgr, t->xref);
    if (!md) {
        fail(t, "cannot make the metadata stream");
        return;
    }
    md->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    HPDF_Dict_AddName(md, "Type", "Metadata");
    HPDF_Dict_AddName(md, "Subtype", "XML");
    buf x = BUF_INIT;
    xmp_packet(&x, info);
    ok(t, HPDF_Stream_Write(md->stream, (const HPDF_BYTE *)x.data,
                            (HPDF_UINT)x.len),
       "metadata");
    buf_free(&x);
    ok(t, HPDF_Dict_Add(cat, "Metadata", md), "Metadata");

    /* the tree's root: a placeholder that the object stream's copy
     * replaces (pdf_tags_write) */
    HPDF_Dict root = HPDF_Dict_New(t->mmgr);
    if (!root || !ok(t, HPDF_Xref_Add(t->xref, root), "StructTreeRoot") ||
        !ok(t, HPDF_Dict_Add(cat, "StructTreeRoot", root), "StructTreeRoot"))
        return;
    t->root_num = obj_num(root);
}

pdf_tags *pdf_tags_new(HPDF_Doc pdf, const pdf_info *info)
{
    pdf_tags *t = xcalloc(1, sizeof *t);
    t->pdf = pdf;
    t->mmgr = pdf->mmgr;
    t->xref = pdf->xref;
    document_entries(t, info);
    t->elems = xcalloc(1, sizeof *t->elems);
    t->capelems = t->nelems = 1;
    t->elems[0] = (elem){.role = TAG_SECT, .parent = -1};
    t->stack[0] = 0;
    t->depth = 1;
    return t;
}

void pdf_tags_free(pdf_tags *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->nelems; i++) {
        free(t->elems[i].kids);
        free(t->elems[i].alt);
        free(t->elems[i].text);
    }
    for (size_t i = 0; i < t->npt; i++)
        free(t->pt[i].elems);
    free(t->elems);
    free(t->pt);
    free(t);
}

const char *pdf_tags_error(const pdf_tags *t)
{
    return t->error[0] ? t->error : NULL;
}

/* ---- pages and elements ---- */

static size_t new_key(pdf_tags *t, int annot)
{
    t->pt = xgrow(t->pt, &t->cappt, t->npt + 1, sizeof *t->pt);
    t->pt[t->npt] = (pt_entry){NULL, 0, 0, annot};
    return t->npt++;
}

static void pt_add(pt_entry *e, long el)
{
    e->elems = xgrow(e->elems, &e->cap, e->n + 1, sizeof *e->elems);
    e->elems[e->n++] = el;
}

static void add_kid(elem *e, kid_kind k, long v)
{
    e->kids = xgrow(e->kids, &e->capkids, e->nkids + 1, sizeof *e->kids);
    e->kids[e->nkids++] = (kid){k, v};
}

void pdf_tags_page(pdf_tags *t, HPDF_Page page, double h)
{
    if (t->error[0])
        return;
    t->page = obj_num(page);
    t->page_h = h;
    t->page_key = (long)new_key(t, 0);
    ok(t, HPDF_Dict_AddNumber(page, "StructParents", (HPDF_INT32)t->page_key),
       "StructParents");
    ok(t, HPDF_Dict_AddName(page, "Tabs", "S"), "Tabs");
}

static int is_artifact(tag_role r)
{
    return r == TAG_ARTIFACT || r == TAG_PAGENO;
}

void pdf_tags_open(pdf_tags *t, const canvas_tag *tag)
{
    if (t->error[0])
        return;
    if (t->depth >= MAX_DEPTH) {
        fail(t, "tags nested too deep");
        return;
    }
    long parent = t->stack[t->depth - 1];
    t->roles[t->depth] = tag->role;
    if (is_artifact(tag->role) || parent < 0) {
        /* an artifact is no element, nor is anything inside one */
        t->stack[t->depth++] = -1;
        return;
    }
    t->elems = xgrow(t->elems, &t->capelems, t->nelems + 1, sizeof *t->elems);
    long i = (long)t->nelems++;
    elem *e = &t->elems[i];
    *e = (elem){.role = tag->role, .parent = parent, .page = t->page,
                .scope = tag->scope, .numbering = tag->numbering};
    if (tag->alt)
        e->alt = xstrdup(tag->alt);
    if (tag->text)
        e->text = xstrdup(tag->text);
    if (tag->role == TAG_FIGURE) {
        t->figure++;
        e->bbox[0] = tag->x;
        e->bbox[1] = t->page_h - tag->y - tag->h;
        e->bbox[2] = tag->x + tag->w;
        e->bbox[3] = t->page_h - tag->y;
    }
    add_kid(&t->elems[parent], KID_ELEM, i);
    t->stack[t->depth++] = i;
}

void pdf_tags_close(pdf_tags *t)
{
    if (t->error[0])
        return;
    if (t->depth <= 1) {
        fail(t, "tag_end without tag_begin");
        return;
    }
    long i = t->stack[t->depth - 1];
    if (i >= 0 && t->elems[i].role == TAG_FIGURE)
        t->figure--;
    t->depth--;
}

pdf_mark pdf_tags_mark_for(const pdf_tags *t, int is_text)
{
    if (t->depth <= 1)
        return MARK_ARTIFACT;
    if (t->stack[t->depth - 1] < 0) {
        for (int d = t->depth - 1; d > 0; d--)
            if (t->roles[d] == TAG_PAGENO)
                return MARK_PAGENO;
        return MARK_ARTIFACT;
    }
    if (t->figure > 0 || is_text)
        return MARK_CONTENT;
    return MARK_ARTIFACT;
}

unsigned long pdf_tags_current(const pdf_tags *t)
{
    long i = t->stack[t->depth - 1];
    return i > 0 ? (unsigned long)i : 0;
}

const char *pdf_tags_role(const pdf_tags *t, unsigned long el)
{
    return tag_role_name(el > 0 && el < t->nelems ? t->elems[el].role
                                                  : TAG_ARTIFACT);
}

int pdf_tags_mcid(pdf_tags *t, unsigned long el)
{
    long i = (long)el;
    if (t->error[0] || !t->page || el == 0 || el >= t->nelems)
        return -1;
    pt_entry *pe = &t->pt[t->page_key];
    int mcid = (int)pe->n;
    pt_add(pe, i);
    add_kid(&t->elems[i], KID_MCID, mcid);
    return mcid;
}

void pdf_tags_annot(pdf_tags *t, HPDF_Annotation a, const char *uri)
{
    if (t->error[0])
        return;
    long cur = t->stack[t->depth - 1];
    int own = cur < 0 || t->elems[cur].role != TAG_LINK;
    if (own)
        pdf_tags_open(t, &(canvas_tag){.role = TAG_LINK});
    long i = t->stack[t->depth - 1];
    if (i > 0) {
        add_kid(&t->elems[i], KID_ANNOT, obj_num(a));
        size_t key = new_key(t, 1);
        pt_add(&t->pt[key], i);
        ok(t, HPDF_Dict_AddNumber(a, "StructParent", (HPDF_INT32)key),
           "StructParent");
        add_text(t, a, "Contents", uri);
    } else {
        fail(t, "a link inside an artifact");
    }
    if (own)
        pdf_tags_close(t);
}

int pdf_tags_finish(pdf_tags *t)
{
    if (!t->error[0] && t->depth != 1)
        fail(t, "a tag was not ended");
    /* libharu raises its version as it goes (1.4 with transparency), and
     * writes 1.4 at most; pdf_objstm_write writes the header's 1.7 */
    return t->error[0] ? -1 : 0;
}

/* ---- writing the tree ---- */

static void put_ref(buf *b, long num) { buf_printf(b, " %ld 0 R", num); }

/* Object numbers: the element of index i is base + num[i]. */
static void put_elem(const pdf_tags *t, long i, long base, const long *num,
                     buf *b)
{
    const elem *e = &t->elems[i];
    buf_puts(b, "<</S/");
    buf_puts(b, i == 0 ? "Document" : tag_role_name(e->role));
    buf_puts(b, "/P");
    put_ref(b, e->parent < 0 ? t->root_num : base + num[e->parent]);
    int mcids = 0;
    for (size_t k = 0; k < e->nkids; k++)
        mcids |= e->kids[k].kind == KID_MCID || e->kids[k].kind == KID_ANNOT;
    if (mcids && e->page) {
        buf_puts(b, "/Pg");
        put_ref(b, e->page);
    }
    if (e->nkids == 1 && e->kids[0].kind == KID_MCID) {
        buf_printf(b, "/K %ld", e->kids[0].v);
    } else if (e->nkids == 1 && e->kids[0].kind == KID_ELEM) {
        buf_printf(b, "/K %ld 0 R", base + num[e->kids[0].v]);
    } else if (e->nkids) {
        buf_puts(b, "/K[");
        for (size_t k = 0; k < e->nkids; k++) {
            const kid *c = &e->kids[k];
            if (k)
                buf_putc(b, ' ');
            if (c->kind == KID_MCID)
                buf_printf(b, "%ld", c->v);
            else if (c->kind == KID_ELEM)
                buf_printf(b, "%ld 0 R", base + num[c->v]);
            else
                buf_printf(b, "<</Type/OBJR/Obj %ld 0 R/Pg %ld 0 R>>", c->v,
                           e->page);
        }
        buf_putc(b, ']');
    }
    if (e->alt) {
        buf_puts(b, "/Alt");
        put_text(b, e->alt);
    }
    if (e->text) {
        buf_puts(b, "/ActualText");
        put_text(b, e->text);
    }
    if (e->role == TAG_FIGURE) {
        buf_puts(b, "/A<</O/Layout/Placement/Block/BBox[");
        for (int k = 0; k < 4; k++) {
            if (k)
                buf_putc(b, ' ');
            buf_num(b, e->bbox[k], 2, 1);
        }
        buf_puts(b, "]>>");
    }
    static const char *const numbering[] = {"None", "Square", "Disc",
                                            "Decimal"};
    if (e->role == TAG_L && e->numbering != NUMBERING_NONE)
        buf_printf(b, "/A<</O/List/ListNumbering/%s>>",
                   numbering[e->numbering]);
    if (e->role == TAG_TH && e->scope != SCOPE_NONE)
        buf_printf(b, "/A<</O/Table/Scope/%s>>",
                   e->scope == SCOPE_ROW ? "Row" : "Column");
    buf_puts(b, ">>");
}

const char *pdf_tags_write(pdf_tags *t, const unsigned char *pdf, size_t len,
                           unsigned char **out, size_t *outlen)
{
    if (t->error[0])
        return t->error;
    long size = pdf_objstm_size(pdf, len);
    if (size < 0)
        return "the PDF does not end as libharu writes it";
    long base = size + 1; /* after the object stream */
    /* elements with children first: their numbers, which every child
     * names in /P, are then the shortest */
    long *num = xmalloc(t->nelems * sizeof *num);
    num[0] = 0; /* the Document element, the root's /K */
    size_t n = 2;
    for (int leaves = 0; leaves < 2; leaves++)
        for (size_t i = 1; i < t->nelems; i++)
            if ((t->elems[i].nkids == 0) == leaves)
                num[i] = (long)(n++ - 1);
    long *nums = xmalloc(n * sizeof *nums);
    buf *objs = xcalloc(n, sizeof *objs);
    /* the root, with the parent tree as one flat number tree */
    nums[0] = t->root_num;
    buf *r = &objs[0];
    buf_printf(r, "<</Type/StructTreeRoot/K %ld 0 R/ParentTreeNextKey %zu"
                  "/ParentTree<</Nums[",
               base, t->npt);
    for (size_t k = 0; k < t->npt; k++) {
        const pt_entry *pe = &t->pt[k];
        buf_printf(r, "%s%zu ", k ? " " : "", k);
        if (pe->annot) {
            buf_printf(r, "%ld 0 R", base + num[pe->elems[0]]);
            continue;
        }
        buf_putc(r, '[');
        for (size_t m = 0; m < pe->n; m++)
            buf_printf(r, "%s%ld 0 R", m ? " " : "",
                       base + num[pe->elems[m]]);
        buf_putc(r, ']');
    }
    buf_puts(r, "]>>>>");
    for (size_t i = 0; i < t->nelems; i++) {
        nums[num[i] + 1] = base + num[i];
        put_elem(t, (long)i, base, num, &objs[num[i] + 1]);
    }
    const char *why = pdf_objstm_write(pdf, len, nums, objs, n, out, outlen);
    for (size_t i = 0; i < n; i++)
        buf_free(&objs[i]);
    free(objs);
    free(nums);
    free(num);
    return why;
}
