"""Server-rendered pages; each is also its own JSON twin (``?format=json`` or ``.json``).

A handler gathers plain data from the store into ``data`` (what the JSON twin
answers) and adds ready-made markup (charts, highlighted text) for the
template only.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from markupsafe import Markup, escape

from ..store import Store
from ..store.shapes import EntityRow, MapPoint, NetworkNode, TimelineRow
from .charts import CONFLICT_TYPES, COOPERATION_TYPES, EVENT_TYPES, entity_timeline, legend, timeline_bars
from .extraction import ExtractionFailed, extract_article, read_extract_request
from .facets import facet_links
from .highlight import document_annotations, render_highlighted
from .params import Filters, MinWeight, Offset, corpus_answer, filter_key, iso, request_store
from .views import render, strip_json_suffix, wants_json

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 50
MAP_EVENT_LIMIT = 5000
# Values shown per facet; the rest are counted ("and 12 more").
FACET_SIZE = 8
# Groups of event types the network page offers besides single types.
TYPE_GROUPS = {"cooperation": COOPERATION_TYPES, "conflict": CONFLICT_TYPES}


def _store(request: Request) -> Store:
    return request_store(request)


def _most_active(request: Request, store: Store, limit: int = 12) -> list[NetworkNode] | list[EntityRow]:
    """Actors with most events; entities with most mentions when no events link anyone."""
    nodes = corpus_answer(request, ("network", limit, 1), lambda: store.network(limit=limit))["nodes"]
    if nodes:
        return sorted(nodes, key=lambda n: -(n.get("degree") or 0))[:limit]
    return store.list_entities(limit=limit)


@router.get("/", response_class=HTMLResponse)
@router.get("/index.json")
def home(request: Request) -> Response:
    store = _store(request)
    timeline, chart = _timeline(request, store, {})
    data = {
        "stats": corpus_answer(request, ("stats",), store.stats),
        "latest_articles": store.list_articles(limit=10),
        "most_active": _most_active(request, store),
        "events_timeline": timeline,
    }
    return render(request, "home.html", data, chart=chart)


@router.get("/articles", response_class=HTMLResponse)
@router.get("/articles.json")
def articles_page(
    request: Request,
    since: date | None = None,
    until: date | None = None,
    source: Annotated[str | None, Query(max_length=500)] = None,
    entity: Annotated[str | None, Query(max_length=500)] = None,
    offset: Offset = 0,
) -> Response:
    store = _store(request)
    filters = {"since": iso(since), "until": iso(until), "source": source or None, "entity": entity or None}
    data = {
        "filters": {k: v for k, v in filters.items() if v},
        "total": store.count_articles(**filters),
        "offset": offset,
        "limit": PAGE_SIZE,
        "articles": store.list_articles(limit=PAGE_SIZE, offset=offset, **filters),
    }
    return render(request, "articles.html", data)


def _side_lists(document: dict[str, Any]) -> dict[str, Any]:
    entities = sorted(
        enumerate(document.get("entities") or []), key=lambda pair: -len(pair[1].get("mentions") or [])
    )
    return {"entities_by_mentions": [{"key": f"e{i}", **e} for i, e in entities]}


def _article_view(document: dict[str, Any]) -> dict[str, Any]:
    annotations, details = document_annotations(document)
    return {
        "body": render_highlighted(document.get("text") or "", annotations),
        "details": details,
        **_side_lists(document),
        "types_in_events": sorted({e.get("type") for e in document.get("events") or [] if e.get("type")}),
    }


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> Response:
    article_id, as_json = strip_json_suffix(article_id, request)
    document = _store(request).get_document(article_id)
    if document is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    if as_json:
        return JSONResponse(document)
    return render(request, "article.html", document, **_article_view(document), stored=True)


@router.get("/entities", response_class=HTMLResponse)
@router.get("/entities.json")
def entities_page(
    request: Request,
    type: Annotated[str | None, Query(max_length=40)] = None,
    q: Annotated[str | None, Query(max_length=500)] = None,
    offset: Offset = 0,
) -> Response:
    store = _store(request)
    data = {
        "filters": {k: v for k, v in {"type": type, "q": q}.items() if v},
        "offset": offset,
        "limit": PAGE_SIZE,
        "entities": store.list_entities(
            limit=PAGE_SIZE, offset=offset, type=type.upper() if type else None, q=q or None
        ),
    }
    return render(request, "entities.html", data)


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str) -> Response:
    entity_id, as_json = strip_json_suffix(entity_id, request)
    profile = _store(request).entity_profile(entity_id)
    if profile is None:
        raise HTTPException(404, f"no entity with id {entity_id!r}")
    if as_json:
        return JSONResponse(profile)
    chart = entity_timeline(
        profile.get("events_as_source") or [],
        profile.get("events_as_target") or [],
        profile.get("quotes") or [],
        totals=(
            profile.get("n_events_as_source"),
            profile.get("n_events_as_target"),
            profile.get("n_quotes"),
        ),
    )
    types = {
        e.get("type")
        for e in (profile.get("events_as_source") or []) + (profile.get("events_as_target") or [])
    }
    return render(
        request, "entity.html", profile, chart=chart, chart_legend=legend(sorted(t for t in types if t))
    )


def _timeline(
    request: Request, store: Store, kwargs: dict[str, Any], query: dict[str, str] | None = None
) -> tuple[list[TimelineRow], Markup]:
    """Event counts per month and type, and their chart (bars link to /events with ``query``):
    both kept until the store changes."""

    def compute() -> tuple[list[TimelineRow], Markup]:
        timeline = store.events_timeline(**kwargs)
        return timeline, timeline_bars(timeline, link_base="/events", query=query)

    # One entry for both, so the chart is always drawn from the counts kept beside it.
    key = ("timeline and chart", filter_key(kwargs), tuple(sorted((query or {}).items())))
    return corpus_answer(request, key, compute)


def _map_points(request: Request, store: Store, kwargs: dict[str, Any]) -> list[MapPoint]:
    return corpus_answer(
        request,
        ("map_points", MAP_EVENT_LIMIT, filter_key(kwargs)),
        lambda: store.map_points(limit=MAP_EVENT_LIMIT, **kwargs),
    )


@router.get("/events", response_class=HTMLResponse)
@router.get("/events.json")
def events_page(
    request: Request,
    filters: Filters,
    offset: Offset = 0,
) -> Response:
    store = _store(request)
    kwargs = filters.as_store_kwargs()
    query = filters.as_query()
    timeline, chart = _timeline(request, store, kwargs, query)
    facets = corpus_answer(
        request,
        ("event_facets", FACET_SIZE, filter_key(kwargs)),
        lambda: store.event_facets(limit=FACET_SIZE, **kwargs),
    )
    total = corpus_answer(request, ("count_events", filter_key(kwargs)), lambda: store.count_events(**kwargs))
    data = {
        "filters": query,
        "total": total,
        "offset": offset,
        "limit": PAGE_SIZE,
        "events": store.events(limit=PAGE_SIZE, offset=offset, **kwargs),
        "timeline": timeline,
        "facets": facets,
    }
    if wants_json(request):
        return JSONResponse(data)
    points = _map_points(request, store, kwargs)
    return render(
        request,
        "events.html",
        data,
        chart=chart,
        map_points=points,
        filter_values=query,
        facets=facet_links(facets, "events", "/events", query),
        corpus_empty=not query and total == 0,
    )


@router.get("/map", response_class=HTMLResponse)
@router.get("/map.json")
def map_page(request: Request, filters: Filters) -> Response:
    points = _map_points(request, _store(request), filters.as_store_kwargs())
    data = {"filters": filters.as_query(), "points": points}
    types = sorted({p["type"] for p in points if p.get("type")})
    return render(request, "map.html", data, map_points=points, map_legend=legend(types))


@router.get("/network", response_class=HTMLResponse)
@router.get("/network.json")
def network_page(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=1000)] = 150,
    min_weight: MinWeight = 1,
    type: Annotated[
        str | None, Query(max_length=40, description="event type, cooperation or conflict")
    ] = None,
    since: date | None = None,
    until: date | None = None,
) -> Response:
    """Actors linked by events in a period, of a type, on pairs with at least ``min_weight`` events."""
    chosen = (type or "").strip()
    if chosen.lower() in TYPE_GROUPS:
        types = ",".join(TYPE_GROUPS[chosen.lower()])
    elif chosen.upper() in EVENT_TYPES or not chosen:
        types = chosen.upper()
    else:
        allowed = ", ".join(["cooperation", "conflict", *EVENT_TYPES])
        raise HTTPException(422, f"invalid request: type: {chosen!r} is not one of {allowed}")
    store = _store(request)
    network_filters = {"type": types or None, "since": iso(since), "until": iso(until)}
    network = corpus_answer(
        request,
        ("actor_network", limit, min_weight, filter_key(network_filters)),
        lambda: store.actor_network(limit=limit, min_weight=min_weight, **network_filters),
    )
    filters = {"type": chosen, "since": iso(since), "until": iso(until)}
    data = {
        **network,
        "filters": {k: v for k, v in filters.items() if v},
        "limit": limit,
        "min_weight": min_weight,
    }
    return render(
        request, "network.html", data, cooperation_types=COOPERATION_TYPES, type_groups=list(TYPE_GROUPS)
    )


def snippet_markup(snippet: str | None, marks: tuple[str, str] | None) -> Markup:
    """A search snippet escaped, with only the store's own match markers turned into ``<mark>``."""
    if not snippet:
        return Markup("")
    if marks is None:
        return escape(snippet)
    opening, closing = marks
    pieces = []
    for i, chunk in enumerate(snippet.split(opening)):
        if i == 0:
            pieces.append(escape(chunk))
            continue
        matched, _, rest = chunk.partition(closing)
        pieces.append(Markup("<mark>{}</mark>{}").format(matched, rest))
    return Markup("").join(pieces)


@router.get("/search", response_class=HTMLResponse)
@router.get("/search.json")
def search_page(
    request: Request,
    q: Annotated[str, Query(max_length=500)] = "",
    source: Annotated[str | None, Query(max_length=500)] = None,
    since: date | None = None,
    until: date | None = None,
    type: Annotated[str | None, Query(max_length=40)] = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$")] = None,
    offset: Offset = 0,
) -> Response:
    """Articles whose text or quotes match, one entry per article with its hits, and facets."""
    store = _store(request)
    filters = {
        "source": source or None,
        "since": iso(since),
        "until": iso(until),
        "type": type.upper() if type else None,
        "country": country.upper() if country else None,
    }
    query = {k: v for k, v in filters.items() if v}
    searching = bool(q.strip())
    # Hits, totals and facets are counted from one pass over the matched articles.
    found: dict[str, Any] = (
        store.search_with_facets(q, limit=PAGE_SIZE, offset=offset, facet_limit=FACET_SIZE, **filters)
        if searching
        else {"total_articles": 0, "total_hits": 0, "articles": [], "facets": {}}
    )
    data = {
        "query": q,
        "filters": query,
        "offset": offset,
        "limit": PAGE_SIZE,
        "total_articles": found["total_articles"],
        "total_hits": found["total_hits"],
        "articles": found["articles"],
        "facets": found["facets"],
        "entities": store.find_entities(q, limit=10) if searching and offset == 0 else [],
    }
    if wants_json(request):
        return JSONResponse(data)
    # The store marks matches in snippets with these characters (FTS5 snippet()).
    marks = getattr(store, "SNIPPET_MARKS", ("[", "]"))
    snippets = [
        {
            "text": snippet_markup(hit.get("text_snippet"), marks),
            "quotes": [snippet_markup(quoted.get("snippet"), marks) for quoted in hit["quotes"]],
        }
        for hit in data["articles"]
    ]
    return render(
        request,
        "search.html",
        data,
        snippets=snippets,
        facets=facet_links(data["facets"], "search", "/search", {"q": q, **query}),
        corpus_empty=searching and store.count_articles() == 0,
    )


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> Response:
    """The API described from its own OpenAPI document, rendered here (no outside assets)."""
    spec = request.app.openapi()
    operations = [
        {
            "method": method.upper(),
            "path": path,
            "summary": operation.get("summary"),
            "description": operation.get("description"),
            "parameters": operation.get("parameters", []),
            "body": sorted((operation.get("requestBody") or {}).get("content", {})),
        }
        for path, methods in spec.get("paths", {}).items()
        for method, operation in methods.items()
    ]
    return render(request, "docs.html", {"title": spec["info"]["title"], "operations": operations})


@router.get("/extract", response_class=HTMLResponse)
def extract_form(request: Request) -> Response:
    return render(request, "extract.html", {"read_only": request.app.state.read_only}, error=None)


@router.post("/extract", response_class=HTMLResponse)
async def extract_submit(request: Request) -> Response:
    """Extract the pasted or uploaded article; show its page (stored unless read-only)."""
    try:
        article = await read_extract_request(request, lenient=True)
        result = await extract_article(request, article, store=None)
    except ExtractionFailed as exc:
        if wants_json(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status)
        message = (
            exc.detail if isinstance(exc.detail, str) else "; ".join(str(e.get("msg", e)) for e in exc.detail)
        )
        context = {"read_only": request.app.state.read_only}
        response = render(request, "extract.html", context, error=message)
        response.status_code = exc.status
        return response
    if wants_json(request):
        return JSONResponse(result)
    if result.get("page"):
        return RedirectResponse(result["page"], status_code=303)
    counts = Counter({k: len(result.get(k) or []) for k in ("entities", "quotes", "events")})
    return render(request, "article.html", result, **_article_view(result), stored=False, counts=counts)
