"""Shards without Ray: the record codec, exactly-once loading in name order, failures, `newsgraph load`."""

from __future__ import annotations

import json
from datetime import date

import pytest
from dbdump import dump

from newsgraph.articles import make_article
from newsgraph.batch import shards as shards_module
from newsgraph.batch.runner import IngestSummary
from newsgraph.batch.shards import (
    PendingShards,
    load_shards,
    result_row,
    shard_files,
    shard_name,
    write_shard,
)
from newsgraph.cli import main
from newsgraph.errors import NewsgraphError
from newsgraph.records import Actor, DocumentRecord, Entity, Event, EventPlace, EventTime, Mention, TextSpan
from newsgraph.store import Store


def record(n: int) -> DocumentRecord:
    text = f"Envoy Lina Moor met Dorvale officials on day {n}. Lina Moor said talks would go on."
    start = text.index("Lina Moor")
    second = text.index("Lina Moor", start + 1)
    entity = Entity("E1", "Lina Moor", "PERSON", ("Envoy",), "AAA",
                    (Mention(start, start + 9, "Lina Moor"), Mention(second, second + 9, "Lina Moor")))  # fmt: skip
    trigger = text.index("met")
    event = Event("CONSULT", None, Actor("E1", "Lina Moor", "AAA", "GOV", start, start + 9), None, "asserted",
                  TextSpan(trigger, trigger + 3, "met"), TextSpan(0, 50, text[:50]),
                  EventPlace("Dorvale", "AAA", 1.5, 2.5), EventTime("day", "2026-02-01", None))  # fmt: skip
    article = make_article(text, title=f"Talks {n}", published=date(2026, 2, n % 27 + 1), source="Wire")
    return DocumentRecord(article=article, entities=(entity,), events=(event,))


def test_to_dict_has_an_inverse():
    original = record(3)
    again = DocumentRecord.from_dict(json.loads(json.dumps(original.to_dict())), origin="wire.jsonl#3")
    assert again == DocumentRecord(
        article=original.article.__class__(**{**original.article.__dict__, "origin": "wire.jsonl#3"}),
        entities=original.entities, events=original.events,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("broken", "message"),
    [({"article": {"id": "x"}}, "'text' is missing"),
     ({"article": {"id": "x"}, "text": "t", "entities": [{"id": "E1"}]}, "missing field 'name'"),
     ({"article": {"id": "x", "published": "soon"}, "text": "t"}, "not an ISO date")],
)  # fmt: skip
def test_bad_documents_are_refused_with_the_path(broken, message):
    with pytest.raises(ValueError, match=message):
        DocumentRecord.from_dict(broken)


@pytest.fixture
def shards(tmp_path):
    folder = tmp_path / "shards"
    folder.mkdir()
    write_shard(
        folder / shard_name(1, 0),
        [result_row(i, f"b.jsonl#{i + 1}", record=record(10 + i)) for i in range(3)],
    )
    write_shard(
        folder / shard_name(0, 0),
        [
            result_row(1, "a.jsonl#2", error="invalid JSON: truncated"),
            result_row(0, "a.jsonl#1", record=record(1)),
        ],
    )
    return folder


def test_shards_load_once_in_name_order_with_failures(shards, tmp_path):
    db = tmp_path / "one.db"
    with Store(db) as store:
        summary = load_shards(store, shard_files(shards), IngestSummary(run_id=store.start_run("load")))
        assert (summary.ingested, summary.failed) == (4, 1)
        origins = [r[0] for r in store.conn.execute("SELECT origin FROM articles ORDER BY rowid")]
        assert origins == ["a.jsonl#1", "b.jsonl#1", "b.jsonl#2", "b.jsonl#3"]
        assert [(f["file"], f["record"]) for f in store.failures()] == [("a.jsonl", "#2")]
        again = load_shards(store, shard_files(shards), IngestSummary())
        assert again.processed == 0 and store.count_articles() == 4


def test_shards_share_transactions_of_about_the_records_asked_for(shards, tmp_path):
    # Shards of 2 and 3 records: with 2 records per transaction, each shard commits on its own; with 5,
    # both commit together. Progress is told once a shard's transaction has committed.
    for records, commits in ((2, 2), (5, 1)):
        with Store(tmp_path / f"t{records}.db") as store:
            summary = IngestSummary(run_id=store.start_run("load"))
            seen = []
            store.conn.set_trace_callback(
                lambda sql, seen=seen: seen.append(sql) if sql == "COMMIT" else None
            )
            told = []

            def on_shard(result, summary, store=store, told=told):
                told.append((result.name, store.conn.in_transaction))

            load_shards(store, shard_files(shards), summary, on_shard=on_shard, transaction_records=records)
            store.conn.set_trace_callback(None)
            assert (summary.ingested, summary.failed, summary.processed) == (4, 1, 5)
            assert told == [("000000-00000.parquet", False), ("000001-00000.parquet", False)]
            assert seen.count("COMMIT") == commits


def test_a_bad_shard_takes_back_its_transaction_and_a_new_load_writes_each_article_once(shards, tmp_path):
    (shards / shard_name(0, 1)).write_text("not parquet")  # between the two good shards
    db = tmp_path / "bad.db"
    with Store(db) as store:
        with pytest.raises(NewsgraphError, match="not a readable Parquet shard"):
            load_shards(store, shard_files(shards), IngestSummary(run_id=store.start_run("load")),
                        transaction_records=10)  # fmt: skip
        assert store.count_articles() == 0  # the first shard shared the bad one's transaction
        (shards / shard_name(0, 1)).unlink()
        assert (
            load_shards(store, shard_files(shards), IngestSummary(run_id=store.start_run("load"))).ingested
            == 4
        )
        assert load_shards(store, shard_files(shards), IngestSummary()).processed == 0
        assert store.count_articles() == 4


def test_shards_written_as_extraction_goes_wait_to_fill_a_transaction_unless_they_come_slowly(
    shards, tmp_path, monkeypatch
):
    monkeypatch.setattr(shards_module, "LOAD_TRANSACTION_RECORDS", 5)
    now = [0.0]
    with Store(tmp_path / "p.db") as store:
        summary = IngestSummary(run_id=store.start_run("load"))
        told = []
        pending = PendingShards(
            store, summary, on_shard=lambda r, s: told.append(r.name), clock=lambda: now[0]
        )
        first, second = shard_files(shards)  # 2 and 3 records
        pending.add(first, 2)
        assert told == [first.name]  # the first shard at once: the run is seen to work
        now[0] = 1.0
        pending.add(first, 2)  # (already loaded: 0 new articles, but 2 more records waiting)
        assert told == [first.name]  # fast, and not yet a transaction's worth
        now[0] = 2.0
        pending.add(second, 3)
        assert told == [first.name, first.name, second.name] and summary.ingested == 4  # 5 records: loaded
    with Store(tmp_path / "q.db") as store:
        summary = IngestSummary(run_id=store.start_run("load"))
        told = []
        pending = PendingShards(
            store, summary, on_shard=lambda r, s: told.append(r.name), clock=lambda: now[0]
        )
        pending.add(first, 2)
        now[0] += shards_module.LOAD_AFTER_SECONDS
        pending.add(second, 3)
        assert told == [first.name, second.name]  # slow: loaded as it came
        pending.load()  # nothing waits: nothing more is told
        assert told == [first.name, second.name] and store.count_articles() == 4


def test_load_command_is_exactly_once_and_deterministic(shards, tmp_path, capsys):
    assert main(["load", str(shards), "--db", str(tmp_path / "a.db")]) == 0
    assert main(["load", str(shards), "--db", str(tmp_path / "a.db")]) == 0
    assert "already loaded, skipped" in capsys.readouterr().err
    for path in reversed(shard_files(shards)):  # shard files given one by one, in another order
        assert main(["load", str(path), "--db", str(tmp_path / "b.db"), "--quiet"]) == 0
    with Store(tmp_path / "a.db") as store:
        assert store.count_articles() == 4
    assert dump(tmp_path / "a.db")["failures"] == dump(tmp_path / "b.db")["failures"]


def test_load_refuses_what_is_not_a_shard(tmp_path, capsys):
    (tmp_path / "x.parquet").write_text("not parquet")
    assert main(["load", str(tmp_path / "x.parquet"), "--db", str(tmp_path / "c.db")]) == 2
    assert "not a readable Parquet shard" in capsys.readouterr().err
    assert main(["load", str(tmp_path / "missing"), "--db", str(tmp_path / "c.db")]) == 2


def test_engine_options_need_the_ray_engine(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("Mayor Ilse Varn opened the bridge in Dorvale on Monday.")
    code = main(
        ["ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "d.db"), "--shards", str(tmp_path)]
    )
    assert code == 2 and "need --engine ray" in capsys.readouterr().err
