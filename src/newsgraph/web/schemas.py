"""Response and request models of the JSON API: they make /openapi.json exact.

What the store's queries answer is declared once, in ``store/shapes.py``, and
answered as it is; this module adds the document contract (what extraction
produces and the store keeps as JSON), the extraction request and the few
answers assembled here. Every model allows extra fields, so the store may add
information without breaking clients; the fields named are the ones clients
can rely on.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ..store.shapes import (
    ArticleRef,
    ArticleRow,
    EntityProfile,
    EntityRow,
    EventActor,
    EventLocation,
    EventRow,
    EventTime,
    NeighbourRow,
    Network,
    NetworkEdge,
    NetworkNode,
    QuantityRow,
    QuoteRow,
    SearchHit,
    Span,
    StoreStats,
    TimelineRow,
    TitleRow,
)

__all__ = [
    "ArticleMeta",
    "ArticleRef",
    "ArticleRow",
    "DocEntity",
    "DocEvent",
    "DocPlace",
    "DocQuote",
    "DocTime",
    "DocumentOut",
    "EntityProfile",
    "EntityRow",
    "ErrorOut",
    "EventActor",
    "EventLocation",
    "EventRow",
    "EventTime",
    "ExtractIn",
    "ExtractOut",
    "Network",
    "NetworkEdge",
    "NetworkNode",
    "NeighbourRow",
    "QuantityRow",
    "QuoteRow",
    "SearchHit",
    "SearchOut",
    "Span",
    "StoreStats",
    "TimelineRow",
    "TitleRow",
]


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ErrorOut(BaseModel):
    detail: Any = Field(description="what went wrong, in words")


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


class DocEvent(Open):
    type: str
    mode: str | None = None
    source: EventActor | None = None
    target: EventActor | None = None
    modality: str | None = None
    trigger: Span
    sentence: Span | None = None
    location: EventLocation | None = None
    time: EventTime | None = None
    quantities: list[QuantityRow] = []


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
    quantities: list[QuantityRow] = []
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


class SearchOut(BaseModel):
    query: str
    hits: list[SearchHit]
    entities: list[EntityRow]
