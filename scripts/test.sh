#!/usr/bin/env bash
# Set up (first time only) and run the whole test suite, slow tests (real model, browser) included.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
exec .venv/bin/python -m pytest "$@"
