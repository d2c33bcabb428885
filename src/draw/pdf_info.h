/* pdf_info: what the PDF says about itself (its Info dictionary, and the
 * XMP metadata of the tagged PDF).
 *
 * Memory: the strings are borrowed; whoever takes a pdf_info copies what
 * it keeps. */
#ifndef SHIRYO_PDF_INFO_H
#define SHIRYO_PDF_INFO_H

typedef struct pdf_info {
    const char *title;
    const char *author;
    const char *subject;
    const char *keywords;
    const char *creator;
    int date_ymd; /* creation date as yyyymmdd; 0 writes no date */
} pdf_info;

#endif
