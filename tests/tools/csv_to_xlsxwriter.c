/* csv_to_xlsxwriter: writes every NAME.csv of a data directory into one
 * workbook with libxlsxwriter, each as a sheet NAME, by the rule of
 * data_to_xlsx.py (numbers as numbers when the shortest decimal of the
 * number is the same text; every other non-empty cell a string), so that
 * tests/integration/xlsx.sh can compare what shiryo reads from the files
 * of three writers.
 *
 *     csv_to_xlsxwriter DATA_DIR OUT.xlsx
 *
 * The CSV reading is the test's own (RFC 4180 quotes, UTF-8 with or
 * without a BOM); everything it allocates is freed before exit. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

/* 1 when text is a number data_to_xlsx.py writes as one: -?(0|[1-9]d{0,14})
 * (.d{0,14}[1-9])?, not "-0". */
static int is_number(const char *t)
{
    const char *p = t;
    if (*p == '-')
        p++;
    const char *d = p;
    if (*p == '0')
        p++;
    else if (*p >= '1' && *p <= '9')
        while (*p >= '0' && *p <= '9')
            p++;
    else
        return 0;
    if (p - d > 15)
        return 0;
    if (*p == '.') {
        const char *f = ++p;
        while (*p >= '0' && *p <= '9')
            p++;
        if (p == f || p - f > 15 || p[-1] == '0')
            return 0;
    }
    return *p == '\0' && strcmp(t, "-0") != 0;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    *len = fread(s, 1, (size_t)n, f);
    s[*len] = '\0';
    fclose(f);
    return s;
}

static void write_csv(lxw_worksheet *ws, const char *s, size_t n)
{
    size_t i = strncmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    char *cell = malloc(n + 1);
    lxw_row_t row = 0;
    lxw_col_t col = 0;
    while (i < n) {
        size_t k = 0;
        int quoted = s[i] == '"';
        if (quoted) {
            for (i++; i < n; i++) {
                if (s[i] == '"' && i + 1 < n && s[i + 1] == '"')
                    cell[k++] = s[i++];
                else if (s[i] == '"')
                    break;
                else
                    cell[k++] = s[i];
            }
            i++;
        }
        while (i < n && s[i] != ',' && s[i] != '\n' && s[i] != '\r')
            cell[k++] = s[i++];
        cell[k] = '\0';
        if (k && is_number(cell))
            worksheet_write_number(ws, row, col, strtod(cell, NULL), NULL);
        else if (k)
            worksheet_write_string(ws, row, col, cell, NULL);
        if (i < n && s[i] == ',') {
            col++;
            i++;
            continue;
        }
        if (i < n && s[i] == '\r')
            i++;
        if (i < n && s[i] == '\n')
            i++;
        row++;
        col = 0;
    }
    free(cell);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: csv_to_xlsxwriter DATA_DIR OUT.xlsx\n");
        return 2;
    }
    DIR *dir = opendir(argv[1]);
    if (!dir)
        return 3;
    char **names = NULL;
    size_t n = 0;
    for (struct dirent *e; (e = readdir(dir));) {
        size_t l = strlen(e->d_name);
        if (l > 4 && strcmp(e->d_name + l - 4, ".csv") == 0) {
            names = realloc(names, (n + 1) * sizeof *names);
            names[n++] = strdup(e->d_name);
        }
    }
    closedir(dir);
    qsort(names, n, sizeof *names, by_name);
    lxw_workbook *wb = workbook_new(argv[2]);
    for (size_t i = 0; i < n; i++) {
        char path[4096], sheet[256];
        snprintf(path, sizeof path, "%s/%s", argv[1], names[i]);
        snprintf(sheet, sizeof sheet, "%.*s", (int)(strlen(names[i]) - 4),
                 names[i]);
        size_t len;
        char *s = slurp(path, &len);
        if (s)
            write_csv(workbook_add_worksheet(wb, sheet), s, len);
        free(s);
        free(names[i]);
    }
    free(names);
    return workbook_close(wb) == LXW_NO_ERROR ? 0 : 3;
}
