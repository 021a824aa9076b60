"""Test implementation of `mix(a: u8, b: i8, c: [u16; 2]) -> i16`: a * b + c[0] - c[1], wrapped to 16 bits, row-wise."""

import _fixture  # noqa: F401
import vecrun_impl


def mix(a, b, c):
    v = (a * b + c[0] - c[1]) & 0xFFFF
    return v - 0x10000 if v >= 0x8000 else v


vecrun_impl.serve(mix, expect="(u8, i8, [u16; 2]) -> i16")
