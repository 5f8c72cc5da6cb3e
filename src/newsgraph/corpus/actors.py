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
from functools import lru_cache
from typing import NamedTuple

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


class ActorReading(NamedTuple):
    """What one article says about one corpus entity: its country and titles there.

    ``article_id`` identifies the article and breaks ties between articles: the store gives its integer
    article key (so ties go by the order articles were written in); any ids of one kind will do.
    (A named tuple: the store makes one per reading, tens of thousands per batch of articles, and a
    tuple is made in half the time of a frozen dataclass.)
    """

    article_id: int | str
    published: date | None
    country: str | None
    titles: tuple[str, ...] = ()


class DayReading(NamedTuple):
    """An ``ActorReading`` dated by its day number (``date.toordinal``), as the store keeps days."""

    article_id: int | str
    day: int | None
    country: str | None
    titles: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActorAttributes:
    """The chosen country and titles, and where each came from: "text", "corpus" or None."""

    country: str | None
    titles: tuple[str, ...]
    country_from: str | None
    titles_from: str | None


def _day_number(day: date | None) -> int | None:
    return day.toordinal() if day is not None else None


def _days_apart(a: int | None, b: int | None) -> int:
    """Days between two day numbers; an undated side is ``UNDATED_DISTANCE_DAYS`` away."""
    if a is None or b is None:
        return UNDATED_DISTANCE_DAYS
    return abs(a - b)


def _distance_days(a: date | None, b: date | None) -> int:
    return _days_apart(_day_number(a), _day_number(b))


@lru_cache(maxsize=8192)
def _weight(days: int) -> float:
    # Cached: the store weighs the same few distances thousands of times per article.
    return 0.5 ** (days / COUNTRY_HALF_LIFE_DAYS)


class ReadingPool:
    """The readings of one corpus entity, gathered once and weighed for any number of its articles.

    Readings of the same day and country weigh the same for any article, so they are counted together:
    weighing them for one article costs a step per (day, country), not one per reading, which lets
    the store choose for many articles of an entity named in thousands.
    """

    def __init__(self, readings: Iterable[ActorReading]) -> None:
        self._fill(DayReading(r.article_id, _day_number(r.published), r.country, r.titles) for r in readings)

    @classmethod
    def of_days(cls, readings: Iterable[DayReading]) -> ReadingPool:
        """The pool of readings dated by day number, as the store reads them (no date made and undone)."""
        pool = cls.__new__(cls)
        pool._fill(readings)
        return pool

    def _fill(self, readings: Iterable[DayReading]) -> None:
        # By (day number, country): a distance is then a difference of integers, not of dates.
        counts: dict[tuple[int | None, str], int] = {}
        self._keys_of: dict[int | str, list[tuple[int | None, str]]] = defaultdict(list)
        self._titled: list[DayReading] = []
        for reading in readings:
            article_id, day, country, titles = reading  # unpacked: a field by name costs a call
            if country:
                key = (day, country.upper())
                counts[key] = counts.get(key, 0) + 1
                self._keys_of[article_id].append(key)
            if titles:
                self._titled.append(reading)
        self._counts = list(counts.items())

    def country(self, own: ActorReading) -> tuple[str | None, float, int]:
        """The country the readings other than ``own``'s article give, its share of their weight and
        their number."""
        excluded: dict[tuple[int | None, str], int] = {}
        for key in self._keys_of.get(own.article_id, ()):
            excluded[key] = excluded.get(key, 0) + 1
        weights: dict[str, float] = defaultdict(float)
        total = 0.0
        readings = 0
        own_day = _day_number(own.published)
        for key, n in self._counts:
            if excluded:
                n -= excluded.get(key, 0)
                if n <= 0:
                    continue
            day, country = key
            weight = n * _weight(_days_apart(own_day, day))
            weights[country] += weight
            total += weight
            readings += n
        if not weights:
            return None, 0.0, 0
        country, weight = max(weights.items(), key=lambda kv: (kv[1], kv[0]))
        return country, weight / total, readings

    def titles(self, own: ActorReading) -> tuple[str, ...]:
        """Titles of the nearest-dated other article within the window, nearest first."""
        if own.published is None:
            return ()
        own_day = own.published.toordinal()
        best: tuple[int, int | str] | None = None
        nearest: DayReading | None = None
        for other in self._titled:
            if other.article_id == own.article_id or other.day is None:
                continue
            days = abs(own_day - other.day)
            if days <= TITLE_WINDOW_DAYS and (best is None or (days, other.article_id) < best):
                best, nearest = (days, other.article_id), other
        return nearest.titles if nearest is not None else ()

    def choose(self, own: ActorReading) -> ActorAttributes:
        """The country and titles for ``own``: the article's, else the corpus's (see module doc)."""
        country, share, readings = self.country(own)
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
            titles = self.titles(own)
            titles_from = "corpus" if titles else None
        return ActorAttributes(chosen_country, titles, country_from, titles_from)


def corpus_country(own: ActorReading, others: Iterable[ActorReading]) -> tuple[str | None, float, int]:
    """The country the other readings give, its share of their weight and their number."""
    return ReadingPool(others).country(own)


def corpus_titles(own: ActorReading, others: Iterable[ActorReading]) -> tuple[str, ...]:
    """Titles of the nearest-dated other article within the window, nearest first."""
    return ReadingPool(others).titles(own)


def choose_actor_attributes(own: ActorReading, others: Iterable[ActorReading]) -> ActorAttributes:
    """The country and titles for ``own``: the article's, else the corpus's (see module doc)."""
    return ReadingPool(others).choose(own)


def reading_may_change(own: ActorReading, country_from: str | None, new: ActorReading) -> bool:
    """Whether adding the reading ``new`` can change the choice made for ``own`` (chosen from ``country_from``).

    A title reaches only an article without titles of its own, within the title window; a country
    reaches an article without its own, or one the corpus overrules, or one it contradicts. A reading
    that agrees with the article's own country is evidence for it, never a reason to overrule it (the
    rule's count of readings could otherwise tip on it), so that article is left as it is.
    """
    if (
        new.titles
        and not own.titles
        and _distance_days(own.published, new.published) <= TITLE_WINDOW_DAYS
        and own.published is not None
        and new.published is not None
    ):
        return True
    if not new.country:
        return False
    if not own.country or country_from != "text":
        return True
    return new.country.upper() != own.country.upper()
