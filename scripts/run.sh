#!/usr/bin/env bash
# Set up (first time only), build the index if there is none, and open the chat on 127.0.0.1:7860.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/poems-assistant serve "$@"
