#include "load.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "csv.h"
#include "fsutil.h"
#include "i18n.h"
#include "schema.h"
#include "suggest.h"
#include "xalloc.h"
#include "xlsx.h"

const data_reader load_readers[] = {
    {".csv", csv_read_file, NULL},
    {".xlsx", NULL, xlsx_read_book},
    {".xls", NULL, xls_refuse},
};
const size_t load_nreaders = sizeof load_readers / sizeof *load_readers;

#define SCHEMA ".schema"

/* A data or schema file found in the directory. */
typedef struct found {
    char *stem;            /* NAME */
    char *file;            /* NAME.csv, NAME.schema.csv, or a workbook's
                              sheet: "BOOK.xlsx [NAME]" */
    const data_reader *by; /* the reader of its extension */
    int in_book;           /* a sheet of a workbook */
    int have;              /* read already (a workbook's sheet, or a schema
                              read to see its @sheet): */
    sheet *pre;            /* its sheet (NULL: it had errors) */
} found;

typedef struct listing {
    found *data, *schemas;
    size_t ndata, nschemas;
    int unread_book; /* a workbook could not be read: its tables are
                        unknown, so no schema is reported as orphaned */
} listing;

static const data_reader *reader_for(const char *name, const data_reader *rs,
                                     size_t n)
{
    size_t len = strlen(name);
    for (size_t i = 0; i < n; i++) {
        size_t el = strlen(rs[i].ext);
        if (len > el && strcmp(name + len - el, rs[i].ext) == 0)
            return &rs[i];
    }
    return NULL;
}

static int by_stem(const void *a, const void *b)
{
    return strcmp(((const found *)a)->stem, ((const found *)b)->stem);
}

/* The entry of list (n) named stem, or NULL. */
static const found *find(const found *list, size_t n, const char *stem)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i].stem, stem) == 0)
            return &list[i];
    return NULL;
}

/* Adds name to its list unless its stem is there already (an error). */
static void add_found(found **list, size_t *n, char *stem, const char *name,
                      const data_reader *r, sheet *pre, const char *dir,
                      diag_list *d)
{
    const found *twin = find(*list, *n, stem);
    if (twin) {
        sheet_free(pre);
        char *path = fs_join(dir, name);
        diag_add(d, DIAG_ERROR, path, 0, 0,
                 "a second file for \"%s\": %s "
                 "is there too",
                 stem, twin->file);
        diag_hint(d, "keep one of the two");
        free(path);
        free(stem);
        return;
    }
    *list = xrealloc(*list, (*n + 1) * sizeof **list);
    (*list)[(*n)++] = (found){
        stem, xstrdup(name), r, r->read_book != NULL, r->read_book != NULL,
        pre};
}

/* Lists every table of the workbook dir/name: each sheet NAME or
 * NAME.schema, as a file "name [NAME]". */
static void add_book(listing *l, const char *name, const data_reader *r,
                     const char *dir, diag_list *d)
{
    char *path = fs_join(dir, name);
    size_t n = 0, sl = strlen(SCHEMA);
    sheet_named *v = r->read_book(path, &n, d);
    l->unread_book |= v == NULL;
    for (size_t i = 0; i < n; i++) {
        const char *sh = v[i].name;
        size_t len = strlen(sh);
        int schema = len > sl && strcmp(sh + len - sl, SCHEMA) == 0;
        buf file = BUF_INIT;
        buf_printf(&file, "%s [%s]", name, sh);
        if (schema)
            add_found(&l->schemas, &l->nschemas, xstrndup(sh, len - sl),
                      buf_cstr(&file), r, v[i].sheet, dir, d);
        else
            add_found(&l->data, &l->ndata, xstrdup(sh), buf_cstr(&file), r,
                      v[i].sheet, dir, d);
        v[i].sheet = NULL;
        buf_free(&file);
    }
    sheet_named_free(v, n);
    free(path);
}

/* The data files and schemas of dir, each list in stem order; -1 when
 * dir cannot be read. */
static int list_dir(const char *dir, const data_reader *rs, size_t nr,
                    listing *l, diag_list *d)
{
    memset(l, 0, sizeof *l);
    char **names;
    size_t n;
    diag_list *quiet = diag_list_new(); /* the error said below instead */
    int rc = fs_list(dir, "", &names, &n, quiet);
    diag_list_free(quiet);
    if (rc != 0) {
        diag_add(d, DIAG_ERROR, dir, 0, 0, "cannot read the data directory");
        diag_hint(d, "put the survey tables in it as NAME.csv files");
        return -1;
    }
    size_t sl = strlen(SCHEMA);
    for (size_t i = 0; i < n; i++) {
        const data_reader *r = reader_for(names[i], rs, nr);
        if (r && r->read_book) {
            add_book(l, names[i], r, dir, d);
        } else if (r) {
            size_t stem = strlen(names[i]) - strlen(r->ext);
            if (stem > sl && strncmp(names[i] + stem - sl, SCHEMA, sl) == 0)
                add_found(&l->schemas, &l->nschemas,
                          xstrndup(names[i], stem - sl), names[i], r, NULL, dir,
                          d);
            else
                add_found(&l->data, &l->ndata, xstrndup(names[i], stem),
                          names[i], r, NULL, dir, d);
        }
        free(names[i]);
    }
    free(names);
    if (l->ndata)
        qsort(l->data, l->ndata, sizeof *l->data, by_stem);
    if (l->nschemas)
        qsort(l->schemas, l->nschemas, sizeof *l->schemas, by_stem);
    return 0;
}

static void free_found(found *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(list[i].stem);
        free(list[i].file);
        sheet_free(list[i].pre);
    }
    free(list);
}

/* The sheet of f: one read already is handed over, a file read. */
static sheet *read_found(found *f, const char *dir, csv_encoding enc,
                         diag_list *d)
{
    if (f->have) {
        sheet *s = f->pre;
        f->pre = NULL;
        f->have = 0;
        return s;
    }
    char *path = fs_join(dir, f->file);
    sheet *s = f->by->read(path, enc, d);
    free(path);
    return s;
}

/* "schema without a data file", with the nearest data file suggested. */
static void orphan_schema(const listing *l, const found *s, const char *dir,
                          diag_list *d)
{
    char *path = fs_join(dir, s->file);
    if (s->in_book)
        diag_add(d, DIAG_ERROR, path, 0, 0,
                 "schema without a data file: expected a sheet \"%s\" "
                 "beside it",
                 s->stem);
    else
        diag_add(d, DIAG_ERROR, path, 0, 0,
                 "schema without a data file: expected %s%s beside it", s->stem,
                 s->by->ext);
    free(path);
    const char **stems = xcalloc(l->ndata + 1, sizeof *stems);
    for (size_t i = 0; i < l->ndata; i++)
        stems[i] = l->data[i].stem;
    const char *hit = suggest_nearest(s->stem, stems, l->ndata);
    if (hit && s->in_book)
        diag_hint(d,
                  "did you mean the schema for \"%s\"? rename the sheet "
                  "to %s%s",
                  find(l->data, l->ndata, hit)->file, hit, SCHEMA);
    else if (hit)
        diag_hint(d,
                  "did you mean the schema for \"%s\"? rename it to "
                  "%s%s%s",
                  find(l->data, l->ndata, hit)->file, hit, SCHEMA, s->by->ext);
    free(stems);
}

/* A schema that names its sheet (@sheet, schema.h) takes that data file or
 * sheet as its table's: the data entry is renamed to the schema's stem.
 * Every schema is read here (and kept for the loop that types the
 * tables); its other errors are reported there. */
static void claim_sheets(listing *l, const char *dir, csv_encoding enc,
                         diag_list *d)
{
    int renamed = 0;
    for (size_t j = 0; j < l->nschemas; j++) {
        found *f = &l->schemas[j];
        f->pre = read_found(f, dir, enc, d);
        f->have = 1;
        if (!f->pre)
            continue;
        diag_list *quiet = diag_list_new(); /* reported when typed */
        schema_def *sc = schema_read(f->pre, quiet);
        diag_list_free(quiet);
        if (sc->sheet) {
            int line = sc->decl_line[0], col = sc->decl_col[0];
            const found *own = find(l->data, l->ndata, f->stem);
            found *named = (found *)find(l->data, l->ndata, sc->sheet);
            if (own) {
                diag_add(d, DIAG_ERROR, sc->path, line, col,
                         "@sheet names \"%s\", but the table \"%s\" has "
                         "its own data file, %s",
                         sc->sheet, f->stem, own->file);
                diag_hint(d, "keep one of the two");
            } else if (!named) {
                const char **stems = xcalloc(l->ndata + 1, sizeof *stems);
                for (size_t i = 0; i < l->ndata; i++)
                    stems[i] = l->data[i].stem;
                srcloc at = {sc->path, line, col};
                diag_unknown(d, at, N_("sheet"), sc->sheet,
                             _(" (@sheet): no data file or sheet of data/ "
                               "has that name"),
                             stems, l->ndata, N_("the sheets and files are"));
                free(stems);
            } else {
                free(named->stem);
                named->stem = xstrdup(f->stem);
                renamed = 1;
            }
        }
        schema_free(sc);
    }
    if (renamed)
        qsort(l->data, l->ndata, sizeof *l->data, by_stem);
}

/* The one note of a build for files read as Shift_JIS (CP932) because
 * they are not valid UTF-8 (paths: n of them), at the first. */
static void note_cp932(const char *const *paths, size_t n, diag_list *d)
{
    if (n == 0)
        return;
    if (n == 1) {
        diag_add(d, DIAG_NOTE, paths[0], 0, 0,
                 "read as Shift_JIS (CP932): the file is not valid UTF-8");
        diag_hint(d, "save it as \"CSV UTF-8\" to make the encoding "
                     "certain");
        return;
    }
    buf others = BUF_INIT;
    for (size_t i = 1; i < n && i <= 3; i++)
        buf_printf(&others, "%s%s", i > 1 ? ", " : "", paths[i]);
    if (n > 4)
        buf_printf(&others, " and %zu more", n - 4);
    diag_add(d, DIAG_NOTE, paths[0], 0, 0,
             "read as Shift_JIS (CP932), as %s %zu other file%s (%s): they "
             "are not valid UTF-8",
             n == 2 ? "was" : "were", n - 1, n == 2 ? "" : "s",
             buf_cstr(&others));
    diag_hint(d, "save them as \"CSV UTF-8\" to make the encoding certain");
    buf_free(&others);
}

tableset *load_dir_with(const char *dir, csv_encoding enc,
                        const data_reader *readers, size_t nreaders,
                        diag_list *d)
{
    listing l;
    if (list_dir(dir, readers, nreaders, &l, d) != 0)
        return NULL;
    claim_sheets(&l, dir, enc, d);
    tableset *ts = tableset_new();
    char **cp932 = NULL; /* the files read as CP932 without being asked */
    size_t ncp932 = 0, cpcap = 0;
    for (size_t i = 0; i < l.ndata; i++) {
        found *schema = (found *)find(l.schemas, l.nschemas, l.data[i].stem);
        sheet *c = read_found(&l.data[i], dir, enc, d);
        sheet *s = schema ? read_found(schema, dir, enc, d) : NULL;
        for (int k = 0; k < 2 && enc == CSV_ENC_AUTO; k++) {
            const sheet *x = k ? s : c;
            if (x && x->encoding == CSV_ENC_CP932) {
                cp932 = xgrow(cp932, &cpcap, ncp932 + 1, sizeof *cp932);
                cp932[ncp932++] = xstrdup(x->path);
            }
        }
        if (c && (s || !schema)) {
            table *t = table_from_csv(l.data[i].stem, c, s, d);
            if (t)
                tableset_add(ts, t);
        }
        sheet_free(c);
        sheet_free(s);
    }
    note_cp932((const char *const *)cp932, ncp932, d);
    for (size_t i = 0; i < ncp932; i++)
        free(cp932[i]);
    free(cp932);
    for (size_t j = 0; j < l.nschemas; j++)
        if (!l.unread_book && !find(l.data, l.ndata, l.schemas[j].stem))
            orphan_schema(&l, &l.schemas[j], dir, d);
    free_found(l.data, l.ndata);
    free_found(l.schemas, l.nschemas);
    return ts;
}

tableset *tableset_load_dir(const char *dir, csv_encoding enc, diag_list *d)
{
    return load_dir_with(dir, enc, load_readers, load_nreaders, d);
}
