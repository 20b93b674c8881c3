#!/usr/bin/env bash
# Tests the Jupyter kernel with the real clients: a virtual environment at .build/jupyter-venv
# (made when missing) with jupyter_client, nbclient and nbformat from PyPI; the kernel spec of the
# built ramp installed into it (`ramp jupyter install --sys-prefix`, nothing outside .build); then
# Tests/Jupyter/test_kernel.py drives the kernel (kernel_info, execute with every output type,
# is_complete, complete, inspect, history, interrupt by SIGINT and on the control channel, messages
# with bad signatures and bad JSON, shutdown) and executes Examples/ParametricRampLayer.ipynb with
# nbclient, checking every cell's output types.
# RAMP_NOTEBOOK_OUT=file.ipynb keeps the executed notebook.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
venv=.build/jupyter-venv
if ! "$venv/bin/python" -c "import jupyter_client, nbclient, nbformat, zmq" 2>/dev/null; then
    mkdir -p .build
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check jupyter_client nbclient nbformat
fi
swift build --product ramp >&2
bin="$(swift build --show-bin-path)/ramp"
export VIRTUAL_ENV="$PWD/$venv"
export JUPYTER_PATH="$VIRTUAL_ENV/share/jupyter"   # this venv's spec first, whatever the user has installed
"$bin" jupyter install --sys-prefix
"$venv/bin/python" Tests/Jupyter/test_kernel.py
