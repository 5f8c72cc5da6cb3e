"""Integer article keys (schema version 13): rows name their article by its key, views under the old
names give the old columns back, and a store written by version 12 is converted in place."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from store_records import minister_record

from newsgraph.corpus.names import stable_id
from newsgraph.errors import StoreError
from newsgraph.store import Store
from newsgraph.store.ids import cluster_id_sql, entity_id_sql
from newsgraph.store.schema import _CLUSTER, _KEYED_COLUMNS, MIGRATIONS, SCHEMA_VERSION, _statements

# The views version 13 puts where version 12 had tables (or views) of these names.
OLD_NAMES = ("entities", "titles", "events", "places", "quotes", "mentions", "times", "quantities")
# Tables version 12 had and 13 keeps as they were.
KEPT_TABLES = (
    "runs",
    "sources",
    "corpus_entities",
    "corpus_entity_redirects",
    "corpus_entity_names",
    "event_clusters",
    "event_actors",
    "event_quantities",
    "failures",
)
ARTICLE_COLUMNS = (
    "id, content_hash, title, published, source, source_id, url, origin, text, document, n_entities, "
    "n_quotes, n_events, run_id, added_at, headings, times, quantities"
)


def _version_12(path: Path) -> sqlite3.Connection:
    """An empty file with migrations 1 to 12 applied, as version 12 left it."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT)")
    for version, name, script in MIGRATIONS:
        if version > 12:
            break
        for statement in _statements(script):
            conn.execute(statement)
        conn.execute("INSERT INTO migrations VALUES (?, ?, '2026-01-01')", (version, name))
    return conn


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def _records():
    return [
        minister_record(),
        minister_record(
            first="Ilse", surname="Marr", country="DEU", published="2026-01-07", extra="Talks go on."
        ),
        minister_record(first="Pavel", surname="Orlik", country="CZE", published="2026-01-06"),
    ]


def _fts_intact(conn: sqlite3.Connection) -> None:
    # FTS5 compares each index with what its content table gives: raises on any difference.
    conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
    conn.execute("INSERT INTO quotes_fts(quotes_fts, rank) VALUES ('integrity-check', 1)")


def _rows_of_old_names(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    return {name: conn.execute(f"SELECT * FROM {name} ORDER BY 1, 2, 3").fetchall() for name in OLD_NAMES}


def _as_kept(table: str, column: str) -> str:
    """The SQL reading ``column`` of ``table`` as version 12 kept it: corpus entity and cluster ids as text
    (version 24 keeps integers)."""
    converted = _KEYED_COLUMNS.get(table, {}).get(column)
    named = f'{table}."{column}"'
    if converted is None:
        return named
    return (cluster_id_sql if converted == _CLUSTER else entity_id_sql)(named)


def _write_as_version_12(new: sqlite3.Connection, old: sqlite3.Connection) -> None:
    """Copy a version-13 store into a version-12 file, each row as version 12 kept it; the articles get
    rowids far from their keys (and written in reverse), so the migration must carry the rowids over."""
    old.execute("BEGIN")
    for table in KEPT_TABLES:
        # Version 12's columns of the table (later versions added some).
        columns = ", ".join(_as_kept(table, c) for c in _columns(old, table))
        rows = new.execute(f"SELECT {columns} FROM {table}").fetchall()
        if rows:
            old.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(rows[0]))})", rows)
    rows = new.execute(f"SELECT key * 7 + 3, {ARTICLE_COLUMNS} FROM articles ORDER BY key DESC").fetchall()
    old.executemany(
        f"INSERT INTO articles(rowid, {ARTICLE_COLUMNS}) VALUES ({', '.join('?' * len(rows[0]))})", rows
    )
    # The views give version 12's columns in its order: their rows go into its tables as they are.
    for table in ("entities", "titles", "events", "places"):
        rows = new.execute(f"SELECT * FROM {table}").fetchall()
        old.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(rows[0]))})", rows)
    quote_columns = [
        "a.id" if c == "article_key" else _as_kept("quote_rows", c) for c in _columns(new, "quote_rows")
    ]
    rows = new.execute(
        f"SELECT {', '.join(quote_columns)} FROM quote_rows JOIN articles a ON a.key = quote_rows.article_key"
    ).fetchall()
    old.executemany(f"INSERT INTO quote_rows VALUES ({', '.join('?' * len(rows[0]))})", rows)
    old.execute("COMMIT")


def test_the_views_give_the_old_columns_in_the_old_order(tmp_path):
    old = _version_12(tmp_path / "old.db")
    with Store(tmp_path / "new.db") as store:
        kinds = dict(store.conn.execute("SELECT name, type FROM sqlite_master"))
        for name in OLD_NAMES:
            assert kinds[name] == "view", name
            assert _columns(store.conn, name) == _columns(old, name), name
        for name in ("entity_rows", "title_rows", "quote_rows", "event_rows", "place_rows"):
            columns = _columns(store.conn, name)
            assert "article_key" in columns and "article_id" not in columns, name
    old.close()


def test_a_version_12_store_is_converted_in_place(tmp_path):
    with Store(tmp_path / "new.db") as store:
        ids = [store.add_document(record)[0] for record in _records()]
        documents = {article_id: store.get_document(article_id) for article_id in ids}
        rows = _rows_of_old_names(store.conn)
        stats = store.stats()
        hits = store.search("useful")
        old = _version_12(tmp_path / "old.db")
        _write_as_version_12(store.conn, old)
    rowids = dict(old.execute("SELECT id, rowid FROM articles"))
    _fts_intact(old)
    old.close()
    with Store(tmp_path / "old.db") as store:
        assert max(v for (v,) in store.conn.execute("SELECT version FROM migrations")) == SCHEMA_VERSION
        assert store.conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
        assert dict(store.conn.execute("SELECT id, key FROM articles")) == rowids
        _fts_intact(store.conn)
        assert {article_id: store.get_document(article_id) for article_id in ids} == documents
        assert _rows_of_old_names(store.conn) == rows
        assert store.stats()["events"] == stats["events"] and store.stats()["mentions"] == stats["mentions"]
        assert store.search("useful") == hits
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_deleting_an_article_cascades_through_its_key(tmp_path):
    with Store(tmp_path / "new.db") as store:
        ids = [store.add_document(record)[0] for record in _records()]
        gone = ids[1]
        key = store.conn.execute("SELECT key FROM articles WHERE id = ?", (gone,)).fetchone()[0]
        events = [r[0] for r in store.conn.execute("SELECT id FROM event_rows WHERE article_key = ?", (key,))]
        assert events
        assert store.delete_article(gone)
        for table in ("entity_rows", "title_rows", "quote_rows", "event_rows", "place_rows"):
            assert store.conn.execute(
                f"SELECT COUNT(*) FROM {table} WHERE article_key = ?", (key,)
            ).fetchone() == (0,), table
        marks = ", ".join("?" * len(events))
        for table in ("event_actors", "event_quantities"):
            assert store.conn.execute(
                f"SELECT COUNT(*) FROM {table} WHERE event_id IN ({marks})", events
            ).fetchone() == (0,), table
        assert {r[0] for r in store.conn.execute("SELECT DISTINCT article_id FROM entities")} == {
            ids[0],
            ids[2],
        }
        _fts_intact(store.conn)
        assert store.get_document(gone) is None
        assert store.get_document(ids[0]) is not None


def test_a_migration_that_breaks_a_foreign_key_is_rolled_back(tmp_path, monkeypatch):
    from newsgraph.store import schema

    path = tmp_path / "s.db"
    Store(path).close()
    broken = (
        SCHEMA_VERSION + 1,
        "a row pointing at no article",
        "INSERT INTO place_rows(article_key, name) VALUES (99, 'x');",
    )
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, broken))
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys=ON")
    try:
        schema.migrate(conn)
    except sqlite3.IntegrityError as exc:
        assert "place_rows" in str(exc)
    else:
        raise AssertionError("the migration was committed")
    assert conn.execute("SELECT COUNT(*) FROM place_rows").fetchone() == (0,)
    assert conn.execute("SELECT MAX(version) FROM migrations").fetchone() == (SCHEMA_VERSION,)
    assert conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
    conn.close()


def test_an_older_store_opened_read_only_says_how_to_convert_it(tmp_path):
    path = tmp_path / "old.db"
    _version_12(path).close()
    with pytest.raises(StoreError, match="schema version 12.*open it once for writing"):
        Store(path, read_only=True)
    Store(path).close()
    with Store(path, read_only=True) as store:
        assert store.count_articles() == 0


def test_a_file_with_dangling_references_of_its_own_is_still_converted(tmp_path):
    # Written with foreign keys off by another program: an entity of a corpus entity that is gone.
    path = tmp_path / "old.db"
    old = _version_12(path)
    old.execute(
        "INSERT INTO articles(id, content_hash, title, text, document, added_at) "
        "VALUES ('a1', 'h1', 'Harbour talks', 'Mara Velk met the envoys.', '{}', '2026-01-01')"
    )
    old.execute(
        "INSERT INTO entities(article_id, local_id, name, type, corpus_entity_id) "
        "VALUES ('a1', 'E1', 'Mara Velk', 'PERSON', 'gone')"
    )
    old.close()
    with Store(path) as store:
        # An id of another shape than newsgraph's becomes the one its text hashes to (version 24).
        assert store.conn.execute("SELECT article_id, corpus_entity_id FROM entities").fetchall() == [
            ("a1", stable_id("E", "gone"))
        ]
        assert len(store.conn.execute("PRAGMA foreign_key_check").fetchall()) == 1
