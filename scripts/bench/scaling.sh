#!/usr/bin/env bash
# Growth from n = 2000 to 8n = 16000 (issue 16): the release `ramp` beside CPython doing the same
# work, in one run. A linear builtin grows about 8×, n log n about 9–10×, a quadratic one about 64×.
#   scripts/bench/scaling.sh            (N=2000 by default; N=4000 scripts/bench/scaling.sh for more)
# Ramp is timed in-process with AbsoluteTiming (start-up is not counted), CPython with
# time.perf_counter; each time is the best of three runs. A Ramp run longer than LIMIT seconds
# (default 120) gives up and shows as ">LIMIT".
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${N:-2000}
LIMIT=${LIMIT:-120}
swift build -c release --product ramp >&2
RAMP=.build/release/ramp
LOAD_START=$(uptime | sed 's/.*load average: //')
WORK=$(mktemp -d /tmp/ramp-bench-scaling.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# The cases, one per index of these three arrays: a name, Ramp code (reads n), Python code (reads
# n; "-" when there is no counterpart). The setup (random data, the list to work on) is timed on
# both sides.
names=(
  'Thread[x -> x], x n×3 packed'
  'w[[i]] = 0. in a loop'
  'ReplaceRepeated {a___, 3, b___}'
  'ReplaceRepeated, four 3s'
  'AppendTo in a loop'
  'Association[Thread[iv -> iv]]'
  'NetTrain on Thread[x -> x], 1 round'
  'a[i] = i on an association'
  'Sort of an n×2 packed matrix'
  'StringTake[s, {i}] over s'
  'ReplacePart at n/7 positions'
  'Take/Drop on a packed matrix'
  'StringSplit'
  'Tally of n integers'
  's = s <> "ab" (left quadratic)'
  'PrependTo in a loop (left quadratic)'
  'KeyDropFrom in a loop (left quadratic)'
)
ramp_code=(
  'x = RandomReal[1, {n, 3}]; Thread[x -> x]'
  'v = Table[1., {n}]; Module[{w = v}, Do[w[[i]] = 0., {i, n}]; w]'
  'ReplaceRepeated[Range[n], {a___, 3, b___} :> {a, b}]'
  'ReplaceRepeated[Join[Range[n], {3, 3, 3}], {a___, 3, b___} :> {a, b}]'
  'Module[{s = {}}, Do[AppendTo[s, i], {i, n}]; s]'
  'iv = Range[n]; Association[Thread[iv -> iv]]'
  'p = NetInitialize[ParametricRampLayer["Input" -> 3]]; x = RandomReal[{-1, 1}, {n, 3}]; NetTrain[p, Thread[x -> x], MaxTrainingRounds -> 1, TrainingProgressReporting -> None]'
  'a = <||>; Do[a[i] = i, {i, n}]; a'
  'Sort[RandomReal[1, {n, 2}]]'
  's = StringRepeat["ab", n]; Do[StringTake[s, {i}], {i, n}]'
  'ReplacePart[Range[n], Table[i -> 0, {i, 1, n, 7}]]'
  'x = RandomReal[1, {n, 3}]; Do[Take[x, 2]; Drop[x, n - 2], {n}]'
  'Length[StringSplit[StringRepeat["ab cd ", n]]]'
  'Tally[Mod[Range[n], 100]]'
  's = ""; Do[s = s <> "ab", {i, n}]; StringLength[s]'
  'Module[{s = {}}, Do[PrependTo[s, i], {i, n}]; s]'
  'a = AssociationThread[Range[n], Range[n]]; Do[KeyDropFrom[a, i], {i, n}]; a'
)
python_code=(
  'x = [[random.random() for _ in range(3)] for _ in range(n)]; r = list(zip(x, x))'
  'v = [1.0] * n; w = list(v)
for i in range(n): w[i] = 0.0'
  'l = list(range(1, n + 1))
while 3 in l:
    i = l.index(3); l = l[:i] + l[i + 1:]'
  'l = list(range(1, n + 1)) + [3, 3, 3]
while 3 in l:
    i = l.index(3); l = l[:i] + l[i + 1:]'
  's = []
for i in range(1, n + 1): s.append(i)'
  'iv = list(range(1, n + 1)); d = dict(zip(iv, iv))'
  '-'
  'a = {}
for i in range(1, n + 1): a[i] = i'
  'r = sorted([random.random(), random.random()] for _ in range(n))'
  's = '\''ab'\'' * n
for i in range(n): c = s[i]'
  'l = list(range(1, n + 1))
for i in range(0, n, 7): l[i] = 0'
  'x = [[random.random() for _ in range(3)] for _ in range(n)]
for _ in range(n): a = x[:2]; b = x[n - 2:]'
  'r = len(('\''ab cd '\'' * n).split())'
  'r = collections.Counter(i % 100 for i in range(1, n + 1))'
  's = '\'''\''
for i in range(n): s = s + '\''ab'\'''
  's = []
for i in range(n): s.insert(0, i)'
  'a = dict(zip(range(1, n + 1), range(1, n + 1)))
for i in range(1, n + 1): del a[i]'
)

# One Ramp script for every case: times at n and 8n (ms), tab-separated, one line per case.
{
  echo "zzBest[f_] := Module[{t = Infinity, r, k = 0, out = False}, While[k < 3 && !out, k++; r = AbsoluteTiming[TimeConstrained[f[], $LIMIT, zzTimedOut]]; If[r[[2]] === zzTimedOut, out = True, t = Min[t, r[[1]]]]]; If[out, Infinity, t]];"
  for rcode in "${ramp_code[@]}"; do
    echo "zzRun[] := ($rcode;); n = $N; zzS = zzBest[zzRun]; n = 8 $N; zzL = zzBest[zzRun];"
    echo "Print[ToString[1000 zzS, InputForm], \"	\", ToString[1000 zzL, InputForm]];"
  done
} > "$WORK/cases.wl"
# A run that passes LIMIT seconds stops the case's runs and shows as >LIMIT.
mapfile -t ramp_lines < <("$RAMP" "$WORK/cases.wl")

# One Python run for every case, likewise.
{
  echo "import time, random, collections"
  echo "def best(code, n):"
  echo "    t = 1e9"
  echo "    for _ in range(3):"
  echo "        s = time.perf_counter(); exec(code, {'n': n, 'random': random, 'collections': collections}); t = min(t, time.perf_counter() - s)"
  echo "    return t * 1000"
  i=0
  for pcode in "${python_code[@]}"; do
    printf 'code%d = %s\n' "$i" "$(python3 -c 'import sys, json; print(json.dumps(sys.argv[1]))' "$pcode")"
    echo "print('-\t-' if code$i == '-' else f'{best(code$i, $N):.3f}\t{best(code$i, 8 * $N):.3f}', flush=True)"
    i=$((i + 1))
  done
} > "$WORK/cases.py"
mapfile -t py_lines < <(python3 "$WORK/cases.py")

echo "machine: $(nproc) cores; load average (1, 5, 15 min) at the start: $LOAD_START; at the end: $(uptime | sed 's/.*load average: //')"
echo "n = $N and 8n = $((8 * N)); times in ms, best of 3; growth = time at 8n / time at n"
printf "%-40s %10s %10s %7s   %10s %10s %7s\n" "case" "ramp n" "ramp 8n" "growth" "python n" "python 8n" "growth"
growth() { python3 -c "import sys, math; a, b = sys.argv[1], sys.argv[2]
try: g = float(b) / max(float(a), 1e-6); print('-' if math.isnan(g) else ('>' if math.isinf(g) else f'{g:.1f}x'))
except ValueError: print('-')" "$1" "$2"; }
fmt() { python3 -c "import sys; v = sys.argv[1]
try: x = float(v); print('>$LIMIT s' if x == float('inf') else f'{x:.2f}')
except ValueError: print(v)" "$1"; }
for i in "${!names[@]}"; do
  name=${names[$i]}
  IFS=$'\t' read -r rs rl <<<"${ramp_lines[$i]:-? ?}"
  IFS=$'\t' read -r ps pl <<<"${py_lines[$i]:-- -}"
  printf "%-40s %10s %10s %7s   %10s %10s %7s\n" "$name" "$(fmt "$rs")" "$(fmt "$rl")" "$(growth "$rs" "$rl")" "$ps" "$pl" "$(growth "$ps" "$pl")"
done
