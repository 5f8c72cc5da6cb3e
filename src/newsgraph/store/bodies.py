"""Article bodies kept compressed, the way an SQLite archive keeps its files.

The body of an article is the largest thing the store holds (5.6 of 26.5 MB per 1,000 articles before
it was compressed) and zlib halves it. The ``article_rows`` table keeps it as ``body`` (zlib data, or
the UTF-8 bytes themselves when compressing would not make them smaller) and ``body_size`` (the size of
the UTF-8 bytes); the ``articles`` view gives it back as ``text``.

The format and the two SQL functions are those of SQLite archives (``sqlar``): the ``sqlite3`` shell
has ``sqlar_compress(X)`` and ``sqlar_uncompress(DATA, SIZE)`` built in, so the views that read the
body (``articles``, ``quotes``, ``mentions``, ``times``, ``quantities``) work there as they are. The
store registers the same two functions on its own connections (``register_body_functions``), and the
Datasette plugin (``newsgraph.datasette_plugin``) on Datasette's.
"""

from __future__ import annotations

import sqlite3
import threading
import zlib
from collections import OrderedDict

# zlib's default level: 2.14 times smaller on news text; level 9 gains nothing more and level 1 loses
# 6%, for 116 against 94 microseconds an article.
LEVEL = 6


def packed_text(alias: str, column: str) -> str:
    """The SQL expression that reads a column kept as the body is (``column`` and ``column_size``: the body,
    and since schema version 23 ``times`` and ``quantities``) of the row named ``alias``, as text."""
    return f"CAST(sqlar_uncompress({alias}.{column}, {alias}.{column}_size) AS TEXT)"


def body_text(alias: str) -> str:
    """The SQL expression that reads the body of the article row named ``alias`` as text (the views cut
    words from it)."""
    return packed_text(alias, "body")


def _smaller(raw: bytes) -> bytes:
    """``raw`` zlib-compressed when that makes it smaller, else ``raw`` itself (the sqlar rule)."""
    packed = zlib.compress(raw, LEVEL)
    return packed if len(packed) < len(raw) else raw


def sqlar_compress(data: bytes | str | None) -> bytes | str | None:
    """``sqlar_compress(X)``: X compressed when that makes it smaller, else X unchanged."""
    if data is None:
        return None
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    packed = _smaller(raw)
    return data if packed is raw else packed


def compress_body(text: str) -> tuple[bytes, int]:
    """The ``body`` and ``body_size`` columns of an article whose text is ``text``."""
    raw = text.encode("utf-8")
    return _smaller(raw), len(raw)


def compress_column(text: str | None) -> tuple[bytes | None, int]:
    """A column kept as the body is (``times`` and ``times_size``...): NULL stays NULL, of size 0."""
    return compress_body(text) if text is not None else (None, 0)


class _Uncompress:
    """``sqlar_uncompress(DATA, SIZE)``: ``DATA`` when SIZE is its length (or not positive), else the
    SIZE bytes zlib gives back; an SQL error when they are not SIZE bytes.

    The last bodies given back are kept: a view reads the same body once per quote or mention of an
    article, and a page lists many of one article.
    """

    KEPT = 16

    def __init__(self) -> None:
        self._kept: OrderedDict[bytes, bytes] = OrderedDict()
        self._lock = threading.Lock()  # the store's connections are shared between threads

    def __call__(self, data: bytes | str | None, size: int | None) -> bytes | str | None:
        if data is None:
            return None
        if isinstance(data, str) or size is None or size <= 0 or size == len(data):
            return data
        with self._lock:
            found = self._kept.get(data)
            if found is not None and len(found) == size:
                self._kept.move_to_end(data)
                return found
        try:
            raw = zlib.decompress(data)
        except zlib.error as exc:
            raise ValueError(f"sqlar_uncompress: not zlib data ({exc})") from exc
        if len(raw) != size:
            raise ValueError(f"sqlar_uncompress: {len(raw)} bytes where the row says {size}")
        with self._lock:
            self._kept[data] = raw
            if len(self._kept) > self.KEPT:
                self._kept.popitem(last=False)
        return raw


def register_body_functions(conn: sqlite3.Connection) -> None:
    """Give ``conn`` the two functions the store's views and triggers call (one cache per connection)."""
    conn.create_function("sqlar_uncompress", 2, _Uncompress(), deterministic=True)
    conn.create_function("sqlar_compress", 1, sqlar_compress, deterministic=True)
