"""Plain data records: what the pipeline produces, free of spaCy objects.

Every fact carries character offsets into the article body as stored
(``text[start:end]`` gives back the evidence). ``DocumentRecord.to_dict``
produces the public document JSON contract (see ``shared/eval/SCHEMA.md``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class TextSpan:
    """A stretch of the article body: ``body[start:end] == text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Article:
    """One article as read from its source, before any analysis."""

    id: str
    text: str
    title: str | None = None
    published: date | None = None
    source: str | None = None
    url: str | None = None
    origin: str | None = None  # file path, or "file.jsonl#12" for a record inside a file


@dataclass(frozen=True)
class Mention:
    """One reference to an entity. ``kind``: name, alias, title, nominal, pronoun."""

    start: int
    end: int
    text: str
    kind: str = "name"


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    type: str
    titles: tuple[str, ...] = ()
    country: str | None = None
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class Quantity:
    value: float | None
    unit: str | None
    kind: str
    qualifier: str | None
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    feature: str | None = None  # city, region, country, airport, ...
    mentions: tuple[TextSpan, ...] = ()


@dataclass(frozen=True)
class TimeExpression:
    text: str
    start: int
    end: int
    value_start: str | None
    value_end: str | None


@dataclass(frozen=True)
class Quote:
    speaker: str | None  # entity id
    speaker_name: str | None
    kind: str  # direct, indirect, mixed
    cue: str | None
    text: str
    start: int
    end: int
    speaker_text: str | None = None  # the words naming the speaker ("officials", "he")
    speaker_country: str | None = None
    cue_kind: str | None = None  # statement, request, denial, promise, accusation, ...
    addressee: str | None = None  # entity id
    addressee_name: str | None = None
    confidence: float = 1.0
    # A quote in pieces (`"A," she said, "B."`, or one running over paragraphs): each
    # piece's exact offsets; ``text`` is then the pieces joined and start/end their bounds.
    parts: tuple[TextSpan, ...] = ()
    speaker_start: int | None = None  # offsets of ``speaker_text`` in the body
    speaker_end: int | None = None


@dataclass(frozen=True)
class Actor:
    entity: str | None
    name: str | None
    country: str | None
    sector: str | None = None  # CAMEO agent code: GOV, MIL, REB, OPP, ...
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class EventPlace:
    name: str
    country: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class EventTime:
    text: str
    value_start: str | None
    value_end: str | None


@dataclass(frozen=True)
class Event:
    type: str
    mode: str | None
    source: Actor | None
    target: Actor | None
    modality: str  # asserted, negated, hypothetical, intended, reported
    trigger: TextSpan
    sentence: TextSpan
    location: EventPlace | None = None
    time: EventTime | None = None
    quantities: tuple[Quantity, ...] = ()
    reported_by: str | None = None  # entity id of the speaker when the event sits inside a quote
    confidence: float = 1.0


def _plain(value: Any) -> Any:
    """``dataclasses.asdict`` for records (dataclasses, tuples, scalars), without its deep copies.

    The same result as ``asdict``, several times faster: the store serialises every record it writes.
    """
    fields = getattr(value, "__dataclass_fields__", None)
    if fields is not None:
        return {name: _plain(getattr(value, name)) for name in fields}
    if isinstance(value, tuple | list):
        return type(value)(_plain(v) for v in value)
    return value


@dataclass(frozen=True)
class DocumentRecord:
    """Everything extracted from one article."""

    article: Article
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    places: tuple[Place, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    headings: tuple[TextSpan, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """The public document JSON contract, plus the body ``text`` and extra fields."""
        art = self.article
        return {
            "article": {
                "id": art.id,
                "title": art.title,
                "published": art.published.isoformat() if art.published else None,
                "source": art.source,
                "url": art.url,
            },
            "text": art.text,
            "headings": [_plain(h) for h in self.headings],
            "entities": [_plain(e) for e in self.entities],
            "quotes": [_plain(q) for q in self.quotes],
            "events": [_plain(e) for e in self.events],
            "quantities": [_plain(q) for q in self.quantities],
            "places": [_plain(p) for p in self.places],
            "times": [_plain(t) for t in self.times],
        }

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, origin: str | None = None) -> DocumentRecord:
        """The record ``to_dict`` gave ``data`` for (the inverse; ``origin`` travels apart from it)."""
        from .record_codec import document_from_dict

        return document_from_dict(data, origin=origin)
