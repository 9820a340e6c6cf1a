#!/usr/bin/env bash
# Builds the codec fuzzer (libFuzzer + AddressSanitizer) and runs it.
#
#   Fuzz/run.sh [seconds]        default 30; exit status non-zero when a crash is found
#
# No SwiftPM: the modules are compiled by hand with the sanitizer flags into Fuzz/.work/
# (git-ignored). Crash inputs go to Fuzz/.work/artifacts/. See Fuzz/README.md.
set -euo pipefail

seconds="${1:-30}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fuzz="$root/Fuzz"
work="$fuzz/.work"
swiftc="${SWIFTC:-swiftc}"
mkdir -p "$work/artifacts" "$work/corpus"

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
fuzz_sources=("$fuzz"/*.swift)
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
echo "fuzz: $(ls "$seeds" | wc -l) seeds, running for ${seconds} s"

# Swift's own crash backtracer would race libFuzzer's handler (and trips ASan); libFuzzer prints
# the stack and saves the input.
export SWIFT_BACKTRACE=enable=no
log="$work/last-run.log"
status=0
"$binary" -max_total_time="$seconds" -max_len=4096 -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/" "$work/corpus" "$seeds" >"$log" 2>&1 || status=$?

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
    echo "fuzz: CRASH (status $status) after ${runs:-?} runs; input saved in $work/artifacts/, full log $log" >&2
    exit 1
fi
echo "fuzz: ${runs:-?} runs in ${took:-$seconds} s, no crash"
