"""Finding inputs (files, folders, globs, standard input) and reading each in its format."""

from __future__ import annotations

import glob
import gzip
import io
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

from ..errors import InputError
from ..records import Article
from .csv_records import read_csv
from .feeds import read_feed
from .fields import MAX_RECORD_BYTES, FieldMap
from .html import read_html
from .jsonl import read_jsonl
from .text import read_text

FORMATS_BY_SUFFIX = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".csv": "csv", ".tsv": "csv",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".warc": "warc", ".arc": "warc",
}  # fmt: skip
# Whole-file formats are read into memory; cap them.
MAX_FILE_BYTES = 20 * MAX_RECORD_BYTES


@dataclass(frozen=True)
class Source:
    """One input: a path (or "-") and the format it is read as."""

    path: str
    format: str
    compressed: bool = False


def format_of(path: str) -> tuple[str | None, bool]:
    """(format, gzip-compressed) from a file name; format None when unknown."""
    name = path.lower()
    compressed = name.endswith(".gz")
    if compressed:
        name = name[:-3]
    return FORMATS_BY_SUFFIX.get(Path(name).suffix), compressed


def discover(inputs: list[str]) -> tuple[list[Source], list[InputError]]:
    """Sources for paths, folders (recursively, known formats only) and globs, in sorted order."""
    sources: list[Source] = []
    errors: list[InputError] = []
    seen: set[str] = set()

    def add(path: Path, explicit: bool) -> None:
        key = str(path.resolve())
        if key in seen:
            return
        fmt, compressed = format_of(path.name)
        if fmt is None:
            if explicit:
                fmt = "text"  # a named file of unknown type is read as text; folders skip them
            else:
                return
        seen.add(key)
        sources.append(Source(str(path), fmt, compressed))

    for item in inputs:
        if item == "-":
            sources.append(Source("-", "stdin"))
            continue
        path = Path(item)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if not any(part.startswith(".") for part in child.relative_to(path).parts):
                    add(child, explicit=False)
        elif path.is_file():
            add(path, explicit=True)
        elif glob.has_magic(item):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                errors.append(InputError(item, "no file matches this pattern"))
            for match in matches:
                if Path(match).is_file():
                    add(Path(match), explicit=False)
        else:
            errors.append(InputError(item, "no such file or folder"))
    return sources, errors


def _open(source: Source) -> IO[bytes]:
    """The file's bytes, decompressed; WARC readers decompress record by record themselves."""
    if source.compressed and source.format != "warc":
        # GzipFile provides the IO[bytes] methods the readers use; typeshed types it as BufferedIOBase only.
        return cast(IO[bytes], gzip.open(source.path, "rb"))
    return open(source.path, "rb")  # noqa: SIM115  (closed by the caller)


def _read_whole(stream: IO[bytes], origin: str) -> bytes:
    data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise InputError(origin, f"file larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    return data


def _sniff_stdin(stream: IO[bytes]) -> str:
    head = stream.peek(4096)[:4096].lstrip().lower() if hasattr(stream, "peek") else b""
    if head.startswith((b"{", b"[")):
        return "jsonl"
    if head.startswith((b"<?xml", b"<rss", b"<feed")):
        return "feed"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"


def read_source(source: Source, fields: FieldMap | None = None) -> Iterator[Article | InputError]:
    """Every article in one source, with errors for what could not be read; never raises for bad data."""
    origin = source.path if source.path != "-" else "<stdin>"
    stream: IO[bytes] | None = None
    try:
        if source.path == "-":
            stdin = sys.stdin.buffer
            # A replaced stdin (pipes in tests, wrappers) may lack peek(); buffering it adds one.
            stream = stdin if hasattr(stdin, "peek") else io.BufferedReader(cast(io.RawIOBase, stdin))
            fmt = _sniff_stdin(stream)
        else:
            stream = _open(source)
            fmt = source.format
        if fmt == "jsonl":
            yield from read_jsonl(stream, origin, fields)
        elif fmt == "csv":
            yield from read_csv(stream, origin, fields)
        elif fmt == "warc":
            from .warc import read_warc

            yield from read_warc(stream, origin)
        elif fmt == "feed":
            yield from read_feed(_read_whole(stream, origin), origin)
        elif fmt == "html":
            yield read_html(_read_whole(stream, origin), origin)
        else:
            yield read_text(_read_whole(stream, origin), origin)
    except InputError as exc:
        yield exc
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        yield InputError(origin, f"truncated or corrupt compressed file: {exc or type(exc).__name__}")
    except OSError as exc:
        yield InputError(origin, f"cannot read: {exc.strerror or exc}")
    finally:
        if stream is not None and source.path != "-":
            stream.close()


def iter_sources(sources: list[Source], fields: FieldMap | None = None) -> Iterator[Article | InputError]:
    """Articles and errors of every source in order."""
    for source in sources:
        yield from read_source(source, fields)
