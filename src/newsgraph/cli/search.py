"""``newsgraph search "text"``: full-text search over stored articles and quotes."""

from __future__ import annotations

import argparse

from ._args import count
from ._output import Column, add_output_arguments, write_rows
from .store_queries import add_db_argument, open_store

SEARCH_COLUMNS = (
    Column("kind", "kind", 7),
    Column("date", "published", 10),
    Column("title", "title", 40),
    Column("snippet", "snippet", 90, marks=True),
    Column("article", "article_id", 16),
    Column("speaker", "speaker_name", in_table=False),
    Column("speaker_entity", "speaker", in_table=False),
    Column("rank", "rank", in_table=False),
)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "search",
        help="full-text search over stored article text and quotes",
        description="Full-text search (SQLite FTS5) over stored articles and quotes. In the snippets "
        "each match is marked [like this]; on a terminal it is highlighted instead.",
    )
    p.add_argument("text", help='words to find; "quoted words" must appear together')
    add_db_argument(p)
    p.add_argument("--limit", type=count, default=20, help="at most this many results (default 20)")
    p.add_argument("--offset", type=count, default=0, help="skip this many results first")
    add_output_arguments(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        rows = store.search(args.text, limit=args.limit, offset=args.offset)
    write_rows(args, rows, SEARCH_COLUMNS)
    return 0
