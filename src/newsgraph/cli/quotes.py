"""``newsgraph quotes PATH...``: who said what in these articles.

With no PATH, the command queries the quotes of a store instead (``--db``).
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict

from ..records import DocumentRecord, Quote


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("quotes", help="list the quotes of articles (or of a store, with no PATH)")
    p.add_argument("paths", nargs="*", metavar="PATH", help=".txt or .html files, or - for standard input")
    p.add_argument("--published", help="publication date YYYY-MM-DD")
    p.add_argument("--format", choices=["text", "json"], default="text")
    store = p.add_argument_group("store query (when no PATH is given)")
    store.add_argument("--db", metavar="FILE", help="newsgraph SQLite store to query")
    store.add_argument("--speaker", help="only quotes by this speaker")
    store.add_argument("--about", help="only quotes mentioning this entity or text")
    store.add_argument("--since", help="only articles published on or after YYYY-MM-DD")
    store.add_argument("--until", help="only articles published on or before YYYY-MM-DD")
    store.add_argument("--json", action="store_true", help="print JSON lines")
    store.add_argument("--limit", type=int, help="at most this many quotes")
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


def run(args: argparse.Namespace) -> int:
    if not args.paths:
        from .store_queries import query_quotes

        return query_quotes(args)

    from ._articles import extract_paths

    many = len(args.paths) > 1

    def emit(record: DocumentRecord) -> None:
        if args.format == "json":
            print(json.dumps(quotes_json(record), ensure_ascii=False))
            return
        if many:
            print(f"== {record.article.title or record.article.origin or record.article.id}")
        for line in render_quotes(record):
            print(line)

    return extract_paths(args, emit)
