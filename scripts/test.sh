#!/usr/bin/env bash
# The test command: installs dependencies, runs a short libFuzzer run of every message decoder,
# builds everything and runs every test (unit, generated-code check, integration tests against
# the real executables). The test runner's summary is the last line.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash Fuzz/run.sh "${PEIXUN_FUZZ_SECONDS:-10}"
swift build --build-tests
swift test --skip-build --disable-xctest
