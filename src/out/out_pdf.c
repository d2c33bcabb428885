#include "out_pdf.h"

#include <stdlib.h>

#include "canvas_pdf.h"
#include "canvas_record.h"
#include "fsutil.h"

void out_pdf_name(const deck *dk, buf *out)
{
    buf_printf(out, "%s.pdf", dk->name);
}

int out_pdf_write(const build_result *b, const char *out_dir, diag_list *d)
{
    char *path = deck_file_path(b->deck, out_dir, ".pdf");
    int rc = out_pdf_save(b->deck, b->font, b->layout, path, d);
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
