#ifndef CGMP_SHIM_H
#define CGMP_SHIM_H
#include <gmp.h>

/* gmp.h defines these as macros, which Swift does not import: one-line functions instead. */
static inline int cgmp_sgn(mpz_srcptr z) { return mpz_sgn(z); }
static inline int cgmp_cmp_si(mpz_srcptr z, long v) { return mpz_cmp_si(z, v); }
static inline int cgmp_odd_p(mpz_srcptr z) { return mpz_odd_p(z); }
/* The number of limbs and the limbs themselves (for hashing). */
static inline long cgmp_limb_count(mpz_srcptr z) { return z->_mp_size < 0 ? -(long)z->_mp_size : (long)z->_mp_size; }
#endif
