#!/usr/bin/env bash
# ONNX speed (issue 18 §2): a 10-layer chain of about 1M parameters (LinearLayer[316] × 10) exported
# from Ramp; Ramp's export and import times, and the forward pass of a batch of 256 by Ramp's own
# net, by the net Ramp imported back, and by onnxruntime on the same file (1 thread), in one run,
# with ratios. Targets: export < 50 ms; imported net within 10% of the original.
# Needs the interop venv (scripts/setup-interop.sh). Usage: scripts/bench/onnx.sh [repeats]
set -euo pipefail
cd "$(dirname "$0")/../.."
REPS=${1:-10}
echo "load: $(uptime | sed 's/.*load average: //')"
swift build -c release --product ramp >/dev/null
RAMP="$(swift build -c release --show-bin-path)/ramp"
scripts/setup-interop.sh >/dev/null
dir=$(mktemp -d)
"$RAMP" -c "
  SeedRandom[1];
  net = NetInitialize[NetChain[Table[LinearLayer[316], {10}], \"Input\" -> 316], RandomSeeding -> 1];
  x = RandomReal[{-1, 1}, {256, 316}];
  Export[\"$dir/x.json\", x];
  export = 1000 Min[Table[First[AbsoluteTiming[Export[\"$dir/net.onnx\", net]]], {$REPS}]];
  import = 1000 Min[Table[First[AbsoluteTiming[back = Import[\"$dir/net.onnx\"]]], {$REPS}]];
  own = 1000 Min[Table[First[AbsoluteTiming[net[x]]], {$REPS}]];
  imported = 1000 Min[Table[First[AbsoluteTiming[back[x]]], {$REPS}]];
  Print[\"parameters \", Information[net, \"ArraysTotalElementCount\"]];
  Print[\"same outputs \", Max[Abs[Flatten[net[x] - back[x]]]] == 0];
  Print[\"ramp export ms \", export];
  Print[\"ramp import ms \", import];
  Print[\"ramp forward (own net) ms \", own];
  Print[\"ramp forward (imported) ms \", imported];
  Print[\"imported / own \", imported / own];
" | tee "$dir/ramp.txt"
.build/interop-venv/bin/python - "$dir" "$REPS" <<'PY'
import json, sys, time
import numpy as np, onnxruntime as ort
folder, reps = sys.argv[1], int(sys.argv[2])
opts = ort.SessionOptions(); opts.intra_op_num_threads = 1; opts.inter_op_num_threads = 1
s = ort.InferenceSession(folder + "/net.onnx", opts, providers=["CPUExecutionProvider"])
x = np.asarray(json.load(open(folder + "/x.json")), np.float32)
best = min((lambda t0: (s.run(None, {"Input": x}), time.perf_counter() - t0)[1])(time.perf_counter()) for _ in range(reps)) * 1e3
own = float([l for l in open(folder + "/ramp.txt") if l.startswith("ramp forward (own net)")][0].split()[-1])
print(f"onnxruntime forward (1 thread) ms {best:.3f}")
print(f"ramp own / onnxruntime {own / best:.2f}")
PY
echo "load: $(uptime | sed 's/.*load average: //')"
rm -rf "$dir"
