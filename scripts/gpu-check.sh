#!/usr/bin/env bash
# GPU check for a machine with a real GPU (vecrun issue 13, section 5): prints the adapters and the ones
# `--backend gpu` uses (`vecrun devices`), runs the GPU conformance, differential and regression tests
# against the GPU (VECRUN_REQUIRE_GPU=1, so a missing adapter fails instead of skipping), then prints the
# table of scripts/bench-gpu.sh with small dispatch exponents (2^16..2^20, a few minutes in all).
#
# Usage: scripts/gpu-check.sh [--allow-software] [--tests-only] [--dry-run]
#   --allow-software  accept a software adapter (Mesa's llvmpipe); without it a machine whose only
#                     adapter is a software one is refused (exit 2): the check is for real GPUs
#   --tests-only      skip the release build and the benchmark table
#   --dry-run         print the commands it would run, run nothing
# Environment: BENCH_GPU_MIN_EXP / BENCH_GPU_MAX_EXP override the benchmark's exponents (16 / 20).
set -euo pipefail
cd "$(dirname "$0")/.."

allow_software=0 tests_only=0 dry_run=0
for arg in "$@"; do
  case "$arg" in
    --allow-software) allow_software=1 ;;
    --tests-only) tests_only=1 ;;
    --dry-run) dry_run=1 ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "gpu-check: unknown argument \`$arg\` (see --help)" >&2; exit 2 ;;
  esac
done

if [ -z "${XDG_RUNTIME_DIR:-}" ] || [ ! -d "${XDG_RUNTIME_DIR}" ]; then
  export XDG_RUNTIME_DIR="$(mktemp -d)"
fi
if [ "$allow_software" = 1 ]; then
  export VECRUN_ALLOW_SOFTWARE_GPU=1
else
  unset VECRUN_ALLOW_SOFTWARE_GPU
fi
export VECRUN_REQUIRE_GPU=1
GPU_TESTS=(--test conformance --test differential --test gpu_regressions --test gpu_dispatch --test gpu_limits --test gpu_library)
BENCH_MIN="${BENCH_GPU_MIN_EXP:-16}" BENCH_MAX="${BENCH_GPU_MAX_EXP:-20}"

run() {
  echo "+ $*"
  if [ "$dry_run" = 0 ]; then "$@"; fi
}

echo "== adapters (VECRUN_ALLOW_SOFTWARE_GPU=${VECRUN_ALLOW_SOFTWARE_GPU:-0})"
run cargo build --bin vecrun
if [ "$dry_run" = 1 ]; then
  echo "+ target/debug/vecrun devices"
else
  devices="$(target/debug/vecrun devices)"
  echo "$devices"
  if ! grep -q '^--backend gpu uses [0-9]* device' <<<"$devices"; then
    echo "gpu-check: no GPU that --backend gpu would use (pass --allow-software to accept llvmpipe)" >&2
    exit 2
  fi
fi

echo "== GPU conformance, differential and regression tests (VECRUN_REQUIRE_GPU=1)"
run cargo test "${GPU_TESTS[@]}"

if [ "$tests_only" = 1 ]; then
  echo "== benchmark skipped (--tests-only)"
else
  echo "== scripts/bench-gpu.sh (dispatch sizes 2^$BENCH_MIN..2^$BENCH_MAX)"
  run env BENCH_GPU_MIN_EXP="$BENCH_MIN" BENCH_GPU_MAX_EXP="$BENCH_MAX" scripts/bench-gpu.sh
fi
echo "gpu-check: OK"
