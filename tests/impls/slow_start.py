"""Test implementation of `f(x: u32) -> u32`: x * 3 (wrapping), like good.py, after a six-second start-up (an
interpreter's heavy imports): start-up is not a call, so `--impl-timeout 3` must not cut it."""

import time

time.sleep(6.0)

import _fixture  # noqa: E402,F401
import vecrun_impl  # noqa: E402

vecrun_impl.serve(lambda x: (x * 3) & 0xFFFFFFFF)
