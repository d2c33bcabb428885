#include "pdf_ops.h"

#include <hpdf_font.h>
#include <hpdf_list.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <string.h>

/* A number as libharu's HPDF_FToA writes it: clamped to +-32767, five
 * decimals at most, trailing zeros and point dropped. */
void pdf_op_real(buf *b, HPDF_REAL val)
{
    char tmp[HPDF_REAL_LEN + 2];
    char *t = tmp + sizeof tmp - 1;
    if (val > HPDF_LIMIT_MAX_REAL)
        val = HPDF_LIMIT_MAX_REAL;
    else if (val < HPDF_LIMIT_MIN_REAL)
        val = HPDF_LIMIT_MIN_REAL;
    if (val < 0) {
        buf_putc(b, '-');
        val = -val;
    }
    /* the same expressions, so the same float rounding */
    HPDF_INT32 int_val = (HPDF_INT32)(val + 0.000005);
    HPDF_INT32 fpart_val =
        (HPDF_INT32)((HPDF_REAL)(val - int_val + 0.000005) * 100000);
    *t = '\0';
    char frac[5];
    for (int i = 4; i >= 0; i--) {
        frac[i] = (char)('0' + fpart_val % 10);
        fpart_val /= 10;
    }
    int fl = 5;
    while (fl > 0 && frac[fl - 1] == '0')
        fl--;
    do {
        *--t = (char)('0' + int_val % 10);
        int_val /= 10;
    } while (int_val > 0);
    buf_puts(b, t);
    if (fl > 0) {
        buf_putc(b, '.');
        buf_put(b, frac, (size_t)fl);
    }
}

/* "v1 v2 ... op\n" appended to b. */
void pdf_op(buf *b, const HPDF_REAL *v, int n, const char *op)
{
    for (int i = 0; i < n; i++) {
        pdf_op_real(b, v[i]);
        buf_putc(b, ' ');
    }
    buf_puts(b, op);
    buf_putc(b, '\n');
}

int pdf_ops_flush(HPDF_Page page, buf *b)
{
    int rc = 0;
    HPDF_PageAttr attr = page ? (HPDF_PageAttr)page->attr : NULL;
    if (b->len && attr && attr->stream &&
        HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)b->data,
                          (HPDF_UINT)b->len) != HPDF_OK)
        rc = -1;
    buf_reset(b);
    return rc;
}

/* libharu 2.3.0 writes a ToUnicode CMap for the UTF-8 encoder that poppler
 * rejects as malformed (it warns on every page, and other readers may get
 * the text wrong).  The stream is reachable through libharu's installed
 * internal headers: the Type0 font's attr->cmap_stream.  Its contents are
 * replaced with a correct Adobe-Identity-UCS CMap holding one bfchar entry
 * per code point drawn; with Identity-H and the UTF-8 encoder each CID is
 * the code point itself.  Keys that belong to a CMap resource and not to a
 * ToUnicode stream are removed. */
int pdf_fix_tounicode(HPDF_Font font, const uint32_t *drawn)
{
    if (!font)
        return 0;
    HPDF_FontAttr attr = (HPDF_FontAttr)font->attr;
    HPDF_Dict cmap = attr ? attr->cmap_stream : NULL;
    if (!cmap || !cmap->stream)
        return -1;
    static const char *const drop[] = {"CMapName", "CIDSystemInfo", "WMode",
                                       "Type"};
    /* Look the keys up in the element list itself: HPDF_Dict_GetItem
     * records an error in the document when the class asked differs. */
    for (size_t i = 0; i < sizeof drop / sizeof *drop; i++) {
        HPDF_List l = cmap->list;
        for (HPDF_UINT k = 0; l && k < l->count; k++) {
            HPDF_DictElement e = (HPDF_DictElement)l->obj[k];
            if (strcmp(e->key, drop[i]) == 0) {
                HPDF_Dict_RemoveElement(cmap, drop[i]);
                break;
            }
        }
    }

    buf b = BUF_INIT;
    buf_puts(&b, "/CIDInit /ProcSet findresource begin\n"
                 "12 dict begin\n"
                 "begincmap\n"
                 "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
                 "/Supplement 0 >> def\n"
                 "/CMapName /Adobe-Identity-UCS def\n"
                 "/CMapType 2 def\n"
                 "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    uint32_t block[100];
    int n = 0;
    for (uint32_t cp = 0; cp <= 0x10000; cp++) {
        if (cp < 0x10000 && (drawn[cp >> 5] >> (cp & 31)) & 1u) {
            block[n++] = cp;
            if (n < 100)
                continue;
        }
        if (n > 0 && (n == 100 || cp == 0x10000)) {
            buf_printf(&b, "%d beginbfchar\n", n);
            for (int i = 0; i < n; i++)
                buf_printf(&b, "<%04X> <%04X>\n", (unsigned)block[i],
                           (unsigned)block[i]);
            buf_puts(&b, "endbfchar\n");
            n = 0;
        }
    }
    buf_puts(&b, "endcmap\n"
                 "CMapName currentdict /CMap defineresource pop\n"
                 "end\n"
                 "end\n");
    HPDF_MemStream_FreeData(cmap->stream);
    cmap->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    HPDF_STATUS st = HPDF_Stream_Write(cmap->stream,
                                       (const HPDF_BYTE *)b.data,
                                       (HPDF_UINT)b.len);
    buf_free(&b);
    return st == HPDF_OK ? 0 : -1;
}
