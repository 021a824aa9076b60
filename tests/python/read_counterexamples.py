#!/usr/bin/env python3
"""Reads a vecrun counterexamples.parquet with real readers (pyarrow and duckdb; polars too when
installed) and prints what each saw as one JSON object, for tests/output_parquet.rs to compare with
what vecrun wrote.

Usage: read_counterexamples.py FILE.parquet [INPUT_COLUMN ...]

Values of input columns are printed as 32-bit patterns (f32 as its IEEE bits, i32 as two's
complement, bool as 0/1) so the comparison is exact; list columns become lists of patterns.
"""

import json
import struct
import sys

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq


def bits_of_primitive(arr):
    """Bit patterns of a pyarrow primitive array without nulls (exact, NaN payloads included)."""
    t = arr.type
    if pa.types.is_boolean(t):
        return [1 if v else 0 for v in arr.to_pylist()]
    # Narrow integers as vecrun carries them: unsigned zero-extended, signed sign-extended.
    fmt, size = {
        "uint8": ("B", 1), "uint16": ("H", 2), "uint32": ("I", 4),
        "int8": ("b", 1), "int16": ("h", 2), "int32": ("i", 4), "float": ("I", 4),
    }[str(t)]
    buf = arr.buffers()[1]
    vals = struct.unpack_from("<%d%s" % (len(arr), fmt), buf, arr.offset * size)
    return [v & 0xFFFFFFFF for v in vals]


def bits_of_column(chunked):
    out = []
    for chunk in chunked.chunks:
        if chunk.null_count:
            raise SystemExit("unexpected nulls in %s" % chunked)
        if pa.types.is_fixed_size_list(chunk.type):
            n = chunk.type.list_size
            flat = bits_of_primitive(chunk.flatten())
            out.extend(flat[i * n:(i + 1) * n] for i in range(len(chunk)))
        else:
            out.extend(bits_of_primitive(chunk))
    return out


def f32_bits(x):
    return struct.unpack("<I", struct.pack("<f", x))[0]


def duck_bits(value, duck_type):
    """A duckdb value as bit patterns (NaN payloads are not kept by duckdb -> Python floats)."""
    if isinstance(value, list):
        inner = duck_type.split("[")[0]
        return [duck_bits(v, inner) for v in value]
    if duck_type.startswith("FLOAT"):
        return f32_bits(value)
    if duck_type.startswith("BOOLEAN"):
        return 1 if value else 0
    return value & 0xFFFFFFFF


def main():
    path = sys.argv[1]
    input_columns = sys.argv[2:]
    result = {}

    # --- pyarrow
    pf = pq.ParquetFile(path)
    table = pf.read()
    md = {k.decode(): v.decode() for k, v in (pf.metadata.metadata or {}).items()}
    rows = []
    cols = {name: table.column(name).to_pylist() for name in ("property", "phase", "seed", "vector_index", "assert_index", "reason", "shrink_steps")}
    bits = {name: bits_of_column(table.column(name)) for name in input_columns}
    for i in range(table.num_rows):
        row = {name: cols[name][i] for name in cols}
        row["inputs"] = {name: bits[name][i] for name in input_columns}
        rows.append(row)
    result["pyarrow"] = {
        "version": pa.__version__,
        "num_rows": table.num_rows,
        "num_row_groups": pf.metadata.num_row_groups,
        "types": {f.name: str(f.type) for f in table.schema},
        "metadata_keys": sorted(k for k in md if k.startswith("vecrun.")),
        "schema_version": md.get("vecrun.schema_version"),
        "manifest": json.loads(md["vecrun.manifest"]),
        "sources": json.loads(md["vecrun.sources"]),
        "rows": rows,
    }

    # --- duckdb
    con = duckdb.connect()
    q = path.replace("'", "''")
    counts = con.execute("SELECT property, count(*) FROM '%s' GROUP BY 1 ORDER BY 1" % q).fetchall()
    types = {name: typ for name, typ, *_ in con.execute("DESCRIBE SELECT * FROM '%s'" % q).fetchall()}
    kv = {k: v for k, v in con.execute("SELECT decode(key), decode(value) FROM parquet_kv_metadata('%s')" % q).fetchall()}
    select = ", ".join(['"%s"' % c.replace('"', '""') for c in ["property", "vector_index"] + input_columns])
    drows = con.execute("SELECT %s FROM '%s'" % (select, q)).fetchall()
    result["duckdb"] = {
        "version": duckdb.__version__,
        "group_by": [[p, c] for p, c in counts],
        "types": types,
        "kv_keys": sorted(k for k in kv if k.startswith("vecrun.")),
        "schema_version": kv.get("vecrun.schema_version"),
        "manifest": json.loads(kv["vecrun.manifest"]),
        "rows": [
            {
                "property": r[0],
                "vector_index": r[1],
                "inputs": {name: duck_bits(r[2 + j], types[name]) for j, name in enumerate(input_columns)},
            }
            for r in drows
        ],
    }

    # --- polars (optional)
    try:
        import polars as pl
    except ImportError:
        pl = None
    if pl is not None:
        df = pl.read_parquet(path)
        result["polars"] = {
            "version": pl.__version__,
            "num_rows": df.height,
            "group_by": sorted([list(r) for r in df.group_by("property").len().rows()]),
        }

    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
