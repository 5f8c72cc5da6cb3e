"""Whole-corpus answers kept until the store changes: counts, timelines, the network, map points.

These answers aggregate every event or row, cost tens to hundreds of milliseconds
on a 10,000-article store, and are asked on every visit of the start page, the
events page and the map. They only change when something writes to the store, by
this server or by another process (an ingest), and SQLite says when that happened:
``PRAGMA data_version`` on a connection changes whenever another connection has
committed. So each answer is kept with the version it was computed under and
recomputed once the version moves on.

Cached values are shared between requests: callers must not modify them.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

Value = TypeVar("Value")

DEFAULT_MAX_ENTRIES = 64  # each at most a few thousand rows (map points): tens of MB at worst


class StoreVersion:
    """A number that changes whenever anyone commits to the database file."""

    def __init__(self, db_path: str | Path) -> None:
        self._uri = f"file:{Path(db_path).resolve()}?mode=ro"
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    def current(self) -> int:
        with self._lock:
            if self._conn is None:
                # Its own connection, used for nothing else, so every commit is "another connection's".
                self._conn = sqlite3.connect(
                    self._uri, uri=True, check_same_thread=False, isolation_level=None
                )
            row = self._conn.execute("PRAGMA data_version").fetchone()
        return int(row[0])

    def close(self) -> None:
        """Close the connection (opened again on the next ``current``)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


class CorpusCache:
    """A bounded least-recently-used map from a question to its answer under one store version."""

    def __init__(self, version: StoreVersion, max_entries: int = DEFAULT_MAX_ENTRIES) -> None:
        self._version = version
        self._max_entries = max_entries
        self._entries: OrderedDict[Hashable, tuple[int, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self._computing: dict[Hashable, threading.Lock] = {}
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, compute: Callable[[], Value]) -> Value:
        """The answer for ``key``: kept when the store has not changed since, else ``compute()``d.

        Requests asking the same question at once compute it once: the others wait for it.
        """
        # The version is read before computing: an answer that saw a later commit is only
        # recomputed once more, never kept past a change.
        version = self._version.current()
        found, value = self._lookup(key, version)
        if found:
            return value  # type: ignore[no-any-return]
        with self._lock:
            key_lock = self._computing.setdefault(key, threading.Lock())
        with key_lock:
            found, value = self._lookup(key, version)
            if found:
                return value  # type: ignore[no-any-return]
            with self._lock:
                self.misses += 1
            value = compute()
            with self._lock:
                self._entries[key] = (version, value)
                self._entries.move_to_end(key)
                while len(self._entries) > self._max_entries:
                    self._entries.popitem(last=False)
                self._computing.pop(key, None)
        return value

    def _lookup(self, key: Hashable, version: int) -> tuple[bool, Any]:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry[0] != version:
                return False, None
            self._entries.move_to_end(key)
            self.hits += 1
            return True, entry[1]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
