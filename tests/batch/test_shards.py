"""Shards without Ray: the record codec, exactly-once loading in name order, failures, `newsgraph load`."""

from __future__ import annotations

import json
from datetime import date

import pytest
from dbdump import dump

from newsgraph.articles import make_article
from newsgraph.batch.runner import IngestSummary
from newsgraph.batch.shards import load_shards, result_row, shard_files, shard_name, write_shard
from newsgraph.cli import main
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
