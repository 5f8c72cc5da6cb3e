"""Readers: each input format yields ``Article`` records (one module per format)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..records import Article
from .csv_records import read_csv
from .discover import Source, discover, iter_sources, read_source
from .feeds import read_feed
from .fields import FieldMap
from .html import read_html
from .jsonl import read_jsonl
from .text import decode_text, read_text

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


def read_bytes(path: str | Path) -> bytes:
    path = Path(path)
    if not path.exists():
        raise InputError(str(path), "no such file")
    if path.is_dir():
        raise InputError(str(path), "is a directory, not a file")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from exc


def read_article(path: str | Path, **metadata: str | None) -> Article:
    """One article from a ``.txt`` or ``.html`` file, or ``-`` for standard input."""
    if str(path) == "-":
        data = sys.stdin.buffer.read()
        origin = "<stdin>"
        looks_html = data.lstrip()[:200].lower().startswith((b"<!doctype html", b"<html"))
        reader = read_html if looks_html else read_text
        return reader(data, origin, **metadata)
    suffix = Path(path).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return read_html(read_bytes(path), str(path), **metadata)
    if suffix in TEXT_SUFFIXES:
        return read_text(read_bytes(path), str(path), **metadata)
    raise InputError(str(path), f"unsupported file type {suffix!r} for extract (use .txt or .html)")


def iter_articles(paths: list[str], **metadata: str | None) -> Iterator[Article | InputError]:
    """Each path's article, or the error that stopped it, in order."""
    for path in paths:
        try:
            yield read_article(path, **metadata)
        except InputError as exc:
            yield exc


__all__ = [
    "FieldMap",
    "Source",
    "decode_text",
    "discover",
    "iter_articles",
    "iter_sources",
    "read_article",
    "read_bytes",
    "read_csv",
    "read_feed",
    "read_html",
    "read_jsonl",
    "read_source",
    "read_text",
]
