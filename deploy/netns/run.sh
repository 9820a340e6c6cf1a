#!/usr/bin/env bash
# Several hosts on one machine: network namespaces joined by a bridge, the broker in one, the four
# domain services in another, the dashboard in a third, and the demo driven from the host, all over
# tcp with CURVE on every link (the broker binds a non-loopback address, which it allows only with
# keys). Ends with the demo's own check of 18 of reporting's figures, `peixun status` through CURVE
# and the dashboard's /healthz from the host. Needs root (ip netns) and a built `peixun`.
#
#   deploy/netns/run.sh [--scale town|county] [--seed N] [--bin PATH] [--keep]
#
# Exit status 0 when every check passed. Everything it made (namespaces, bridge, processes, the
# work folder) is removed at the end unless --keep.
set -euo pipefail

scale=town
seed=7
bin="${PEIXUN_BIN:-}"
keep=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --scale) scale="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        --bin) bin="$2"; shift 2 ;;
        --keep) keep=1; shift ;;
        *) echo "usage: deploy/netns/run.sh [--scale town|county] [--seed N] [--bin PATH] [--keep]" >&2; exit 2 ;;
    esac
done
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
[[ -n "$bin" ]] || bin="$root/.build/debug/peixun"
[[ -x "$bin" ]] || { echo "netns: $bin is not an executable (swift build, or --bin PATH)" >&2; exit 2; }
[[ $(id -u) == 0 ]] || { echo "netns: needs root (ip netns)" >&2; exit 2; }

tag="px$$"                      # names unique to this run
bridge="${tag}br"
subnet=10.$((RANDOM % 200 + 20)).$((RANDOM % 250)).  # a /24 unlikely to clash
work="$(mktemp -d "${TMPDIR:-/tmp}/peixun-netns.XXXXXX")"
pids=()
hosts=(broker services dashboard)
declare -A address=([broker]="${subnet}2" [services]="${subnet}3" [dashboard]="${subnet}4")

cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    for host in "${hosts[@]}"; do ip netns del "$tag-$host" 2>/dev/null || true; done
    ip link del "$bridge" 2>/dev/null || true
    if [[ $keep == 1 ]]; then echo "netns: kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

step() { echo "netns: $*"; }

step "bridge $bridge ${subnet}1/24; hosts: broker ${address[broker]}, services ${address[services]}, dashboard ${address[dashboard]}"
ip link add "$bridge" type bridge
ip addr add "${subnet}1/24" dev "$bridge"
ip link set "$bridge" up
for host in "${hosts[@]}"; do
    ns="$tag-$host"
    ip netns add "$ns"
    ip link add "${tag}${host:0:3}h" type veth peer name "${tag}${host:0:3}n"
    ip link set "${tag}${host:0:3}h" master "$bridge" up
    ip link set "${tag}${host:0:3}n" netns "$ns"
    ip -n "$ns" link set lo up
    ip -n "$ns" addr add "${address[$host]}/24" dev "${tag}${host:0:3}n"
    ip -n "$ns" link set "${tag}${host:0:3}n" up
done

keys="$work/keys"
"$bin" keys --out "$keys" --name services --name dashboard --name client >/dev/null
requests="tcp://${address[broker]}:5570"
publishers="tcp://${address[broker]}:5571"
subscribers="tcp://${address[broker]}:5572"

start() {  # host ready-prefix log args… : starts `peixun args…` in the host's namespace, waits for its ready line
    local host="$1" ready="$2" log="$3"
    shift 3
    ip netns exec "$tag-$host" "$bin" "$@" >"$log.out" 2>"$log.err" &
    pids+=($!)
    for _ in $(seq 600); do
        grep -q "^$ready" "$log.out" 2>/dev/null && return 0
        kill -0 "${pids[-1]}" 2>/dev/null || { tail -20 "$log.err" >&2; echo "netns: $* exited" >&2; exit 1; }
        sleep 0.1
    done
    echo "netns: $* not ready in 60 s" >&2
    exit 1
}

step "broker in $tag-broker, CURVE on (keys in $keys)"
start broker "peixun broker ready" "$work/broker" broker --requests "$requests" --publishers "$publishers" \
    --subscribers "$subscribers" --keys "$keys"
for service in enrollment scoring reporting archive; do
    step "$service in $tag-services"
    start services "peixun $service ready" "$work/$service" "$service" --broker "$requests" --publishers "$publishers" \
        --subscribers "$subscribers" --data "$work/data" --keys "$keys" --key-name services
done
step "dashboard in $tag-dashboard, http://${address[dashboard]}:5580"
start dashboard "peixun dashboard ready" "$work/dashboard" dashboard --broker "$requests" --subscribers "$subscribers" \
    --http "${address[dashboard]}:5580" --data "$work/dashboard-data" --keys "$keys" --key-name dashboard

step "demo --scale $scale --seed $seed from the host, across the bridge"
"$bin" demo --scale "$scale" --seed "$seed" --broker "$requests" --keys "$keys" --key-name client
step "status from the host"
"$bin" status --broker "$requests" --keys "$keys" --key-name client
health="$(curl -fsS "http://${address[dashboard]}:5580/healthz")"
step "dashboard /healthz from the host: $health"
refused="$(grep -c "refused" "$work/broker.err" || true)"
step "broker log: $refused refusals (every process connected with an allowed key)"
[[ "$refused" == 0 ]] || { echo "netns: the broker refused a key" >&2; exit 1; }
step "all checks passed"
