#!/usr/bin/env bash
# Installs what building Ramp needs on a fresh Debian machine, when it is missing.
# Called by run.sh and test.sh; safe to run again.
set -euo pipefail
need=()
[ -f /usr/include/readline/readline.h ] || need+=(libreadline-dev)
# GMP's header is under the multiarch folder on Debian (/usr/include/x86_64-linux-gnu/gmp.h).
compgen -G "/usr/include/gmp.h" >/dev/null || compgen -G "/usr/include/*/gmp.h" >/dev/null || need+=(libgmp-dev)
[ -f /usr/include/mpfr.h ] || compgen -G "/usr/include/*/mpfr.h" >/dev/null || need+=(libmpfr-dev)
# Cairo draws Graphics (RampGraphics); DejaVu is the font its text uses.
[ -f /usr/include/cairo/cairo.h ] || need+=(libcairo2-dev)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
# FLINT: polynomials for Expand, Factor and the rest of the algebra (RampAlgebra).
[ -f /usr/include/flint/fmpq_mpoly_factor.h ] || need+=(libflint-dev)
# ZeroMQ: the Jupyter kernel's sockets (RampJupyter).
[ -f /usr/include/zmq.h ] || compgen -G "/usr/include/*/zmq.h" >/dev/null || need+=(libzmq3-dev)
for tool in "$@"; do command -v "$tool" >/dev/null 2>&1 || need+=("$tool"); done
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "setup: installing ${need[*]}" >&2
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >&2
fi
