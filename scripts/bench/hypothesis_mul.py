"""In-process anchor for scripts/bench-impls.sh: Hypothesis calling `mul(a: u32, b: u32) -> u32` (wrapping), in cases/s.

    python scripts/bench/hypothesis_mul.py [CASES]      (default 20000; needs `pip install hypothesis`)

Prints `hypothesis_mul cases=N seconds=S cases_per_s=R`, where N counts the calls the test body actually
received (Hypothesis may add a few) and S is the wall time of the whole `@given` test, generation included.
"""
import sys
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

U32 = st.integers(min_value=0, max_value=2**32 - 1)


def mul(a: int, b: int) -> int:
    """The function under test: the same wrapping multiply as tests/impls/mul_vectorized.py, one row at a time."""
    return (a * b) & 0xFFFFFFFF


def main() -> None:
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    calls = 0

    @settings(max_examples=cases, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(U32, U32)
    def test(a, b):
        nonlocal calls
        calls += 1
        assert mul(a, b) == (a * b) % 2**32

    start = time.perf_counter()
    test()
    seconds = time.perf_counter() - start
    print(f"hypothesis_mul cases={calls} seconds={seconds:.3f} cases_per_s={calls / seconds:.0f}")


if __name__ == "__main__":
    main()
