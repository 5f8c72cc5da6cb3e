"""``newsgraph extract PATH...``: read articles and print what they say."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..records import DocumentRecord
from ._articles import PATHS_HELP


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "extract", help="extract entities, quotes, events, figures, places and dates from articles"
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help=PATHS_HELP)
    p.add_argument(
        "--published", help="publication date YYYY-MM-DD for records without one (resolves relative dates)"
    )
    p.add_argument("--title", help="article title, for records without one")
    p.add_argument("--source", help="publisher or outlet")
    p.add_argument("--url", help="article URL")
    p.add_argument("--format", choices=["json", "jsonl", "text"], default="json")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ._articles import extract_paths
    from .render import render_document

    # One article file is printed indented; anything that may hold many records, one document a line.
    one_article = len(args.paths) == 1 and Path(args.paths[0]).suffix.lower() in (".txt", ".html", ".htm")

    def emit(record: DocumentRecord) -> None:
        if args.format == "json":
            print(record.to_json(indent=2 if one_article else None))
        elif args.format == "jsonl":
            print(json.dumps(record.to_dict(), ensure_ascii=False))
        else:
            print(render_document(record))

    return extract_paths(args, emit, title=args.title, source=args.source, url=args.url)
