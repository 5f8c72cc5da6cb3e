"""The write-ahead log is copied into the database file beside the writer (store/checkpoint.py)."""

from __future__ import annotations

import sqlite3
import time

import pytest
from store_records import minister_record

from newsgraph.errors import StoreError
from newsgraph.store import Store, writer
from newsgraph.store.checkpoint import Checkpointer


def _log_left(path) -> tuple[int, int]:
    """Frames in the log and frames already copied into the file, as another connection sees them."""
    conn = sqlite3.connect(str(path))
    try:
        _, log, copied = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    finally:
        conn.close()
    return log, copied


def test_commits_are_copied_into_the_file_by_the_checkpointer_not_by_the_writer(tmp_path):
    path = tmp_path / "news.db"
    with Store(path) as store:
        assert store.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
        checkpointer = store._checkpointer
        assert checkpointer is not None
        with store.atomic():
            for day in ("2026-01-05", "2026-01-06", "2026-01-07"):
                store.add_document(minister_record(published=day, extra=day))
        assert checkpointer.wait(timeout=30)
        assert checkpointer.failures == 0
        log, copied = _log_left(path)
        assert log > 0 and copied == log  # everything committed is in the file already
        # Without the checkpointer, nothing copies: the writer's connection no longer does.
        checkpointer.close()
        store._checkpointer = None
        store.add_document(minister_record(published="2026-01-08", extra="late"))
        store.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")  # the writer's own checkpoint still works
    assert not (tmp_path / "news.db-wal").exists()  # the last connection to close copied the rest
    with Store(path, read_only=True) as reader:
        assert reader.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 4


def test_a_store_in_memory_has_no_log_to_copy():
    with Store(":memory:") as store:
        assert store._checkpointer is None
        store.add_document(minister_record())
        assert store.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1


def test_closing_waits_for_the_checkpoint_under_way(tmp_path):
    path = tmp_path / "busy.db"
    store = Store(path)
    for n in range(5):
        store.add_document(minister_record(published=f"2026-02-0{n + 1}", extra=str(n)))
    store.close()
    assert not (tmp_path / "busy.db-wal").exists()
    with Store(path, read_only=True) as reader:
        assert reader.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 5


def test_checkpoint_leaves_the_whole_store_in_its_file(tmp_path):
    path = tmp_path / "news.db"
    with Store(path) as store:
        with store.atomic():
            for day in ("2026-01-05", "2026-01-06"):
                store.add_document(minister_record(published=day, extra=day))
            with pytest.raises(StoreError, match="inside a transaction"):
                store.checkpoint()
        store.checkpoint()
        assert (tmp_path / "news.db-wal").stat().st_size == 0  # the log is emptied, not only copied
        # The file alone, without its log, holds both articles.
        copy = tmp_path / "copy.db"
        copy.write_bytes(path.read_bytes())
        conn = sqlite3.connect(str(copy))
        try:
            # (A plain connection: the table, not the view that needs the body functions.)
            assert conn.execute("SELECT COUNT(*) FROM article_rows").fetchone()[0] == 2
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()
        # A reader inside a transaction keeps the log busy: the store says so instead of going on.
        reader = sqlite3.connect(str(path), isolation_level=None, timeout=0)
        try:
            reader.execute("BEGIN")
            reader.execute("SELECT COUNT(*) FROM article_rows").fetchone()
            store.add_document(minister_record(published="2026-01-07", extra="third"))
            store.conn.execute("PRAGMA busy_timeout=100")
            with pytest.raises(StoreError, match="busy"):
                store.checkpoint()
        finally:
            reader.close()


class _SlowCheckpointer(Checkpointer):
    """A checkpointer that starts each copy late, as one copying a large transaction is still at it
    when the writer begins its next transaction."""

    def _copy(self) -> None:
        time.sleep(0.05)
        super()._copy()


@pytest.mark.parametrize("restart_bytes", [8 * 4096, 1 << 40])
def test_back_to_back_transactions_let_the_log_start_again(tmp_path, monkeypatch, restart_bytes):
    # Each transaction begins right after the last commit, while its checkpoint has not begun: the log
    # starts again only if the writer waits for that checkpoint, once the log passed the limit.
    monkeypatch.setattr(writer, "Checkpointer", _SlowCheckpointer)
    monkeypatch.setattr(writer, "LOG_RESTART_BYTES", restart_bytes)
    path = tmp_path / "busy.db"
    with Store(path) as store:
        sizes = []
        for n in range(12):
            with store.atomic():
                store.add_document(minister_record(published=f"2026-03-{n + 1:02d}", extra=str(n)))
            sizes.append((tmp_path / "busy.db-wal").stat().st_size)
        grew = all(later > earlier for earlier, later in zip(sizes, sizes[1:], strict=False))
        assert grew == (restart_bytes > 1 << 30), sizes
        assert store.count_articles() == 12
