#!/usr/bin/env bash
# Symbolic algebra speed (issue 17): the release `ramp` beside SymPy and Mathics3 doing the same
# five jobs, in one run. Prints milliseconds (best of REPEATS, each timed in-process: Ramp with
# AbsoluteTiming inside one `ramp -c`, SymPy and Mathics3 with time.perf_counter around the call),
# and Ramp's speed-up over each peer. The load average is printed first: on this 2-core machine,
# timings taken at a load of 1 or more are noisy and should say so.
# SymPy and Mathics3 live in a virtual environment of their own (.build/bench-venv, made when
# missing; nothing is installed system-wide). A job a system cannot do prints "n/a".
# Usage: scripts/bench/algebra.sh [repeats]
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
REPEATS="${1:-3}"
VENV="$ROOT/.build/bench-venv"
if ! "$VENV/bin/python" -c "import sympy, mathics" 2>/dev/null; then
  echo "making $VENV (sympy, Mathics3)…" >&2
  python3 -m venv "$VENV" && "$VENV/bin/pip" install -q --disable-pip-version-check sympy Mathics3 >&2
fi
echo "load: $(uptime | sed 's/.*load average: //')"
echo "building the release ramp…" >&2
(cd "$ROOT" && swift build -c release --product ramp 2>&1 | grep -E "error" >&2)
RAMP="$ROOT/.build/release/ramp"

# The 50 table integrals: powers, trig, exponentials, logs and rational terms.
INTEGRANDS_WL='Join[Table[x^k, {k, 1, 10}], Table[Sin[k x], {k, 1, 10}], Table[Exp[k x], {k, 1, 10}], Table[1/(x + k), {k, 1, 10}], Table[x^k Log[x], {k, 1, 10}]]'
INTEGRANDS_PY='[x**k for k in range(1, 11)] + [sin(k*x) for k in range(1, 11)] + [exp(k*x) for k in range(1, 11)] + [1/(x + k) for k in range(1, 11)] + [x**k*log(x) for k in range(1, 11)]'
# A 20×20 system with small integer entries, the same in all three (a fixed formula, no RNG).
MATRIX_WL='Table[Mod[i^2 + 3 j + i j, 17] - 8 + If[i == j, 40, 0], {i, 20}, {j, 20}]'
VECTOR_WL='Table[Mod[5 i, 11] - 5, {i, 20}]'
MATRIX_PY='Matrix(20, 20, lambda i, j: ((i+1)**2 + 3*(j+1) + (i+1)*(j+1)) % 17 - 8 + (40 if i == j else 0))'
VECTOR_PY='Matrix(20, 1, lambda i, j: (5*(i+1)) % 11 - 5)'

names=("Factor[x^100 - 1]" "Expand[(1 + x + y + z)^30]" "D of a 1,000-term sum" "Integrate 50 table integrals" "Solve a 20x20 linear system")
wl=("Factor[x^100 - 1]"
    "Expand[(1 + x + y + z)^30]"
    "D[Total[Table[Sin[k x] x^k, {k, 1000}]], x]"
    "Integrate[#, x] & /@ $INTEGRANDS_WL"
    "With[{vars = Array[v, 20]}, Solve[Thread[$MATRIX_WL . vars == $VECTOR_WL], vars]]")
py=("factor(x**100 - 1)"
    "expand((1 + x + y + z)**30)"
    "diff(Add(*[sin(k*x)*x**k for k in range(1, 1001)]), x)"
    "[integrate(f, x) for f in $INTEGRANDS_PY]"
    "$MATRIX_PY.LUsolve($VECTOR_PY)")
# Mathics3 reads the Wolfram Language, so it gets Ramp's inputs.

ramp_ms=()
for code in "${wl[@]}"; do
  out=$(timeout "${RAMP_TIMEOUT:-300}" "$RAMP" -c "r = Table[First[AbsoluteTiming[res = $code;]], {$REPEATS}]; If[FreeQ[res, Integrate | Solve | D | \$Failed], Min[r] * 1000, \"n/a\"]" 2>/dev/null | tail -n 1)
  ramp_ms+=("${out:-n/a}")
done

run_python() {   # $1: which peer (sympy|mathics), $2: code
  timeout "${PEER_TIMEOUT:-300}" "$VENV/bin/python" - "$1" "$2" "$REPEATS" <<'PY' 2>/dev/null
import sys, time
peer, code, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
best = float("inf")
if peer == "sympy":
    from sympy import *
    from sympy.core.cache import clear_cache
    x, y, z = symbols("x y z")
    for _ in range(repeats):
        clear_cache()
        t = time.perf_counter(); r = eval(code); best = min(best, time.perf_counter() - t)
    print("n/a" if "Integral" in str(r)[:100000] else round(best * 1000, 1))
else:
    import io, contextlib
    with contextlib.redirect_stdout(io.StringIO()):   # its loader reports optional modules it skips
        from mathics.core.load_builtin import import_and_load_builtins
        import_and_load_builtins()
        from mathics.session import MathicsSession
        session = MathicsSession()
    for _ in range(repeats):
        t = time.perf_counter(); r = session.evaluate(code); best = min(best, time.perf_counter() - t)
    text = str(r)[:100000]
    print("n/a" if ("Integrate[" in text or "Solve[" in text) else round(best * 1000, 1))
PY
}

sympy_ms=(); mathics_ms=()
for i in "${!names[@]}"; do
  s=$(run_python sympy "${py[$i]}"); sympy_ms+=("${s:-n/a}")
  m=$(run_python mathics "${wl[$i]}"); mathics_ms+=("${m:-n/a}")
done

printf "%-32s %12s %12s %12s %10s %10s\n" "job" "ramp ms" "sympy ms" "mathics ms" "vs sympy" "vs mathics"
for i in "${!names[@]}"; do
  r=${ramp_ms[$i]}; s=${sympy_ms[$i]}; m=${mathics_ms[$i]}
  ratio() { python3 -c "import sys; a, b = sys.argv[1], sys.argv[2]
try: print(f'{float(b) / float(a):.1f}x')
except Exception: print('n/a')" "$1" "$2"; }
  printf "%-32s %12s %12s %12s %10s %10s\n" "${names[$i]}" "$r" "$s" "$m" "$(ratio "$r" "$s")" "$(ratio "$r" "$m")"
done
