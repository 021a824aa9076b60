"""Test implementation of `f(x: u32) -> u32`: x * 3 (wrapping), but hangs (sleeps 1000 s) on x == 7777."""

import time

import _fixture  # noqa: F401
import vecrun_impl


def f(x: int) -> int:
    if x == 7777:
        time.sleep(1000)
    return (x * 3) & 0xFFFFFFFF


vecrun_impl.serve(f)
