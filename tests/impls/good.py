"""Test implementation of `f(x: u32) -> u32`: x * 3 (wrapping), row-wise. The well-behaved baseline."""

import _fixture  # noqa: F401
import vecrun_impl

vecrun_impl.serve(lambda x: (x * 3) & 0xFFFFFFFF)
