"""CSV and TSV files: one article a row, columns mapped to article fields."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from typing import IO

from ..errors import InputError
from ..records import Article
from .fields import FIELD_CANDIDATES, MAX_RECORD_BYTES, FieldMap, article_from_fields

csv.field_size_limit(min(sys.maxsize, MAX_RECORD_BYTES))


def read_csv(
    stream: IO[bytes], file: str, fields: FieldMap | None = None, *, delimiter: str | None = None
) -> Iterator[Article | InputError]:
    """Each row's article, or the error for that row; a file without a text column is one error."""
    fields = fields or FieldMap()
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")
    if delimiter is None:
        delimiter = "\t" if file.lower().endswith((".tsv", ".tsv.gz")) else ","
    reader = csv.DictReader(text, delimiter=delimiter)
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        yield InputError(file, f"unreadable CSV header: {exc}")
        return
    if not header:
        yield InputError(file, "empty CSV file (no header row)")
        return
    columns = fields.resolve(header)
    if columns["text"] is None:
        wanted = fields.text or " / ".join(FIELD_CANDIDATES["text"][:5])
        yield InputError(
            file, f"no text column {wanted!r} among {', '.join(header)} (name it with --text-column)"
        )
        return
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield InputError(f"{file}#{reader.line_num}", f"bad CSV row: {exc}")
            continue
        origin = f"{file}#{reader.line_num}"
        try:
            yield article_from_fields(row, columns, origin, file)
        except InputError as exc:
            yield exc
        except (ValueError, TypeError) as exc:
            yield InputError(origin, str(exc))
