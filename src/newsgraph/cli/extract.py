"""``newsgraph extract PATH...``: read articles and print what they say."""

from __future__ import annotations

import argparse
import json

from ..records import DocumentRecord


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
    from ._articles import extract_paths
    from .render import render_document

    def emit(record: DocumentRecord) -> None:
        if args.format == "json":
            print(record.to_json(indent=2 if len(args.paths) == 1 else None))
        elif args.format == "jsonl":
            print(json.dumps(record.to_dict(), ensure_ascii=False))
        else:
            print(render_document(record))

    return extract_paths(args, emit, title=args.title, source=args.source, url=args.url)
