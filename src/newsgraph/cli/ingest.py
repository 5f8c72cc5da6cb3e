"""``newsgraph ingest PATH...``: read a corpus into the store, extracting every article."""

from __future__ import annotations

import argparse
import os
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "ingest",
        help="read articles (text, HTML, JSONL, CSV, RSS/Atom, WARC) into the database",
        description="Read articles into the database. Safe to repeat: stored articles are skipped "
        "(by content hash); bad records are listed in the failures table and the run goes on.",
    )
    p.add_argument(
        "paths", nargs="+", metavar="PATH", help="file, folder, glob pattern, or - for standard input"
    )
    p.add_argument("--db", help="database file (default newsgraph.db)")
    p.add_argument(
        "-j", "--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: all cores)"
    )
    p.add_argument("--batch-size", type=int, default=16, help="articles per committed batch (default 16)")
    p.add_argument(
        "--reprocess", action="store_true", help="re-extract stored articles with the current pipeline"
    )
    p.add_argument(
        "--no-progress",
        action="store_true",
        help="no progress display (by default a bar on a terminal, a line every 30 s in a log)",
    )
    _add_engine_options(p)
    for field in ("text", "title", "date", "source", "url"):
        p.add_argument(
            f"--{field}-column",
            metavar="NAME",
            help=f"JSONL/CSV field holding the article {field} (default: found among common names)",
        )
    p.set_defaults(handler=run)


def _add_engine_options(p: argparse.ArgumentParser) -> None:
    engine = p.add_argument_group("engine", "where extraction runs (ray: pip install 'newsgraph[ray]')")
    engine.add_argument(
        "--engine", choices=("local", "ray"), default="local",
        help="local: a process pool on this machine (default); ray: actors on a Ray cluster, "
        "results as Parquet shards loaded by this process",
    )  # fmt: skip
    engine.add_argument(
        "--address", metavar="ADDR",
        help="Ray cluster to use: auto, or ray://HOST:PORT (default: start a local one)",
    )  # fmt: skip
    engine.add_argument(
        "--shards", metavar="DIR", help="folder for the Parquet shards (default: DB file name + .shards)"
    )
    engine.add_argument(
        "--concurrency", type=int, metavar="N", help="extraction actors (default: one per cluster CPU)"
    )


def _run_ray(args: argparse.Namespace, settings, sources, errors, options) -> int:
    from pathlib import Path

    from ..batch.ray_engine import RayOptions, ingest_with_ray
    from ..store import Store

    if args.concurrency is not None and args.concurrency < 1:
        print("newsgraph: error: --concurrency must be at least 1", file=sys.stderr)
        return 2
    ray_options = RayOptions(
        address=args.address, shards=Path(args.shards) if args.shards else None, concurrency=args.concurrency
    )

    def on_shard(result, summary) -> None:
        if not args.no_progress and result.loaded:
            print(f"shard {result.name}: {summary.line()}", file=sys.stderr, flush=True)

    with Store(settings.db) as store:
        summary = ingest_with_ray(
            store, settings, sources, options, ray_options, errors=errors, on_shard=on_shard
        )
    return _report(summary, settings)


def run(args: argparse.Namespace) -> int:
    from ..batch import Ingester, IngestOptions
    from ..ingest import FieldMap, discover
    from ..store import Store
    from . import settings_from

    if args.jobs < 1 or args.batch_size < 1:
        print("newsgraph: error: --jobs and --batch-size must be at least 1", file=sys.stderr)
        return 2
    settings = settings_from(args)
    sources, errors = discover(args.paths)
    fields = FieldMap(
        text=args.text_column, title=args.title_column, published=args.date_column,
        source=args.source_column, url=args.url_column,
    )  # fmt: skip
    options = IngestOptions(
        jobs=args.jobs, batch_size=args.batch_size, reprocess=args.reprocess, fields=fields,
        command="ingest " + " ".join(args.paths),
    )  # fmt: skip
    if args.engine == "ray":
        return _run_ray(args, settings, sources, errors, options)
    if args.address or args.shards or args.concurrency:
        print("newsgraph: error: --address, --shards and --concurrency need --engine ray", file=sys.stderr)
        return 2
    with Store(settings.db) as store:
        ingester = Ingester(store, settings, options).start()  # workers fork before the progress thread
        if args.no_progress:
            summary = ingester.run(sources, errors=errors)
        else:
            summary = _run_with_progress(ingester, sources, errors)
    return _report(summary, settings)


def _report(summary, settings) -> int:
    """The end of a run, whatever the engine: what failed, the counts, and the exit code."""
    for run_id in summary.interrupted_runs:
        print(f"newsgraph: note: run {run_id} had been killed; marked interrupted", file=sys.stderr)
    for origin, reason in summary.failures:
        print(f"newsgraph: failed: {origin}: {reason}", file=sys.stderr)
    print(summary.line(), file=sys.stderr)
    if summary.failed:
        print(
            f"newsgraph: {summary.failed} input(s) failed; list them with "
            f"`newsgraph failures --db {settings.db} --run {summary.run_id}`",
            file=sys.stderr,
        )
    return 1 if summary.failed else 0


def _run_with_progress(ingester, sources, errors):
    """A bar with total, rate and ETA on a terminal; a plain line every so often in a log."""
    from rich.console import Console

    from ._progress import LogProgress, count_total, run_with_bar

    total = count_total(sources)
    if total is not None:
        total += len(errors)  # inputs that could not be found are counted as failed
    console = Console(stderr=True)
    if console.is_terminal:
        return run_with_bar(
            lambda on_batch: ingester.run(sources, errors=errors, on_batch=on_batch), total, console
        )
    log = LogProgress(total)
    log.start(len(sources), len(errors))
    return ingester.run(sources, errors=errors, on_batch=log)
