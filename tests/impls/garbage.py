"""Test implementation of `f(x: u32) -> u32` that breaks the protocol: it writes text, not Arrow, to stdout."""

import sys

out = sys.stdout.buffer
out.write(b"hello from an implementation that logs to stdout\n" * 8)
out.flush()
# Keep reading until vecrun closes stdin, so it sees the garbage rather than a closed pipe.
while sys.stdin.buffer.read(1 << 16):
    pass
