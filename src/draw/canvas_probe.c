#include "canvas_probe.h"

#include "xalloc.h"

typedef struct probe {
    canvas base;
    double floor;
    size_t legible;
    size_t omitted;
} probe;

static void probe_text(canvas *c, double x, double y, double size,
                       text_style style, const char *utf8, size_t len)
{
    (void)x;
    (void)y;
    (void)style;
    (void)utf8;
    probe *p = (probe *)c;
    if (len && size >= p->floor - 1e-9)
        p->legible++;
}

static const canvas_ops probe_ops = {.name = "probe", .text = probe_text};

canvas *canvas_probe_new(const font *f, double floor)
{
    probe *p = xcalloc(1, sizeof *p);
    p->base.ops = &probe_ops;
    p->base.font = f;
    p->floor = floor;
    return &p->base;
}

size_t canvas_probe_legible(const canvas *c)
{
    return c && c->ops == &probe_ops ? ((const probe *)c)->legible : 0;
}

void canvas_probe_omit(canvas *c)
{
    if (c && c->ops == &probe_ops)
        ((probe *)c)->omitted++;
}

size_t canvas_probe_omitted(const canvas *c)
{
    return c && c->ops == &probe_ops ? ((const probe *)c)->omitted : 0;
}
