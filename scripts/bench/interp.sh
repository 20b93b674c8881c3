#!/usr/bin/env bash
# Interpreter speed: Ramp side by side with Mathics3 (pip, in a venv under /tmp, when it installs)
# and CPython for the loops that have a Python equivalent. Prints milliseconds and ratios.
# Ramp is measured in-process (release build of a tiny runner package that links the library), so
# process start-up is not counted; Mathics3 and CPython likewise time only the evaluation.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK=/tmp/ramp-bench-interp
mkdir -p "$WORK/Sources/bench"
cat > "$WORK/Package.swift" <<SWIFT
// swift-tools-version:6.1
import PackageDescription
let package = Package(
    name: "bench", platforms: [.macOS(.v15)],
    dependencies: [.package(path: "$ROOT")],
    targets: [.executableTarget(name: "bench", dependencies: [.product(name: "Ramp", package: "$(basename "$ROOT")")])]
)
SWIFT
cat > "$WORK/Sources/bench/main.swift" <<'SWIFT'
import Ramp
#if canImport(Glibc)
import Glibc
#endif
func now() -> Double { var t = timespec(); clock_gettime(CLOCK_MONOTONIC, &t); return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9 }
let cases = CommandLine.arguments.dropFirst()
for (i, code) in cases.enumerated() {
    let kernel = Kernel.standard()
    let program = try! Parser.parseProgram(code)
    var best = Double.infinity
    var result = Expr.null
    for _ in 0..<5 {
        let k = Kernel.standard()
        let t0 = now()
        for e in program { result = k.evaluate(e) }
        best = min(best, now() - t0)
    }
    _ = kernel
    print("\(i)\t\(best * 1000)\t\(result.formatted(.inputForm).prefix(40))")
}
SWIFT
echo "building the release runner…" >&2
(cd "$WORK" && swift build -c release 2>&1 | grep -E "error|Compiling bench" >&2)
RAMP="$WORK/.build/release/bench"

names=("fib[20]" "Nest 10^5" "Do s+=i 10^6" "Total Table i^2 10^5")
limits=(30 20 300 10)
wl=(
  'fib[n_] := fib[n - 1] + fib[n - 2]; fib[0] = 0; fib[1] = 1; fib[20]'
  'Nest[(# + 1) &, 0, 10^5]'
  's = 0; Do[s += i, {i, 10^6}]; s'
  'Total[Table[i^2, {i, 1, 10^5}]]'
)
py=(
  'import functools
def fib(n): return n if n < 2 else fib(n-1) + fib(n-2)
r = fib(20)'
  'x = 0
for _ in range(10**5): x = (lambda y: y + 1)(x)
r = x'
  's = 0
for i in range(1, 10**6 + 1): s += i
r = s'
  'r = sum([i**2 for i in range(1, 10**5 + 1)])'
)

mapfile -t ramp_ms < <("$RAMP" "${wl[@]}" | cut -f2)

# Mathics3 in a venv (optional).
VENV=/tmp/benchenv
if [ ! -x "$VENV/bin/python" ]; then python3 -m venv "$VENV" >/dev/null 2>&1; fi
if [ -x "$VENV/bin/python" ] && ! "$VENV/bin/python" -c "import mathics" 2>/dev/null; then
  "$VENV/bin/pip" install -q Mathics3 >/dev/null 2>&1 || true
fi
mathics_ms=()
for code in "${wl[@]}"; do
  if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c "import mathics" 2>/dev/null; then
    # Mathics3 takes minutes on the larger loops: each case gets at most MATHICS_TIMEOUT seconds.
    ms=$(timeout "${MATHICS_TIMEOUT:-30}" "$VENV/bin/python" - "$code" <<'PY' 2>/dev/null
import sys, time
try:  # Mathics3 7 and later load their builtins explicitly
    from mathics.core.load_builtin import import_and_load_builtins
    import_and_load_builtins()
except ImportError:
    pass
from mathics.session import MathicsSession
s = MathicsSession()
t = time.perf_counter(); s.evaluate(sys.argv[1]); print((time.perf_counter() - t) * 1000)
PY
)
    if [ $? -eq 124 ]; then ms=">$(( ${MATHICS_TIMEOUT:-30} * 1000 ))"; fi
    mathics_ms+=("${ms:-n/a}")
  else
    mathics_ms+=("n/a")
  fi
done
python_ms=()
for code in "${py[@]}"; do
  ms=$(python3 - "$code" <<'PY'
import sys, time
t = time.perf_counter(); exec(sys.argv[1]); print((time.perf_counter() - t) * 1000)
PY
)
  python_ms+=("$ms")
done

printf "%-24s %10s %8s %12s %10s %10s %10s\n" case ramp_ms limit mathics_ms ratio python_ms ratio
for i in "${!names[@]}"; do
  r=${ramp_ms[$i]}; m=${mathics_ms[$i]}; p=${python_ms[$i]}
  rm_ratio=$(awk -v a="$m" -v b="$r" 'BEGIN{ if (a=="n/a") print "n/a"; else if (substr(a,1,1)==">") printf ">%.0fx", substr(a,2)/b; else printf "%.1fx", a/b }')
  rp_ratio=$(awk -v a="$p" -v b="$r" 'BEGIN{ printf "%.2fx", a/b }')
  printf "%-24s %10.2f %8s %12s %10s %10.2f %10s\n" "${names[$i]}" "$r" "${limits[$i]}" "$m" "$rm_ratio" "$p" "$rp_ratio"
done
echo "(ratio = peer time / Ramp time; Ramp must stay under the limit column, in ms)"
