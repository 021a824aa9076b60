"""Test implementation of `f(x: u32) -> u32` that exits with status 3 before reading or writing anything."""

import sys

print("exit_at_start: giving up before the first request", file=sys.stderr)
sys.exit(3)
