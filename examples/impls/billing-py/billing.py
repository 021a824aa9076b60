"""billing.py [--fixed]: serves `ledger(ops: [u32; 16], amount: u32) -> [u32; 2]` for vecrun, vectorised with numpy.

The Python twin of examples/impls/billing-rs (same ledger, same planted fail-over double charge):
    vecrun run bill.vspec --impl "ledger=exec:python3 examples/impls/billing-py/billing.py"
    vecrun run bill.vspec --impl "ledger=exec:python3 examples/impls/billing-py/billing.py --fixed"
vecrun_impl is imported from the repository's python/ folder (found relative to this file).
"""

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "python"))
import vecrun_impl  # noqa: E402

OPS = 16


def ledger(ops: np.ndarray, amount: np.ndarray, fixed: bool) -> np.ndarray:
    """All rows at once: `ops` (n, 16) uint32, `amount` (n,) uint32 -> (n, 2) uint32 [charged_total, charges].

    Per step, op % 1000: < 500 charge (while the region is up; leaves it pending), < 990 settle,
    < 999 toggle the region (fail-over), 999 a client retry. The buggy ledger charges a retry again
    while its charge is pending and the region is down; the fixed one ignores the retry.
    """
    rows = len(amount)
    amount = amount.astype(np.uint32, copy=False)
    charged = np.zeros(rows, dtype=np.uint32)
    charges = np.zeros(rows, dtype=np.uint32)
    pending = np.zeros(rows, dtype=bool)
    region_up = np.ones(rows, dtype=bool)
    kinds = ops % np.uint32(1000)
    for step in range(OPS):
        kind = kinds[:, step]
        charge = (kind < 500) & region_up
        settle = (kind >= 500) & (kind < 990)
        failover = (kind >= 990) & (kind < 999)
        charged_now = charge
        if not fixed:
            charged_now = charge | ((kind == 999) & pending & ~region_up)
        charged += np.where(charged_now, amount, np.uint32(0))  # uint32 arrays wrap
        charges += charged_now.astype(np.uint32)
        pending = (pending | charge) & ~settle
        region_up ^= failover
    return np.stack([charged, charges], axis=1)


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve the billing ledger to vecrun over stdin/stdout.")
    parser.add_argument("--fixed", action="store_true", help="serve the corrected ledger (default: the buggy one)")
    fixed = parser.parse_args().fixed
    vecrun_impl.serve(lambda ops, amount: ledger(ops, amount, fixed), vectorized=True, expect="([u32; 16], u32) -> [u32; 2]")


if __name__ == "__main__":
    main()
