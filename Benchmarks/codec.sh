# Part (a) of Benchmarks/run.sh, sourced by it: the codec, one representative message per family.
# Uses run.sh's $bench, $work, record, step and demangle. Per family:
#   sizes (and the check that the three encodings carry the same values);
#   instructions/op: two callgrind runs with N1 and N2 iterations, (I2-I1)/(N2-N1);
#   allocations/op: memcheck's heap totals of two runs, differenced the same way;
#   the swift-protobuf reference's own profile (for the packed-enum note, where it applies);
#   ns/op: median of WALL_REPEATS runs, for information.
# Iteration counts are divided by the family's scale (its protobuf size / 200 B, rounded up, at
# least 1: MemberEnrolled's 161 B is 1), so a big message's run costs about what MemberEnrolled's does.

CODEC_FAMILIES=(envelope broker enrollment scoring archive reporting)
CODEC_CASES=(noop peixun-encode peixun-decode peixun-view protobuf-encode protobuf-decode json-encode json-decode)
# Instructions a timed wall-clock run aims at (its iterations: this ÷ instr/op, at most WALL_ITERATIONS).
WALL_INSTRUCTIONS="${WALL_INSTRUCTIONS:-500000000}"

codec_scale() {  # family -> divisor of the iteration counts
    local bytes
    bytes=$(awk -v f="$1" '$1=="size."f".protobuf" {print $2}' "$results")
    echo $(( (bytes + 199) / 200 > 0 ? (bytes + 199) / 200 : 1 ))
}

codec_iterations() {  # family case -> "N1 N2" for callgrind
    local scale
    scale=$(codec_scale "$1")
    case "$2" in
        json-*) echo "$((1000 / scale)) $((6000 / scale))" ;;
        *) echo "$((5000 / scale)) $((55000 / scale))" ;;
    esac
}

codec_memcheck_iterations() {  # family -> "N1 N2" for memcheck
    local scale
    scale=$(codec_scale "$1")
    echo "$((1000 / scale)) $((3000 / scale))"
}

codec_valgrind_job() {  # tool family case n -> prints "tool family case n count"
    local tool="$1" family="$2" case="$3" n="$4" count
    if [[ "$tool" == callgrind ]]; then
        count=$(SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
            "$bench" codec "$family" "$case" "$n" 2>&1 | sed -n 's/.*Collected : *\([0-9]*\).*/\1/p')
    else
        count=$(SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=memcheck "$bench" codec "$family" "$case" "$n" 2>&1 \
            | sed -n 's/.*total heap usage: *\([0-9,]*\) allocs.*/\1/p' | tr -d ,)
    fi
    [[ -n "$count" ]] || { echo "run.sh: $tool $family $case $n gave no count" >&2; return 1; }
    echo "$tool $family $case $n $count"
}

codec_loop_profile() {  # family case n inclusive(yes|no) -> annotate file (callgrind on the case's loop only)
    local family="$1" c="$2" n="$3" inclusive="$4" out="$work/cg.$1.$2.$4"
    SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=callgrind --dump-instr=no --toggle-collect="benchloop_${c//-/_}" \
        --callgrind-out-file="$out" "$bench" codec "$family" "$c" "$n" >/dev/null 2>&1
    callgrind_annotate --auto=no --inclusive="$inclusive" --threshold=100 "$out" 2>/dev/null | demangle >"$out.txt"
    echo "$out.txt"
}

codec_measure() {
    local family c n1 n2 m1 m2 i1 i2 a1 a2 line n
    record codec.families "${CODEC_FAMILIES[*]}"
    step "codec: sizes and cross-check of the three encodings, per family"
    for family in "${CODEC_FAMILIES[@]}"; do
        "$bench" sizes "$family" >"$work/sizes.$family.txt"
        grep -q "verified ok" "$work/sizes.$family.txt" || { cat "$work/sizes.$family.txt" >&2; exit 1; }
        while read -r name value; do
            case "$name" in
                verified) ;;
                view_checks_utf8) record codec.view_checks_utf8 "$value" ;;
                message) record "codec.message.$family" "$value" ;;
                *) record "size.$family.$name" "$value" ;;
            esac
        done <"$work/sizes.$family.txt"
    done

    # Instructions and allocations: deterministic, so two valgrind runs go in parallel.
    step "codec: callgrind (instructions) and memcheck (allocations), N1 and N2 runs per family and case"
    export bench
    export -f codec_valgrind_job
    local jobs_file="$work/valgrind-jobs.txt"
    : >"$jobs_file"
    for family in "${CODEC_FAMILIES[@]}"; do
        read -r m1 m2 < <(codec_memcheck_iterations "$family")
        for c in "${CODEC_CASES[@]}"; do
            read -r n1 n2 < <(codec_iterations "$family" "$c")
            echo "callgrind $family $c $n1" >>"$jobs_file"
            echo "callgrind $family $c $n2" >>"$jobs_file"
            echo "memcheck $family $c $m1" >>"$jobs_file"
            echo "memcheck $family $c $m2" >>"$jobs_file"
        done
    done
    xargs -P 2 -L 1 bash -c 'codec_valgrind_job "$@"' _ <"$jobs_file" >"$work/valgrind.txt"
    count_of() { awk -v t="$1" -v f="$2" -v c="$3" -v n="$4" '$1==t && $2==f && $3==c && $4==n {print $5}' "$work/valgrind.txt"; }
    for family in "${CODEC_FAMILIES[@]}"; do
        read -r m1 m2 < <(codec_memcheck_iterations "$family")
        for c in "${CODEC_CASES[@]}"; do
            read -r n1 n2 < <(codec_iterations "$family" "$c")
            i1=$(count_of callgrind "$family" "$c" "$n1")
            i2=$(count_of callgrind "$family" "$c" "$n2")
            a1=$(count_of memcheck "$family" "$c" "$m1")
            a2=$(count_of memcheck "$family" "$c" "$m2")
            record "instr.$family.$c" "$n1" "$i1" "$n2" "$i2"
            record "allocs.$family.$c" "$m1" "$a1" "$m2" "$a2"
        done
    done

    # The reference's own profile: how much of swift-protobuf's cost is its packed repeated enum
    # path (the report mentions it only for the families where that path shows up).
    step "codec: swift-protobuf reference profiles"
    for family in "${CODEC_FAMILIES[@]}"; do
        n=$((5000 / $(codec_scale "$family")))
        for c in protobuf-encode protobuf-decode; do
            record "refprofile.$family.$c.file" "$(codec_loop_profile "$family" "$c" "$n" yes)"
            record "refprofile.$family.$c.iterations" "$n"
        done
    done

    step "codec: wall clock, median of $WALL_REPEATS runs of about $WALL_INSTRUCTIONS instructions (at most $WALL_ITERATIONS iterations) per case"
    for family in "${CODEC_FAMILIES[@]}"; do
        for c in "${CODEC_CASES[@]}"; do
            read -r n1 i1 n2 i2 < <(awk -v k="instr.$family.$c" '$1==k {print $2, $3, $4, $5}' "$results")
            n=$(awk -v w="$WALL_INSTRUCTIONS" -v m="$WALL_ITERATIONS" -v d="$(( (i2 - i1) / (n2 - n1) ))" \
                'BEGIN { n = d > 0 ? int(w / d) : m; if (n > m) n = m; if (n < 1000) n = 1000; print n }')
            line=$("$bench" codec "$family" "$c" "$n" "$WALL_REPEATS")
            record "wall.$family.$c" "$n" "${line#ns/op }"
            step "  $family $c: $line"
        done
    done
}

codec_profile() {  # "<family>/<case>": callgrind on that case's loop only, for "Where the time goes"
    local family="${1%%/*}" c="${1#*/}" n
    n=$((20000 / $(codec_scale "$family")))
    step "profile: $1 (callgrind --toggle-collect on its loop, $n iterations)"
    record "profile.$1.file" "$(codec_loop_profile "$family" "$c" "$n" no)"
    record "profile.$1.iterations" "$n"
}
