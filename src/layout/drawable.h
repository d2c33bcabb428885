/* drawable: the characters the PDF cannot draw (missing from the font,
 * outside the BMP, variation selectors), found before anything is
 * written: each text of the deck at its template position, a wrong font
 * as one error naming it, and, as the last guard, every code point of the
 * display list.
 *
 * Memory: nothing is kept; errors go to d. */
#ifndef SHIRYO_DRAWABLE_H
#define SHIRYO_DRAWABLE_H
#include "canvas.h"
#include "deck.h"
#include "diag.h"
#include "font.h"

/* 0, or -1 after an error at each text with a character the font cannot
 * draw (or one error when the font lacks many: the wrong font). */
int drawable_deck(const deck *dk, const font *f, diag_list *d);
/* 0, or -1 after an error for each code point of the display list rec
 * that f cannot draw. */
int drawable_display(canvas *rec, const font *f, diag_list *d);

#endif
