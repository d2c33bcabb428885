#include "writers.h"

#include "out_data.h"
#include "out_html.h"
#include "out_pdf.h"
#include "out_pptx.h"

const output_writer output_writers[] = {
    {"pdf", "pdf", out_pdf_write, out_pdf_wrote, out_pdf_render,
     out_pdf_release},
    {"pptx", "pptx", out_pptx_write, out_pptx_wrote},
    {"chart-data", "html", out_data_write, NULL},
    {"site", "html", out_html_write, out_html_wrote, out_html_render,
     out_html_release},
};
const size_t output_nwriters = sizeof output_writers / sizeof *output_writers;
