#!/usr/bin/env bash
# Issue 9's chaos run: `peixun up` + `peixun demo` twice on fresh data folders, once without
# faults and once with the broker, each service and the dashboard SIGKILLed in turn (restarted by
# up) and reporting SIGSTOPped for 5 s; then every store must equal the fault-free run's.
# Prints the table of faults and outcomes (docs/reliability.md).
#
#   bash scripts/chaos.sh                      # short form: town scale, debug build (about 1 minute)
#   bash scripts/chaos.sh --scale county       # long form: county scale, release peixun
#   bash scripts/chaos.sh --scale town --seed 5
#
# The harness is the integration test ChaosTests (it runs in every `swift test` at town scale);
# this script sets its scale and seed, and for county or city builds a release `peixun` and points
# the test at it through PEIXUN_BIN.
set -euo pipefail
cd "$(dirname "$0")/.."
scale=town
seed=11
while [ $# -gt 0 ]; do
    case "$1" in
        --scale) scale="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        *) echo "usage: scripts/chaos.sh [--scale town|county|city] [--seed N]" >&2; exit 2 ;;
    esac
done
swift build --build-tests
if [ "$scale" != town ]; then
    swift build -c release --product peixun
    export PEIXUN_BIN="$PWD/.build/release/peixun"
fi
PEIXUN_CHAOS_SCALE="$scale" PEIXUN_CHAOS_SEED="$seed" \
    swift test --skip-build --disable-xctest --filter 'ChaosTests'
