#!/usr/bin/env bash
# Fuzzes with libFuzzer (see ../shared/reference/swift-tooling.md §4, recipe A).
# Usage: scripts/fuzz.sh [SECONDS]          the parser (FuzzParse), default 60 s
#        scripts/fuzz.sh eval [MINUTES]     the evaluator (FuzzEval), default 10 min
#        scripts/fuzz.sh eval-replay        the evaluator on the committed findings only (-runs=0)
#        scripts/fuzz.sh onnx [SECONDS]     the ONNX reader (FuzzONNX), default 300 s
# Builds the product with -sanitize=fuzzer,address in .build-fuzz, runs it on a working corpus seeded
# from the committed corpus, and writes any crash to .build-fuzz/crashes/ (parser) or
# .build-fuzz/eval-crashes/ (evaluator). Keep every crash found as a regression case: parser crashes
# in ParseRobustnessTests.swift; evaluator findings as programs in Tests/CLITests/Fixtures/fuzz-eval
# (turn a crash file into its program with `FUZZ_EVAL_PRINT=1 .build-fuzz/release/FuzzEval FILE`).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=parse
if [[ "${1:-}" == eval || "${1:-}" == eval-replay || "${1:-}" == onnx ]]; then mode="$1"; shift; fi
product=FuzzParse
[[ "$mode" == eval || "$mode" == eval-replay ]] && product=FuzzEval
[[ "$mode" == onnx ]] && product=FuzzONNX
# `--sanitize fuzzer` makes SwiftPM link with libFuzzer's main; the joined `-Xswiftc` flag, last on
# every command, gives both instrumentations. (SwiftPM's `--sanitize fuzzer --sanitize address` passes
# two `-sanitize=` flags in no fixed order and swiftc keeps only the last, so such a build had either
# coverage or ASan, never both; `--sanitize` runs before session 3 were affected.)
build() { swift build -c release --product "$product" --sanitize fuzzer -Xswiftc -sanitize=fuzzer,address --scratch-path .build-fuzz >&2; }
build
# An incremental build can go stale: in session 7 a stored property added to Kernel left a module
# that allocates kernels with the old size, and every input crashed in Kernel.init (run 14 fuzzed
# nothing for half an hour). One empty input must run cleanly; if not, rebuild from scratch once.
sane() {
  mkdir -p .build-fuzz/eval-cwd && : > .build-fuzz/empty-input
  (cd .build-fuzz/eval-cwd && SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 \
    "../release/$product" -runs=1 ../empty-input >/dev/null 2>&1)
}
if ! sane; then
  echo "fuzz.sh: $product crashes on an empty input; rebuilding from scratch" >&2
  rm -rf .build-fuzz/x86_64-unknown-linux-gnu/release
  build
  sane || { echo "fuzz.sh: $product still crashes on an empty input: fix that first" >&2; exit 1; }
fi
# SWIFT_BACKTRACE=enable=no: without it a crash starts swift-backtrace, which hangs under ASan.
export SWIFT_BACKTRACE=enable=no
if [[ "$mode" == parse ]]; then
  seconds="${1:-60}"
  seeds=Tests/RampSyntaxTests/Fixtures/fuzz-corpus
  work=.build-fuzz/corpus
  mkdir -p "$work" .build-fuzz/crashes
  nice -n 10 .build-fuzz/release/FuzzParse "$work" "$seeds" \
    -max_total_time="$seconds" -max_len=2048 -timeout=60 -rss_limit_mb=4096 \
    -artifact_prefix=.build-fuzz/crashes/ -print_final_stats=1
  exit
fi
if [[ "$mode" == onnx ]]; then
  # Seeds: small models Ramp exported and ones written with onnx.helper (Tests/Fuzz/onnx-corpus).
  seconds="${1:-300}"
  work=.build-fuzz/onnx-corpus
  mkdir -p "$work" .build-fuzz/onnx-crashes
  nice -n 10 .build-fuzz/release/FuzzONNX "$work" Tests/Fuzz/onnx-corpus \
    -max_total_time="$seconds" -max_len=8192 -timeout=30 -rss_limit_mb=4096 \
    -artifact_prefix=.build-fuzz/onnx-crashes/ -print_final_stats=1
  exit
fi
# The evaluator: programs run in a scratch folder (Export/Put write there), each with a 0.25 s budget
# (kernel.abort() from a watchdog) and Ramp's allocation limit lowered to 32 MiB (FuzzEval's
# environment variables), so that nomem paths are taken; -rss_limit_mb catches real leaks/blow-ups.
root=$PWD
findings="$root/Tests/CLITests/Fixtures/fuzz-eval-inputs"
work="$root/.build-fuzz/eval-corpus"
mkdir -p "$work" "$root/.build-fuzz/eval-crashes" "$root/.build-fuzz/eval-cwd"
cd "$root/.build-fuzz/eval-cwd"
if [[ "$mode" == eval-replay ]]; then
  exec "$root/.build-fuzz/release/FuzzEval" -runs=0 -rss_limit_mb=4096 "$findings"
fi
minutes="${1:-10}"
shift || true
# -detect_leaks=0 reaches only the parent in -fork mode; each job process would still run
# LeakSanitizer at exit and report a "crash" with an empty input. The environment reaches them all.
for a in "$@"; do [[ "$a" == -detect_leaks=0 ]] && export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"; done
# Further arguments go to libFuzzer (e.g. -detect_leaks=0 to hunt crashes past a known leak).
# Every input of every run stays in the working corpus (tens of thousands after a few hours), and
# libFuzzer runs all its seeds before it starts mutating: at 0.25 s a program, that alone took the
# whole hour of a run. So each run writes its new inputs to a folder of its own and starts from a
# random sample of the earlier ones (EVAL_SEEDS of them, default 1500) and the committed findings.
run_dir="$work/run-$(date +%Y%m%d-%H%M%S)"
seeds="$root/.build-fuzz/eval-seeds"
rm -rf "$seeds"; mkdir -p "$run_dir" "$seeds"
find "$work" -type f | shuf -n "${EVAL_SEEDS:-1500}" | while read -r f; do cp "$f" "$seeds/"; done
HOME="$root/.build-fuzz/eval-cwd" nice -n 19 "$root/.build-fuzz/release/FuzzEval" "$run_dir" "$seeds" "$findings" \
  -max_total_time=$((minutes * 60)) -max_len=256 -len_control=0 -timeout=60 -rss_limit_mb=4096 \
  -artifact_prefix="$root/.build-fuzz/eval-crashes/" -print_final_stats=1 "$@"
