#!/usr/bin/env bash
# Parse benchmark: generates a 10 MB .wl file (and a 10 MB single line), parses it with Ramp's parser
# (release build) and prints MB/s; then the same for Mathics3 on a 1 MB sample when
# `pip install mathics3` works in a venv under /tmp (tolerated to fail), and the ratio.
# Usage: scripts/bench/parse.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=/tmp/ramp-parse-bench
mkdir -p "$dir"
python3 scripts/bench/gen-wl.py "$dir/program.wl" 10000000
python3 scripts/bench/gen-wl.py "$dir/line.wl" 10000000 --one-line
python3 scripts/bench/gen-wl.py "$dir/sample.wl" 1000000
swift build -c release --product ParseBench >&2
bench=$(swift build -c release --show-bin-path)/ParseBench
echo "10 MB program, one expression per line:"
ramp=$("$bench" "$dir/program.wl" 5); echo "  $ramp"
echo "10 MB single line (one CompoundExpression):"
echo "  $("$bench" "$dir/line.wl" 3)"
ramp_mbs=$(echo "$ramp" | sed -E 's/.*MB: ([0-9]+) MB\/s CPU.*/\1/')

venv=/tmp/benchenv
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv" >/dev/null 2>&1 || true; fi
if [ -x "$venv/bin/python" ] && ! "$venv/bin/python" -c "import mathics" >/dev/null 2>&1; then
  "$venv/bin/pip" install -q mathics3 >/dev/null 2>&1 || true
fi
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import mathics" >/dev/null 2>&1; then
  mathics_mbs=$("$venv/bin/python" - "$dir/sample.wl" <<'PY'
import sys, time
from mathics.core.parser import parse, MathicsMultiLineFeeder
from mathics.core.definitions import Definitions
text = open(sys.argv[1]).read()
definitions = Definitions(add_builtin=True)
start = time.perf_counter()
feeder = MathicsMultiLineFeeder(text)
n = 0
while not feeder.empty():
    if parse(definitions, feeder) is not None:
        n += 1
elapsed = time.perf_counter() - start
print(f"{len(text.encode()) / 1e6 / elapsed:.2f}")
PY
  ) || mathics_mbs=""
  if [ -n "$mathics_mbs" ]; then
    echo "Mathics3 on a 1 MB sample: $mathics_mbs MB/s"
    python3 -c "print(f'ratio ramp/Mathics3: {$ramp_mbs / $mathics_mbs:.0f}x')"
  else
    echo "Mathics3: installed but parsing failed; skipped"
  fi
else
  echo "Mathics3: not available (pip install mathics3 failed); skipped"
fi
