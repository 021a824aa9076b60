"""Test implementation of `f(x: u32) -> u32`: x * 3 (wrapping), but the process dies of SIGSEGV on x == 7777."""

import os
import signal

import _fixture  # noqa: F401
import vecrun_impl


def f(x: int) -> int:
    if x == 7777:
        os.kill(os.getpid(), signal.SIGSEGV)
    return (x * 3) & 0xFFFFFFFF


vecrun_impl.serve(f)
