"""Corpus entity and cluster ids kept as integers (schema version 24): text at every edge of the store,
the same text the store gave before, and a store of version 23 converted in place."""

from __future__ import annotations

import sqlite3

import pytest
from store_records import minister_record
from test_lean_store import _old_store

from newsgraph.corpus import NewEntity
from newsgraph.store import Store
from newsgraph.store import corpus as store_corpus
from newsgraph.store.bodies import compress_body, register_body_functions
from newsgraph.store.ids import (
    cluster_id,
    cluster_id_sql,
    cluster_key,
    entity_id,
    entity_id_sql,
    entity_key,
    with_suffix,
)
from newsgraph.store.schema import INTEGER_IDS


@pytest.mark.parametrize(
    "text", ["Edb78b9d3bd95", "E000000000001", "Effffffffffff", "Edb78b9d3bd95-2", "Edb78b9d3bd95-17"]
)
def test_an_entity_id_and_its_key_give_each_other_back(text):
    key = entity_key(text)
    assert isinstance(key, int) and key > 0
    assert entity_id(key) == text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "E1",
        "EDB78B9D3BD95",
        "Edb78b9d3bd95-1",
        "Edb78b9d3bd95-02",
        "Edb78b9d3bd95x",
        "gone",
        "C0000000004",
    ],
)
def test_text_that_is_no_entity_id_has_no_key(text):
    # One text per entity: nothing else is read as an entity's key (the questions find nothing for it).
    assert entity_key(text) is None


def test_cluster_ids_are_their_first_events_in_ten_digits():
    assert cluster_key("C0000000004") == 4 and cluster_id(4) == "C0000000004"
    assert cluster_id(None) is None
    for text in ("C4", "C000000000x", "E0000000004", "C00000000004"):
        assert cluster_key(text) is None


def test_the_views_expressions_give_what_python_gives():
    conn = sqlite3.connect(":memory:")
    keys = [1, 0xDB78B9D3BD95, (1 << 48) - 1, with_suffix(0xABC, 2), with_suffix(0xDB78B9D3BD95, 17)]
    for key in keys:
        given = conn.execute(
            f"SELECT {entity_id_sql('k')}, {cluster_id_sql('k')} FROM (SELECT ? AS k)", (key,)
        )
        assert given.fetchone() == (entity_id(key), cluster_id(key))
    assert conn.execute(f"SELECT {entity_id_sql('NULL')}, {cluster_id_sql('NULL')}").fetchone() == (
        None,
        None,
    )


def test_the_tables_keep_integers_and_every_answer_gives_text_ids(tmp_path):
    with Store(tmp_path / "news.db") as store:
        article, _ = store.add_document(minister_record())
        store.add_document(
            minister_record(first="Ilse", surname="Marr", country="DEU", published="2026-01-07")
        )
        conn = store.conn
        for table, column in (
            ("corpus_entities", "id"),
            ("entity_rows", "corpus_entity_id"),
            ("quote_rows", "corpus_entity_id"),
            ("event_rows", "source_corpus_id"),
            ("event_rows", "cluster_id"),
            ("event_clusters", "id"),
        ):
            kinds = {r[0] for r in conn.execute(f"SELECT DISTINCT typeof({column}) FROM {table}")}
            assert kinds == {"integer"} or kinds == {"integer", "null"}, (table, column)
        document = store.get_document(article)
        assert document is not None
        linked = {e["corpus_entity"] for e in document["entities"]}
        assert linked and all(entity_key(i) is not None for i in linked)
        assert linked <= {e["id"] for e in store.list_entities(limit=100)}
        # The views for SQL users give the same text ids.
        viewed = {
            r[0]
            for r in conn.execute("SELECT corpus_entity_id FROM entities WHERE article_id = ?", (article,))
        }
        assert viewed == linked
        event = next(e for e in store.events(article=article) if e["source"] and e["source"]["entity"])
        assert event["source"]["entity"] in linked and cluster_key(event["cluster"]) is not None
        assert (
            conn.execute("SELECT cluster_id FROM events WHERE id = ?", (event["id"],)).fetchone()[0]
            == event["cluster"]
        )
        assert store.event_cluster(event["cluster"])["id"] == event["cluster"]
        speaker = event["source"]["entity"]
        profile = store.entity_profile(speaker)
        assert profile is not None and profile["id"] == speaker
        quoted = next(q["speaker"] for q in store.quotes(article=article) if q["speaker"])
        assert quoted in linked and {q["speaker"] for q in store.quotes(speaker=quoted)} == {quoted}
        assert event["id"] in [e["id"] for e in store.events(source=speaker)]
        facets = store.event_facets(type=event["type"])
        assert speaker in {v["value"] for v in facets["source"]["values"]}
        assert store.entity_ids_for(speaker) == [speaker] and store.canonical_entity_id(speaker) == speaker
        # Text that is no id finds nothing, rather than an error.
        assert store.entity_profile("E1") is None and store.event_cluster("C1") is None
        assert store.quotes(speaker="Edb78b9d3bd95-1") == []


def test_a_second_entity_of_the_same_hash_gets_a_suffix(tmp_path):
    with Store(tmp_path / "news.db") as store:
        new = NewEntity("Ea1b2c3d4e5f6", "Mara Velk", "mara velk", "velk", "PERSON", "NLD")
        with store.atomic():
            first = store_corpus._create(store.conn, new, "2026-01-01")
            second = store_corpus._create(store.conn, new, "2026-01-02")
        assert entity_id(first) == "Ea1b2c3d4e5f6" and entity_id(second) == "Ea1b2c3d4e5f6-2"
        assert store.entity_profile("Ea1b2c3d4e5f6-2")["id"] == "Ea1b2c3d4e5f6-2"
        assert [e["id"] for e in store.list_entities(limit=10)] == ["Ea1b2c3d4e5f6", "Ea1b2c3d4e5f6-2"]


def test_a_store_of_version_23_is_converted_in_place(tmp_path):
    path = tmp_path / "old.db"
    _old_store(path, INTEGER_IDS)  # as version 23 left it: ids as text
    conn = sqlite3.connect(path, isolation_level=None)
    register_body_functions(conn)
    conn.execute(
        "INSERT INTO article_rows(key, id, content_hash, title, published, document, added_at, body, body_size) "
        "VALUES (1, 'a1', 'h1', 'Harbour talks', '2026-01-05', '{}', '2026-01-05', ?, ?)",
        compress_body("Mara Velk met Ivo Rask in the harbour."),
    )
    conn.executemany(
        "INSERT INTO corpus_entities(id, name, norm_name, type, n_articles, n_mentions) VALUES (?, ?, ?, 'PERSON', 1, 1)",
        [("Ea1b2c3d4e5f6", "Mara Velk", "mara velk"), ("Ea1b2c3d4e5f6-2", "Ivo Rask", "ivo rask")],
    )
    conn.executemany(
        "INSERT INTO corpus_entity_names(corpus_entity_id, norm_name, name) VALUES (?, ?, ?)",
        [("Ea1b2c3d4e5f6", "mara velk", "Mara Velk"), ("Ea1b2c3d4e5f6-2", "ivo rask", "Ivo Rask")],
    )
    conn.execute(
        "INSERT INTO corpus_entity_redirects(old_id, new_id) VALUES ('E0000000000aa', 'Ea1b2c3d4e5f6-2')"
    )
    conn.executemany(
        "INSERT INTO entity_rows(article_key, local_id, name, type, corpus_entity_id) VALUES (1, ?, ?, 'PERSON', ?)",
        [("E1", "Mara Velk", "Ea1b2c3d4e5f6"), ("E2", "Ivo Rask", "Ea1b2c3d4e5f6-2")],
    )
    # A cluster of today's shape, and one named by a hash as the first versions named them.
    conn.executemany(
        "INSERT INTO event_clusters(id, type, n_reports, n_articles) VALUES (?, 'MEET', 1, 1)",
        [("C0000000007",), ("Cdeadbeef",)],
    )
    conn.executemany(
        "INSERT INTO event_rows(id, article_key, seq, type, source_corpus_id, target_corpus_id, cluster_id) "
        "VALUES (?, 1, ?, 'MEET', 'Ea1b2c3d4e5f6', 'Ea1b2c3d4e5f6-2', ?)",
        [(7, 0, "C0000000007"), (9, 1, "Cdeadbeef")],
    )
    conn.execute(
        "INSERT INTO event_facet_counts(scope, facet, value, n) VALUES ('', 'source', 'Ea1b2c3d4e5f6', 2)"
    )
    conn.close()
    with Store(path) as store:
        assert store.canonical_entity_id("E0000000000aa") == "Ea1b2c3d4e5f6-2"
        assert store.entity_profile("Ea1b2c3d4e5f6-2")["name"] == "Ivo Rask"
        assert [e["id"] for e in store.find_entities("ivo")] == ["Ea1b2c3d4e5f6-2"]
        events = sorted(store.events(), key=lambda e: e["id"])
        assert [e["cluster"] for e in events] == ["C0000000007", "C0000000009"]
        assert {e["source"]["entity"] for e in events} == {"Ea1b2c3d4e5f6"}
        assert store.event_cluster("C0000000009")["n_reports"] == 1
        assert store.conn.execute(
            "SELECT source_corpus_id, target_corpus_id FROM events WHERE id = 7"
        ).fetchone() == (
            "Ea1b2c3d4e5f6",
            "Ea1b2c3d4e5f6-2",
        )
        # The kept counts of the source facet are counted again from the events.
        facets = store.event_facets()
        assert facets["source"]["values"] == [{"value": "Ea1b2c3d4e5f6", "label": "Mara Velk", "n": 2}]
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # The trigram index still points at the names it indexed (their rowids were kept).
        assert [e["id"] for e in store.list_entities(q="rask")] == ["Ea1b2c3d4e5f6-2"]
