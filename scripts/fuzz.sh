#!/usr/bin/env bash
# Fuzzes the parser with libFuzzer (see ../shared/reference/swift-tooling.md §4, recipe A).
# Usage: scripts/fuzz.sh [SECONDS]   (default 60)
# Builds the FuzzParse product with -sanitize=fuzzer,address in .build-fuzz, runs it on a working
# corpus seeded from Tests/RampSyntaxTests/Fixtures/fuzz-corpus, and writes any crash to
# .build-fuzz/crashes/. Keep every crash found as a regression case in ParseRobustnessTests.swift.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
# `--sanitize fuzzer` makes SwiftPM link with libFuzzer's main; the joined `-Xswiftc` flag, last on
# every command, gives both instrumentations. (SwiftPM's `--sanitize fuzzer --sanitize address` passes
# two `-sanitize=` flags in no fixed order and swiftc keeps only the last, so such a build had either
# coverage or ASan, never both; `--sanitize` runs before session 3 were affected.)
swift build -c release --product FuzzParse --sanitize fuzzer -Xswiftc -sanitize=fuzzer,address --scratch-path .build-fuzz >&2
seeds=Tests/RampSyntaxTests/Fixtures/fuzz-corpus
work=.build-fuzz/corpus
mkdir -p "$work" .build-fuzz/crashes
# SWIFT_BACKTRACE=enable=no: without it a crash starts swift-backtrace, which hangs under ASan.
SWIFT_BACKTRACE=enable=no nice -n 10 .build-fuzz/release/FuzzParse "$work" "$seeds" \
  -max_total_time="$seconds" -max_len=2048 -timeout=60 -rss_limit_mb=4096 \
  -artifact_prefix=.build-fuzz/crashes/ -print_final_stats=1
