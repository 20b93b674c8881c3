#!/usr/bin/env bash
# NetTrain speed, side by side: one epoch of N examples (default 10^5) of PReLU training with
# MSE loss, ADAM, batch 64, for 3 slopes and for 1000 slopes, against numpy, torch (CPU, 1 thread)
# and jax (jit + scan). Ramp's time is the results' "TotalTrainingTime" (the training loop only:
# shuffling, batches, ADAM, building the trained net; progress reporting None); "ramp call" is the
# whole NetTrain call, which also reads the packed data into Float32. Peers time their epoch loop
# (numpy, torch: including shuffling; jax: the jitted scan over batches in order).
# Targets: 3 slopes ≤ 5 ms, 1000 slopes ≤ 120 ms.
# Usage: scripts/bench/train.sh [N] [repeats]      (the 1000-slope case needs ~3 GB of memory)
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-100000}
REPS=${2:-5}
VENV=${BENCH_VENV:-/tmp/benchenv}
if [ -n "${RAMP_BIN:-}" ]; then RAMP=$RAMP_BIN; else   # RAMP_BIN: compare another build
    swift build -c release --product ramp >/dev/null
    RAMP="$(swift build -c release --show-bin-path)/ramp"
fi
RESULTS=$(mktemp)
for d in 3 1000; do
    # Targets through a fixed-slope layer (an elementwise Map over 10^8 numbers would take minutes).
    # Each repeat prints the loop time ("TotalTrainingTime": the epoch only, from the first batch
    # to the trained net) and the whole NetTrain call (with reading the data into Float32).
    "$RAMP" -c "x = RandomReal[{-1, 1}, {$N, $d}]; y = ParametricRampLayer[\"Slope\" -> 0.3, \"Input\" -> $d][x];
        net = NetInitialize@ParametricRampLayer[\"Input\" -> $d];
        times = Table[With[{call = AbsoluteTiming[NetTrain[net, x -> y, \"TotalTrainingTime\", BatchSize -> 64,
          MaxTrainingRounds -> 1, TrainingProgressReporting -> None]]}, 1000 {call[[2]], call[[1]]}], {$REPS}];
        Print[\"ramp slopes_$d \", Min[times[[All, 1]]]]; Print[\"ramp_call slopes_$d \", Min[times[[All, 2]]]];" >>"$RESULTS"
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
rows = [l.split() for l in open(sys.argv[1]) if len(l.split()) == 3 and not l.startswith("#")]
ms = {}
for peer, case, v in rows:
    try: ms.setdefault(case, {})[peer] = float(v)
    except ValueError: pass
peers = ["numpy", "torch", "jax"]
print(f"One epoch of {int(sys.argv[2]):,} examples, batch 64, ADAM: best ms (ratio = peer / Ramp; > 1 means Ramp is faster)")
print(f"{'case':12s} {'ramp':>9s} {'ramp call':>10s} " + " ".join(f"{p:>20s}" for p in peers))
for case in ["slopes_3", "slopes_1000"]:
    d = ms.get(case, {}); r = d.get("ramp")
    if r is None: continue
    cells = [f"{d[p]:9.2f} ({d[p] / r:6.2f}x)" if p in d else f"{'-':>20s}" for p in peers]
    call = d.get("ramp_call")
    print(f"{case:12s} {r:9.2f} {call if call is None else round(call, 1)!s:>10s} " + " ".join(f"{c:>20s}" for c in cells))
PY
rm -f "$RESULTS"
