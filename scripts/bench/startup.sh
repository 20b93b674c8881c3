#!/usr/bin/env bash
# Start-to-exit time of `ramp -c '1+1'` (release build), median of 20 runs, beside
# `python3 -c 'print(1+1)'` and, when installed, Mathics3 (`mathics -e '1+1'`). Target: ≤ 15 ms.
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/setup.sh
swift build -c release --product ramp >&2
ramp="$(swift build -c release --show-bin-path)/ramp"
runs="${RUNS:-20}"

python3 - "$runs" "$ramp" <<'PY'
import shutil, statistics, subprocess, sys, time
runs, ramp = int(sys.argv[1]), sys.argv[2]
peers = [("ramp -c '1+1'", [ramp, "-c", "1+1"]),
         ("python3 -c 'print(1+1)'", ["python3", "-c", "print(1+1)"])]
mathics = shutil.which("mathics") or shutil.which("mathics3")
if mathics:
    peers.append(("mathics -e '1+1'", [mathics, "-e", "1+1"]))
else:
    print("(Mathics3 not installed: skipped)")
results = {}
for name, cmd in peers:
    subprocess.run(cmd, capture_output=True)            # warm the file cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        out = subprocess.run(cmd, capture_output=True, text=True)
        times.append((time.perf_counter() - start) * 1000)
    results[name] = statistics.median(times)
    print(f"{name:28s} median {results[name]:8.2f} ms   min {min(times):7.2f} ms   output {out.stdout.strip()!r}")
base = results["ramp -c '1+1'"]
for name, t in results.items():
    if name != "ramp -c '1+1'":
        print(f"{name} / ramp = {t / base:.2f}x")
print(f"target: ramp median <= 15 ms: {'met' if base <= 15 else 'NOT met'}")
PY
