#!/usr/bin/env python3
"""Reads a vecrun Parquet table (counterexamples or summary) with pyarrow, polars and duckdb and
prints what each saw as one JSON object, for tests/merge_results.rs to compare: the rows (as
plain values, sorted, without the columns named on the command line), and the vecrun keys of the
Arrow schema metadata that pyarrow shows (and pandas' DataFrame.attrs, when pandas is installed).

Usage: read_tables.py FILE.parquet [DROP_COLUMN ...]
"""

import json
import math
import sys

import duckdb
import polars as pl
import pyarrow.parquet as pq


def plain(v):
    """A value JSON can hold exactly and that compares equal across readers."""
    if isinstance(v, float):
        if math.isnan(v):
            return "NaN"
        return v
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    return v


def rows_of(dicts, drop):
    out = [{k: plain(v) for k, v in d.items() if k not in drop} for d in dicts]
    out.sort(key=lambda r: json.dumps(r, sort_keys=True))
    return out


def main():
    path = sys.argv[1]
    drop = set(sys.argv[2:])
    result = {}
    table = pq.read_table(path)
    md = {k.decode(): v.decode() for k, v in (table.schema.metadata or {}).items()}
    result["pyarrow"] = {
        "rows": rows_of(table.to_pylist(), drop),
        "schema_metadata_keys": sorted(k for k in md if k.startswith("vecrun.")),
        "kind": md.get("vecrun.kind"),
        "manifest": json.loads(md["vecrun.manifest"]) if "vecrun.manifest" in md else None,
    }
    try:
        attrs = table.to_pandas().attrs
        result["pandas_attrs_keys"] = sorted(k for k in attrs if k.startswith("vecrun."))
    except ImportError:
        result["pandas_attrs_keys"] = None
    result["polars"] = {"rows": rows_of(pl.read_parquet(path).to_dicts(), drop)}
    con = duckdb.connect()
    q = path.replace("'", "''")
    cur = con.execute("SELECT * FROM '%s'" % q)
    names = [d[0] for d in cur.description]
    result["duckdb"] = {"rows": rows_of([dict(zip(names, r)) for r in cur.fetchall()], drop)}
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
