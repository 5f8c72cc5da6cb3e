"""The writer's reads stay bounded as the store grows: the actor layer reads the articles of a corpus
entity nearest in date through an index, and still revisits earlier articles when a new one changes
their choice."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from store_records import make_event, minister_record, person

from newsgraph.articles import make_article
from newsgraph.corpus import ClusterLookup
from newsgraph.records import DocumentRecord
from newsgraph.store import Store
from newsgraph.store import corpus as store_corpus
from newsgraph.store.corpus import cluster_query, merge_corpus_entities
from newsgraph.store.documents import pack_document, pack_record
from newsgraph.store.row_cache import OVERRULED_ROWS
from newsgraph.store.schema import MIGRATIONS, _statements

NAME = "Oda Rennick"


def _record(published: str | None, country: str | None, n: int) -> DocumentRecord:
    """A fictional article in which Rennick opens a bridge; ``n`` keeps each text distinct."""
    text = f"{NAME} opened the Korsvik bridge on day {n}. Traffic resumed."
    rennick = person("E1", NAME, text, country=country, titles=())
    event = make_event(text, "opened", "COOPERATE", source=("E1", NAME, country), target=None, day=published)
    return DocumentRecord(
        article=make_article(text, title=f"Bridge {n}", published=published, source="Example Times"),
        entities=(rennick,),
        events=(event,),
    )


@pytest.fixture
def store():
    with Store(":memory:") as s:
        yield s


def _choice(store: Store, article_id: str) -> tuple[str | None, str | None]:
    row = store.conn.execute(
        "SELECT actor_country, actor_country_from FROM entities WHERE article_id = ? AND name = ?",
        (article_id, NAME),
    ).fetchone()
    return row[0], row[1]


def _merged(store: Store, into: str) -> None:
    """Fold every corpus entity of Rennick into the one of country ``into`` (resolution keeps differing
    countries apart; a merge pools their readings, and later articles of that country join it)."""
    ids = [
        r[0]
        for r in store.conn.execute(
            "SELECT id FROM corpus_entities WHERE name = ? ORDER BY country IS NOT ?, id", (NAME, into)
        )
    ]
    with store.atomic():
        for old_id in ids[1:]:
            merge_corpus_entities(store.conn, old_id, ids[0])


def test_the_readings_are_index_range_scans_without_a_sort(store):
    for n in range(1, 4):
        store.add_document(_record(f"2026-03-0{n}", "NOR", n))
    for sql, params in (
        (store_corpus.READINGS_BEFORE, (739000, "x", 739000, 400)),
        (store_corpus.READINGS_AFTER, (739000, "x", 739000, 400)),
        (store_corpus.READINGS_AROUND, (739000, "x", 739000, 400) * 2 + ("x", 400)),
        (store_corpus.READINGS_LATEST, ("x", 400)),
        (store_corpus.READINGS_UNDATED, ("x", 400)),
    ):
        plan = [row[3] for row in store.conn.execute(f"EXPLAIN QUERY PLAN {sql}", params)]
        reads = [step for step in plan if "entity_rows" in step]
        assert reads and all(
            step.startswith("SEARCH entity_rows USING COVERING INDEX entities_corpus (corpus_entity_id=?")
            for step in reads
        ), plan
        # Only the bounded output of a side's scan is scanned again (UNION ALL of the two sides).
        assert not any(
            ("SCAN" in step and not step.startswith("SCAN (subquery")) or "TEMP B-TREE" in step
            for step in plan
        ), plan
    # One article's rows of the entity, when the readings left it out: a seek on all three columns (on the
    # entity alone, SQLite read every row of it).
    for day in (739000, None):
        plan = [
            row[3]
            for row in store.conn.execute(f"EXPLAIN QUERY PLAN {store_corpus.ARTICLE_ROWS}", ("x", day, 1))
        ]
        assert plan == [
            "SEARCH entity_rows USING COVERING INDEX entities_corpus (corpus_entity_id=? AND day=? AND article_key=?)"
        ], plan
    # The rows whose country the corpus overruled: a search of the partial index that holds only them.
    plan = [row[3] for row in store.conn.execute(f"EXPLAIN QUERY PLAN {OVERRULED_ROWS}", ("x",))]
    assert plan == ["SEARCH entity_rows USING INDEX entity_rows_overruled (corpus_entity_id=?)"], plan


def test_entity_rows_carry_their_articles_day(store):
    article_id, _ = store.add_document(_record("2026-03-04", "NOR", 1))
    undated, _ = store.add_document(_record(None, "NOR", 2))
    days = dict(store.conn.execute("SELECT article_id, day FROM entities"))
    assert days == {article_id: date(2026, 3, 4).toordinal(), undated: None}


def test_only_the_nearest_readings_count(store, monkeypatch):
    # Three readings a year away say one country, two close by another: with every reading the split
    # lends nothing (a share of 0.57); the two nearest alone lend theirs.
    monkeypatch.setattr(store_corpus, "READINGS_PER_ENTITY", 2)
    for n, day in enumerate(("2025-02-19", "2025-02-20", "2025-02-21"), start=1):
        store.add_document(_record(day, "NLD", n))
    store.add_document(_record("2026-02-18", "BEL", 4))
    store.add_document(_record("2026-02-23", "BEL", 5))
    _merged(store, "BEL")
    taker, _ = store.add_document(_record("2026-02-20", None, 6))
    assert _choice(store, taker) == ("BEL", "corpus")
    monkeypatch.setattr(store_corpus, "READINGS_PER_ENTITY", 200)
    again, _ = store.add_document(_record("2026-02-20", None, 7))
    assert _choice(store, again) == (None, None)


def test_an_earlier_article_follows_when_new_readings_change_the_majority(store):
    taker, _ = store.add_document(_record("2026-02-10", None, 1))
    store.add_document(_record("2026-02-09", "NLD", 2))
    assert _choice(store, taker) == ("NLD", "corpus")
    store.add_document(_record("2026-02-11", "BEL", 3))
    _merged(store, "NLD")
    assert _choice(store, taker) == (None, None)  # split: nothing is lent
    store.add_document(_record("2026-02-08", "NLD", 4))
    store.add_document(_record("2026-02-12", "NLD", 5))
    assert _choice(store, taker) == ("NLD", "corpus")
    (event,) = store.events(article=taker)
    assert (event["source"]["country"], event["source"]["country_from"]) == ("NLD", "corpus")


def test_an_article_sharing_its_day_with_more_than_the_readings_still_gets_its_choice(store, monkeypatch):
    monkeypatch.setattr(store_corpus, "READINGS_PER_ENTITY", 2)
    for n in range(1, 6):
        store.add_document(_record("2026-02-10", "NLD", n))
    # Its id sorts before theirs; the scan of its day goes by article key, latest first, so the article
    # just written is read whatever its id (ties went by id before schema version 13).
    record = _record("2026-02-10", None, 6)
    record = DocumentRecord(
        article=make_article(record.article.text, published="2026-02-10", article_id="000-first"),
        entities=record.entities,
        events=record.events,
    )
    taker, _ = store.add_document(record)
    assert _choice(store, taker) == ("NLD", "corpus")


def test_an_undated_article_the_readings_leave_out_still_gets_its_choice(store, monkeypatch):
    # Around an undated article the latest dated readings come first, and undated ones only while the
    # readings have room: with enough dated ones its own rows are not among them, and are read apart.
    monkeypatch.setattr(store_corpus, "READINGS_PER_ENTITY", 2)
    for n in range(1, 6):
        store.add_document(_record("2026-02-10", "NLD", n))
    taker, _ = store.add_document(_record(None, None, 6))
    assert _choice(store, taker) == ("NLD", "corpus")


def test_the_document_is_packed_from_the_record_to_the_same_bytes():
    record = minister_record(extra="The harbour reopened on Friday.")
    document = record.to_dict()
    document.pop("text")
    document["article"]["id"] = "a-1"
    assert pack_record(record, "a-1") == pack_document(document, record.article.text)


def test_an_older_store_gets_the_day_of_its_entity_rows(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT)")
    for version, name, script in MIGRATIONS:
        if version >= 11:
            break
        for statement in _statements(script):
            conn.execute(statement)
        conn.execute("INSERT INTO migrations VALUES (?, ?, '2026-01-01')", (version, name))
    for article_id, published in (("a", "2026-03-04T10:30:00+00:00"), ("b", None)):
        conn.execute(
            "INSERT INTO articles(id, content_hash, published, text, document, added_at) "
            "VALUES (?, ?, ?, 'Body.', '{}', '2026-01-01')",
            (article_id, article_id, published),
        )
        conn.execute(
            "INSERT INTO entities(article_id, local_id, name, type) VALUES (?, 'E1', 'Oda Rennick', 'PERSON')",
            (article_id,),
        )
    conn.close()
    with Store(path) as store:
        assert dict(store.conn.execute("SELECT article_id, day FROM entities")) == {
            "a": date(2026, 3, 4).toordinal(),
            "b": None,
        }
        columns = [row[2] for row in store.conn.execute("PRAGMA index_info('entities_corpus')")]
        assert columns == ["corpus_entity_id", "day", "article_key", "country", "titles"]


def test_counters_after_a_merge_inside_a_document_equal_a_full_recount(store):
    # "Rennick" alone first; an article naming "Oda Rennick" folds it in while also naming others.
    text = "Rennick opened the Korsvik bridge. Traffic resumed."
    alone = person("E1", "Rennick", text, country="NOR")
    store.add_document(
        DocumentRecord(article=make_article(text, published="2026-02-01"), entities=(alone,), events=())
    )
    store.add_document(_record("2026-02-02", "NOR", 1))
    text = f"{NAME} met Ilse Marwick in Korsvik. Rennick said the bridge was open."
    entities = (
        person("E1", NAME, text, country="NOR"),
        person("E2", "Ilse Marwick", text, country="NLD"),
        person("E3", "Korsvik", text, type="GPE", country="NOR"),
    )
    store.add_document(
        DocumentRecord(article=make_article(text, published="2026-02-03"), entities=entities, events=())
    )
    columns = "id, n_articles, n_mentions, n_quotes, first_seen, last_seen"
    counters = store.conn.execute(f"SELECT {columns} FROM corpus_entities ORDER BY id").fetchall()
    ids = [row[0] for row in counters]
    with store.atomic():
        store_corpus.recount_corpus_entities(store.conn, ids)
    assert store.conn.execute(f"SELECT {columns} FROM corpus_entities ORDER BY id").fetchall() == counters
    assert store.conn.execute("SELECT COUNT(*) FROM corpus_entity_redirects").fetchone()[0] >= 1


def test_cluster_candidates_and_titles_are_read_through_their_indexes(store):
    store.add_document(minister_record())
    conn = store.conn
    plan = [
        row[3]
        for row in conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM event_clusters WHERE type = ? AND source_key = ? "
            "AND date_last >= ? AND date_first <= ?",
            ("CONSULT", "x", "2026-01-01", "2026-01-05"),
        )
    ]
    # The cluster's id is the table's rowid (version 24): the index holds it.
    assert plan == [
        "SEARCH event_clusters USING COVERING INDEX event_clusters_keys (type=? AND source_key=? AND date_last>?)"
    ]
    # Clusters that start after the window, or disagree on an actor or the place, are passed over in the
    # index, without reading their rows (version 28): each index holds every field a look-up reads.
    fields = {"type", "source_key", "target_key", "place_country", "place_name", "date_first", "date_last"}
    for index, key in (
        ("event_clusters_keys", "source_key"),
        ("event_clusters_targets", "target_key"),
        ("event_clusters_places", "place_name"),
    ):
        columns = [r[2] for r in conn.execute(f"PRAGMA index_info('{index}')")]
        assert columns[:4] == ["type", key, "date_last", "date_first"] and set(columns) == fields
    for column, value in (("source_key", "x"), ("target_key", "y"), ("place_name", "kesk")):
        lookup = ClusterLookup(
            "CONSULT", ((column, value),), "2026-01-01", "2026-01-05",
            (("source_key", "x"), ("target_key", "y"), ("place_country", "AAA"), ("place_name", "kesk")),
        )  # fmt: skip
        sql, params = cluster_query(lookup)
        plan = [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params)]
        assert len(plan) == 1 and plan[0].startswith("SEARCH event_clusters USING COVERING INDEX"), plan
    plan = [
        row[3]
        for row in conn.execute(
            "EXPLAIN QUERY PLAN SELECT DISTINCT title FROM title_rows WHERE corpus_entity_id = ? LIMIT ?",
            ("x", 50),
        )
    ]
    assert plan == ["SEARCH title_rows USING COVERING INDEX titles_corpus (corpus_entity_id=?)"]


def test_the_writer_keeps_a_page_cache_the_size_of_the_hot_indexes(tmp_path):
    from newsgraph.store.writer import WRITER_CACHE_KIB

    with Store(tmp_path / "w.db") as store:
        assert store.conn.execute("PRAGMA cache_size").fetchone()[0] == -WRITER_CACHE_KIB


def test_the_writer_cache_is_an_eighth_of_the_file_within_its_bounds():
    from newsgraph.store.writer import WRITER_CACHE_KIB, WRITER_CACHE_MAX_KIB, writer_cache_kib

    assert writer_cache_kib(0) == WRITER_CACHE_KIB
    assert writer_cache_kib(300 << 20) == WRITER_CACHE_KIB  # a store of 10,000 articles
    assert writer_cache_kib(1 << 30) == (1 << 30) // 8 // 1024  # 128 MiB
    assert writer_cache_kib(3 << 30) == WRITER_CACHE_MAX_KIB  # a store of 100,000 articles


def test_the_writer_cache_grows_with_the_file_before_each_transaction(tmp_path, monkeypatch):
    import newsgraph.store.writer as store_writer

    # Bounds small enough that a file of a few pages moves the cache.
    monkeypatch.setattr(store_writer, "WRITER_CACHE_KIB", 1)
    monkeypatch.setattr(store_writer, "WRITER_CACHE_MAX_KIB", 1 << 30)
    monkeypatch.setattr(store_writer, "WRITER_CACHE_FILE_SHARE", 1)
    path = tmp_path / "w.db"
    with Store(path) as store:
        for n in range(1, 4):
            store.add_document(_record("2026-02-10", "NLD", n))
            store.checkpoint()  # the pages into the file, whose size the next transaction reads
            size = path.stat().st_size
            with store.atomic():
                assert store.conn.execute("PRAGMA cache_size").fetchone()[0] == -(size // 1024)
    assert size // 1024 > 1


def test_undated_readings_count_after_the_dated_ones(store, monkeypatch):
    undated, _ = store.add_document(_record(None, "NLD", 1))
    taker, _ = store.add_document(_record("2026-02-10", None, 2))
    assert _choice(store, taker) == ("NLD", "corpus")
    # With the readings full of dated articles, the undated one is left out.
    monkeypatch.setattr(store_corpus, "READINGS_PER_ENTITY", 1)
    later, _ = store.add_document(_record("2026-02-11", None, 3))
    assert _choice(store, later) == (None, None)
    assert _choice(store, undated) == ("NLD", "text")


def test_the_writer_keeps_the_journal_of_its_savepoints_in_memory(tmp_path):
    # Every document of a batch is written inside a savepoint: past 64 KiB SQLite spills the pages the
    # savepoint must be able to restore into a temporary file, unless temporary storage is in memory.
    path = tmp_path / "w.db"
    with Store(path) as store:
        store.add_document(_record("2026-02-10", "NLD", 1))
        assert store.conn.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
    # A reader keeps the default: its large sorts may spill to disk rather than grow its memory.
    with Store(path, read_only=True) as reader:
        assert reader.conn.execute("PRAGMA temp_store").fetchone()[0] == 0
