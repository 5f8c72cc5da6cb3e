"""The store on real SQLite files: schema, idempotent writes, every query of the API contract."""

from __future__ import annotations

import json
import sqlite3

import pytest
from store_records import minister_record

from newsgraph.errors import StoreError
from newsgraph.store import SCHEMA_VERSION, Store


def test_new_file_has_wal_foreign_keys_and_migrations(tmp_path):
    path = tmp_path / "fresh.db"
    with Store(path) as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with Store(path):  # reopening applies nothing twice
        pass
    conn = sqlite3.connect(path)
    versions = [r[0] for r in conn.execute("SELECT version FROM migrations")]
    assert versions == list(range(1, SCHEMA_VERSION + 1))
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    for table in ("articles", "entities", "mentions", "titles", "quotes", "quote_rows", "events", "event_actors",
                  "quantities", "places", "times", "sources", "runs", "failures", "corpus_entities",
                  "event_clusters", "articles_fts", "quotes_fts"):  # fmt: skip
        assert table in tables


def test_add_document_is_idempotent_by_content(store):
    record = minister_record()
    article_id, added = store.add_document(record, origin="a.txt")
    assert added and article_id == record.article.id
    again_id, added_again = store.add_document(record, origin="copy.txt")
    assert (again_id, added_again) == (article_id, False)
    stats = store.stats()
    assert stats["articles"] == 1 and stats["quotes"] == 1 and stats["events"] == 2
    assert stats["mentions"] == sum(len(e.mentions) for e in record.entities)


def test_get_document_round_trips_the_contract(store):
    record = minister_record()
    article_id, _ = store.add_document(record)
    document = store.get_document(article_id)
    expected = json.loads(json.dumps(record.to_dict()))
    for entity in document["entities"]:
        assert entity.pop("corpus_entity").startswith("E")
        # The actor layer's marks: with one article, every country and title is the text's own.
        assert entity.pop("country_from") == ("text" if entity["country"] else None)
        assert entity.pop("titles_from") == ("text" if entity["titles"] else None)
    assert document == expected
    text = document["text"]
    for quote in document["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]
    assert store.get_document("missing") is None


def test_replace_rewrites_with_same_id_and_counters(store):
    record = minister_record()
    article_id, _ = store.add_document(record)
    before = store.list_entities(type="PERSON")
    again_id, added = store.add_document(record, replace=True)
    assert (again_id, added) == (article_id, True)
    assert store.list_entities(type="PERSON") == before
    assert store.stats()["events"] == 2 and store.stats()["event_clusters"] == 2


def test_delete_article_drops_orphan_entities_and_clusters(store):
    article_id, _ = store.add_document(minister_record())
    assert store.delete_article(article_id)
    stats = store.stats()
    assert stats["articles"] == stats["entities"] == stats["events"] == stats["event_clusters"] == 0
    assert store.search("useful") == []


def test_list_and_count_articles_filters(store):
    store.add_document(minister_record(published="2026-01-05", source="Example Times"))
    store.add_document(
        minister_record(first="Ilona", surname="Kiss", published="2026-02-10", source="Daily Example")
    )
    assert store.count_articles() == 2
    assert [a["published"] for a in store.list_articles()] == ["2026-02-10", "2026-01-05"]
    assert store.count_articles(since="2026-02-01") == 1
    assert store.count_articles(until="2026-01-31") == 1
    assert store.count_articles(source="Daily Example") == 1
    row = store.list_articles(entity="Ilona Kiss")[0]
    assert row["published"] == "2026-02-10"
    assert (row["n_entities"], row["n_quotes"], row["n_events"]) == (4, 1, 2)
    assert store.list_articles(limit=1, offset=1)[0]["published"] == "2026-01-05"


def test_entities_profile_and_find(store):
    store.add_document(minister_record(published="2026-01-05"))
    store.add_document(minister_record(published="2026-01-20", extra="Tomas Varga left."))
    found = store.find_entities("tomas varga")
    assert found and found[0]["name"] == "Tomas Varga"
    varga = found[0]["id"]
    assert store.find_entities("Varga")[0]["id"] == varga  # by surname
    assert store.find_entities("!!!") == []
    top = store.list_entities(type="person")
    assert {e["name"] for e in top} == {"Tomas Varga", "Elena Brandt"}
    assert store.list_entities(q="brandt")[0]["name"] == "Elena Brandt"
    profile = store.entity_profile(varga)
    assert profile["country"] == "HUN" and profile["n_articles"] == 2 and profile["n_quotes"] == 2
    assert profile["titles"] == [
        {"title": "Foreign Minister", "first_seen": "2026-01-05", "last_seen": "2026-01-20", "n": 2}
    ]
    assert len(profile["events_as_source"]) == 2 and profile["events_as_target"] == []
    assert {n["name"] for n in profile["neighbours"]} >= {"Elena Brandt", "Vienna"}
    assert [a["published"] for a in profile["articles"]] == ["2026-01-20", "2026-01-05"]
    assert store.entity_profile("Enope") is None


def test_quotes_filters(store):
    store.add_document(minister_record(published="2026-01-05"))
    store.add_document(minister_record(first="Ilona", surname="Kiss", published="2026-02-10"))
    assert len(store.quotes()) == 2
    rows = store.quotes(speaker="Ilona Kiss")
    assert [q["speaker_name"] for q in rows] == ["Ilona Kiss"]
    assert rows[0]["speaker"].startswith("E") and rows[0]["kind"] == "direct"
    assert len(store.quotes(about="useful talks")) == 2
    assert store.quotes(about="harbour") == []
    assert store.quotes(speaker="Nobody Known") == []
    assert len(store.quotes(since="2026-02-01")) == 1 and len(store.quotes(until="2026-01-31")) == 1


def test_events_filters_and_timeline(store):
    store.add_document(minister_record(published="2026-01-05"))
    store.add_document(minister_record(first="Ilona", surname="Kiss", country="SVK", published="2026-02-10"))
    assert len(store.events()) == 4
    consult = store.events(type="consult")
    assert len(consult) == 2
    first = consult[0]
    assert first["source"]["name"] == "Ilona Kiss" and first["target"]["country"] == "AUT"
    assert first["location"] == {
        "name": "Vienna",
        "country": "AUT",
        "lat": 48.2,
        "lon": 16.37,
        "geo_precision": "city",
    }
    assert first["cluster"]
    assert len(store.events(source="Ilona Kiss")) == 1
    assert len(store.events(source="SVK")) == 1  # a country code as the actor
    assert len(store.events(target="Elena Brandt")) == 2
    assert len(store.events(country="HUN")) == 1
    assert len(store.events(place="vienna")) == 4
    assert len(store.events(since="2026-02-01", until="2026-02-28")) == 2
    coerce = store.events(type="COERCE")[0]
    assert coerce["quantities"][0]["value"] == 40
    assert store.events(source="Nobody Known") == []
    assert store.events_timeline() == [
        {"period": "2026-01", "type": "COERCE", "n": 1},
        {"period": "2026-01", "type": "CONSULT", "n": 1},
        {"period": "2026-02", "type": "COERCE", "n": 1},
        {"period": "2026-02", "type": "CONSULT", "n": 1},
    ]


@pytest.mark.parametrize(
    "typed",
    ['"', "'", "AND", "OR NOT", "NEAR(", "text:", "*", "^", "a\"b", "(((", "-", "useful*", "col:useful",
     '"unterminated', "\x00", "", "   ", "😀", "NOT useful", "useful OR", "{a b}:x"],
)  # fmt: skip
def test_search_never_raises(store, typed):
    store.add_document(minister_record())
    assert isinstance(store.search(typed), list)
    assert isinstance(store.quotes(about=typed), list)


def test_search_finds_articles_and_quotes(store):
    store.add_document(minister_record())
    rows = store.search("useful")
    assert {r["kind"] for r in rows} == {"article", "quote"}
    assert all("[useful]" in r["snippet"].lower() for r in rows)
    assert [r["kind"] for r in store.search("harbour")] == ["article"]
    assert store.search('"talks were useful"') and not store.search('"useful talks were"')
    assert len(store.search("useful", limit=1)) == 1


def test_network_links_actors_by_events(store):
    store.add_document(minister_record())
    store.add_document(minister_record(published="2026-01-06", source="Other"))  # same text: a duplicate
    store.add_document(minister_record(first="Ilona", surname="Kiss"))
    net = store.network()
    names = {n["name"] for n in net["nodes"]}
    assert names == {"Tomas Varga", "Ilona Kiss", "Elena Brandt"}
    assert all(e["cooperation"] == e["weight"] and e["conflict"] == 0 for e in net["edges"])
    assert store.network(min_weight=2)["edges"] == []


def test_failures_and_runs(store):
    run = store.start_run("ingest x", model="m")
    store.add_failure("bad.jsonl", "#3", "invalid JSON", run_id=run)
    store.add_failure("bad.jsonl", "#3", "invalid JSON", run_id=run)
    store.finish_run(run, ingested=1, duplicates=0, failed=1)
    stats = store.stats()
    assert stats["failures"] == 1
    assert stats["latest_run"]["n_failed"] == 1 and stats["latest_run"]["status"] == "finished"


def test_read_only_store(tmp_path):
    path = tmp_path / "ro.db"
    with Store(path) as store:
        store.add_document(minister_record())
    with Store(path, read_only=True) as ro:
        assert ro.count_articles() == 1
        with pytest.raises(StoreError):
            ro.add_document(minister_record(first="Ilona"))
    with pytest.raises(StoreError):
        Store(tmp_path / "absent.db", read_only=True)


def test_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open database"):
        Store(path)


def test_pipeline_records_store_and_round_trip(store, pipeline):
    text = (
        "Interior Minister Karla Dunmore of Norway said on Tuesday that Oslo would send aid to "
        'flood victims. "We will not wait," Dunmore told reporters in Bergen.'
    )
    record = pipeline.extract(text, published="2026-03-03", title="Aid")
    article_id, added = store.add_document(record)
    assert added
    document = store.get_document(article_id)
    assert document["text"] == text
    assert len(document["entities"]) == len(record.entities)
    assert store.stats()["quotes"] == len(record.quotes)
