#include "schema.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "suggest.h"
#include "xalloc.h"

/* col_type order, then the types that are another's with a flag */
const char *const schema_type_names[] = {"text", "integer",  "decimal", "year",
                                         "date", "category", "percent"};
const size_t schema_ntype_names =
    sizeof schema_type_names / sizeof schema_type_names[0];
#define NCOLTYPES 6 /* the col_type values among them */
#define PERCENT 6

const char *col_type_name(col_type t)
{
    return (unsigned)t < NCOLTYPES ? schema_type_names[t] : "?";
}

static const char *const HEAD[] = {"column", "type", "values", "description",
                                   "from"};
#define NHEAD 5
enum { H_COLUMN, H_TYPE, H_VALUES, H_DESCRIPTION, H_FROM };

static const char *const DECLS[] = {"@sheet", "@header", "@end", "@status"};
#define NDECLS 4

#define CONST_PREFIX "const:"

/* The schema's header: which cell holds each of HEAD (idx, -1 when
 * absent; column and type are required).  Returns 1, or 0 after errors. */
static int schema_header(const sheet *s, int idx[NHEAD], diag_list *d)
{
    int ok = 1;
    const sheet_row *h = &s->rows[0];
    for (size_t k = 0; k < h->ncells; k++) {
        char *n = sheet_nfc_trim(h->cells[k].text);
        int found = -1;
        for (int j = 0; j < NHEAD; j++)
            if (strcmp(n, HEAD[j]) == 0)
                found = j;
        if (found < 0) {
            diag_add(d, DIAG_ERROR, s->path, h->cells[k].line, h->cells[k].col,
                     "unknown schema column \"%s\": expected column, type, "
                     "values, description or from",
                     n);
            diag_hint_nearest(d, n, HEAD, NHEAD);
            ok = 0;
        } else if (idx[found] >= 0) {
            diag_add(d, DIAG_ERROR, s->path, h->cells[k].line, h->cells[k].col,
                     "duplicate schema column \"%s\"", n);
            ok = 0;
        } else {
            idx[found] = (int)k;
        }
        free(n);
    }
    for (int j = 0; j < 2; j++)
        if (idx[j] < 0) {
            diag_add(d, DIAG_ERROR, s->path, h->line, 1,
                     "schema header lacks \"%s\": expected "
                     "column,type,values,description",
                     HEAD[j]);
            ok = 0;
        }
    return ok;
}

/* The "|"-separated values of cell cv (NFC and trimmed each) into *vals
 * and *nvals (the caller frees them); what names the list in messages
 * ("category value", "@end mark").  Returns 1, or 0 after errors. */
static int split_values(const char *path, const sheet_cell *cv,
                        const char *what, const char *name, char ***vals,
                        size_t *nvals, diag_list *d)
{
    int ok = 1;
    size_t vcap = 0;
    *vals = NULL;
    *nvals = 0;
    const char *p = cv ? cv->text : "";
    while (cv && *p) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        char *raw = xstrndup(p, len);
        char *v = sheet_nfc_trim(raw);
        free(raw);
        int dup = 0;
        for (size_t j = 0; j < *nvals; j++)
            dup |= strcmp((*vals)[j], v) == 0;
        if (!v[0] || dup) {
            diag_add(d, DIAG_ERROR, path, cv->line, cv->col,
                     "%s %s \"%s\" in the values of %s",
                     dup ? "duplicate" : "empty", what, v, name);
            diag_hint(d, "write the allowed values once each, separated by "
                         "|: 導入済み|実証中|未導入");
            free(v);
            ok = 0;
        } else {
            *vals = xgrow(*vals, &vcap, *nvals + 1, sizeof **vals);
            (*vals)[(*nvals)++] = v;
        }
        if (!bar)
            break;
        p = bar + 1;
    }
    return ok;
}

/* The allowed values of category column name, from cell cv (NULL when the
 * schema has no values column); ct is the type cell.  Returns 1, or 0
 * after errors. */
static int category_values(const char *path, const sheet_cell *cv,
                           const sheet_cell *ct, const char *name, char ***vals,
                           size_t *nvals, diag_list *d)
{
    buf what = BUF_INIT;
    buf_printf(&what, "column \"%s\"", name);
    int ok = split_values(path, cv, "category value", buf_cstr(&what), vals,
                          nvals, d);
    buf_free(&what);
    if (ok && *nvals == 0) {
        diag_add(d, DIAG_ERROR, path, ct->line, ct->col,
                 "category column \"%s\" has no values: expected the "
                 "allowed values separated by |",
                 name);
        diag_hint(d, "for example 導入済み|実証中|未導入");
        ok = 0;
    }
    return ok;
}

/* "C" to 3, "AA" to 27 (at most XFD, 16384); 0 when s is not a column
 * letter. */
static int col_letters(const char *s, size_t n)
{
    int c = 0;
    if (n == 0 || n > 3)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < 'A' || s[i] > 'Z')
            return 0;
        c = c * 26 + (s[i] - 'A' + 1);
    }
    return c <= 16384 ? c : 0;
}

/* A row number 1 to 1048576 written in n digits, or 0. */
static int row_number(const char *s, size_t n)
{
    long v = 0;
    if (n == 0 || n > 7)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    return v >= 1 && v <= 1048576 ? (int)v : 0;
}

/* Reads the from cell of column c (text f, NFC and trimmed).  Returns 1,
 * or 0 after an error. */
static int read_from(const char *path, const sheet_cell *at, const char *f,
                     schema_col *c, diag_list *d)
{
    size_t n = strlen(f);
    const char *colon = strchr(f, ':');
    c->from_line = at->line;
    c->from_col = at->col;
    if (!n) {
        c->from = FROM_HEADER;
        return 1;
    }
    /* not "=TEXT": a workbook would take that for a formula */
    if (strncmp(f, CONST_PREFIX, strlen(CONST_PREFIX)) == 0) {
        c->from = FROM_CONST;
        c->text = sheet_nfc_trim(f + strlen(CONST_PREFIX));
        return 1;
    }
    if (colon) {
        c->c0 = col_letters(f, (size_t)(colon - f));
        c->c1 = col_letters(colon + 1, strlen(colon + 1));
        if (c->c0 && c->c1 && c->c0 <= c->c1) {
            c->from = FROM_RANGE;
            return 1;
        }
    } else if ((c->c0 = col_letters(f, n)) != 0) {
        c->from = FROM_COLUMN;
        return 1;
    } else if ((c->row = row_number(f, n)) != 0) {
        c->from = FROM_ROW;
        return 1;
    }
    diag_add(d, DIAG_ERROR, path, at->line, at->col,
             "\"%s\" in the from column of \"%s\": expected a column letter "
             "(B), a range of columns (C:H), a header row (4) or const:TEXT",
             f, c->name);
    diag_hint(d, "write columns as Excel names them, in capitals, the left "
                 "one first; leave the cell empty to find the column by its "
                 "header");
    return 0;
}

/* @header's rows: "3" or "3:4". */
static int header_rows(const char *v, int *r0, int *r1)
{
    const char *colon = strchr(v, ':');
    if (!colon) {
        *r0 = *r1 = row_number(v, strlen(v));
        return *r0 != 0;
    }
    *r0 = row_number(v, (size_t)(colon - v));
    *r1 = row_number(colon + 1, strlen(colon + 1));
    return *r0 && *r1 && *r0 <= *r1;
}

/* An @status row: "STATUS: COL|COL" (a full-width colon too).  Returns
 * 1, or 0 after errors. */
static int read_status_decl(schema_def *sc, const sheet_cell *cn,
                            const sheet_cell *cv, diag_list *d)
{
    const sheet_cell *at = cv ? cv : cn;
    const char *v = cv ? cv->text : "";
    const char *colon = strchr(v, ':');
    const char *wide = strstr(v, "：");
    size_t skip = 1;
    if (wide && (!colon || wide < colon)) {
        colon = wide;
        skip = strlen("：");
    }
    char *name = colon ? xstrndup(v, (size_t)(colon - v)) : NULL;
    char *col = name ? sheet_nfc_trim(name) : NULL;
    free(name);
    if (!col || !col[0]) {
        diag_add(d, DIAG_ERROR, sc->path, at->line, at->col,
                 "@status \"%s\": expected the status column, a colon and "
                 "the columns it covers",
                 v);
        diag_hint(d, "for example @status,,status: respondents|ai_base");
        free(col);
        return 0;
    }
    sheet_cell rest = *at;
    rest.text = (char *)colon + skip;
    char **covers;
    size_t n;
    int ok = split_values(sc->path, &rest, "column", "@status", &covers, &n, d);
    if (ok && n == 0) {
        diag_add(d, DIAG_ERROR, sc->path, at->line, at->col,
                 "@status names no column for \"%s\" to cover", col);
        diag_hint(d, "for example @status,,%s: respondents|ai_base", col);
        ok = 0;
    }
    if (!ok) {
        for (size_t i = 0; i < n; i++)
            free(covers[i]);
        free(covers);
        free(col);
        return 0;
    }
    sc->status = xrealloc(sc->status, (sc->nstatus + 1) * sizeof *sc->status);
    sc->status[sc->nstatus++] =
        (schema_status){col, covers, n, at->line, at->col};
    return 1;
}

/* A declaration row (@…).  Returns 1, or 0 after errors. */
static int read_decl(schema_def *sc, const char *name, const sheet_cell *cn,
                     const sheet_cell *cv, diag_list *d)
{
    int k = -1;
    for (int j = 0; j < NDECLS; j++)
        if (strcmp(name, DECLS[j]) == 0)
            k = j;
    if (k < 0) {
        diag_add(d, DIAG_ERROR, sc->path, cn->line, cn->col,
                 "unknown declaration \"%s\": expected @sheet, @header, "
                 "@end or @status",
                 name);
        diag_hint_nearest(d, name, DECLS, NDECLS);
        return 0;
    }
    if (k == 3)
        return read_status_decl(sc, cn, cv, d);
    if (sc->decl_line[k]) {
        diag_add(d, DIAG_ERROR, sc->path, cn->line, cn->col,
                 "%s is declared twice in the schema (first on line %d)", name,
                 sc->decl_line[k]);
        return 0;
    }
    char *v = cv ? sheet_nfc_trim(cv->text) : xstrdup("");
    const sheet_cell *at = cv ? cv : cn;
    sc->decl_line[k] = at->line;
    sc->decl_col[k] = at->col;
    int ok = 1;
    if (!v[0]) {
        diag_add(d, DIAG_ERROR, sc->path, at->line, at->col,
                 "%s without a value: expected it in the values column", name);
        diag_hint(d, "@sheet,,AI導入状況 names the sheet; @header,,3:4 the "
                     "header's rows; @end,,（注）|※ the marks of notes below "
                     "the table");
        ok = 0;
    } else if (k == 0) {
        sc->sheet = v;
        v = NULL;
    } else if (k == 1) {
        sc->layout = 1;
        if (!header_rows(v, &sc->header0, &sc->header1)) {
            diag_add(d, DIAG_ERROR, sc->path, at->line, at->col,
                     "@header \"%s\": expected the header's row (3) or "
                     "rows (3:4) as Excel numbers them",
                     v);
            ok = 0;
        }
    } else {
        sc->layout = 1;
        ok = split_values(sc->path, cv, "mark", "@end", &sc->end, &sc->nend, d);
    }
    free(v);
    return ok;
}

/* Checks what the columns' from cells say together. */
static int check_froms(schema_def *sc, diag_list *d)
{
    int ok = 1;
    const schema_col *range = NULL;
    for (size_t i = 0; i < sc->ncols; i++) {
        const schema_col *c = &sc->cols[i];
        if (c->from != FROM_HEADER)
            sc->layout = 1;
        if (c->from != FROM_RANGE)
            continue;
        if (range) {
            diag_add(d, DIAG_ERROR, sc->path, c->from_line, c->from_col,
                     "a second range of columns (\"%s\"; \"%s\" has one "
                     "already): a table unpivots one cross-table",
                     c->name, range->name);
            diag_hint(d, "give the other columns their header row (4) or a "
                         "column letter");
            ok = 0;
        }
        range = c;
    }
    for (size_t i = 0; i < sc->ncols; i++) {
        const schema_col *c = &sc->cols[i];
        if (c->from != FROM_ROW)
            continue;
        if (!range) {
            diag_add(d, DIAG_ERROR, sc->path, c->from_line, c->from_col,
                     "\"%s\" is read from header row %d, but no column has "
                     "the range of a cross-table's cells",
                     c->name, c->row);
            diag_hint(d, "give the column of the values the range of the "
                         "cross-table's cells, as C:H");
            ok = 0;
        } else if (sc->header0 &&
                   (c->row < sc->header0 || c->row > sc->header1)) {
            diag_add(d, DIAG_ERROR, sc->path, c->from_line, c->from_col,
                     "\"%s\" is read from row %d, outside the header "
                     "(@header rows %d to %d)",
                     c->name, c->row, sc->header0, sc->header1);
            ok = 0;
        }
    }
    return ok;
}

static void free_col(schema_col *c)
{
    free(c->name);
    for (size_t j = 0; j < c->nvalues; j++)
        free(c->values[j]);
    free(c->values);
    free(c->description);
    free(c->text);
}

schema_def *schema_read(const sheet *s, diag_list *d)
{
    schema_def *sc = xcalloc(1, sizeof *sc);
    sc->path = xstrdup(s->path);
    int idx[NHEAD] = {-1, -1, -1, -1, -1};
    if (s->nrows == 0) {
        diag_add(d, DIAG_ERROR, s->path, 1, 1,
                 "empty schema: expected the header row "
                 "column,type,values,description");
        return sc;
    }
    if (!schema_header(s, idx, d))
        return sc;
    int ok = 1;
    const sheet_row *h = &s->rows[0];
    size_t cap = 0;
    for (size_t r = 1; r < s->nrows; r++) {
        const sheet_row *row = &s->rows[r];
        if (row->ncells == 1 && sheet_is_blank(row->cells[0].text))
            continue;
        if (row->ncells != h->ncells) {
            diag_add(d, DIAG_ERROR, s->path, row->line, row->cells[0].col,
                     "schema row has %zu cells, expected %zu as in the "
                     "header",
                     row->ncells, h->ncells);
            ok = 0;
            continue;
        }
        const sheet_cell *cn = &row->cells[idx[H_COLUMN]],
                         *ct = &row->cells[idx[H_TYPE]];
        const sheet_cell *cv =
            idx[H_VALUES] >= 0 ? &row->cells[idx[H_VALUES]] : NULL;
        char *name = sheet_nfc_trim(cn->text);
        if (name[0] == '@') {
            ok &= read_decl(sc, name, cn, cv, d);
            free(name);
            continue;
        }
        char *tname = sheet_nfc_trim(ct->text);
        int type = -1;
        for (size_t j = 0; j < schema_ntype_names; j++)
            if (strcmp(tname, schema_type_names[j]) == 0)
                type = (int)j;
        int row_ok = 1;
        if (!name[0]) {
            diag_add(d, DIAG_ERROR, s->path, cn->line, cn->col,
                     "empty column name in the schema");
            row_ok = 0;
        }
        for (size_t j = 0; j < sc->ncols && row_ok; j++)
            if (strcmp(sc->cols[j].name, name) == 0) {
                diag_add(d, DIAG_ERROR, s->path, cn->line, cn->col,
                         "column \"%s\" is declared twice in the schema "
                         "(first on line %d)",
                         name, sc->cols[j].line);
                row_ok = 0;
            }
        if (type < 0) {
            diag_add(d, DIAG_ERROR, s->path, ct->line, ct->col,
                     "unknown type \"%s\" for column \"%s\": expected text, "
                     "integer, decimal, percent, year, date or category",
                     tname, name);
            diag_hint_nearest(d, tname, schema_type_names, schema_ntype_names);
            row_ok = 0;
        }
        free(tname);
        schema_col c = {.name = name,
                        .type = type == PERCENT
                                    ? COL_DECIMAL
                                    : (col_type)(type < 0 ? 0 : type),
                        .percent = type == PERCENT,
                        .line = cn->line,
                        .col = cn->col};
        if (row_ok && type == COL_CATEGORY)
            row_ok = category_values(s->path, cv, ct, name, &c.values,
                                     &c.nvalues, d);
        c.description =
            idx[H_DESCRIPTION] >= 0
                ? sheet_nfc_trim(row->cells[idx[H_DESCRIPTION]].text)
                : xstrdup("");
        if (row_ok && idx[H_FROM] >= 0) {
            const sheet_cell *cf = &row->cells[idx[H_FROM]];
            char *f = sheet_nfc_trim(cf->text);
            row_ok = read_from(s->path, cf, f, &c, d);
            free(f);
        }
        if (!row_ok) {
            free_col(&c);
            ok = 0;
            continue;
        }
        sc->cols = xgrow(sc->cols, &cap, sc->ncols + 1, sizeof *sc->cols);
        sc->cols[sc->ncols++] = c;
    }
    if (ok)
        ok = check_froms(sc, d);
    sc->ok = ok;
    return sc;
}

void schema_free(schema_def *sc)
{
    if (!sc)
        return;
    for (size_t i = 0; i < sc->ncols; i++)
        free_col(&sc->cols[i]);
    free(sc->cols);
    for (size_t i = 0; i < sc->nend; i++)
        free(sc->end[i]);
    free(sc->end);
    for (size_t i = 0; i < sc->nstatus; i++) {
        for (size_t j = 0; j < sc->status[i].ncovers; j++)
            free(sc->status[i].covers[j]);
        free(sc->status[i].covers);
        free(sc->status[i].column);
    }
    free(sc->status);
    free(sc->sheet);
    free(sc->path);
    free(sc);
}

int schema_find(const schema_def *sc, const char *name)
{
    for (size_t i = 0; i < sc->ncols; i++)
        if (strcmp(sc->cols[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* Where a description's remark starts: the first "(" or "（", NULL when
 * none. */
static const char *remark_start(const char *s)
{
    const char *a = strchr(s, '('), *b = strstr(s, "（");
    if (!a)
        return b;
    return b && b < a ? b : a;
}

/* Appends s[0..n) without the spaces (ASCII or U+3000) at either end. */
static void put_trimmed(buf *out, const char *s, size_t n)
{
    for (;;) {
        if (n && (s[0] == ' ' || s[0] == '\t')) {
            s++, n--;
        } else if (n >= 3 && memcmp(s, "\u3000", 3) == 0) {
            s += 3, n -= 3;
        } else if (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) {
            n--;
        } else if (n >= 3 && memcmp(s + n - 3, "\u3000", 3) == 0) {
            n -= 3;
        } else {
            break;
        }
    }
    buf_put(out, s, n);
}

void schema_description_parts(const char *d, int numeric, buf *label, buf *unit)
{
    const char *r = remark_start(d);
    put_trimmed(label, d, r ? (size_t)(r - d) : strlen(d));
    if (!r || !numeric || !unit)
        return;
    r += *r == '(' ? 1 : strlen("（");
    size_t n = strcspn(r, ";)");
    const char *cut[] = {"；", "）"};
    for (size_t i = 0; i < 2; i++) {
        const char *p = strstr(r, cut[i]);
        if (p && (size_t)(p - r) < n)
            n = (size_t)(p - r);
    }
    put_trimmed(unit, r, n);
}

char *schema_label(const char *description)
{
    buf b = BUF_INIT;
    schema_description_parts(description, 0, &b, NULL);
    return buf_detach(&b);
}
