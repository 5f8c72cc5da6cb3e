"""The full-text indexes are declared so Datasette finds them (and offers search), old files included."""

from __future__ import annotations

import sqlite3

from store_records import minister_record

from newsgraph.store import Store
from newsgraph.store.schema import MIGRATIONS, _statements

# How Datasette finds the FTS index of a table (datasette.utils.detect_fts_sql): a virtual table
# whose declaration names the table as content="TABLE" (or [TABLE]), or that is the table itself.
DATASETTE_DETECT_FTS = """
    select name from sqlite_master
        where rootpage = 0
        and (
            sql like '%VIRTUAL TABLE%USING FTS%content="{table}"%'
            or sql like '%VIRTUAL TABLE%USING FTS%content=[{table}]%'
            or (tbl_name = "{table}" and sql like '%VIRTUAL TABLE%USING FTS%')
        )
"""


def fts_table_of(conn: sqlite3.Connection, table: str) -> str | None:
    row = conn.execute(DATASETTE_DETECT_FTS.format(table=table)).fetchone()
    return row[0] if row else None


def test_datasette_detects_the_fts_tables_of_a_new_store(store):
    assert fts_table_of(store.conn, "articles") == "articles_fts"
    assert fts_table_of(store.conn, "quotes") == "quotes_fts"


def test_old_store_is_migrated_and_its_rows_stay_searchable(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT)")
    for version, name, script in MIGRATIONS[:2]:  # a file written before the FTS declarations changed
        for statement in _statements(script):
            conn.execute(statement)
        conn.execute("INSERT INTO migrations VALUES (?, ?, '2026-01-01')", (version, name))
    # Rows indexed by version 1's declarations, before the indexes are declared again.
    conn.execute(
        "INSERT INTO articles(id, content_hash, title, text, document, added_at) "
        "VALUES ('a1', 'h1', 'Harbour talks', 'The envoys met at the harbour.', '{}', '2026-01-01')"
    )
    conn.execute(
        'INSERT INTO quotes(article_id, kind, text, start, "end", speaker_name) '
        "VALUES ('a1', 'direct', 'We want a lasting truce', 0, 10, 'Mara Velk')"
    )
    assert fts_table_of(conn, "articles") is None  # what Datasette saw before
    conn.close()
    with Store(path) as store:
        assert fts_table_of(store.conn, "articles") == "articles_fts"
        assert fts_table_of(store.conn, "quotes") == "quotes_fts"
        assert [hit["article_id"] for hit in store.search("harbour")] == ["a1"]
        assert [q["text"] for q in store.quotes(about="truce")] == ["We want a lasting truce"]
        store.add_document(minister_record())  # the triggers feed the new indexes
        word = minister_record().quotes[0].text.split()[0].strip(".,\"'")
        assert any(q["article_id"] != "a1" for q in store.quotes(about=word))
