#!/usr/bin/env bash
# The run command: installs dependencies, builds in release, and starts Peixun on loopback with
# embedded defaults (`peixun up`). Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build -c release --product peixun
exec .build/release/peixun up --demo town "$@"
