"""An actor's country and titles from the other articles of the corpus.

The second source of the actor layer, between the article's own text and the offline
actor lexicon: when an article does not say which state a person or organisation
belongs to or what office it holds, the same corpus entity's readings in other dated
articles do. Countries are stable, so every dated reading counts, the nearer in time
the more; titles change with time, so only readings close to the article's date count.
A reading the article itself gives is kept, unless the rest of the corpus contradicts it
overwhelmingly (one article reading "Iran's Trump" against dozens reading USA).

Pure rules over plain data: the store gathers the readings and writes the result.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

# A reading's weight halves every this many days between its article and the one resolved.
COUNTRY_HALF_LIFE_DAYS = 365
# The corpus lends a country only when it has this share of the weighted readings.
COUNTRY_MAJORITY = 2 / 3
# The corpus overrules the article's own country only with this many readings, this unanimous.
OVERRULE_MIN_READINGS = 4
OVERRULE_SHARE = 0.9
# Titles come only from articles this close in time.
TITLE_WINDOW_DAYS = 180
# An undated reading weighs as one this many days away.
UNDATED_DISTANCE_DAYS = 365


@dataclass(frozen=True)
class ActorReading:
    """What one article says about one corpus entity: its country and titles there."""

    article_id: str
    published: date | None
    country: str | None
    titles: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActorAttributes:
    """The chosen country and titles, and where each came from: "text", "corpus" or None."""

    country: str | None
    titles: tuple[str, ...]
    country_from: str | None
    titles_from: str | None


def _distance_days(a: date | None, b: date | None) -> int:
    if a is None or b is None:
        return UNDATED_DISTANCE_DAYS
    return abs((a - b).days)


def _weight(days: int) -> float:
    return 0.5 ** (days / COUNTRY_HALF_LIFE_DAYS)


def corpus_country(own: ActorReading, others: Iterable[ActorReading]) -> tuple[str | None, float, int]:
    """The country the other readings give, its share of their weight and their number."""
    weights: dict[str, float] = defaultdict(float)
    total = 0.0
    readings = 0
    for other in others:
        if other.article_id == own.article_id or not other.country:
            continue
        weight = _weight(_distance_days(own.published, other.published))
        weights[other.country.upper()] += weight
        total += weight
        readings += 1
    if not weights:
        return None, 0.0, 0
    country, weight = max(weights.items(), key=lambda kv: (kv[1], kv[0]))
    return country, weight / total, readings


def corpus_titles(own: ActorReading, others: Iterable[ActorReading]) -> tuple[str, ...]:
    """Titles of the nearest-dated other article within the window, nearest first."""
    nearby = [
        o
        for o in others
        if o.article_id != own.article_id
        and o.titles
        and own.published is not None
        and o.published is not None
        and _distance_days(own.published, o.published) <= TITLE_WINDOW_DAYS
    ]
    if not nearby:
        return ()
    nearest = min(nearby, key=lambda o: (_distance_days(own.published, o.published), o.article_id))
    return nearest.titles


def choose_actor_attributes(own: ActorReading, others: Iterable[ActorReading]) -> ActorAttributes:
    """The country and titles for ``own``: the article's, else the corpus's (see module doc)."""
    others = list(others)
    country, share, readings = corpus_country(own, others)
    chosen_country: str | None
    country_from: str | None
    titles_from: str | None
    if own.country:
        overruled = (
            country is not None
            and country != own.country.upper()
            and readings >= OVERRULE_MIN_READINGS
            and share >= OVERRULE_SHARE
        )
        chosen_country, country_from = (country, "corpus") if overruled else (own.country.upper(), "text")
    elif country is not None and share >= COUNTRY_MAJORITY:
        chosen_country, country_from = country, "corpus"
    else:
        chosen_country, country_from = None, None
    if own.titles:
        titles, titles_from = own.titles, "text"
    else:
        titles = corpus_titles(own, others)
        titles_from = "corpus" if titles else None
    return ActorAttributes(chosen_country, titles, country_from, titles_from)
