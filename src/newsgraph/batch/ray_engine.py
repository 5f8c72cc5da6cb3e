"""Ingest on a Ray cluster: read and extract on the cluster, write Parquet shards, load with one writer.

Inputs are split into units (a record file such as JSONL, CSV, a feed or a WARC;
or up to ``SHARD_RECORDS`` consecutive single-article files). Ray Data reads each
unit with the project's own readers in a light task, extracts in actors holding
one pipeline each, and hands the results back in input order; every
``SHARD_RECORDS`` records of a unit become one Parquet shard (``shards.py``),
which this process loads into the store as soon as it is written.

Facts this is built on (2 CPUs, ray 2.60): actors at a whole CPU each starve the
read tasks and the job hangs without an error, so actors take ``ACTOR_CPUS`` and
read tasks ``TASK_CPUS``; a block that raises is dropped whole, so every
per-record error is caught inside the task and becomes a failed row; a local
cluster gets its own temp folder, and nothing is written to the user's home.

A killed run resumes: run it again with the same inputs and shard folder; shards
already written are loaded (once) and not extracted again.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import InputError, NewsgraphError
from ..ingest.discover import Source, read_source
from ..ingest.fields import FieldMap
from ..records import Article
from ..settings import Settings
from ..store import Store, content_hash
from .runner import IngestOptions, IngestSummary, mark_interrupted_runs, split_origin
from .shards import (
    SHARD_SCHEMA,
    STATUS_DUPLICATE,
    PendingShards,
    ShardLoad,
    load_shards,
    result_row,
    shard_files,
    shard_name,
    write_shard,
)

# Records per shard: a shard is the unit of resume (the writer loads shards in transactions of about
# 1,024 records: ``PendingShards``).
SHARD_RECORDS = 256
# CPUs an extraction actor and a read task reserve. With whole CPUs the actors take every CPU and
# the read tasks never run (Ray waits 30 minutes before reporting no progress).
ACTOR_CPUS = 0.9
TASK_CPUS = 0.1
# Articles an actor extracts per call: spaCy's pipe batches within it.
ACTOR_BATCH = 8
# Ray Data hands an actor whole blocks, and a read task's output stays one block up to this size: kept
# small, one large input file is still spread over every actor (at 128 MB, one JSONL went to one actor).
BLOCK_BYTES = 64 * 1024
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class RayOptions:
    """Where the cluster is and where shards go. ``address`` None starts a local cluster."""

    address: str | None = None
    shards: Path | None = None
    concurrency: int | None = None  # extraction actors; default: one per CPU of the cluster
    num_cpus: int | None = None  # CPUs of a local cluster (default: this machine's)
    shard_records: int = SHARD_RECORDS  # records per shard (and single-article files per unit)


def ray_available() -> bool:
    """Whether Ray is installed (found without importing it: see ``_init_ray``)."""
    return importlib.util.find_spec("ray") is not None


def plan_units(sources: list[Source], shard_records: int = SHARD_RECORDS) -> list[list[Source]]:
    """Units of reading: a record file alone, or a run of single-article files."""
    units: list[list[Source]] = []
    run: list[Source] = []
    for source in sources:
        if source.format in ("text", "html"):
            run.append(source)
            if len(run) >= shard_records:
                units.append(run)
                run = []
            continue
        if run:
            units.append(run)
            run = []
        units.append([source])
    if run:
        units.append(run)
    return units


def _fingerprint(source: Source) -> dict[str, Any]:
    stat = os.stat(source.path)
    return {"path": str(Path(source.path).resolve()), "format": source.format, "size": stat.st_size,
            "mtime_ns": stat.st_mtime_ns}  # fmt: skip


def check_manifest(
    folder: Path, units: list[list[Source]], options: IngestOptions, shard_records: int = SHARD_RECORDS
) -> None:
    """Tie a shard folder to its inputs: resuming with other inputs would mix shards of both."""
    manifest = {
        "shard_records": shard_records,
        "fields": [options.fields.text, options.fields.title, options.fields.published,
                   options.fields.source, options.fields.url],
        "units": [[_fingerprint(s) for s in unit] for unit in units],
    }  # fmt: skip
    path = folder / MANIFEST
    if path.is_file():
        if json.loads(path.read_text(encoding="utf-8")) != manifest:
            raise NewsgraphError(
                f"{folder}: holds shards of other inputs (or inputs changed since); "
                "choose another --shards folder, or remove this one"
            )
        return
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(manifest, indent=1), encoding="utf-8")


def _article_row(article: Article) -> dict[str, Any]:
    return {"article_id": article.id, "text": article.text, "title": article.title,
            "published": article.published.isoformat() if article.published else None,
            "source": article.source, "url": article.url, "error": None}  # fmt: skip


def read_unit(
    item: dict[str, Any], fields: FieldMap, done: frozenset[str], shard_records: int = SHARD_RECORDS
) -> Iterator[dict[str, Any]]:
    """Every record of one unit as a row (errors as rows too), skipping chunks already sharded."""
    unit = item["unit"]
    seq = 0
    pending: dict[str, Any] | None = None

    def emit(row: dict[str, Any], last: bool, unit_end: bool = False) -> dict[str, Any]:
        return {**row, "last": last, "unit_end": unit_end}

    for spec in item["sources"]:
        source = Source(spec["path"], spec["format"], spec["compressed"])
        try:
            for entry in read_source(source, fields):
                base = {"unit": unit, "chunk": seq // shard_records, "seq": seq,
                        "origin": entry.origin if isinstance(entry, InputError) else entry.origin or source.path}  # fmt: skip
                if isinstance(entry, InputError):
                    row = {**base, "article_id": None, "text": None, "title": None, "published": None,
                           "source": None, "url": None, "error": entry.reason}  # fmt: skip
                else:
                    row = {**base, **_article_row(entry)}
                seq += 1
                if pending is not None and shard_name(unit, pending["chunk"]) not in done:
                    yield emit(pending, last=pending["chunk"] != row["chunk"])
                pending = row
        except Exception as exc:  # noqa: BLE001  (a reader bug fails one record, never the job)
            row = {"unit": unit, "chunk": seq // shard_records, "seq": seq, "origin": source.path,
                   "article_id": None, "text": None, "title": None, "published": None, "source": None,
                   "url": None, "error": f"reading failed: {type(exc).__name__}: {exc}"}  # fmt: skip
            seq += 1
            if pending is not None and shard_name(unit, pending["chunk"]) not in done:
                yield emit(pending, last=pending["chunk"] != row["chunk"])
            pending = row
    if pending is not None and shard_name(unit, pending["chunk"]) not in done:
        yield emit(pending, last=True, unit_end=True)


def _result_schema() -> Any:
    import pyarrow as pa

    return pa.schema(
        [
            ("unit", pa.int64()),
            ("chunk", pa.int64()),
            ("last", pa.bool_()),
            ("unit_end", pa.bool_()),
            *SHARD_SCHEMA,
        ]
    )


_RESULT_SCHEMA = _result_schema()


class Extractor:
    """A Ray actor: one pipeline, loaded once, extracting batches of read rows into shard rows."""

    def __init__(self, settings: Settings, stored: frozenset[str]) -> None:
        from .. import get_pipeline

        self.pipeline = get_pipeline(settings)
        self.stored = stored

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa

        from .pool import extract_batch

        rows = batch.to_pylist() if hasattr(batch, "to_pylist") else batch
        out: list[dict[str, Any]] = []
        todo: list[tuple[int, Article]] = []
        for i, row in enumerate(rows):
            head = {
                "unit": row["unit"],
                "chunk": row["chunk"],
                "last": row["last"],
                "unit_end": row["unit_end"],
            }
            if row["error"] is not None:
                out.append({**head, **result_row(row["seq"], row["origin"], error=row["error"])})
                continue
            if content_hash(row["text"]) in self.stored:
                out.append({**head, **result_row(row["seq"], row["origin"], status=STATUS_DUPLICATE)})
                continue
            published = date.fromisoformat(row["published"]) if row["published"] else None
            article = Article(row["article_id"], row["text"], row["title"], published, row["source"],
                              row["url"], row["origin"])  # fmt: skip
            out.append(head)
            todo.append((i, article))
        try:
            results = extract_batch([a for _, a in todo], self.pipeline) if todo else []
        except Exception as exc:  # noqa: BLE001  (never lose a block: every record gets a row)
            results = [(None, f"extraction failed: {type(exc).__name__}: {exc}")] * len(todo)
        for (i, _article), (record, reason) in zip(todo, results, strict=True):
            row = rows[i]
            out[i] = {**out[i], **result_row(row["seq"], row["origin"], record=record, error=reason)}
        return pa.Table.from_pylist(out, schema=_RESULT_SCHEMA)


def _init_ray(options: RayOptions) -> tuple[Any, str | None]:
    """Connect to the cluster, or start a local one in its own temp folder; (ray, folder to remove)."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # no usage report, nothing under ~/.ray
    import ray

    if ray.is_initialized():
        return ray, None
    if options.address:
        ray.init(address=options.address, log_to_driver=False, logging_level=logging.WARNING)
        return ray, None
    if not any(os.environ.get(v) for v in ("RAY_AUTH_MODE", "RAY_AUTH_TOKEN", "RAY_AUTH_TOKEN_PATH")):
        # Token authentication stays on, but the token lives in this process's environment (workers
        # inherit it) rather than in ~/.ray/auth_token, which Ray would create otherwise.
        # Ray reads these when imported: a Ray imported earlier must read them again.
        os.environ["RAY_AUTH_MODE"] = "token"
        os.environ["RAY_AUTH_TOKEN"] = secrets.token_hex(32)
        raylet = importlib.import_module("ray._raylet")  # compiled, without a type stub for Config
        vars(raylet)["Config"].initialize("")
    temp = tempfile.mkdtemp(prefix="ngray-")
    ray.init(
        num_cpus=options.num_cpus or os.cpu_count() or 1,
        _temp_dir=temp,
        include_dashboard=False,
        log_to_driver=False,
        logging_level=logging.WARNING,
    )
    return ray, temp


def ingest_with_ray(
    store: Store,
    settings: Settings,
    sources: list[Source],
    options: IngestOptions,
    ray_options: RayOptions,
    *,
    errors: list[InputError] | tuple[InputError, ...] = (),
    on_shard: Callable[[ShardLoad, IngestSummary], None] | None = None,
) -> IngestSummary:
    """Ingest ``sources`` through Ray into ``store``; shards go to ``ray_options.shards``."""
    import time

    if any(s.path == "-" for s in sources):
        raise NewsgraphError("--engine ray cannot read standard input: save it to a file first")
    if not ray_available():
        raise NewsgraphError("--engine ray needs Ray: pip install 'newsgraph[ray]'")
    folder = ray_options.shards or Path(str(store.path) + ".shards")
    units = plan_units(sources, ray_options.shard_records)
    check_manifest(folder, units, options, ray_options.shard_records)
    summary = IngestSummary()
    summary.interrupted_runs = mark_interrupted_runs(store)
    summary.run_id = store.start_run(
        options.command, model=settings.model,
        settings={"engine": "ray", "address": ray_options.address, "shards": str(folder),
                  "concurrency": ray_options.concurrency, "reprocess": options.reprocess},
    )  # fmt: skip
    started = time.perf_counter()
    summary.seconds = 0.0
    for error in errors:
        file, record = split_origin(error.origin)
        store.add_failure(file, record, error.reason, run_id=summary.run_id)
        summary.failed += 1
        summary.failures.append((error.origin, error.reason))
    status = "interrupted"
    temp = None
    try:
        # Shards a killed run wrote come first in input order: load them before new ones.
        existing = shard_files(folder)
        load_shards(store, existing, summary, replace=options.reprocess, on_shard=on_shard)
        done = frozenset(p.name for p in existing)
        work = [
            {
                "unit": i,
                "sources": [{"path": s.path, "format": s.format, "compressed": s.compressed} for s in u],
            }
            for i, u in enumerate(units)
            if not _unit_marker(folder, i).is_file()  # every shard of that unit was written
        ]
        if work:
            ray, temp = _init_ray(ray_options)
            _run_pipeline(ray, store, settings, work, options, ray_options, folder, done, summary, on_shard)
        status = "finished"
    finally:
        summary.seconds = time.perf_counter() - started
        store.finish_run(summary.run_id, ingested=summary.ingested, duplicates=summary.duplicates,
                         failed=summary.failed, status=status)  # fmt: skip
        if temp is not None:
            import ray as _ray

            _ray.shutdown()
            shutil.rmtree(temp, ignore_errors=True)
    return summary


def _run_pipeline(
    ray: Any,
    store: Store,
    settings: Settings,
    work: list[dict[str, Any]],
    options: IngestOptions,
    ray_options: RayOptions,
    folder: Path,
    done: frozenset[str],
    summary: IngestSummary,
    on_shard: Callable[[ShardLoad, IngestSummary], None] | None,
) -> None:
    import time

    import ray.data

    started = time.perf_counter() - summary.seconds
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True  # shards, and so the store, follow input order
    context.enable_progress_bars = False
    context.target_max_block_size = BLOCK_BYTES
    cluster_cpus = int(ray.cluster_resources().get("CPU", 1))
    actors = ray_options.concurrency or max(1, cluster_cpus)
    stored = frozenset() if options.reprocess else store.content_hashes()
    dataset = (
        ray.data.from_items(work, override_num_blocks=len(work))
        .flat_map(
            read_unit,
            fn_kwargs={"fields": options.fields, "done": done, "shard_records": ray_options.shard_records},
            num_cpus=TASK_CPUS,
        )
        .map_batches(
            Extractor,
            fn_constructor_kwargs={"settings": settings, "stored": stored},
            batch_size=ACTOR_BATCH,
            batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=actors),
            num_cpus=ACTOR_CPUS,
        )
    )
    rows: list[dict[str, Any]] = []
    pending = PendingShards(store, summary, replace=options.reprocess, on_shard=on_shard)
    for row in dataset.iter_rows():
        rows.append(row)
        if not row["last"]:
            continue
        path = write_shard(folder / shard_name(row["unit"], row["chunk"]), [_shard_row(r) for r in rows])
        if row["unit_end"]:
            _unit_marker(folder, row["unit"]).touch()
        summary.seconds = time.perf_counter() - started
        pending.add(path, len(rows))
        rows = []
    if rows:
        raise NewsgraphError("the Ray job ended inside a shard: its rows were not all returned")
    summary.seconds = time.perf_counter() - started
    pending.load()


def _shard_row(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in ("unit", "chunk", "last", "unit_end")}


def _unit_marker(folder: Path, unit: int) -> Path:
    """Present once every shard of a unit is written: a resumed run does not read that unit again."""
    return folder / f"{unit:06d}.done"
