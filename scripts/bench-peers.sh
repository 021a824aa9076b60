#!/usr/bin/env bash
# Peers benchmark (issue 3, section 5): builds in release once, then prints ONE table from ONE process:
# vectors/s of vecrun's CPU backend, proptest, a hand-written multi-threaded Philox loop and a stronger one written
# with AVX2 intrinsics (issue 16's denominator) on the three reference properties of datasets/specs/bench/ (medians
# of --reps repetitions), with the ratios and targets; then a second table for issue 16's further specs
# (billing_failover and two gallery specs, every property): vecrun's two CPU engines against a hand loop built for AVX2.
#
#   scripts/bench-peers.sh [peers options]        e.g. --reps 7 --seconds 2 --threads 2
#   scripts/bench-peers.sh --system [peers options]
#
# --system also measures, with /usr/bin/time -v, the exhaustive run of a full-range u32 input (2^32 vectors) and the
# max RSS of `vecrun run` midpoint at 1e6, 1e9 and 1e10 vectors (memory must not grow with the vector count).
# Options of the peers binary: --reps N --seconds S --threads N --seed S --vectors N --cases N --only NAME
# --max-others F (discard measurements while other processes use more than F of the machine) --retries N.
set -euo pipefail
cd "$(dirname "$0")/.."

system=0
if [[ "${1:-}" == "--system" ]]; then
  system=1
  shift
fi

cargo build --release --bin vecrun --example peers

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB, $(rustc --version)"
./target/release/examples/peers --specs datasets/specs/bench "$@"

if [[ $system == 1 ]]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  cat > "$tmp/xor_self.vspec" <<'SPEC'
// A full-range u32 input: 2^32 vectors, enumerated with --exhaustive.
spec xor_self {
  version = "1.0.0"
}

input x: u32;

property xor_self_is_zero {
  assert (x ^ x) == 0, "x ^ x is not zero";
}
SPEC
  rss() { /usr/bin/time -v "$@" 2>"$tmp/time.txt" >"$tmp/out.txt" || true; cat "$tmp/out.txt";
          grep -E "Elapsed \(wall|Maximum resident" "$tmp/time.txt"; }
  echo
  echo "== exhaustive full-range u32 (2^32 vectors)"
  rss ./target/release/vecrun run "$tmp/xor_self.vspec" --backend cpu --exhaustive
  for n in 1e6 1e9 1e10; do
    echo
    echo "== memory: midpoint --vectors $n"
    rss ./target/release/vecrun run datasets/specs/bench/midpoint.vspec --backend cpu --vectors "$n"
  done
fi
