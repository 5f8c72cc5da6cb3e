"""The shapes of what the store's read queries answer: one declaration each.

``StoreQueries`` returns these, and the JSON API answers them as they are
(``web/schemas.py`` uses them as response models, so /openapi.json describes
exactly what the store returns). Fields are declared in the order the API has
always written them. A row may carry more than its shape names (``_open``), so
a new column reaches clients before it is declared; what is declared is what
clients can rely on.

They are ``typing_extensions.TypedDict`` because pydantic (behind the API)
needs that form on Python 3.11; the store itself does not use pydantic.
"""

from __future__ import annotations

from typing import Any, NotRequired, TypeVar

from typing_extensions import TypedDict

Shape = TypeVar("Shape", bound=type)


def _open(shape: Shape) -> Shape:
    # Read by pydantic (the ``with_config`` hook): keep fields a shape does not name.
    shape.__pydantic_config__ = {"extra": "allow"}  # type: ignore[attr-defined]
    return shape


@_open
class Span(TypedDict):
    """A stretch of the article body: ``text == body[start:end]``."""

    start: int
    end: int
    text: str


@_open
class EventActor(TypedDict):
    """An event's source or target: the corpus entity id when resolved, its name and country."""

    entity: str | None
    name: str | None
    country: str | None
    # "text" when the article gave the country, "corpus" when the same corpus entity's other
    # articles did (newsgraph.corpus.actors), None when nothing determines it.
    country_from: NotRequired[str | None]


@_open
class EventLocation(TypedDict):
    name: str | None
    country: str | None
    lat: float | None
    lon: float | None
    # point, city, region or country (newsgraph.geo): the store's events carry it, a freshly
    # extracted document's events do not (the store knows each place's kind of feature).
    geo_precision: NotRequired[str | None]


@_open
class EventTime(TypedDict):
    text: str | None
    value_start: str | None
    value_end: str | None


@_open
class QuantityRow(TypedDict):
    value: float | None
    unit: str | None
    kind: str | None
    qualifier: str | None
    text: str | None
    start: int | None
    end: int | None


@_open
class EventRow(TypedDict):
    """An event in the document contract's shape plus its article, date and cluster."""

    article_id: str
    published: str | None
    type: str
    mode: str | None
    modality: str | None
    source: EventActor | None
    target: EventActor | None
    trigger: Span | None
    location: EventLocation | None
    time: EventTime | None
    id: int
    date: str | None  # the event's own day when known, else the article's
    sentence: Span
    quantities: list[QuantityRow]
    reported_by: str | None
    confidence: float | None
    cluster: str | None


@_open
class MapPoint(TypedDict):
    """A geocoded event, trimmed to what a map draws."""

    lat: float
    lon: float
    place: str | None
    country: str | None
    geo_precision: str | None  # point, city, region or country (see newsgraph.geo)
    type: str
    source: str | None
    target: str | None
    trigger: str | None
    article_id: str
    published: str | None


@_open
class ArticleRow(TypedDict):
    id: str
    title: str | None
    published: str | None
    source: str | None
    url: str | None
    n_entities: int | None
    n_quotes: int | None
    n_events: int | None
    origin: NotRequired[str | None]


@_open
class EntityRow(TypedDict):
    """A corpus entity; ``first_seen``/``last_seen`` in lists, ``score`` in name look-ups."""

    id: str
    name: str
    type: str | None
    country: str | None
    n_articles: int | None
    n_mentions: int | None
    n_quotes: int | None
    first_seen: NotRequired[str | None]
    last_seen: NotRequired[str | None]
    score: NotRequired[int]


@_open
class QuoteRow(TypedDict):
    article_id: str
    published: str | None
    speaker: str | None  # corpus entity id
    speaker_name: str | None
    speaker_text: str | None
    kind: str | None
    cue: str | None
    text: str
    start: int | None
    end: int | None
    id: int
    title: str | None  # the article's
    speaker_country: str | None
    cue_kind: str | None


@_open
class TitleRow(TypedDict):
    title: str
    first_seen: str | None
    last_seen: str | None
    n: int | None


@_open
class NeighbourRow(TypedDict):
    """An entity named in the same articles; ``weight`` counts those articles."""

    id: str
    name: str | None
    type: str | None
    weight: float | None
    country: str | None


@_open
class ArticleRef(TypedDict):
    id: str
    title: str | None
    published: str | None


@_open
class EntityProfile(TypedDict):
    id: str
    name: str
    type: str | None
    country: str | None
    aliases: list[str]
    titles: list[TitleRow]
    n_quotes: int | None
    quotes: list[QuoteRow]
    events_as_source: list[EventRow]
    events_as_target: list[EventRow]
    neighbours: list[NeighbourRow]
    articles: list[ArticleRef]
    n_articles: int | None
    n_mentions: int | None
    first_seen: str | None
    last_seen: str | None
    n_events_as_source: int
    n_events_as_target: int


@_open
class TimelineRow(TypedDict):
    period: str  # YYYY-MM
    type: str
    n: int


@_open
class SearchHit(TypedDict):
    kind: str  # "article" or "quote"
    article_id: str
    title: str | None
    snippet: str | None
    published: str | None
    rank: float
    speaker_name: NotRequired[str | None]  # quote hits
    speaker: NotRequired[str | None]


@_open
class PublishedRange(TypedDict):
    first: str | None
    last: str | None


@_open
class StoreStats(TypedDict):
    articles: int
    entities: int
    quotes: int
    events: int
    events_by_type: dict[str, int]
    article_entities: int
    mentions: int
    quantities: int
    places: int
    times: int
    failures: int
    event_clusters: int
    sources: int
    multi_report_clusters: int
    published_range: PublishedRange
    latest_run: dict[str, Any] | None


@_open
class NetworkNode(TypedDict):
    id: str
    name: str | None
    type: str | None
    country: str | None
    degree: int


@_open
class NetworkEdge(TypedDict):
    """Events from ``source`` to ``target``: all of them, the cooperative and the conflictual."""

    source: str
    target: str
    weight: float
    cooperation: float
    conflict: float


@_open
class Network(TypedDict):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
