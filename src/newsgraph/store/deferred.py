"""Writes a transaction defers to its commit, kept right across savepoints.

The writer defers some writes to the end of a transaction (``PendingCounters``, ``PendingFullText``):
each document's changes are logged, and ``flush`` writes those not yet written. A flush may also be
needed in the middle of a transaction (a delete reads what the earlier documents wrote), and so inside
a savepoint: when that savepoint is rolled back, the database forgets what the flush wrote, and the log
must hold those changes as unwritten again. ``mark`` records both the log's length and how much of it
was written; ``rollback_to`` restores both.
"""

from __future__ import annotations

import sqlite3
from typing import Generic, TypeVar

Item = TypeVar("Item")

# What ``Deferred.mark`` returns: (entries logged, entries written) when the savepoint began.
Mark = tuple[int, int]


class Deferred(Generic[Item]):
    """A log of deferred changes and how much of it the open transaction has written."""

    def __init__(self) -> None:
        self._log: list[Item] = []
        self._written = 0

    def __bool__(self) -> bool:
        """Whether anything is logged and not yet written."""
        return len(self._log) > self._written

    def _add(self, item: Item) -> None:
        self._log.append(item)

    def _unwritten(self) -> list[Item]:
        return self._log[self._written :]

    def mark(self) -> Mark:
        return len(self._log), self._written

    def rollback_to(self, mark: Mark) -> None:
        """The savepoint begun at ``mark`` was rolled back: forget what was logged since, and take what
        was written since as unwritten again."""
        logged, written = mark
        del self._log[logged:]
        self._written = min(written, logged)

    def clear(self) -> None:
        """The transaction ended (committed or rolled back)."""
        self._log.clear()
        self._written = 0

    def flush(self, conn: sqlite3.Connection) -> None:
        """Write what is logged and not yet written."""
        if self:
            self._write(conn, self._unwritten())
            self._written = len(self._log)

    def _write(self, conn: sqlite3.Connection, items: list[Item]) -> None:
        raise NotImplementedError
