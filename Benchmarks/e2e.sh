# Part (e) of Benchmarks/run.sh, sourced by it (uses its `record`, `step`, `$broker` (the peixun
# executable), `$bench` and `$work`): a city year end to end, and the scaling curve.
#
# For each scale in E2E_SCALES, E2E_RUNS_<scale> runs, each on a fresh data folder:
#   1. `peixun up --data <fresh> --base-port $E2E_PORT`: the broker, the echo worker, enrollment,
#      scoring, reporting, archive and the dashboard as separate processes, durable stores.
#   2. `peixun demo --scale <scale> --seed $E2E_SEED --json` under /usr/bin/time: drives the year's
#      commands, then waits until every follower has applied every event (its catchingUpSeconds),
#      then checks 18 of reporting's figures against what it drove.
#   3. `peixun status --json`: the streams' heads (the events), each process's pid; then each
#      process's peak RSS (VmHWM) and CPU time (utime + stime) from /proc, and the stores' sizes.
#   4. First run of each scale only: `up` is stopped, reporting's store deleted, `up` started again;
#      the time from the start until reporting's cursors reach the heads again (polling `peixun
#      status --json` every 0.2 s) is the rebuild's catch-up.
# And the reference: `peixun-bench sqlite-raw` writes E2E_RAW_ROWS event-sized rows, 1,000 per
# transaction, into a fresh ServiceStore as an owner (FULL) and as a projection (NORMAL).

E2E_SCALES="${E2E_SCALES:-town county city}"
E2E_RUNS_town="${E2E_RUNS_town:-3}"
E2E_RUNS_county="${E2E_RUNS_county:-3}"
E2E_RUNS_city="${E2E_RUNS_city:-1}"
E2E_SEED="${E2E_SEED:-2024}"
E2E_PORT="${E2E_PORT:-7570}"
E2E_RAW_ROWS="${E2E_RAW_ROWS:-300000}"
# E2E_PARTITIONS (empty): services split, as `--partitions` takes it (e.g. enrollment=2,scoring=2),
# given to `up` and to the demo; a process per partition.
E2E_PARTITIONS="${E2E_PARTITIONS:-}"
split_args=(${E2E_PARTITIONS:+--partitions "$E2E_PARTITIONS"})
up_pid=""

e2e_status() {  # -> status JSON on stdout, or nothing
    "$broker" status --json --broker "tcp://127.0.0.1:$E2E_PORT" 2>/dev/null || true
}

e2e_start_up() {  # data out -> sets up_pid; waits for "Press Ctrl-C"
    local data="$1" out="$2"
    "$broker" up --data "$data" --base-port "$E2E_PORT" "${split_args[@]}" >"$out" 2>"${out%.out}.err" &
    up_pid=$!
    for _ in $(seq 600); do
        grep -q "Press Ctrl-C to stop" "$out" 2>/dev/null && return 0
        kill -0 "$up_pid" 2>/dev/null || { tail -20 "${out%.out}.err" >&2; echo "run.sh: peixun up exited" >&2; exit 1; }
        sleep 0.1
    done
    echo "run.sh: peixun up not ready in 60 s" >&2
    exit 1
}

e2e_processes() {  # scale round -> records each child's name, pid, peak RSS and CPU
    local scale="$1" round="$2" tck pid name ut st hwm
    tck=$(getconf CLK_TCK)
    for pid in $(pgrep -P "$up_pid"); do
        name=$(tr '\0' ' ' <"/proc/$pid/cmdline" | awk '{print $2}')
        read -r ut st < <(awk '{print $14, $15}' "/proc/$pid/stat")
        hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
        record e2e.process "$scale" "$round" "name=$name hwm_kb=$hwm cpu_s=$(awk -v u="$ut" -v s="$st" -v t="$tck" 'BEGIN {printf "%.2f", (u + s) / t}')"
    done
}

e2e_sum_heads() {  # status JSON file -> "events=… reporting_applied=…"
    python3 - "$1" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
heads = {}
for svc in s["services"]:
    for st in svc.get("streams", []):
        name = st["stream"]["service"] if isinstance(st["stream"], dict) else str(st["stream"]).split("/")[0]
        heads[name] = heads.get(name, 0) + st["head"]
applied = sum(l["appliedThrough"] for l in s["lags"] if l["follower"] == "reporting")
# The domain events: enrollment's and scoring's streams (each written to its owner and followed by
# two or three stores). The archive's ArchiveEntryFiled and reporting's events are counted apart.
source = heads.get("enrollment", 0) + heads.get("scoring", 0)
print(f"events={source} " + " ".join(f"events_{k}={v}" for k, v in sorted(heads.items())) + f" reporting_applied={applied}")
PY
}

e2e_rebuild() {  # scale data -> records the reporting rebuild's catch-up
    local scale="$1" data="$2" started now status
    stop_process "$up_pid"
    rm -f "$data"/reporting.sqlite "$data"/reporting.sqlite-wal "$data"/reporting.sqlite-shm
    started=$(date +%s.%N)
    e2e_start_up "$data" "$work/e2e-$scale-rebuild.out"
    for _ in $(seq 6000); do
        status=$(e2e_status)
        if [[ -n "$status" ]] && python3 -c '
import json, sys
s = json.loads(sys.argv[1])
ok = all(svc.get("running") for svc in s["services"]) and all(l["lag"] == 0 for l in s["lags"])
sys.exit(0 if ok and any(l["follower"] == "reporting" for l in s["lags"]) else 1)' "$status"; then
            now=$(date +%s.%N)
            echo "$status" >"$work/e2e-$scale-rebuild.json"
            record e2e.rebuild "$scale" "seconds=$(awk -v a="$started" -v b="$now" 'BEGIN {printf "%.2f", b - a}') $(e2e_sum_heads "$work/e2e-$scale-rebuild.json")"
            step "  rebuild of reporting ($scale): $(awk -v a="$started" -v b="$now" 'BEGIN {printf "%.1f", b - a}') s"
            stop_process "$up_pid"
            up_pid=""
            return 0
        fi
        sleep 0.2
    done
    echo "run.sh: reporting did not catch up after its rebuild in 20 min" >&2
    exit 1
}

e2e_run() {  # scale round
    local scale="$1" round="$2" data="$work/e2e-$scale-$round" tag="$work/e2e-$scale-$round"
    e2e_start_up "$data" "$tag.up.out"
    /usr/bin/time -f "demo_max_rss_kb=%M demo_user_s=%U demo_sys_s=%S" -o "$tag.time" "$broker" demo --scale "$scale" --seed "$E2E_SEED" --json "${split_args[@]}" \
        --broker "tcp://127.0.0.1:$E2E_PORT" --catch-up-seconds 1200 >"$tag.demo.json" 2>"$tag.demo.err" \
        || { tail -20 "$tag.demo.err" >&2; echo "run.sh: demo $scale run $round failed" >&2; exit 1; }
    e2e_status >"$tag.status.json"
    record e2e.run "$scale" "$round" "$(python3 - "$tag.demo.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
d = j["driven"]
print(f'commands={j["commands"]} driving_s={j["drivingSeconds"]:.2f} catchup_s={j["catchingUpSeconds"]:.2f} '
      f'figures_s={j["waitingSeconds"] - j["catchingUpSeconds"]:.2f} match={str(j["match"]).lower()} '
      f'trainings={d["completions"]} enrollments={d["enrollments"]} check_ins={d["checkIns"]} scores={d["scores"]}')
PY
) $(e2e_sum_heads "$tag.status.json") $(cat "$tag.time") store_bytes=$(du -cb "$data"/*.sqlite* | tail -1 | cut -f1)"
    step "  $(tail -1 "$work/results.txt" | cut -c1-200)"
    e2e_processes "$scale" "$round"
    if [[ "$round" == 1 ]]; then e2e_rebuild "$scale" "$data"; else stop_process "$up_pid"; up_pid=""; fi
    rm -rf "$data"
}

end_to_end() {
    step "end to end: raw SQLite reference, $E2E_RAW_ROWS rows per durability"
    for durability in owner projection; do
        record e2e.raw "$("$bench" sqlite-raw "$durability" "$E2E_RAW_ROWS" 120 "$work")"
        rm -f "$work"/raw-*.sqlite*
        step "  $(tail -1 "$work/results.txt")"
    done
    record e2e.scales "$E2E_SCALES"
    record e2e.seed "$E2E_SEED"
    for scale in $E2E_SCALES; do
        local runs_var="E2E_RUNS_$scale"
        step "end to end: $scale scale, ${!runs_var} runs (peixun up + peixun demo --scale $scale --seed $E2E_SEED)"
        for round in $(seq "${!runs_var}"); do e2e_run "$scale" "$round"; done
    done
}
