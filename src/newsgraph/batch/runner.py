"""An ingest run: read sources, skip stored content, extract in the pool, write per batch.

The main process is the only writer. Each batch of results is committed in
one transaction, so a run killed at any point loses at most the batch in
flight, and a new run skips every article already stored (by content hash):
nothing is lost or duplicated.
"""

from __future__ import annotations

import json
import os
import socket
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..errors import ArticleTooLongError, InputError
from ..ingest.discover import Source, iter_sources
from ..ingest.fields import FieldMap
from ..records import Article
from ..settings import Settings
from ..store import Store, content_hash
from .pool import ExtractionPool


@dataclass(frozen=True)
class IngestOptions:
    jobs: int = 1
    batch_size: int = 16
    reprocess: bool = False
    fields: FieldMap = field(default_factory=FieldMap)
    command: str = "ingest"


@dataclass
class IngestSummary:
    """Counts of one run; ``processed`` is what went through extraction."""

    run_id: str = ""
    ingested: int = 0
    duplicates: int = 0
    failed: int = 0
    processed: int = 0
    seconds: float = 0.0
    # (input, reason) of each failure in this run, in the order they happened.
    failures: list[tuple[str, str]] = field(default_factory=list)
    # Ids of earlier runs found killed (status 'running', process gone) and marked interrupted.
    interrupted_runs: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.processed / self.seconds if self.seconds > 0 else 0.0

    def line(self) -> str:
        return (
            f"ingested {self.ingested}, duplicates skipped {self.duplicates}, failed {self.failed} "
            f"({self.processed} articles in {self.seconds:.1f} s, {self.rate:.2f} articles/s)"
        )


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def mark_interrupted_runs(store: Store) -> list[str]:
    """Mark as 'interrupted' each run still 'running' whose process, on this host, is gone.

    A run records its process id and host in its settings when it starts; a run killed
    (SIGKILL, power loss) never wrote its end, so the next run closes its record.
    Runs from other hosts, or from versions that recorded no process id, are left alone.
    """
    host = socket.gethostname()
    with store.atomic():
        rows = store.conn.execute("SELECT id, settings FROM runs WHERE status = 'running'").fetchall()
        dead = []
        for run_id, settings in rows:
            try:
                recorded = json.loads(settings or "{}")
            except ValueError:
                continue
            pid = recorded.get("pid") if isinstance(recorded, dict) else None
            if isinstance(pid, int) and recorded.get("host") == host and not _process_alive(pid):
                dead.append(run_id)
        store.conn.executemany("UPDATE runs SET status = 'interrupted' WHERE id = ?", [(r,) for r in dead])
    return dead


def split_origin(origin: str) -> tuple[str, str]:
    """("file.jsonl", "#12") from "file.jsonl#12"; a whole-file origin has no record part."""
    file, sep, record = origin.rpartition("#")
    if sep and file and record and record[0].isdigit():
        return file, "#" + record
    return origin, ""


class Ingester:
    """Runs ingests into one store. ``start()`` before any thread (a progress bar) starts and before the
    store's first commit (``ExtractionPool.start``)."""

    def __init__(self, store: Store, settings: Settings, options: IngestOptions) -> None:
        self.store = store
        self.settings = settings
        self.options = options
        self.pool = ExtractionPool(settings, options.jobs)

    def start(self) -> Ingester:
        self.pool.start()
        return self

    def _fail(self, summary: IngestSummary, origin: str, reason: str) -> None:
        file, record = split_origin(origin)
        self.store.add_failure(file, record, reason, run_id=summary.run_id)
        summary.failed += 1
        summary.failures.append((origin, reason))

    def _batches(self, sources: list[Source], summary: IngestSummary):
        seen: set[str] = set()
        batch: list[Article] = []
        for item in iter_sources(sources, self.options.fields):
            if isinstance(item, InputError):
                self._fail(summary, item.origin, item.reason)
                continue
            if len(item.text) > self.settings.max_article_chars:
                too_long = ArticleTooLongError(
                    item.origin or item.id, len(item.text), self.settings.max_article_chars
                )
                self._fail(summary, too_long.origin, too_long.reason)
                continue
            digest = content_hash(item.text)
            if digest in seen or (not self.options.reprocess and self.store.article_for_hash(digest)):
                summary.duplicates += 1
                continue
            seen.add(digest)
            batch.append(item)
            if len(batch) >= self.options.batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    def run(
        self,
        sources: list[Source],
        *,
        errors: Sequence[InputError] = (),
        on_batch: Callable[[IngestSummary], None] | None = None,
    ) -> IngestSummary:
        """Ingest every source; failures are recorded and the run goes on."""
        summary = IngestSummary()
        summary.interrupted_runs = mark_interrupted_runs(self.store)
        summary.run_id = self.store.start_run(
            self.options.command,
            model=self.settings.model,
            settings={"jobs": self.options.jobs, "batch_size": self.options.batch_size,
                      "reprocess": self.options.reprocess, "pid": os.getpid(),
                      "host": socket.gethostname()},
        )  # fmt: skip
        started = time.perf_counter()
        for error in errors:
            self._fail(summary, error.origin, error.reason)
        status = "interrupted"
        try:
            for batch, results in self.pool.map_batches(self._batches(sources, summary)):
                with self.store.atomic():
                    for article, (record, reason) in zip(batch, results, strict=True):
                        if record is None:
                            self._fail(summary, article.origin or "<unknown>", reason or "unknown error")
                            continue
                        _, added = self.store.add_document(
                            record, origin=article.origin, run_id=summary.run_id,
                            replace=self.options.reprocess,
                        )  # fmt: skip
                        summary.ingested += int(added)
                        summary.duplicates += int(not added)
                summary.processed += len(batch)
                summary.seconds = time.perf_counter() - started
                if on_batch:
                    on_batch(summary)
            self.pool.close()
            status = "finished"
        finally:
            if status != "finished":
                self.pool.terminate()
            summary.seconds = time.perf_counter() - started
            self.store.finish_run(
                summary.run_id, ingested=summary.ingested, duplicates=summary.duplicates,
                failed=summary.failed, status=status,
            )  # fmt: skip
        return summary
