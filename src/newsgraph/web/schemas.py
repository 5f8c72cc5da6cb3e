"""Response and request models of the JSON API: they make /openapi.json exact.

Every model allows extra fields, so the store may add information without
breaking clients; the fields named here are the ones clients can rely on.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ErrorOut(BaseModel):
    detail: Any = Field(description="what went wrong, in words")


class Span(Open):
    start: int
    end: int
    text: str


class ArticleMeta(Open):
    id: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None


class DocEntity(Open):
    id: str
    name: str
    type: str
    titles: list[str] = []
    country: str | None = None
    mentions: list[Span] = []


class DocQuote(Open):
    speaker: str | None = None
    speaker_name: str | None = None
    kind: str
    cue: str | None = None
    text: str
    start: int
    end: int


class ActorOut(Open):
    entity: str | None = None
    name: str | None = None
    country: str | None = None


class LocationOut(Open):
    name: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


class TimeOut(Open):
    text: str | None = None
    value_start: str | None = None
    value_end: str | None = None


class QuantityOut(Open):
    value: float | None = None
    unit: str | None = None
    kind: str | None = None
    qualifier: str | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None


class DocEvent(Open):
    type: str
    mode: str | None = None
    source: ActorOut | None = None
    target: ActorOut | None = None
    modality: str | None = None
    trigger: Span
    sentence: Span | None = None
    location: LocationOut | None = None
    time: TimeOut | None = None
    quantities: list[QuantityOut] = []


class DocPlace(Open):
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    mentions: list[Span] = []


class DocTime(Open):
    text: str
    start: int
    end: int
    value_start: str | None = None
    value_end: str | None = None


class DocumentOut(Open):
    """The document JSON contract (shared/eval/SCHEMA.md) plus the body ``text``."""

    article: ArticleMeta
    text: str | None = None
    entities: list[DocEntity] = []
    quotes: list[DocQuote] = []
    events: list[DocEvent] = []
    quantities: list[QuantityOut] = []
    places: list[DocPlace] = []
    times: list[DocTime] = []


class ExtractOut(DocumentOut):
    stored: bool = Field(description="true when this request added the article to the store")
    duplicate: bool = Field(description="true when the same text was already stored")
    page: str | None = Field(None, description="address of the article page when stored")


class ExtractIn(BaseModel):
    # strict: a number is not a title and a timestamp is not a date; the schema says strings.
    model_config = ConfigDict(extra="forbid", strict=True)

    text: str = Field(pattern=r"\S", description="the article body")
    title: str | None = None
    published: date | None = Field(
        None, description="publication date YYYY-MM-DD, used to resolve relative dates"
    )
    source: str | None = None
    url: str | None = None


class ArticleRow(Open):
    id: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    n_entities: int | None = None
    n_quotes: int | None = None
    n_events: int | None = None


class EntityRow(Open):
    id: str
    name: str
    type: str | None = None
    country: str | None = None
    n_articles: int | None = None
    n_mentions: int | None = None
    n_quotes: int | None = None


class TitleRow(Open):
    title: str
    first_seen: str | None = None
    last_seen: str | None = None
    n: int | None = None


class NeighbourRow(Open):
    id: str
    name: str | None = None
    type: str | None = None
    weight: float | None = None


class QuoteRow(Open):
    article_id: str
    published: str | None = None
    speaker: str | None = None
    speaker_name: str | None = None
    speaker_text: str | None = None
    kind: str | None = None
    cue: str | None = None
    text: str
    start: int | None = None
    end: int | None = None


class EventRow(Open):
    article_id: str
    published: str | None = None
    type: str
    mode: str | None = None
    modality: str | None = None
    source: ActorOut | None = None
    target: ActorOut | None = None
    trigger: Span | None = None
    location: LocationOut | None = None
    time: TimeOut | None = None


class ArticleRef(Open):
    id: str
    title: str | None = None
    published: str | None = None


class EntityProfileOut(Open):
    id: str
    name: str
    type: str | None = None
    country: str | None = None
    aliases: list[str] = []
    titles: list[TitleRow] = []
    n_quotes: int | None = None
    quotes: list[QuoteRow] = []
    events_as_source: list[EventRow] = []
    events_as_target: list[EventRow] = []
    neighbours: list[NeighbourRow] = []
    articles: list[ArticleRef] = []


class TimelineRow(Open):
    period: str
    type: str
    n: int


class SearchHit(Open):
    kind: Literal["article", "quote"] | str
    article_id: str
    title: str | None = None
    snippet: str | None = None
    published: str | None = None


class SearchOut(BaseModel):
    query: str
    hits: list[SearchHit]
    entities: list[EntityRow]


class StatsOut(Open):
    articles: int
    entities: int
    quotes: int
    events: int
    events_by_type: dict[str, int] = {}


class NetworkNode(Open):
    id: str
    name: str | None = None
    type: str | None = None
    country: str | None = None
    degree: int | None = None


class NetworkEdge(Open):
    source: str
    target: str
    weight: float
    cooperation: float = 0
    conflict: float = 0


class NetworkOut(Open):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
