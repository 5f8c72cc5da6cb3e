"""Corpus counters moved once per transaction (store/counters.py) end as if each document moved them.

So do the counts of rows kept as columns (``column_counts``: mentions, dates, figures), which must
also equal a count of the columns themselves, and the quotes' full-text index, which the writer fills
from the record: FTS5's integrity check compares it with what the quotes view gives back.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from store_records import minister_record

from newsgraph.errors import StoreError
from newsgraph.store import Store
from newsgraph.store.corpus import recount_corpus_entities

COUNTERS = (
    "SELECT id, n_articles, n_mentions, n_quotes, n_described, first_seen, last_seen, country FROM corpus_entities "
    "ORDER BY id"
)
NAMES = "SELECT corpus_entity_id, norm_name, name, n FROM corpus_entity_names ORDER BY 1, 2"


def _records():
    # Shared names across articles (Brandt, Vienna, Police), a surname-only reference that resolves to
    # the full name, and dates out of order, so first and last seen move both ways.
    days = ["2026-01-05", "2026-01-03", "2026-02-01", None, "2026-01-20", "2026-01-04"]
    firsts = ["Tomas", "Tomas", "", "Anna", "Tomas", ""]
    return [
        minister_record(first=first, published=day, extra=f"Story {i}.")
        for i, (day, first) in enumerate(zip(days, firsts, strict=True))
    ]


COLUMN_COUNTS_FROM_ROWS = """
SELECT 'mentions', (SELECT COALESCE(SUM(n_mentions), 0) FROM entity_rows)
UNION ALL SELECT 'quantities', (SELECT COALESCE(SUM(json_array_length(quantities)), 0) FROM articles)
UNION ALL SELECT 'times', (SELECT COALESCE(SUM(json_array_length(times)), 0) FROM articles)
"""


def _tables(store: Store) -> tuple[list, list, list]:
    conn = store.conn
    counts = conn.execute("SELECT name, n FROM column_counts ORDER BY name").fetchall()
    assert counts == conn.execute(COLUMN_COUNTS_FROM_ROWS).fetchall()
    assert counts[0][1] > 0 and counts[2][1] > 0  # the records have mentions and dates to count
    conn.execute("INSERT INTO quotes_fts(quotes_fts, rank) VALUES ('integrity-check', 1)")
    return conn.execute(COUNTERS).fetchall(), conn.execute(NAMES).fetchall(), counts


def _one_by_one(path, records, *, delete: str | None = None) -> tuple[list, list]:
    """The counters and names when each record is written in a transaction of its own."""
    with Store(path) as store:
        for record in records:
            store.add_document(record)
        if delete is not None:
            store.delete_article(delete)
        return _tables(store)


def test_a_batch_counts_as_documents_written_one_by_one(tmp_path):
    expected = _one_by_one(tmp_path / "one.db", _records())
    with Store(tmp_path / "batch.db") as batched:
        with batched.atomic():
            for record in _records():
                batched.add_document(record)
            # Inside the transaction the database is behind; the writer's reads add what is pending.
            assert batched._pending
        assert not batched._pending
        assert _tables(batched) == expected
        ids = [row[0] for row in expected[0]]
        recount_corpus_entities(batched.conn, ids)
        assert _tables(batched) == expected  # and the counters are those the rows give


def test_a_rolled_back_savepoint_takes_its_counters_with_it(tmp_path):
    records = _records()
    expected = _one_by_one(tmp_path / "ref.db", records[:2] + records[4:])
    with Store(tmp_path / "rolled.db") as store:
        with store.atomic():
            store.add_document(records[0])
            store.add_document(records[1])
            with pytest.raises(RuntimeError), store.atomic():
                store.add_document(records[2])
                store.add_document(records[3])
                raise RuntimeError("abandon these two")
            store.add_document(records[4])
            store.add_document(records[5])
        assert _tables(store) == expected


def test_a_document_that_fails_midway_leaves_no_counters(tmp_path, monkeypatch):
    records = _records()
    expected = _one_by_one(tmp_path / "ref.db", records[:1] + records[2:])
    with Store(tmp_path / "failed.db") as store:
        with store.atomic():
            store.add_document(records[0])
            real = store._insert_events

            def failing(*args, **kwargs):
                raise StoreError("disk said no")

            monkeypatch.setattr(store, "_insert_events", failing)
            with pytest.raises(StoreError):
                store.add_document(records[1])
            monkeypatch.setattr(store, "_insert_events", real)
            for record in records[2:]:
                store.add_document(record)
        assert _tables(store) == expected


def test_an_outer_rollback_forgets_everything_pending(tmp_path):
    with Store(tmp_path / "gone.db") as store:
        with pytest.raises(RuntimeError), store.atomic():
            for record in _records():
                store.add_document(record)
            raise RuntimeError("abandon the batch")
        assert not store._pending
        store.add_document(_records()[0])
        assert _tables(store) == _one_by_one(tmp_path / "fresh.db", _records()[:1])


def test_a_delete_inside_the_batch_sees_the_counters_of_earlier_documents(tmp_path):
    records = _records()
    expected = _one_by_one(tmp_path / "ref.db", records, delete=records[2].article.id)
    with Store(tmp_path / "batch.db") as store:
        with store.atomic():
            for record in records:
                store.add_document(record)
            store.delete_article(records[2].article.id)
        assert _tables(store) == expected


def test_a_savepoint_rolled_back_after_a_flush_inside_it_writes_the_flushed_changes_again(
    tmp_path, monkeypatch
):
    # Replacing an article deletes it first, and a delete writes what is pending, inside the replacing
    # document's savepoint. When that document then fails, the rollback undoes the write: the earlier
    # documents' counters and index rows must still reach the commit.
    records = _records()
    expected = _one_by_one(tmp_path / "ref.db", records[:3])
    with Store(tmp_path / "batch.db") as store:
        with store.atomic():
            store.add_document(records[0])
            store.add_document(records[1])

            def failing(*args, **kwargs):
                raise StoreError("disk said no")

            monkeypatch.setattr(store, "_insert_events", failing)
            with pytest.raises(StoreError):
                store.add_document(records[1], replace=True)
            monkeypatch.undo()
            assert store._pending and store._fulltext  # unwritten again
            store.add_document(records[2])
        assert _tables(store) == expected
        found = {hit["article_id"] for hit in store.search("Brandt") if hit["kind"] == "article"}
        assert found == {r.article.id for r in records[:3]}


def test_an_entity_id_given_twice_counts_its_mentions_once(tmp_path):
    # The second entity of the same id is not written (its row would repeat the key): the count of
    # mentions must be that of the rows.
    record = minister_record()
    first = record.entities[0]
    twice = replace(record, entities=(*record.entities, replace(first, mentions=first.mentions[:1])))
    with Store(tmp_path / "twice.db") as store:
        store.add_document(twice)
        _tables(store)  # the kept counts equal those of the rows
