#include "out_pdf.h"

#include <stdlib.h>

#include "canvas_pdf.h"
#include "canvas_record.h"
#include "fsutil.h"
#include "xalloc.h"

void out_pdf_name(const deck *dk, buf *out)
{
    buf_printf(out, "%s.pdf", dk->name);
}

/* What out_pdf_render makes: the document's bytes, or why not. */
typedef struct pdf_made {
    unsigned char *bytes;
    size_t len;
    char *error; /* the drawing's reason, reported at the path by write */
} pdf_made;

void *out_pdf_render(const build_result *b, diag_list *d)
{
    canvas *rec = b->layout->display;
    size_t ncps;
    const uint32_t *cps = canvas_record_codepoints(rec, &ncps);
    const deck *dk = b->deck;
    pdf_info info = {dk->title, dk->author, dk->subject, dk->keywords,
                     "shiryo " SHIRYO_VERSION, dk->edition_ymd};
    canvas *pdf = canvas_pdf_new(b->font, cps, ncps, &info, d);
    if (!pdf)
        return NULL;
    pdf_made *m = xcalloc(1, sizeof *m);
    canvas_record_replay(rec, pdf);
    const char *err = canvas_pdf_bytes(pdf, &m->bytes, &m->len);
    if (err)
        m->error = xstrdup(err);
    canvas_destroy(pdf);
    return m;
}

void out_pdf_release(void *made)
{
    pdf_made *m = made;
    if (!m)
        return;
    free(m->bytes);
    free(m->error);
    free(m);
}

int out_pdf_write(const build_result *b, const char *out_dir, diag_list *d)
{
    char *path = deck_file_path(b->deck, out_dir, ".pdf");
    int rc;
    const pdf_made *m = b->prepared;
    if (!m) {
        rc = out_pdf_save(b->deck, b->font, b->layout, path, d);
    } else if (m->error) {
        diag_add(d, DIAG_ERROR, path, 0, 0, "cannot draw the PDF: %s",
                 m->error);
        rc = -1;
    } else {
        rc = fs_write_atomic(path, m->bytes, m->len, d);
        if (rc != 0)
            diag_hint(d, "check that the disk has room and the folder is "
                         "writable; the earlier outputs are unchanged");
    }
    free(path);
    return rc;
}

void out_pdf_wrote(const build_result *b, const char *out_dir, buf *out)
{
    char *path = deck_file_path(b->deck, out_dir, ".pdf");
    buf_printf(out, "%s (%zu pages)", path, b->deck->nslides);
    free(path);
}

int out_pdf_save(const deck *dk, const font *f, const layout_result *lr,
                 const char *path, diag_list *d)
{
    canvas *rec = lr->display;
    size_t ncps;
    const uint32_t *cps = canvas_record_codepoints(rec, &ncps);
    pdf_info info = {dk->title, dk->author, dk->subject, dk->keywords,
                     "shiryo " SHIRYO_VERSION, dk->edition_ymd};
    canvas *pdf = canvas_pdf_new(f, cps, ncps, &info, d);
    if (!pdf)
        return -1;
    canvas_record_replay(rec, pdf);
    if (pdf->failed) {
        diag_add(d, DIAG_ERROR, path, 0, 0, "cannot draw the PDF: %s",
                 pdf->error);
        canvas_destroy(pdf);
        return -1;
    }
    int rc = canvas_pdf_save(pdf, path, d);
    canvas_destroy(pdf);
    if (rc != 0)
        diag_hint(d, "check that the disk has room and the folder is "
                     "writable; the earlier outputs are unchanged");
    return rc;
}
