/* picture: the file of an image block (![代替テキスト](FILE) alone in a
 * paragraph) to a canvas_image, with the template's rules and messages.
 *
 * FILE is a path relative to the templates directory (the folder the
 * template is in, as a Markdown preview resolves it, and as `font:` is
 * resolved), written as it is: no URL, no absolute path, no ".."
 * (fs_relative_inside), and still inside after links are followed.  The
 * alternative text is required (what the image shows, for screen
 * readers).  The file must be a PNG or JPEG that every output can draw
 * (image.h).  Each file is read once per set, however many blocks show
 * it.  Every error is at the block's position, with a hint.
 *
 * Memory: the set owns the bytes it read; picture_load returns a
 * canvas_image the caller frees with image_free(), which borrows those
 * bytes: free every such picture before picture_set_free(). */
#ifndef SHIRYO_PICTURE_H
#define SHIRYO_PICTURE_H
#include <stddef.h>

#include "canvas.h"
#include "diag.h"

typedef struct picture_set picture_set;

/* A set reading files relative to dir (copied). */
picture_set *picture_set_new(const char *dir);
void picture_set_free(picture_set *ps);

/* The picture of FILE file with alternative text alt, for a block at
 * `at`; NULL after an error. */
canvas_image *picture_load(picture_set *ps, const char *file, const char *alt,
                           srcloc at, diag_list *d);

#endif
