#include "deck.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fsutil.h"
#include "image.h"
#include "ime.h"
#include "markdown.h"
#include "settings.h"
#include "utf8.h"
#include "xalloc.h"

deck *deck_new(void) { return xcalloc(1, sizeof(deck)); }

typedef struct mapper {
    const expansion *ex;
    const char *path;
} mapper;

/* Positions name the deck's own copy of the template path, so that they
 * stay valid after the template is freed. */
static srcloc locate(void *ctx, int line)
{
    const mapper *m = ctx;
    srcloc s = {m->path, 0, 0};
    if (line >= 1 && (size_t)line <= m->ex->nlines) {
        s = m->ex->line_src[line - 1];
        s.file = m->path;
    }
    return s;
}

static const char *intern_path(deck *dk, const char *path)
{
    for (size_t i = 0; i < dk->nfiles; i++)
        if (strcmp(dk->files[i], path) == 0)
            return dk->files[i];
    dk->files = xrealloc(dk->files, (dk->nfiles + 1) * sizeof(char *));
    dk->files[dk->nfiles] = xstrdup(path);
    return dk->files[dk->nfiles++];
}

/* The weakest provenance written on lines [from, to] of the expansion. */
static prov lines_prov(const expansion *ex, int from, int to)
{
    prov p = PROV_FINAL;
    for (int l = from; l <= to; l++)
        if (l >= 1 && (size_t)l <= ex->nlines && ex->line_prov[l - 1] > p)
            p = ex->line_prov[l - 1];
    return p;
}

static unsigned lines_marks(const expansion *ex, int from, int to)
{
    unsigned m = 0;
    for (int l = from; l <= to; l++)
        if (l >= 1 && (size_t)l <= ex->nlines && ex->line_marks)
            m |= ex->line_marks[l - 1];
    return m;
}

static slide *new_slide(deck *dk, slide_kind kind)
{
    dk->slides = xrealloc(dk->slides, (dk->nslides + 1) * sizeof(slide));
    slide *s = &dk->slides[dk->nslides++];
    memset(s, 0, sizeof *s);
    s->kind = kind;
    return s;
}

static rich *push_rich(rich **arr, size_t *n, rich *moved)
{
    *arr = xrealloc(*arr, (*n + 1) * sizeof(rich));
    (*arr)[*n] = *moved;
    memset(moved, 0, sizeof *moved);
    return &(*arr)[(*n)++];
}

static block *push_block(slide *s, block_kind kind, srcloc at)
{
    s->body = xrealloc(s->body, (s->nbody + 1) * sizeof(block));
    block *b = &s->body[s->nbody++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->at = at;
    return b;
}

static void trim_cell(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    s[n] = '\0';
    size_t k = 0;
    while (s[k] == ' ' || s[k] == '\t')
        k++;
    memmove(s, s + k, n - k + 1);
}

/* A row typed with full-width bars (｜) is one cell of text to the
 * parser: a one-column table, or a row short of the header.  Said as
 * such, with the row retyped half-width.  A ｜ in a row whose cells
 * already match the header is text. */
static void wide_bar_error(const char *p, size_t len, const char *wide,
                           srcloc at, diag_list *d)
{
    at.col = 1 + (int)utf8_length(p, (size_t)(wide - p));
    diag_at(d, DIAG_ERROR, at,
            "a table row separated with full-width bars (｜): it is read as "
            "one cell");
    buf fixed = BUF_INIT;
    const char *q = p, *end = p + len;
    for (const char *w; (w = utf8_find(q, (size_t)(end - q), "｜")) != NULL;
         q = w + strlen("｜")) {
        buf_put(&fixed, q, (size_t)(w - q));
        buf_putc(&fixed, '|');
    }
    buf_put(&fixed, q, (size_t)(end - q));
    diag_hint(d, "type the bars half-width (半角): %s", buf_cstr(&fixed));
    buf_free(&fixed);
}

/* A ```table block: rows of cells separated by "|"; the first row is the
 * header.  "\|" stands for a literal bar.  Every row must have as many
 * cells as the header. */
static dtable *parse_table(const char *code, const md_block *b, const mapper *m,
                           diag_list *d)
{
    dtable *t = xcalloc(1, sizeof *t);
    const char *p = code;
    int line = b->code_line;
    size_t cap = 0;
    int bad = 0;
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        /* skip blank lines */
        size_t k = 0;
        while (k < len && (p[k] == ' ' || p[k] == '\t'))
            k++;
        if (k < len) {
            size_t ncells = 0;
            char **row = NULL;
            buf cb = BUF_INIT;
            for (size_t i = 0; i <= len; i++) {
                if (i < len && p[i] == '\\' && i + 1 < len && p[i + 1] == '|') {
                    buf_putc(&cb, '|');
                    i++;
                } else if (i == len || p[i] == '|') {
                    row = xrealloc(row, (ncells + 1) * sizeof(char *));
                    row[ncells] = buf_detach(&cb);
                    trim_cell(row[ncells++]);
                } else {
                    buf_putc(&cb, p[i]);
                }
            }
            if (t->nrows == 0)
                t->ncols = ncells;
            /* only a row that is one cell, or short of the header, can
             * be one typed with ｜ */
            const char *wide = ncells == 1 || ncells != t->ncols
                                   ? utf8_find(p, len, "｜")
                                   : NULL;
            if (wide) {
                wide_bar_error(p, len, wide, locate((void *)m, line), d);
                bad = 1;
                for (size_t i = 0; i < ncells; i++)
                    free(row[i]);
            } else if (ncells != t->ncols) {
                diag_at(d, DIAG_ERROR, locate((void *)m, line),
                        "table row has %zu cells, the header has %zu", ncells,
                        t->ncols);
                diag_hint(d, "separate cells with \"|\"; write \"\\|\" for a "
                             "bar inside a cell");
                bad = 1;
                for (size_t i = 0; i < ncells; i++)
                    free(row[i]);
            } else {
                t->cells = xgrow(t->cells, &cap, (t->nrows + 1) * t->ncols,
                                 sizeof(char *));
                memcpy(t->cells + t->nrows * t->ncols, row,
                       ncells * sizeof(char *));
                t->nrows++;
            }
            free(row);
        }
        line++;
        p += len + (e ? 1 : 0);
    }
    if (!bad && t->nrows == 0) {
        diag_at(d, DIAG_ERROR, locate((void *)m, b->line),
                "table block is empty");
        bad = 1;
    }
    if (bad) {
        for (size_t i = 0; i < t->nrows * t->ncols; i++)
            free(t->cells[i]);
        free(t->cells);
        free(t);
        return NULL;
    }
    return t;
}

static chart *build_chart(const md_block *b, const mapper *m,
                          const tableset *ts, int mono, diag_list *d)
{
    size_t nlines = 1;
    for (const char *p = b->code; *p; p++)
        if (*p == '\n')
            nlines++;
    srcloc *lines = xcalloc(nlines, sizeof(srcloc));
    for (size_t i = 0; i < nlines; i++)
        lines[i] = locate((void *)m, b->code_line + (int)i);
    chart *c = NULL;
    chart_spec *spec =
        chart_spec_parse(b->code, strlen(b->code), lines, nlines, d);
    if (spec) {
        if (mono)
            chart_spec_set_mono(spec);
        c = chart_build(spec, ts, d);
        chart_spec_free(spec);
    }
    free(lines);
    return c;
}

/* Every slide showing values that are not final says so in a note, in
 * the PDF and in the HTML alike. */
static void add_provenance_note(slide *s)
{
    if (s->prov != PROV_FINAL)
        s->marks |= PROV_BIT(s->prov);
    for (int p = PROV_PRELIMINARY; p < PROV_COUNT; p++) {
        const char *text = prov_note((prov)p);
        if (!(s->marks & PROV_BIT(p)) || !text)
            continue;
        rich r = {0};
        rich_add(&r, text, strlen(text), 0, NULL);
        r.at = s->at;
        r.prov = (prov)p;
        push_rich(&s->notes, &s->nnotes, &r);
    }
}

/* A fenced block of slide s: a chart, a table, or code shown as it is; a
 * fence never closed is one error at its opening line. */
static void add_code(slide *s, const md_block *b, const mapper *m, srcloc at,
                     prov p, const tableset *ts, int mono, diag_list *d)
{
    if (b->unclosed) {
        /* one message, at the fence: the rest of the template
         * was read as the block's content */
        diag_at(d, DIAG_ERROR, at, "the ```%s block opened here is not closed",
                b->info);
        diag_hint(d, "end the block with a line of ``` (three "
                     "backticks); without it the rest of the "
                     "template is read as part of the block");
    } else if (strcmp(b->info, "chart") == 0) {
        chart *c = build_chart(b, m, ts, mono, d);
        if (c) {
            block *k = push_block(s, BLOCK_CHART, at);
            k->chart = c;
            s->prov = prov_weaker(s->prov, chart_prov(c));
            s->marks |= chart_marks(c);
        }
    } else if (strcmp(b->info, "table") == 0) {
        dtable *tb = parse_table(b->code, b, m, d);
        if (tb) {
            tb->at = at;
            tb->prov = p;
            block *k = push_block(s, BLOCK_TABLE, at);
            k->table = tb;
        }
    } else {
        block *k = push_block(s, BLOCK_PARA, at);
        rich r = {0};
        size_t l = strlen(b->code);
        while (l && b->code[l - 1] == '\n')
            l--;
        rich_add(&r, b->code, l, RUN_CODE, NULL);
        r.at = at;
        r.prov = p;
        push_rich(&k->items, &k->nitems, &r);
    }
}

/* An image block of slide s (a picture of its own; the file is read once
 * per deck).  Refused on a cover, which has no place for it. */
static void add_image(deck *dk, slide *s, const md_block *b, srcloc at,
                      diag_list *d)
{
    if (s->kind == SLIDE_COVER) {
        diag_at(d, DIAG_ERROR, at,
                "the image \"%s\" is on a cover slide, which shows only "
                "its title and lines of text",
                b->url);
        diag_hint(d, "put the image on a content slide (a template without "
                     "layout: cover)");
        return;
    }
    if (!dk->pictures)
        dk->pictures =
            picture_set_new(dk->image_dir ? dk->image_dir : "templates");
    canvas_image *im = picture_load(dk->pictures, b->url, b->alt, at, d);
    if (im)
        push_block(s, BLOCK_IMAGE, at)->image = im;
}

int deck_add_markdown(deck *dk, const template *t, const expansion *ex,
                      const tableset *ts, diag_list *d)
{
    mapper m = {ex, intern_path(dk, template_path(t))};
    size_t errs = diag_error_count(d);
    tpl_layout layout;
    settings_layout(t, &layout, d);
    slide_kind kind = layout == TPL_LAYOUT_COVER ? SLIDE_COVER : SLIDE_CONTENT;

    size_t first_new = dk->nslides;
    if (ime_check(ex->text, ex->len, locate, &m, d))
        return -1;
    md_doc *doc = markdown_parse(ex->text, ex->len, locate, &m, d);
    if (!doc)
        return -1;
    slide *s = NULL;
    for (size_t i = 0; i < doc->nblocks; i++) {
        md_block *b = &doc->blocks[i];
        int end_line = i + 1 < doc->nblocks ? doc->blocks[i + 1].line - 1
                                            : (int)ex->nlines;
        srcloc at = locate(&m, b->line);
        prov p = lines_prov(ex, b->line, end_line);
        if (b->kind == MD_HEADING && b->level == 1) {
            s = new_slide(dk, kind);
            s->title = b->items[0];
            memset(&b->items[0], 0, sizeof(rich));
            s->title.at = at;
            s->title.prov = p;
            s->at = at;
            s->prov = p;
            s->marks = lines_marks(ex, b->line, end_line);
            continue;
        }
        if (!s) {
            if (b->kind == MD_RULE)
                continue;
            diag_at(d, DIAG_ERROR, at, "content before the first slide title");
            diag_hint(d, "start each slide with a level-1 heading: "
                         "\"# タイトル\"");
            break;
        }
        s->prov = prov_weaker(s->prov, p);
        s->marks |= lines_marks(ex, b->line, end_line);
        switch (b->kind) {
        case MD_LIST:
            if (s->nbody == 0 && s->npoints == 0 && s->kind == SLIDE_CONTENT) {
                for (size_t j = 0; j < b->nitems; j++) {
                    int el =
                        j + 1 < b->nitems ? b->item_lines[j + 1] - 1 : end_line;
                    rich *r = push_rich(&s->points, &s->npoints, &b->items[j]);
                    r->at = locate(&m, b->item_lines[j]);
                    r->prov = lines_prov(ex, b->item_lines[j], el);
                }
            } else {
                block *k = push_block(s, BLOCK_LIST, at);
                k->ordered = b->ordered;
                for (size_t j = 0; j < b->nitems; j++) {
                    int el =
                        j + 1 < b->nitems ? b->item_lines[j + 1] - 1 : end_line;
                    rich *r = push_rich(&k->items, &k->nitems, &b->items[j]);
                    r->at = locate(&m, b->item_lines[j]);
                    r->prov = lines_prov(ex, b->item_lines[j], el);
                }
            }
            break;
        case MD_PARA:
        case MD_QUOTE:
        case MD_HEADING: {
            rich *src = &b->items[0];
            src->at = at;
            src->prov = p;
            if (b->kind != MD_HEADING && rich_starts_with(src, "※")) {
                push_rich(&s->notes, &s->nnotes, src);
            } else if (b->kind != MD_HEADING &&
                       (rich_starts_with(src, "出典：") ||
                        rich_starts_with(src, "出典:"))) {
                rich_drop_prefix(src, rich_starts_with(src, "出典：")
                                          ? strlen("出典：")
                                          : strlen("出典:"));
                /* one source per line */
                rich cur = {0};
                cur.at = at;
                cur.prov = p;
                for (size_t j = 0; j < src->nruns; j++) {
                    run *r = &src->runs[j];
                    if (r->flags & (RUN_BREAK | RUN_SOFT)) {
                        rich_trim(&cur);
                        if (cur.nruns)
                            push_rich(&s->sources, &s->nsources, &cur);
                        else
                            rich_free(&cur);
                        cur.at = at;
                        cur.prov = p;
                    } else {
                        rich_add(&cur, r->text, strlen(r->text), r->flags,
                                 r->href);
                    }
                }
                rich_trim(&cur);
                if (cur.nruns)
                    push_rich(&s->sources, &s->nsources, &cur);
                else
                    rich_free(&cur);
            } else {
                block *k = push_block(
                    s, b->kind == MD_HEADING ? BLOCK_HEADING : BLOCK_PARA, at);
                push_rich(&k->items, &k->nitems, src);
            }
            break;
        }
        case MD_CODE:
            add_code(s, b, &m, at, p, ts, dk->print_mono, d);
            break;
        case MD_IMAGE:
            add_image(dk, s, b, at, d);
            break;
        case MD_RULE:
            break;
        }
    }
    md_doc_free(doc);
    for (size_t i = first_new; i < dk->nslides; i++)
        add_provenance_note(&dk->slides[i]);
    return diag_error_count(d) > errs ? -1 : 0;
}

static void free_richs(rich *r, size_t n)
{
    for (size_t i = 0; i < n; i++)
        rich_free(&r[i]);
    free(r);
}

void deck_free(deck *dk)
{
    if (!dk)
        return;
    for (size_t i = 0; i < dk->nslides; i++) {
        slide *s = &dk->slides[i];
        rich_free(&s->title);
        free_richs(s->points, s->npoints);
        free_richs(s->notes, s->nnotes);
        free_richs(s->sources, s->nsources);
        for (size_t j = 0; j < s->nbody; j++) {
            block *b = &s->body[j];
            free_richs(b->items, b->nitems);
            if (b->chart)
                chart_free(b->chart);
            image_free(b->image);
            if (b->table) {
                for (size_t k = 0; k < b->table->nrows * b->table->ncols; k++)
                    free(b->table->cells[k]);
                free(b->table->cells);
                free(b->table);
            }
        }
        free(s->body);
    }
    free(dk->slides);
    picture_set_free(dk->pictures);
    free(dk->image_dir);
    for (size_t i = 0; i < dk->nfiles; i++)
        free(dk->files[i]);
    free(dk->files);
    free(dk->name);
    free(dk->title);
    free(dk->author);
    free(dk->subject);
    free(dk->keywords);
    free(dk->pptx_font);
    free(dk);
}

char *deck_file_path(const deck *dk, const char *dir, const char *ext)
{
    buf name = BUF_INIT;
    buf_printf(&name, "%s%s", dk->name, ext);
    char *path = fs_join(dir, buf_cstr(&name));
    buf_free(&name);
    return path;
}
