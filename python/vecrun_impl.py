"""vecrun_impl: implement vecrun `extern fn`s in Python over the Arrow IPC process protocol (docs/implementations.md).

A harness for `extern fn mul(a: u32, b: u32) -> u32;`, bound with `--impl mul=exec:python3 mul.py`:

    import vecrun_impl
    vecrun_impl.serve(lambda a, b: (a * b) & 0xFFFFFFFF)                   # row-wise, Python ints
    vecrun_impl.serve(lambda a, b: a * b, vectorized=True)                 # numpy uint32 arrays, wraps

Row-wise, `fn` gets one Python value per parameter and row (int, float, bool; a list for `[T; N]`).
Vectorised, `fn` gets one read-only numpy array per parameter (shape (n,), or (n, N) for `[T; N]`) and
returns one array of the result type (shape (n,) or (n, N)). Results are converted to the result type
named by `vecrun.result`: integers must be in range (no silent wrapping), floats are rounded to the result type (f32 or f64),
bools may be given as 0/non-zero. While serving, `print()` goes to stderr (stdout carries the protocol).

`python -m vecrun_impl --lib PATH [--symbol SYM]` hosts a C-ABI library function (the library binding's
`int32_t SYM(const void *const *args, void *result, uint64_t n)`) over the same protocol, via ctypes.

Needs pyarrow and numpy. Put this file's folder on PYTHONPATH (or sys.path) to import it.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import sys
import traceback
from typing import Callable, Optional

import numpy as np
import pyarrow as pa

PROTOCOL_VERSION = "1"
META_PROTOCOL = "vecrun.protocol"
META_FUNCTION = "vecrun.function"
META_RESULT = "vecrun.result"
RESULT_FIELD = "result"
END_OF_STREAM = b"\xff\xff\xff\xff\x00\x00\x00\x00"  # continuation marker, zero length

# spec name -> (Arrow type, numpy dtype of values, numpy dtype of the C encoding)
_SCALARS = {
    "u8": (pa.uint8(), np.dtype(np.uint8), np.dtype(np.uint8)),
    "u16": (pa.uint16(), np.dtype(np.uint16), np.dtype(np.uint16)),
    "u32": (pa.uint32(), np.dtype(np.uint32), np.dtype(np.uint32)),
    "u64": (pa.uint64(), np.dtype(np.uint64), np.dtype(np.uint64)),
    "i8": (pa.int8(), np.dtype(np.int8), np.dtype(np.int8)),
    "i16": (pa.int16(), np.dtype(np.int16), np.dtype(np.int16)),
    "i32": (pa.int32(), np.dtype(np.int32), np.dtype(np.int32)),
    "i64": (pa.int64(), np.dtype(np.int64), np.dtype(np.int64)),
    "f32": (pa.float32(), np.dtype(np.float32), np.dtype(np.float32)),
    "f64": (pa.float64(), np.dtype(np.float64), np.dtype(np.float64)),
    "bool": (pa.bool_(), np.dtype(np.bool_), np.dtype(np.uint8)),
}


class ProtocolError(Exception):
    """The request stream, or an answer, does not follow the protocol."""


class ImplementationError(Exception):
    """The implementation reported a failure (a C-ABI function's non-zero return code)."""


class ValueType:
    """A vecrun value type: a scalar (`u8`, `u16`, `u32`, `u64`, `i8`, `i16`, `i32`, `i64`, `f32`, `f64`, `bool`) or a fixed array `[T; N]` (length N)."""

    __slots__ = ("scalar", "length")

    def __init__(self, scalar: str, length: Optional[int] = None):
        if scalar not in _SCALARS:
            raise ProtocolError(f"`{scalar}` is not a vecrun element type (u8, u16, u32, u64, i8, i16, i32, i64, f32, f64, bool)")
        if length is not None and not 1 <= length <= 2**31 - 1:
            raise ProtocolError(f"array length {length} is not from 1 to {2**31 - 1}")
        self.scalar = scalar
        self.length = length

    @classmethod
    def parse(cls, text: str) -> "ValueType":
        """Reads the spec spelling of `vecrun.result`: `u32` or `[u32; 4]`."""
        text = text.strip()
        if text in _SCALARS:
            return cls(text)
        if text.startswith("[") and text.endswith("]") and ";" in text:
            element, length = (part.strip() for part in text[1:-1].split(";", 1))
            if length.isascii() and length.isdigit():
                return cls(element, int(length))
        raise ProtocolError(f"`{text}` is not a vecrun value type (u8, u16, u32, u64, i8, i16, i32, i64, f32, f64, bool or [T; N])")

    @classmethod
    def from_arrow(cls, data_type: pa.DataType) -> "ValueType":
        for name, (arrow, _, _) in _SCALARS.items():
            if data_type == arrow:
                return cls(name)
        if pa.types.is_fixed_size_list(data_type):
            item = cls.from_arrow(data_type.value_type)
            if item.length is None:
                return cls(item.scalar, data_type.list_size)
        raise ProtocolError(f"the Arrow type {data_type} is not a vecrun value type")

    @property
    def width(self) -> int:
        return 1 if self.length is None else self.length

    @property
    def arrow_type(self) -> pa.DataType:
        scalar = _SCALARS[self.scalar][0]
        if self.length is None:
            return scalar
        return pa.list_(pa.field("item", scalar, nullable=False), self.length)

    @property
    def numpy_dtype(self) -> np.dtype:
        return _SCALARS[self.scalar][1]

    @property
    def c_dtype(self) -> np.dtype:
        return _SCALARS[self.scalar][2]

    def __eq__(self, other):
        return isinstance(other, ValueType) and (self.scalar, self.length) == (other.scalar, other.length)

    def __hash__(self):
        return hash((self.scalar, self.length))

    def __str__(self):
        return self.scalar if self.length is None else f"[{self.scalar}; {self.length}]"

    def __repr__(self):
        return f"ValueType({str(self)!r})"


class Signature:
    """The `extern fn` a request stream asks for: its name, parameters (name, ValueType) and result type."""

    def __init__(self, function: str, params: list, result: ValueType):
        self.function = function
        self.params = params
        self.result = result

    @classmethod
    def from_schema(cls, schema: pa.Schema) -> "Signature":
        meta = {k.decode(): v.decode() for k, v in (schema.metadata or {}).items()}
        for key in (META_PROTOCOL, META_FUNCTION, META_RESULT):
            if key not in meta:
                raise ProtocolError(f"the request schema has no `{key}` metadata")
        if meta[META_PROTOCOL] != PROTOCOL_VERSION:
            raise ProtocolError(f"the request speaks vecrun protocol `{meta[META_PROTOCOL]}`; this harness speaks `{PROTOCOL_VERSION}`")
        params = [(field.name, ValueType.from_arrow(field.type)) for field in schema]
        return cls(meta[META_FUNCTION], params, ValueType.parse(meta[META_RESULT]))

    def request_schema(self) -> pa.Schema:
        """The schema vecrun sends for this signature (for drivers and tests)."""
        fields = [pa.field(name, ty.arrow_type, nullable=False) for name, ty in self.params]
        metadata = {META_PROTOCOL: PROTOCOL_VERSION, META_FUNCTION: self.function, META_RESULT: str(self.result)}
        return pa.schema(fields, metadata=metadata)

    def answer_schema(self) -> pa.Schema:
        return pa.schema([pa.field(RESULT_FIELD, self.result.arrow_type, nullable=False)])

    def __repr__(self):
        params = ", ".join(f"{name}: {ty}" for name, ty in self.params)
        return f"extern fn {self.function}({params}) -> {self.result}"

    def expect(self, types: str) -> None:
        """Checks the request against the types a harness was written for, spelled `(T, ...) -> R`
        (e.g. `([u32; 16], u32) -> [u32; 2]`); raises ProtocolError naming both."""
        shape, arrow, result = types.partition("->")
        shape = shape.strip()
        if not arrow or not (shape.startswith("(") and shape.endswith(")")):
            raise ValueError(f"`{types}` is not spelled `(T, ...) -> R`")
        served = [ValueType.parse(t) for t in shape[1:-1].split(",") if t.strip()]
        served_result = ValueType.parse(result)
        if [ty for _, ty in self.params] != served or self.result != served_result:
            asked = ", ".join(str(ty) for _, ty in self.params)
            raise ProtocolError(
                f"the request asks for `{self.function}({asked}) -> {self.result}` but this harness implements "
                f"`({', '.join(map(str, served))}) -> {served_result}`"
            )


def column_to_numpy(column: pa.Array, ty: ValueType) -> np.ndarray:
    """A request column as numpy: shape (n,), or (n, N) for `[T; N]`; read-only where Arrow's memory is shared."""
    if column.null_count:
        raise ProtocolError(f"a {ty} column has {column.null_count} nulls; the protocol has none")
    if ty.length is None:
        return column.to_numpy(zero_copy_only=False)
    values = column.flatten()
    if values.null_count:
        raise ProtocolError(f"a {ty} column has null elements; the protocol has none")
    return values.to_numpy(zero_copy_only=False).reshape(len(column), ty.length)


def _converted(values: np.ndarray, ty: ValueType) -> np.ndarray:
    target = ty.numpy_dtype
    if values.dtype == target:
        return values
    kind = values.dtype.kind
    if ty.scalar == "bool":
        if kind in "biu":
            return values != 0
    elif ty.scalar in ("f32", "f64"):
        if kind in "biuf":
            return values.astype(target)
    elif kind in "biu":
        info = np.iinfo(target)
        if values.size and (values.min() < info.min or values.max() > info.max):
            raise ProtocolError(f"answer values from {values.min()} to {values.max()} do not fit {ty.scalar} (wrap them explicitly, e.g. & 0xFFFFFFFF)")
        return values.astype(target)
    raise ProtocolError(f"an answer of numpy {values.dtype} cannot be a {ty} column")


def numpy_to_column(values, ty: ValueType, rows: int) -> pa.Array:
    """An answer column of type `ty` with `rows` rows from array-like values of shape (rows,) or (rows, N)."""
    values = np.asarray(values)
    shape = (rows,) if ty.length is None else (rows, ty.length)
    if values.shape != shape:
        raise ProtocolError(f"the answer has shape {values.shape}; a {ty} answer to {rows} rows has shape {shape}")
    if values.dtype == object:
        raise ProtocolError(f"the answer is not numeric (numpy object array); a {ty} answer is expected")
    flat = pa.array(np.ascontiguousarray(_converted(values, ty)).reshape(-1), type=_SCALARS[ty.scalar][0])
    if ty.length is None:
        return flat
    return pa.FixedSizeListArray.from_arrays(flat, type=ty.arrow_type)


def row_handler(fn: Callable) -> Callable:
    """A batch handler calling `fn` once per row with Python values (lists for arrays)."""

    def handle(batch: pa.RecordBatch, signature: Signature) -> pa.Array:
        columns = []
        for (name, ty), column in zip(signature.params, batch.columns):
            if column.null_count:
                raise ProtocolError(f"parameter `{name}` has {column.null_count} nulls; the protocol has none")
            columns.append(column.to_pylist())
        results = [fn(*row) for row in zip(*columns)] if columns else [fn() for _ in range(batch.num_rows)]
        if signature.result.scalar in ("f32", "f64"):
            return numpy_to_column(np.array(results, dtype=np.float64).astype(signature.result.numpy_dtype), signature.result, batch.num_rows)
        return numpy_to_column(np.array(results), signature.result, batch.num_rows)

    return handle


def vectorized_handler(fn: Callable) -> Callable:
    """A batch handler calling `fn` once per batch with one numpy array per parameter."""

    def handle(batch: pa.RecordBatch, signature: Signature) -> pa.Array:
        args = [column_to_numpy(column, ty) for (_, ty), column in zip(signature.params, batch.columns)]
        return numpy_to_column(fn(*args), signature.result, batch.num_rows)

    return handle


def serve_streams(handler: Callable, stdin, stdout) -> None:
    """The serve loop: reads the request schema from the binary stream `stdin`, writes the answer schema to
    `stdout`, then answers each request batch with `handler(batch, signature)` (an Arrow array of the result
    type), flushing after each. Returns at the end of the request stream after writing end-of-stream.
    An input that ends before its first byte is a stream with no requests. Raises on any error."""
    if hasattr(stdin, "peek") and not stdin.peek(1):
        return
    reader = pa.ipc.open_stream(stdin)
    signature = Signature.from_schema(reader.schema)
    answer_schema = signature.answer_schema()
    # The stream is written message by message (pyarrow's stream writer would hold the schema back until
    # the first batch): the schema now, each answer as soon as it is computed, then end-of-stream.
    stdout.write(answer_schema.serialize())
    stdout.flush()
    for request, batch in enumerate(reader):
        column = handler(batch, signature)
        if not isinstance(column, pa.Array) or column.type != signature.result.arrow_type:
            raise ProtocolError(f"request {request}: the handler answered {getattr(column, 'type', type(column))}, not a {signature.result} column")
        if len(column) != batch.num_rows:
            raise ProtocolError(f"request {request}: the answer has {len(column)} rows for a request of {batch.num_rows}")
        stdout.write(pa.record_batch([column], schema=answer_schema).serialize())
        stdout.flush()
    stdout.write(END_OF_STREAM)
    stdout.flush()


def serve_handler(handler: Callable) -> None:
    """Serves `handler(batch, signature)` on this process's stdin/stdout, then exits: 0 at the end of the
    request stream, 1 after printing the error (a traceback for errors of the handler's code) to stderr."""
    protocol_out = sys.stdout.buffer
    sys.stdout.flush()
    sys.stdout = sys.stderr  # print() in the implementation must not corrupt the answer stream
    try:
        serve_streams(handler, sys.stdin.buffer, protocol_out)
    except (ProtocolError, ImplementationError, pa.ArrowInvalid) as e:
        function = os.environ.get("VECRUN_IMPL_FUNCTION", "")
        print(f"vecrun_impl{f' ({function})' if function else ''}: {e}", file=sys.stderr, flush=True)
        os._exit(1)
    except BaseException:  # noqa: BLE001 - any failure of the implementation ends the process with its traceback
        traceback.print_exc()
        sys.stderr.flush()
        os._exit(1)
    sys.stderr.flush()
    os._exit(0)


def checked(handler: Callable, expect: Optional[str]) -> Callable:
    """`handler`, refusing requests whose types are not `expect` (`(T, ...) -> R`; None accepts any)."""
    if expect is None:
        return handler

    def handle(batch: pa.RecordBatch, signature: Signature) -> pa.Array:
        signature.expect(expect)
        return handler(batch, signature)

    return handle


def serve(fn: Callable, vectorized: bool = False, *, expect: Optional[str] = None) -> None:
    """Serves `fn` as the `extern fn` on stdin/stdout until vecrun ends its stream, then exits 0; an exception
    prints its traceback to stderr and exits 1. Row-wise by default, or once per batch with numpy arrays.
    `expect`, e.g. `"([u32; 16], u32) -> [u32; 2]"`, makes a request of other types a clear error."""
    serve_handler(checked(vectorized_handler(fn) if vectorized else row_handler(fn), expect))


def lib_handler(path: str, symbol: Optional[str] = None) -> Callable:
    """A batch handler calling a C-ABI library function once per batch (`symbol` defaults to the
    request's `vecrun.function`). A non-zero return raises ImplementationError with the code."""
    library = ctypes.CDLL(os.path.abspath(path) if os.path.exists(path) else path)
    functions = {}

    def function_for(name: str):
        if name not in functions:
            try:
                function = getattr(library, name)
            except AttributeError:
                raise ImplementationError(f"{path}: no symbol `{name}`") from None
            function.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.c_void_p, ctypes.c_uint64]
            function.restype = ctypes.c_int32
            functions[name] = function
        return functions[name]

    def handle(batch: pa.RecordBatch, signature: Signature) -> pa.Array:
        name = symbol or signature.function
        function = function_for(name)
        rows = batch.num_rows
        args = [
            np.ascontiguousarray(column_to_numpy(column, ty)).astype(ty.c_dtype, copy=False)
            for (_, ty), column in zip(signature.params, batch.columns)
        ]
        result = signature.result
        out = np.zeros(rows * result.width, dtype=result.c_dtype)
        if rows:
            pointers = (ctypes.c_void_p * max(len(args), 1))(*[arg.ctypes.data for arg in args])
            code = function(pointers, out.ctypes.data, rows)
            if code != 0:
                raise ImplementationError(f"`{name}` returned error code {code}")
        if result.scalar == "bool":
            out = out != 0
        return numpy_to_column(out if result.length is None else out.reshape(rows, result.length), result, rows)

    return handle


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m vecrun_impl",
        description="Serve a C-ABI library function (int32_t SYM(const void *const *args, void *result, uint64_t n)) "
        "over vecrun's Arrow process protocol on stdin/stdout.",
    )
    parser.add_argument("--lib", required=True, help="the shared library (a file here is loaded from here)")
    parser.add_argument("--symbol", help="the function's symbol (default: the extern fn's name)")
    args = parser.parse_args(argv)
    try:
        handler = lib_handler(args.lib, args.symbol)
    except OSError as e:
        print(f"vecrun_impl: cannot load {args.lib}: {e}", file=sys.stderr)
        sys.exit(1)
    serve_handler(handler)


if __name__ == "__main__":
    main()
