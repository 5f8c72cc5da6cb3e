"""Mapping records (JSON objects, CSV rows, feed entries) onto article fields.

Readers of structured inputs share this: which field holds the text, the
title, the date, the source and the URL (named by the user, or found among
common names), lenient date parsing, and the size limit on one record.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from ..articles import make_article
from ..errors import InputError
from ..records import Article
from .text import normalise_text

# One record larger than this is refused: no news article is 10 MB of text.
MAX_RECORD_BYTES = 10 * 1024 * 1024

FIELD_CANDIDATES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "article_text", "full_text", "fulltext", "maintext",
             "story", "description"),
    "title": ("title", "headline", "heading", "name"),
    "published": ("published", "date", "published_at", "publish_date", "pub_date", "pubdate", "datetime",
                  "date_published", "published_date", "timestamp", "created_at", "time"),
    "source": ("source", "publisher", "outlet", "site", "sitename", "site_name", "source_name", "domain"),
    "url": ("url", "link", "href", "uri", "source_url"),
    "id": ("id", "article_id", "uid", "guid"),
}  # fmt: skip


@dataclass(frozen=True)
class FieldMap:
    """Field names given by the user; None means "find it among the usual names"."""

    text: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None

    def resolve(self, available: Sequence[str]) -> dict[str, str | None]:
        """Which available field to read for each article field (case-insensitive)."""
        by_fold = {name.casefold().strip(): name for name in available}
        chosen: dict[str, str | None] = {}
        for key, candidates in FIELD_CANDIDATES.items():
            wanted = getattr(self, key, None)
            if wanted is not None:
                chosen[key] = by_fold.get(wanted.casefold().strip())
                continue
            chosen[key] = next((by_fold[c] for c in candidates if c in by_fold), None)
        return chosen


_ISO_PREFIX = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def parse_date_leniently(value: Any) -> date | None:
    """A date from ISO, RFC 2822 (feeds) or a Unix timestamp; None when it is none of those."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value  # milliseconds are common in JSON dumps
        try:
            return datetime.utcfromtimestamp(seconds).date()
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    match = _ISO_PREFIX.match(text)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def _scalar(value: Any) -> str | None:
    """A text field's value; nested objects ({"name": ...}) and lists give their first text."""
    if value is None:
        return None
    if isinstance(value, dict):
        for key in ("name", "title", "value", "text", "href", "url"):
            if isinstance(value.get(key), str):
                return value[key]
        return None
    if isinstance(value, list):
        return next((s for s in (_scalar(v) for v in value) if s), None)
    text = str(value).strip()
    return text or None


def article_from_fields(
    values: dict[str, Any], columns: dict[str, str | None], origin: str, file: str
) -> Article:
    """An article from one record, through the chosen field names; errors name the record."""
    text_field = columns.get("text")
    if text_field is None:
        raise InputError(origin, "no text field (use --text-column to name it)")
    raw = values.get(text_field)
    if isinstance(raw, list):
        raw = "\n\n".join(str(v) for v in raw if v)
    if not isinstance(raw, str) or not raw.strip():
        raise InputError(origin, f"empty or missing text in field {text_field!r}")
    if len(raw) > MAX_RECORD_BYTES:
        raise InputError(origin, f"record text larger than {MAX_RECORD_BYTES // (1024 * 1024)} MB")
    body = normalise_text(raw)

    def pick(key: str) -> str | None:
        name = columns.get(key)
        return _scalar(values.get(name)) if name else None

    given_id = pick("id")
    published_field = columns.get("published")
    return make_article(
        body,
        title=pick("title"),
        published=parse_date_leniently(values.get(published_field) if published_field else None),
        source=pick("source"),
        url=pick("url"),
        article_id=given_id[:64] if given_id else None,
        origin=origin,
    )
