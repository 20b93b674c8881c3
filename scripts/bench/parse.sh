#!/usr/bin/env bash
# Parse benchmark: generates a 10 MB .wl file (and a 10 MB single line), parses it with Ramp's parser
# (release build) and prints MB/s (CPU time, since the machine may be shared, and wall clock); then
# Mathics3's parser on a 0.2 MB sample when
# `pip install mathics3` works in a venv under /tmp (tolerated to fail), and the ratio.
# Ramp's timed part is reading the file, decoding it as UTF-8, lexing and parsing it into Expr values
# (best of the repeats, memory reused; the first repeat on fresh memory is shown as "cold"). Freeing
# the expressions is timed apart and not included. Mathics3's figure is its parser only (tokens to
# its AST, no file reading, no conversion to expressions).
# Ramp runs twice: as `ramp` reads files (two threads for programs of 512 KB or more) and on one
# thread (`Parser.readsLargeProgramsOnTwoThreads = false`), so both the wall-clock and the CPU figure
# can be compared.
# Usage: scripts/bench/parse.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=/tmp/ramp-parse-bench
mkdir -p "$dir"
python3 scripts/bench/gen-wl.py "$dir/program.wl" 10000000
python3 scripts/bench/gen-wl.py "$dir/line.wl" 10000000 --one-line
swift build -c release --product ParseBench >&2
bench=$(swift build -c release --show-bin-path)/ParseBench
echo "Timed: read file + decode UTF-8 + lex + parse into Expr (freeing timed apart, not included)."
echo "10 MB program, one expression per line (programs of 512 KB or more are read by two threads):"
ramp=$("$bench" "$dir/program.wl" 5); echo "  $ramp"
ramp1=$("$bench" "$dir/program.wl" 5 1); echo "  $ramp1"
echo "10 MB single line (one CompoundExpression; one thread, there is no line to split at):"
echo "  $("$bench" "$dir/line.wl" 3 1)"
ramp_wall=$(echo "$ramp" | sed -E 's/.*MB\/s CPU time \([0-9]+ ms\), ([0-9]+) MB\/s wall.*/\1/')
ramp1_mbs=$(echo "$ramp1" | sed -E 's/.*MB: ([0-9]+) MB\/s CPU.*/\1/')

venv=/tmp/benchenv
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv" >/dev/null 2>&1 || true; fi
if [ -x "$venv/bin/python" ] && ! "$venv/bin/python" -c "import mathics" >/dev/null 2>&1; then
  "$venv/bin/pip" install -q mathics3 >/dev/null 2>&1 || true
fi
# Mathics3's own parser (tokens to its AST, without conversion to expressions) on the first 2600
# lines (about 0.2 MB), with the Ramp-only level list `<1, 2>` written as `{1, 2}`.
head -n 2600 "$dir/program.wl" | sed 's/<1, 2>/{1, 2}/g' > "$dir/sample.wl"
mathics=""
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import mathics" >/dev/null 2>&1; then
  mathics=$("$venv/bin/python" - "$dir/sample.wl" <<'PY' 2>/dev/null
import sys, time
from mathics.core.parser.parser import Parser
from mathics.core.parser.feed import MathicsMultiLineFeeder
text = open(sys.argv[1]).read()
parser = Parser()
start, cpu0 = time.perf_counter(), time.process_time()
feeder = MathicsMultiLineFeeder(text, "bench")
while not feeder.empty():
    parser.parse(feeder)
wall, cpu = time.perf_counter() - start, time.process_time() - cpu0
mb = len(text.encode()) / 1e6
print(f"{mb / cpu:.2f} {mb / wall:.2f}")
PY
  ) || mathics=""
fi
if [ -n "$mathics" ]; then
  read -r m_cpu m_wall <<< "$mathics"
  echo "Mathics3 parser on a 0.2 MB sample: $m_cpu MB/s CPU time, $m_wall MB/s wall clock"
  python3 -c "print(f'ratio Ramp/Mathics3: one thread, CPU time {$ramp1_mbs / $m_cpu:.0f}x; two threads, wall clock {$ramp_wall / $m_wall:.0f}x')"
else
  echo "Mathics3: not available (pip install mathics3 or its parser failed); skipped"
fi
