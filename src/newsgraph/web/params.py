"""Request parameters shared by the pages and the JSON API: one bound for each number.

Every numeric parameter has an upper bound, so no request can hand SQLite an
integer it cannot hold (2**63 and up) and answer 500; pages and API answer 422
alike.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from fastapi import Depends, Query, Request

from ..store import Store

if TYPE_CHECKING:
    from .access import StoreAccess

Answer = TypeVar("Answer")

MAX_OFFSET = 10_000_000
MAX_MIN_WEIGHT = 1_000_000

Limit = Annotated[int, Query(ge=1, le=1000, description="page size")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="rows to skip")]
MinWeight = Annotated[int, Query(ge=1, le=MAX_MIN_WEIGHT, description="fewest events on an edge")]
Text = Annotated[str | None, Query(max_length=500)]


def request_store(request: Request) -> Store:
    """This worker thread's store."""
    store: Store = request.app.state.access.store()
    return store


StoreDep = Annotated[Store, Depends(request_store)]


def corpus_answer(request: Request, key: Hashable, compute: Callable[[], Answer]) -> Answer:
    """A whole-corpus answer (counts, timeline, network, map points), kept until the store changes.
    The answer is shared between requests: do not modify it."""
    access: StoreAccess = request.app.state.access
    return access.corpus_answer(key, compute)


def filter_key(kwargs: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    """Store keyword arguments as part of a cache key (a filter left out and one set to None alike)."""
    return tuple(sorted((name, value) for name, value in kwargs.items() if value is not None))


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


class EventFilters:
    """The event filters shared by the CLI, the API and the events page."""

    def __init__(
        self,
        type: Annotated[
            str | None, Query(max_length=40, description="PLOVER event type, e.g. ASSAULT")
        ] = None,
        source: Annotated[str | None, Query(max_length=500, description="source actor (id or name)")] = None,
        target: Annotated[str | None, Query(max_length=500, description="target actor (id or name)")] = None,
        country: Annotated[
            str | None, Query(pattern=r"^[A-Za-z]{3}$", description="ISO 3166-1 alpha-3 of either actor")
        ] = None,
        place: Annotated[str | None, Query(max_length=500, description="event location name")] = None,
        since: Annotated[date | None, Query(description="first day, inclusive")] = None,
        until: Annotated[date | None, Query(description="last day, inclusive")] = None,
        article: Annotated[str | None, Query(max_length=200, description="article id")] = None,
    ) -> None:
        self.type = (type.strip().upper() or None) if type else None
        self.source = source or None
        self.target = target or None
        self.country = country.upper() if country else None
        self.place = place or None
        self.since = since
        self.until = until
        self.article = article or None

    def as_store_kwargs(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "source": self.source,
            "target": self.target,
            "country": self.country,
            "place": self.place,
            "since": iso(self.since),
            "until": iso(self.until),
            "article": self.article,
        }

    def as_query(self) -> dict[str, str]:
        """The filters in force, as query parameters for links."""
        values = {**self.as_store_kwargs()}
        return {k: str(v) for k, v in values.items() if v}


Filters = Annotated[EventFilters, Depends()]
