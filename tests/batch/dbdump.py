"""A database's content as comparable text: every table but run bookkeeping, without timestamps and run ids."""

from __future__ import annotations

import sqlite3
from pathlib import Path

SKIP_TABLES = {"runs", "migrations", "loaded_shards", "sqlite_sequence"}
SKIP_COLUMNS = {"run_id", "added_at", "created_at", "started_at", "finished_at", "applied_at"}


def dump(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    tables = [
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'")
        if r[0] not in SKIP_TABLES
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
    conn.close()
    return out
