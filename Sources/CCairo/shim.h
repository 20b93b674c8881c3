#ifndef CCAIRO_SHIM_H
#define CCAIRO_SHIM_H
/* Cairo (Debian libcairo2-dev): image, SVG and PDF surfaces. Only RampGraphics calls it. */
#include <cairo/cairo.h>
#include <cairo/cairo-svg.h>
#include <cairo/cairo-pdf.h>
#endif
