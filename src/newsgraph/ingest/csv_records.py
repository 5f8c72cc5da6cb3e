"""CSV and TSV files: one article a row, columns mapped to article fields."""

from __future__ import annotations

import codecs
import csv
import io
import sys
from collections.abc import Iterator
from typing import IO

from ..errors import InputError
from ..records import Article
from .fields import FIELD_CANDIDATES, MAX_RECORD_BYTES, FieldMap, article_from_fields
from .text import bom_encoding, detect_legacy_encoding

csv.field_size_limit(min(sys.maxsize, MAX_RECORD_BYTES))

# The encoding of a CSV file is decided on its first megabyte, then the file streams.
SNIFF_BYTES = 1024 * 1024


class _Rejoined(io.RawIOBase):
    """The bytes already read to find the encoding, then the rest of the stream."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _text_stream(stream: IO[bytes], file: str) -> io.TextIOWrapper:
    """The file as text: by byte-order mark, else UTF-8, else the encoding detected (with a warning)."""
    head = stream.read(SNIFF_BYTES)
    bom = bom_encoding(head)
    if bom is not None:
        encoding, skip = bom
        head = head[skip:]
    else:
        encoding = "utf-8"
        try:
            codecs.getincrementaldecoder("utf-8")().decode(head, final=len(head) < SNIFF_BYTES)
        except UnicodeDecodeError:
            encoding = detect_legacy_encoding(head, file)
    # Bytes past the first megabyte that do not fit the encoding become U+FFFD.
    raw = io.BufferedReader(_Rejoined(head, stream))
    return io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")


def read_csv(
    stream: IO[bytes], file: str, fields: FieldMap | None = None, *, delimiter: str | None = None
) -> Iterator[Article | InputError]:
    """Each row's article, or the error for that row; a file without a text column is one error."""
    fields = fields or FieldMap()
    try:
        text = _text_stream(stream, file)
    except InputError as exc:
        yield exc
        return
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
