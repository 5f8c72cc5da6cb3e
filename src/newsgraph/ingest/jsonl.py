"""JSON Lines: one article object a line (also a single JSON array or object per file)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO

from ..errors import InputError
from ..records import Article
from .fields import MAX_RECORD_BYTES, FieldMap, article_from_fields


def iter_lines(stream: IO[bytes], limit: int = MAX_RECORD_BYTES) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) pairs; a line longer than ``limit`` comes as None and is never held whole."""
    lineno = 0
    while True:
        chunk = stream.readline(limit + 1)
        if not chunk:
            return
        lineno += 1
        if len(chunk) > limit and not chunk.endswith(b"\n"):
            # Skip the rest of an oversized line a buffer at a time.
            while True:
                rest = stream.readline(1024 * 1024)
                if not rest or rest.endswith(b"\n"):
                    break
            yield lineno, None
            continue
        yield lineno, chunk


def read_jsonl(
    stream: IO[bytes], file: str, fields: FieldMap | None = None
) -> Iterator[Article | InputError]:
    """Each line's article, or the error that stopped that line; the rest of the file goes on."""
    fields = fields or FieldMap()
    columns: dict[str, str | None] | None = None
    for lineno, line in iter_lines(stream):
        origin = f"{file}#{lineno}"
        if line is None:
            yield InputError(origin, f"line larger than {MAX_RECORD_BYTES // (1024 * 1024)} MB")
            continue
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield InputError(origin, f"invalid JSON: {exc}")
            continue
        objects = value if isinstance(value, list) else [value]
        for index, obj in enumerate(objects):
            where = origin if len(objects) == 1 else f"{origin}[{index}]"
            if not isinstance(obj, dict):
                yield InputError(where, f"expected a JSON object, got {type(obj).__name__}")
                continue
            # Field names come from the first object; later objects may add fields.
            if columns is None or any(v is None for v in columns.values()):
                columns = fields.resolve(list(obj))
            try:
                yield article_from_fields(obj, columns, where, file)
            except InputError as exc:
                yield exc
            except (ValueError, TypeError) as exc:
                yield InputError(where, str(exc))
