#!/usr/bin/env bash
# GPU benchmark: vecrun's generated WGSL vs the hand-written kernels in kernels/ vs the CPU backend,
# on whatever adapter is present (lavapipe without a GPU), dispatch sizes 2^MIN..2^MAX.
# Usage: scripts/bench-gpu.sh            (BENCH_GPU_MIN_EXP / BENCH_GPU_MAX_EXP, VECRUN_ADAPTER=name)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${XDG_RUNTIME_DIR:-}" ] || [ ! -d "${XDG_RUNTIME_DIR}" ]; then
  export XDG_RUNTIME_DIR="$(mktemp -d)"
fi
cargo build --release --example bench_gpu
echo "machine: $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1), $(nproc) cores"
./target/release/examples/bench_gpu
