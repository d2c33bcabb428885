/* image_probe: PNG and JPEG headers, what libharu cannot draw refused,
 * and other files named (image.h). */
#include <criterion/criterion.h>
#include <string.h>

#include "canvas_record.h"
#include "canvas_trace.h"
#include "image.h"

static image_status probe(const unsigned char *d, size_t n, unsigned *w,
                          unsigned *h, buf *why)
{
    canvas_image_kind k;
    return image_probe(d, n, &k, w, h, why);
}

/* A JPEG: SOI, an APP0 of 2 bytes, then SOF marker m with precision p,
 * 16 x 8 pixels, nc components, then SOS. */
static size_t jpeg(unsigned char *d, unsigned m, unsigned p, unsigned nc)
{
    size_t n = 0;
    const unsigned char head[] = {0xff, 0xd8, 0xff, 0xe0, 0x00, 0x02};
    memcpy(d, head, sizeof head);
    n = sizeof head;
    unsigned len = 8 + 3 * nc;
    unsigned char sof[] = {0xff, (unsigned char)m, 0, (unsigned char)len,
                           (unsigned char)p, 0, 8, 0, 16, (unsigned char)nc};
    memcpy(d + n, sof, sizeof sof);
    n += sizeof sof;
    for (unsigned i = 0; i < nc; i++) {
        d[n++] = (unsigned char)(i + 1);
        d[n++] = 0x11;
        d[n++] = 0;
    }
    const unsigned char sos[] = {0xff, 0xda, 0x00, 0x02, 0xff, 0xd9};
    memcpy(d + n, sos, sizeof sos);
    return n + sizeof sos;
}

Test(image, jpeg_baseline_and_progressive_taken)
{
    unsigned char d[64];
    unsigned w = 0, h = 0;
    buf why = BUF_INIT;
    cr_expect_eq(probe(d, jpeg(d, 0xc0, 8, 3), &w, &h, &why), IMAGE_OK);
    cr_expect_eq(w, 16);
    cr_expect_eq(h, 8);
    cr_expect_eq(probe(d, jpeg(d, 0xc2, 8, 1), &w, &h, &why), IMAGE_OK);
    buf_free(&why);
}

Test(image, jpeg_pdf_cannot_take_refused)
{
    unsigned char d[64];
    unsigned w, h;
    buf why = BUF_INIT;
    cr_expect_eq(probe(d, jpeg(d, 0xc3, 8, 3), &w, &h, &why),
                 IMAGE_UNSUPPORTED); /* lossless */
    cr_expect_eq(probe(d, jpeg(d, 0xc9, 8, 3), &w, &h, &why),
                 IMAGE_UNSUPPORTED); /* arithmetic */
    cr_expect_eq(probe(d, jpeg(d, 0xc1, 12, 3), &w, &h, &why),
                 IMAGE_UNSUPPORTED);
    buf_reset(&why);
    cr_expect_eq(probe(d, jpeg(d, 0xc0, 8, 4), &w, &h, &why),
                 IMAGE_UNSUPPORTED);
    cr_expect(strstr(buf_cstr(&why), "CMYK") != NULL, "%s", buf_cstr(&why));
    buf_free(&why);
}

Test(image, jpeg_cut_or_without_frame_is_corrupt)
{
    unsigned char d[64];
    unsigned w, h;
    buf why = BUF_INIT;
    size_t n = jpeg(d, 0xc0, 8, 3);
    cr_expect_eq(probe(d, 9, &w, &h, &why), IMAGE_CORRUPT);
    /* SOS before any SOF */
    const unsigned char nosof[] = {0xff, 0xd8, 0xff, 0xda, 0x00, 0x02};
    cr_expect_eq(probe(nosof, sizeof nosof, &w, &h, &why), IMAGE_CORRUPT);
    cr_expect_eq(probe(d, n, &w, &h, &why), IMAGE_OK);
    buf_free(&why);
}

Test(image, other_files_named)
{
    unsigned w, h;
    buf why = BUF_INIT;
    const unsigned char webp[] = "RIFF\x10\0\0\0WEBPVP8 ";
    cr_expect_eq(probe(webp, sizeof webp - 1, &w, &h, &why), IMAGE_NOT_IMAGE);
    cr_expect_str_eq(buf_cstr(&why), "a WebP image");
    buf_reset(&why);
    cr_expect_eq(probe((const unsigned char *)"", 0, &w, &h, &why),
                 IMAGE_NOT_IMAGE);
    cr_expect_str_eq(buf_cstr(&why), "an empty file");
    buf_free(&why);
}

Test(image, hash_and_alias)
{
    unsigned char *d = malloc(3);
    memcpy(d, "abc", 3);
    canvas_image *im = image_new(d, 3, CANVAS_IMAGE_PNG, 1, 1, "");
    /* SHA-256("abc") begins ba7816bf8f01cfea */
    cr_expect_str_eq(im->hash, "ba7816bf8f01cfea");
    canvas_image *a = image_alias(im, "代替");
    cr_expect_eq(a->data, im->data);
    cr_expect_str_eq(a->alt, "代替");
    cr_expect_str_eq(a->hash, im->hash);
    image_free(a);
    image_free(im);
}

/* A picture recorded, replayed onto a trace: one line with its box,
 * kind, pixel size, hash and alternative text. */
Test(image, recorded_and_traced)
{
    unsigned char *d = malloc(3);
    memcpy(d, "abc", 3);
    canvas_image *im = image_new(d, 3, CANVAS_IMAGE_JPEG, 640, 480, "写真");
    canvas *rec = canvas_record_new(NULL);
    canvas_begin_page(rec, 100, 100);
    canvas_draw_image(rec, 10, 20, 64, 48, im);
    canvas_draw_image(rec, 10, 20, 0, 48, im); /* empty box: nothing */
    canvas_end_page(rec);
    buf out = BUF_INIT;
    canvas *tr = canvas_trace_new(NULL, &out);
    canvas_record_replay(rec, tr);
    cr_expect(strstr(buf_cstr(&out),
                     "\nimage 10 20 64 48 jpeg 640x480 ba7816bf8f01cfea 写真\n"
                     "end_page") != NULL,
              "%s", buf_cstr(&out));
    canvas_destroy(tr);
    canvas_destroy(rec);
    buf_free(&out);
    image_free(im);
}
