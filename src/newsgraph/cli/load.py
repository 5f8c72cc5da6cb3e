"""``newsgraph load SHARDS --db FILE``: load Parquet shards made by ``ingest --engine ray`` (here or elsewhere)."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "load",
        help="load Parquet shards of extracted articles into the database",
        description="Load the Parquet shards written by `ingest --engine ray` into the database, in the "
        "order of their names. Exactly once: a shard already loaded is skipped, and so is an article "
        "whose content is stored. Failed records in the shards go to the failures table.",
    )
    p.add_argument("shards", nargs="+", metavar="SHARDS", help="shard folder or .parquet shard file")
    p.add_argument("--db", help="database file (default newsgraph.db)")
    p.add_argument("--quiet", action="store_true", help="no line per loaded shard")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import time

    from ..batch.runner import IngestSummary
    from ..batch.shards import load_shards, shard_files
    from ..store import Store
    from . import settings_from

    settings = settings_from(args)
    paths = [path for location in args.shards for path in shard_files(location)]
    if not paths:
        print(f"newsgraph: error: no .parquet shards in {' '.join(args.shards)}", file=sys.stderr)
        return 2

    def on_shard(result, summary) -> None:
        if not args.quiet:
            state = "loaded" if result.loaded else "already loaded, skipped"
            print(f"{result.name}: {state}", file=sys.stderr, flush=True)

    started = time.perf_counter()
    with Store(settings.db) as store:
        summary = IngestSummary()
        summary.run_id = store.start_run("load " + " ".join(args.shards), model=settings.model)
        status = "interrupted"
        try:
            load_shards(store, paths, summary, on_shard=on_shard)
            status = "finished"
        finally:
            summary.seconds = time.perf_counter() - started
            store.finish_run(summary.run_id, ingested=summary.ingested, duplicates=summary.duplicates,
                             failed=summary.failed, status=status)  # fmt: skip
    print(summary.line(), file=sys.stderr)
    return 0
