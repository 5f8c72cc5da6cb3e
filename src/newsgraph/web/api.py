"""The JSON API under /api/: thin handlers over the store and the pipeline.

List endpoints answer a plain JSON list; pagination is ``limit``/``offset``
with a ``Link: <...>; rel="next"`` header when a further page may exist, and
``X-Total-Count`` where the store can count.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request, Response
from fastapi.responses import JSONResponse

from .extraction import EXTRACT_REQUEST_BODY, ExtractionFailed, extract_request
from .params import Filters, Limit, MinWeight, Offset, StoreDep, Text, corpus_answer, filter_key, iso
from .schemas import (
    ArticleRow,
    DocumentOut,
    EntityProfile,
    EntityRow,
    ErrorOut,
    EventRow,
    ExtractOut,
    Network,
    QuoteRow,
    SearchOut,
    StoreStats,
    TimelineRow,
)

router = APIRouter(prefix="/api", tags=["api"])

NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut, "description": "no such record"}}
LIST_HEADERS = {
    "Link": {"description": 'next page, as <url>; rel="next"', "schema": {"type": "string"}},
}


def paginate(request: Request, response: Response, rows: list, limit: int, offset: int) -> list:
    """Set the ``Link`` header when a full page suggests there is more."""
    if len(rows) >= limit:
        next_url = request.url.include_query_params(limit=limit, offset=offset + limit)
        response.headers["Link"] = f'<{next_url}>; rel="next"'
    return rows


@router.get(
    "/articles",
    response_model=list[ArticleRow],
    responses={
        200: {
            "headers": {
                **LIST_HEADERS,
                "X-Total-Count": {"description": "rows matching", "schema": {"type": "string"}},
            }
        }
    },
)
def list_articles(
    st: StoreDep,
    request: Request,
    response: Response,
    since: date | None = None,
    until: date | None = None,
    source: Text = None,
    entity: Text = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    """Articles, newest first, filtered by published date, source or a corpus entity id."""
    filters = {"since": iso(since), "until": iso(until), "source": source or None, "entity": entity or None}
    rows = st.list_articles(limit=limit, offset=offset, **filters)
    response.headers["X-Total-Count"] = str(st.count_articles(**filters))
    return paginate(request, response, rows, limit, offset)


@router.get("/articles/{article_id}", response_model=DocumentOut, responses=NOT_FOUND)
def get_article(article_id: str, st: StoreDep) -> Any:
    """One article in the document JSON contract, with its text."""
    document = st.get_document(article_id)
    if document is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return document


@router.get("/entities", response_model=list[EntityRow], responses={200: {"headers": LIST_HEADERS}})
def list_entities(
    st: StoreDep,
    request: Request,
    response: Response,
    type: Annotated[str | None, Query(max_length=40, description="entity type, e.g. PERSON")] = None,
    q: Text = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    """Corpus entities, most mentioned first; ``q`` filters by name."""
    rows = st.list_entities(limit=limit, offset=offset, type=type.upper() if type else None, q=q or None)
    return paginate(request, response, rows, limit, offset)


@router.get("/entities/{entity_id}", response_model=EntityProfile, responses=NOT_FOUND)
def get_entity(entity_id: str, st: StoreDep) -> Any:
    """An entity's profile: titles, quotes, events as source and target, neighbours."""
    profile = st.entity_profile(entity_id)
    if profile is None:
        raise HTTPException(404, f"no entity with id {entity_id!r}")
    return profile


@router.get("/quotes", response_model=list[QuoteRow], responses={200: {"headers": LIST_HEADERS}})
def list_quotes(
    st: StoreDep,
    request: Request,
    response: Response,
    speaker: Text = None,
    about: Text = None,
    since: date | None = None,
    until: date | None = None,
    article: Text = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Any:
    """Quotes, filtered by speaker (entity id or name), topic words, dates or article."""
    rows = st.quotes(
        speaker=speaker or None,
        about=about or None,
        since=iso(since),
        until=iso(until),
        article=article or None,
        limit=limit,
        offset=offset,
    )
    return paginate(request, response, rows, limit, offset)


@router.get("/events", response_model=list[EventRow], responses={200: {"headers": LIST_HEADERS}})
def list_events(
    st: StoreDep,
    request: Request,
    response: Response,
    filters: Filters,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Any:
    """Events with the CLI's filters: type, source, target, country, place, since, until."""
    rows = st.events(limit=limit, offset=offset, **filters.as_store_kwargs())
    return paginate(request, response, rows, limit, offset)


@router.get("/events/timeline", response_model=list[TimelineRow])
def events_timeline(filters: Filters, st: StoreDep, request: Request) -> Any:
    """Event counts per month and type, with the same filters as /api/events."""
    kwargs = filters.as_store_kwargs()
    return corpus_answer(
        request, ("events_timeline", filter_key(kwargs)), lambda: st.events_timeline(**kwargs)
    )


@router.get("/search", response_model=SearchOut)
def search(
    st: StoreDep,
    q: Annotated[str, Query(max_length=500, description="words to find; any text is safe")] = "",
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
    offset: Offset = 0,
) -> Any:
    """Full-text search over article text and quotes, plus entities by name."""
    if not q.strip():
        return {"query": q, "hits": [], "entities": []}
    return {
        "query": q,
        "hits": st.search(q, limit=limit, offset=offset),
        "entities": st.find_entities(q, limit=10) if offset == 0 else [],
    }


@router.get("/stats", response_model=StoreStats)
def stats(st: StoreDep, request: Request) -> Any:
    """Corpus counts."""
    return corpus_answer(request, ("stats",), st.stats)


@router.get("/network", response_model=Network)
def network(
    st: StoreDep,
    request: Request,
    limit: Annotated[int, Query(ge=1, le=2000, description="most connected actors to keep")] = 200,
    min_weight: MinWeight = 1,
) -> Any:
    """Actors linked by events, with cooperation and conflict counts on each edge."""
    return corpus_answer(
        request, ("network", limit, min_weight), lambda: st.network(limit=limit, min_weight=min_weight)
    )


@router.post(
    "/extract",
    response_model=ExtractOut,
    openapi_extra={"requestBody": EXTRACT_REQUEST_BODY},
    responses={
        403: {"model": ErrorOut, "description": "storing asked of a read-only server"},
        413: {"model": ErrorOut, "description": "request body over the size limit"},
        415: {"model": ErrorOut, "description": "unsupported content type"},
        422: {"model": ErrorOut, "description": "no readable article in the request"},
    },
)
async def extract(
    request: Request,
    store: Annotated[
        bool | None,
        Query(description="store the result (default: yes unless the server is read-only)"),
    ] = None,
) -> Any:
    """Extract one article sent as JSON ``{text, title?, published?, source?, url?}`` or as a form/upload.

    Answers the document contract plus ``stored``/``duplicate``; the article is
    stored unless the server is read-only.
    """
    try:
        result = await extract_request(request, store=store)
    except ExtractionFailed as exc:
        return JSONResponse({"detail": exc.detail}, status_code=exc.status)
    return result
