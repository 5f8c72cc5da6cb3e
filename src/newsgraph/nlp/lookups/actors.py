"""The offline actor lexicon: public figures, the offices they held and when.

Data: ``lexicons/actors.tsv``, one row per office held (name, aliases, country,
organisation, role, start, end, gender); a row without a role only says which state a
person belongs to. Users extend it with files named ``actors*.tsv`` (older files named
``entity_people*.tsv``, with name, aliases, country and gender, extend it too).

Offices carry dates so that "the president" of a 2004 article and of a 2026 one resolve
to different people, and so that a leader's country does not depend on the article.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from ...errors import LexiconError
from ...lexicons import load_tsv, split_field


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", " ".join(text.split()))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True)
class Office:
    """One office held: ``role`` of ``country`` (ISO alpha-3) or of ``organisation``."""

    role: str
    country: str | None
    organisation: str | None
    start: date | None
    end: date | None  # None: still held when the lexicon was last checked

    def held_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Actor:
    """A listed person: the state they belong to, gender and offices."""

    name: str
    aliases: tuple[str, ...]
    country: str | None  # the state the person belongs to outside any office row
    gender: str | None
    offices: tuple[Office, ...]

    def offices_on(self, day: date | None) -> list[Office]:
        """Offices held on ``day``; with no date, the offices still held (open-ended)."""
        if day is None:
            return [o for o in self.offices if o.end is None and o.start is not None]
        return [o for o in self.offices if o.held_on(day)]

    def country_on(self, day: date | None) -> str | None:
        """The state the person acts for on ``day``: the office's state, none for an
        international organisation's office, else the state the person belongs to."""
        held = self.offices_on(day)
        if held:
            return held[0].country
        if self.country:
            return self.country
        countries = [o.country for o in self.offices if o.country]
        return countries[-1] if countries else None


def parse_lexicon_date(value: str | None, *, end: bool = False) -> date | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; a partial end date is the period's last day."""
    value = (value or "").strip()
    if not value:
        return None
    parts = value.split("-")
    try:
        if len(parts) == 1:
            return date(int(parts[0]), 12, 31) if end else date(int(parts[0]), 1, 1)
        if len(parts) == 2:
            year, month = int(parts[0]), int(parts[1])
            if not end:
                return date(year, month, 1)
            following = date(year + month // 12, month % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
        return date.fromisoformat(value)
    except ValueError as exc:
        raise LexiconError(
            f"actors lexicon: bad date {value!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)"
        ) from exc


class ActorLexicon:
    """Listed actors by any of their names, and the holders of an office on a date."""

    def __init__(self, user_lexicons: tuple[Path, ...] = ()) -> None:
        rows = load_tsv("actors", user_lexicons)
        grouped: dict[str, list[dict[str, str]]] = {}
        for row in rows:
            if not row.get("name"):
                raise LexiconError(f"actors lexicon: a row without a name: {row}")
            grouped.setdefault(_fold(row["name"]), []).append(row)
        self.actors: list[Actor] = [self._actor(group) for group in grouped.values()]
        self.by_name: dict[str, Actor] = {}
        surnames: dict[str, set[int]] = {}
        for number, actor in enumerate(self.actors):
            for form in (actor.name, *actor.aliases):
                self.by_name.setdefault(_fold(form), actor)
            surnames.setdefault(_fold(actor.name.split()[-1]), set()).add(number)
        # A surname alone ("Ruiz") identifies a listed person only when no other shares it.
        self.by_surname = {k: self.actors[next(iter(v))] for k, v in surnames.items() if len(v) == 1}

    @staticmethod
    def _actor(rows: list[dict[str, str]]) -> Actor:
        aliases: list[str] = []
        offices = []
        country = gender = None
        for row in rows:
            aliases += [a for a in split_field(row.get("aliases")) if a not in aliases]
            gender = gender or (row.get("gender") or "").lower() or None
            row_country = (row.get("country") or "").upper() or None
            role = (row.get("role") or "").strip()
            if role:
                start = parse_lexicon_date(row.get("start"))
                end = parse_lexicon_date(row.get("end"), end=True)
                organisation = (row.get("organisation") or "").strip() or None
                offices.append(Office(role, row_country, organisation, start, end))
            elif row_country:
                country = row_country
        offices.sort(key=lambda o: o.start or date.min)
        return Actor(rows[0]["name"], tuple(aliases), country, gender, tuple(offices))

    def find(self, names: list[str]) -> Actor | None:
        """A listed actor with one of these names: full names first, then a unique surname.

        Pass only the full names when there are any: a surname alone identifies a listed
        person only in an article that never gives the person's full name.
        """
        for name in sorted(names, key=lambda n: -len(n.split())):
            if (hit := self.by_name.get(_fold(name))) is not None:
                return hit
        for name in names:
            if len(name.split()) == 1 and (hit := self.by_surname.get(_fold(name))) is not None:
                return hit
        return None

    def holders(
        self, role: str, day: date, country: str | None = None, organisation: str | None = None
    ) -> list[Actor]:
        """Who held ``role`` (case-insensitive) of ``country`` or ``organisation`` on ``day``."""
        wanted = role.casefold()
        found = []
        for actor in self.actors:
            for office in actor.offices_on(day):
                if office.role.casefold() != wanted:
                    continue
                if country is not None and office.country != country:
                    continue
                if organisation is not None and _fold(office.organisation or "") != _fold(organisation):
                    continue
                found.append(actor)
                break
        return found


@lru_cache(maxsize=8)
def get_actor_lexicon(user_lexicons: tuple[Path, ...] = ()) -> ActorLexicon:
    """The actor lexicon for these user lexicons, loaded once per process."""
    return ActorLexicon(user_lexicons)
