"""Checkpoints of the write-ahead log, made beside the writer instead of inside its commits.

In WAL mode a commit appends the pages it changed to the log; a checkpoint copies them into the
database file. SQLite checkpoints on the committing connection, once the log passes 1,000 pages: with
a batch of articles dirtying tens of thousands of pages, every commit then waits for a copy of all of
them (a tenth of the writer's time at 10,000 articles, more as the store grows). ``Checkpointer`` does
the copy on its own connection and thread after each commit, while the writer goes on with the next
batch: SQLite releases the GIL while it copies, and a passive checkpoint never blocks the writer, nor
the writer it. Once a checkpoint has copied the whole log, the writer's next transaction starts the
log again from its beginning. Transactions written back to back begin while the last one's checkpoint
is still copying, so the writer waits for it once the log has grown past ``LOG_RESTART_BYTES``
(``Store._let_log_restart``): the log stays a few hundred MB long.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path


class Checkpointer:
    """A thread that checkpoints one database's log whenever it is told the writer committed."""

    def __init__(self, path: Path) -> None:
        self._conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=30)
        self._state = threading.Condition()
        self._asked = 0  # commits announced
        self._done = 0  # commits a finished checkpoint covered
        self._closing = False
        self.failures = 0
        self._thread = threading.Thread(target=self._run, name=f"checkpoint {path.name}", daemon=True)
        self._thread.start()

    def committed(self) -> None:
        """The writer committed: copy what it wrote into the database file."""
        with self._state:
            self._asked += 1
            self._state.notify_all()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until every commit announced is covered by a finished checkpoint; False on timeout."""
        with self._state:
            return self._state.wait_for(lambda: self._done >= self._asked, timeout)

    def close(self) -> None:
        """Let the checkpoint under way finish, then stop the thread and close its connection."""
        with self._state:
            self._closing = True
            self._state.notify_all()
        self._thread.join()
        self._conn.close()

    def _run(self) -> None:
        while True:
            with self._state:
                self._state.wait_for(lambda: self._closing or self._asked > self._done)
                if self._closing:
                    return
                asked = self._asked
            try:
                self._copy()
            except sqlite3.Error:
                # Busy or interrupted: the pages stay in the log, and the next commit's checkpoint (or
                # the writer's own when it closes) copies them. Counted, for tests and callers.
                self.failures += 1
            with self._state:
                self._done = asked
                self._state.notify_all()

    def _copy(self) -> None:
        """One passive checkpoint: copy what the log holds into the file, as far as readers allow."""
        self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
