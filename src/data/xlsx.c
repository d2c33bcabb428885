#include "xlsx.h"

#include <expat.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "buf.h"
#include "fsutil.h"
#include "i18n.h"
#include "num.h"
#include "utf8.h"
#include "xalloc.h"
#include "xlsx_cell.h"

#define OLE_MAGIC "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"
#define RATIO_FLOOR ((zip_uint64_t)1 << 20)
#define CHUNK 65536

/* The workbook being read: the ZIP, where errors go, and the bytes
 * inflated so far (for XLSX_BOOK_MAX). */
typedef struct book {
    const char *path;
    zip_t *z;
    diag_list *d;
    size_t inflated;
} book;

/* The hint of every error that means "this is not a workbook Excel
 * wrote". */
static const char RESAVE[] =
    N_("open the file in Excel or LibreOffice Calc and save it again "
       "as an Excel workbook (.xlsx)");

/* The hint WHY then RESAVE, each translated; ws_error's hint DAMAGED is
 * that of a damaged file. */
static const char DAMAGED[] = N_("the file is damaged; ");

static void hint_resave(diag_list *d, const char *why)
{
    diag_hint(d, "%s%s", _(why), _(RESAVE));
}

/* ---- the ZIP ---------------------------------------------------------- */

/* Why an entry name is refused: absolute, climbing out, a backslash or a
 * control character; NULL when it is fine. */
static const char *unsafe_name(const char *n)
{
    if (n[0] == '/')
        return N_("an absolute path");
    for (const char *p = n; *p; p++) {
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            return N_("a control character");
        if (*p == '\\')
            return N_("a backslash");
        if (p[0] == '.' && p[1] == '.' && (p == n || p[-1] == '/') &&
            (p[2] == '/' || p[2] == '\0'))
            return N_("a \"..\" step out of the workbook");
    }
    if (strchr(n, ':'))
        return N_("a drive or scheme (\":\")");
    return NULL;
}

/* Every entry's name and encryption checked; 0 or -1 after the error. */
static int check_entries(book *b)
{
    zip_int64_t n = zip_get_num_entries(b->z, 0);
    for (zip_int64_t i = 0; i < n; i++) {
        zip_stat_t st;
        if (zip_stat_index(b->z, (zip_uint64_t)i, ZIP_FL_ENC_RAW, &st) != 0 ||
            !(st.valid & ZIP_STAT_NAME))
            continue;
        const char *why = unsafe_name(st.name);
        if (why) {
            diag_add(b->d, DIAG_ERROR, b->path, 0, 0,
                     "the workbook holds an entry named \"%s\", with %s: "
                     "expected the parts of a workbook",
                     st.name, _(why));
            hint_resave(b->d, N_("the file was not written by a spreadsheet "
                                 "program; "));
            return -1;
        }
        if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) &&
            st.encryption_method != ZIP_EM_NONE) {
            diag_add(b->d, DIAG_ERROR, b->path, 0, 0,
                     "the workbook is a password-protected ZIP file");
            diag_hint(b->d, "remove the password and save it again as an "
                            "Excel workbook (.xlsx)");
            return -1;
        }
    }
    return 0;
}

/* The head of every part's parse state: the parser, the workbook, and
 * whether a handler stopped the parse after adding its error. */
typedef struct xml_ctx {
    XML_Parser p;
    book *b;
    const char *part;
    int stopped;
} xml_ctx;

static void stop(xml_ctx *x)
{
    x->stopped = 1;
    XML_StopParser(x->p, XML_FALSE);
}

static int part_error(book *b, const char *part, const char *fmt,
                      const char *what)
{
    buf m = BUF_INIT;
    buf_printf(&m, _(fmt), what);
    diag_add(b->d, DIAG_ERROR, b->path, 0, 0, "the workbook's part %s %s", part,
             buf_cstr(&m));
    buf_free(&m);
    return -1;
}

/* A document type declaration: refused before any of it is read, so no
 * entity (internal or external) is ever declared or expanded. */
static void XMLCALL on_doctype(void *ud, const XML_Char *name,
                               const XML_Char *sys, const XML_Char *pub,
                               int internal)
{
    (void)name, (void)sys, (void)pub, (void)internal;
    xml_ctx *x = ud;
    part_error(x->b, x->part,
               "declares a document type (<!DOCTYPE>): refused, so that no "
               "entity is expanded",
               NULL);
    hint_resave(x->b->d, N_("a workbook's XML never declares one; "));
    stop(x);
}

/* Parses the part named part with the handlers given, their user data x
 * (the head of the part's state).  0; 1 when the part is absent and not
 * required; -1 after an error. */
static int parse_part(book *b, const char *part, int required,
                      XML_StartElementHandler start, XML_EndElementHandler end,
                      XML_CharacterDataHandler text, xml_ctx *x)
{
    zip_int64_t i = zip_name_locate(b->z, part, 0);
    if (i < 0) {
        if (!required)
            return 1;
        diag_add(b->d, DIAG_ERROR, b->path, 0, 0,
                 "the ZIP file has no part %s: expected an Excel workbook",
                 part);
        hint_resave(b->d, N_("a .xlsx file is a workbook saved by Excel or "
                             "LibreOffice Calc; "));
        return -1;
    }
    zip_stat_t st;
    if (zip_stat_index(b->z, (zip_uint64_t)i, 0, &st) != 0)
        return part_error(b, part, "cannot be read: %s", zip_strerror(b->z));
    if (st.size > XLSX_PART_MAX ||
        (st.size > RATIO_FLOOR && st.size / XLSX_RATIO_MAX >= st.comp_size) ||
        b->inflated + st.size > XLSX_BOOK_MAX) {
        char what[512];
        snprintf(what, sizeof what,
                 _("%llu bytes: refused as a zip bomb (at most %zu MiB a "
                   "part, %zu MiB in all, %d times its compressed size)"),
                 (unsigned long long)st.size, XLSX_PART_MAX >> 20,
                 XLSX_BOOK_MAX >> 20, XLSX_RATIO_MAX);
        part_error(b, part, "inflates to %s", what);
        diag_hint(b->d, "a real workbook this large is split into smaller "
                        "ones");
        return -1;
    }
    zip_file_t *f = zip_fopen_index(b->z, (zip_uint64_t)i, 0);
    if (!f)
        return part_error(b, part, "cannot be read: %s", zip_strerror(b->z));
    x->p = XML_ParserCreate("UTF-8");
    if (!x->p) {
        zip_fclose(f);
        return part_error(b, part, "cannot be read: out of memory", NULL);
    }
    x->b = b;
    x->part = part;
    x->stopped = 0;
    XML_SetUserData(x->p, x);
    XML_SetElementHandler(x->p, start, end);
    XML_SetCharacterDataHandler(x->p, text);
    XML_SetStartDoctypeDeclHandler(x->p, on_doctype);
    char *chunk = xmalloc(CHUNK);
    int rc = 0;
    zip_uint64_t got = 0;
    for (int last = 0; !last && rc == 0;) {
        zip_int64_t k = zip_fread(f, chunk, CHUNK);
        if (k < 0) {
            rc =
                part_error(b, part, "cannot be read: %s", zip_file_strerror(f));
            hint_resave(b->d, N_("the file is damaged; "));
            break;
        }
        got += (zip_uint64_t)k;
        if (got > st.size) {
            rc = part_error(b, part,
                            "inflates to more than its entry says: refused "
                            "as a zip bomb",
                            NULL);
            break;
        }
        last = k == 0;
        if (XML_Parse(x->p, chunk, (int)k, last) != XML_STATUS_OK) {
            rc = -1;
            if (!x->stopped) {
                char what[512];
                snprintf(what, sizeof what, _("line %lu: %s"),
                         (unsigned long)XML_GetCurrentLineNumber(x->p),
                         XML_ErrorString(XML_GetErrorCode(x->p)));
                part_error(b, part, "is not well-formed XML (%s)", what);
                hint_resave(b->d, N_("the file is damaged; "));
            }
        }
    }
    b->inflated += (size_t)got;
    free(chunk);
    zip_fclose(f);
    XML_ParserFree(x->p);
    x->p = NULL;
    return rc;
}

/* ---- XML helpers -------------------------------------------------------- */

/* An element's or attribute's name without its namespace prefix. */
static const char *local(const char *n)
{
    const char *c = strrchr(n, ':');
    return c ? c + 1 : n;
}

static const char *attr(const char **a, const char *name)
{
    for (size_t i = 0; a[i]; i += 2)
        if (strcmp(local(a[i]), name) == 0)
            return a[i + 1];
    return NULL;
}

static int is(const char *el, const char *name)
{
    return strcmp(local(el), name) == 0;
}

/* ---- workbook.xml and its relationships ---------------------------------- */

typedef struct wb_sheet {
    char *name, *rid;
    int hidden;
} wb_sheet;

typedef struct wb_ctx {
    xml_ctx x;
    wb_sheet *v;
    size_t n, cap;
    int date1904;
} wb_ctx;

static void XMLCALL wb_start(void *ud, const char *el, const char **a)
{
    wb_ctx *w = ud;
    if (is(el, "workbookPr")) {
        const char *v = attr(a, "date1904");
        w->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
    } else if (is(el, "sheet")) {
        const char *name = attr(a, "name"), *rid = attr(a, "id");
        const char *state = attr(a, "state");
        if (!name || !rid)
            return;
        w->v = xgrow(w->v, &w->cap, w->n + 1, sizeof *w->v);
        w->v[w->n++] = (wb_sheet){xstrdup(name), xstrdup(rid),
                                  state && strcmp(state, "visible") != 0};
    }
}

typedef struct rel {
    char *id, *type, *target;
} rel;

typedef struct rels_ctx {
    xml_ctx x;
    rel *v;
    size_t n, cap;
} rels_ctx;

static void XMLCALL rels_start(void *ud, const char *el, const char **a)
{
    rels_ctx *r = ud;
    if (!is(el, "Relationship"))
        return;
    const char *id = attr(a, "Id"), *type = attr(a, "Type");
    const char *target = attr(a, "Target");
    if (!id || !type || !target)
        return;
    r->v = xgrow(r->v, &r->cap, r->n + 1, sizeof *r->v);
    /* a target is relative to xl/ (the workbook's folder) or absolute */
    char *t = target[0] == '/' ? xstrdup(target + 1) : NULL;
    if (!t) {
        buf p = BUF_INIT;
        buf_printf(&p, "xl/%s", target);
        t = buf_detach(&p);
    }
    r->v[r->n++] = (rel){xstrdup(id), xstrdup(type), t};
}

static void XMLCALL no_end(void *ud, const char *el) { (void)ud, (void)el; }

static void XMLCALL no_text(void *ud, const char *s, int n)
{
    (void)ud, (void)s, (void)n;
}

/* The relationship of kind (the end of its type URI: "/worksheet") with
 * id, or the first of that kind when id is NULL. */
static const rel *rel_find(const rels_ctx *r, const char *id, const char *kind)
{
    size_t kl = strlen(kind);
    for (size_t i = 0; i < r->n; i++) {
        size_t tl = strlen(r->v[i].type);
        if (tl >= kl && strcmp(r->v[i].type + tl - kl, kind) == 0 &&
            (!id || strcmp(r->v[i].id, id) == 0))
            return &r->v[i];
    }
    return NULL;
}

/* ---- sharedStrings.xml -------------------------------------------------- */

typedef struct sst_ctx {
    xml_ctx x;
    buf all;     /* every string, each NUL-terminated */
    size_t *off; /* where string i starts in all */
    size_t n, cap;
    buf si; /* the string being read */
    int in_si, in_t, rph;
} sst_ctx;

/* "declares more shared strings than the N read" and the like: what,
 * with its limit (%zu) */
static void sst_too_large(sst_ctx *s, const char *what, size_t limit)
{
    char m[512];
    snprintf(m, sizeof m, _(what), limit);
    part_error(s->x.b, s->x.part, "%s", m);
    diag_hint(s->x.b->d, "a workbook this large is split into smaller ones");
    stop(&s->x);
}

static void XMLCALL sst_start(void *ud, const char *el, const char **a)
{
    sst_ctx *s = ud;
    if (is(el, "sst")) {
        const char *u = attr(a, "uniqueCount");
        if (u && strtoull(u, NULL, 10) > XLSX_SST_MAX)
            sst_too_large(s,
                          N_("declares more shared strings than the %zu read"),
                          XLSX_SST_MAX);
    } else if (is(el, "si")) {
        s->in_si = 1;
        buf_reset(&s->si);
    } else if (is(el, "rPh")) {
        s->rph++; /* phonetic reading (furigana): not part of the text */
    } else if (is(el, "t") && s->in_si && !s->rph) {
        s->in_t = 1;
    }
}

static void XMLCALL sst_end(void *ud, const char *el)
{
    sst_ctx *s = ud;
    if (is(el, "t")) {
        s->in_t = 0;
    } else if (is(el, "rPh")) {
        s->rph--;
    } else if (is(el, "si") && s->in_si) {
        s->in_si = 0;
        if (s->n >= XLSX_SST_MAX) {
            sst_too_large(s, N_("holds more shared strings than the %zu read"),
                          XLSX_SST_MAX);
            return;
        }
        s->off = xgrow(s->off, &s->cap, s->n + 1, sizeof *s->off);
        s->off[s->n++] = s->all.len;
        xlsx_put_unescaped(&s->all, s->si.data ? s->si.data : "", s->si.len);
        buf_putc(&s->all, '\0');
    }
}

static void XMLCALL sst_text(void *ud, const char *t, int n)
{
    sst_ctx *s = ud;
    if (!s->in_t)
        return;
    if (s->all.len + s->si.len + (size_t)n > XLSX_SST_BYTES) {
        sst_too_large(s,
                      N_("holds more than the %zu MiB of shared string text "
                         "read"),
                      XLSX_SST_BYTES >> 20);
        return;
    }
    buf_put(&s->si, t, (size_t)n);
}

/* ---- styles.xml: which cells are dates, times and percentages ---------- */

typedef struct fmt_def {
    int id;
    sheet_format kind;
} fmt_def;

typedef struct sty_ctx {
    xml_ctx x;
    fmt_def *fmts;
    size_t nf, fcap;
    unsigned char *xf; /* each cellXfs entry's kind */
    size_t nxf, xcap;
    int in_xfs;
} sty_ctx;

static void XMLCALL sty_start(void *ud, const char *el, const char **a)
{
    sty_ctx *s = ud;
    if (is(el, "numFmt")) {
        const char *id = attr(a, "numFmtId"), *code = attr(a, "formatCode");
        if (!id || !code)
            return;
        s->fmts = xgrow(s->fmts, &s->fcap, s->nf + 1, sizeof *s->fmts);
        s->fmts[s->nf++] = (fmt_def){atoi(id), xlsx_code_format(code)};
    } else if (is(el, "cellXfs")) {
        s->in_xfs = 1;
    } else if (is(el, "xf") && s->in_xfs) {
        const char *v = attr(a, "numFmtId");
        int id = v ? atoi(v) : 0;
        sheet_format k = xlsx_builtin_format(id);
        for (size_t i = 0; i < s->nf; i++)
            if (s->fmts[i].id == id)
                k = s->fmts[i].kind;
        s->xf = xgrow(s->xf, &s->xcap, s->nxf + 1, 1);
        s->xf[s->nxf++] = (unsigned char)k;
    }
}

static void XMLCALL sty_end(void *ud, const char *el)
{
    sty_ctx *s = ud;
    if (is(el, "cellXfs"))
        s->in_xfs = 0;
}

/* ---- a worksheet ------------------------------------------------------ */

typedef struct raw_cell {
    int row, col;
    size_t off; /* its text in text */
    unsigned char fmt;
} raw_cell;

typedef struct ws_ctx {
    xml_ctx x;
    const char *spath; /* "data/book.xlsx [SHEET]" */
    const sst_ctx *sst;
    const sty_ctx *sty;
    int date1904;
    int row, col; /* the current row and the last cell's column */
    /* the cell being read */
    char type[12];
    int style, has_f, has_v, in_v, in_f, in_is, in_t, rph;
    buf v, f;
    raw_cell *cells;
    size_t n, cap;
    buf text;
    sheet_merge *m;
    size_t nm, mcap;
    int bad;
} ws_ctx;

/* "C12" to column 3, row 12 (1-based); -1 when it is not a reference. */
static int cell_ref(const char *r, int *row, int *col)
{
    int c = 0, n = 0;
    const char *p = r;
    for (; *p >= 'A' && *p <= 'Z' && p - r < 3; p++)
        c = c * 26 + (*p - 'A' + 1);
    if (c == 0 || c > 16384)
        return -1;
    for (; *p >= '0' && *p <= '9' && n <= 1048576; p++)
        n = n * 10 + (*p - '0');
    if (*p || n < 1 || n > 1048576)
        return -1;
    *row = n;
    *col = c;
    return 0;
}

static void ws_error(ws_ctx *w, const char *hint, const char *fmt,
                     const char *what)
{
    diag_add(w->x.b->d, DIAG_ERROR, w->spath, w->row, -w->col, fmt, what);
    if (hint == DAMAGED)
        hint_resave(w->x.b->d, DAMAGED);
    else if (hint)
        diag_hint(w->x.b->d, "%s", _(hint));
    w->bad = 1;
}

static void XMLCALL ws_start(void *ud, const char *el, const char **a)
{
    ws_ctx *w = ud;
    const char *n = local(el);
    if (strcmp(n, "row") == 0) {
        const char *r = attr(a, "r");
        int v = r ? atoi(r) : 0;
        w->row = v > w->row && v <= 1048576 ? v : w->row + 1;
        w->col = 0;
    } else if (strcmp(n, "c") == 0) {
        const char *r = attr(a, "r"), *t = attr(a, "t"), *s = attr(a, "s");
        int row, col;
        if (r && cell_ref(r, &row, &col) == 0 && row == w->row) {
            w->col = col;
        } else {
            w->col++;
        }
        snprintf(w->type, sizeof w->type, "%s", t ? t : "n");
        w->style = s ? atoi(s) : 0;
        w->has_f = w->has_v = w->in_is = w->rph = 0;
        buf_reset(&w->v);
        buf_reset(&w->f);
    } else if (strcmp(n, "v") == 0) {
        w->in_v = w->has_v = 1;
    } else if (strcmp(n, "f") == 0) {
        w->in_f = w->has_f = 1;
    } else if (strcmp(n, "is") == 0) {
        w->in_is = 1;
    } else if (strcmp(n, "rPh") == 0) {
        w->rph++;
    } else if (strcmp(n, "t") == 0 && w->in_is && !w->rph) {
        w->in_t = 1;
    } else if (strcmp(n, "mergeCell") == 0) {
        const char *ref = attr(a, "ref");
        const char *colon = ref ? strchr(ref, ':') : NULL;
        sheet_merge g;
        char first[16];
        if (!colon || (size_t)(colon - ref) >= sizeof first)
            return;
        memcpy(first, ref, (size_t)(colon - ref));
        first[colon - ref] = '\0';
        if (cell_ref(first, &g.r0, &g.c0) != 0 ||
            cell_ref(colon + 1, &g.r1, &g.c1) != 0)
            return;
        w->m = xgrow(w->m, &w->mcap, w->nm + 1, sizeof *w->m);
        w->m[w->nm++] = g;
    }
}

/* The text of the cell just read, into out; its format in *fmt.  -1
 * after an error at the cell. */
static int cell_text(ws_ctx *w, buf *out, sheet_format *fmt)
{
    const char *t = w->type, *v = buf_cstr(&w->v);
    *fmt = SHEET_FMT_NONE;
    if (w->has_f && (!w->has_v || (!v[0] && strcmp(t, "str") != 0))) {
        char shown[80];
        snprintf(shown, sizeof shown, "%.60s%s", buf_cstr(&w->f),
                 w->f.len > 60 ? "…" : "");
        ws_error(w,
                 N_("open and save the file in Excel or LibreOffice Calc, "
                    "which store each formula's value; formulas are not "
                    "computed here"),
                 "the formula =%s has no value stored in the file", shown);
        return -1;
    }
    if (strcmp(t, "e") == 0) {
        char hint[512];
        snprintf(hint, sizeof hint,
                 _("%s is Excel's mark for %s: correct the formula or the "
                   "data it uses, or clear the cell"),
                 v, _(xlsx_error_meaning(v)));
        ws_error(w, hint, "the cell holds the error %s: expected a value", v);
        return -1;
    }
    if (strcmp(t, "s") == 0) {
        char *end;
        unsigned long long i = strtoull(v, &end, 10);
        if (!v[0] || *end || i >= w->sst->n) {
            ws_error(w, DAMAGED,
                     "the cell names shared string %s, which the workbook "
                     "does not have",
                     v);
            return -1;
        }
        buf_puts(out, w->sst->all.data + w->sst->off[i]);
    } else if (strcmp(t, "inlineStr") == 0 || strcmp(t, "str") == 0) {
        xlsx_put_unescaped(out, v, w->v.len);
    } else if (strcmp(t, "b") == 0) {
        buf_puts(out, strcmp(v, "1") == 0 ? "TRUE" : "FALSE");
    } else if (strcmp(t, "d") == 0) {
        for (const char *p = v; *p; p++)
            buf_putc(out, *p == 'T' ? ' ' : *p);
        *fmt = SHEET_FMT_DATE;
    } else if (v[0]) {
        sheet_format k = w->style >= 0 && (size_t)w->style < w->sty->nxf
                             ? (sheet_format)w->sty->xf[w->style]
                             : SHEET_FMT_NONE;
        char num[400];
        if (num_stored_text(v, num, sizeof num) != 0) {
            ws_error(w, DAMAGED,
                     "the cell's stored number \"%s\" is not a number", v);
            return -1;
        }
        if (k == SHEET_FMT_DATE || k == SHEET_FMT_TIME ||
            k == SHEET_FMT_DATETIME) {
            if (xlsx_serial_text(strtod(num, NULL), k, w->date1904, num,
                                 sizeof num) != 0) {
                ws_error(w, N_("a date is a day from 1900-01-01 to 9999-12-31"),
                         "the cell is formatted as a date, but %s is no day",
                         v);
                return -1;
            }
        }
        *fmt = k;
        buf_puts(out, num);
    }
    return 0;
}

static void XMLCALL ws_end(void *ud, const char *el)
{
    ws_ctx *w = ud;
    const char *n = local(el);
    if (strcmp(n, "v") == 0) {
        w->in_v = 0;
    } else if (strcmp(n, "f") == 0) {
        w->in_f = 0;
    } else if (strcmp(n, "is") == 0) {
        w->in_is = 0;
    } else if (strcmp(n, "t") == 0) {
        w->in_t = 0;
    } else if (strcmp(n, "rPh") == 0) {
        w->rph--;
    } else if (strcmp(n, "c") == 0) {
        size_t off = w->text.len;
        sheet_format fmt;
        if (cell_text(w, &w->text, &fmt) != 0 || w->text.len == off)
            return;
        buf_putc(&w->text, '\0');
        w->cells = xgrow(w->cells, &w->cap, w->n + 1, sizeof *w->cells);
        w->cells[w->n++] = (raw_cell){w->row, w->col, off, (unsigned char)fmt};
    }
}

static void XMLCALL ws_text(void *ud, const char *s, int n)
{
    ws_ctx *w = ud;
    if (w->in_v || (w->in_t && w->in_is && !w->rph))
        buf_put(&w->v, s, (size_t)n);
    else if (w->in_f)
        buf_put(&w->f, s, (size_t)n);
}

static int by_position(const void *a, const void *b)
{
    const raw_cell *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    return (x->col > y->col) - (x->col < y->col);
}

/* In a merged range only the top-left cell keeps its value. */
static void apply_merges(ws_ctx *w)
{
    for (size_t k = 0; k < w->nm; k++) {
        const sheet_merge *g = &w->m[k];
        size_t lo = 0, hi = w->n;
        while (lo < hi) { /* the first cell at or below row r0 */
            size_t mid = lo + (hi - lo) / 2;
            if (w->cells[mid].row < g->r0)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t i = lo; i < w->n && w->cells[i].row <= g->r1; i++) {
            raw_cell *c = &w->cells[i];
            if (c->col >= g->c0 && c->col <= g->c1 &&
                (c->row != g->r0 || c->col != g->c0))
                w->text.data[c->off] = '\0';
        }
    }
}

/* The sheet of the cells read: the first row with a value is the header
 * and sets the width; every row is that wide, with empty cells between
 * values, plus the values beyond it (so the table names the first). */
static sheet *ws_sheet(ws_ctx *w)
{
    size_t sorted = 1;
    while (sorted < w->n &&
           by_position(&w->cells[sorted - 1], &w->cells[sorted]) < 0)
        sorted++;
    if (sorted < w->n) /* as every writer does, but not required */
        qsort(w->cells, w->n, sizeof *w->cells, by_position);
    apply_merges(w);
    size_t kept = 0;
    for (size_t i = 0; i < w->n; i++)
        if (w->text.data[w->cells[i].off])
            w->cells[kept++] = w->cells[i];
    sheet *s = xcalloc(1, sizeof *s);
    s->path = xstrdup(w->spath);
    s->encoding = CSV_ENC_UTF8;
    if (w->nm) { /* for the header of a sheet laid out for people */
        s->merges = xmalloc(w->nm * sizeof *s->merges);
        memcpy(s->merges, w->m, w->nm * sizeof *s->merges);
        s->nmerges = w->nm;
    }
    int width = 0;
    size_t nrows = 0, total = 0;
    for (size_t i = 0; i < kept && w->cells[i].row == w->cells[0].row; i++)
        width = w->cells[i].col;
    for (size_t i = 0; i < kept; i++) {
        const raw_cell *c = &w->cells[i];
        int first = i == 0 || c->row != w->cells[i - 1].row;
        nrows += first;
        total += first ? (size_t)width : 0;
        total += c->col > width;
    }
    s->rows = xcalloc(nrows ? nrows : 1, sizeof *s->rows);
    s->cells = xcalloc(total ? total : 1, sizeof *s->cells);
    s->text = xmalloc(w->text.len + 1);
    s->text[0] = '\0'; /* every empty cell's text */
    memcpy(s->text + 1, w->text.data ? w->text.data : "", w->text.len);
    size_t at = 0;
    for (size_t i = 0; i < kept;) {
        sheet_row *r = &s->rows[s->nrows++];
        int row = w->cells[i].row;
        r->line = row;
        r->cells = s->cells + at;
        for (int c = 1; c <= width; c++)
            r->cells[c - 1] = (sheet_cell){s->text, row, -c, 0, SHEET_FMT_NONE};
        r->ncells = (size_t)width;
        for (; i < kept && w->cells[i].row == row; i++) {
            const raw_cell *c = &w->cells[i];
            sheet_cell v = {s->text + 1 + c->off, row, -c->col, 0,
                            (sheet_format)c->fmt};
            if (c->col <= width)
                r->cells[c->col - 1] = v;
            else
                r->cells[r->ncells++] = v;
        }
        at += r->ncells;
    }
    s->ncells_total = at;
    return s;
}

/* Reads the worksheet at part as the sheet named name; NULL after
 * errors. */
static sheet *read_worksheet(book *b, const char *part, const char *name,
                             const sst_ctx *sst, const sty_ctx *sty,
                             int date1904)
{
    buf spath = BUF_INIT;
    buf_printf(&spath, "%s [%s]", b->path, name);
    ws_ctx w = {.spath = buf_cstr(&spath),
                .sst = sst,
                .sty = sty,
                .date1904 = date1904};
    int rc = parse_part(b, part, 1, ws_start, ws_end, ws_text, &w.x);
    sheet *s = rc == 0 && !w.bad ? ws_sheet(&w) : NULL;
    buf_free(&w.v);
    buf_free(&w.f);
    buf_free(&w.text);
    free(w.cells);
    free(w.m);
    buf_free(&spath);
    return s;
}

/* ---- the workbook ------------------------------------------------------ */

/* What a file that is not a ZIP is, said with what to do; -1. */
static int not_a_zip(const char *path, const char *data, size_t len,
                     diag_list *d)
{
    if (len >= 8 && memcmp(data, OLE_MAGIC, 8) == 0) {
        /* an encrypted workbook is an OLE file with an EncryptionInfo
         * stream (its name in UTF-16LE) */
        static const char enc[] = "E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o";
        int locked = 0;
        for (size_t i = 0; !locked && i + sizeof enc - 1 <= len; i++)
            locked = memcmp(data + i, enc, sizeof enc - 1) == 0;
        if (locked) {
            diag_add(d, DIAG_ERROR, path, 0, 0,
                     "the workbook is password-protected (encrypted)");
            diag_hint(d, "in Excel, remove the password (File > Info > "
                         "Protect Workbook) and save it again");
        } else {
            xls_refuse(path, &(size_t){0}, d);
        }
    } else if (utf8_valid(data, len, NULL)) {
        diag_add(d, DIAG_ERROR, path, 0, 0,
                 "the file is text, not an Excel workbook (a workbook is a "
                 "ZIP file)");
        diag_hint(d, "if it is CSV, name it .csv");
    } else {
        diag_add(d, DIAG_ERROR, path, 0, 0,
                 "the file is not an Excel workbook (a workbook is a ZIP "
                 "file)");
        hint_resave(d, N_("the file is damaged or of another kind; "));
    }
    return -1;
}

static void free_rels(rels_ctx *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->v[i].id);
        free(r->v[i].type);
        free(r->v[i].target);
    }
    free(r->v);
}

/* The sheets of the open workbook b; NULL after an error about it. */
static sheet_named *read_sheets(book *b, size_t *n)
{
    wb_ctx wb = {0};
    rels_ctx rels = {0};
    sst_ctx sst = {0};
    sty_ctx sty = {0};
    sheet_named *out = NULL;
    int rc =
        parse_part(b, "xl/workbook.xml", 1, wb_start, no_end, no_text, &wb.x);
    if (rc == 0)
        rc = parse_part(b, "xl/_rels/workbook.xml.rels", 1, rels_start, no_end,
                        no_text, &rels.x);
    const rel *r = rc == 0 ? rel_find(&rels, NULL, "/sharedStrings") : NULL;
    if (r)
        rc = parse_part(b, r->target, 1, sst_start, sst_end, sst_text, &sst.x);
    r = rc == 0 ? rel_find(&rels, NULL, "/styles") : NULL;
    if (r)
        rc = parse_part(b, r->target, 1, sty_start, sty_end, no_text, &sty.x);
    if (rc == 0) {
        out = xcalloc(wb.n ? wb.n : 1, sizeof *out);
        for (size_t i = 0; i < wb.n; i++) {
            r = rel_find(&rels, wb.v[i].rid, "/worksheet");
            if (wb.v[i].hidden || !r)
                continue; /* hidden, a chart sheet or a dialog */
            sheet *s = read_worksheet(b, r->target, wb.v[i].name, &sst, &sty,
                                      wb.date1904);
            if (s && s->nrows == 0) { /* an empty sheet ("Sheet1") */
                sheet_free(s);
                continue;
            }
            out[*n].name = xstrdup(wb.v[i].name);
            out[(*n)++].sheet = s;
        }
    }
    for (size_t i = 0; i < wb.n; i++) {
        free(wb.v[i].name);
        free(wb.v[i].rid);
    }
    free(wb.v);
    free_rels(&rels);
    buf_free(&sst.all);
    buf_free(&sst.si);
    free(sst.off);
    free(sty.fmts);
    free(sty.xf);
    return out;
}

sheet_named *xlsx_parse_book(const char *path, const char *data, size_t len,
                             size_t *n, diag_list *d)
{
    *n = 0;
    if (len < 4 || memcmp(data, "PK\x03\x04", 4) != 0) {
        not_a_zip(path, data, len, d);
        return NULL;
    }
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &err);
    zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, &err) : NULL;
    if (!z) {
        diag_add(d, DIAG_ERROR, path, 0, 0,
                 "the workbook is a damaged ZIP file: %s",
                 zip_error_strerror(&err));
        diag_hint(d, "%s", _(RESAVE));
        if (src)
            zip_source_free(src);
        zip_error_fini(&err);
        return NULL;
    }
    zip_error_fini(&err);
    book b = {path, z, d, 0};
    sheet_named *out = check_entries(&b) == 0 ? read_sheets(&b, n) : NULL;
    zip_discard(z);
    return out;
}

sheet_named *xlsx_read_book(const char *path, size_t *n, diag_list *d)
{
    size_t len;
    *n = 0;
    char *data = fs_read(path, &len, d);
    if (!data)
        return NULL;
    sheet_named *out = xlsx_parse_book(path, data, len, n, d);
    free(data);
    return out;
}

sheet_named *xls_refuse(const char *path, size_t *n, diag_list *d)
{
    *n = 0;
    diag_add(d, DIAG_ERROR, path, 0, 0,
             "the file is an Excel 97-2003 workbook (.xls): expected an Excel "
             "workbook (.xlsx)");
    diag_hint(d, "open it in Excel or LibreOffice Calc and save it as "
                 "\"Excel Workbook (.xlsx)\"");
    return NULL;
}
