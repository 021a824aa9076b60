"""Shared set-up of the test implementations in tests/impls: makes the repository's python/vecrun_impl importable."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "python"))
