/* image: a picture file's bytes checked for drawing: PNG or JPEG,
 * recognised by its signature (never by its name), its pixel size read
 * from the header (PNG's IHDR, JPEG's SOFn), and refused here when some
 * output could not draw it.  libharu 2.3.0 (the PDF) reads PNG through
 * libpng and copies a JPEG's bytes as they are; measured, it cannot read
 * an interlaced (Adam7) PNG (it fails) and draws a 16-bit PNG as noise,
 * so both are refused, as are the JPEGs a PDF's DCT filter does not take
 * (lossless, arithmetic-coded, 12-bit) and CMYK JPEGs (drawn with
 * inverted colours by some readers).  Palette PNGs (with tRNS
 * transparency), alpha channels and 1-, 2- and 4-bit grey or palette
 * PNGs are drawn correctly.
 *
 * The reader is a small one written here (docs/architecture.md says why):
 * it walks the PNG chunks (lengths and CRCs, so a cut file is caught
 * before libharu sees it) and the JPEG markers up to the first scan.
 *
 * Memory: image_new takes the bytes (malloc'd) and copies alt; the
 * canvas_image it returns is the caller's, freed with image_free(). */
#ifndef SHIRYO_IMAGE_H
#define SHIRYO_IMAGE_H
#include <stddef.h>

#include "buf.h"
#include "canvas.h"

/* The largest side, in pixels, of a picture taken (libharu decodes a PNG
 * whole into memory). */
#define IMAGE_MAX_SIDE 10000

typedef enum {
    IMAGE_OK,
    IMAGE_NOT_IMAGE,   /* neither PNG nor JPEG */
    IMAGE_CORRUPT,     /* a PNG or JPEG whose header is broken or cut */
    IMAGE_UNSUPPORTED  /* a valid file that some output cannot draw */
} image_status;

/* Reads data's kind and size in pixels.  IMAGE_OK, or the status with a
 * phrase appended to why ("a GIF image", "an interlaced PNG …"). */
image_status image_probe(const unsigned char *data, size_t len,
                         canvas_image_kind *kind, unsigned *width,
                         unsigned *height, buf *why);

/* A picture of data (taken: freed by image_free) already probed, with a
 * copy of alt; its hash is computed here. */
canvas_image *image_new(unsigned char *data, size_t len,
                        canvas_image_kind kind, unsigned width,
                        unsigned height, const char *alt);
/* A second picture of the same bytes (borrowed from im, which must
 * outlive it) with another alternative text. */
canvas_image *image_alias(const canvas_image *im, const char *alt);
void image_free(canvas_image *im);
/* "png" or "jpg": the extension of a copy of the picture. */
const char *image_ext(const canvas_image *im);
/* "image/png" or "image/jpeg". */
const char *image_mime(const canvas_image *im);

#endif
