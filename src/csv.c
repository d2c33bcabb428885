#include "csv.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "utf8.h"
#include "xalloc.h"

/* ---- positions ------------------------------------------------------ */

/* Line and character column of byte offset `at` in UTF-8 text s, counting
 * CRLF, LF and a lone CR as one line break; invalid bytes count as one
 * character each. */
static void position_of(const char *s, size_t at, int *line, int *col)
{
    int l = 1, c = 1;
    size_t i = 0;
    while (i < at) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '\r' || ch == '\n') {
            if (ch == '\r' && i + 1 < at && s[i + 1] == '\n')
                i++;
            l++;
            c = 1;
            i++;
            continue;
        }
        size_t adv = 1;
        if (ch >= 0x80)
            utf8_decode(s + i, at - i, &adv);
        i += adv;
        c++;
    }
    *line = l;
    *col = c;
}

/* ---- encoding ------------------------------------------------------- */

/* Converts CP932 bytes to UTF-8.  Returns the text (caller frees, *outlen
 * set) or NULL with *bad_in = offset of the first byte that is not CP932
 * and the UTF-8 text converted before it in *partial (caller frees). */
static char *from_cp932(const char *data, size_t len, size_t *outlen,
                        char **partial, size_t *bad_in)
{
    iconv_t cd = iconv_open("UTF-8", "CP932");
    if (cd == (iconv_t)-1) {
        *partial = xstrdup("");
        *bad_in = 0;
        return NULL;
    }
    size_t cap = len * 3 / 2 + 16;
    char *out = xmalloc(cap + 1);
    char *in = (char *)data;
    size_t inleft = len;
    char *o = out;
    size_t oleft = cap;
    int failed = 0;
    while (inleft > 0) {
        size_t r = iconv(cd, &in, &inleft, &o, &oleft);
        if (r != (size_t)-1)
            break;
        if (errno == E2BIG) {
            size_t used = (size_t)(o - out);
            cap *= 2;
            out = xrealloc(out, cap + 1);
            o = out + used;
            oleft = cap - used;
            continue;
        }
        failed = 1; /* EILSEQ, or EINVAL: a lead byte at the very end */
        break;
    }
    iconv_close(cd);
    size_t used = (size_t)(o - out);
    out[used] = '\0';
    if (failed) {
        *partial = out;
        *bad_in = (size_t)(in - data);
        return NULL;
    }
    *outlen = used;
    return out;
}

static void invalid_bytes(diag_list *d, const char *path, int line, int col,
                          unsigned char byte, csv_encoding tried)
{
    if (tried == CSV_ENC_UTF8)
        diag_add(d, DIAG_ERROR, path, line, col,
                 "invalid UTF-8 byte 0x%02X: expected UTF-8 text", byte);
    else if (tried == CSV_ENC_CP932)
        diag_add(d, DIAG_ERROR, path, line, col,
                 "invalid Shift_JIS (CP932) byte 0x%02X: the file was read "
                 "as CP932",
                 byte);
    else
        diag_add(d, DIAG_ERROR, path, line, col,
                 "invalid byte 0x%02X: the file is neither UTF-8 nor "
                 "Shift_JIS (CP932)",
                 byte);
    diag_hint(d, "save the file as \"CSV UTF-8\" and check this character");
}

/* ---- parsing -------------------------------------------------------- */

typedef struct parser {
    const char *s;
    size_t len, i;
    int line, col;
    const char *path;
    diag_list *d;
    int errors;
    csv *c;
    size_t rows_cap;
} parser;

static int at_eol(const parser *p)
{
    return p->i >= p->len || p->s[p->i] == '\n' || p->s[p->i] == '\r';
}

/* Advances over one character (not a line break), keeping the column. */
static void step(parser *p)
{
    size_t adv = 1;
    if ((unsigned char)p->s[p->i] >= 0x80)
        utf8_decode(p->s + p->i, p->len - p->i, &adv);
    p->i += adv;
    p->col++;
}

/* Consumes a line break (CRLF, LF or CR) at p->i. */
static void newline(parser *p, buf *into)
{
    if (p->s[p->i] == '\r' && p->i + 1 < p->len && p->s[p->i + 1] == '\n')
        p->i++;
    p->i++;
    p->line++;
    p->col = 1;
    if (into)
        buf_putc(into, '\n');
}

static void add_cell(csv_row *r, size_t *cap, buf *text, int line, int col,
                     int quoted)
{
    r->cells = xgrow(r->cells, cap, r->ncells + 1, sizeof(csv_cell));
    csv_cell *cell = &r->cells[r->ncells++];
    cell->text = text->len ? buf_detach(text) : xstrdup("");
    buf_reset(text);
    cell->line = line;
    cell->col = col;
    cell->quoted = quoted;
}

/* Parses one field at p->i into text.  Returns 0 on an unrecoverable
 * error (unterminated quote). */
static int field(parser *p, buf *text, int *quoted)
{
    *quoted = 0;
    if (p->i < p->len && p->s[p->i] == '"') {
        int qline = p->line, qcol = p->col;
        *quoted = 1;
        step(p);
        for (;;) {
            if (p->i >= p->len) {
                diag_add(p->d, DIAG_ERROR, p->path, qline, qcol,
                         "unterminated quoted field starting here: expected "
                         "a closing quote (\") before the end of the file");
                diag_hint(p->d, "close the field with \"; a quote inside "
                                "a quoted field is written as \"\"");
                p->errors++;
                return 0;
            }
            char ch = p->s[p->i];
            if (ch == '"') {
                if (p->i + 1 < p->len && p->s[p->i + 1] == '"') {
                    buf_putc(text, '"');
                    step(p);
                    step(p);
                    continue;
                }
                step(p);
                break;
            }
            if (ch == '\r' || ch == '\n') {
                newline(p, text);
                continue;
            }
            size_t start = p->i;
            step(p);
            buf_put(text, p->s + start, p->i - start);
        }
        if (!at_eol(p) && p->s[p->i] != ',') {
            diag_add(p->d, DIAG_ERROR, p->path, p->line, p->col,
                     "unexpected text after a closing quote: expected a "
                     "comma or the end of the line");
            diag_hint(p->d, "a quote inside a quoted field is written as "
                            "\"\" (doubled)");
            p->errors++;
            while (!at_eol(p) && p->s[p->i] != ',')
                step(p);
        }
        return 1;
    }
    while (!at_eol(p) && p->s[p->i] != ',') {
        if (p->s[p->i] == '"') {
            diag_add(p->d, DIAG_ERROR, p->path, p->line, p->col,
                     "quote inside an unquoted field: expected a field "
                     "that starts with a quote if it contains one");
            diag_hint(p->d, "quote the whole field and double the quote "
                            "inside it: \"a \"\"b\"\" c\"");
            p->errors++;
        }
        size_t start = p->i;
        step(p);
        buf_put(text, p->s + start, p->i - start);
    }
    return 1;
}

static int parse_rows(parser *p)
{
    buf text = BUF_INIT;
    int ok = 1;
    while (p->i < p->len) {
        csv_row row = {NULL, 0, p->line};
        size_t cap = 0;
        for (;;) {
            int line = p->line, col = p->col, quoted;
            if (!field(p, &text, &quoted)) {
                ok = 0;
                break;
            }
            add_cell(&row, &cap, &text, line, col, quoted);
            if (p->i < p->len && p->s[p->i] == ',') {
                step(p);
                continue;
            }
            if (p->i < p->len)
                newline(p, NULL);
            break;
        }
        p->c->rows = xgrow(p->c->rows, &p->rows_cap, p->c->nrows + 1,
                           sizeof(csv_row));
        p->c->rows[p->c->nrows++] = row;
        if (!ok)
            break;
    }
    buf_free(&text);
    /* Blank lines at the end are not rows. */
    while (p->c->nrows > 0) {
        csv_row *r = &p->c->rows[p->c->nrows - 1];
        if (r->ncells != 1 || r->cells[0].quoted || r->cells[0].text[0])
            break;
        free(r->cells[0].text);
        free(r->cells);
        p->c->nrows--;
    }
    return ok && p->errors == 0;
}

/* ---- entry points --------------------------------------------------- */

csv *csv_parse(const char *path, const char *data, size_t len,
               csv_encoding enc, diag_list *d)
{
    int had_bom = 0;
    if (len >= 2 && (((unsigned char)data[0] == 0xFF &&
                      (unsigned char)data[1] == 0xFE) ||
                     ((unsigned char)data[0] == 0xFE &&
                      (unsigned char)data[1] == 0xFF))) {
        diag_add(d, DIAG_ERROR, path, 1, 1,
                 "the file is UTF-16 (Unicode text): expected UTF-8 or "
                 "Shift_JIS (CP932)");
        diag_hint(d, "save the file as \"CSV UTF-8\"");
        return NULL;
    }
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 &&
        enc != CSV_ENC_CP932) {
        had_bom = 1;
        data += 3;
        len -= 3;
    }
    char *converted = NULL;
    const char *text = data;
    size_t tlen = len;
    csv_encoding used = CSV_ENC_UTF8;
    size_t bad = 0;
    int utf8_ok = enc == CSV_ENC_CP932 ? 0 : utf8_valid(data, len, &bad);
    if (!utf8_ok) {
        if (enc == CSV_ENC_UTF8) {
            int l, c;
            position_of(data, bad, &l, &c);
            invalid_bytes(d, path, l, c, (unsigned char)data[bad],
                          CSV_ENC_UTF8);
            return NULL;
        }
        char *partial = NULL;
        size_t cbad = 0, clen = 0;
        converted = from_cp932(data, len, &clen, &partial, &cbad);
        if (!converted) {
            int l, c;
            /* Report where the more plausible reading broke down: the
             * encoding that got further through the file. */
            size_t cp_in = strlen(partial); /* converted prefix */
            int cp_further = enc == CSV_ENC_CP932 || cbad > bad;
            if (cp_further) {
                position_of(partial, cp_in, &l, &c);
                invalid_bytes(d, path, l, c, (unsigned char)data[cbad],
                              enc == CSV_ENC_CP932 ? CSV_ENC_CP932
                                                   : CSV_ENC_AUTO);
            } else {
                position_of(data, bad, &l, &c);
                invalid_bytes(d, path, l, c, (unsigned char)data[bad],
                              CSV_ENC_AUTO);
            }
            free(partial);
            return NULL;
        }
        if (enc == CSV_ENC_AUTO) {
            diag_add(d, DIAG_NOTE, path, 0, 0,
                     "read as Shift_JIS (CP932): the file is not valid "
                     "UTF-8");
            diag_hint(d, "save it as \"CSV UTF-8\" to make the encoding "
                         "certain");
        }
        text = converted;
        tlen = clen;
        used = CSV_ENC_CP932;
    }
    if (memchr(text, '\0', tlen)) {
        int l, c;
        size_t at = (size_t)((const char *)memchr(text, '\0', tlen) - text);
        position_of(text, at, &l, &c);
        diag_add(d, DIAG_ERROR, path, l, c,
                 "NUL byte in the file: expected text");
        diag_hint(d, "save the file as \"CSV UTF-8\"");
        free(converted);
        return NULL;
    }
    csv *c = xcalloc(1, sizeof *c);
    c->path = xstrdup(path);
    c->encoding = used;
    c->had_bom = had_bom;
    parser p = {text, tlen, 0, 1, 1, path, d, 0, c, 0};
    int ok = parse_rows(&p);
    free(converted);
    if (!ok) {
        csv_free(c);
        return NULL;
    }
    return c;
}

csv *csv_read_file(const char *path, csv_encoding enc, diag_list *d)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        diag_add(d, DIAG_ERROR, path, 0, 0, "cannot open the file: %s",
                 strerror(errno));
        return NULL;
    }
    buf b = BUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_put(&b, chunk, n);
    int err = ferror(f);
    fclose(f);
    if (err) {
        diag_add(d, DIAG_ERROR, path, 0, 0, "cannot read the file");
        buf_free(&b);
        return NULL;
    }
    csv *c = csv_parse(path, b.data ? b.data : "", b.len, enc, d);
    buf_free(&b);
    return c;
}

void csv_free(csv *c)
{
    if (!c)
        return;
    for (size_t r = 0; r < c->nrows; r++) {
        for (size_t k = 0; k < c->rows[r].ncells; k++)
            free(c->rows[r].cells[k].text);
        free(c->rows[r].cells);
    }
    free(c->rows);
    free(c->path);
    free(c);
}
