"""``newsgraph search "text"``: full-text search over stored articles and quotes."""

from __future__ import annotations

import argparse

from .store_queries import add_db_argument, open_store, print_json, print_table


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("search", help="full-text search over stored article text and quotes")
    p.add_argument("text", help='words to find; "quoted words" must appear together')
    add_db_argument(p)
    p.add_argument("--json", action="store_true", help="print results as JSON")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--offset", type=int, default=0)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        rows = store.search(args.text, limit=max(0, args.limit), offset=max(0, args.offset))
    if args.json:
        print_json(rows)
    else:
        print_table(rows, [("kind", "kind", 7), ("published", "date", 10), ("title", "title", 40),
                           ("snippet", "snippet", 90), ("article_id", "article", 16)])  # fmt: skip
    return 0
