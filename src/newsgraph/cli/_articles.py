"""The loop the per-article commands share: read each path, extract, report failures.

``extract``, ``quotes`` and ``events`` read what ``ingest`` reads (text, HTML,
JSONL, CSV, RSS/Atom, WARC, gzipped or not, folders and globs) and print one
result per record, in input order.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..records import Article, DocumentRecord

PATHS_HELP = (
    "article files (.txt, .html, .jsonl, .csv, .rss/.atom, .warc, optionally .gz), folders, "
    "glob patterns, or - for standard input"
)


def add_article_arguments(parser: argparse.ArgumentParser) -> None:
    """PATH..., --published and --format, shared by the commands that list a store or read articles."""
    parser.add_argument("paths", nargs="*", metavar="PATH", help=PATHS_HELP)
    parser.add_argument("--published", help="publication date YYYY-MM-DD for records without one")
    parser.add_argument(
        "--format", choices=["text", "json"], help="with PATH: text per article, or JSON lines (same as --nl)"
    )


def iter_inputs(paths: list[str]) -> Iterator[Article | InputError]:
    """Every article of every path in order, or the error that stopped a path or a record.

    Paths are read one by one so that results keep the order of the command
    line; a folder or glob is read in sorted order, as ``ingest`` reads it.
    """
    from ..ingest import discover, read_source
    from ..ingest.discover import format_of

    for path in paths:
        if path != "-" and Path(path).is_file():
            fmt, _ = format_of(path)
            suffix = Path(path).suffix.lower()
            if fmt is None and suffix:
                yield InputError(
                    path, f"unsupported file type {suffix!r} (use text, HTML, JSONL, CSV, a feed or WARC)"
                )
                continue
        sources, errors = discover([path])
        yield from errors
        if not sources and not errors:
            yield InputError(
                path, "is a folder with no article files (.txt, .html, .jsonl, .csv, .rss, .warc)"
            )
        for source in sources:
            yield from read_source(source)


def fill_metadata(article: Article, **metadata: str | None) -> Article:
    """The article with the command line's title, date, source and URL where the record has none."""
    from ..articles import parse_published

    changes: dict[str, Any] = {}
    for name, value in metadata.items():
        if value is not None and getattr(article, name) in (None, ""):
            changes[name] = parse_published(value) if name == "published" else value
    return dataclasses.replace(article, **changes) if changes else article


def extract_paths(
    args: argparse.Namespace,
    emit: Callable[[DocumentRecord], None],
    **metadata: str | None,
) -> int:
    """Extract every record of ``args.paths`` in order and hand each to ``emit``.

    A path or record that cannot be read is reported in one line naming it and
    the reason; the others still run. ``--published`` and the other metadata
    options fill what a record lacks. Returns the exit code: 2 for a bad
    --published, 1 when any input failed, else 0.
    """
    from .. import get_pipeline
    from ..articles import parse_published
    from . import settings_from

    try:
        parse_published(args.published)
    except ValueError as exc:
        print(f"newsgraph: error: --published: {exc}", file=sys.stderr)
        return 2
    pipeline = get_pipeline(settings_from(args))
    failures = done = 0
    for item in iter_inputs(args.paths):
        if isinstance(item, InputError):
            failures += 1
            print(f"newsgraph: error: {item}", file=sys.stderr)
            continue
        try:
            record = pipeline.extract_article(fill_metadata(item, published=args.published, **metadata))
        except InputError as exc:  # refused by the pipeline (longer than max_article_chars)
            failures += 1
            print(f"newsgraph: error: {exc}", file=sys.stderr)
            continue
        done += 1
        emit(record)
        sys.stdout.flush()
    if failures:
        print(f"newsgraph: {failures} of {failures + done} input(s) failed", file=sys.stderr)
    return 1 if failures else 0
