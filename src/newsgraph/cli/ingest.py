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
    for field in ("text", "title", "date", "source", "url"):
        p.add_argument(
            f"--{field}-column",
            metavar="NAME",
            help=f"JSONL/CSV field holding the article {field} (default: found among common names)",
        )
    p.set_defaults(handler=run)


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
    with Store(settings.db) as store:
        ingester = Ingester(store, settings, options).start()  # workers fork before the progress thread
        if args.no_progress:
            summary = ingester.run(sources, errors=errors)
        else:
            summary = _run_with_progress(ingester, sources, errors)
    for error in errors:
        print(f"newsgraph: warning: {error}", file=sys.stderr)
    print(summary.line(), file=sys.stderr)
    return 1 if summary.failed and not summary.ingested and not summary.duplicates else 0


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
