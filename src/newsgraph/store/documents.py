"""How the store keeps each article's document: compact, and rebuilt exactly on read.

The document JSON (``DocumentRecord.to_dict`` without the body) repeats the
article text many times over: every mention, quote, sentence and figure carries
its own words, which are always ``body[start:end]``. Such a text is stored as
null and put back from the body on read; the rest is compressed (zlib, so any
SQLite client with Python can read it: ``zlib.decompress(document[2:])``).
Documents written before this (plain JSON text) are read as they are.
"""

from __future__ import annotations

import json
import zlib
from typing import Any

# Marks the compact form; a plain JSON document starts with "{".
PACKED = b"z1"
# zlib level 1: three quarters of the gain of level 9 at a third of the time (the writer's budget).
LEVEL = 1


def _strip(value: Any, body: str) -> Any:
    if isinstance(value, dict):
        out = {k: _strip(v, body) for k, v in value.items()}
        start, end, text = out.get("start"), out.get("end"), out.get("text")
        if (
            isinstance(start, int)
            and isinstance(end, int)
            and isinstance(text, str)
            and body[start:end] == text
        ):
            out["text"] = None
        return out
    if isinstance(value, list | tuple):
        return [_strip(v, body) for v in value]
    return value


def _restore(value: Any, body: str) -> Any:
    if isinstance(value, dict):
        for v in value.values():
            if isinstance(v, dict | list):
                _restore(v, body)
        if "text" in value and value["text"] is None:
            start, end = value.get("start"), value.get("end")
            if isinstance(start, int) and isinstance(end, int):
                value["text"] = body[start:end]
    elif isinstance(value, list):
        for v in value:
            _restore(v, body)
    return value


def pack_document(document: dict[str, Any], body: str) -> bytes:
    """The stored form of a document (without its ``text``) whose spans point into ``body``."""
    compact = json.dumps(_strip(document, body), ensure_ascii=False, separators=(",", ":"))
    return PACKED + zlib.compress(compact.encode("utf-8"), LEVEL)


def unpack_document(stored: bytes | str, body: str) -> dict[str, Any]:
    """The document as written (without ``text``), from its stored form."""
    if isinstance(stored, str):
        return json.loads(stored)
    if not stored.startswith(PACKED):
        raise ValueError("unknown stored document format")
    return _restore(json.loads(zlib.decompress(stored[len(PACKED) :])), body)
