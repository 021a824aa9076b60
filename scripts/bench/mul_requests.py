"""Writes a vecrun request stream for `mul(a: u32, b: u32) -> u32` to a file, to time a harness alone (no vecrun).

    python scripts/bench/mul_requests.py OUT.arrows ROWS [BATCH]     (BATCH defaults to 8192, vecrun's chunk)

The file is what vecrun writes on a harness's stdin (docs/implementations.md, "The request stream"): the schema with
the `vecrun.*` metadata, ROWS / BATCH record batches of random u32 columns `a` and `b`, and the end-of-stream marker.
`HARNESS < OUT.arrows > /dev/null` then times the harness's reading, computing, encoding and writing of every answer.
"""
import sys

import numpy as np
import pyarrow as pa


def main() -> None:
    path, rows = sys.argv[1], int(sys.argv[2])
    batch = int(sys.argv[3]) if len(sys.argv) > 3 else 8192
    metadata = {"vecrun.protocol": "1", "vecrun.function": "mul", "vecrun.result": "u32"}
    schema = pa.schema([pa.field("a", pa.uint32(), nullable=False), pa.field("b", pa.uint32(), nullable=False)], metadata=metadata)
    rng = np.random.default_rng(0)
    a = rng.integers(0, 2**32, size=batch, dtype=np.uint64).astype(np.uint32)
    b = rng.integers(0, 2**32, size=batch, dtype=np.uint64).astype(np.uint32)
    record = pa.record_batch([pa.array(a), pa.array(b)], schema=schema)
    with open(path, "wb") as out, pa.ipc.new_stream(out, schema) as writer:
        for _ in range(rows // batch):
            writer.write_batch(record)


if __name__ == "__main__":
    main()
