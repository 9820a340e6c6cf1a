#!/usr/bin/env bash
# Peixun benchmarks: one command, run from the repository root (or anywhere):
#
#     bash Benchmarks/run.sh
#
# Builds Benchmarks/ in release (its own package and .build: users of Peixun never build
# swift-protobuf), measures, and rewrites BENCHMARKS.md. About 4–8 minutes on 2 cores
# (longer the first time, when everything is compiled).
#
#   (a) codec (Benchmarks/codec.sh), one representative message per family: bytes on the wire;
#       instructions/op from two callgrind runs of the same binary with N1 and N2 iterations,
#       differenced ((I2-I1)/(N2-N1), so start-up cancels out); allocations/op from memcheck's heap
#       totals differenced the same way; wall-clock ns/op (median of 7 runs, for information).
#   (b) bus: events/s through the real broker executable, raw libzmq reference and Peixun
#       interleaved 3 times each, medians.
#   (c) commands: requests/s and latency through the broker's request path, from 1 and 4 client
#       threads (DEALER each, 64 requests in flight per client): `peixun echo-worker` (the request
#       path without a store) and `peixun-testservice owner` (durable commands, group commit),
#       interleaved 3 rounds, medians.
#   (d) enrollment: the real `peixun enrollment` (fresh store per run) behind the same broker: setup
#       (organisations, ENR_MEMBERS members by ImportRoster, course, instructor, class, lesson), then
#       timed: one Enroll per member, then one CheckIn per member (ENR_CLIENTS clients × ENR_IN_FLIGHT
#       in flight); ENR_ROUNDS runs, medians; the group-commit ratio from each store's command ledger.
# Where a target is missed, the Peixun path is profiled (callgrind, callgrind_annotate).
#
# Environment knobs (for trying things out; the defaults are what BENCHMARKS.md reports):
#   BUS_CURVE_MESSAGES (300000)  BUS_LATENCY_RATE (10000)  BUS_LATENCY_MESSAGES (30000)
#   BUS_MESSAGES (1000000)  WALL_ITERATIONS (1000000)  WALL_REPEATS (7)  BUS_ROUNDS (3)
#   CMD_REQUESTS (20000)  CMD_IN_FLIGHT (64)  CMD_ROUNDS (3)
#   ENR_MEMBERS (40000)  ENR_CLIENTS (4)  ENR_IN_FLIGHT (64)  ENR_ROUNDS (3)
#   WALL_INSTRUCTIONS (500000000: a codec wall-clock run's length, in its instructions)
#   PROFILE_ALL=1: profile every Peixun path, met or not.  KEEP_WORK=1: keep the raw outputs.
#   ONLY_CODEC=1: only part (a), for iterating on it; the report goes to
#       Benchmarks/.build/BENCHMARKS.codec.md and BENCHMARKS.md is left alone.
#   E2E_SCALES ("town county city")  E2E_RUNS_town (3)  E2E_RUNS_county (3)  E2E_RUNS_city (1)
#   E2E_SEED (2024)  E2E_PORT (7570)  E2E_RAW_ROWS (300000)  E2E_PARTITIONS (""): part (e), see Benchmarks/e2e.sh.
#   ONLY_E2E=1: only part (e); the report goes to Benchmarks/.build/BENCHMARKS.e2e.md.
#   ONLY_ENROLLMENT=1: only part (d), for iterating on it; the report goes to
#       Benchmarks/.build/BENCHMARKS.enrollment.md and BENCHMARKS.md is left alone.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
cd "$here"

BUS_MESSAGES="${BUS_MESSAGES:-1000000}"
BUS_ROUNDS="${BUS_ROUNDS:-3}"
BUS_CURVE_MESSAGES="${BUS_CURVE_MESSAGES:-300000}"
BUS_LATENCY_RATE="${BUS_LATENCY_RATE:-10000}"
BUS_LATENCY_MESSAGES="${BUS_LATENCY_MESSAGES:-30000}"
WALL_ITERATIONS="${WALL_ITERATIONS:-1000000}"
WALL_REPEATS="${WALL_REPEATS:-7}"
CMD_REQUESTS="${CMD_REQUESTS:-20000}"
CMD_IN_FLIGHT="${CMD_IN_FLIGHT:-64}"
CMD_ROUNDS="${CMD_ROUNDS:-3}"
ENR_MEMBERS="${ENR_MEMBERS:-40000}"
ENR_CLIENTS="${ENR_CLIENTS:-4}"
ENR_IN_FLIGHT="${ENR_IN_FLIGHT:-64}"
ENR_ROUNDS="${ENR_ROUNDS:-3}"
ONLY_ENROLLMENT="${ONLY_ENROLLMENT:-0}"
ONLY_E2E="${ONLY_E2E:-0}"
# Parts (a)–(d) are skipped when only (d) or only (e) is asked for.
if [[ "$ONLY_ENROLLMENT" == 1 || "$ONLY_E2E" == 1 ]]; then SKIP_ABC=1; else SKIP_ABC=0; fi
ONLY_CODEC="${ONLY_CODEC:-0}"
# shellcheck source=codec.sh
source "$here/codec.sh"

for tool in valgrind callgrind_annotate swift sqlite3; do
    command -v "$tool" >/dev/null || { echo "run.sh: $tool is missing (apt-get install -y valgrind)" >&2; exit 1; }
done

work="$(mktemp -d "${TMPDIR:-/tmp}/peixun-bench.XXXXXX")"
broker_pid=""
owner_pid=""
echo_pid=""
enrollment_pid=""
stop_process() {  # pid: SIGTERM, then wait for it
    if [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null; then
        kill "$1" 2>/dev/null || true
        wait "$1" 2>/dev/null || true
    fi
}
cleanup() {
    # Workers first, then the broker they are connected to.
    stop_process "$owner_pid"
    stop_process "$echo_pid"
    stop_process "${echo2_pid:-}"
    stop_process "$enrollment_pid"
    stop_process "${up_pid:-}"
    stop_process "${curve_broker_pid:-}"
    stop_process "$broker_pid"
    if [[ "${KEEP_WORK:-0}" == 1 ]]; then echo "run.sh: raw outputs kept in $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

wait_ready() {  # pid file pattern name
    local pid="$1" file="$2" pattern="$3" name="$4"
    for _ in $(seq 200); do
        grep -q "$pattern" "$file" 2>/dev/null && return 0
        kill -0 "$pid" 2>/dev/null || { cat "${file%.out}.err" >&2; echo "run.sh: $name exited" >&2; exit 1; }
        sleep 0.1
    done
    echo "run.sh: $name not ready in 20 s" >&2
    exit 1
}

results="$work/results.txt"
: >"$results"
record() { echo "$*" >>"$results"; }
step() { echo "[$(date +%H:%M:%S)] $*" >&2; }
partial_report() {  # name: a part run alone; its report goes to Benchmarks/.build/BENCHMARKS.<name>.md
    record elapsed.seconds "$(($(date +%s) - started))"
    local out="$here/.build/BENCHMARKS.$1.md"
    "$bench" report "$results" >"$out"
    step "wrote $out ($(($(date +%s) - started)) s); BENCHMARKS.md left alone"
    exit 0
}
demangle() { swift demangle --simplified 2>/dev/null || cat; }
started=$(date +%s)

# ---------------------------------------------------------------------------------------------
step "building (release): peixun-bench, the broker (peixun) and peixun-testservice, in Benchmarks/.build"
swift build -c release --product peixun-bench 2>&1 | grep -v "prohibited flag" | grep -E "error|warning: unre|Compiling|Build" >&2 || true
if [[ "$ONLY_CODEC" != 1 ]]; then  # part (a) needs only peixun-bench
swift build -c release --product peixun 2>&1 | grep -v "prohibited flag" | grep -E "error|Compiling|Build" >&2 || true
swift build -c release --product peixun-testservice 2>&1 | grep -v "prohibited flag" | grep -E "error|Compiling|Build" >&2 || true
fi
bin="$(swift build -c release --show-bin-path)"
bench="$bin/peixun-bench"
broker="$bin/peixun"
testservice="$bin/peixun-testservice"
[[ -x "$bench" && ( "$ONLY_CODEC" == 1 || ( -x "$broker" && -x "$testservice" ) ) ]] || { echo "run.sh: build failed" >&2; exit 1; }
# Fail loudly if a build step failed and left an old binary behind.
swift build -c release --product peixun-bench >/dev/null 2>&1 || { echo "run.sh: peixun-bench does not build" >&2; exit 1; }
if [[ "$ONLY_CODEC" != 1 ]]; then
swift build -c release --product peixun >/dev/null 2>&1 || { echo "run.sh: peixun does not build" >&2; exit 1; }
swift build -c release --product peixun-testservice >/dev/null 2>&1 || { echo "run.sh: peixun-testservice does not build" >&2; exit 1; }
fi

# ---------------------------------------------------------------------------------------------
step "machine"
record machine.nproc "$(nproc)"
record machine.cpu "$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
record machine.swift "$(swift --version 2>&1 | grep -m1 'Swift version')"
record machine.zmq "$("$bench" info)"
record machine.valgrind "$(valgrind --version)"
record machine.kernel "$(uname -sr)"
record machine.date "$(date -u '+%Y-%m-%d %H:%M UTC')"
record machine.load "$(cut -d' ' -f1-3 /proc/loadavg)"
record machine.commit "$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo none)"

if [[ "$SKIP_ABC" != 1 ]]; then
# ---------------------------------------------------------------------------------------------
codec_measure
if [[ "$ONLY_CODEC" == 1 ]]; then
    "$bench" report "$results" --missed >"$work/missed.txt"
    if [[ "${PROFILE_ALL:-0}" == 1 ]]; then record profile.all 1; "$bench" report "$results" --profiles >"$work/missed.txt"; fi
    while read -r what; do [[ -n "$what" ]] && codec_profile "$what"; done <"$work/missed.txt"
    partial_report codec
fi

fi  # ONLY_ENROLLMENT: (a) skipped

# ---------------------------------------------------------------------------------------------
step "starting the broker"
"$broker" broker --requests tcp://127.0.0.1:0 --publishers tcp://127.0.0.1:0 --subscribers tcp://127.0.0.1:0 \
    --publisher-high-water-mark 1000000 --subscriber-high-water-mark 1000000 --log-level warning \
    >"$work/broker.out" 2>"$work/broker.err" &
broker_pid=$!
for _ in $(seq 100); do
    grep -q "peixun broker ready" "$work/broker.out" 2>/dev/null && break
    kill -0 "$broker_pid" 2>/dev/null || { cat "$work/broker.err" >&2; echo "run.sh: broker exited" >&2; exit 1; }
    sleep 0.1
done
ready=$(grep -m1 "peixun broker ready" "$work/broker.out") || { echo "run.sh: broker not ready in 10 s" >&2; exit 1; }
publishers=$(sed -n 's/.*publishers=\([^ ]*\).*/\1/p' <<<"$ready")
subscribers=$(sed -n 's/.*subscribers=\([^ ]*\).*/\1/p' <<<"$ready")
record bus.broker "$ready"
requests=$(sed -n 's/.*requests=\([^ ]*\).*/\1/p' <<<"$ready")

if [[ "$SKIP_ABC" != 1 ]]; then
record bus.messages "$BUS_MESSAGES"

bus_rounds() {  # key publishers subscribers messages [options…]: BUS_ROUNDS × (raw, peixun), recorded under key
    local key="$1" pub="$2" sub="$3" n="$4" round mode line
    shift 4
    for round in $(seq "$BUS_ROUNDS"); do
        for mode in raw peixun; do
            line=$("$bench" bus "$mode" "$pub" "$sub" "$n" "$@")
            record "$key" "$round" "$line"
            step "  $line"
        done
    done
}
step "bus: $BUS_ROUNDS × (raw, peixun), $BUS_MESSAGES messages each"
bus_rounds bus.run "$publishers" "$subscribers" "$BUS_MESSAGES"

# Instructions per message in the benchmark process (deterministic where events/s is noisy); also
# the profile for "Where the time goes" when the bus target is missed.
step "bus: callgrind on the benchmark process, raw and peixun, 100,000 messages each"
for mode in raw peixun; do
    valgrind --tool=callgrind --dump-instr=no --callgrind-out-file="$work/cg.bus.$mode" \
        "$bench" bus "$mode" "$publishers" "$subscribers" 100000 >"$work/cg.bus.$mode.out" 2>"$work/cg.bus.$mode.err" || true
    callgrind_annotate --auto=no --inclusive=no --threshold=100 "$work/cg.bus.$mode" 2>/dev/null | demangle \
        >"$work/annotate.bus.$mode.txt" || true
    record "profile.bus.$mode.file" "$work/annotate.bus.$mode.txt"
    record "profile.bus.$mode.run" "$(cat "$work/cg.bus.$mode.out")"
done
record profile.bus.messages 100000

# ---------------------------------------------------------------------------------------------
# Commands through the broker: the same broker, plus an echo worker and a durable owner.
step "bus: latency, $BUS_ROUNDS × (raw, peixun) at $BUS_LATENCY_RATE messages/s, $BUS_LATENCY_MESSAGES messages each"
record bus.rounds "$BUS_ROUNDS"
record bus.latency_rate "$BUS_LATENCY_RATE"
record bus.latency_messages "$BUS_LATENCY_MESSAGES"
bus_rounds bus.latency "$publishers" "$subscribers" "$BUS_LATENCY_MESSAGES" --rate "$BUS_LATENCY_RATE"

step "bus with CURVE: a second broker with keys; $BUS_ROUNDS × (raw, peixun), $BUS_CURVE_MESSAGES messages each, then latency"
"$broker" keys --out "$work/keys" --name bench >/dev/null
"$broker" broker --requests tcp://127.0.0.1:0 --publishers tcp://127.0.0.1:0 --subscribers tcp://127.0.0.1:0 \
    --publisher-high-water-mark 1000000 --subscriber-high-water-mark 1000000 --log-level warning --keys "$work/keys" \
    >"$work/curve-broker.out" 2>"$work/curve-broker.err" &
curve_broker_pid=$!
wait_ready "$curve_broker_pid" "$work/curve-broker.out" "peixun broker ready" "the CURVE broker"
curve_ready=$(grep -m1 "peixun broker ready" "$work/curve-broker.out")
curve_publishers=$(sed -n 's/.*publishers=\([^ ]*\).*/\1/p' <<<"$curve_ready")
curve_subscribers=$(sed -n 's/.*subscribers=\([^ ]*\).*/\1/p' <<<"$curve_ready")
record bus.curve_messages "$BUS_CURVE_MESSAGES"
bus_rounds bus.curve "$curve_publishers" "$curve_subscribers" "$BUS_CURVE_MESSAGES" --keys "$work/keys"
bus_rounds bus.latency "$curve_publishers" "$curve_subscribers" "$BUS_LATENCY_MESSAGES" --keys "$work/keys" --rate "$BUS_LATENCY_RATE"
stop_process "$curve_broker_pid"
curve_broker_pid=""

fi  # ONLY_ENROLLMENT: (b) skipped

if [[ "$SKIP_ABC" != 1 ]]; then
step "commands: starting peixun-testservice owner (fresh store) and peixun echo-worker on $requests"
"$testservice" owner --requests "$requests" --publishers "$publishers" --data "$work/loadtest-owner.sqlite" \
    >"$work/owner.out" 2>"$work/owner.err" &
owner_pid=$!
"$broker" echo-worker --broker "$requests" --name bench-echo >"$work/echo.out" 2>"$work/echo.err" &
echo_pid=$!
wait_ready "$owner_pid" "$work/owner.out" "peixun-testservice owner ready" "peixun-testservice owner"
wait_ready "$echo_pid" "$work/echo.out" "peixun echo-worker ready" "peixun echo-worker"
record commands.requests "$CMD_REQUESTS"
record commands.in_flight "$CMD_IN_FLIGHT"
record commands.rounds "$CMD_ROUNDS"
record commands.echo_worker "$(grep -m1 "peixun echo-worker ready" "$work/echo.out")"

step "commands: $CMD_ROUNDS × (echo, loadtest) × (1, 4 clients), $CMD_REQUESTS requests each, $CMD_IN_FLIGHT in flight per client"
for round in $(seq "$CMD_ROUNDS"); do
    for clients in 1 4; do
        for service in echo loadtest; do
            line=$("$bench" commands "$service" "$requests" "$CMD_REQUESTS" "$CMD_IN_FLIGHT" "$clients")
            record "commands.run" "$round" "$line"
            step "  $line"
        done
    done
done
step "commands: a second echo worker; $CMD_ROUNDS × echo × (1, 4 clients) with 2 workers"
"$broker" echo-worker --broker "$requests" --name bench-echo-2 >"$work/echo2.out" 2>"$work/echo2.err" &
echo2_pid=$!
wait_ready "$echo2_pid" "$work/echo2.out" "peixun echo-worker ready" "second peixun echo-worker"
for round in $(seq "$CMD_ROUNDS"); do
    for clients in 1 4; do
        line=$("$bench" commands echo "$requests" "$CMD_REQUESTS" "$CMD_IN_FLIGHT" "$clients")
        record "commands.run" "$round" "${line/service=echo/service=echo-2w}"
        step "  2 workers: $line"
    done
done
stop_process "$echo2_pid"
echo2_pid=""
events=$(sqlite3 "$work/loadtest-owner.sqlite" "SELECT count(*) FROM peixun_outbox" 2>/dev/null || echo "")
if [[ -n "$events" ]]; then record commands.store_events "$events"; fi
stop_process "$owner_pid"
stop_process "$echo_pid"
owner_pid=""
echo_pid=""
fi  # ONLY_ENROLLMENT: (c) skipped

# ---------------------------------------------------------------------------------------------
# (d) The real enrollment service: a fresh `peixun enrollment` (and store) per run, same broker.
if [[ "$ONLY_E2E" != 1 ]]; then
step "enrollment: $ENR_ROUNDS runs × (setup, $ENR_MEMBERS Enroll, $ENR_MEMBERS CheckIn), $ENR_CLIENTS clients × $ENR_IN_FLIGHT in flight"
record enrollment.members "$ENR_MEMBERS"
record enrollment.clients "$ENR_CLIENTS"
record enrollment.in_flight "$ENR_IN_FLIGHT"
record enrollment.rounds "$ENR_ROUNDS"
for round in $(seq "$ENR_ROUNDS"); do
    data="$work/enrollment-$round"
    "$broker" enrollment --broker "$requests" --publishers "$publishers" --subscribers "$subscribers" --data "$data" \
        >"$work/enrollment-$round.out" 2>"$work/enrollment-$round.err" &
    enrollment_pid=$!
    wait_ready "$enrollment_pid" "$work/enrollment-$round.out" "peixun enrollment ready" "peixun enrollment"
    # Given the service's pid, the benchmark also reads its CPU time and I/O before and after each phase.
    "$bench" enrollment "$requests" "$ENR_MEMBERS" "$ENR_IN_FLIGHT" "$ENR_CLIENTS" "$enrollment_pid" >"$work/enrollment-run-$round.txt" \
        || { cat "$work/enrollment-run-$round.txt" "$work/enrollment-$round.err" >&2; echo "run.sh: enrollment run $round failed" >&2; exit 1; }
    stop_process "$enrollment_pid"
    enrollment_pid=""
    store="$data/enrollment.sqlite"
    while read -r line; do
        case "$line" in
            "enrollment setup"*) record enrollment.setup "$round" "${line#enrollment setup }" ;;
            commands*)
                # Group commit: every command of one transaction is recorded in the ledger with the
                # transaction's time, so distinct times in the phase's window = transactions.
                from=$(sed -n 's/.*started_us=\([0-9]*\).*/\1/p' <<<"$line")
                to=$(sed -n 's/.*ended_us=\([0-9]*\).*/\1/p' <<<"$line")
                ledger=$(sqlite3 -separator ' ' "$store" \
                    "SELECT count(*), count(DISTINCT recorded_at) FROM peixun_commands WHERE recorded_at BETWEEN $from AND $to")
                read -r lc lt <<<"$ledger"
                record enrollment.run "$round" "$line ledger_commands=$lc transactions=$lt"
                step "  $line (ledger: $lc commands in $lt transactions)"
                ;;
        esac
    done <"$work/enrollment-run-$round.txt"
    record enrollment.store "$round" "$(sqlite3 -separator ' ' "$store" "SELECT 'seated=' || (SELECT count(*) FROM enrollments WHERE status = 1), 'waitlisted=' || (SELECT count(*) FROM enrollments WHERE status = 2), 'check_ins=' || (SELECT count(*) FROM check_ins), 'events=' || (SELECT count(*) FROM peixun_outbox)")"
done

fi  # ONLY_E2E: (d) skipped

# ---------------------------------------------------------------------------------------------
# (e) End to end: every service as its own process, a demo year at each scale (Benchmarks/e2e.sh).
if [[ "$ONLY_ENROLLMENT" != 1 ]]; then
    source "$here/e2e.sh"
    end_to_end
fi
if [[ "$ONLY_E2E" == 1 ]]; then
    partial_report e2e
fi

if [[ "$ONLY_ENROLLMENT" == 1 ]]; then
    partial_report enrollment
fi

# ---------------------------------------------------------------------------------------------
# Targets and profiles: the report tool says which targets were missed; each missed one is profiled.
"$bench" report "$results" --missed >"$work/missed.txt"
if [[ "${PROFILE_ALL:-0}" == 1 ]]; then
    record profile.all 1
    "$bench" report "$results" --profiles >"$work/missed.txt"
fi
while read -r what; do
    [[ -n "$what" ]] || continue
    case "$what" in
        bus) ;;  # profiled above, always
        *) codec_profile "$what" ;;  # <family>/<case>
    esac
done <"$work/missed.txt"

record elapsed.seconds "$(($(date +%s) - started))"
"$bench" report "$results" >"$root/BENCHMARKS.md"
step "wrote $root/BENCHMARKS.md ($(($(date +%s) - started)) s)"
