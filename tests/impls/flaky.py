"""Test implementation of `f(x: u32) -> u32`: x * 3 (wrapping), but a random value on x == 7777 (nondeterministic)."""

import random

import _fixture  # noqa: F401
import vecrun_impl

rng = random.SystemRandom()


def f(x: int) -> int:
    if x == 7777:
        return rng.getrandbits(32)
    return (x * 3) & 0xFFFFFFFF


vecrun_impl.serve(f)
