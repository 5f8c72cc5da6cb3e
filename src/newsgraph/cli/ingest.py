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
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
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
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    columns = (
        SpinnerColumn(),
        TextColumn("[bold]ingest[/]"),
        TextColumn("{task.completed} articles"),
        TextColumn("{task.fields[rate]:.2f} articles/s"),
        TextColumn("dup {task.fields[duplicates]}  failed {task.fields[failed]}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task("ingest", total=None, rate=0.0, duplicates=0, failed=0)

        def on_batch(summary) -> None:
            progress.update(
                task, completed=summary.processed, rate=summary.rate, duplicates=summary.duplicates,
                failed=summary.failed,
            )  # fmt: skip

        return ingester.run(sources, errors=errors, on_batch=on_batch)
