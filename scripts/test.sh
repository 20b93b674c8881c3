#!/usr/bin/env bash
# Runs every test: the Swift test suites (unit, conformance, library, CLI).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build --build-tests
swift test --skip-build
