"""Building ``Article`` records from raw text and metadata."""

from __future__ import annotations

import hashlib
from datetime import date

from .records import Article


def article_id_for(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def parse_published(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value[:10])
    except ValueError as exc:
        raise ValueError(f"published date {value!r} is not YYYY-MM-DD") from exc


def make_article(
    text: str,
    *,
    title: str | None = None,
    published: date | str | None = None,
    source: str | None = None,
    url: str | None = None,
    article_id: str | None = None,
    origin: str | None = None,
) -> Article:
    if not isinstance(text, str):
        raise TypeError(f"article text must be str, not {type(text).__name__}")
    return Article(
        id=article_id or article_id_for(text),
        text=text,
        title=title,
        published=parse_published(published),
        source=source,
        url=url,
        origin=origin,
    )
