#include "csv.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fsutil.h"
#include "i18n.h"
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

/* 1 when data is EUC-JP by its structure (checked by hand: loading
 * iconv's EUC-JP module for an error message is not worth its cost):
 * ASCII, a pair of bytes A1-FE, 8E with a half-width kana A1-DF, or 8F
 * with a pair A1-FE (JIS X 0212); at least one character not ASCII. */
static int is_euc_jp(const char *data, size_t len)
{
    const unsigned char *u = (const unsigned char *)data;
    size_t wide = 0;
#define EUC_HI(c) ((c) >= 0xA1 && (c) <= 0xFE)
    for (size_t i = 0; i < len;) {
        if (u[i] < 0x80) {
            i++;
        } else if (EUC_HI(u[i]) && i + 1 < len && EUC_HI(u[i + 1])) {
            i += 2;
            wide++;
        } else if (u[i] == 0x8E && i + 1 < len && u[i + 1] >= 0xA1 &&
                   u[i + 1] <= 0xDF) {
            i += 2;
            wide++;
        } else if (u[i] == 0x8F && i + 2 < len && EUC_HI(u[i + 1]) &&
                   EUC_HI(u[i + 2])) {
            i += 3;
            wide++;
        } else {
            return 0;
        }
    }
#undef EUC_HI
    return wide > 0;
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

/* The text is valid UTF-8 here (checked, or converted from CP932), so a
 * character is counted at each byte that is not a continuation byte.
 *
 * All cell texts go into one block (c->text) and all cells into one
 * array (c->cells); while parsing, a cell's text and a row's cells are
 * kept as offsets (the blocks move as they grow) and turned into
 * pointers at the end. */
typedef struct parser {
    const char *s;
    size_t len, i;
    int line, col;
    const char *path;
    diag_list *d;
    int errors;
    sheet *c;
    size_t rows_cap, cells_cap;
    char *text;
    size_t tlen, tcap;
} parser;

static int lead_byte(unsigned char ch) { return (ch & 0xC0) != 0x80; }

static void put(parser *p, const char *b, size_t n)
{
    if (p->tlen + n + 1 > p->tcap) {
        size_t want = p->tlen + n + 1;
        p->text = xgrow(p->text, &p->tcap, want < 4096 ? 4096 : want, 1);
    }
    memcpy(p->text + p->tlen, b, n);
    p->tlen += n;
}

/* Consumes a line break (CRLF, LF or CR) at p->i. */
static void newline(parser *p)
{
    if (p->s[p->i] == '\r' && p->i + 1 < p->len && p->s[p->i + 1] == '\n')
        p->i++;
    p->i++;
    p->line++;
    p->col = 1;
}

/* Parses one field at p->i, appending its text.  Returns 0 on an
 * unrecoverable error (unterminated quote). */
static int field(parser *p, int *quoted)
{
    const char *s = p->s;
    size_t len = p->len;
    *quoted = 0;
    if (p->i < len && s[p->i] == '"') {
        int qline = p->line, qcol = p->col;
        *quoted = 1;
        p->i++;
        p->col++;
        for (;;) {
            /* a run of ordinary characters */
            size_t a = p->i, i = a;
            int chars = 0;
            while (i < len) {
                unsigned char ch = (unsigned char)s[i];
                if (ch == '"' || ch == '\r' || ch == '\n')
                    break;
                chars += lead_byte(ch);
                i++;
            }
            p->i = i;
            put(p, s + a, i - a);
            p->col += chars;
            if (p->i >= len) {
                diag_add(p->d, DIAG_ERROR, p->path, qline, qcol,
                         "unterminated quoted field starting here: expected "
                         "a closing quote (\") before the end of the file");
                diag_hint(p->d, "close the field with \"; a quote inside "
                                "a quoted field is written as \"\"");
                p->errors++;
                return 0;
            }
            if (s[p->i] == '"') {
                if (p->i + 1 < len && s[p->i + 1] == '"') {
                    put(p, "\"", 1);
                    p->i += 2;
                    p->col += 2;
                    continue;
                }
                p->i++;
                p->col++;
                break;
            }
            newline(p);
            put(p, "\n", 1);
        }
        if (p->i < len && s[p->i] != ',' && s[p->i] != '\n' &&
            s[p->i] != '\r') {
            diag_add(p->d, DIAG_ERROR, p->path, p->line, p->col,
                     "unexpected text after a closing quote: expected a "
                     "comma or the end of the line");
            diag_hint(p->d, "a quote inside a quoted field is written as "
                            "\"\" (doubled)");
            p->errors++;
            while (p->i < len && s[p->i] != ',' && s[p->i] != '\n' &&
                   s[p->i] != '\r') {
                p->col += lead_byte((unsigned char)s[p->i]);
                p->i++;
            }
        }
        return 1;
    }
    size_t a = p->i, i = a;
    int col = p->col;
    while (i < len) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == ',' || ch == '\n' || ch == '\r')
            break;
        if (ch == '"') {
            diag_add(p->d, DIAG_ERROR, p->path, p->line, col,
                     "quote inside an unquoted field: expected a field "
                     "that starts with a quote if it contains one");
            diag_hint(p->d, "quote the whole field and double the quote "
                            "inside it: \"a \"\"b\"\" c\"");
            p->errors++;
        }
        col += lead_byte(ch);
        i++;
    }
    p->i = i;
    p->col = col;
    put(p, s + a, i - a);
    return 1;
}

static int parse_rows(parser *p)
{
    sheet *c = p->c;
    int ok = 1;
    while (p->i < p->len) {
        sheet_row row = {NULL, 0, p->line};
        size_t first = c->ncells_total;
        for (;;) {
            int line = p->line, col = p->col, quoted;
            size_t at = p->tlen;
            if (!field(p, &quoted)) {
                ok = 0;
                break;
            }
            put(p, "", 0);
            p->text[p->tlen++] = '\0';
            c->cells = xgrow(c->cells, &p->cells_cap, c->ncells_total + 1,
                             sizeof(sheet_cell));
            sheet_cell *cell = &c->cells[c->ncells_total++];
            cell->text = (char *)(uintptr_t)at; /* an offset until the end */
            cell->line = line;
            cell->col = col;
            cell->quoted = quoted;
            cell->format = SHEET_FMT_NONE; /* xgrow does not clear */
            row.ncells++;
            if (p->i < p->len && p->s[p->i] == ',') {
                p->i++;
                p->col++;
                continue;
            }
            if (p->i < p->len)
                newline(p);
            break;
        }
        row.cells = (sheet_cell *)(uintptr_t)first; /* an offset too */
        c->rows = xgrow(c->rows, &p->rows_cap, c->nrows + 1, sizeof(sheet_row));
        c->rows[c->nrows++] = row;
        if (!ok)
            break;
    }
    /* offsets to pointers */
    c->text = p->text;
    p->text = NULL;
    for (size_t k = 0; k < c->ncells_total; k++)
        c->cells[k].text = c->text + (size_t)(uintptr_t)c->cells[k].text;
    for (size_t r = 0; r < c->nrows; r++) /* no cells at all: NULL stays */
        c->rows[r].cells =
            c->cells ? c->cells + (size_t)(uintptr_t)c->rows[r].cells : NULL;
    /* Blank lines at the end are not rows. */
    while (c->nrows > 0) {
        sheet_row *r = &c->rows[c->nrows - 1];
        if (r->ncells != 1 || r->cells[0].quoted || r->cells[0].text[0])
            break;
        c->nrows--;
    }
    return ok && p->errors == 0;
}

/* ---- what the file is, when it is not CSV ----------------------------- */

/* "little-endian" or "big-endian" when data looks like UTF-16 without a
 * byte order mark: text with a NUL beside most ASCII characters (commas,
 * digits and line ends are ASCII in any CSV), always on the same side
 * of the pair; else NULL. */
static const char *utf16_without_bom(const char *data, size_t len)
{
    size_t n = len < 4096 ? len : 4096, nul_odd = 0, nul_even = 0;
    for (size_t i = 0; i + 1 < n; i += 2) {
        nul_even += data[i] == 0 && data[i + 1] != 0;
        nul_odd += data[i + 1] == 0 && data[i] != 0;
    }
    size_t pairs = n / 2;
    if (pairs < 2)
        return NULL;
    if (nul_odd * 4 >= pairs && nul_even == 0)
        return "little-endian";
    if (nul_even * 4 >= pairs && nul_odd == 0)
        return "big-endian";
    return NULL;
}

/* What a spreadsheet saved under a .csv name is, by its first bytes, and
 * what to do: an Excel workbook (.xlsx, a ZIP file), an Excel 97-2003
 * workbook (.xls, an OLE2 file); else NULL. */
static const char *spreadsheet_kind(const char *data, size_t len,
                                    const char **hint)
{
    if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0) {
        *hint = N_("rename it to .xlsx: a workbook in data/ is read "
                   "directly, each sheet a table");
        return N_("an Excel workbook (.xlsx, or another ZIP file)");
    }
    if (len >= 8 && memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0) {
        *hint = N_("in the spreadsheet, \"Save as\" \"Excel Workbook "
                   "(.xlsx)\" and put that in data/, where it is read "
                   "directly");
        return N_("an Excel 97-2003 workbook (.xls)");
    }
    return NULL;
}

static int blank_cell(const sheet_cell *c)
{
    if (c->quoted)
        return 0;
    for (const char *s = c->text; *s; s++)
        if (*s != ' ' && *s != '\t')
            return 0;
    return 1;
}

/* Excel saves a sheet's empty columns at the right as trailing commas
 * ("a,b,,"): when the header ends in k empty cells and every row as wide
 * as the header ends in k empty cells too, they are left out, with one
 * note for the file. */
static void drop_empty_columns(sheet *c, diag_list *d)
{
    if (c->nrows == 0)
        return;
    const sheet_row *h = &c->rows[0];
    size_t k = 0;
    while (k < h->ncells && blank_cell(&h->cells[h->ncells - 1 - k]))
        k++;
    if (k == 0 || k == h->ncells)
        return;
    size_t width = h->ncells;
    for (size_t r = 1; r < c->nrows; r++) {
        const sheet_row *row = &c->rows[r];
        if (row->ncells != width)
            continue;
        for (size_t j = width - k; j < width; j++)
            if (!blank_cell(&row->cells[j]))
                return; /* a value under an unnamed column: an error later */
    }
    const sheet_cell *first = &h->cells[width - k];
    diag_add(d, DIAG_NOTE, c->path, first->line, first->col,
             "%zu empty column%s after the last named one left out (as "
             "Excel saves them)",
             k, k == 1 ? "" : "s");
    for (size_t r = 0; r < c->nrows; r++)
        if (c->rows[r].ncells == width)
            c->rows[r].ncells -= k;
}

/* A header row of one cell that holds tabs or semicolons: the file uses
 * another separator.  1 after the error, else 0. */
static int other_separator(const sheet *c, diag_list *d)
{
    if (c->nrows == 0 || c->rows[0].ncells != 1)
        return 0;
    const sheet_cell *h = &c->rows[0].cells[0];
    int tab = strchr(h->text, '\t') != NULL;
    if ((!tab && !strchr(h->text, ';')) || h->quoted)
        return 0;
    diag_add(d, DIAG_ERROR, c->path, h->line, h->col,
             "the file is %s: expected commas between the cells",
             tab ? _("tab-separated (TSV)") : _("semicolon-separated"));
    diag_hint(d,
              "save it as \"CSV UTF-8 (comma-separated)\", or replace "
              "the %s with commas",
              tab ? _("tabs") : _("semicolons"));
    return 1;
}

const char *csv_encoding_guess(const char *data, size_t len)
{
    if (utf8_valid(data, len, NULL))
        return NULL;
    if (utf16_without_bom(data, len) ||
        (len >= 2 &&
         (((unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE) ||
          ((unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF))))
        return "UTF-16";
    /* UTF-8 Japanese often converts as CP932 too: a UTF-8 file with a bad
     * byte or two has more valid multibyte characters than invalid bytes;
     * a CP932 text has at least two characters of two bytes */
    size_t valid = 0, invalid = 0;
    for (size_t i = 0; i < len;) {
        size_t adv;
        if (utf8_decode(data + i, len - i, &adv) < 0) {
            invalid++;
            i++;
            continue;
        }
        valid += adv > 1;
        i += adv;
    }
    if (invalid <= valid || invalid < 4)
        return NULL;
    char *partial = NULL;
    size_t bad = 0, n = 0;
    char *text = from_cp932(data, len, &n, &partial, &bad);
    free(partial);
    free(text);
    if (text)
        return "Shift_JIS (CP932)";
    return is_euc_jp(data, len) ? "EUC-JP" : NULL;
}

/* ---- entry points --------------------------------------------------- */

sheet *csv_parse(const char *path, const char *data, size_t len,
                 csv_encoding enc, diag_list *d)
{
    if (len >= 2 &&
        (((unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE) ||
         ((unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF))) {
        diag_add(d, DIAG_ERROR, path, 1, 1,
                 "the file is UTF-16 (Unicode text): expected UTF-8 or "
                 "Shift_JIS (CP932)");
        diag_hint(d, "save the file as \"CSV UTF-8\"");
        return NULL;
    }
    const char *todo;
    const char *book = spreadsheet_kind(data, len, &todo);
    if (book) {
        diag_add(d, DIAG_ERROR, path, 1, 1, "the file is %s, not CSV text",
                 _(book));
        diag_hint(d, "%s", _(todo));
        return NULL;
    }
    const char *endian = utf16_without_bom(data, len);
    if (endian) {
        diag_add(d, DIAG_ERROR, path, 1, 1,
                 "the file is UTF-16 (%s, without a byte order mark): "
                 "expected UTF-8 or Shift_JIS (CP932)",
                 endian);
        diag_hint(d, "save the file as \"CSV UTF-8\"");
        return NULL;
    }
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 &&
        enc != CSV_ENC_CP932) {
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
            if (enc == CSV_ENC_AUTO && is_euc_jp(data, len)) {
                diag_add(d, DIAG_ERROR, path, 1, 1,
                         "the file is EUC-JP: expected UTF-8 or Shift_JIS "
                         "(CP932)");
                diag_hint(d, "save the file as \"CSV UTF-8\"");
            } else if (cp_further) {
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
    sheet *c = xcalloc(1, sizeof *c);
    c->path = xstrdup(path);
    c->encoding = used;
    parser p = {text, tlen, 0, 1, 1, path, d, 0, c, 0, 0, NULL, 0, 0};
    int ok = parse_rows(&p) && !other_separator(c, d);
    free(converted);
    if (!ok) {
        sheet_free(c);
        return NULL;
    }
    drop_empty_columns(c, d);
    return c;
}

sheet *csv_read_file(const char *path, csv_encoding enc, diag_list *d)
{
    size_t len;
    char *data = fs_read(path, &len, d);
    if (!data)
        return NULL;
    sheet *c = csv_parse(path, data, len, enc, d);
    free(data);
    return c;
}
