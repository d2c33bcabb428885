#include "table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "era.h"
#include "i18n.h"
#include "intern.h"
#include "num.h"
#include "shape.h"
#include "suggest.h"
#include "utf8.h"
#include "xalloc.h"

/* The distinct years of the year column, ascending: each cell is looked
 * up by bisection in the (short) list found so far. */
static void collect_years(table *t)
{
    const column *yc = &t->cols[t->year_col];
    size_t n = 0, cap = 0;
    t->years = NULL;
    for (size_t i = 0; i < t->nrows; i++) {
        if (yc->cells[i].missing)
            continue;
        double y = yc->cells[i].num;
        size_t lo = 0, hi = n;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (t->years[mid] < y)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < n && t->years[lo] == y)
            continue;
        t->years = xgrow(t->years, &cap, n + 1, sizeof *t->years);
        memmove(t->years + lo + 1, t->years + lo, (n - lo) * sizeof *t->years);
        t->years[lo] = y;
        n++;
    }
    if (!t->years)
        t->years = xmalloc(sizeof *t->years);
    t->nyears = n;
}

int table_col(const table *t, const char *name)
{
    for (size_t i = 0; i < t->ncols; i++)
        if (strcmp(t->cols[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* ---- inference ------------------------------------------------------ */

static int name_says_year(const char *name)
{
    char *k = utf8_nfkc(name);
    for (char *q = k; *q; q++)
        if (*q >= 'A' && *q <= 'Z')
            *q = (char)(*q + 32);
    size_t n = strlen(k);
    int yes =
        strcmp(k, "year") == 0 || (n > 5 && strcmp(k + n - 5, "_year") == 0) ||
        (n >= 6 && strcmp(k + n - 6, "年度") == 0) || strcmp(k, "年") == 0;
    free(k);
    return yes;
}

static col_type infer(const csv *data, size_t ncols, size_t k, const char *name)
{
    int all_int = 1, all_num = 1, all_year = 1, all_plain_year = 1,
        all_date = 1, any_unit = 0, any_nonfinite = 0, any_real = 0, any = 0;
    /* every flag is an and or an or over the cells: each distinct text
     * is looked at once */
    intern *seen = intern_new();
    for (size_t r = 1; r < data->nrows; r++) {
        const csv_row *row = &data->rows[r];
        if (row->ncells != ncols || k >= row->ncells)
            continue;
        const char *t = row->cells[k].text;
        int added;
        intern_put(seen, t, strlen(t), &added);
        if (!added || sheet_is_blank(t))
            continue;
        any = 1;
        char *trim = sheet_nfc_trim(t);
        num_read nv;
        int y, ymd;
        char *norm;
        const char *unit;
        num_status nr = num_parse_cell(trim, &nv, &norm, &unit);
        int is_int = nr == NUM_OK && nv.frac == 0;
        int year_ok = era_parse_year(trim, &y) == 0;
        if (nr == NUM_OK) {
            any_real = 1;
            if (!is_int)
                all_int = 0;
            if (!is_int || nv.v < 1900 || nv.v > 2100 || strchr(norm, ','))
                all_plain_year = 0;
            all_year = all_year && year_ok && is_int;
        } else {
            all_int = 0;
            all_plain_year = 0;
            /* "58%", "12団体", "3※": a number with a short unit or mark
             * after it is a number column written wrongly, reported as
             * such when the cells are converted. */
            int lead = norm[0] >= '0' && norm[0] <= '9';
            if (nr == NUM_EXPONENT || (nr == NUM_UNIT && lead && !year_ok &&
                                       era_parse_date(trim, &ymd) != 0 &&
                                       utf8_length(unit, strlen(unit)) <= 4))
                any_unit = 1;
            else if (nr == NUM_NONFINITE)
                any_nonfinite = 1; /* a number column if any cell is one */
            else if (nr != NUM_GROUPING)
                all_num = 0;
            all_year = all_year && year_ok;
        }
        all_date = all_date && era_parse_date(trim, &ymd) == 0;
        free(norm);
        free(trim);
    }
    intern_free(seen);
    if (!any)
        return COL_TEXT;
    if (any_nonfinite) {
        /* "inf" or "nan" among numbers: a number column written wrongly,
         * reported at those cells; without numbers, words */
        if (!any_real)
            all_num = 0;
        any_unit = 1;
    }
    if (all_plain_year && name_says_year(name))
        return COL_YEAR;
    if (all_int && !any_unit)
        return COL_INTEGER;
    if (all_year && !all_plain_year)
        return COL_YEAR;
    if (all_date)
        return COL_DATE;
    if (all_num)
        return all_int && !any_unit ? COL_INTEGER : COL_DECIMAL;
    return COL_TEXT;
}

/* ---- cells ---------------------------------------------------------- */

/* A column's conversion of one distinct cell text. */
typedef struct conv {
    const char *text; /* interned NFC text */
    double num;
    int missing;
    signed char ok;     /* 1 converted without error, 0 failed, -1 not yet */
    signed char status; /* the status column: its prov, or -2 not yet */
} conv;

/* A percent column's cell as percentage points: a workbook cell formatted
 * as a percentage holds the fraction (0.253), read as Excel shows it
 * (25.3, num_percent_shown, kept as the cell's text); "25.3%" and
 * "25.3％" are 25.3.  *trim is replaced. */
static void percent_points(table *t, const csv_cell *in, cell *out, char **trim)
{
    size_t n = strlen(*trim);
    char shown[600];
    if (in->format == SHEET_FMT_PERCENT &&
        num_percent_shown(*trim, shown, sizeof shown) == 0) {
        out->text = intern_str(
            t->strings, intern_put(t->strings, shown, strlen(shown), NULL));
        free(*trim);
        *trim = xstrdup(shown);
    } else if (n > 1 && (*trim)[n - 1] == '%') {
        (*trim)[n - 1] = '\0';
    } else if (n > 3 && strcmp(*trim + n - 3, "％") == 0) {
        (*trim)[n - 3] = '\0';
    }
}

/* A number typed with a space inside or after it (the 全角スペース an
 * input method gives, U+3000, or an ASCII space): 1 when s holds one and
 * is a number without its spaces, which goes to fixed. */
static int spaced_number(const char *s, buf *fixed)
{
    int spaces = 0;
    for (const char *p = s; *p;) {
        if (*p == ' ') {
            spaces = 1;
            p++;
        } else if (strncmp(p, "\u3000", 3) == 0) {
            spaces = 1;
            p += 3;
        } else {
            buf_putc(fixed, *p++);
        }
    }
    if (!spaces || fixed->len == 0)
        return 0;
    num_read nv;
    char *norm;
    const char *unit;
    num_status r = num_parse_cell(buf_cstr(fixed), &nv, &norm, &unit);
    free(norm);
    return r == NUM_OK;
}

/* Converts one cell; returns 0 after adding an error.  The NFC text is
 * kept in t->strings. */
static int convert(table *t, column *c, cell *out, const csv_cell *in,
                   const char *path, int inferred, diag_list *d)
{
    out->line = in->line;
    out->col = in->col;
    if (sheet_is_blank(in->text)) {
        out->text = "";
        out->missing = 1;
        out->num = 0;
        return 1;
    }
    char *nfc = utf8_nfc(in->text);
    out->text =
        intern_str(t->strings, intern_put(t->strings, nfc, strlen(nfc), NULL));
    free(nfc);
    out->missing = 0;
    out->num = 0;
    char *trim = sheet_nfc_trim(out->text);
    if (c->percent)
        percent_points(t, in, out, &trim);
    int ok = 1;
    switch (c->type) {
    case COL_TEXT:
        break;
    case COL_INTEGER:
    case COL_DECIMAL: {
        num_read nv;
        char *norm;
        const char *unit;
        num_status r = num_parse_cell(trim, &nv, &norm, &unit);
        int is_int = r == NUM_OK && nv.frac == 0;
        const char *kind =
            c->type == COL_INTEGER ? _("an integer") : _("a number");
        buf fixed = BUF_INIT;
        if (r != NUM_OK && spaced_number(trim, &fixed)) {
            diag_add(d, DIAG_ERROR, path, in->line, in->col,
                     "a space in the number \"%s\" (column \"%s\")", trim,
                     c->name);
            diag_hint(d, "write the number without it: %s", buf_cstr(&fixed));
            ok = 0;
        } else if (r == NUM_UNIT) {
            diag_add(d, DIAG_ERROR, path, in->line, in->col,
                     "units or marks are not allowed in a number cell: "
                     "found \"%s\" in column \"%s\", expected %s",
                     trim, c->name, kind);
            diag_hint(d,
                      "one datum per cell: write the number alone and "
                      "put the unit in the column's description in "
                      "%s.schema.csv (notes such as ※ go in the "
                      "template)",
                      t->name);
            if (inferred)
                diag_hint(d,
                          "the column was taken for numbers; declare it "
                          "as text in %s.schema.csv if it is not",
                          t->name);
            ok = 0;
        } else if (r == NUM_GROUPING) {
            diag_add(d, DIAG_ERROR, path, in->line, in->col,
                     "misplaced thousands separator in \"%s\" (column "
                     "\"%s\"): expected groups of three digits",
                     trim, c->name);
            diag_hint(d, "write 1788 or 1,788");
            ok = 0;
        } else if (r == NUM_BAD ||
                   (c->type == COL_INTEGER && !is_int && r == NUM_OK)) {
            diag_add(d, DIAG_ERROR, path, in->line, in->col,
                     "expected %s in column \"%s\", found \"%s\"", kind,
                     c->name, trim);
            diag_hint(d, "leave the cell empty for a missing value");
            ok = 0;
        } else {
            num_fault f = num_accept(&nv);
            if (f != NUM_FINE) {
                char where[160], msg[512], hint[512];
                snprintf(where, sizeof where, _(" in column \"%s\""), c->name);
                num_fault_message(f, &nv, norm, strlen(norm), where, msg,
                                  sizeof msg, hint, sizeof hint);
                diag_add(d, DIAG_ERROR, path, in->line, in->col, "%s", msg);
                diag_hint(d, "%s", hint);
                ok = 0;
            } else {
                out->num = nv.v;
            }
        }
        free(norm);
        buf_free(&fixed);
        break;
    }
    case COL_YEAR: {
        int y;
        if (era_parse_year(trim, &y) == 0) {
            out->num = y;
        } else {
            diag_add(d, DIAG_ERROR, path, in->line, in->col,
                     "expected a survey year in column \"%s\", found "
                     "\"%s\"",
                     c->name, trim);
            diag_hint(d, "write 2024, R6 or 令和6年度");
            ok = 0;
        }
        break;
    }
    case COL_DATE: {
        int ymd;
        if (era_parse_date(trim, &ymd) == 0) {
            out->num = ymd;
        } else {
            diag_add(d, DIAG_ERROR, path, in->line, in->col,
                     "expected a date in column \"%s\", found \"%s\"", c->name,
                     trim);
            diag_hint(d, "write 2025-06-30 or 令和7年6月30日 (a real day "
                         "of the month)");
            ok = 0;
        }
        break;
    }
    case COL_CATEGORY: {
        int found = -1;
        for (size_t i = 0; i < c->ncategories; i++)
            if (strcmp(trim, c->categories[i]) == 0)
                found = (int)i;
        if (found >= 0) {
            out->num = found;
        } else {
            buf in_col = BUF_INIT;
            buf_printf(&in_col, _(" in column \"%s\""), c->name);
            srcloc at = {path, in->line, in->col};
            diag_unknown(d, at, N_("category"), trim, buf_cstr(&in_col),
                         (const char *const *)c->categories, c->ncategories,
                         N_("the categories are"));
            buf_free(&in_col);
            ok = 0;
        }
        break;
    }
    }
    free(trim);
    return ok;
}

/* ---- building ------------------------------------------------------- */

static void free_cols(column *cols, size_t ncols, size_t nrows, int own_texts)
{
    for (size_t k = 0; k < ncols; k++) {
        column *c = &cols[k];
        free(c->name);
        for (size_t i = 0; i < c->ncategories; i++)
            free(c->categories[i]);
        free(c->categories);
        free(c->description);
        if (c->cells && own_texts)
            for (size_t r = 0; r < nrows; r++)
                if (!c->cells[r].missing && c->cells[r].text)
                    free((char *)c->cells[r].text);
        free(c->cells);
    }
    free(cols);
}

void table_free(table *t)
{
    if (!t)
        return;
    /* a table read from CSV keeps its texts in t->strings; one built by
     * hand owns each cell's text */
    free_cols(t->cols, t->ncols, t->nrows, t->strings == NULL);
    intern_free(t->strings);
    if (t->col_status)
        for (size_t k = 0; k < t->ncols; k++)
            if (t->col_status[k] != t->status)
                free(t->col_status[k]);
    free(t->col_status);
    free(t->status_for);
    free(t->status);
    free(t->all_rows);
    free(t->years);
    free(t->name);
    free(t->path);
    free(t);
}

static int row_is_empty(const csv_row *row)
{
    for (size_t k = 0; k < row->ncells; k++)
        if (row->cells[k].quoted || !sheet_is_blank(row->cells[k].text))
            return 0;
    return 1;
}

/* The header row: column names (NFC, trimmed), their positions, and the
 * status and source columns.  Errors for empty and repeated names. */
static void read_header(table *t, const csv_row *h, const char *path,
                        diag_list *d)
{
    t->ncols = h->ncells;
    t->cols = xcalloc(t->ncols, sizeof(column));
    for (size_t k = 0; k < t->ncols; k++) {
        column *c = &t->cols[k];
        c->name = sheet_nfc_trim(h->cells[k].text);
        c->line = h->cells[k].line;
        c->col = h->cells[k].col;
        if (!c->name[0]) {
            diag_add(d, DIAG_ERROR, path, c->line, c->col,
                     "empty column name in the header (column %zu)", k + 1);
            diag_hint(d, "every column needs a name; delete the column if "
                         "it is unused");
            continue;
        }
        for (size_t j = 0; j < k; j++)
            if (strcmp(t->cols[j].name, c->name) == 0) {
                diag_add(d, DIAG_ERROR, path, c->line, c->col,
                         "duplicate column name \"%s\" (also column %zu)",
                         c->name, j + 1);
                diag_hint(d, "give each column its own name");
                break;
            }
        if (strcmp(c->name, "status") == 0)
            t->status_col = (int)k;
        if (strcmp(c->name, "source") == 0)
            t->source_col = (int)k;
    }
}

/* The rows kept: everything after the header except wholly empty rows;
 * ragged rows are errors (counted in *ragged).  Returns the indices of
 * the rows kept (the caller frees them) and their number in *nkeep. */
static size_t *keep_rows(const csv *data, size_t ncols, size_t *nkeep,
                         size_t *ragged, diag_list *d)
{
    size_t *keep = xcalloc(data->nrows, sizeof *keep);
    *nkeep = *ragged = 0;
    for (size_t r = 1; r < data->nrows; r++) {
        const csv_row *row = &data->rows[r];
        if (row_is_empty(row))
            continue;
        if (row->ncells != ncols) {
            int more = row->ncells > ncols;
            const csv_cell *at = more ? &row->cells[ncols] : &row->cells[0];
            diag_add(d, DIAG_ERROR, data->path, at->line, at->col,
                     "row has %zu cells, expected %zu as in the header",
                     row->ncells, ncols);
            if (more && ncols == 1)
                diag_hint(d, "a title above the table? a sheet laid out "
                             "for people is read through its schema's "
                             "declarations: @header (docs/data.md)");
            else if (more)
                diag_hint(d, "this is the first extra cell; a value that "
                             "contains a comma must be quoted: \"1,788\"");
            else
                diag_hint(d, "a missing value is an empty cell: keep its "
                             "comma (a,,c)");
            (*ragged)++;
            continue;
        }
        keep[(*nkeep)++] = r;
    }
    return keep;
}

/* One root cause, one message: a schema column missing from the data
 * whose nearest data column is not in the schema and has it as its own
 * nearest name was reported with that column ("did you mean …?"). */
static int reported_as_misspelt(const char *declared, const char **cols,
                                size_t ncols, const char **names, size_t nspecs)
{
    const char *near = suggest_nearest(declared, cols, ncols);
    if (!near)
        return 0;
    for (size_t i = 0; i < nspecs; i++)
        if (strcmp(names[i], near) == 0)
            return 0; /* that column is in the schema */
    const char *back = suggest_nearest(near, names, nspecs);
    return back && strcmp(back, declared) == 0;
}

/* The columns' types and categories from the schema: every column of the
 * table must be in it, and every column it declares in the table (unless
 * the header's own errors, an empty or a duplicate name, explain it:
 * header_ok is 0 then). */
static void apply_schema(table *t, const schema_def *sc, int header_ok,
                         diag_list *d)
{
    if (!sc->ok)
        return;
    size_t nspecs = sc->ncols;
    const char **names = xcalloc(nspecs + 1, sizeof *names);
    int *used = xcalloc(nspecs + 1, sizeof *used);
    for (size_t i = 0; i < nspecs; i++)
        names[i] = sc->cols[i].name;
    for (size_t k = 0; k < t->ncols; k++) {
        column *c = &t->cols[k];
        if (!c->name[0])
            continue;
        int i = schema_find(sc, c->name);
        if (i < 0) {
            diag_add(d, DIAG_ERROR, t->path, c->line, c->col,
                     "column \"%s\" is not in the schema %s", c->name,
                     sc->path);
            diag_hint_nearest(d, c->name, names, nspecs);
            diag_hint(d, "add a row for it to the schema");
            continue;
        }
        const schema_col *sp = &sc->cols[i];
        used[i] = 1;
        c->type = sp->type;
        c->percent = sp->percent;
        c->description = xstrdup(sp->description);
        c->ncategories = sp->nvalues;
        c->categories = xcalloc(sp->nvalues + 1, sizeof *c->categories);
        for (size_t j = 0; j < sp->nvalues; j++)
            c->categories[j] = xstrdup(sp->values[j]);
    }
    const char **cols = table_col_names(t);
    for (size_t i = 0; i < nspecs; i++)
        if (!used[i] && header_ok &&
            !reported_as_misspelt(names[i], cols, t->ncols, names, nspecs)) {
            diag_add(d, DIAG_ERROR, sc->path, sc->cols[i].line, sc->cols[i].col,
                     "column \"%s\" is declared in the schema but "
                     "missing from %s",
                     names[i], t->path);
            diag_hint_nearest(d, names[i], cols, t->ncols);
        }
    free(cols);
    free(used);
    free(names);
}

/* Row i's provenance from its status cell sc, whose distinct text's
 * conversion is cv (which remembers the status once read). */
static void read_status(table *t, size_t i, const cell *sc, conv *cv,
                        diag_list *d)
{
    if (cv->status >= 0) {
        t->status[i] = (prov)cv->status;
    } else if (sc->missing) {
        diag_add(d, DIAG_ERROR, t->path, sc->line, sc->col,
                 "empty status cell: expected 確報, 速報 or 仮");
        diag_hint(d, "every row of a table with a status column says "
                     "whether its figures are final");
    } else {
        char *st = sheet_nfc_trim(sc->text);
        if (!prov_parse(st, &t->status[i])) {
            diag_add(d, DIAG_ERROR, t->path, sc->line, sc->col,
                     "unknown status \"%s\": expected 確報, 速報 or 仮 "
                     "(final, preliminary, placeholder)",
                     st);
            diag_hint_nearest(d, st, prov_names, PROV_COUNT);
        } else {
            cv->status = (signed char)t->status[i];
        }
        free(st);
    }
}

/* A status column's provenance per row (the column named status has it
 * in t->status already). */
static prov *status_rows(table *t, size_t k, diag_list *d)
{
    if ((int)k == t->status_col)
        return t->status;
    prov *p = xcalloc(t->nrows ? t->nrows : 1, sizeof *p);
    const column *c = &t->cols[k];
    for (size_t i = 0; i < t->nrows; i++) {
        const cell *x = &c->cells[i];
        char *st = sheet_nfc_trim(x->text);
        if (x->missing || !prov_parse(st, &p[i])) {
            diag_add(d, DIAG_ERROR, t->path, x->line, x->col,
                     "%s status \"%s\" in column \"%s\": expected 確報, "
                     "速報 or 仮",
                     x->missing ? "empty" : "unknown", st, c->name);
            if (!x->missing)
                diag_hint_nearest(d, st, prov_names, PROV_COUNT);
        }
        free(st);
    }
    return p;
}

/* The schema's @status rows: which status column covers which column. */
static void status_cover(table *t, const schema_def *sc, diag_list *d)
{
    const char **names = table_col_names(t);
    t->status_for = xmalloc((t->ncols ? t->ncols : 1) * sizeof *t->status_for);
    t->col_status = xcalloc(t->ncols ? t->ncols : 1, sizeof *t->col_status);
    for (size_t k = 0; k < t->ncols; k++)
        t->status_for[k] = -1;
    for (size_t i = 0; i < sc->nstatus; i++) {
        const schema_status *st = &sc->status[i];
        int k = table_col(t, st->column);
        srcloc at = {sc->path, st->line, st->col};
        if (k < 0) {
            diag_unknown(d, at, N_("status column"), st->column, " (@status)",
                         names, t->ncols, N_("the columns are"));
            continue;
        }
        if (!t->col_status[k])
            t->col_status[k] = status_rows(t, (size_t)k, d);
        for (size_t j = 0; j < st->ncovers; j++) {
            int c = table_col(t, st->covers[j]);
            if (c < 0) {
                diag_unknown(d, at, N_("column"), st->covers[j], " (@status)",
                             names, t->ncols, N_("the columns are"));
            } else if (t->status_for[c] == k) {
                diag_at(d, DIAG_ERROR, at,
                        "column \"%s\" is named twice in @status for \"%s\"",
                        st->covers[j], st->column);
            } else if (t->status_for[c] >= 0) {
                diag_at(d, DIAG_ERROR, at,
                        "column \"%s\" is covered by two status columns, "
                        "\"%s\" and \"%s\"",
                        st->covers[j], t->cols[t->status_for[c]].name,
                        st->column);
            } else {
                t->status_for[c] = k;
            }
        }
    }
    free(names);
}

prov table_cell_prov(const table *t, size_t row, size_t col)
{
    if (!t->status_for)
        return t->status ? t->status[row] : PROV_FINAL;
    int k = t->status_for[col];
    return k < 0 ? PROV_FINAL : t->col_status[k][row];
}

prov table_row_prov(const table *t, size_t row)
{
    if (!t->status_for)
        return t->status ? t->status[row] : PROV_FINAL;
    prov p = PROV_FINAL;
    for (size_t k = 0; k < t->ncols; k++)
        if (t->status_for[k] >= 0)
            p = prov_weaker(p, t->col_status[t->status_for[k]][row]);
    return p;
}

/* The cells of the rows kept, converted to their columns' types, and each
 * row's provenance.  Each distinct text of a column is converted once (a
 * large table repeats a few years, categories and statuses); a text whose
 * conversion failed is converted again at every cell, so that each gets
 * its error at its own position. */
static void read_cells(table *t, const csv *data, const size_t *keep,
                       int inferred, diag_list *d)
{
    intern **seen = xcalloc(t->ncols, sizeof *seen);
    conv **done = xcalloc(t->ncols, sizeof *done);
    size_t *donecap = xcalloc(t->ncols, sizeof *donecap);
    for (size_t k = 0; k < t->ncols; k++)
        seen[k] = intern_new();
    for (size_t i = 0; i < t->nrows; i++) {
        const csv_row *row = &data->rows[keep[i]];
        size_t status_errs = 0;
        conv *status_conv = NULL;
        for (size_t k = 0; k < t->ncols; k++) {
            const csv_cell *in = &row->cells[k];
            cell *out = &t->cols[k].cells[i];
            int added;
            size_t id = intern_put(seen[k], in->text, strlen(in->text), &added);
            if (added) {
                done[k] = xgrow(done[k], &donecap[k], id + 1, sizeof **done);
                done[k][id].ok = -1;
                done[k][id].status = -2;
            }
            conv *cv = &done[k][id];
            size_t before = diag_error_count(d);
            /* a percentage cell's text is not its value: no sharing */
            int shared =
                !(t->cols[k].percent && in->format == SHEET_FMT_PERCENT);
            if (cv->ok == 1 && shared) {
                out->text = cv->text;
                out->num = cv->num;
                out->missing = cv->missing;
                out->line = in->line;
                out->col = in->col;
            } else {
                convert(t, &t->cols[k], out, in, data->path, inferred, d);
                cv->ok = shared ? diag_error_count(d) == before : -1;
                cv->text = out->text;
                cv->num = out->num;
                cv->missing = out->missing;
            }
            if ((int)k == t->status_col) {
                status_errs = diag_error_count(d) - before;
                status_conv = cv;
            }
        }
        /* a status cell already reported (say, as an unknown category of
         * a category-typed status column) is not reported twice */
        if (t->status_col >= 0 && status_errs == 0)
            read_status(t, i, &t->cols[t->status_col].cells[i], status_conv, d);
    }
    for (size_t k = 0; k < t->ncols; k++) {
        intern_free(seen[k]);
        free(done[k]);
    }
    free(seen);
    free(done);
    free(donecap);
}

/* The table of the tidy sheet data (header first) typed by sc (NULL:
 * inferred). */
static table *from_tidy(const char *name, const csv *data, const schema_def *sc,
                        diag_list *d)
{
    const char *path = data->path;
    if (data->nrows == 0) {
        diag_add(d, DIAG_ERROR, path, 1, 1,
                 "empty file: expected a header row naming the columns");
        return NULL;
    }
    size_t errs = diag_error_count(d);
    table *t = xcalloc(1, sizeof *t);
    t->name = xstrdup(name);
    t->path = xstrdup(path);
    t->status_col = t->source_col = t->year_col = -1;
    t->inferred = sc == NULL;
    read_header(t, &data->rows[0], path, d);
    int header_ok = diag_error_count(d) == errs;
    size_t nkeep, ragged;
    size_t *keep = keep_rows(data, t->ncols, &nkeep, &ragged, d);

    /* Types: from the schema, else inferred. */
    if (sc)
        apply_schema(t, sc, header_ok, d);
    else
        for (size_t k = 0; k < t->ncols; k++)
            t->cols[k].type = infer(data, t->ncols, k, t->cols[k].name);

    t->nrows = nkeep;
    t->status = xcalloc(nkeep ? nkeep : 1, sizeof(prov));
    for (size_t k = 0; k < t->ncols; k++)
        t->cols[k].cells = xcalloc(nkeep ? nkeep : 1, sizeof(cell));
    t->strings = intern_new();
    /* Cells are checked when the columns are sound (ragged rows alone do
     * not stop it: the other rows still get their errors reported). */
    if (diag_error_count(d) == errs + ragged && (!sc || sc->ok)) {
        read_cells(t, data, keep, sc == NULL, d);
        if (sc && sc->nstatus && diag_error_count(d) == errs + ragged)
            status_cover(t, sc, d);
    }
    free(keep);
    for (size_t k = 0; k < t->ncols; k++)
        if (t->cols[k].type == COL_YEAR) {
            t->year_col = (int)k;
            break;
        }
    if (t->year_col >= 0)
        collect_years(t);
    t->all_rows = xmalloc((t->nrows ? t->nrows : 1) * sizeof *t->all_rows);
    for (size_t i = 0; i < t->nrows; i++)
        t->all_rows[i] = i;
    if (diag_error_count(d) != errs || (sc && !sc->ok)) {
        table_free(t);
        return NULL;
    }
    return t;
}

table *table_from_sheet(const char *name, const sheet *data,
                        const schema_def *sc, diag_list *d)
{
    if (!sc || !sc->ok || !sc->layout)
        return from_tidy(name, data, sc, d);
    sheet *tidy = shape_sheet(data, sc, d);
    table *t = tidy ? from_tidy(name, tidy, sc, d) : NULL;
    sheet_free(tidy);
    return t;
}

table *table_from_csv(const char *name, const csv *data, const csv *schema,
                      diag_list *d)
{
    schema_def *sc = schema ? schema_read(schema, d) : NULL;
    table *t = table_from_sheet(name, data, sc, d);
    schema_free(sc);
    return t;
}

const char **table_col_names(const table *t)
{
    const char **cols = xcalloc(t->ncols + 1, sizeof *cols);
    for (size_t k = 0; k < t->ncols; k++)
        cols[k] = t->cols[k].name;
    return cols;
}

void table_unknown_column(const table *t, const char *name, srcloc at,
                          diag_list *d)
{
    const char **cols = table_col_names(t);
    buf in = BUF_INIT;
    buf_printf(&in, _(" in table \"%s\""), t->name);
    diag_unknown(d, at, N_("column"), name, buf_cstr(&in), cols, t->ncols,
                 N_("the columns are"));
    buf_free(&in);
    free(cols);
}

/* ---- table sets ----------------------------------------------------- */

struct tableset {
    table **items;
    size_t n, cap;
};

tableset *tableset_new(void) { return xcalloc(1, sizeof(tableset)); }

void tableset_add(tableset *ts, table *t)
{
    ts->items = xgrow(ts->items, &ts->cap, ts->n + 1, sizeof *ts->items);
    ts->items[ts->n++] = t;
}

size_t tableset_count(const tableset *ts) { return ts ? ts->n : 0; }

const table *tableset_get(const tableset *ts, size_t i)
{
    return ts && i < ts->n ? ts->items[i] : NULL;
}

const table *tableset_find(const tableset *ts, const char *name)
{
    for (size_t i = 0; ts && i < ts->n; i++)
        if (strcmp(ts->items[i]->name, name) == 0)
            return ts->items[i];
    return NULL;
}

void tableset_unknown(const tableset *ts, const char *name, srcloc at,
                      diag_list *d)
{
    size_t n = tableset_count(ts);
    const char **names = xcalloc(n + 1, sizeof *names);
    for (size_t i = 0; i < n; i++)
        names[i] = ts->items[i]->name;
    diag_unknown(d, at, N_("table"), name, NULL, names, n,
                 N_("the tables are"));
    if (!n)
        diag_hint(d, "no tables were loaded: put NAME.csv files in data/");
    free(names);
}

void tableset_free(tableset *ts)
{
    if (!ts)
        return;
    for (size_t i = 0; i < ts->n; i++)
        table_free(ts->items[i]);
    free(ts->items);
    free(ts);
}
