/* writers: the table of output writers, in the order they run: the PDF
 * and the PowerPoint file first (the site copies them from the staging
 * folder), then the chart data files, then the site's page.  All of them are
 * committed at once.  A new format is one row here (output.h says what a row
 * is).
 *
 * Memory: the table and its strings are static: nobody frees them. */
#ifndef SHIRYO_WRITERS_H
#define SHIRYO_WRITERS_H
#include <stddef.h>

#include "output.h"

extern const output_writer output_writers[];
extern const size_t output_nwriters;

#endif
