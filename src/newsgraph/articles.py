"""Building ``Article`` records from raw text and metadata."""

from __future__ import annotations

import hashlib
import re
from datetime import date

from .errors import ArticleTooLongError
from .records import Article

_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_unicode(text: str) -> str:
    """``text`` with each surrogate code point replaced by U+FFFD.

    A lone surrogate is not a character: UTF-8 cannot encode it, so the id hash,
    SQLite and JSON output would fail on it. One code point becomes one, so every
    character offset into ``text`` stays valid.
    """
    return _SURROGATE.sub("\ufffd", text)


def article_id_for(text: str) -> str:
    return hashlib.sha256(valid_unicode(text).encode("utf-8")).hexdigest()[:16]


def check_article_length(article: Article, limit: int) -> None:
    """Raise ``ArticleTooLongError`` (naming the article and the limit) when ``article`` exceeds it."""
    if len(article.text) > limit:
        raise ArticleTooLongError(article.origin or "article", len(article.text), limit)


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
    text = valid_unicode(text)
    return Article(
        id=valid_unicode(article_id) if article_id else article_id_for(text),
        text=text,
        title=_valid_or_none(title),
        published=parse_published(published),
        source=_valid_or_none(source),
        url=_valid_or_none(url),
        origin=_valid_or_none(origin),
    )


def _valid_or_none(value: str | None) -> str | None:
    return valid_unicode(value) if isinstance(value, str) else value
