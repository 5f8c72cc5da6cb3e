"""Event clustering: reports of the same real-world event share one cluster.

Two event reports are one event when they have the same PLOVER type, their
source and target actors agree (same corpus entity, or same country when no
entity is known; unknown on one side never conflicts, but at least one actor
or the place must positively match), their places do not conflict, and their
dates lie within ``WINDOW_DAYS`` of the cluster's date range. Every report keeps
its own row in ``events``; the cluster only groups them.

These are rules over plain data: the store fetches the clusters ``cluster_lookup``
describes, ``join_cluster`` says which cluster the report belongs to (as it stands
after the report joins), and the store writes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from .names import normalise_name

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

    @property
    def place_key(self) -> str | None:
        """The place as clusters store it (normalised name)."""
        return normalise_name(self.place_name) if self.place_name else None


@dataclass(frozen=True)
class Cluster:
    """One event cluster's identity: what later reports are compared against."""

    id: int  # the id of the event that started it (``C`` and its ten digits outside the store)
    type: str
    source_key: str | None
    target_key: str | None
    place_country: str | None
    place_name: str | None
    date_first: str | None
    date_last: str | None


@dataclass(frozen=True)
class ClusterLookup:
    """The clusters that can take a report: of ``type``, overlapping ``day_from``..``day_to``, sharing at
    least one of ``keys`` (a ``Cluster`` field name and the value it must have), and agreeing with every
    one of ``agree`` (a field and the report's value: the cluster's is unknown or the same)."""

    type: str
    keys: tuple[tuple[str, str], ...]
    day_from: str
    day_to: str
    agree: tuple[tuple[str, str], ...] = ()


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


def cluster_lookup(report: EventReport) -> ClusterLookup | None:
    """Which stored clusters could take this report; None when none can (undated, or nothing known)."""
    if not report.day:
        return None
    # Only clusters sharing an actor or the place can match: each key is an indexed lookup.
    keys = tuple(
        (field, value)
        for field, value in (
            ("source_key", report.source_key),
            ("target_key", report.target_key),
            ("place_name", report.place_key),
        )
        if value is not None
    )
    if not keys:
        return None
    # Clusters that disagree on an actor or the place cannot take the report (``_best``): left out where
    # they are found, since a common key (an actor known only by a large country) is shared by a growing
    # number of clusters of the same days that differ on the other actor.
    agree = keys + (("place_country", report.place_country),) if report.place_country is not None else keys
    return ClusterLookup(
        report.type, keys, _shift(report.day, -WINDOW_DAYS), _shift(report.day, WINDOW_DAYS), agree
    )


def _best(report: EventReport, candidates: Sequence[Cluster]) -> Cluster | None:
    place = report.place_key
    scored = []
    for c in candidates:
        if not (
            _agree(c.source_key, report.source_key)
            and _agree(c.target_key, report.target_key)
            and _agree(c.place_country, report.place_country)
            and _agree(c.place_name, place)
        ):
            continue
        score = (
            _positive(c.source_key, report.source_key)
            + _positive(c.target_key, report.target_key)
            + _positive(c.place_name, place)
        )
        if score == 0 or report.day is None or c.date_first is None or c.date_last is None:
            continue
        distance = 0 if c.date_first <= report.day <= c.date_last else 1
        scored.append((score, -distance, c.id, c))
    return max(scored, key=lambda s: s[:3])[3] if scored else None


def join_cluster(report: EventReport, candidates: Sequence[Cluster]) -> Cluster:
    """The cluster this report belongs to, as it stands once the report joins.

    ``candidates`` are the clusters ``cluster_lookup`` described. The result is one
    of them, sharpened by the facts this report adds (same id), or a new cluster.
    """
    place = report.place_key
    best = _best(report, candidates)
    if best is None:
        return Cluster(
            # Named after the event that starts it, so that ids grow as events are stored: a new cluster's
            # id and its first event's pointer to it are written at the end of their indexes, not at a
            # random place (a hash first cost the writer a page per new cluster in two indexes).
            id=report.event_id,
            type=report.type,
            source_key=report.source_key,
            target_key=report.target_key,
            place_country=report.place_country,
            place_name=place,
            date_first=report.day,
            date_last=report.day,
        )
    # Facts a later report adds (an actor, a place) sharpen the cluster for the next ones.
    day = report.day
    return replace(
        best,
        source_key=best.source_key if best.source_key is not None else report.source_key,
        target_key=best.target_key if best.target_key is not None else report.target_key,
        place_country=best.place_country if best.place_country is not None else report.place_country,
        place_name=best.place_name if best.place_name is not None else place,
        date_first=min(best.date_first, day) if best.date_first and day else None,
        date_last=max(best.date_last, day) if best.date_last and day else None,
    )
