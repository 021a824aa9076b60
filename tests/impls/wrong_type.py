"""Test implementation of `f(x: u32) -> u32` that breaks the protocol: it answers an Int64 column."""

import sys

import pyarrow as pa

import _fixture  # noqa: F401
import vecrun_impl

reader = pa.ipc.open_stream(sys.stdin.buffer)
vecrun_impl.Signature.from_schema(reader.schema)  # a real request stream
schema = pa.schema([pa.field("result", pa.int64(), nullable=False)])
out = sys.stdout.buffer
writer = pa.ipc.new_stream(out, schema)
out.flush()
for batch in reader:
    x = batch.column(0).to_numpy(zero_copy_only=False).astype("int64")
    writer.write_batch(pa.record_batch([pa.array(x * 3, type=pa.int64())], schema=schema))
    out.flush()
writer.close()
out.flush()
