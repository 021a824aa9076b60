#!/usr/bin/env python3
"""Globs one vecrun table over a tree of output directories (runs, shards, merges) with pyarrow
(`pyarrow.dataset` over the files the glob names), polars (`scan_parquet` over the glob) and duckdb
(`read_parquet` over the glob), and prints what each read as one JSON object, for
tests/merge_results.rs to check: per table glob and reader, the row count, the column names and the
`vecrun.kind` of the files read; and the files a bare `**/*.parquet` names (both tables: never use it).

Usage: glob_tables.py ROOT
"""

import glob
import json
import os
import sys

import duckdb
import polars as pl
import pyarrow.dataset as ds
import pyarrow.parquet as pq


def kind(path):
    md = pq.read_schema(path).metadata or {}
    return md.get(b"vecrun.kind", b"").decode()


def main():
    root = sys.argv[1]
    out = {}
    for table in ["counterexamples", "summary"]:
        pattern = os.path.join(root, "**", table, "*.parquet")
        files = sorted(glob.glob(pattern, recursive=True))
        dataset = ds.dataset(files, format="parquet")
        pa_table = dataset.to_table()
        lazy = pl.scan_parquet(pattern)
        pl_frame = lazy.collect()
        con = duckdb.connect()
        dd_rows = con.execute(f"SELECT count(*) FROM read_parquet('{pattern}')").fetchone()[0]
        dd_columns = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM read_parquet('{pattern}')").fetchall()]
        out[table] = {
            "files": [os.path.relpath(f, root) for f in files],
            "kinds": sorted({kind(f) for f in files}),
            "pyarrow": {"rows": pa_table.num_rows, "columns": pa_table.column_names},
            "polars": {"rows": pl_frame.height, "columns": pl_frame.columns},
            "duckdb": {"rows": dd_rows, "columns": dd_columns},
        }
    bare = sorted(glob.glob(os.path.join(root, "**", "*.parquet"), recursive=True))
    out["bare"] = {"files": [os.path.relpath(f, root) for f in bare], "kinds": sorted({kind(f) for f in bare})}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
