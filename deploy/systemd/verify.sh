#!/usr/bin/env bash
# Checks the units with `systemd-analyze verify` without installing them: copies them into a
# temporary folder with /usr/local/bin/peixun replaced by PEIXUN_BIN (default: the debug build,
# else /bin/true, since verify only checks that the executable exists) and the env file's path
# by this folder's peixun.env. Prints systemd's complaints and exits non-zero if there are any;
# then each service's exposure score (`systemd-analyze security --offline=yes`).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${PEIXUN_BIN:-$here/../../.build/debug/peixun}"
[ -x "$bin" ] || bin=/bin/true
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for file in "$here"/peixun-*.service "$here"/peixun.target; do
    sed -e "s#/usr/local/bin/peixun#$bin#" -e "s#/etc/peixun/peixun.env#$here/peixun.env#" "$file" >"$work/$(basename "$file")"
done
cd "$work"
output="$(systemd-analyze verify --man=no ./peixun.target ./peixun-*.service 2>&1)" || true
if [ -n "$output" ]; then
    printf '%s\n' "$output"
    exit 1
fi
echo "systemd-analyze verify: no complaints about $(ls | wc -l) unit(s) (executable: $bin)"
# The exposure score of each service's sandboxing (0 is the most confined, 10 the least).
for unit in ./peixun-*.service; do
    systemd-analyze security --offline=yes "$unit" 2>/dev/null | grep -o 'Overall exposure level for .*' || true
done
