#!/usr/bin/env bash
# Builds the codec fuzzer (libFuzzer + AddressSanitizer) and runs it: once over every message type
# ("all"), then once per message family (PEIXUN_FUZZ_FAMILY steers each input's type id into the
# family), each for the given seconds with a corpus of its own.
#
#   Fuzz/run.sh [seconds] [target…]   default 30 s per target; targets: all envelope broker
#                                     enrollment scoring reporting archive broker-frames (the
#                                     default: all eight; broker-frames feeds sequences of ROUTER
#                                     messages to the broker's routing code)
#   exit status non-zero when a crash is found (the run stops at the first)
#
# No SwiftPM: the modules are compiled by hand with the sanitizer flags into Fuzz/.work/
# (git-ignored). Crash inputs go to Fuzz/.work/artifacts/. See Fuzz/README.md.
set -euo pipefail

seconds="${1:-30}"
shift || true
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then targets=(all envelope broker enrollment scoring reporting archive broker-frames); fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fuzz="$root/Fuzz"
work="$fuzz/.work"
swiftc="${SWIFTC:-swiftc}"
mkdir -p "$work/artifacts"

# Every target of Package.swift uses these settings; the fuzzer is built the same way. (The
# library modules' own warnings are SwiftPM's business: they are suppressed here.)
flags=(
    -swift-version 6 -O -parse-as-library -sanitize=fuzzer,address
    -enable-upcoming-feature ExistentialAny
    -enable-upcoming-feature MemberImportVisibility
    -enable-upcoming-feature InternalImportsByDefault
    -module-cache-path "$work/module-cache"
)

codec_sources=("$root"/Sources/PeixunCodec/*.swift)
message_sources=("$root"/Sources/PeixunMessages/*.swift "$root"/Sources/PeixunMessages/Generated/*.swift)
# The broker's routing code is compiled into the fuzzer as sources: it imports nothing but
# PeixunCodec and PeixunMessages (the socket loop around it is not included).
broker_sources=("$root"/Sources/PeixunBroker/Routing/*.swift "$root"/Sources/PeixunBroker/Requests/RouterInput.swift "$root"/Sources/PeixunBroker/Requests/PartitionTable.swift)
fuzz_sources=("$fuzz"/*.swift "${broker_sources[@]}")
binary="$work/fuzz-messages"

# Rebuild only when a source (or this script) is newer than the fuzzer.
stale=yes
if [[ -x "$binary" ]] && [[ -z "$(find "${codec_sources[@]}" "${message_sources[@]}" "${fuzz_sources[@]}" \
    "$fuzz/run.sh" -newer "$binary" 2>/dev/null)" ]]; then
    stale=no
fi
if [[ $stale == yes ]]; then
    echo "fuzz: building PeixunCodec, PeixunMessages and the fuzzer (-O, fuzzer+address sanitizers)"
    (cd "$work" &&
        "$swiftc" "${flags[@]}" -suppress-warnings -module-name PeixunCodec -emit-module -emit-library -static \
            -emit-module-path "$work/PeixunCodec.swiftmodule" -o "$work/libPeixunCodec.a" "${codec_sources[@]}" &&
        "$swiftc" "${flags[@]}" -suppress-warnings -module-name PeixunMessages -emit-module -emit-library -static -I "$work" \
            -emit-module-path "$work/PeixunMessages.swiftmodule" -o "$work/libPeixunMessages.a" "${message_sources[@]}" &&
        "$swiftc" "${flags[@]}" -module-name FuzzMessages -I "$work" \
            -use-ld=lld "${fuzz_sources[@]}" "$work/libPeixunMessages.a" "$work/libPeixunCodec.a" -o "$binary")
fi

# Seeds: messages from the real encoder, the golden vectors (hex text, if any), and every
# committed regression input. Regenerated on each run; the corpus folder keeps what libFuzzer found.
seeds="$work/seeds"
rm -rf "$seeds"
mkdir -p "$seeds"
SWIFT_BACKTRACE=enable=no PEIXUN_FUZZ_WRITE_SEEDS="$seeds" "$binary" >/dev/null 2>&1 || { echo "fuzz: writing seeds failed" >&2; exit 2; }
shopt -s nullglob
for golden in "$root"/Tests/PeixunMessagesTests/Golden/*.hex; do
    # Hex digits only; '#' and '//' start comments.
    digits="$(sed -e 's/#.*//' -e 's#//.*##' "$golden" | tr -cd '0-9a-fA-F')"
    if (( ${#digits} % 2 == 0 )) && [[ -n $digits ]]; then
        printf '%s' "$digits" | xxd -r -p > "$seeds/golden-$(basename "$golden" .hex)"
    fi
done
for regression in "$root"/Tests/PeixunMessagesTests/Regressions/*.bin; do
    cp "$regression" "$seeds/regression-$(basename "$regression")"
done
echo "fuzz: $(ls "$seeds" | wc -l) seeds; ${#targets[@]} targets (${targets[*]}), ${seconds} s each"

# Swift's own crash backtracer would race libFuzzer's handler (and trips ASan); libFuzzer prints
# the stack and saves the input.
export SWIFT_BACKTRACE=enable=no
run_target() {  # target: fuzzes it for $seconds; exits 1 on a crash
    local target="$1" log="$work/last-run-$1.log" status=0 runs took
    mkdir -p "$work/corpus-$target"
    if [[ $target == all ]]; then unset PEIXUN_FUZZ_FAMILY; else export PEIXUN_FUZZ_FAMILY="$target"; fi
    "$binary" -max_total_time="$seconds" -max_len=4096 -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
        -artifact_prefix="$work/artifacts/$target-" "$work/corpus-$target" "$seeds" >"$log" 2>&1 || status=$?
    runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
    took="$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)"
    if [[ $status -ne 0 ]]; then
        demangle=(cat)
        if command -v swift-demangle >/dev/null; then demangle=(swift-demangle --simplified); fi
        grep -E "ERROR|Fatal error|SUMMARY|Test unit written|^ *#[0-9]+ " "$log" | head -40 | "${demangle[@]}" >&2 || true
        artifact="$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)"
        if [[ -n $artifact && -f $artifact ]]; then
            echo "fuzz: input $(basename "$artifact") (hex): $(xxd -p "$artifact" | tr -d '\n' | head -c 2000)" >&2
        fi
        echo "fuzz: $target: CRASH (status $status) after ${runs:-?} runs; input saved in $work/artifacts/, full log $log" >&2
        exit 1
    fi
    echo "fuzz: $target: ${runs:-?} runs in ${took:-$seconds} s, no crash"
}
for target in "${targets[@]}"; do run_target "$target"; done
