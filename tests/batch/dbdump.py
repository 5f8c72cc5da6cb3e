"""A database's content as comparable text: every table but run bookkeeping, without timestamps and run ids."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsgraph.store.fts import trigrams_query

SKIP_TABLES = {"runs", "migrations", "loaded_shards", "sqlite_sequence"}
SKIP_COLUMNS = {"run_id", "added_at", "created_at", "started_at", "finished_at", "applied_at"}


def dump(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    # A full-text index's tables hold segments whose layout follows the transactions that wrote them
    # (one per commit), which differ by engine: the indexes are compared by what they find.
    full_text = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%USING fts5%'"
        )
    ]
    tables = [
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if r[0] not in SKIP_TABLES and not any(r[0] == f or r[0].startswith(f + "_") for f in full_text)
    ]
    out = {}
    for table in sorted(tables):
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] not in SKIP_COLUMNS]
        if table == "failures":
            columns.remove(
                "id"
            )  # written when met: reading errors and extraction errors interleave by engine
        rows = conn.execute(
            f"SELECT {', '.join(chr(34) + c + chr(34) for c in columns)} FROM {table}"
        ).fetchall()
        out[table] = sorted(rows, key=repr)
    out["fts"] = conn.execute(
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'convoys' ORDER BY rowid"
    ).fetchall()
    # FTS5's own check of the name index against the names (it raises when they differ), then the names
    # the index finds by each name's own trigrams.
    conn.execute(
        "INSERT INTO corpus_entity_names_trigram(corpus_entity_names_trigram, rank) VALUES ('integrity-check', 1)"
    )
    out["trigram"] = sorted(
        (name, trigrams_found(conn, name))
        for (name,) in conn.execute("SELECT norm_name FROM corpus_entity_names WHERE length(norm_name) >= 3")
    )
    conn.close()
    return out


def trigrams_found(conn: sqlite3.Connection, name: str) -> list[str]:
    return sorted(
        r[0]
        for r in conn.execute(
            "SELECT norm_name FROM corpus_entity_names WHERE rowid IN (SELECT rowid FROM corpus_entity_names_trigram "
            "WHERE corpus_entity_names_trigram MATCH ?)",
            (trigrams_query(name),),
        )
    )
