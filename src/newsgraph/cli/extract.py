"""``newsgraph extract PATH...``: read articles and print what they say."""

from __future__ import annotations

import argparse
import json
import sys

from ..errors import InputError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "extract", help="extract entities, quotes, events, figures, places and dates from articles"
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help=".txt or .html files, or - for standard input")
    p.add_argument("--published", help="publication date YYYY-MM-DD, to resolve relative dates")
    p.add_argument("--title", help="article title")
    p.add_argument("--source", help="publisher or outlet")
    p.add_argument("--url", help="article URL")
    p.add_argument("--format", choices=["json", "jsonl", "text"], default="json")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from .. import get_pipeline
    from ..articles import parse_published
    from ..ingest import iter_articles
    from . import settings_from
    from .render import render_document

    try:
        parse_published(args.published)
    except ValueError as exc:
        print(f"newsgraph: error: --published: {exc}", file=sys.stderr)
        return 2
    metadata = {"title": args.title, "published": args.published, "source": args.source, "url": args.url}
    pipeline = get_pipeline(settings_from(args))
    failures = 0
    for item in iter_articles(args.paths, **metadata):
        if isinstance(item, InputError):
            failures += 1
            print(f"newsgraph: error: {item}", file=sys.stderr)
            continue
        record = pipeline.extract_article(item)
        if args.format == "json":
            print(record.to_json(indent=2 if len(args.paths) == 1 else None))
        elif args.format == "jsonl":
            print(json.dumps(record.to_dict(), ensure_ascii=False))
        else:
            print(render_document(record))
        sys.stdout.flush()
    if failures:
        print(f"newsgraph: {failures} of {len(args.paths)} input(s) failed", file=sys.stderr)
    return 1 if failures else 0
