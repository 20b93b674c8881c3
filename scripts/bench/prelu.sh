#!/usr/bin/env bash
# PReLU speed, side by side: Ramp's ParametricRampLayer against numpy, onnxruntime, torch (CPU, 1
# and 2 threads) and jax, over N Float32 values (default 10^7), forward (`layer[numericArray]`,
# output allocated) and forward+backward (input and slope gradients), with one slope and with one
# slope per channel (64 channels). memcpy (40 MB in, 40 MB out) is printed as the floor.
# Usage: scripts/bench/prelu.sh [N] [repeats]     CONFIG=release for a release build (slower to build;
# RampNet and the benchmark are compiled with -O in both configurations).
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-10000000}
REPS=${2:-21}
CONFIG=${CONFIG:-debug}
VENV=${BENCH_VENV:-/tmp/benchenv}

swift build -c "$CONFIG" --product PReLUBench >/dev/null
RESULTS=$(mktemp)
"$(swift build -c "$CONFIG" --show-bin-path)/PReLUBench" "$N" "$REPS" | sed 's/^/ramp /' >"$RESULTS"

if [ ! -x "$VENV/bin/python" ]; then python3 -m venv "$VENV" || true; fi
if [ -x "$VENV/bin/python" ]; then
    for pkg in numpy onnx onnxruntime torch "jax"; do
        "$VENV/bin/python" -c "import ${pkg%%[*}" 2>/dev/null || "$VENV/bin/pip" install -q "$pkg" >/dev/null 2>&1 \
            || echo "# $pkg did not install; skipped" >&2
    done
    "$VENV/bin/python" scripts/bench/prelu_peers.py "$N" "$REPS" >>"$RESULTS" || true
fi

python3 - "$RESULTS" "$N" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip() and not l.startswith("#")]
ns = {}
for peer, case, v in rows:
    ns.setdefault(case, {})[peer] = float(v)
peers = [p for p in ["numpy", "onnxruntime", "torch1", "torch2", "jax"] if any(p in d for d in ns.values())]
print(f"PReLU over {int(sys.argv[2]):,} Float32 values: median ns/element (ratio = peer / Ramp; > 1 means Ramp is faster)")
print(f"memcpy floor: {ns.get('memcpy', {}).get('ramp', float('nan')):.3f} ns/element")
head = f"{'case':32s} {'ramp':>8s} " + " ".join(f"{p:>20s}" for p in peers)
print(head)
for case in ["forward_single_slope", "forward_per_channel", "forward_backward_single_slope", "forward_backward_per_channel"]:
    d = ns.get(case, {})
    r = d.get("ramp")
    if r is None:
        continue
    cells = []
    for p in peers:
        v = d.get(p)
        cells.append(f"{v:8.3f} ({v / r:5.2f}x)" if v is not None else f"{'-':>20s}")
    print(f"{case:32s} {r:8.3f} " + " ".join(f"{c:>20s}" for c in cells))
PY
rm -f "$RESULTS"
