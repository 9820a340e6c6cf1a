#!/usr/bin/env bash
# The test command: installs dependencies, builds everything, runs every test (unit, generated-code
# check, integration tests against the real executables), then a short libFuzzer run of the codec.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build --build-tests
swift test --skip-build --disable-xctest
bash Fuzz/run.sh "${PEIXUN_FUZZ_SECONDS:-30}"
