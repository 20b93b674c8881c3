#!/usr/bin/env bash
# Builds Ramp (release) and starts it: the REPL with no arguments, or `ramp ARGS…` (a script, -c code).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product ramp >&2
exec .build/release/ramp "$@"
