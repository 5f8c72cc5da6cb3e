"""Article bodies kept compressed (schema version 21): the views give the text back, in the store, in a
plain connection given the two functions, in Datasette's and in the sqlite3 shell."""

from __future__ import annotations

import dataclasses
import json
import shutil
import sqlite3
import subprocess
import zlib

import pytest
from store_records import minister_record
from test_lean_store import _old_store

from newsgraph.datasette_plugin import prepare_connection
from newsgraph.store import Store
from newsgraph.store.bodies import compress_body, register_body_functions, sqlar_compress

# Written for these tests: long enough to compress, with characters of two and three UTF-8 bytes
# before the spans the views cut (offsets count characters, the stored size counts bytes).
LONG = " ".join(
    f"Délégués of the Zürich–Vienna commission met for round {n} of the harbour talks." for n in range(40)
)


def _record(**kwargs):
    return minister_record(first="Tamás", **{"extra": LONG, **kwargs})


def test_the_body_is_stored_compressed_and_every_view_gives_the_words_back(tmp_path):
    record = _record()
    with Store(tmp_path / "news.db") as store:
        article_id, _ = store.add_document(record)
        body, size = store.conn.execute("SELECT body, body_size FROM article_rows").fetchone()
        text = store.conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
        quote = store.conn.execute("SELECT text, speaker_text FROM quotes").fetchone()
        mentions = store.conn.execute('SELECT start, "end", text FROM mentions ORDER BY start').fetchall()
        figures = store.conn.execute("SELECT text FROM quantities").fetchall()
        document = store.get_document(article_id)
    raw = record.article.text.encode("utf-8")
    assert size == len(raw) and len(body) < len(raw) / 3
    assert zlib.decompress(body) == raw
    assert text == record.article.text
    assert quote[0] == "The talks were useful,"
    assert quote[1] == record.quotes[0].speaker_text
    assert mentions and all(record.article.text[start:end] == words for start, end, words in mentions)
    assert figures and set(figures) == {("40 protesters",)}  # the article's figure and its event's
    assert document is not None and document["text"] == record.article.text


def test_a_body_that_does_not_shrink_is_kept_as_its_bytes():
    assert compress_body("") == (b"", 0)
    assert compress_body("Oslo") == (b"Oslo", 4)  # zlib's header alone is longer
    body, size = compress_body(LONG)
    assert size == len(LONG.encode()) and zlib.decompress(body) == LONG.encode()
    assert sqlar_compress("Oslo") == "Oslo" and sqlar_compress(None) is None


def test_search_snippets_and_deletes_read_the_compressed_bodies(tmp_path):
    with Store(tmp_path / "news.db") as store:
        first, _ = store.add_document(_record())
        store.add_document(_record(published="2026-01-06", extra="Ships left the harbour of Tallinn."))
        hits = store.conn.execute(
            "SELECT a.id, snippet(articles_fts, 1, '[', ']', '…', 4) FROM articles_fts "
            "JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH 'délégués'"
        ).fetchall()
        assert [h[0] for h in hits] == [first] and "[Délégués]" in hits[0][1]
        assert store.delete_article(first)
        assert not store.conn.execute(
            "SELECT 1 FROM articles_fts WHERE articles_fts MATCH 'zürich'"
        ).fetchall()
        # The quote of the article left is still found; the deleted article's is gone with it.
        assert (
            len(store.conn.execute("SELECT 1 FROM quotes_fts WHERE quotes_fts MATCH 'useful'").fetchall())
            == 1
        )
        for index in ("articles_fts", "quotes_fts"):
            store.conn.execute(f"INSERT INTO {index}({index}, rank) VALUES ('integrity-check', 1)")


def test_a_plain_connection_needs_the_functions_and_is_told_which(tmp_path):
    path = tmp_path / "news.db"
    with Store(path) as store:
        store.add_document(_record())
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT COUNT(*) FROM article_rows").fetchone()[0] == 1  # the tables need nothing
        with pytest.raises(sqlite3.OperationalError, match="sqlar_uncompress"):
            conn.execute("SELECT text FROM articles").fetchall()
        register_body_functions(conn)
        assert conn.execute("SELECT text FROM articles").fetchone()[0].endswith("harbour talks.")
    finally:
        conn.close()
    datasette_conn = sqlite3.connect(path)
    try:
        prepare_connection(datasette_conn)  # what Datasette calls on each connection it opens
        assert datasette_conn.execute("SELECT COUNT(*) FROM quotes WHERE text IS NOT NULL").fetchone()[0] == 1
    finally:
        datasette_conn.close()


def test_a_damaged_body_is_an_error_not_wrong_words(tmp_path):
    conn = sqlite3.connect(":memory:")
    register_body_functions(conn)
    body, size = compress_body(LONG)
    assert conn.execute("SELECT CAST(sqlar_uncompress(?, ?) AS TEXT)", (body, size)).fetchone()[0] == LONG
    for damaged in ((body, size + 1), (b"\x00\x11\x22\x33", 99)):
        with pytest.raises(sqlite3.OperationalError):
            conn.execute("SELECT sqlar_uncompress(?, ?)", damaged).fetchone()
    with Store(tmp_path / "news.db") as store:
        store.add_document(_record())
        with pytest.raises(sqlite3.OperationalError):  # the index's trigger reads the new body first
            store.conn.execute("UPDATE article_rows SET body_size = body_size + 1")


def _shell_with_sqlar() -> str:
    shell = shutil.which("sqlite3")
    if shell is None:
        pytest.skip("no sqlite3 shell on this machine")
    probe = subprocess.run(
        [shell, ":memory:", "SELECT sqlar_uncompress(sqlar_compress('aaaaaaaaaaaaaaaaaaaa'), 20);"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if probe.returncode != 0:
        pytest.skip(f"this sqlite3 shell was built without zlib: {probe.stderr.strip()}")
    return shell


def test_the_sqlite3_shell_reads_the_views_with_its_own_functions(tmp_path):
    shell = _shell_with_sqlar()
    path = tmp_path / "news.db"
    record = _record()
    with Store(path) as store:
        store.add_document(record)
        store.checkpoint()
    out = subprocess.run(
        [shell, "-readonly", str(path),
         "SELECT length(text) FROM articles; SELECT text FROM quotes; SELECT count(*) FROM mentions;"
         "SELECT text FROM times; SELECT text FROM quantities WHERE event_id IS NULL;"],
        capture_output=True, text=True, check=True,
    ).stdout.splitlines()  # fmt: skip
    assert out[0] == str(len(record.article.text))
    assert out[1] == "The talks were useful,"
    assert int(out[2]) > 0
    assert out[3:] == ["Monday", "40 protesters"]


def test_a_store_of_version_20_is_converted_and_reads_as_before(tmp_path, caplog):
    path = tmp_path / "old.db"
    _old_store(path, 21)  # as version 20 wrote it: the body as text, indexed by the writer
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(
        "INSERT INTO articles(id, content_hash, title, text, document, added_at) "
        "VALUES ('a1', 'h1', 'Harbour talks', ?, '{}', '2026-01-01')",
        (LONG,),
    )
    conn.execute("INSERT INTO articles_fts(rowid, title, text) SELECT key, title, text FROM articles")
    conn.close()
    with Store(path) as store:
        assert "`newsgraph compact` (VACUUM) returns it" in caplog.text  # the old bodies' pages are free
        assert store.conn.execute("SELECT text FROM articles WHERE id = 'a1'").fetchone()[0] == LONG
        body, size = store.conn.execute("SELECT body, body_size FROM article_rows").fetchone()
        assert size == len(LONG.encode()) and len(body) < size / 3
        assert "text" not in [r[1] for r in store.conn.execute("PRAGMA table_info(article_rows)")]
        found = store.conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'commission'")
        assert found.fetchall()
        store.conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
        assert store.delete_article("a1")
        store.conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")


def test_a_page_of_events_or_quotes_reads_the_bodies_of_its_rows_only(tmp_path):
    with Store(tmp_path / "news.db") as store:
        for day in range(1, 7):
            store.add_document(_record(published=f"2026-01-0{day}", extra=f"{LONG} Day {day}."))
        calls = []

        def counted(data, size):
            calls.append(size)
            return zlib.decompress(data) if size != len(data) else data

        store.conn.create_function("sqlar_uncompress", 2, counted)
        # A filter no index orders: every matching row is sorted, and only the page's are cut from.
        events = store.events(country="AUT", limit=1)
        assert len(events) == 1 and events[0]["sentence"]["text"]
        assert len(calls) <= 1  # the one event's sentence
        assert len(store.events(country="AUT", limit=100)) >= 6  # of six or more that match
        calls.clear()
        quotes = store.quotes(about="useful", limit=1)
        assert len(quotes) == 1 and quotes[0]["text"] == "The talks were useful,"
        assert len(calls) <= 2  # the quote's words and its speaker's, for the one row
        assert len(store.quotes(about="useful", limit=100)) == 6


def _many_dates(record):
    """The record with its one date expression ("Monday") given thirty times: a list worth compressing."""
    return dataclasses.replace(record, times=record.times * 30)


def _count(conn: sqlite3.Connection, name: str) -> int:
    return conn.execute("SELECT n FROM column_counts WHERE name = ?", (name,)).fetchone()[0]


def test_dates_and_figures_are_stored_compressed_and_every_view_gives_them_back(tmp_path):
    record = _many_dates(_record())
    with Store(tmp_path / "news.db") as store:
        article_id, _ = store.add_document(record)
        times, times_size, quantities, quantities_size = store.conn.execute(
            "SELECT times, times_size, quantities, quantities_size FROM article_rows"
        ).fetchone()
        listed = store.conn.execute("SELECT times, quantities FROM articles").fetchone()
        dated = store.conn.execute("SELECT text, value_start FROM times").fetchall()
        figures = store.conn.execute("SELECT text FROM quantities WHERE event_id IS NULL").fetchall()
        assert (_count(store.conn, "times"), _count(store.conn, "quantities")) == (30, 1)
        document = store.get_document(article_id)
        assert store.delete_article(article_id)
        assert (_count(store.conn, "times"), _count(store.conn, "quantities")) == (
            0,
            0,
        )  # the triggers read them
    assert len(times) < times_size / 5 and zlib.decompress(times).decode() == listed[0]
    assert quantities == listed[1].encode() and quantities_size == len(quantities)  # too short to shrink
    assert len(json.loads(listed[0])) == 30 and len(json.loads(listed[1])) == 1
    assert dated == [("Monday", record.times[0].value_start)] * 30
    assert figures == [("40 protesters",)]
    assert document is not None and len(document["times"]) == 30 and len(document["quantities"]) == 1


def test_a_store_of_version_22_has_its_dates_and_figures_compressed(tmp_path):
    path = tmp_path / "old.db"
    _old_store(path, 23)  # as version 22 wrote it: dates and figures as JSON text
    dates = json.dumps([[0, 6, "2026-01-05", "2026-01-05"]] * 30)
    conn = sqlite3.connect(path, isolation_level=None)
    register_body_functions(conn)
    conn.execute(
        "INSERT INTO article_rows(id, content_hash, title, document, added_at, body, body_size, times) "
        "VALUES ('a1', 'h1', 'Harbour talks', '{}', '2026-01-01', ?, ?, ?)",
        (*compress_body("Monday, in the harbour."), dates),
    )
    conn.execute("INSERT INTO articles_fts(rowid, title, text) SELECT key, title, text FROM articles")
    conn.execute("UPDATE column_counts SET n = 30 WHERE name = 'times'")
    conn.close()
    with Store(path) as store:
        times, size = store.conn.execute("SELECT times, times_size FROM article_rows").fetchone()
        assert size == len(dates) and zlib.decompress(times).decode() == dates
        assert store.conn.execute("SELECT times FROM articles").fetchone()[0] == dates
        assert store.conn.execute("SELECT text FROM times").fetchall() == [("Monday",)] * 30
        assert store.delete_article("a1")
        assert _count(store.conn, "times") == 0
