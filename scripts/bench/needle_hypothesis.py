"""The needle of issue 15 under Hypothesis: random generation, and the CrossHair (solver) backend.

Prints one line per engine: whether the needle was found and the seconds it took. Used by
scripts/bench-solver.sh (needs `pip install hypothesis hypothesis-crosshair`).
"""
import sys
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

U32 = st.integers(min_value=0, max_value=2**32 - 1)


def needle(a, b):
    assert not (a == 0xDEADBEEF and b == 0xCAFEBABE), "the needle"


def run(backend, examples):
    options = dict(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    if backend != "hypothesis":
        options["backend"] = backend

    @settings(**options)
    @given(U32, U32)
    def test(a, b):
        needle(a, b)

    start = time.perf_counter()
    try:
        test()
        found = False
    except AssertionError:
        found = True
    return found, time.perf_counter() - start


if __name__ == "__main__":
    engine = sys.argv[1]
    examples = int(sys.argv[2])
    found, seconds = run(engine, examples)
    print(f"{engine}\t{examples}\t{'found' if found else 'not found'}\t{seconds:.2f}")
