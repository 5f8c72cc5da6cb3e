"""Parquet shards of extracted records, and loading them into a store exactly once, in order.

A shard holds one row per input record: typed metadata columns (for readers
such as DuckDB or Spark), the record's document JSON (``DocumentRecord.to_dict``,
body included) and its status. Failed records keep their origin and reason, so
loading carries them to the ``failures`` table. Shards are named so that their
sorted names are the input order (``UUUUUU-CCCCC.parquet``: unit, chunk), and a
store records each loaded shard by the digest of its bytes: loading the same
shards again, or shards made elsewhere, writes every article once, in the same
order, whatever engine made them.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import NewsgraphError
from ..records import DocumentRecord
from ..store import Store
from .runner import IngestSummary, split_origin

SHARD_SUFFIX = ".parquet"
STATUS_OK, STATUS_FAILED, STATUS_DUPLICATE = "ok", "failed", "duplicate"
# Records loaded per transaction, in whole shards. A commit writes every page its transaction changed,
# and in a large store an article's rows reach most index pages at a new place: at 100,000 articles, a
# transaction of 1,024 articles wrote 48 pages per article where one of 256 (a shard) wrote 74. A
# killed load redoes at most one transaction's shards (each commits with the record that it was loaded).
LOAD_TRANSACTION_RECORDS = 1024
# Shards written this long after the last load are loaded at once, however few their records.
LOAD_AFTER_SECONDS = 10.0

SHARD_SCHEMA = pa.schema(
    [
        ("seq", pa.int64()),  # position of the record in its unit of input
        ("origin", pa.string()),  # file, or "file.jsonl#12"
        ("status", pa.string()),  # ok, failed (see error), duplicate (already stored when extracted)
        ("error", pa.string()),
        ("content_hash", pa.string()),
        ("article_id", pa.string()),
        ("title", pa.string()),
        ("published", pa.date32()),
        ("source", pa.string()),
        ("url", pa.string()),
        ("n_entities", pa.int32()),
        ("n_quotes", pa.int32()),
        ("n_events", pa.int32()),
        ("document", pa.string()),  # DocumentRecord.to_dict() as JSON, body included
    ]
)


def shard_name(unit: int, chunk: int) -> str:
    """The file name of a unit's chunk; sorted names are the input order."""
    return f"{unit:06d}-{chunk:05d}{SHARD_SUFFIX}"


def result_row(
    seq: int, origin: str, *, record: DocumentRecord | None = None, error: str | None = None, status: str = ""
) -> dict[str, Any]:
    """One shard row: an extracted record, or a failure (``error``), or a skipped duplicate."""
    from ..store import content_hash

    if record is None:
        return {
            "seq": seq, "origin": origin, "status": status or STATUS_FAILED, "error": error,
            "content_hash": None, "article_id": None, "title": None, "published": None, "source": None,
            "url": None, "n_entities": None, "n_quotes": None, "n_events": None, "document": None,
        }  # fmt: skip
    art = record.article
    return {
        "seq": seq, "origin": origin, "status": STATUS_OK, "error": None,
        "content_hash": content_hash(art.text), "article_id": art.id, "title": art.title,
        "published": art.published, "source": art.source, "url": art.url,
        "n_entities": len(record.entities), "n_quotes": len(record.quotes), "n_events": len(record.events),
        "document": json.dumps(record.to_dict(), ensure_ascii=False, separators=(",", ":")),
    }  # fmt: skip


def write_shard(path: Path, rows: list[dict[str, Any]]) -> Path:
    """Write rows (sorted by ``seq``) atomically: a shard file is whole or absent."""
    table = pa.Table.from_pylist(sorted(rows, key=lambda r: r["seq"]), schema=SHARD_SCHEMA)
    partial = path.with_name(path.name + ".partial")
    pq.write_table(table, partial, compression="zstd")
    os.replace(partial, path)
    return path


def shard_files(location: str | Path) -> list[Path]:
    """The shards in a folder (or one shard file), in load order (by name)."""
    path = Path(location)
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise NewsgraphError(f"{path}: no such shard file or folder")
    return sorted(p for p in path.iterdir() if p.name.endswith(SHARD_SUFFIX) and p.is_file())


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def _rows(path: Path) -> Iterator[dict[str, Any]]:
    try:
        table = pq.read_table(path)
    except (pa.ArrowInvalid, OSError) as exc:
        raise NewsgraphError(f"{path}: not a readable Parquet shard: {exc}") from exc
    missing = {"seq", "origin", "status", "error", "document"} - set(table.column_names)
    if missing:
        raise NewsgraphError(f"{path}: not a newsgraph shard (no column {', '.join(sorted(missing))})")
    yield from sorted(table.to_pylist(), key=lambda r: r["seq"])


@dataclass(frozen=True)
class ShardLoad:
    """What loading one shard did."""

    name: str
    loaded: bool  # False: this shard was loaded before
    ingested: int = 0
    duplicates: int = 0
    failed: int = 0
    failures: tuple[tuple[str, str], ...] = ()  # (origin, reason) of each failed record

    @property
    def records(self) -> int:
        """The shard's records this load went through: 0 for a shard loaded before."""
        return self.ingested + self.duplicates + self.failed


def load_shard(store: Store, path: Path, *, run_id: str | None = None, replace: bool = False) -> ShardLoad:
    """Load one shard in one transaction, unless a shard with the same bytes was loaded already."""
    digest = _digest(path)
    if store.shard_loaded(digest):
        return ShardLoad(path.name, loaded=False)
    ingested = duplicates = n_rows = 0
    failures: list[tuple[str, str]] = []
    with store.atomic():
        for row in _rows(path):
            n_rows += 1
            origin = row["origin"] or "<unknown>"
            if row["status"] == STATUS_DUPLICATE:
                duplicates += 1
                continue
            if row["status"] != STATUS_OK or not row["document"]:
                file, record = split_origin(origin)
                store.add_failure(file, record, row["error"] or "unknown error", run_id=run_id)
                failures.append((origin, row["error"] or "unknown error"))
                continue
            try:
                document = DocumentRecord.from_dict(json.loads(row["document"]), origin=origin)
            except ValueError as exc:  # also json.JSONDecodeError
                file, record = split_origin(origin)
                reason = f"unreadable record in shard {path.name}: {exc}"
                store.add_failure(file, record, reason, run_id=run_id)
                failures.append((origin, reason))
                continue
            _, added = store.add_document(document, origin=origin, run_id=run_id, replace=replace)
            ingested += int(added)
            duplicates += int(not added)
        store.mark_shard_loaded(digest, path.name, n_rows, run_id=run_id)
    return ShardLoad(path.name, True, ingested, duplicates, len(failures), tuple(failures))


def load_shards(
    store: Store,
    paths: Iterable[Path],
    summary: IngestSummary,
    *,
    replace: bool = False,
    on_shard: Callable[[ShardLoad, IngestSummary], None] | None = None,
    transaction_records: int = LOAD_TRANSACTION_RECORDS,
) -> IngestSummary:
    """Load shards in the given order into ``summary``'s run; already loaded shards are skipped.

    Consecutive shards share a transaction until it holds ``transaction_records`` records (a shard is
    never split), and ``on_shard`` hears of each shard once its transaction has committed.
    """
    remaining = iter(paths)
    path = next(remaining, None)
    while path is not None:
        committed: list[ShardLoad] = []
        records = 0
        with store.atomic():
            while path is not None and records < transaction_records:
                result = load_shard(store, path, run_id=summary.run_id, replace=replace)
                committed.append(result)
                records += result.records
                path = next(remaining, None)
        for result in committed:
            summary.ingested += result.ingested
            summary.duplicates += result.duplicates
            summary.failed += result.failed
            summary.failures.extend(result.failures)
            summary.processed += result.records
            if on_shard:
                on_shard(result, summary)
    return summary


class PendingShards:
    """Shards written as an extraction goes, loaded in transactions of ``LOAD_TRANSACTION_RECORDS``.

    The first shard, and one that comes ``LOAD_AFTER_SECONDS`` or more after the last load, is loaded at
    once with those waiting: when extraction is slower than the writer (a laptop), each shard is loaded as it comes and
    progress stays timely; when it is faster (a cluster), shards wait until they fill a transaction.
    Shards not yet loaded when a run is killed are on disk, and a resumed run loads them first.
    """

    def __init__(
        self,
        store: Store,
        summary: IngestSummary,
        *,
        replace: bool = False,
        on_shard: Callable[[ShardLoad, IngestSummary], None] | None = None,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        self._store, self._summary, self._replace, self._on_shard = store, summary, replace, on_shard
        self._clock = clock
        self._paths: list[Path] = []
        self._records = 0
        self._loaded_at: float | None = None  # nothing loaded yet: the first shard shows the run works

    def add(self, path: Path, records: int) -> None:
        """A shard of ``records`` rows was written: load the waiting shards if it is time."""
        self._paths.append(path)
        self._records += records
        if (
            self._loaded_at is None
            or self._records >= LOAD_TRANSACTION_RECORDS
            or self._clock() - self._loaded_at >= LOAD_AFTER_SECONDS
        ):
            self.load()

    def load(self) -> None:
        """Load every waiting shard now."""
        if not self._paths:
            return
        load_shards(self._store, self._paths, self._summary, replace=self._replace, on_shard=self._on_shard)
        self._paths, self._records = [], 0
        self._loaded_at = self._clock()
