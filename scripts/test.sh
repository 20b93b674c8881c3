#!/usr/bin/env bash
# Runs every test: the Swift test suites (unit, conformance, library, CLI, ONNX interoperability with
# onnx and onnxruntime), a real terminal session of the REPL under tmux, the embedding example
# (a separate package using Ramp by path), and the Jupyter kernel driven by jupyter_client and nbclient.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/setup-interop.sh
swift build --build-tests
swift test --skip-build
scripts/repl-smoke.sh
# EmbedRamp's own build plan goes stale when Ramp gains files or module dependencies (SwiftPM
# then fails with "cannot find … in scope" or "no such module"): it is re-planned each time.
(cd Examples/EmbedRamp && rm -f .build/*/debug/description.json .build/debug.yaml && swift build && .build/debug/EmbedRamp)
scripts/jupyter-test.sh
