/* canvas_record: a display list (see canvas_record.h). */
#include "canvas_record.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "utf8.h"

typedef enum {
    OP_BEGIN_PAGE,
    OP_END_PAGE,
    OP_SAVE,
    OP_RESTORE,
    OP_SET_FILL,
    OP_SET_STROKE,
    OP_SET_DASH,
    OP_MOVE_TO,
    OP_LINE_TO,
    OP_CURVE_TO,
    OP_CLOSE_PATH,
    OP_RECT,
    OP_FILL,
    OP_STROKE,
    OP_FILL_STROKE,
    OP_CLIP,
    OP_TEXT,
    OP_LINK,
    OP_IMAGE,
    OP_BOOKMARK,
    OP_TAG_BEGIN,
    OP_TAG_END,
    OP_GROUP_BEGIN,
    OP_GROUP_END
} op_kind;

typedef struct op {
    op_kind kind;
    int n;          /* dash count, bookmark level, text style */
    double v[6];    /* coordinates, colour + opacity (+ width) */
    char *s;        /* owned: text (len bytes), uri, title, label, alt */
    char *s2;       /* owned: a tag's text */
    size_t len;
    double *dash;   /* owned, n entries */
    const canvas_image *image; /* borrowed (canvas.h) */
} op;

typedef struct record {
    canvas base;
    op *ops;
    size_t nops, capops;
    uint32_t *cps; /* every code point drawn, in drawing order until sorted */
    size_t ncps, capcps;
    int sorted;
} record;

static op *push(canvas *c, op_kind k)
{
    record *r = (record *)c;
    r->ops = xgrow(r->ops, &r->capops, r->nops + 1, sizeof *r->ops);
    op *o = &r->ops[r->nops++];
    memset(o, 0, sizeof *o);
    o->kind = k;
    return o;
}

static void push_v(canvas *c, op_kind k, int n, double a, double b, double d,
                   double e, double f, double g)
{
    op *o = push(c, k);
    o->n = n;
    o->v[0] = a;
    o->v[1] = b;
    o->v[2] = d;
    o->v[3] = e;
    o->v[4] = f;
    o->v[5] = g;
}

static void r_begin_page(canvas *c, double w, double h)
{
    push_v(c, OP_BEGIN_PAGE, 0, w, h, 0, 0, 0, 0);
}
static void r_end_page(canvas *c) { push(c, OP_END_PAGE); }
static void r_save(canvas *c) { push(c, OP_SAVE); }
static void r_restore(canvas *c) { push(c, OP_RESTORE); }
static void r_set_fill(canvas *c, rgb col, double opacity)
{
    push_v(c, OP_SET_FILL, 0, col.r, col.g, col.b, opacity, 0, 0);
}
static void r_set_stroke(canvas *c, rgb col, double opacity, double width)
{
    push_v(c, OP_SET_STROKE, 0, col.r, col.g, col.b, opacity, width, 0);
}
static void r_set_dash(canvas *c, const double *p, int n, double phase)
{
    op *o = push(c, OP_SET_DASH);
    o->n = n;
    o->v[0] = phase;
    if (n > 0) {
        o->dash = xmalloc((size_t)n * sizeof *o->dash);
        memcpy(o->dash, p, (size_t)n * sizeof *o->dash);
    }
}
static void r_move_to(canvas *c, double x, double y)
{
    push_v(c, OP_MOVE_TO, 0, x, y, 0, 0, 0, 0);
}
static void r_line_to(canvas *c, double x, double y)
{
    push_v(c, OP_LINE_TO, 0, x, y, 0, 0, 0, 0);
}
static void r_curve_to(canvas *c, double x1, double y1, double x2, double y2,
                       double x3, double y3)
{
    push_v(c, OP_CURVE_TO, 0, x1, y1, x2, y2, x3, y3);
}
static void r_close_path(canvas *c) { push(c, OP_CLOSE_PATH); }
static void r_rect(canvas *c, double x, double y, double w, double h)
{
    push_v(c, OP_RECT, 0, x, y, w, h, 0, 0);
}
static void r_fill(canvas *c) { push(c, OP_FILL); }
static void r_stroke(canvas *c) { push(c, OP_STROKE); }
static void r_fill_stroke(canvas *c) { push(c, OP_FILL_STROKE); }
static void r_clip(canvas *c) { push(c, OP_CLIP); }

static void r_text(canvas *c, double x, double y, double size,
                   text_style style, const char *utf8, size_t len)
{
    op *o = push(c, OP_TEXT);
    o->n = (int)style;
    o->v[0] = x;
    o->v[1] = y;
    o->v[2] = size;
    o->s = xmalloc(len + 1); /* the exact bytes, even a NUL among them */
    memcpy(o->s, utf8, len);
    o->s[len] = '\0';
    o->len = len;

    record *r = (record *)c;
    size_t i = 0;
    while (i < len) {
        size_t adv;
        int32_t cp = utf8_decode(utf8 + i, len - i, &adv);
        i += adv;
        if (cp < 0)
            continue;
        r->cps = xgrow(r->cps, &r->capcps, r->ncps + 1, sizeof *r->cps);
        r->cps[r->ncps++] = (uint32_t)cp;
        r->sorted = 0;
    }
}

static void r_link(canvas *c, double x, double y, double w, double h,
                   const char *uri)
{
    push_v(c, OP_LINK, 0, x, y, w, h, 0, 0);
    ((record *)c)->ops[((record *)c)->nops - 1].s = xstrdup(uri);
}

static void r_image(canvas *c, double x, double y, double w, double h,
                    const canvas_image *im)
{
    push_v(c, OP_IMAGE, 0, x, y, w, h, 0, 0);
    ((record *)c)->ops[((record *)c)->nops - 1].image = im;
}

static void r_bookmark(canvas *c, const char *title, int level)
{
    op *o = push(c, OP_BOOKMARK);
    o->n = level;
    o->s = xstrdup(title);
}

static void r_tag_begin(canvas *c, const canvas_tag *t)
{
    push_v(c, OP_TAG_BEGIN, (int)t->role, t->x, t->y, t->w, t->h,
           (double)t->scope, (double)t->numbering);
    op *o = &((record *)c)->ops[((record *)c)->nops - 1];
    o->s = t->alt ? xstrdup(t->alt) : NULL;
    o->s2 = t->text ? xstrdup(t->text) : NULL;
}
static void r_tag_end(canvas *c) { push(c, OP_TAG_END); }

static void r_group_begin(canvas *c, const char *label)
{
    op *o = push(c, OP_GROUP_BEGIN);
    o->s = xstrdup(label);
}
static void r_group_end(canvas *c) { push(c, OP_GROUP_END); }

static void r_destroy(canvas *c)
{
    record *r = (record *)c;
    for (size_t i = 0; i < r->nops; i++) {
        free(r->ops[i].s);
        free(r->ops[i].s2);
        free(r->ops[i].dash);
    }
    free(r->ops);
    free(r->cps);
    free(r);
}

static const canvas_ops record_ops = {
    .name = "record",
    .begin_page = r_begin_page,
    .end_page = r_end_page,
    .save = r_save,
    .restore = r_restore,
    .set_fill = r_set_fill,
    .set_stroke = r_set_stroke,
    .set_dash = r_set_dash,
    .move_to = r_move_to,
    .line_to = r_line_to,
    .curve_to = r_curve_to,
    .close_path = r_close_path,
    .rect = r_rect,
    .fill = r_fill,
    .stroke = r_stroke,
    .fill_stroke = r_fill_stroke,
    .clip = r_clip,
    .text = r_text,
    .link = r_link,
    .image = r_image,
    .bookmark = r_bookmark,
    .tag_begin = r_tag_begin,
    .tag_end = r_tag_end,
    .group_begin = r_group_begin,
    .group_end = r_group_end,
    .destroy = r_destroy,
};

canvas *canvas_record_new(const font *f)
{
    record *r = xcalloc(1, sizeof *r);
    r->base.ops = &record_ops;
    r->base.font = f;
    r->sorted = 1;
    return &r->base;
}

void canvas_record_replay(const canvas *rec, canvas *t)
{
    if (!rec || rec->ops != &record_ops)
        return;
    const record *r = (const record *)rec;
    for (size_t i = 0; i < r->nops && !(t && t->failed); i++) {
        const op *o = &r->ops[i];
        const double *v = o->v;
        switch (o->kind) {
        case OP_BEGIN_PAGE: canvas_begin_page(t, v[0], v[1]); break;
        case OP_END_PAGE: canvas_end_page(t); break;
        case OP_SAVE: canvas_save(t); break;
        case OP_RESTORE: canvas_restore(t); break;
        case OP_SET_FILL:
            canvas_set_fill(t, (rgb){v[0], v[1], v[2]}, v[3]);
            break;
        case OP_SET_STROKE:
            canvas_set_stroke(t, (rgb){v[0], v[1], v[2]}, v[3], v[4]);
            break;
        case OP_SET_DASH: canvas_set_dash(t, o->dash, o->n, v[0]); break;
        case OP_MOVE_TO: canvas_move_to(t, v[0], v[1]); break;
        case OP_LINE_TO: canvas_line_to(t, v[0], v[1]); break;
        case OP_CURVE_TO:
            canvas_curve_to(t, v[0], v[1], v[2], v[3], v[4], v[5]);
            break;
        case OP_CLOSE_PATH: canvas_close_path(t); break;
        case OP_RECT: canvas_rect(t, v[0], v[1], v[2], v[3]); break;
        case OP_FILL: canvas_fill(t); break;
        case OP_STROKE: canvas_stroke(t); break;
        case OP_FILL_STROKE: canvas_fill_stroke(t); break;
        case OP_CLIP: canvas_clip(t); break;
        case OP_TEXT:
            canvas_text(t, v[0], v[1], v[2], (text_style)o->n, o->s, o->len);
            break;
        case OP_LINK: canvas_link(t, v[0], v[1], v[2], v[3], o->s); break;
        case OP_IMAGE:
            canvas_draw_image(t, v[0], v[1], v[2], v[3], o->image);
            break;
        case OP_BOOKMARK: canvas_bookmark(t, o->s, o->n); break;
        case OP_TAG_BEGIN: {
            canvas_tag tg = {(tag_role)o->n, o->s,           o->s2,
                             (tag_scope)v[4], (tag_numbering)v[5], v[0],
                             v[1],            v[2],           v[3]};
            canvas_tag_begin(t, &tg);
            break;
        }
        case OP_TAG_END: canvas_tag_end(t); break;
        case OP_GROUP_BEGIN: canvas_group_begin(t, o->s); break;
        case OP_GROUP_END: canvas_group_end(t); break;
        }
    }
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

const uint32_t *canvas_record_codepoints(canvas *rec, size_t *n)
{
    if (!rec || rec->ops != &record_ops) {
        *n = 0;
        return NULL;
    }
    record *r = (record *)rec;
    if (!r->sorted) {
        qsort(r->cps, r->ncps, sizeof *r->cps, cmp_u32);
        size_t k = 0;
        for (size_t i = 0; i < r->ncps; i++)
            if (k == 0 || r->cps[k - 1] != r->cps[i])
                r->cps[k++] = r->cps[i];
        r->ncps = k;
        r->sorted = 1;
    }
    *n = r->ncps;
    return r->cps;
}
