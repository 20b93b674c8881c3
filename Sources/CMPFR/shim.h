#ifndef CMPFR_SHIM_H
#define CMPFR_SHIM_H
#include <gmp.h>
#include <mpfr.h>
#include <math.h>

static inline double cmpfr_log10(double x) { return log10(x); }

/* mpfr.h defines these as macros, which Swift does not import: one-line functions instead. */
static inline int cmpfr_sgn(mpfr_srcptr x) { return mpfr_sgn(x); }
static inline int cmpfr_zero_p(mpfr_srcptr x) { return mpfr_zero_p(x); }
static inline int cmpfr_number_p(mpfr_srcptr x) { return mpfr_number_p(x); }
static inline int cmpfr_set(mpfr_ptr r, mpfr_srcptr x) { return mpfr_set(r, x, MPFR_RNDN); }
static inline long cmpfr_get_exp(mpfr_srcptr x) { return (long)mpfr_get_exp(x); }
static inline int cmpfr_set_si(mpfr_ptr x, long v) { return mpfr_set_si(x, v, MPFR_RNDN); }
static inline long cmpfr_prec_max(void) { return (long)MPFR_PREC_MAX; }
#endif
