"""``newsgraph quotes PATH...``: who said what in these articles.

With no PATH, the command queries the quotes of a store instead (``--db``).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from ..records import DocumentRecord, Quote
from ._args import count, since_date, until_date
from ._articles import add_article_arguments
from ._output import add_output_arguments, print_table, write_delimited


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "quotes",
        help="list the quotes of articles (or of a store, with no PATH)",
        description="Without PATH, list the quotes stored in the database (filters below). With PATH, "
        "extract the quotes of those articles: one result per record, in input order.",
    )
    add_article_arguments(p)
    store = p.add_argument_group("store query (when no PATH is given)")
    store.add_argument("--db", metavar="FILE", help="newsgraph SQLite store to query")
    store.add_argument("--speaker", help="only quotes by this speaker")
    store.add_argument("--about", help="only quotes mentioning this entity or text")
    store.add_argument(
        "--since",
        type=since_date,
        metavar="DATE",
        help="only articles published on or after YYYY-MM-DD (or YYYY-MM, YYYY)",
    )
    store.add_argument(
        "--until",
        type=until_date,
        metavar="DATE",
        help="only articles published on or before YYYY-MM-DD (or YYYY-MM, YYYY)",
    )
    store.add_argument("--limit", type=count, help="at most this many quotes (default 50)")
    add_output_arguments(p)
    p.set_defaults(handler=run)


def speaker_label(quote: Quote, record: DocumentRecord) -> str:
    """ "Name (Title)" for a known entity; the source's own words otherwise."""
    if quote.speaker:
        entity = next((e for e in record.entities if e.id == quote.speaker), None)
        name = quote.speaker_name or (entity.name if entity else quote.speaker)
        if entity is not None and entity.titles:
            return f"{name} ({entity.titles[0]})"
        return name
    if quote.speaker_text:
        country = f" [{quote.speaker_country}]" if quote.speaker_country else ""
        return f"{quote.speaker_text}{country}"
    return "unknown speaker"


def render_quotes(record: DocumentRecord) -> list[str]:
    """One ``speaker (title): "text"`` line per quote."""
    lines = []
    for quote in record.quotes:
        text = " ".join(quote.text.split())
        lines.append(f'{speaker_label(quote, record)}: "{text}"')
    return lines


def quotes_json(record: DocumentRecord) -> dict:
    return {
        "article": record.article.id,
        "origin": record.article.origin,
        "quotes": [asdict(q) for q in record.quotes],
    }


def quote_rows(record: DocumentRecord) -> list[dict]:
    """The record's quotes as rows shaped like the store's, for CSV and TSV."""
    art = record.article
    published = art.published.isoformat() if art.published else None
    return [
        {**asdict(q), "article_id": art.id, "published": published, "title": art.title} for q in record.quotes
    ]


def run(args: argparse.Namespace) -> int:
    if not args.paths:
        if args.format:
            print("newsgraph: error: --format applies to PATH input; use --json, --nl, --csv or --tsv",
                  file=sys.stderr)  # fmt: skip
            return 2
        from .store_queries import query_quotes

        return query_quotes(args)

    from ._articles import extract_paths
    from .store_queries import QUOTE_COLUMNS

    fmt = "nl" if args.format == "json" else args.output_format or args.format or "text"
    many = len(args.paths) > 1 or any(
        Path(p).suffix.lower() not in (".txt", ".html", ".htm") for p in args.paths
    )
    first = True

    def emit(record: DocumentRecord) -> None:
        nonlocal first
        if fmt in ("json", "nl"):
            print(json.dumps(quotes_json(record), ensure_ascii=False))
        elif fmt in ("csv", "tsv"):
            write_delimited(quote_rows(record), QUOTE_COLUMNS, sys.stdout, tsv=fmt == "tsv",
                            headers=first and not args.no_headers)  # fmt: skip
        elif fmt == "table":
            title = record.article.title or record.article.origin or record.article.id
            print_table(quote_rows(record), [c for c in QUOTE_COLUMNS if c.in_table], title=title)
        else:
            if many:
                print(f"== {record.article.title or record.article.origin or record.article.id}")
            for line in render_quotes(record):
                print(line)
        first = False

    return extract_paths(args, emit)
