"""``Store.compact`` and ``newsgraph compact``: a smaller file that answers every question as before."""

from __future__ import annotations

import pytest
from store_records import minister_record

from newsgraph.cli import main
from newsgraph.errors import StoreError
from newsgraph.store import Store
from newsgraph.store.writer import FULL_TEXT_INDEXES

# Written for these tests: enough words that the deleted articles leave pages free.
FILLER = " ".join(
    f"Harbour pilots of the Korsvik strait logged {n} crossings before the talks." for n in range(60)
)


def _answers(store: Store) -> tuple:
    """What the questions a compaction must not change give on this store."""
    ids = [a["id"] for a in store.list_articles(limit=100)]
    return (
        ids,
        [store.get_document(article_id) for article_id in ids],
        store.list_entities(limit=100),
        store.list_entities(q="varg"),
        store.search("crossings"),
        store.quotes(limit=100),
        store.events(limit=100),
        store.stats(),
    )


def _filled(path, n: int = 12) -> None:
    with Store(path) as store:
        for i in range(n):
            # One transaction each: a segment of each full-text index per article.
            store.add_document(
                minister_record(surname=f"Varga{chr(97 + i)}", published=f"2026-01-{i + 1:02d}", extra=FILLER)
            )
        for a in store.list_articles(limit=n // 2):
            store.delete_article(a["id"])


def test_compact_makes_the_file_smaller_and_changes_no_answer(tmp_path):
    path = tmp_path / "news.db"
    _filled(path)
    with Store(path) as store:
        store.checkpoint()
        answers = _answers(store)
        segments = {
            index: store.conn.execute(f"SELECT COUNT(*) FROM {index}_idx").fetchone()[0]
            for index in FULL_TEXT_INDEXES
        }
        before, after = store.compact()
        assert after == path.stat().st_size and after < before
        assert store.conn.execute("PRAGMA freelist_count").fetchone()[0] == 0
        for index in FULL_TEXT_INDEXES:
            store.conn.execute(f"INSERT INTO {index}({index}, rank) VALUES ('integrity-check', 1)")
            merged = store.conn.execute(f"SELECT COUNT(*) FROM {index}_idx").fetchone()[0]
            assert merged <= segments[index], index
        assert _answers(store) == answers
        store.add_document(minister_record(surname="Kovacs", published="2026-02-01"))  # still writable
    with Store(path, read_only=True) as reader:
        assert len(reader.list_articles(limit=100)) == len(answers[0]) + 1


def test_compact_is_refused_read_only_and_inside_a_transaction(tmp_path):
    path = tmp_path / "news.db"
    _filled(path, 2)
    with Store(path, read_only=True) as reader, pytest.raises(StoreError, match="read-only"):
        reader.compact()
    with Store(path) as store, store.atomic(), pytest.raises(StoreError, match="inside a transaction"):
        store.compact()


def test_the_compact_command_says_what_it_saved(tmp_path, capsys):
    path = tmp_path / "news.db"
    _filled(path)
    size = path.stat().st_size
    assert main(["compact", "--db", str(path)]) == 0
    err = capsys.readouterr().err
    assert f"compacting {path}" in err and "rebuilding the file" in err and "smaller) in" in err
    assert path.stat().st_size < size
    assert main(["compact", "--db", str(tmp_path / "missing.db")]) == 2
    assert "no such database" in capsys.readouterr().err
    assert not (tmp_path / "missing.db").exists()


def test_compact_tells_its_caller_each_step_and_that_it_is_still_working(tmp_path, monkeypatch):
    import newsgraph.store.writer as store_writer

    monkeypatch.setattr(store_writer, "COMPACT_PROGRESS_SECONDS", 0.0)  # every look at the clock
    monkeypatch.setattr(store_writer, "_PROGRESS_INSTRUCTIONS", 100)  # SQLite counts them per statement
    path = tmp_path / "news.db"
    _filled(path, 4)
    seen: list[tuple[str, float]] = []
    with Store(path) as store:
        store.compact(on_progress=lambda step, seconds: seen.append((step, seconds)))
        steps = list(dict.fromkeys(step for step, _ in seen))
        assert steps == [
            "merging the full-text indexes",
            "rebuilding the file",
            "copying the log into the file",
        ]
        assert len(seen) > len(steps)  # calls while the steps ran, not only as each began
        assert [seconds for _, seconds in seen] == sorted(seconds for _, seconds in seen)
        calls = len(seen)
        store.add_document(minister_record(surname="Kovacs", published="2026-02-01"))
    assert len(seen) == calls  # the handler went with the compaction
