"""WARC and WARC.gz web archives: every HTML response becomes an article."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from typing import IO

from ..errors import InputError
from ..records import Article
from .fields import MAX_RECORD_BYTES
from .html import read_html


def _is_html(record) -> bool:
    http = record.http_headers
    if http is None:
        return False
    status = http.get_statuscode() or ""
    content_type = (http.get_header("Content-Type") or "").lower()
    return status.startswith("2") and ("text/html" in content_type or "xhtml" in content_type)


def read_warc(stream: IO[bytes], file: str) -> Iterator[Article | InputError]:
    """Articles from the archive's HTML responses; a damaged archive ends with one error."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    index = 0
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response" or not _is_html(record):
                continue
            index += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            origin = f"{file}#{index}"
            payload = record.content_stream().read(MAX_RECORD_BYTES + 1)
            if len(payload) > MAX_RECORD_BYTES:
                yield InputError(origin, f"HTML response larger than {MAX_RECORD_BYTES // (1024 * 1024)} MB")
                continue
            try:
                yield read_html(payload, origin, url=url)
            except InputError as exc:
                yield exc
            if getattr(record.raw_stream, "limit", 0):
                raise EOFError("record shorter than its Content-Length")
    except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
        yield InputError(
            f"{file}#{index + 1}", f"damaged or truncated WARC after {index} HTML record(s): {exc}"
        )
        return
    damage = _gzip_damage(stream)
    if damage:
        # warcio stops quietly at a cut gzip member; the records after it would be lost unseen.
        yield InputError(
            f"{file}#{index + 1}", f"damaged or truncated WARC after {index} HTML record(s): {damage}"
        )


def _gzip_damage(stream: IO[bytes]) -> str | None:
    """Why a gzip-compressed archive is damaged, or None (also for uncompressed or unseekable streams)."""
    try:
        stream.seek(0)
        if stream.read(2) != b"\x1f\x8b":
            return None
        stream.seek(0)
        with gzip.GzipFile(fileobj=stream) as unpacked:
            while unpacked.read(1024 * 1024):
                pass
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        return str(exc) or type(exc).__name__
    except (OSError, ValueError):
        return None
    return None
