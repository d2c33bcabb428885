#include "textbox.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "jlreq.h"
#include "keymap.h"
#include "utf8.h"
#include "xalloc.h"

int tb_drawable(const font *f, uint32_t cp)
{
    return cp == '\n' || font_can_draw(f, cp);
}

/* Rich text flattened: the drawable text and each byte's run. */
typedef struct flat {
    buf text;
    const run **runs;
    size_t cap;
} flat;

static void flat_add(flat *fl, const font *f, const char *s, const run *r)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        size_t adv;
        int32_t cp = utf8_decode(s + i, len - i, &adv);
        if (cp >= 0 && tb_drawable(f, (uint32_t)cp)) {
            size_t from = fl->text.len;
            buf_put(&fl->text, s + i, adv);
            fl->runs =
                xgrow(fl->runs, &fl->cap, fl->text.len, sizeof *fl->runs);
            for (size_t k = from; k < fl->text.len; k++)
                fl->runs[k] = r;
        }
        i += adv;
    }
}

static void flatten(flat *fl, const font *f, const rich *r)
{
    memset(fl, 0, sizeof *fl);
    buf_puts(&fl->text, "");
    for (size_t i = 0; i < r->nruns; i++) {
        const run *u = &r->runs[i];
        flat_add(fl, f, (u->flags & RUN_BREAK) ? "\n" : u->text, u);
    }
}

static unsigned flags_at(const flat *fl, size_t k)
{
    return fl->runs[k] ? fl->runs[k]->flags : 0;
}

static int same_style(const flat *fl, size_t a, size_t b)
{
    const run *ra = fl->runs[a], *rb = fl->runs[b];
    if (ra == rb)
        return 1;
    unsigned fa = flags_at(fl, a), fb = flags_at(fl, b);
    if ((fa & RUN_STRONG) != (fb & RUN_STRONG) ||
        (fa & RUN_LINK) != (fb & RUN_LINK))
        return 0;
    if (fa & RUN_LINK)
        return ra && rb && ra->href && rb->href &&
               strcmp(ra->href, rb->href) == 0;
    return 1;
}

void tb_tag(const lay *L, tag_role r)
{
    if (L->draw)
        canvas_tag_role(L->cv, r);
}

void tb_tag_with(const lay *L, const canvas_tag *t)
{
    if (L->draw)
        canvas_tag_begin(L->cv, t);
}

void tb_tag_end(const lay *L)
{
    if (L->draw)
        canvas_tag_end(L->cv);
}

/* The link of the glyph at byte off, or NULL. */
static const run *link_at(const flat *fl, size_t off)
{
    const run *r = fl->runs[off];
    return r && (r->flags & RUN_LINK) && r->href ? r : NULL;
}

/* Draws one line: runs of touching glyphs of one style; a link's glyphs
 * are a Link element holding its text and its link area. */
static void draw_line(lay *L, const flat *fl, const lb_para *p,
                      const lb_line *ln, double x0, double baseline,
                      double size)
{
    const char *text = buf_cstr(&fl->text);
    size_t i = ln->first, end = ln->first + ln->count;
    /* the link stretch being drawn: glyphs [link_start, link_end) */
    size_t link_start = i, link_end = i;
    while (i < end) {
        if (i >= link_end && link_at(fl, p->glyphs[i].off)) {
            link_start = i;
            link_end = i + 1;
            while (link_end < end &&
                   same_style(fl, p->glyphs[i].off, p->glyphs[link_end].off))
                link_end++;
            tb_tag(L, TAG_LINK);
        }
        size_t j = i + 1;
        while (j < end && same_style(fl, p->glyphs[i].off, p->glyphs[j].off) &&
               fabs(p->glyphs[j].x -
                    (p->glyphs[j - 1].x + p->glyphs[j - 1].adv)) < 1e-3)
            j++;
        const lb_glyph *g0 = &p->glyphs[i], *g1 = &p->glyphs[j - 1];
        size_t from = g0->off, to = g1->off + g1->len;
        unsigned fl0 = flags_at(fl, from);
        canvas_text(L->cv, x0 + g0->x, baseline, size,
                    (fl0 & RUN_STRONG) ? TEXT_BOLD : TEXT_REGULAR, text + from,
                    to - from);
        i = j;
        if (i == link_end && link_at(fl, g0->off)) {
            /* the link's area, over the stretch that ends here */
            double xa = x0 + p->glyphs[link_start].x;
            double xb = x0 + p->glyphs[i - 1].x + p->glyphs[i - 1].adv;
            double asc = font_ascent(L->f) * size,
                   desc = font_descent(L->f) * size;
            canvas_link(L->cv, xa, baseline - asc, xb - xa, asc + desc,
                        link_at(fl, g0->off)->href);
            tb_tag_end(L);
        }
    }
}

/* ---- the memo of set paragraphs ------------------------------------ */

struct tb_memo {
    keymap *map; /* key: every input of lb_set; value: an lb_para */
};

/* Texts longer than this are set every time, never kept: a slide's texts
 * are far shorter, and a pathological one (megabytes on one line) would
 * keep a glyph array of hundreds of megabytes per fitting step. */
#define TB_MEMO_MAX_TEXT 4096

struct tb_memo *tb_memo_new(void)
{
    struct tb_memo *m = xcalloc(1, sizeof *m);
    m->map = keymap_new();
    return m;
}

static void free_para(void *p)
{
    lb_para_free(p);
    free(p);
}

void tb_memo_free(struct tb_memo *m)
{
    if (!m)
        return;
    keymap_free(m->map, free_para);
    free(m);
}

/* text set at size in width with o: from the memo when L has one (the
 * memo keeps it: *own is untouched), else into *own (the caller frees
 * it).  The key is every input of lb_set, the sizes bit for bit. */
static const lb_para *set_lines(const lay *L, const char *text, size_t len,
                                double size, double width, const lb_opts *o,
                                lb_para *own)
{
    struct tb_memo *m = L->memo;
    if (!m || len > TB_MEMO_MAX_TEXT) {
        lb_set(own, L->f, text, len, size, width, o);
        return own;
    }
    int opt[3] = {(int)o->level, o->justify, o->hanging};
    size_t head = sizeof L->f + 2 * sizeof(double) + sizeof opt;
    unsigned char stack[512];
    size_t klen = head + len;
    unsigned char *key = klen <= sizeof stack ? stack : xmalloc(klen);
    memcpy(key, &L->f, sizeof L->f);
    memcpy(key + sizeof L->f, &size, sizeof size);
    memcpy(key + sizeof L->f + sizeof size, &width, sizeof width);
    memcpy(key + sizeof L->f + 2 * sizeof size, opt, sizeof opt);
    memcpy(key + head, text, len);
    lb_para *p = keymap_get(m->map, key, klen);
    if (!p) {
        p = xcalloc(1, sizeof *p);
        lb_set(p, L->f, text, len, size, width, o);
        keymap_put(m->map, key, klen, p);
    }
    if (key != stack)
        free(key);
    return p;
}

static double set_flat(lay *L, flat *fl, double x, double y, double w,
                       const tb_style *st)
{
    double size = st->size;
    double indent = 0;
    if (st->lead)
        indent = font_text_width(L->f, st->lead, strlen(st->lead), size);
    double measure = w - indent;
    /* a hanging 。、 lies past the measure, in the margin */
    lb_opts o = {L->level, st->justify, L->hanging && st->justify};
    lb_para own = {0};
    const lb_para *pp = set_lines(L, buf_cstr(&fl->text), fl->text.len, size,
                                  measure, &o, &own);
    const lb_para p = *pp;
    for (size_t i = 0; i < p.nlines; i++) {
        double over = p.lines[i].width - measure;
        if (over > 0.01 && over > L->over_x) {
            L->over_x = over;
            L->over_region = L->region;
        }
    }
    double lh = size * st->leading;
    double asc = font_ascent(L->f) * size;
    if (L->draw) {
        canvas_set_fill(L->cv, st->colour, 1);
        if (st->lead) {
            tb_tag(L, TAG_LBL);
            canvas_text(L->cv, x, y + asc, size, TEXT_REGULAR, st->lead,
                        strlen(st->lead));
            tb_tag_end(L);
            tb_tag(L, TAG_LBODY);
        }
        for (size_t i = 0; i < p.nlines; i++) {
            const lb_line *ln = &p.lines[i];
            double bx = x + indent;
            if (st->align == 1)
                bx = x + (w - ln->width) / 2;
            else if (st->align == 2)
                bx = x + w - ln->width;
            draw_line(L, fl, &p, ln, bx, y + (double)i * lh + asc, size);
        }
        if (st->lead)
            tb_tag_end(L);
    }
    double h = (double)p.nlines * lh - (lh - size) + size * 0.15;
    lb_para_free(&own);
    return h;
}

double tb_rich(lay *L, const rich *r, double x, double y, double w,
               const tb_style *st)
{
    flat fl;
    flatten(&fl, L->f, r);
    double h = set_flat(L, &fl, x, y, w, st);
    buf_free(&fl.text);
    free(fl.runs);
    return h;
}

double tb_plain(lay *L, const char *s, double x, double y, double w,
                const tb_style *st)
{
    flat fl;
    memset(&fl, 0, sizeof fl);
    buf_puts(&fl.text, "");
    flat_add(&fl, L->f, s, NULL);
    double h = set_flat(L, &fl, x, y, w, st);
    buf_free(&fl.text);
    free(fl.runs);
    return h;
}

/* The widest line of s set at size in width. */
static double widest(const lay *L, const char *s, double size, double width)
{
    lb_para own = {0};
    lb_opts o = {L->level, 0, 0};
    const lb_para *p = set_lines(L, s, strlen(s), size, width, &o, &own);
    double w = 0;
    for (size_t i = 0; i < p->nlines; i++)
        if (p->lines[i].width > w)
            w = p->lines[i].width;
    lb_para_free(&own);
    return w;
}

double tb_min_width(const lay *L, const char *s, double size)
{
    return widest(L, s, size, 0);
}

double tb_line_width(const lay *L, const char *s, double size)
{
    return widest(L, s, size, 1e9);
}
