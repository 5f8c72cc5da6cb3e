"""The inverse of ``DocumentRecord.to_dict``: records back from the document JSON contract.

Shards written on other machines (``newsgraph ingest --engine ray``) carry each
record as its JSON; the single writer turns them back into ``DocumentRecord``s
here. Decoding follows the dataclasses' own type hints, so a field added to a
record is decoded without a change here; a missing optional field takes its
default, and anything that does not fit its type is a ``ValueError`` naming the path.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date
from functools import cache
from typing import Any

from .records import Article, DocumentRecord


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _decode(value: Any, hint: Any, path: str) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if value is None:
            return None
        return _decode(value, options[0], path) if len(options) == 1 else value
    if value is None:
        raise ValueError(f"{path}: null where a value is required")
    if origin is tuple:
        if not isinstance(value, list | tuple):
            raise ValueError(f"{path}: expected a list, got {type(value).__name__}")
        item = typing.get_args(hint)[0]
        return tuple(_decode(v, item, f"{path}[{i}]") for i, v in enumerate(value))
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _dataclass(hint, value, path)
    if hint is date:
        try:
            return date.fromisoformat(value[:10])
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{path}: not an ISO date: {value!r}") from exc
    if hint is float and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if hint in (int, str, bool) and not isinstance(value, hint):
        raise ValueError(f"{path}: expected {hint.__name__}, got {type(value).__name__}")
    return value


def _dataclass(cls: type, data: Any, path: str) -> Any:
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected an object, got {type(data).__name__}")
    hints = _hints(cls)
    values = {}
    for f in dataclasses.fields(cls):
        if f.name in data:
            values[f.name] = _decode(data[f.name], hints[f.name], f"{path}.{f.name}")
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise ValueError(f"{path}: missing field {f.name!r}")
    return cls(**values)


def document_from_dict(data: dict[str, Any], *, origin: str | None = None) -> DocumentRecord:
    """The ``DocumentRecord`` whose ``to_dict()`` is ``data`` (``origin`` is not part of the JSON)."""
    if not isinstance(data, dict) or not isinstance(data.get("article"), dict):
        raise ValueError("document: expected an object with an 'article' object")
    if not isinstance(data.get("text"), str):
        raise ValueError("document: the body 'text' is missing")
    article = _dataclass(Article, {**data["article"], "text": data["text"], "origin": origin}, "article")
    rest = {k: v for k, v in data.items() if k not in ("article", "text")}
    hints = _hints(DocumentRecord)
    fields = {
        f.name: _decode(rest[f.name], hints[f.name], f.name)
        for f in dataclasses.fields(DocumentRecord)
        if f.name != "article" and f.name in rest
    }
    return DocumentRecord(article=article, **fields)
