"""JSONL, CSV and Parquet exports of articles, entities, quotes or events."""

from __future__ import annotations

import csv
import json
from typing import IO

from .rows import flat_rows, iter_rows


def write_jsonl(store, what: str, out: IO[str]) -> int:
    """One JSON object a line; articles in the full document contract (with ``text``)."""
    n = 0
    for row in iter_rows(store, what, full_documents=True):
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(store, what: str, out: IO[str]) -> int:
    """A header row, then one flattened row per item."""
    rows = flat_rows(store, what)
    if not rows:
        return 0
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return len(rows)


def write_parquet(store, what: str, out: IO[bytes]) -> int:
    """A Parquet file of the flattened rows (pyarrow infers column types)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = flat_rows(store, what)
    table = pa.Table.from_pylist(rows) if rows else pa.table({})
    pq.write_table(table, out)
    return len(rows)
