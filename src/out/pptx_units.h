/* pptx_units: the one conversion of the PowerPoint writer's lengths, from
 * points (the layout's unit) to English Metric Units (ECMA-376: 12700 EMU
 * = 1 pt), rounded half away from zero.  Nothing here allocates. */
#ifndef SHIRYO_PPTX_UNITS_H
#define SHIRYO_PPTX_UNITS_H
#include <math.h>

#define PPTX_EMU_PER_PT 12700.0

static inline long long pptx_emu(double pt)
{
    return llround(pt * PPTX_EMU_PER_PT);
}

#endif
