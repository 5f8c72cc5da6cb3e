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
    # FTS5's own check of the index against its content table (it raises when they differ); names that
    # wait for the commit are not in the index yet, so it holds only outside a transaction.
    if not store.conn.in_transaction:
        store.conn.execute(
            "INSERT INTO corpus_entity_names_trigram(corpus_entity_names_trigram, rank) VALUES ('integrity-check', 1)"
        )


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


def waiting_rowids(store: Store) -> set[int]:
    return {r[0] for r in store.conn.execute("SELECT name_rowid FROM corpus_entity_names_unindexed")}


def test_names_wait_for_the_commit_and_are_found_while_they_wait(store):
    # The names a transaction adds reach the trigram index together as it commits (one segment, not one
    # per document's savepoint); until then the look-ups read them from the waiting table.
    with store.atomic():
        store.add_document(minister_record())
        assert waiting_rowids(store) == name_rowids(store, "")
        assert not indexed_rowids(store, "varga")
        assert [e["name"] for e in store.list_entities(q="varg")] == ["Tomas Varga"]
        assert [e["name"] for e in store.find_entities("brand")] == ["Elena Brandt"]
    assert not waiting_rowids(store)
    assert_index_in_step(store)


def test_a_name_deleted_or_renamed_while_it_waits_never_reaches_the_index(store):
    # FTS5 must be told to delete only the rows it holds: a waiting name that goes is only forgotten.
    with store.atomic():
        # "Tomas Varga" absorbs the bare "Varga" written in the same transaction: its names are deleted.
        store.add_document(minister_record(first="", surname="Varga"))
        varga_alone = store.find_entities("Varga", partial=False)[0]["id"]
        store.add_document(minister_record())
        assert store.canonical_entity_id(varga_alone) != varga_alone
    assert_index_in_step(store)
    with store.atomic():
        kiss, _ = store.add_document(minister_record(first="Ilona", surname="Kiss", published="2026-02-01"))
        store.conn.execute(
            "UPDATE corpus_entity_names SET norm_name = 'ilona kis' WHERE norm_name = 'ilona kiss'"
        )
        assert [e["name"] for e in store.list_entities(q="ilona kis")] == ["Ilona Kiss"]
        store.delete_article(kiss)
    assert not waiting_rowids(store)
    assert not name_rowids(store, "kis") and not indexed_rowids(store, "kis")
    assert_index_in_step(store)
    # A name already indexed and renamed leaves the index through FTS5's delete, and waits as renamed.
    with store.atomic():
        store.conn.execute(
            "UPDATE corpus_entity_names SET norm_name = 'tomas vargha' WHERE norm_name = 'tomas varga'"
        )
        assert indexed_rowids(store, "tomas varga") == set()
    assert [e["name"] for e in store.list_entities(q="vargha")] == ["Tomas Varga"]
    assert_index_in_step(store)


def test_a_rolled_back_transaction_takes_its_waiting_names_back(store):
    store.add_document(minister_record())
    with pytest.raises(RuntimeError), store.atomic():
        store.add_document(minister_record(first="Ilona", surname="Kiss", published="2026-02-01"))
        raise RuntimeError("stop")
    assert not waiting_rowids(store) and not name_rowids(store, "kiss")
    assert_index_in_step(store)


def test_names_another_program_wrote_are_found_and_indexed_by_the_next_commit(store, tmp_path):
    store.add_document(minister_record())
    conn = sqlite3.connect(store.path)
    entity = conn.execute("SELECT corpus_entity_id FROM corpus_entity_names LIMIT 1").fetchone()[0]
    conn.execute(
        "INSERT INTO corpus_entity_names(corpus_entity_id, norm_name, name) VALUES (?, 'tom varga', 'Tom Varga')",
        (entity,),
    )
    conn.commit()
    conn.close()
    assert len(store.list_entities(q="tom varg")) == 1
    store.add_document(minister_record(first="Ilona", surname="Kiss", published="2026-02-01"))
    assert not waiting_rowids(store)
    assert_index_in_step(store)
