"""The trigram index over entity names: in step with the names through every write, same answers."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from store_records import minister_record

from newsgraph.store import Store
from newsgraph.store.fts import trigrams_query

FRAGMENTS = ["varga", "arg", "tomas v", "brandt", "vienna", "police", "kiss", "ilona", "eth"]


def indexed_rowids(store: Store, fragment: str) -> set[int]:
    return {
        r[0]
        for r in store.conn.execute(
            "SELECT rowid FROM corpus_entity_names_trigram WHERE corpus_entity_names_trigram MATCH ?",
            (trigrams_query(fragment),),
        )
    }


def name_rowids(store: Store, fragment: str) -> set[int]:
    return {
        r[0]
        for r in store.conn.execute(
            "SELECT rowid FROM corpus_entity_names WHERE instr(norm_name, ?)", (fragment,)
        )
    }


def trigram_rowids(store: Store, fragment: str) -> set[int]:
    """The names holding every three letters of ``fragment``, read from the table."""
    trigrams = {fragment[i : i + 3] for i in range(len(fragment) - 2)}
    return {
        rowid
        for rowid, name in store.conn.execute("SELECT rowid, norm_name FROM corpus_entity_names")
        if all(t in name for t in trigrams)
    }


def assert_index_in_step(store: Store) -> None:
    """The index finds exactly the names holding every trigram of a fragment (it keeps no positions,
    so a name may hold them apart): every name holding the fragment among them."""
    for fragment in FRAGMENTS:
        found = indexed_rowids(store, fragment)
        assert found == trigram_rowids(store, fragment), fragment
        assert name_rowids(store, fragment) <= found, fragment


def test_name_index_follows_inserts_merges_and_deletes(store):
    store.add_document(minister_record(first="", surname="Varga"))  # a bare surname first
    varga_alone = store.find_entities("Varga", partial=False)[0]["id"]
    assert_index_in_step(store)
    store.add_document(minister_record())  # "Tomas Varga" absorbs the bare "Varga" (a merge)
    assert store.canonical_entity_id(varga_alone) != varga_alone
    assert_index_in_step(store)
    kiss, _ = store.add_document(minister_record(first="Ilona", surname="Kiss", published="2026-02-01"))
    assert name_rowids(store, "kiss") and indexed_rowids(store, "kiss")
    store.delete_article(kiss)  # Ilona Kiss goes with her only article
    assert not name_rowids(store, "kiss") and not indexed_rowids(store, "kiss")
    assert_index_in_step(store)


@pytest.mark.parametrize(
    "typed", ["arg", "Varga", "tomas v", "a", "ar", "Elena B", "%", "_", "\\", '"', "zzz"]
)
def test_name_lookups_match_a_scan_of_every_name(store, typed):
    for i, (first, surname) in enumerate([("Tomas", "Varga"), ("Ilona", "Kiss"), ("Margit", "Vargas")]):
        store.add_document(minister_record(first=first, surname=surname, published=f"2026-01-1{i}"))
    assert store.list_entities(q=typed) == scanned(store, typed)
    expected_partial = {e["id"] for e in store.list_entities(q=typed, limit=1000)}
    for found in store.find_entities(typed, limit=50):
        assert found["score"] > 0 or found["id"] in expected_partial


def scanned(store: Store, typed: str) -> list[dict]:
    """``list_entities(q=typed)`` as a plain LIKE over every name answers it."""
    from newsgraph.corpus.names import normalise_name
    from newsgraph.store.queries import with_entity_ids

    norm = normalise_name(typed)
    pattern = "%" + norm.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = store._rows(
        "SELECT id, name, type, country, n_articles, n_mentions, n_quotes, first_seen, last_seen "
        "FROM corpus_entities WHERE id IN (SELECT corpus_entity_id FROM corpus_entity_names "
        "WHERE norm_name LIKE ? ESCAPE '\\') ORDER BY n_mentions DESC, id LIMIT 50",
        (pattern,),
    )
    return with_entity_ids(rows, "id")


def test_name_lookups_use_the_index(store):
    store.add_document(minister_record())
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        assert [e["name"] for e in store.list_entities(q="varg")] == ["Tomas Varga"]
        assert [e["name"] for e in store.find_entities("brand")] == ["Elena Brandt"]
    finally:
        store.conn.set_trace_callback(None)
    assert sum("corpus_entity_names_trigram MATCH" in s for s in statements) == 2


def test_read_only_store_from_before_the_index_still_finds_names(tmp_path):
    path = tmp_path / "old.db"
    with Store(path) as store:
        store.add_document(minister_record())
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE corpus_entity_names_trigram")  # as a file from before the migration
    conn.close()
    copy = tmp_path / "copy.db"
    shutil.copy(path, copy)
    with Store(copy, read_only=True) as old:
        assert [e["name"] for e in old.list_entities(q="varg")] == ["Tomas Varga"]
        assert [e["name"] for e in old.find_entities("brand")] == ["Elena Brandt"]
