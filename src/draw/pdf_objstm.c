/* pdf_objstm: an object stream and a cross-reference stream (see
 * pdf_objstm.h). */
#include "pdf_objstm.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "xalloc.h"

/* Index pairs to a row of the object stream's predictor. */
#define ROW_PAIRS 64

/* libharu's tail: "xref\n0 N\n" N entries of 20 bytes, "trailer\n<< …
 * /Root R 0 R … /Info I 0 R … >>\nstartxref\nX\n%%EOF\n". */
typedef struct tail {
    size_t xref; /* where the table starts: everything before is kept */
    long size;
    const unsigned char *entries;
    long root, info; /* info 0: none */
} tail;

static long number_at(const unsigned char *p, const unsigned char *end,
                      const unsigned char **next)
{
    long v = 0;
    int any = 0;
    while (p < end && *p >= '0' && *p <= '9' && v < 100000000) {
        v = v * 10 + (*p++ - '0');
        any = 1;
    }
    *next = p;
    return any ? v : -1;
}

static const unsigned char *find(const unsigned char *p,
                                 const unsigned char *end, const char *s)
{
    size_t n = strlen(s);
    for (; p + n <= end; p++)
        if (memcmp(p, s, n) == 0)
            return p;
    return NULL;
}

/* The number after key ("/Root 1 0 R") in the trailer, or 0. */
static long trailer_ref(const unsigned char *p, const unsigned char *end,
                        const char *key)
{
    const unsigned char *k = find(p, end, key);
    if (!k)
        return 0;
    k += strlen(key);
    while (k < end && *k == ' ')
        k++;
    const unsigned char *next;
    long v = number_at(k, end, &next);
    return v > 0 ? v : 0;
}

static int read_tail(const unsigned char *pdf, size_t len, tail *t)
{
    const unsigned char *end = pdf + len, *sx = NULL;
    for (size_t i = len >= 9 ? len - 9 : 0; i > 0 && len - i < 64; i--)
        if (memcmp(pdf + i, "startxref", 9) == 0) {
            sx = pdf + i;
            break;
        }
    if (!sx)
        return -1;
    const unsigned char *p = sx + 9, *next;
    while (p < end && (*p == '\n' || *p == '\r'))
        p++;
    long x = number_at(p, end, &next);
    if (x < 0 || (size_t)x + 9 >= len || memcmp(pdf + x, "xref\n0 ", 7) != 0)
        return -1;
    t->xref = (size_t)x;
    t->size = number_at(pdf + x + 7, end, &next);
    if (t->size <= 0 || next >= end || *next != '\n')
        return -1;
    t->entries = next + 1;
    if ((size_t)(end - t->entries) < (size_t)t->size * 20)
        return -1;
    const unsigned char *tr = t->entries + (size_t)t->size * 20;
    if (!find(tr, end, "trailer"))
        return -1;
    t->root = trailer_ref(tr, end, "/Root");
    t->info = trailer_ref(tr, end, "/Info");
    return t->root > 0 ? 0 : -1;
}

long pdf_objstm_size(const unsigned char *pdf, size_t len)
{
    tail t;
    return read_tail(pdf, len, &t) == 0 ? t.size : -1;
}

/* Flate at zlib's default level, as libharu deflates its streams: level
 * 9 made the default deck's object stream 1.2 KB smaller for a fifth more
 * instructions in the whole build (329 M to 406 M). */
static int deflate_buf(const buf *in, buf *out)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15, 8,
                     Z_DEFAULT_STRATEGY) != Z_OK)
        return -1;
    uLong bound = deflateBound(&z, (uLong)in->len);
    Bytef *o = xmalloc((size_t)bound);
    z.next_in = (Bytef *)in->data;
    z.avail_in = (uInt)in->len;
    z.next_out = o;
    z.avail_out = (uInt)bound;
    int rc = deflate(&z, Z_FINISH) == Z_STREAM_END ? 0 : -1;
    if (rc == 0)
        buf_put(out, o, (size_t)z.total_out);
    deflateEnd(&z);
    free(o);
    return rc;
}

/* "N 0 obj\n<<DICT/Length L>>\nstream\n…\nendstream\nendobj\n" */
static void put_stream(buf *o, long num, const char *dict, const buf *data)
{
    buf_printf(o, "%ld 0 obj\n<<%s/Filter/FlateDecode/Length %zu>>\nstream\n",
               num, dict, data->len);
    buf_put(o, data->data, data->len);
    buf_puts(o, "\nendstream\nendobj\n");
}

/* One entry of the cross-reference stream, 1 + 4 + w3 bytes (w3: 2, or 3
 * when an object stream holds more than 65,535 objects), as a row of
 * the PNG "Up" predictor (filter byte 2, then each byte less the one
 * above it), which turns the steady entries into runs of zeros for
 * Flate. */
static void put_entry(buf *x, unsigned char *prev, int w3, int type,
                      unsigned long f2, unsigned long f3)
{
    unsigned char e[8] = {(unsigned char)type,      (unsigned char)(f2 >> 24),
                          (unsigned char)(f2 >> 16), (unsigned char)(f2 >> 8),
                          (unsigned char)f2,         0,
                          0,                         0};
    for (int i = 0; i < w3; i++)
        e[5 + i] = (unsigned char)(f3 >> (8 * (w3 - 1 - i)));
    buf_putc(x, 2);
    for (int i = 0; i < 5 + w3; i++) {
        buf_putc(x, (char)(unsigned char)(e[i] - prev[i]));
        prev[i] = e[i];
    }
}

/* One of libharu's objects: where it lies, and whether it is a stream
 * (which stays in the file's body; the others move into the object
 * stream). */
typedef struct lobj {
    long num;
    size_t off, end; /* [off, end): "N 0 obj\n…endobj\n" */
    int stream;
} lobj;

static int by_offset(const void *a, const void *b)
{
    size_t x = ((const lobj *)a)->off, y = ((const lobj *)b)->off;
    return (x > y) - (x < y);
}

/* libharu's objects in file order, their ends from the next one's start;
 * -1 when an entry does not look like one of its objects. */
static long read_objects(const unsigned char *pdf, const tail *t, lobj **out)
{
    lobj *o = xcalloc((size_t)t->size, sizeof *o);
    long n = 0;
    for (long k = 1; k < t->size; k++) {
        const unsigned char *e = t->entries + (size_t)k * 20, *next;
        if (e[17] != 'n')
            continue;
        long off = number_at(e, e + 10, &next);
        if (off <= 0 || (size_t)off >= t->xref) {
            free(o);
            return -1;
        }
        o[n++] = (lobj){k, (size_t)off, 0, 0};
    }
    qsort(o, (size_t)n, sizeof *o, by_offset);
    for (long i = 0; i < n; i++) {
        o[i].end = i + 1 < n ? o[i + 1].off : t->xref;
        const unsigned char *a = pdf + o[i].off, *b = pdf + o[i].end;
        while (b > a && (b[-1] == '\n' || b[-1] == '\r' || b[-1] == ' '))
            b--;
        if (b - a < 6 || memcmp(b - 6, "endobj", 6) != 0) {
            free(o);
            return -1;
        }
        b -= 6;
        while (b > a && (b[-1] == '\n' || b[-1] == '\r' || b[-1] == ' '))
            b--;
        o[i].stream = b - a >= 9 && memcmp(b - 9, "endstream", 9) == 0;
    }
    *out = o;
    return n;
}

/* The text of object o without "N 0 obj" and "endobj". */
static void object_body(const unsigned char *pdf, const lobj *o, buf *out)
{
    const unsigned char *a = pdf + o->off, *b = pdf + o->end;
    const unsigned char *h = find(a, b, "obj");
    a = h ? h + 3 : a;
    while (b > a && (b[-1] == '\n' || b[-1] == '\r' || b[-1] == ' '))
        b--;
    b -= 6; /* endobj, checked by read_objects */
    while (a < b && (*a == '\n' || *a == '\r' || *a == ' '))
        a++;
    while (b > a && (b[-1] == '\n' || b[-1] == '\r' || b[-1] == ' '))
        b--;
    buf_put(out, a, (size_t)(b - a));
}

/* An object's place in the object stream's index. */
typedef struct entry {
    long num;
    size_t off; /* in body */
} entry;

/* The object stream, number stm, of the count objects whose text is body
 * (each at ix[i].off), the largest number last, appended to o.  The index
 * ("num off" pairs) is most of what the stream costs when it holds
 * thousands of small objects: offsets are numbers no compressor
 * predicts.  Written as fixed-width fields, ROW_PAIRS to a row, under the
 * PNG "Sub" predictor with one field as its pixel (ISO 32000-1 7.4.4.4:
 * /Colors is the field's width), each field becomes its difference from
 * the one before (mostly zeros and small digits), which compresses to a
 * third; the objects' rows are left as they are (PNG filter None).
 * 0, or -1. */
static int put_object_stream(buf *o, long stm, const entry *ix, size_t count,
                             long last, buf *body)
{
    size_t fw_num = 1, fw_off = 1;
    for (long v = last; v >= 10; v /= 10)
        fw_num++;
    for (size_t v = body->len; v >= 10; v /= 10)
        fw_off++;
    size_t fw = fw_num + fw_off + 2, row = fw * ROW_PAIRS;
    if (fw > 32) /* /Colors past what readers take (poppler: 32) */
        return -1;
    buf head = BUF_INIT;
    for (size_t i = 0; i < count; i++)
        buf_printf(&head, "%*ld %*zu ", (int)fw_num, ix[i].num, (int)fw_off,
                   ix[i].off);
    while (head.len % row)
        buf_putc(&head, ' ');
    while (body->len % row)
        buf_putc(body, ' ');
    buf all = BUF_INIT, z = BUF_INIT;
    for (size_t r = 0; r < head.len; r += row) {
        buf_putc(&all, 1); /* Sub */
        for (size_t k = 0; k < row; k++) {
            unsigned char c = (unsigned char)head.data[r + k];
            unsigned char left =
                k >= fw ? (unsigned char)head.data[r + k - fw] : 0;
            buf_putc(&all, (char)(unsigned char)(c - left));
        }
    }
    for (size_t r = 0; r < body->len; r += row) {
        buf_putc(&all, 0); /* None */
        buf_put(&all, body->data + r, row);
    }
    int rc = deflate_buf(&all, &z);
    if (rc == 0) {
        buf d = BUF_INIT;
        buf_printf(&d,
                   "/Type/ObjStm/N %zu/First %zu/DecodeParms<</Predictor 15"
                   "/Colors %zu/Columns %d>>",
                   count, head.len, fw, ROW_PAIRS);
        put_stream(o, stm, buf_cstr(&d), &z);
        buf_free(&d);
    }
    buf_free(&head);
    buf_free(&all);
    buf_free(&z);
    return rc;
}

const char *pdf_objstm_write(const unsigned char *pdf, size_t len,
                             const long *nums, const buf *objs, size_t n,
                             unsigned char **out, size_t *outlen)
{
    *out = NULL;
    *outlen = 0;
    tail t;
    lobj *lo = NULL;
    long nlo;
    if (read_tail(pdf, len, &t) != 0 || (nlo = read_objects(pdf, &t, &lo)) < 0)
        return "the PDF does not end as libharu writes it";
    long stm = t.size, last = stm;
    for (size_t i = 0; i < n; i++) {
        if (nums[i] <= 0 || nums[i] == stm) {
            free(lo);
            return "an object number out of range";
        }
        if (nums[i] > last)
            last = nums[i];
    }
    long xnum = last + 1, size = xnum + 1;
    if (size > 0xffffff) {
        free(lo);
        return "too many objects";
    }
    /* where each object goes: 1 + its index in the object stream, or
     * -(1 + its offset) in the body */
    long *where = xcalloc((size_t)size, sizeof *where);
    for (size_t i = 0; i < n; i++)
        where[nums[i]] = 1; /* given: replaces libharu's */

    /* the body: the header, then libharu's streams as they were */
    buf o = BUF_INIT;
    buf_put(&o, pdf, nlo ? lo[0].off : t.xref);
    /* object streams and /Tabs need PDF 1.5; the header says 1.7 */
    if (o.len > 8 && memcmp(o.data, "%PDF-1.", 7) == 0)
        o.data[7] = '7';
    /* the object stream: libharu's other objects, then those given */
    entry *ix = xmalloc(((size_t)nlo + n + 1) * sizeof *ix);
    buf body = BUF_INIT;
    size_t count = 0;
    for (long i = 0; i < nlo; i++) {
        if (where[lo[i].num])
            continue; /* replaced */
        if (lo[i].stream) {
            where[lo[i].num] = -(long)(1 + o.len);
            buf_put(&o, pdf + lo[i].off, lo[i].end - lo[i].off);
            continue;
        }
        where[lo[i].num] = (long)++count;
        ix[count - 1] = (entry){lo[i].num, body.len};
        object_body(pdf, &lo[i], &body);
        buf_putc(&body, '\n');
    }
    free(lo);
    for (size_t i = 0; i < n; i++) {
        where[nums[i]] = (long)++count;
        ix[count - 1] = (entry){nums[i], body.len};
        buf_put(&body, objs[i].data, objs[i].len);
        buf_putc(&body, '\n');
    }
    size_t stm_off = o.len;
    int bad = put_object_stream(&o, stm, ix, count, last, &body);
    free(ix);
    buf d = BUF_INIT;

    /* the cross-reference stream, entries of 1 + 4 + 2 bytes */
    size_t x_off = o.len;
    buf x = BUF_INIT;
    unsigned char prev[8] = {0};
    int w3 = count > 0xffff ? 3 : 2;
    for (long k = 0; k < size; k++) {
        if (k == stm)
            put_entry(&x, prev, w3, 1, (unsigned long)stm_off, 0);
        else if (k == xnum)
            put_entry(&x, prev, w3, 1, (unsigned long)x_off, 0);
        else if (where[k] > 0)
            put_entry(&x, prev, w3, 2, (unsigned long)stm, (unsigned)(where[k] - 1));
        else if (where[k] < 0)
            put_entry(&x, prev, w3, 1, (unsigned long)(-where[k] - 1), 0);
        else
            put_entry(&x, prev, w3, 0, 0, k == 0 ? 0xffff : 0);
    }
    free(where);
    buf zx = BUF_INIT;
    if (deflate_buf(&x, &zx) != 0)
        bad = 1;
    buf_reset(&d);
    buf_printf(&d,
               "/Type/XRef/Size %ld/W[1 4 %d]/DecodeParms<</Predictor 12"
               "/Columns %d>>/Root %ld 0 R",
               size, w3, 5 + w3, t.root);
    if (t.info)
        buf_printf(&d, "/Info %ld 0 R", t.info);
    put_stream(&o, xnum, buf_cstr(&d), &zx);
    buf_printf(&o, "startxref\n%zu\n%%%%EOF\n", x_off);
    buf_free(&body);
    buf_free(&d);
    buf_free(&x);
    buf_free(&zx);
    if (bad || x_off > 0xffffffffUL) {
        buf_free(&o);
        return "cannot compress the structure";
    }
    *outlen = o.len;
    *out = (unsigned char *)buf_detach(&o);
    return NULL;
}
