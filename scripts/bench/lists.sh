#!/usr/bin/env bash
# Side-by-side list benchmarks: Ramp (release build) against numpy, in one run, printing ratios.
#   scripts/bench/lists.sh
# Targets: Total[RandomReal[1, 10^7]] ≤ 50 ms; a = Range[10^6]; Total[a^2 + 3 a] ≤ 30 ms;
# the Dot of two RandomReal[1, 10^6] vectors ≤ 5 ms. Each timing is the best of several runs.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product ramp >&2
RAMP=.build/release/ramp

# numpy in a venv under /tmp (tolerated when unavailable).
PY=""
if [ ! -x /tmp/benchenv/bin/python ]; then
    python3 -m venv /tmp/benchenv >/dev/null 2>&1 && /tmp/benchenv/bin/pip install -q numpy >/dev/null 2>&1 || true
fi
if [ -x /tmp/benchenv/bin/python ] && /tmp/benchenv/bin/python -c "import numpy" 2>/dev/null; then PY=/tmp/benchenv/bin/python; fi

# Each case: name, Ramp setup, Ramp timed expression, numpy setup, numpy timed expression, target ms.
cases=(
  "Total[RandomReal[1, 10^7]]|Null|Total[RandomReal[1, 10^7]]|pass|np.random.random(10**7).sum()|50"
  "a = Range[10^6]; Total[a^2 + 3 a]|a = Range[10^6]|Total[a^2 + 3 a]|a = np.arange(1, 10**6 + 1)|(a**2 + 3*a).sum()|30"
  "u . v (10^6 reals)|u = RandomReal[1, 10^6]; v = RandomReal[1, 10^6]|u . v|u = np.random.random(10**6); v = np.random.random(10**6)|u.dot(v)|5"
)

printf "%-36s %12s %12s %8s %10s\n" "case" "ramp ms" "numpy ms" "ratio" "target ms"
for c in "${cases[@]}"; do
    IFS='|' read -r name rsetup rexpr psetup pexpr target <<<"$c"
    rms=$($RAMP -c "$rsetup; Min[Table[1000 First[AbsoluteTiming[$rexpr;]], {7}]]" | tail -1)
    pms="n/a"; ratio="n/a"
    if [ -n "$PY" ]; then
        pms=$($PY -c "
import numpy as np, time
$psetup
best = 1e9
for _ in range(7):
    t = time.perf_counter(); $pexpr; best = min(best, time.perf_counter() - t)
print(f'{best*1000:.3f}')")
        ratio=$(python3 -c "print(f'{float(\"$rms\")/max(float(\"$pms\"),1e-9):.2f}')" 2>/dev/null || echo "n/a")
    fi
    printf "%-36s %12.3f %12s %8s %10s\n" "$name" "$rms" "$pms" "$ratio" "$target"
done
