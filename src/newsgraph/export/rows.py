"""What an export holds: rows of articles, entities, quotes or events read from the store."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from .columns import COLUMNS, typed_row

WHATS = ("articles", "entities", "quotes", "events")
PAGE = 1000


def _paged(fetch) -> Iterator[dict]:
    offset = 0
    while True:
        rows = fetch(limit=PAGE, offset=offset)
        yield from rows
        if len(rows) < PAGE:
            return
        offset += PAGE


def iter_rows(store, what: str, *, full_documents: bool = False) -> Iterator[dict]:
    """Rows of one kind; articles are full documents (the JSON contract) when ``full_documents``.

    Event rows carry ``location.geo_precision`` (see :mod:`newsgraph.geo`).
    """
    if what == "articles":
        if full_documents:
            for article_id in store.iter_article_ids():
                yield store.get_document(article_id)
            return
        for article_id in store.iter_article_ids():
            row = store._rows(
                "SELECT id, title, published, source, url, origin, n_entities, n_quotes, n_events, content_hash, "
                "text FROM articles WHERE id = ?",
                (article_id,),
            )
            yield from row
        return
    if what == "entities":
        yield from _paged(lambda **page: store.list_entities(order="name", **page))
        return
    if what == "quotes":
        yield from _paged(store.quotes)
        return
    if what == "events":
        yield from _paged(store.events)
        return
    raise ValueError(f"unknown export content {what!r}; choose from {', '.join(WHATS)}")


def flatten(row: dict, prefix: str = "") -> dict[str, Any]:
    """Nested objects become ``parent_child`` columns; lists become JSON text (one cell each)."""
    flat: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, f"{name}_"))
        elif isinstance(value, list | tuple):
            flat[name] = json.dumps(value, ensure_ascii=False)
        else:
            flat[name] = value
    return flat


def typed_rows(store, what: str) -> Iterator[dict[str, Any]]:
    """Every row of one kind with the fixed, typed columns of :data:`COLUMNS` (in their order)."""
    if what not in COLUMNS:
        raise ValueError(f"unknown export content {what!r}; choose from {', '.join(WHATS)}")
    columns = COLUMNS[what]
    for row in iter_rows(store, what):
        yield typed_row(row, columns)
