"""The lean store: tables keep no copies of text the article body holds, and old files are converted."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace

from store_records import minister_record

from newsgraph.store import Store
from newsgraph.store.bodies import register_body_functions
from newsgraph.store.schema import MIGRATIONS, _statements


def _old_store(path, upto: int) -> None:
    """A file with the migrations before ``upto`` applied, as an older version wrote it."""
    conn = sqlite3.connect(path, isolation_level=None)
    register_body_functions(conn)  # version 21 compresses the bodies
    conn.execute("CREATE TABLE migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT)")
    for version, name, script in MIGRATIONS:
        if version >= upto:
            break
        for statement in _statements(script):
            conn.execute(statement)
        conn.execute("INSERT INTO migrations VALUES (?, ?, '2026-01-01')", (version, name))
    conn.close()


def _with_old_article(path, body: str) -> sqlite3.Connection:
    """A connection to the old file at ``path``, holding one article 'a1' with this body."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(
        "INSERT INTO articles(id, content_hash, title, text, document, added_at) "
        "VALUES ('a1', 'h1', 'Harbour talks', ?, '{}', '2026-01-01')",
        (body,),
    )
    return conn


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def test_mentions_are_a_compact_column_and_the_view_gives_their_rows_back(tmp_path):
    record = minister_record()
    with Store(tmp_path / "new.db") as store:
        article_id, _ = store.add_document(record)
        tables = {r[0]: r[1] for r in store.conn.execute("SELECT name, type FROM sqlite_master")}
        assert tables["mentions"] == "view"
        stored = dict(store.conn.execute("SELECT local_id, mentions FROM entities").fetchall())
        rows = store.conn.execute(
            'SELECT article_id, start, "end", text, kind FROM mentions ORDER BY start'
        ).fetchall()
        assert store.stats()["mentions"] == sum(len(e.mentions) for e in record.entities)
    first = record.entities[0]
    assert json.loads(stored[first.id]) == {
        kind: [n for m in first.mentions if m.kind == kind for n in (m.start, m.end)]
        for kind in {m.kind for m in first.mentions}
    }
    expected = sorted((m.start, m.end, m.text, m.kind) for e in record.entities for m in e.mentions)
    assert [(s, e, t, k) for _, s, e, t, k in rows] == expected
    assert {a for a, *_ in rows} == {article_id}


def test_old_mention_rows_are_folded_into_their_entity_in_order(tmp_path):
    path = tmp_path / "old.db"
    _old_store(path, 12)
    conn = _with_old_article(path, "Mara Velk met the envoys. She left.")
    conn.execute(
        "INSERT INTO entities(id, article_id, local_id, name, type, n_mentions) "
        "VALUES (1, 'a1', 'e1', 'Mara Velk', 'PERSON', 3)"
    )
    conn.execute(
        "INSERT INTO entities(id, article_id, local_id, name, type) VALUES (2, 'a1', 'e2', 'x', 'ORG')"
    )
    for start, end, kind in [(26, 29, "pronoun"), (0, 9, "name"), (5, 9, "alias")]:
        conn.execute(
            'INSERT INTO mentions(entity_id, start, "end", kind) VALUES (1, ?, ?, ?)', (start, end, kind)
        )
    conn.close()
    with Store(path) as store:
        stored = dict(store.conn.execute("SELECT local_id, mentions FROM entities").fetchall())
        assert json.loads(stored["e1"]) == {"pronoun": [26, 29], "name": [0, 9], "alias": [5, 9]}
        assert json.loads(stored["e2"]) == {}
        assert store.conn.execute(
            'SELECT start, "end", text, kind FROM mentions ORDER BY start, "end"'
        ).fetchall() == [(0, 9, "Mara Velk", "name"), (5, 9, "Velk", "alias"), (26, 29, "She", "pronoun")]
        assert store.stats()["mentions"] == 3
        store.delete_article("a1")
        assert store.conn.execute("SELECT COUNT(*) FROM mentions").fetchone()[0] == 0


def test_event_sentences_are_cut_from_the_body_and_read_back_whole(tmp_path):
    record = minister_record()
    assert record.events
    with Store(tmp_path / "new.db") as store:
        store.add_document(record)
        stored = store.conn.execute("SELECT COUNT(*) FROM events WHERE sentence_text IS NOT NULL").fetchone()[
            0
        ]
        sentences = [e["sentence"] for e in store.events(limit=100)]
    assert stored == 0
    assert sorted((s["start"], s["end"], s["text"]) for s in sentences) == sorted(
        (e.sentence.start, e.sentence.end, e.sentence.text) for e in record.events
    )


def test_old_event_sentences_are_dropped_only_where_the_body_holds_them(tmp_path):
    path = tmp_path / "old.db"
    _old_store(path, 9)
    body = "Mara Velk met the envoys. Talks resumed."
    conn = _with_old_article(path, body)
    for seq, (start, end, text) in enumerate([(0, 25, body[0:25]), (26, 40, "talks resumed (edited)")]):
        conn.execute(
            "INSERT INTO events(article_id, seq, type, sentence_start, sentence_end, sentence_text) "
            "VALUES ('a1', ?, 'MEET', ?, ?, ?)",
            (seq, start, end, text),
        )
    conn.close()
    with Store(path) as store:
        stored = store.conn.execute("SELECT sentence_text FROM events ORDER BY seq").fetchall()
        assert stored == [(None,), ("talks resumed (edited)",)]
        texts = [
            e["sentence"]["text"]
            for e in sorted(store.events(limit=10), key=lambda e: e["sentence"]["start"])
        ]
    assert texts == ["Mara Velk met the envoys.", "talks resumed (edited)"]


# Indexes kept although another index starts with their columns, and why. (events_date went in schema
# version 13: (event_date, type) serves the events list as well, measured on the 10,000-article store.)
PREFIX_INDEXES_THAT_PAY: set[str] = set()


def test_no_index_is_the_prefix_of_another_unless_it_pays(store):
    conn = store.conn
    indexes: dict[str, tuple[str, list[str], bool]] = {}
    for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        for row in conn.execute(f"PRAGMA index_list('{table}')").fetchall():
            columns = [c[2] for c in conn.execute(f"PRAGMA index_info('{row[1]}')").fetchall()]
            indexes[row[1]] = (table, columns, bool(row[4]))
    # A partial index of a few rows (entity_rows_overruled) is not the prefix of a whole one: it finds
    # those rows without reading the others.
    redundant = sorted(
        name
        for name, (table, columns, partial) in indexes.items()
        for other, (other_table, other_columns, other_partial) in indexes.items()
        if other != name
        and table == other_table
        and other_columns[: len(columns)] == columns
        and (not partial or other_partial)
        and name not in PREFIX_INDEXES_THAT_PAY
    )
    assert redundant == []
    plan = conn.execute(
        "EXPLAIN QUERY PLAN SELECT COUNT(*) FROM event_rows WHERE source_corpus_id = 'x'"
    ).fetchall()
    assert "COVERING INDEX events_network" in plan[0][3]


def _fts_intact(conn: sqlite3.Connection) -> None:
    # FTS5 compares its index with what its content (the quotes view) gives: raises on any difference.
    conn.execute("INSERT INTO quotes_fts(quotes_fts, rank) VALUES ('integrity-check', 1)")


def test_quote_words_are_cut_from_the_body_and_stay_searchable(tmp_path):
    record = minister_record()
    quote = record.quotes[0]
    word = quote.text.split()[1].strip('.,"')
    with Store(tmp_path / "new.db") as store:
        store.add_document(record)
        assert store.conn.execute("SELECT text FROM quote_rows").fetchall() == [(None,)]
        assert store.conn.execute("SELECT text FROM quotes").fetchall() == [(quote.text,)]
        found = store.quotes(about=word)
        assert [q["text"] for q in found] == [quote.text]
        hits = [h for h in store.search(word) if h.get("kind") == "quote"]
        assert hits and word in hits[0]["snippet"]
        _fts_intact(store.conn)


def test_deleting_articles_and_quotes_keeps_the_quote_index_exact(tmp_path):
    with Store(tmp_path / "new.db") as store:
        kept, _ = store.add_document(minister_record())
        gone, _ = store.add_document(minister_record(first="Ilse", surname="Marr", extra="Talks go on."))
        store.delete_article(gone)
        _fts_intact(store.conn)
        store.conn.execute(
            "DELETE FROM quote_rows WHERE article_key = (SELECT key FROM articles WHERE id = ?)", (kept,)
        )
        _fts_intact(store.conn)
        assert store.conn.execute("SELECT COUNT(*) FROM quotes_fts").fetchone()[0] == 0


def test_old_quotes_keep_only_words_the_body_does_not_hold(tmp_path):
    path = tmp_path / "old.db"
    _old_store(path, 12)
    body = 'Mara Velk said: "We want a lasting truce." Talks resumed.'
    conn = _with_old_article(path, body)
    start = body.index("We want")
    for text, end in [("We want a lasting truce.", start + 24), ("We want a truce (edited)", start + 24)]:
        conn.execute(
            "INSERT INTO quotes(article_id, kind, text, start, \"end\") VALUES ('a1', 'direct', ?, ?, ?)",
            (text, start, end),
        )
    conn.close()
    with Store(path) as store:
        assert store.conn.execute("SELECT text FROM quote_rows ORDER BY id").fetchall() == [
            (None,),
            ("We want a truce (edited)",),
        ]
        assert sorted(q["text"] for q in store.quotes(about="truce")) == [
            "We want a lasting truce.",
            "We want a truce (edited)",
        ]
        _fts_intact(store.conn)


def test_a_speakers_words_are_cut_from_the_body_when_their_offsets_are_known(tmp_path):
    base = minister_record()
    text = base.article.text
    name = base.quotes[0].speaker_name
    start = text.index(name, text.index('"'))
    quote = replace(base.quotes[0], speaker_text=name, speaker_start=start, speaker_end=start + len(name))
    with Store(tmp_path / "new.db") as store:
        article_id, _ = store.add_document(replace(base, quotes=(quote,)))
        assert store.conn.execute("SELECT speaker_text FROM quote_rows").fetchall() == [(None,)]
        assert store.conn.execute("SELECT speaker_text FROM quotes").fetchall() == [(name,)]
        assert store.get_document(article_id)["quotes"][0]["speaker_text"] == name


def test_dates_are_a_column_of_their_article_and_the_view_gives_their_rows_back(tmp_path):
    record = minister_record()
    assert record.times
    with Store(tmp_path / "new.db") as store:
        article_id, _ = store.add_document(record)
        tables = {r[0]: r[1] for r in store.conn.execute("SELECT name, type FROM sqlite_master")}
        assert tables["times"] == "view"
        rows = store.conn.execute(
            'SELECT article_id, text, start, "end", value_start, value_end FROM times ORDER BY seq'
        ).fetchall()
        assert store.stats()["times"] == len(record.times)
    assert rows == [(article_id, t.text, t.start, t.end, t.value_start, t.value_end) for t in record.times]


def test_old_date_rows_are_folded_into_their_article_words_kept_where_the_body_differs(tmp_path):
    path = tmp_path / "old.db"
    _old_store(path, 12)
    body = "Talks resumed on Monday and end in March."
    conn = _with_old_article(path, body)
    for text, start, end, value in [("Monday", 17, 23, "2026-01-05"), ("March 2026", 34, 39, "2026-03")]:
        conn.execute(
            "INSERT INTO times(article_id, text, start, \"end\", value_start, value_end) VALUES ('a1', ?, ?, ?, ?, ?)",
            (text, start, end, value, value),
        )
    conn.close()
    with Store(path) as store:
        stored = store.conn.execute("SELECT times FROM articles").fetchone()[0]
        assert json.loads(stored) == [
            [17, 23, "2026-01-05", "2026-01-05"],
            [34, 39, "2026-03", "2026-03", "March 2026"],
        ]
        assert store.conn.execute("SELECT text, start FROM times ORDER BY seq").fetchall() == [
            ("Monday", 17),
            ("March 2026", 34),
        ]
        assert store.stats()["times"] == 2


def test_figures_of_the_document_live_in_the_article_and_event_figures_in_rows(tmp_path):
    record = minister_record()
    event_figures = [q for e in record.events for q in e.quantities]
    assert record.quantities and event_figures
    with Store(tmp_path / "new.db") as store:
        article_id, _ = store.add_document(record)
        stored = json.loads(store.conn.execute("SELECT quantities FROM articles").fetchone()[0])
        assert [row[:2] for row in stored] == [[q.start, q.end] for q in record.quantities]
        assert store.conn.execute("SELECT COUNT(*) FROM event_quantities").fetchone()[0] == len(event_figures)
        rows = store.conn.execute(
            'SELECT article_id, event_id IS NULL, text, start, "end", value FROM quantities'
        ).fetchall()
        assert store.stats()["quantities"] == len(record.quantities) + len(event_figures)
        listed = [q for e in store.events(limit=10) for q in e["quantities"]]
    assert sorted(r for r in rows if r[1]) == sorted(
        (article_id, 1, q.text, q.start, q.end, q.value) for q in record.quantities
    )
    assert [(q["text"], q["value"]) for q in listed] == [(q.text, q.value) for q in event_figures]


def test_old_figures_are_split_between_the_article_and_event_rows(tmp_path):
    path = tmp_path / "old.db"
    _old_store(path, 12)
    body = "Police detained 40 protesters; 3 were hurt."
    conn = _with_old_article(path, body)
    conn.execute("INSERT INTO events(id, article_id, seq, type) VALUES (7, 'a1', 0, 'COERCE')")
    for event_id, text, start, end, value in [(None, "40 protesters", 16, 29, 40.0), (7, "40", 16, 18, 40.0)]:
        conn.execute(
            'INSERT INTO quantities(article_id, event_id, value, kind, text, start, "end") '
            "VALUES ('a1', ?, ?, 'count', ?, ?, ?)",
            (event_id, value, text, start, end),
        )
    conn.close()
    with Store(path) as store:
        assert json.loads(store.conn.execute("SELECT quantities FROM articles").fetchone()[0]) == [
            [16, 29, 40.0, None, "count", None]
        ]
        assert store.conn.execute("SELECT event_id, text FROM event_quantities").fetchall() == [(7, "40")]
        assert sorted(store.conn.execute("SELECT event_id, text FROM quantities").fetchall(), key=str) == [
            (7, "40"),
            (None, "40 protesters"),
        ]
        store.delete_article("a1")
        assert store.conn.execute("SELECT COUNT(*) FROM quantities").fetchone()[0] == 0


def test_counts_of_mentions_dates_and_figures_follow_writes_and_deletes(tmp_path):
    with Store(tmp_path / "new.db") as store:
        store.add_document(minister_record())
        gone, _ = store.add_document(
            minister_record(first="Ilse", surname="Marr", extra="Talks end on Friday.")
        )
        store.add_document(
            minister_record(first="Ilse", surname="Marr", extra="Talks end on Friday."), replace=True
        )
        store.delete_article(gone)

        def counted(view: str) -> int:
            return store.conn.execute(f"SELECT COUNT(*) FROM {view}").fetchone()[0]

        stats = store.stats()
        assert counted("mentions") > 0 and counted("times") > 0 and counted("quantities") > 0
        assert (stats["mentions"], stats["times"], stats["quantities"]) == (
            counted("mentions"),
            counted("times"),
            counted("quantities"),
        )


def test_full_text_indexes_merge_eight_segments_at_a_time(store):
    for table in ("articles_fts", "quotes_fts", "corpus_entity_names_trigram"):
        value = store.conn.execute(f"SELECT v FROM {table}_config WHERE k = 'automerge'").fetchone()
        assert value == (8,), table


def test_event_facets_of_every_event_and_of_one_type_read_the_kept_counts(store):
    # The events page opens on every event's facets, and is most often narrowed to one type: both are
    # read from event_facet_counts (store/facet_counts.py), a search of its key or its (scope, facet, n)
    # index per facet, never a read of the events.
    store.add_document(minister_record())
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        facets = store.event_facets()
        assert store.event_facets(type="COERCE")["type"]["n_values"] == 1  # one type's, as kept too
    finally:
        store.conn.set_trace_callback(None)
    assert facets["type"]["n_values"] == 2
    assert statements and not [sql for sql in statements if "event_rows" in sql]
    plans = [
        row[3] for sql in statements for row in store.conn.execute("EXPLAIN QUERY PLAN " + sql).fetchall()
    ]
    kept = [step for step in plans if "event_facet_counts" in step]
    assert kept and all(step.startswith("SEARCH") for step in kept), plans


# Parents never deleted: their children need no index to be found.
NEVER_DELETED = {"runs"}


def test_every_foreign_key_leads_an_index(tmp_path):
    # Deleting or repointing a parent row finds its children through the child's column: without an
    # index that starts with it, every delete (a merge of corpus entities, an article) scans the table.
    with Store(tmp_path / "new.db") as store:
        conn = store.conn
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' "
                "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%' AND name NOT LIKE '%trigram%'"
            )
        ]
        unindexed = []
        for table in tables:
            leading = {
                info[0][2]
                for index in conn.execute(f'PRAGMA index_list("{table}")').fetchall()
                if (info := conn.execute(f'PRAGMA index_info("{index[1]}")').fetchall())
            }
            leading |= {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")') if row[5] == 1}
            unindexed += [
                (table, fk[3], fk[2])
                for fk in conn.execute(f'PRAGMA foreign_key_list("{table}")')
                if fk[3] not in leading and fk[2] not in NEVER_DELETED
            ]
    assert unindexed == []
