#ifndef CFLINT_SHIM_H
#define CFLINT_SHIM_H
/* FLINT (polynomials over the integers and rationals), wrapped once, by RampAlgebra. */
#include <flint/flint.h>
#include <flint/fmpz.h>
#include <flint/fmpq.h>
#include <flint/fmpz_mpoly.h>
#include <flint/fmpq_mpoly.h>
#include <flint/fmpz_mpoly_factor.h>
#include <flint/fmpq_mpoly_factor.h>
#endif
