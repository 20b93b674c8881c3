#!/usr/bin/env bash
# Big-number speed (issue 15's rows): the release `ramp` beside CPython's int (and sympy for
# primality, prime counting and factoring, when it imports) and mpmath (arbitrary-precision reals)
# doing the same, in one run. Prints milliseconds, each case's target and the ratios.
# Both sides time the evaluation in-process, so process start-up is not counted: Ramp with
# AbsoluteTiming inside one `ramp -c` (best of REPEATS), Python with time.perf_counter (best of
# REPEATS). The load average is printed first: timings taken at a load of 1 or more on a 2-core
# machine are noisy and should say so.
# Usage: scripts/bench/numbers.sh [repeats]
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
REPEATS="${1:-5}"
echo "load: $(uptime | sed 's/.*load average: //')"
echo "building the release ramp…" >&2
(cd "$ROOT" && swift build -c release --product ramp 2>&1 | grep -E "error" >&2)
RAMP="$ROOT/.build/release/ramp"

names=("Mod[3^(10^6), 7]" "Length[IntegerDigits[20000!]]" "StringLength[ToString[3^(10^6)]]"
       "PrimeQ[2^4423 - 1]" "FactorInteger[10^30 + 57]" "Prime[10^8]" "PrimePi[10^9]"
       "FactorInteger[2^128 + 1]" "FactorInteger[p20 q21]" "FactorInteger[p25 q27] (SIQS)")
limits=(30 20 60 2000 1000 1000 1000 1000 - -)
wl=("Mod[3^(10^6), 7]" "Length[IntegerDigits[20000!]]" "StringLength[ToString[3^(10^6)]]"
    "PrimeQ[2^4423 - 1]" "FactorInteger[10^30 + 57]" "Prime[10^8]" "PrimePi[10^9]"
    "FactorInteger[2^128 + 1]" "FactorInteger[NextPrime[10^19] NextPrime[10^20]]"
    "FactorInteger[NextPrime[10^24] NextPrime[10^26]]")
py=("pow(3, 10**6) % 7"
    "len(str(math.factorial(20000)))"
    "len(str(3**10**6))"
    "sympy.isprime(2**4423 - 1)"
    "sympy.factorint(10**30 + 57)"
    "sympy.prime(10**8)"
    "sympy.primepi(10**9)"
    "sympy.factorint(2**128 + 1)"
    "sympy.factorint(sympy.nextprime(10**19) * sympy.nextprime(10**20))"
    "sympy.factorint(sympy.nextprime(10**24) * sympy.nextprime(10**26))")

ramp_ms=()
for code in "${wl[@]}"; do
  # Milliseconds, best of REPEATS, measured by Ramp itself.
  ms=$("$RAMP" -c "Min[Table[First[AbsoluteTiming[$code;]], {$REPEATS}]] * 1000" 2>&1 | tail -n 1)
  ramp_ms+=("$ms")
done

python_ms=()
for code in "${py[@]}"; do
  ms=$(timeout "${PYTHON_TIMEOUT:-120}" python3 - "$code" "$REPEATS" <<'PY' 2>/dev/null
import sys, time, math
sys.set_int_max_str_digits(0)
try:
    import sympy
except ImportError:
    if "sympy" in sys.argv[1]:
        print("n/a"); sys.exit()
best = float("inf")
for _ in range(int(sys.argv[2])):
    if "sympy" in sys.modules:   # no answer remembered from the last run
        sympy.core.cache.clear_cache()
        sympy.sieve._reset()
        if hasattr(sympy.ntheory.factor_, "factor_cache"): sympy.ntheory.factor_.factor_cache.clear()
    t = time.perf_counter(); eval(sys.argv[1]); best = min(best, time.perf_counter() - t)
print(best * 1000)
PY
)
  if [ $? -eq 124 ]; then ms=">$(( ${PYTHON_TIMEOUT:-120} * 1000 ))"; fi
  python_ms+=("${ms:-n/a}")
done

printf "%-36s %10s %8s %12s %10s\n" case ramp_ms target python_ms ratio
for i in "${!names[@]}"; do
  r=${ramp_ms[$i]}; p=${python_ms[$i]}
  ratio=$(awk -v a="$p" -v b="$r" 'BEGIN{ if (a=="n/a") print "n/a"; else if (substr(a,1,1)==">") printf ">%.0fx", substr(a,2)/b; else printf "%.1fx", a/b }')
  shown=$(awk -v a="$p" 'BEGIN{ if (a ~ /^[0-9.]+$/) printf "%.2f", a; else print a }')
  printf "%-36s %10.2f %8s %12s %10s\n" "${names[$i]}" "$r" "${limits[$i]}" "$shown" "$ratio"
done
echo "(ms, in-process, best of $REPEATS; ratio = Python time / Ramp time; target: issue 15's bound for Ramp, in ms)"
echo "(p20 q21: NextPrime[10^19] NextPrime[10^20], a product of 20- and 21-digit primes; sympy's caches,"
echo " including the factorizations it found, are cleared before each of its runs)"
echo "(Python $(python3 -c 'import sys; print(sys.version.split()[0])'): int and str are CPython's own; sympy $(python3 -c 'import sympy; print(sympy.__version__)' 2>/dev/null || echo 'not installed') for PrimeQ, Prime, PrimePi and FactorInteger)"

# Arbitrary-precision reals: Ramp (MPFR) beside mpmath. Each repeat is a fresh process on both
# sides, so neither MPFR's nor mpmath's cache of constants answers from an earlier repeat; the
# evaluation alone is timed (in-process), not start-up.
echo
real_names=("N[Pi, 10^5]" "N[Exp[1/3], 10^4]" "N[Zeta[3], 10^4]" "StringLength[ToString[N[Pi, 10^5]]]")
real_limits=(60 30 30 "-")
real_py=("+mpmath.pi" "mpmath.exp(mpmath.mpf(1)/3)" "mpmath.zeta(3)" "len(mpmath.nstr(+mpmath.pi, 10**5))")
real_dps=(100000 10000 10000 100000)
printf "%-36s %10s %8s %12s %10s\n" case ramp_ms target mpmath_ms ratio
for i in "${!real_names[@]}"; do
  code=${real_names[$i]}
  best=""
  for _ in $(seq "$REPEATS"); do
    ms=$("$RAMP" -c "First[AbsoluteTiming[$code;]] * 1000" 2>&1 | tail -n 1)
    best=$(awk -v a="$best" -v b="$ms" 'BEGIN{ if (a=="" || b+0 < a+0) print b; else print a }')
  done
  pbest=""
  for _ in $(seq "$REPEATS"); do
    ms=$(timeout "${PYTHON_TIMEOUT:-120}" python3 - "${real_py[$i]}" "${real_dps[$i]}" <<'PY' 2>/dev/null
import sys, time
try:
    import mpmath
except ImportError:
    print("n/a"); sys.exit()
mpmath.mp.dps = int(sys.argv[2])
t = time.perf_counter(); eval(sys.argv[1]); print((time.perf_counter() - t) * 1000)
PY
)
    pbest=$(awk -v a="$pbest" -v b="${ms:-n/a}" 'BEGIN{ if (b=="n/a") print b; else if (a=="" || b+0 < a+0) print b; else print a }')
  done
  ratio=$(awk -v a="$pbest" -v b="$best" 'BEGIN{ if (a=="n/a") print "n/a"; else printf "%.1fx", a/b }')
  printf "%-36s %10.2f %8s %12.2f %10s\n" "$code" "$best" "${real_limits[$i]}" "$pbest" "$ratio"
done
echo "(ms, in-process, best of $REPEATS fresh processes; ratio = mpmath time / Ramp time; mpmath $(python3 -c 'import mpmath; print(mpmath.__version__, "backend", mpmath.libmp.BACKEND)' 2>/dev/null || echo 'not installed'))"
echo "load at the end: $(uptime | sed 's/.*load average: //')"
