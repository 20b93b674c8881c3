#!/usr/bin/env bash
# The Python packages of the interoperability tests (ONNX: onnx, onnxruntime, numpy), in a virtual
# environment of their own at .build/interop-venv (made when missing; nothing is installed
# system-wide). Tests/CLITests/ONNXInteropTests.swift runs its python.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.build/interop-venv
if ! "$venv/bin/python" -c "import onnx, onnxruntime, numpy" 2>/dev/null; then
    mkdir -p .build
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check onnx onnxruntime numpy
fi
"$venv/bin/python" -c "import onnx, onnxruntime; print('interop venv: onnx', onnx.__version__, 'onnxruntime', onnxruntime.__version__)"
