"""``newsgraph export``: the database as JSONL, CSV, Parquet, GeoJSON or GraphML."""

from __future__ import annotations

import argparse
import sys

from .store_queries import add_db_argument, open_store


def register(sub: argparse._SubParsersAction) -> None:
    from ..export import FORMATS, WHATS

    p = sub.add_parser("export", help="write articles, entities, quotes or events to a file")
    p.add_argument("--format", choices=sorted(FORMATS), default="jsonl")
    p.add_argument(
        "--what", choices=WHATS, help="what to export (default: articles; events for geojson/graphml)"
    )
    p.add_argument("-o", "--output", metavar="FILE", help="output file (default: standard output)")
    add_db_argument(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..export import FORMATS

    writer, binary, default_what = FORMATS[args.format]
    what = args.what or default_what
    with open_store(args) as store:
        try:
            if args.output:
                if binary:
                    with open(args.output, "wb") as binary_out:
                        n = writer(store, what, binary_out)
                else:
                    with open(args.output, "w", encoding="utf-8", newline="") as text_out:
                        n = writer(store, what, text_out)
            else:
                if binary and sys.stdout.isatty():
                    print("newsgraph: error: Parquet is binary; give -o FILE", file=sys.stderr)
                    return 2
                n = writer(store, what, sys.stdout.buffer if binary else sys.stdout)
                sys.stdout.flush()
        except ValueError as exc:
            print(f"newsgraph: error: {exc}", file=sys.stderr)
            return 2
    print(f"exported {n} {what if args.format not in ('graphml',) else 'edges'} as {args.format}",
          file=sys.stderr)  # fmt: skip
    return 0
