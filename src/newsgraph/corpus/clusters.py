"""Event clustering: reports of the same real-world event share one cluster.

Two event reports are one event when they have the same PLOVER type, their
source and target actors agree (same corpus entity, or same country when no
entity is known; unknown on one side never conflicts, but at least one actor
or the place must positively match), their places do not conflict, and their
dates lie within ``WINDOW_DAYS`` of the cluster's date range. Every report keeps
its own row in ``events``; the cluster only groups them.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta

from .names import normalise_name, stable_id

WINDOW_DAYS = 2


@dataclass(frozen=True)
class EventReport:
    """The fields of one stored event that clustering compares."""

    event_id: int
    article_id: str
    type: str
    source_key: str | None
    target_key: str | None
    place_country: str | None
    place_name: str | None
    day: str | None


def actor_key(corpus_id: str | None, country: str | None) -> str | None:
    """An entity when resolved, else its country, else unknown."""
    if corpus_id:
        return corpus_id
    return f"country:{country}" if country else None


def _agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _positive(a: str | None, b: str | None) -> bool:
    return a is not None and a == b


def _shift(day: str, days: int) -> str:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def assign_cluster(conn: sqlite3.Connection, report: EventReport) -> str:
    """Put one stored event into its cluster (an existing one that fits, else a new one)."""
    place = normalise_name(report.place_name) if report.place_name else None
    best = None
    if report.day:
        # Only clusters sharing an actor or the place can match: each branch is an indexed lookup.
        window = (_shift(report.day, -WINDOW_DAYS), _shift(report.day, WINDOW_DAYS))
        branches, params = [], []
        for column, value in (("source_key", report.source_key), ("target_key", report.target_key),
                              ("place_name", place)):  # fmt: skip
            if value is not None:
                branches.append(
                    "SELECT id, source_key, target_key, place_country, place_name, date_first, date_last "
                    f"FROM event_clusters WHERE type = ? AND {column} = ? AND date_last >= ? AND date_first <= ?"
                )
                params.extend([report.type, value, *window])
        rows = conn.execute(" UNION ".join(branches), params).fetchall() if branches else []
        scored = []
        for cid, source, target, p_country, p_name, first, last in rows:
            if not (
                _agree(source, report.source_key)
                and _agree(target, report.target_key)
                and _agree(p_country, report.place_country)
                and _agree(p_name, place)
            ):
                continue
            score = (
                _positive(source, report.source_key)
                + _positive(target, report.target_key)
                + _positive(p_name, place)
            )
            if score == 0:
                continue
            distance = 0 if first <= report.day <= last else 1
            scored.append((score, -distance, cid))
        if scored:
            best = max(scored)[2]
    if best is None:
        best = (
            stable_id("C", report.type, report.source_key, report.target_key, report.day, report.article_id)
            + f"-{report.event_id}"
        )
        conn.execute(
            "INSERT INTO event_clusters(id, type, source_key, target_key, place_country, place_name, "
            "date_first, date_last) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                best,
                report.type,
                report.source_key,
                report.target_key,
                report.place_country,
                place,
                report.day,
                report.day,
            ),
        )
    else:
        # Facts a later report adds (an actor, a place) sharpen the cluster for the next ones.
        conn.execute(
            "UPDATE event_clusters SET source_key = COALESCE(source_key, ?), "
            "target_key = COALESCE(target_key, ?), place_country = COALESCE(place_country, ?), "
            "place_name = COALESCE(place_name, ?), date_first = MIN(date_first, ?), "
            "date_last = MAX(date_last, ?) WHERE id = ?",
            (report.source_key, report.target_key, report.place_country, place, report.day, report.day, best),
        )
    conn.execute("UPDATE events SET cluster_id = ? WHERE id = ?", (best, report.event_id))
    recount_clusters(conn, [best])
    return best


def recount_clusters(conn: sqlite3.Connection, ids: list[str]) -> None:
    """Recount reports and articles of these clusters; drop those left empty."""
    for cid in ids:
        conn.execute(
            "UPDATE event_clusters SET n_reports = (SELECT COUNT(*) FROM events WHERE cluster_id = :id), "
            "n_articles = (SELECT COUNT(DISTINCT article_id) FROM events WHERE cluster_id = :id) "
            "WHERE id = :id",
            {"id": cid},
        )
        conn.execute("DELETE FROM event_clusters WHERE id = ? AND n_reports = 0", (cid,))
