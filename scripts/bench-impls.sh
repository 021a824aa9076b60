#!/usr/bin/env bash
# Extern fn benchmark (issue 12): vectors/s of `mul(a: u32, b: u32) -> u32` bound as a library and as processes, against the pure spec.
#
#   scripts/bench-impls.sh [--reps N] [--threads N] [--python PATH] [--min-seconds S] [--max-others F] [--retries N]
#                           [--libm | --libm-only] [--no-build]
#
# Builds vecrun, the vecrun-impl examples and billing-impl in release once, writes its specs and the C shims to a
# temporary directory, then prints ONE markdown table: for each configuration the median of --reps (5) whole-process
# wall times of `vecrun run SPEC --backend cpu --vectors N -q --out TMP`, as vectors/s, the median start-up cost
# (the same command with --vectors 1), the ratio to the pure spec and the issue's target. The vector counts are
# calibrated by one pilot run each so that a run lasts at least --min-seconds (1.2). The in-process anchors
# (proptest and Hypothesis on the same function) report cases/s measured inside their process. The billing ledger
# rows find failures: exit code 1 is expected there.
#
# --libm also sweeps all 2^32 f32 bit patterns of datasets/specs/libm.vspec through libm's rintf and roundf
# (`--exhaustive --property rintf_is_round` / `roundf_is_round --capacity 100`), once each, one after the other, and
# prints their wall time, verdict, failing-vector count, vectors/s, exit code and first counterexamples; --libm-only
# runs only that. Each run waits for a quiet machine and is repeated when other processes took more than
# --max-others (0.10) of it meanwhile (at most --retries, 30, times).
# Progress goes to stderr, the tables to stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

reps=5
threads=0
libm=0
build=1
min_seconds=1.2
max_others=0.10
retries=30
python=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --reps) reps=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --python) python=$2; shift 2 ;;
    --min-seconds) min_seconds=$2; shift 2 ;;
    --max-others) max_others=$2; shift 2 ;;
    --retries) retries=$2; shift 2 ;;
    --libm) libm=1; shift ;;
    --libm-only) libm=2; shift ;;
    --no-build) build=0; shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-impls: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [[ -z $python ]]; then
  for candidate in "$root/.venv/bin/python" "$(git rev-parse --path-format=absolute --git-common-dir)/../.venv/bin/python"; do
    if [[ -x $candidate ]]; then python=$candidate; break; fi
  done
fi
python=${python:-python3}

target=${CARGO_TARGET_DIR:-$root/target}
rel=$target/release
if [[ $build == 1 ]]; then
  echo "building (release)..." >&2
  cargo build --release -q --bin vecrun -p vecrun
  cargo build --release -q -p vecrun-impl -p billing-impl --examples --bins --lib
fi
vecrun=$rel/vecrun

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
log() { echo "bench-impls: $*" >&2; }

# --- the specs and the C shims ---------------------------------------------------------------------------------
cat >"$tmp/mul_pure.vspec" <<'SPEC'
// The denominator: wrapping u32 multiply written in the spec.
spec mul_pure {
  version = "1.0.0"
}

input a: u32;
input b: u32;

fn mul(a: u32, b: u32) -> u32 { return a * b; }

property mul_is_mul {
  assert mul(a, b) == a * b, "mul differs from a * b";
}
SPEC
cat >"$tmp/mul_impl.vspec" <<'SPEC'
// The same property with mul bound on the command line (--impl mul=...).
spec mul_impl {
  version = "1.0.0"
}

input a: u32;
input b: u32;

extern fn mul(a: u32, b: u32) -> u32;

property mul_is_mul {
  assert mul(a, b) == a * b, "mul differs from a * b";
}
SPEC
cat >"$tmp/mul.c" <<'C'
/* mul.c: `mul(a: u32, b: u32) -> u32`, wrapping, with vecrun's batched C ABI. */
#include <stdint.h>

int32_t mul(const void *const *args, void *result, uint64_t n) {
    const uint32_t *a = (const uint32_t *)args[0];
    const uint32_t *b = (const uint32_t *)args[1];
    uint32_t *out = (uint32_t *)result;
    for (uint64_t i = 0; i < n; i++) {
        out[i] = a[i] * b[i];
    }
    return 0;
}
C
cc -O2 -shared -fPIC -o "$tmp/libmul.so" "$tmp/mul.c"
cc -O2 -shared -fPIC -o "$tmp/libm_shim.so" examples/impls/c/libm_shim.c -lm

# --- measuring -------------------------------------------------------------------------------------------------
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Busy ticks of the whole machine (user, nice, system, irq, softirq, steal) and this shell's children's CPU seconds.
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
# `times` must run in this shell (not in a command substitution, whose children are not this shell's): to a file.
children_cpu() {
  times >"$tmp/times"
  awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%.3f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$tmp/times"
}
hz=$(getconf CLK_TCK)
cores=$(nproc)
worst_others=0
discarded=0
stdin_from=/dev/null
stdout_to=$tmp/last.out
judge=1 # 0: keep every run whatever others took (the long libm sweeps run once; their share is reported)

# wait_quiet: returns once other processes took at most --max-others of the machine over 0.3 s (this shell runs
# nothing meanwhile), so that short runs, whose own share cannot be judged, also start on a quiet machine.
wait_quiet() {
  local b0 b1 x i
  for ((i = 0; i < 600; i++)); do
    b0=$(busy_ticks)
    sleep 0.3
    b1=$(busy_ticks)
    x=$(awk -v b="$((b1 - b0))" -v hz="$hz" -v n="$cores" 'BEGIN { printf "%.3f", b / hz / (0.3 * n) }')
    if awk -v x="$x" -v m="$max_others" 'BEGIN { exit !(x <= m) }'; then return; fi
    ((i % 20 == 19)) && echo "bench-impls: waiting for a quiet machine (others take $x)" >&2
  done
}

# run_timed ARGS...: runs one command, sets $wall (seconds), $rc and $others (the share of the machine that other
# processes took meanwhile: busy time minus this command's CPU time); its output is in $stdout_to (default
# $tmp/last.out) and $tmp/last.err, its input comes from $stdin_from (default /dev/null).
# A run during which others took more than --max-others is discarded and repeated (after a pause), --retries times.
run_timed() {
  local t0 t1 b0 b1 c0 c1 try
  for ((try = 0; ; try++)); do
    wait_quiet
    b0=$(busy_ticks)
    children_cpu >"$tmp/c0"
    t0=$EPOCHREALTIME
    set +e
    "$@" <"$stdin_from" >"$stdout_to" 2>"$tmp/last.err"
    rc=$?
    set -e
    t1=$EPOCHREALTIME
    children_cpu >"$tmp/c1"
    c0=$(<"$tmp/c0")
    c1=$(<"$tmp/c1")
    b1=$(busy_ticks)
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
    others=$(awk -v b="$((b1 - b0))" -v hz="$hz" -v c="$c0" -v d="$c1" -v w="$wall" -v n="$cores" \
      'BEGIN { x = (b / hz - (d - c)) / (w * n); if (x < 0) x = 0; printf "%.3f", x }')
    [[ $judge == 0 ]] && return
    # Short runs are below the tick resolution: only runs of 0.5 s or more are judged.
    if awk -v o="$others" -v m="$max_others" -v w="$wall" 'BEGIN { exit !(w < 0.5 || o <= m) }'; then
      worst_others=$(awk -v o="$others" -v w="$wall" -v x="$worst_others" 'BEGIN { print (w >= 0.5 && o > x) ? o : x }')
      return
    fi
    discarded=$((discarded + 1))
    if ((try >= retries)); then
      echo "bench-impls: other processes keep taking more than $max_others of the machine; giving up" >&2
      exit 3
    fi
    echo "bench-impls: others took $others of the machine during a run; repeating it" >&2
  done
}

# vecrun_timed SPEC N ARGS...: one `vecrun run` of N vectors into a fresh output directory.
vecrun_timed() {
  local spec=$1 n=$2
  shift 2
  rm -rf "$tmp/out"
  run_timed "$vecrun" run "$spec" --backend cpu --vectors "$n" --threads "$threads" -q --out "$tmp/out" "$@"
}

fmt_rate() { awk -v r="$1" 'BEGIN { if (r >= 1e6) printf "%.1f M/s", r / 1e6; else if (r >= 1e3) printf "%.1f k/s", r / 1e3; else printf "%.0f /s", r }'; }
# vs_pure RATE: the rate against the pure spec's, as `0.22x`, or `1/95` when it is under a tenth.
vs_pure() { awk -v r="$1" -v p="$pure_rate" 'BEGIN { x = r / p; if (x >= 0.1) printf "%.2fx", x; else printf "1/%.3g", p / r }'; }
# verdict_of FILE: the `verdict` column of the first property row of a `vecrun run` table.
verdict_of() { awk '$1 == "property" && $2 == "verdict" { getline; print $2; exit }' "$1"; }
# failed_count FILE: the `failed` column of the first property row of a `vecrun run` table.
failed_count() { awk '$1 == "property" && $2 == "verdict" { getline; print $4; exit }' "$1"; }
fmt_count() { awk -v n="$1" 'BEGIN { if (n >= 1e6) printf "%gM", n / 1e6; else printf "%d", n }'; }

rows=()
pure_rate=""
# measure LABEL EXPECTED_RC N0 TARGET SPEC ARGS...: calibrates N from N0, then the medians; appends a table row.
# TARGET: "" (none), "denominator", "ratio:X" (at least X times the pure rate) or "rate:R" (at least R vectors/s).
measure() {
  local label=$1 expect_rc=$2 n=$3 goal=$4 spec=$5
  shift 5
  # Pilot runs: grow N until one run lasts --min-seconds (aiming 15% above it, in whole millions).
  while :; do
    log "$label: pilot with $(fmt_count "$n") vectors"
    vecrun_timed "$spec" "$n" "$@"
    if [[ $rc != "$expect_rc" ]]; then
      log "$label: exit code $rc (expected $expect_rc); stderr:"
      sed 's/^/    /' "$tmp/last.err" >&2
    fi
    awk -v w="$wall" -v m="$min_seconds" 'BEGIN { exit !(w < m) }' || break
    n=$(awk -v n="$n" -v w="$wall" -v m="$min_seconds" 'BEGIN { x = n * m * 1.15 / w; printf "%.0f", (int(x / 1e6) + 1) * 1e6 }')
  done
  local walls=() starts=() codes=() i
  local failed=""
  for ((i = 1; i <= reps; i++)); do
    vecrun_timed "$spec" "$n" "$@"
    walls+=("$wall")
    codes+=("$rc")
    failed=$(failed_count "$tmp/last.out")
    log "$label: rep $i: $(fmt_count "$n") vectors in $wall s (exit $rc, $failed failed, others took $others)"
    vecrun_timed "$spec" 1 "$@"
    starts+=("$wall")
    log "$label: rep $i: --vectors 1 in $wall s (exit $rc)"
  done
  local w s rate
  w=$(printf '%s\n' "${walls[@]}" | median)
  s=$(printf '%s\n' "${starts[@]}" | median)
  rate=$(awk -v n="$n" -v w="$w" 'BEGIN { printf "%.0f", n / w }')
  local ratio="" verdict=""
  case "$goal" in
    denominator) pure_rate=$rate; ratio="1.00x"; verdict="(denominator)" ;;
    ratio:*)
      ratio=$(vs_pure "$rate")
      verdict=$(awk -v r="$rate" -v p="$pure_rate" -v t="${goal#ratio:}" 'BEGIN {
        x = r / p; if (x >= t) printf "≥ %gx: met", t; else printf "≥ %gx: **MISSED by %.0f%%**", t, (1 - x / t) * 100 }') ;;
    rate:*)
      ratio=$(vs_pure "$rate")
      verdict=$(awk -v r="$rate" -v t="${goal#rate:}" 'BEGIN {
        if (r >= t) printf "≥ %g M/s: met", t / 1e6; else printf "≥ %g M/s: **MISSED by %.0f%%**", t / 1e6, (1 - r / t) * 100 }') ;;
    *) ratio=$(vs_pure "$rate") ;;
  esac
  local exits
  exits=$(printf '%s\n' "${codes[@]}" | sort -u | paste -sd/)
  rows+=("| $label | $(fmt_count "$n") | $w | **$(fmt_rate "$rate")** | $s | $ratio | $verdict | $exits | $failed |")
}

# anchor LABEL CASES COMMAND...: runs an in-process anchor --reps times; it prints `... cases=N seconds=S cases_per_s=R`.
anchor() {
  local label=$1 cases=$2
  shift 2
  local walls=() rates=() i r
  for ((i = 1; i <= reps; i++)); do
    run_timed "$@" "$cases"
    if [[ $rc != 0 ]]; then
      log "$label: exit code $rc; stderr:"
      sed 's/^/    /' "$tmp/last.err" >&2
      exit 1
    fi
    r=$(sed -n 's/.*cases_per_s=\([0-9.]*\).*/\1/p' "$tmp/last.out")
    walls+=("$wall")
    rates+=("$r")
    log "$label: rep $i: $(cat "$tmp/last.out") (process $wall s)"
  done
  local w rate
  w=$(printf '%s\n' "${walls[@]}" | median)
  rate=$(printf '%s\n' "${rates[@]}" | median)
  rows+=("| $label | $(fmt_count "$cases") cases | $w | **$(fmt_rate "$rate")** (in-process) | | $(vs_pure "$rate") | | 0 | |")
}

# alone LABEL COMMAND...: the median time of a harness answering the request file $requests ($request_rows rows in
# batches of 8192) with no vecrun: stdin from the file, stdout to /dev/null.
helper_rows=()
alone() {
  local label=$1
  shift
  local walls=() i w
  stdin_from=$requests
  stdout_to=/dev/null
  for ((i = 1; i <= reps; i++)); do
    run_timed "$@"
    if [[ $rc != 0 ]]; then
      log "$label: exit code $rc; stderr:"
      sed 's/^/    /' "$tmp/last.err" >&2
      exit 1
    fi
    walls+=("$wall")
    log "$label alone: rep $i: $request_rows rows in $wall s"
  done
  stdin_from=/dev/null
  stdout_to=$tmp/last.out
  w=$(printf '%s\n' "${walls[@]}" | median)
  helper_rows+=("| $label | $(fmt_count "$request_rows") | $w | **$(fmt_rate "$(awk -v n="$request_rows" -v w="$w" 'BEGIN { printf "%.0f", n / w }')")** |")
}

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB," \
  "$(rustc --version), vecrun $(git rev-parse --short HEAD), $("$python" --version 2>&1)"
echo

if [[ $libm != 2 ]]; then
  mul=$tmp/mul_impl.vspec
  measure "pure spec (\`fn mul\`), cpu" 0 200000000 denominator "$tmp/mul_pure.vspec"
  measure "lib: C shim \`cc -O2\` (\`lib:libmul.so\`)" 0 200000000 ratio:0.5 "$mul" --impl "mul=lib:$tmp/libmul.so"
  measure "exec: Rust \`examples/mul\` (serve_map2, row-wise)" 0 50000000 rate:20e6 "$mul" --impl "mul=exec:$rel/examples/mul"
  measure "exec: Rust \`examples/mul_columns\` (read_lanes)" 0 50000000 rate:20e6 "$mul" --impl "mul=exec:$rel/examples/mul_columns"
  measure "exec: Python numpy \`tests/impls/mul_vectorized.py\`" 0 10000000 rate:2e6 "$mul" \
    --impl "mul=exec:$python $root/tests/impls/mul_vectorized.py"
  anchor "proptest 1.x, Rust \`mul\` in-process (1 thr)" 5000000 "$rel/examples/proptest_mul"
  anchor "Hypothesis, Python \`mul\` in-process (1 thr)" 10000 "$python" scripts/bench/hypothesis_mul.py
  bill=datasets/specs/billing_impl.vspec
  measure "billing ledger: exec Rust \`billing-impl\`" 1 20000000 "" "$bill" --impl "ledger=exec:$rel/billing-impl"
  measure "billing ledger: lib \`libbilling_impl.so:ledger_buggy\`" 1 20000000 "" "$bill" \
    --impl "ledger=lib:$rel/libbilling_impl.so:ledger_buggy"
  measure "billing ledger: exec Python numpy \`billing.py\`" 1 5000000 "" "$bill" \
    --impl "ledger=exec:$python $root/examples/impls/billing-py/billing.py"
  request_rows=20004864 # 2442 requests of 8192 rows
  requests=$tmp/requests.arrows
  "$python" scripts/bench/mul_requests.py "$requests" "$request_rows"
  alone "Rust \`examples/mul\`" "$rel/examples/mul"
  alone "Rust \`examples/mul_columns\`" "$rel/examples/mul_columns"
  alone "Python numpy \`tests/impls/mul_vectorized.py\`" "$python" tests/impls/mul_vectorized.py

  echo "Medians of $reps runs; threads: $([[ $threads == 0 ]] && echo "one per core ($(nproc))" || echo "$threads"). Whole-process"
  echo "wall time of \`vecrun run --backend cpu -q\`, nothing subtracted; start-up = the same command with --vectors 1."
  echo
  echo "| configuration | vectors | median wall s | vectors/s | start-up s | vs pure | target | exit | failed (last run) |"
  echo "|---|---:|---:|---:|---:|---:|---|---|---:|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "The harnesses alone, no vecrun: \`HARNESS < requests.arrows > /dev/null\` on a file of 8192-row requests written by"
  echo "scripts/bench/mul_requests.py (start-up included; medians of $reps):"
  echo
  echo "| harness | rows | median wall s | rows/s |"
  echo "|---|---:|---:|---:|"
  printf '%s\n' "${helper_rows[@]}"
  echo
  echo "Runs repeated because other processes were busy: $discarded; others took at most $worst_others of the machine during a kept run."
fi

if [[ $libm != 0 ]]; then
  echo
  echo "libm over all 2^32 f32 bit patterns (\`--exhaustive\`, once each, lib:libm_shim.so):"
  echo
  libm_rows=()
  judge=0
  for prop in rintf roundf; do
    args=(run datasets/specs/libm.vspec --exhaustive --backend cpu --threads "$threads" --property "${prop}_is_round"
      --impl "c_${prop}=lib:$tmp/libm_shim.so:vr_${prop}" --out "$tmp/libm_$prop")
    [[ $prop == roundf ]] && args+=(--capacity 100)
    log "libm: vecrun ${args[*]}"
    run_timed "$vecrun" "${args[@]}"
    cp "$tmp/last.out" "$tmp/libm_$prop.txt"
    rate=$(awk -v w="$wall" 'BEGIN { printf "%.0f", 4294967296 / w }')
    libm_rows+=("| \`${prop}_is_round\` | $wall | $(verdict_of "$tmp/last.out") | $(failed_count "$tmp/last.out") | $(fmt_rate "$rate") | $rc |")
    log "libm: $prop done in $wall s (exit $rc, others took $others)"
  done
  echo "| property | wall s | verdict | failing | vectors/s | exit |"
  echo "|---|---:|---|---|---:|---|"
  printf '%s\n' "${libm_rows[@]}"
  for prop in rintf roundf; do
    echo
    echo "\`${prop}_is_round\` output:"
    echo '```'
    cat "$tmp/libm_$prop.txt"
    echo '```'
  done
fi
