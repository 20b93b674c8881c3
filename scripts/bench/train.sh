#!/usr/bin/env bash
# NetTrain speed, side by side: one epoch of N examples (default 10^5) of PReLU training with
# MSE loss, ADAM, batch 64, for 3 slopes and for 1000 slopes, against numpy, torch (CPU, 1 thread)
# and jax (jit + scan). Ramp's time is the results' "TotalTrainingTime" (the training loop only,
# not building the data). Targets: 3 slopes ≤ 5 ms, 1000 slopes ≤ 120 ms.
# Usage: scripts/bench/train.sh [N] [repeats]      (the 1000-slope case needs ~1.5 GB of memory)
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-100000}
REPS=${2:-5}
VENV=${BENCH_VENV:-/tmp/benchenv}
swift build -c release --product ramp >/dev/null
RAMP="$(swift build -c release --show-bin-path)/ramp"
RESULTS=$(mktemp)
for d in 3 1000; do
    "$RAMP" -c "x = RandomReal[{-1, 1}, {$N, $d}]; y = Map[If[# > 0, #, 0.3 #] &, x, {2}];
        net = NetInitialize@ParametricRampLayer[\"Input\" -> $d];
        Min[Table[1000 NetTrain[net, x -> y, \"TotalTrainingTime\", BatchSize -> 64, MaxTrainingRounds -> 1,
          TrainingProgressReporting -> None], {$REPS}]]" | sed "s/^/ramp slopes_$d /" >>"$RESULTS"
done
if [ ! -x "$VENV/bin/python" ]; then python3 -m venv "$VENV" || true; fi
if [ -x "$VENV/bin/python" ]; then
    for pkg in numpy torch jax; do
        "$VENV/bin/python" -c "import $pkg" 2>/dev/null || "$VENV/bin/pip" install -q "$pkg" >/dev/null 2>&1 \
            || echo "# $pkg did not install; skipped" >&2
    done
    "$VENV/bin/python" scripts/bench/train_peers.py "$N" "$REPS" >>"$RESULTS" || true
fi
python3 - "$RESULTS" "$N" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip() and not l.startswith("#")]
ms = {}
for peer, case, v in rows:
    try: ms.setdefault(case, {})[peer] = float(v)
    except ValueError: pass
peers = ["numpy", "torch", "jax"]
print(f"One epoch of {int(sys.argv[2]):,} examples, batch 64, ADAM: best ms (ratio = peer / Ramp; > 1 means Ramp is faster)")
print(f"{'case':12s} {'ramp':>9s} " + " ".join(f"{p:>20s}" for p in peers))
for case in ["slopes_3", "slopes_1000"]:
    d = ms.get(case, {}); r = d.get("ramp")
    if r is None: continue
    cells = [f"{d[p]:9.2f} ({d[p] / r:6.2f}x)" if p in d else f"{'-':>20s}" for p in peers]
    print(f"{case:12s} {r:9.2f} " + " ".join(f"{c:>20s}" for c in cells))
PY
rm -f "$RESULTS"
