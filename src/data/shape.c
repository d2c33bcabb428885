#include "shape.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "i18n.h"
#include "suggest.h"
#include "xalloc.h"

/* What a row below the table that is a note starts with, when no @end
 * says where the table ends (an error, so that a note is never read as
 * data). */
static const char *const NOTE_MARKS[] = {"※",    "注",   "（注）",
                                         "(注)", "出典", "資料"};
#define NNOTE_MARKS (sizeof NOTE_MARKS / sizeof NOTE_MARKS[0])

typedef struct shaper {
    const sheet *raw;
    const schema_def *sc;
    diag_list *d;
    int book;      /* a workbook's sheet (cells in diag.h's cell form) */
    size_t h0, h1; /* the header's rows: indices into raw->rows, inclusive */
    int *col_of;   /* per schema column: its sheet column (FROM_HEADER,
                      FROM_COLUMN), else 0 */
    /* the tidy sheet being made: cells, and their texts as offsets */
    sheet_cell *cells;
    size_t *offs;
    size_t ncells, cap;
    size_t *row_start;
    int *row_line;
    size_t nrows, rcap;
    buf text;
} shaper;

/* The cell of row r in sheet column c, or NULL. */
static const sheet_cell *cell_at(const sheet_row *r, int c)
{
    for (size_t k = 0; k < r->ncells; k++)
        if (sheet_col_number(r, &r->cells[k]) == c)
            return &r->cells[k];
    return NULL;
}

static int has_value(const sheet_cell *c)
{
    return c && (c->quoted || !sheet_is_blank(c->text));
}

/* The first cell of r with a value, or NULL. */
static const sheet_cell *first_value(const sheet_row *r)
{
    const sheet_cell *best = NULL;
    int bestc = 0;
    for (size_t k = 0; k < r->ncells; k++) {
        int c = sheet_col_number(r, &r->cells[k]);
        if (has_value(&r->cells[k]) && (!best || c < bestc)) {
            best = &r->cells[k];
            bestc = c;
        }
    }
    return best;
}

static size_t values_in(const sheet_row *r)
{
    size_t n = 0;
    for (size_t k = 0; k < r->ncells; k++)
        n += has_value(&r->cells[k]);
    return n;
}

/* The header text at header row index ri, sheet column c: the cell's, or
 * the merged range's that covers it, or (a CSV file) the nearest to its
 * left in an upper header row.  *at gets the cell that holds it. */
static const char *header_text(const shaper *s, size_t ri, int c,
                               const sheet_cell **at)
{
    const sheet_row *r = &s->raw->rows[ri];
    const sheet_cell *x = cell_at(r, c);
    *at = x;
    if (has_value(x))
        return x->text;
    for (size_t m = 0; m < s->raw->nmerges; m++) {
        const sheet_merge *g = &s->raw->merges[m];
        if (r->line < g->r0 || r->line > g->r1 || c < g->c0 || c > g->c1)
            continue;
        for (size_t i = s->h0; i <= s->h1; i++)
            if (s->raw->rows[i].line == g->r0) {
                const sheet_cell *top = cell_at(&s->raw->rows[i], g->c0);
                if (has_value(top))
                    return top->text;
            }
    }
    if (!s->book && ri < s->h1)
        for (int k = c - 1; k >= 1; k--) {
            const sheet_cell *left = cell_at(r, k);
            if (has_value(left))
                return left->text;
        }
    return NULL;
}

/* The header's rows: @header's, else the sheet's first row.  0, or -1
 * after an error. */
static int find_header(shaper *s)
{
    const schema_def *sc = s->sc;
    const sheet *raw = s->raw;
    if (!sc->header0) {
        s->h0 = s->h1 = 0;
        return 0;
    }
    size_t i = 0;
    while (i < raw->nrows && raw->rows[i].line < sc->header0)
        i++;
    size_t j = i;
    while (j < raw->nrows && raw->rows[j].line <= sc->header1)
        j++;
    if (j == i || raw->rows[i].line != sc->header0 ||
        raw->rows[j - 1].line != sc->header1) {
        int empty = j == i || raw->rows[i].line != sc->header0 ? sc->header0
                                                               : sc->header1;
        diag_add(s->d, DIAG_ERROR, sc->path, sc->decl_line[1], sc->decl_col[1],
                 "@header names row %d of %s, which is empty: expected the "
                 "header's labels there",
                 empty, raw->path);
        if (raw->nrows)
            diag_hint(s->d, "the first row with a value is row %d",
                      raw->rows[0].line);
        return -1;
    }
    s->h0 = i;
    s->h1 = j - 1;
    return 0;
}

/* Whether header text h names column c of the schema: its name, its
 * description or its description's label. */
static int names_col(const char *h, const schema_col *c)
{
    char *t = sheet_nfc_trim(h);
    char *label = schema_label(c->description);
    int yes = strcmp(t, c->name) == 0 ||
              (c->description[0] && strcmp(t, c->description) == 0) ||
              (label[0] && strcmp(t, label) == 0);
    free(label);
    free(t);
    return yes;
}

/* Every header row a column is read from is in the header (@header is
 * checked with the schema; without it the header is the first row).  0,
 * or -1 after errors. */
static int rows_in_header(shaper *s)
{
    int rc = 0;
    int first = s->raw->rows[s->h0].line, last = s->raw->rows[s->h1].line;
    for (size_t i = 0; i < s->sc->ncols; i++) {
        const schema_col *c = &s->sc->cols[i];
        if (c->from != FROM_ROW || (c->row >= first && c->row <= last))
            continue;
        diag_add(s->d, DIAG_ERROR, s->sc->path, c->from_line, c->from_col,
                 "\"%s\" is read from header row %d, but the header of %s "
                 "is row %d (its first row with a value)",
                 c->name, c->row, s->raw->path, first);
        diag_hint(s->d,
                  "declare the header's rows: a schema row "
                  "@header,,%d (or @header,,%d:%d for two rows)",
                  c->row, c->row, c->row + 1);
        rc = -1;
    }
    return rc;
}

/* The sheet column of each column found by its header.  0, or -1 after
 * errors. */
static int find_columns(shaper *s)
{
    const schema_def *sc = s->sc;
    int rc = 0;
    for (size_t i = 0; i < sc->ncols; i++) {
        const schema_col *c = &sc->cols[i];
        if (c->from == FROM_COLUMN)
            s->col_of[i] = c->c0;
        if (c->from != FROM_HEADER)
            continue;
        for (size_t ri = s->h1 + 1; ri-- > s->h0 && !s->col_of[i];) {
            const sheet_row *r = &s->raw->rows[ri];
            int maxc = 0;
            for (size_t k = 0; k < r->ncells; k++) {
                int n = sheet_col_number(r, &r->cells[k]);
                maxc = n > maxc ? n : maxc;
            }
            for (int k = 1; k <= maxc && !s->col_of[i]; k++) {
                const sheet_cell *at;
                const char *h = header_text(s, ri, k, &at);
                if (h && names_col(h, c))
                    s->col_of[i] = k;
            }
        }
        if (s->col_of[i])
            continue;
        char *label = schema_label(c->description);
        buf rows = BUF_INIT;
        if (s->h0 == s->h1)
            buf_printf(&rows, _("row %d"), s->raw->rows[s->h0].line);
        else
            buf_printf(&rows, _("rows %d to %d"), s->raw->rows[s->h0].line,
                       s->raw->rows[s->h1].line);
        diag_add(s->d, DIAG_ERROR, sc->path, c->line, c->col,
                 "column \"%s\" is not in the header of %s (%s): "
                 "expected a header cell \"%s\"%s%s%s",
                 c->name, s->raw->path, buf_cstr(&rows), c->name,
                 label[0] ? _(" or \"") : "", label, label[0] ? "\"" : "");
        buf_free(&rows);
        diag_hint(s->d, "give its column letter in the schema's from column "
                        "(B), or name the header cell so");
        free(label);
        rc = -1;
    }
    return rc;
}

/* Adds a cell to the row being made. */
static void put(shaper *s, const char *text, int line, int col,
                sheet_format fmt, int quoted)
{
    if (s->ncells == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 64;
        s->cells = xrealloc(s->cells, s->cap * sizeof *s->cells);
        s->offs = xrealloc(s->offs, s->cap * sizeof *s->offs);
    }
    s->offs[s->ncells] = s->text.len;
    buf_puts(&s->text, text);
    buf_putc(&s->text, '\0');
    s->cells[s->ncells++] = (sheet_cell){NULL, line, col, quoted, fmt};
}

static void start_row(shaper *s, int line)
{
    s->row_start =
        xgrow(s->row_start, &s->rcap, s->nrows + 1, sizeof *s->row_start);
    s->row_line = xrealloc(s->row_line, s->rcap * sizeof *s->row_line);
    s->row_start[s->nrows] = s->ncells;
    s->row_line[s->nrows++] = line;
}

/* Puts the cell of raw row r in sheet column c (an empty cell at its
 * place when it has none). */
static void put_cell(shaper *s, const sheet_row *r, int c)
{
    const sheet_cell *x = cell_at(r, c);
    if (x)
        put(s, x->text, x->line, x->col, x->format, x->quoted);
    else
        put(s, "", r->line, s->book ? -c : 0, SHEET_FMT_NONE, 0);
}

/* One tidy row from raw row r (and, for a cross-table, its column c).
 * 0, or -1 after an error. */
static int put_row(shaper *s, const sheet_row *r, int c)
{
    const schema_def *sc = s->sc;
    start_row(s, r->line);
    for (size_t i = 0; i < sc->ncols; i++) {
        const schema_col *k = &sc->cols[i];
        switch (k->from) {
        case FROM_HEADER:
        case FROM_COLUMN:
            put_cell(s, r, s->col_of[i]);
            break;
        case FROM_RANGE:
            put_cell(s, r, c);
            break;
        case FROM_CONST:
            put(s, k->text, 0, 0, SHEET_FMT_NONE, 1);
            break;
        case FROM_ROW: {
            size_t ri = s->h0;
            while (ri <= s->h1 && s->raw->rows[ri].line != k->row)
                ri++;
            const sheet_cell *at = NULL;
            const char *h = ri <= s->h1 ? header_text(s, ri, c, &at) : NULL;
            if (!h) {
                int line = k->row;
                diag_add(s->d, DIAG_ERROR, s->raw->path, line, s->book ? -c : 0,
                         "no header above this column of the cross-table "
                         "(row %d): expected the %s of its cells",
                         line, k->name);
                diag_hint(s->d, "narrow the range of the cross-table's cells "
                                "in the schema's from column, or label the "
                                "column");
                return -1;
            }
            /* a merged header cell's text at the column it spans */
            put(s, h, k->row, s->book ? -c : (at ? at->col : 0), SHEET_FMT_NONE,
                1);
            break;
        }
        }
    }
    return 0;
}

/* The row index where the data end: the first below the header whose
 * first value starts with an @end mark (raw->nrows when none).  Without
 * @end, a row that looks like a note is an error (-1). */
static long data_end(shaper *s)
{
    const schema_def *sc = s->sc;
    for (size_t i = s->h1 + 1; i < s->raw->nrows; i++) {
        const sheet_row *r = &s->raw->rows[i];
        const sheet_cell *v = first_value(r);
        if (!v)
            continue;
        char *t = sheet_nfc_trim(v->text);
        int end = 0, note = 0;
        for (size_t m = 0; m < sc->nend; m++)
            end |= strncmp(t, sc->end[m], strlen(sc->end[m])) == 0;
        for (size_t m = 0; m < NNOTE_MARKS && !sc->nend; m++)
            note |= strncmp(t, NOTE_MARKS[m], strlen(NOTE_MARKS[m])) == 0;
        free(t);
        if (end)
            return (long)i;
        if (note && values_in(r) == 1) {
            diag_add(s->d, DIAG_ERROR, s->raw->path, v->line, v->col,
                     "a note below the table would be read as data");
            diag_hint(s->d,
                      "declare where the table ends in %s: a row "
                      "@end,,※|（注） ends it at the first row starting "
                      "with one of those marks",
                      sc->path);
            return -1;
        }
    }
    return (long)s->raw->nrows;
}

/* The tidy sheet of what was put. */
static sheet *made(shaper *s)
{
    sheet *t = xcalloc(1, sizeof *t);
    t->path = xstrdup(s->raw->path);
    t->encoding = s->raw->encoding;
    t->text = s->text.data ? s->text.data : xstrdup("");
    s->text = (buf)BUF_INIT;
    t->cells = s->cells ? s->cells : xcalloc(1, sizeof *t->cells);
    s->cells = NULL;
    t->ncells_total = s->ncells;
    for (size_t i = 0; i < s->ncells; i++)
        t->cells[i].text = t->text + s->offs[i];
    t->rows = xcalloc(s->nrows ? s->nrows : 1, sizeof *t->rows);
    t->nrows = s->nrows;
    for (size_t i = 0; i < s->nrows; i++) {
        size_t a = s->row_start[i],
               b = i + 1 < s->nrows ? s->row_start[i + 1] : s->ncells;
        t->rows[i] = (sheet_row){t->cells + a, b - a, s->row_line[i]};
    }
    return t;
}

sheet *shape_sheet(const sheet *raw, const schema_def *sc, diag_list *d)
{
    if (raw->nrows == 0) {
        diag_add(d, DIAG_ERROR, raw->path, 1, 1,
                 "empty sheet: expected the table declared in %s", sc->path);
        return NULL;
    }
    shaper s = {.raw = raw, .sc = sc, .d = d, .text = BUF_INIT};
    s.book = raw->rows[0].ncells && raw->rows[0].cells[0].col < 0;
    s.col_of = xcalloc(sc->ncols + 1, sizeof *s.col_of);
    const schema_col *range = NULL;
    for (size_t i = 0; i < sc->ncols; i++)
        if (sc->cols[i].from == FROM_RANGE)
            range = &sc->cols[i];
    sheet *out = NULL;
    long end;
    if (find_header(&s) == 0 && rows_in_header(&s) == 0 &&
        find_columns(&s) == 0 && (end = data_end(&s)) >= 0) {
        const sheet_row *h = &raw->rows[s.h1];
        start_row(&s, h->line);
        for (size_t i = 0; i < sc->ncols; i++)
            put(&s, sc->cols[i].name, sc->cols[i].line, 0, SHEET_FMT_NONE, 0);
        int rc = 0;
        for (size_t i = s.h1 + 1; i < (size_t)end && rc == 0; i++) {
            const sheet_row *r = &raw->rows[i];
            if (!first_value(r))
                continue;
            if (!range)
                rc = put_row(&s, r, 0);
            for (int c = range ? range->c0 : 1;
                 range && c <= range->c1 && rc == 0; c++)
                rc = put_row(&s, r, c);
        }
        if (rc == 0)
            out = made(&s);
    }
    free(s.cells);
    free(s.offs);
    free(s.row_start);
    free(s.row_line);
    buf_free(&s.text);
    free(s.col_of);
    return out;
}
