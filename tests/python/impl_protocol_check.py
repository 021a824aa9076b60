"""impl_protocol_check.py: acts as vecrun against every `extern fn` harness of the repository and checks their answers.

Starts each harness as vecrun would (process protocol: Arrow IPC streams on stdin/stdout, one answer per
request), compares answers with Python references, checks the C shims against float32 expectations, the
test fixtures' misbehaviour (crash, hang, nondeterminism, protocol breaks), and with --bench prints rows/s.

Build first (from the repository root; CARGO_TARGET_DIR=target):
    cargo build -p vecrun-impl -p billing-impl && cargo build -p vecrun-impl --examples
Run:
    /path/to/venv/bin/python tests/python/impl_protocol_check.py [--profile debug|release] [--bench]
Needs pyarrow and numpy, and a C compiler `cc` (the C shims are compiled into a temporary folder).
"""

import argparse
import io
import math
import os
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import pyarrow as pa

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "python"))
import vecrun_impl  # noqa: E402
from vecrun_impl import Signature, ValueType  # noqa: E402

U32 = ValueType("u32")
LEDGER = Signature("ledger", [("ops", ValueType("u32", 16)), ("amount", U32)], ValueType("u32", 2))
F = Signature("f", [("x", U32)], U32)
MUL = Signature("mul", [("a", U32), ("b", U32)], U32)
PYTHON = sys.executable
FAILURES = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what, flush=True)
    if not condition:
        FAILURES.append(what)


class Harness:
    """One implementation process, driven as vecrun drives it: a request schema, then request/answer in lock step."""

    def __init__(self, command, signature, env_extra=None):
        self.command = [str(c) for c in command]
        self.signature = signature
        self.stderr = tempfile.TemporaryFile()
        env = dict(os.environ, VECRUN_IMPL_FUNCTION=signature.function, **(env_extra or {}))
        self.proc = subprocess.Popen(self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr, env=env)
        self.schema = signature.request_schema()
        # Message by message, as vecrun's arrow-rs writer does: the schema at once (pyarrow's stream writer
        # would hold it back until the first batch), each request when sent, end-of-stream at the end.
        self.proc.stdin.write(self.schema.serialize())
        self.proc.stdin.flush()
        self.reader = None

    def _answers(self):
        if self.reader is None:
            self.reader = pa.ipc.open_stream(self.proc.stdout)
        return self.reader

    def answer_schema(self):
        return self._answers().schema

    def send(self, columns):
        self.proc.stdin.write(pa.record_batch(columns, schema=self.schema).serialize())
        self.proc.stdin.flush()

    def receive(self):
        return self._answers().read_next_batch().column(0)

    def ask(self, columns):
        self.send(columns)
        return self.receive()

    def finish(self, end_of_stream=True):
        """Ends the request stream (with or without its end-of-stream marker); returns (exit status, answer stream ended)."""
        if end_of_stream:
            self.proc.stdin.write(vecrun_impl.END_OF_STREAM)
        self.proc.stdin.close()
        ended = False
        try:
            self._answers().read_next_batch()
        except StopIteration:
            ended = True
        return self.proc.wait(timeout=30), ended

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
        try:
            self.proc.stdin.close()
        except (BrokenPipeError, OSError):
            pass
        return self.proc.wait(timeout=30)

    def stderr_text(self):
        self.stderr.seek(0)
        return self.stderr.read().decode(errors="replace")


def u32_column(values):
    return pa.array(np.asarray(values, dtype=np.uint32), type=pa.uint32())


def f32_column(values):
    return pa.array(np.asarray(values, dtype=np.float32), type=pa.float32())


def ops_column(ops):
    flat = pa.array(np.ascontiguousarray(ops, dtype=np.uint32).reshape(-1), type=pa.uint32())
    return pa.FixedSizeListArray.from_arrays(flat, type=LEDGER.params[0][1].arrow_type)


def rows_of(column, width):
    values = column.flatten() if width > 1 else column
    return values.to_numpy(zero_copy_only=False).reshape(len(column), width) if width > 1 else values.to_numpy(zero_copy_only=False)


# ---- the billing ledger -------------------------------------------------------------------------

def ledger_reference(ops, amount, fixed):
    charged = charges = 0
    pending, region_up = False, True
    for op in ops:
        kind = op % 1000
        if kind < 500:
            if region_up:
                charged, charges, pending = (charged + amount) & 0xFFFFFFFF, charges + 1, True
        elif kind < 990:
            pending = False
        elif kind < 999:
            region_up = not region_up
        elif not fixed and pending and not region_up:
            charged, charges = (charged + amount) & 0xFFFFFFFF, charges + 1
    return [charged, charges]


DOUBLE_CHARGE = [0, 990, 999] + [500] * 13  # charge, fail over, client retry, settlements


def ledger_requests(rng, sizes):
    """Batches whose ops hit every kind often (charges, settlements, fail-overs, retries), plus the double charge."""
    kinds = np.array([0, 499, 250, 500, 989, 700, 990, 998, 999, 999], dtype=np.uint32)
    batches = []
    for size in sizes:
        ops = kinds[rng.integers(0, len(kinds), size=(size, 16))] + np.uint32(1000) * rng.integers(0, 4_294_966, size=(size, 16), dtype=np.uint32)
        amount = rng.integers(0, 2**32, size=size, dtype=np.uint64).astype(np.uint32)
        ops[0] = DOUBLE_CHARGE
        amount[0] = 100
        batches.append((ops, amount))
    return batches


def check_ledger(name, command, fixed, batches):
    harness = Harness(command, LEDGER)
    check(harness.answer_schema().field(0).type == LEDGER.result.arrow_type, f"{name}: answer schema {LEDGER.result}, sent before any request")
    all_right = True
    for ops, amount in batches:
        answer = rows_of(harness.ask([ops_column(ops), u32_column(amount)]), 2)
        expected = np.array([ledger_reference(row.tolist(), int(a), fixed) for row, a in zip(ops, amount)], dtype=np.uint32)
        all_right &= answer.shape == expected.shape and bool((answer == expected).all())
        if answer.shape[0] and ops[0].tolist() == DOUBLE_CHARGE:
            want = [100, 1] if fixed else [200, 2]
            check(answer[0].tolist() == want, f"{name}: the fail-over retry gives {answer[0].tolist()} (want {want})")
    rows = sum(len(a) for _, a in batches)
    check(all_right, f"{name}: {rows} rows in {len(batches)} batches agree with the reference")
    status, ended = harness.finish()
    check(status == 0 and ended, f"{name}: exit 0 and end of answer stream after end of requests (status {status})")


# ---- the libm shim --------------------------------------------------------------------------------

def f32(x):
    return struct.unpack("<f", struct.pack("<f", x))[0]


def f32_bits(x):
    return struct.unpack("<I", struct.pack("<f", x))[0]


def libm_reference(name, x):
    """The float32 result of libm's NAME on the float32 `x` (given as a Python float), by exact arithmetic."""
    if math.isnan(x):
        return math.nan
    if name == "sqrtf":
        if x < 0:
            return math.nan
        return f32(math.sqrt(x))  # correctly rounded in double, then to float: innocuous double rounding for sqrt
    if math.isinf(x) or abs(x) >= 2.0**23:
        return x
    integral = {
        "rintf": lambda v: round(v),  # Python rounds halves to even, like rintf in the default rounding mode
        "roundf": lambda v: math.floor(abs(v) + 0.5) * (1 if v >= 0 else -1),  # exact in double for |v| < 2^23
        "floorf": math.floor,
        "truncf": math.trunc,
    }[name](x)
    return math.copysign(float(integral), x) if integral == 0 else float(integral)


def libm_inputs(rng):
    special = [0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999997, -0.49999997, 1.0000001, 0.1, -7.7, 2.0, 4.0, 1e-45, -1e-45,
               1.17549435e-38, 8388607.5, -8388607.5, 8388608.0, 16777216.0, 1e10, 3.4028235e38, -3.4028235e38,
               math.inf, -math.inf, math.nan]
    bits = rng.integers(0, 2**32, size=4000, dtype=np.uint64).astype(np.uint32)
    small = (rng.standard_normal(2000) * 100).astype(np.float32)
    halves = (rng.integers(-10000, 10000, size=1000) + 0.5).astype(np.float32)
    return np.concatenate([np.array([f32(v) for v in special], dtype=np.float32), bits.view(np.float32), small, halves])


def same_f32(a, b):
    return (math.isnan(a) and math.isnan(b)) or f32_bits(a) == f32_bits(b)


def check_libm(name, host_command, xs):
    harness = Harness(host_command, Signature(name, [("x", ValueType("f32"))], ValueType("f32")))
    answer = harness.ask([f32_column(xs)]).to_numpy(zero_copy_only=False)
    bad = [(float(x), float(y)) for x, y in zip(xs, answer) if not same_f32(float(y), libm_reference(name, float(x)))]
    check(not bad, f"{name} via {Path(host_command[0]).name if 'python' not in str(host_command[0]) else 'python -m vecrun_impl'}: "
          f"{len(xs)} float32 values match exact rounding" + (f"; first mismatches {bad[:3]}" if bad else ""))
    status, ended = harness.finish()
    check(status == 0 and ended, f"{name}: clean exit")


# ---- crashes and errors of C libraries -----------------------------------------------------------

def check_c_failures(name, host_for):
    values = np.array([1, 2, 0xFFFFFFFF, 4242 - 1], dtype=np.uint32)
    for symbol in ("crashy", "picky"):
        harness = Harness(host_for(symbol), Signature(symbol, [("x", U32)], U32))
        answer = harness.ask([u32_column(values)]).to_numpy(zero_copy_only=False)
        check((answer == (values ^ np.uint32(0x5BD1E995))).all(), f"{name} {symbol}: answers x ^ 0x5bd1e995")
        check(harness.finish() == (0, True), f"{name} {symbol}: clean exit")
    harness = Harness(host_for("crashy"), Signature("crashy", [("x", U32)], U32))
    try:
        harness.ask([u32_column([5, 7777, 9])])
        answered = True
    except (pa.ArrowInvalid, StopIteration, OSError):
        answered = False
    status = harness.kill()
    check(not answered and status == -signal.SIGSEGV, f"{name} crashy(7777): the process dies of SIGSEGV (status {status})")
    harness = Harness(host_for("picky"), Signature("picky", [("x", U32)], U32))
    try:
        harness.ask([u32_column([5, 4242])])
        answered = True
    except (pa.ArrowInvalid, StopIteration, OSError):
        answered = False
    status = harness.kill()
    check(not answered and status == 1 and "error code 42" in harness.stderr_text(),
          f"{name} picky(4242): exit 1, stderr names error code 42 (status {status}: {harness.stderr_text().strip()[-80:]!r})")


# ---- the documentation's C example: arrays, a bool, i32, an error code -----------------------------

OFFSET4 = Signature("offset4", [("v", ValueType("i32", 4)), ("by", ValueType("i32")), ("saturate", ValueType("bool"))], ValueType("i32", 4))


def offset4_reference(v, by, saturate):
    if saturate:
        return [max(-(2**31), min(2**31 - 1, x + by)) for x in v]
    return [((x + by + 2**31) % 2**32) - 2**31 for x in v]


def check_offset4(name, command):
    rng = np.random.default_rng(11)
    rows = 500
    v = rng.integers(-(2**31), 2**31, size=(rows, 4), dtype=np.int64).astype(np.int32)
    by = rng.integers(-(2**31) + 1, 2**31, size=rows, dtype=np.int64).astype(np.int32)
    saturate = rng.integers(0, 2, size=rows).astype(bool)
    v[0], by[0], saturate[0] = [2**31 - 1, -(2**31), 0, 5], 10, True
    columns = [
        pa.FixedSizeListArray.from_arrays(pa.array(v.reshape(-1), type=pa.int32()), type=OFFSET4.params[0][1].arrow_type),
        pa.array(by, type=pa.int32()),
        pa.array(saturate, type=pa.bool_()),
    ]
    harness = Harness(command, OFFSET4)
    answer = rows_of(harness.ask(columns), 4)
    expected = [offset4_reference(row.tolist(), int(b), bool(s)) for row, b, s in zip(v, by, saturate)]
    check(answer.tolist() == expected, f"{name}: offset4 over {rows} rows ([i32; 4], i32, bool) agrees with the reference")
    refused = answer_or_failure(harness, [columns[0].slice(0, 1), pa.array([-(2**31)], type=pa.int32()), columns[2].slice(0, 1)])
    status = harness.kill()
    check(not isinstance(refused, pa.Array) and status == 1 and "error code 3" in harness.stderr_text(), f"{name}: offset4 refusing by = i32::MIN -> exit 1, code 3")


# ---- the misbehaving test fixtures ---------------------------------------------------------------

def fixture(name):
    return [PYTHON, ROOT / "tests" / "impls" / name]


def answer_or_failure(harness, columns, wait=30.0):
    """The answer to one request (a list of u32 values, or of columns), the exception raised sending it or
    reading its answer, or 'timeout'."""
    if not isinstance(columns, list) or not columns or not isinstance(columns[0], pa.Array):
        columns = [u32_column(columns)]
    box = {}

    def ask():
        try:
            box["answer"] = harness.ask(columns)
        except Exception as e:  # noqa: BLE001 - any failure to send or read is the finding
            box["error"] = e

    thread = threading.Thread(target=ask, daemon=True)
    thread.start()
    thread.join(wait)
    if thread.is_alive():
        return "timeout"
    return box.get("answer", box.get("error"))


def check_fixtures():
    xs = np.array([0, 1, 2, 0x55555556, 0xFFFFFFFF, 7776], dtype=np.uint32)
    triple = (xs * np.uint32(3)).astype(np.uint32)

    harness = Harness(fixture("good.py"), F)
    answer = answer_or_failure(harness, xs)
    check(isinstance(answer, pa.Array) and (answer.to_numpy() == triple).all(), "good.py: x*3 wrapping")
    check(harness.finish() == (0, True), "good.py: clean exit")

    for name in ("crash_on.py", "hang_on.py", "flaky.py"):
        harness = Harness(fixture(name), F)
        answer = answer_or_failure(harness, xs)
        check(isinstance(answer, pa.Array) and (answer.to_numpy() == triple).all(), f"{name}: x*3 away from 7777")
        harness.kill()

    harness = Harness(fixture("crash_on.py"), F)
    answer = answer_or_failure(harness, [1, 7777])
    status = harness.kill()
    check(not isinstance(answer, pa.Array) and status == -signal.SIGSEGV, f"crash_on.py: dies of SIGSEGV on 7777 (status {status})")

    harness = Harness(fixture("hang_on.py"), F)
    started = time.monotonic()
    answer = answer_or_failure(harness, [7777], wait=2.0)
    harness.kill()
    check(answer == "timeout", f"hang_on.py: no answer to 7777 within {time.monotonic() - started:.1f} s")

    harness = Harness(fixture("flaky.py"), F)
    seen = {int(answer_or_failure(harness, [7777]).to_numpy()[0]) for _ in range(3)}
    check(len(seen) > 1, f"flaky.py: 7777 answered differently across requests ({len(seen)} distinct of 3)")
    check(harness.finish() == (0, True), "flaky.py: clean exit")

    harness = Harness(fixture("wrong_rows.py"), F)
    answer = answer_or_failure(harness, xs)
    check(isinstance(answer, pa.Array) and len(answer) == len(xs) - 1, "wrong_rows.py: answers one row fewer")
    harness.kill()

    harness = Harness(fixture("wrong_type.py"), F)
    harness.send([u32_column(xs)])  # pyarrow's stream writer sends the schema with the first answer
    check(harness.answer_schema().field(0).type == pa.int64(), "wrong_type.py: answer schema is Int64")
    harness.kill()

    # A reader that takes the text's first 4 bytes for a legacy message length waits for ~1.8 GB: the first
    # 4 bytes of a stream must be the continuation marker 0xFFFFFFFF, and they are not.
    harness = Harness(fixture("garbage.py"), F)
    harness.send([u32_column(xs)])
    first = harness.proc.stdout.read(8)
    alive = harness.proc.poll() is None
    harness.kill()
    check(first[:4] != b"\xff\xff\xff\xff" and alive, f"garbage.py: stdout starts with {first!r}, not an Arrow message, and stays open")

    proc = subprocess.run(fixture("exit_at_start.py"), stdin=subprocess.DEVNULL, capture_output=True, timeout=30)
    check(proc.returncode == 3 and proc.stdout == b"", f"exit_at_start.py: exit 3, nothing on stdout (status {proc.returncode})")


def check_end_without_marker(name, command, signature):
    harness = Harness(command, signature)
    answer = harness.ask([u32_column([1, 2]) for _ in signature.params])
    check(len(answer) == 2, f"{name}: answers before the stream ends")
    status, ended = harness.finish(end_of_stream=False)
    check(status == 0 and ended, f"{name}: stdin closed without an end-of-stream marker -> exit 0 (status {status})")


def check_exit_codes(name, command, wrong):
    """A request of the wrong signature: the harness says why on stderr and exits 1."""
    harness = Harness(command, wrong)
    answer = answer_or_failure(harness, [u32_column([1]) for _ in wrong.params])
    status = harness.kill()
    message = harness.stderr_text().strip().splitlines()[-1:]
    check(not isinstance(answer, pa.Array) and status == 1 and message, f"{name}: a request of the wrong signature -> exit 1 ({message})")


# ---- the Python module in-process ----------------------------------------------------------------

def serve_in_memory(signature, batches, handler):
    sink = io.BytesIO()
    writer = pa.ipc.new_stream(sink, signature.request_schema())
    for columns in batches:
        writer.write_batch(pa.record_batch(columns, schema=signature.request_schema()))
    writer.close()
    out = io.BytesIO()
    vecrun_impl.serve_streams(handler, io.BufferedReader(io.BytesIO(sink.getvalue())), out)
    reader = pa.ipc.open_stream(out.getvalue())
    return reader.schema, [batch.column(0) for batch in reader]


def check_python_module():
    sig = Signature("g", [("v", ValueType("f32", 2)), ("flag", ValueType("bool")), ("k", ValueType("i32"))], ValueType("bool", 3))
    v = pa.FixedSizeListArray.from_arrays(pa.array([1.5, -2.0, 0.0, 3.0], type=pa.float32()), type=sig.params[0][1].arrow_type)
    columns = [v, pa.array([True, False]), pa.array([-1, 5], type=pa.int32())]
    expected = [[True, True, False], [False, False, True]]
    row = vecrun_impl.row_handler(lambda v, flag, k: [v[0] > 0, flag, k > 0])
    vec = vecrun_impl.vectorized_handler(lambda v, flag, k: np.stack([v[:, 0] > 0, flag, k > 0], axis=1))
    for name, handler in (("row-wise", row), ("vectorised", vec)):
        schema, answers = serve_in_memory(sig, [columns], handler)
        check(schema.field(0).type == sig.result.arrow_type and answers[0].to_pylist() == expected,
              f"vecrun_impl {name}: f32 arrays, bool and i32 in, [bool; 3] out")
    for bad, why in ((lambda x: x * 3, "out of u32 range"), (lambda x: -1, "negative for u32"), (lambda x: "x", "not a number")):
        try:
            serve_in_memory(F, [[u32_column([2**31])]], vecrun_impl.row_handler(bad))
            refused = False
        except vecrun_impl.ProtocolError:
            refused = True
        check(refused, f"vecrun_impl refuses an answer {why}")
    schema, answers = serve_in_memory(F, [], vecrun_impl.row_handler(lambda x: x))
    check(answers == [] and schema.field(0).name == "result", "vecrun_impl: a stream with no requests gets an answer stream with none")
    check([str(ValueType.parse(t)) for t in ("u32", "[f32; 4]", " [bool ;1] ")] == ["u32", "[f32; 4]", "[bool; 1]"], "vecrun_impl: type spellings")


# ---- speed ----------------------------------------------------------------------------------------

def rows_per_second(command, signature, columns, batches):
    harness = Harness(command, signature)
    harness.ask(columns)  # start-up and first batch excluded
    started = time.perf_counter()
    for _ in range(batches):
        harness.ask(columns)
    elapsed = time.perf_counter() - started
    harness.finish()
    return batches * len(columns[0]) / elapsed


def bench(paths, rows=65536, batches=30):
    rng = np.random.default_rng(7)
    a, b = (u32_column(rng.integers(0, 2**32, size=rows, dtype=np.uint64).astype(np.uint32)) for _ in range(2))
    (ops, amount), = ledger_requests(rng, [rows])
    ledger_columns = [ops_column(ops), u32_column(amount)]
    cases = [
        ("billing-impl (Rust, serve_map2 over [u32; 16])", [paths["billing"]], LEDGER, ledger_columns),
        ("vecrun-lib-host + libbilling_impl.so", [paths["host"], paths["billing_so"], "ledger_buggy"], LEDGER, ledger_columns),
        ("billing.py (numpy, vectorised)", [PYTHON, ROOT / "examples/impls/billing-py/billing.py"], LEDGER, ledger_columns),
        ("mul: Rust serve_map2 (u32, u32) -> u32", [paths["mul"]], MUL, [a, b]),
        ("mul: Rust serve + read_lanes (column-at-a-time)", [paths["mul"].with_name("mul_columns")], MUL, [a, b]),
        ("mul: Python numpy vectorised", fixture("mul_vectorized.py"), MUL, [a, b]),
    ]
    print(f"\nspeed: batches of {rows} rows, {batches} batches, lock step through pipes (driver time included)")
    for name, command, signature, columns in cases:
        if not Path(command[0]).exists():
            print(f"  {name}: skipped ({command[0]} not built)")
            continue
        print(f"  {name:48} {rows_per_second(command, signature, columns, batches) / 1e6:8.2f} M rows/s", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target-dir", default=os.environ.get("CARGO_TARGET_DIR", ROOT / "target"), type=Path)
    parser.add_argument("--profile", default="debug", choices=["debug", "release"])
    parser.add_argument("--bench", action="store_true", help="also print rows/s of the harnesses")
    args = parser.parse_args()
    out = args.target_dir / args.profile
    paths = {
        "billing": out / "billing-impl",
        "host": out / "vecrun-lib-host",
        "billing_so": out / "libbilling_impl.so",
        "mul": out / "examples" / "mul",
    }
    for key in ("billing", "host", "billing_so"):
        if not paths[key].exists():
            sys.exit(f"{paths[key]} is missing: cargo build -p vecrun-impl -p billing-impl{' --release' if args.profile == 'release' else ''}")
    build = Path(tempfile.mkdtemp(prefix="vecrun-impl-check-"))
    libm, crashy, offset4 = build / "libm_shim.so", build / "libcrashy.so", build / "liboffset4.so"
    for source, lib in (("libm_shim.c", libm), ("crashy.c", crashy), ("offset4.c", offset4)):
        subprocess.run(["cc", "-O2", "-shared", "-fPIC", "-o", lib, ROOT / "examples/impls/c" / source, "-lm"], check=True)
    python_host = [PYTHON, "-m", "vecrun_impl"]
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "python"), os.environ.get("PYTHONPATH")]))

    check_python_module()

    rng = np.random.default_rng(2024)
    batches = ledger_requests(rng, [1, 7, 1000, 4096])
    billing_py = [PYTHON, ROOT / "examples/impls/billing-py/billing.py"]
    for fixed in (False, True):
        flag = ["--fixed"] if fixed else []
        which = "fixed" if fixed else "buggy"
        check_ledger(f"billing-impl {which}", [paths["billing"], *flag], fixed, batches)
        check_ledger(f"billing.py {which}", [*billing_py, *flag], fixed, batches)
        check_ledger(f"vecrun-lib-host ledger_{which}", [paths["host"], paths["billing_so"], f"ledger_{which}"], fixed, batches)
        check_ledger(f"python -m vecrun_impl --lib ledger_{which}", [*python_host, "--lib", paths["billing_so"], "--symbol", f"ledger_{which}"], fixed, batches)

    xs = libm_inputs(np.random.default_rng(5))
    for name in ("rintf", "roundf", "floorf", "sqrtf", "truncf"):
        check_libm(name, [paths["host"], libm, f"vr_{name}"], xs)
        check_libm(name, [*python_host, "--lib", libm, "--symbol", f"vr_{name}"], xs)

    check_offset4("vecrun-lib-host", [paths["host"], offset4, "offset4"])
    check_offset4("python -m vecrun_impl --lib", [*python_host, "--lib", offset4])
    check_c_failures("vecrun-lib-host", lambda symbol: [paths["host"], crashy, symbol])
    check_c_failures("python -m vecrun_impl --lib", lambda symbol: [*python_host, "--lib", crashy])  # symbol = the extern's name

    check_fixtures()
    check_end_without_marker("good.py", fixture("good.py"), F)
    check_end_without_marker("mul_vectorized.py", fixture("mul_vectorized.py"), MUL)
    if paths["mul"].exists():
        check_end_without_marker("Rust serve_map2 harness (mul)", [paths["mul"]], MUL)
        check_exit_codes("Rust serve_map2 harness (mul)", [paths["mul"]], F)
    check_exit_codes("billing.py", billing_py, MUL)
    check_exit_codes("billing-impl", [paths["billing"]], MUL)

    if args.bench:
        bench(paths)

    print(f"\n{'all checks passed' if not FAILURES else f'{len(FAILURES)} FAILED'}")
    sys.exit(1 if FAILURES else 0)


if __name__ == "__main__":
    main()
