"""Test implementations of the 64-bit extern fns of examples/impls/c/wide.c: `mix` row-wise (Python ints,
wrapped by hand) and `total` vectorised (numpy uint64, which wraps); the first argument picks one."""

import sys

import _fixture  # noqa: F401
import numpy as np
import vecrun_impl

MASK = (1 << 64) - 1


def signed(v):
    v &= MASK
    return v - (1 << 64) if v >= 1 << 63 else v


def mix(a, b, c):
    return [signed(a * c[0] + b), signed(((a ^ c[1]) >> 7) - b)]


def total(cents, fee):
    return cents.sum(axis=1, dtype=np.uint64) + fee.astype(np.uint64)


if sys.argv[1] == "mix":
    vecrun_impl.serve(mix, expect="(u64, i64, [u64; 2]) -> [i64; 2]")
else:
    vecrun_impl.serve(total, vectorized=True, expect="([u64; 3], i64) -> u64")
