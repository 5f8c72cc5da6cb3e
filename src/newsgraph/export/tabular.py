"""JSONL, CSV and Parquet exports of articles, entities, quotes or events."""

from __future__ import annotations

import csv
import json
from datetime import date
from typing import IO, Any

from .columns import COLUMNS, arrow_schema
from .rows import iter_rows, typed_rows

# Rows per Parquet row group: bounded memory on large stores.
PARQUET_BATCH = 5000


def write_jsonl(store, what: str, out: IO[str]) -> int:
    """One JSON object a line; articles in the full document contract (with ``text``)."""
    n = 0
    for row in iter_rows(store, what, full_documents=True):
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


def _csv_cell(value: Any) -> Any:
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, date):
        return value.isoformat()
    return value


def write_csv(store, what: str, out: IO[str]) -> int:
    """A header row with the fixed columns of ``what``, then one row per item (lists as JSON)."""
    if what not in COLUMNS:
        raise ValueError(f"unknown export content {what!r}")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.name for c in COLUMNS[what]])
    n = 0
    for row in typed_rows(store, what):
        writer.writerow([_csv_cell(v) for v in row.values()])
        n += 1
    return n


def write_parquet(store, what: str, out: IO[bytes]) -> int:
    """A typed Parquet file: dates as date32, counts as int64, figures as a list of structs."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if what not in COLUMNS:
        raise ValueError(f"unknown export content {what!r}")
    schema = arrow_schema(what)
    n = 0
    with pq.ParquetWriter(out, schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in typed_rows(store, what):
            batch.append(row)
            if len(batch) >= PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        writer.write_table(pa.Table.from_pylist(batch, schema=schema))
        n += len(batch)
    return n
