#!/usr/bin/env bash
# Solver benchmark (issue 15, section 4): the needle `!(a == 0xDEADBEEF && b == 0xCAFEBABE)` over all 2^64 (a, b)
# pairs, and the overflow-safe midpoint identity, with vecrun's solver phase (z3), vecrun's CPU backend sampling for a
# fixed time without the solver, and Hypothesis (random generation, and its CrossHair solver backend) on the same needle.
#
#   scripts/bench-solver.sh [SECONDS_OF_SAMPLING]     (default 60)
#
# Needs z3 (scripts/test.sh installs it) and, for the Hypothesis rows, a Python with `hypothesis` and
# `hypothesis-crosshair` (VECRUN_BENCH_PYTHON, default: a throwaway venv under target/bench-venv).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
cargo build --release --bin vecrun >/dev/null
vecrun=target/release/vecrun
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/needle.vspec" <<'SPEC'
spec needle { version = "1" }
input a: u32;
input b: u32;
property p {
  assert !(a == 0xDEADBEEF && b == 0xCAFEBABE), "the needle";
}
SPEC
cat > "$tmp/midpoint.vspec" <<'SPEC'
spec midpoint { version = "1" }
input a: u32;
input b: u32;
property safe_midpoint {
  let m = a / 2 + b / 2 + (a & b & 1);
  assert m >= min(a, b) && m <= max(a, b);
}
SPEC
timed() { # prints "<seconds> <exit code>" of a command
  local start end rc
  start=$(date +%s.%N)
  set +e
  "$@" >"$tmp/out" 2>&1
  rc=$?
  set -e
  end=$(date +%s.%N)
  printf '%.2f %s\n' "$(echo "$end - $start" | bc)" "$rc"
}
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(z3 --version)"
echo
echo "| engine | property | result | seconds |"
echo "|---|---|---|---:|"
read -r t rc < <(timed "$vecrun" prove "$tmp/needle.vspec" -q --out "$tmp/o1")
echo "| vecrun prove (z3) | needle | $([ "$rc" = 1 ] && echo "refuted (a = 0xDEADBEEF, b = 0xCAFEBABE)" || echo "exit $rc") | $t |"
read -r t rc < <(timed "$vecrun" run "$tmp/needle.vspec" --backend cpu -q --seconds "$seconds" --vectors 1e18 --out "$tmp/o2")
evaluated=$(grep -o '"vectors_done": [0-9]*' "$tmp/o2/manifest.json" | grep -o '[0-9]*$')
echo "| vecrun run --backend cpu, no solver, ${seconds} s | needle | $([ "$rc" = 1 ] && echo found || echo "not found in $evaluated vectors") | $t |"
read -r t rc < <(timed "$vecrun" prove "$tmp/midpoint.vspec" -q --out "$tmp/o3")
echo "| vecrun prove (z3) | safe midpoint over 2^64 pairs | $([ "$rc" = 0 ] && echo "PROVEN (solver)" || echo "exit $rc") | $t |"
py="${VECRUN_BENCH_PYTHON:-}"
if [ -z "$py" ]; then
  if [ ! -x target/bench-venv/bin/python ]; then
    python3 -m venv target/bench-venv && target/bench-venv/bin/pip install -q hypothesis hypothesis-crosshair >/dev/null 2>&1 || true
  fi
  py=target/bench-venv/bin/python
fi
if "$py" -c "import hypothesis, hypothesis_crosshair_provider" 2>/dev/null; then
  ver=$("$py" -c "import hypothesis; print(hypothesis.__version__)")
  for engine in "hypothesis 100000" "crosshair 1000"; do
    # shellcheck disable=SC2086
    IFS=$'\t' read -r name examples found secs < <(timeout 600 "$py" scripts/bench/needle_hypothesis.py $engine)
    echo "| Hypothesis $ver ($name, max_examples $examples) | needle | $found | $secs |"
  done
else
  echo "| Hypothesis | needle | not installed here (pip install hypothesis hypothesis-crosshair) | - |"
fi
