"""Test implementation of `mul(a: u32, b: u32) -> u32`: wrapping multiplication over whole numpy columns (speed baseline)."""

import _fixture  # noqa: F401
import vecrun_impl

vecrun_impl.serve(lambda a, b: a * b, vectorized=True)
