"""The web application: ``create_app(db)`` gives a FastAPI app over one store.

Pages are server-rendered with Jinja2 (autoescape on) and each is also
reachable as JSON (``?format=json`` or a ``.json`` twin). The JSON API lives
under /api/ and is described by /openapi.json. Every script, style and the
map's world outline ship in ``static/``: the pages load nothing from elsewhere.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import jinja2
from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from .access import Extractor, StoreAccess
from .charts import EVENT_COLOURS, EVENT_TYPES
from .limits import (
    DEFAULT_MAX_BODY_BYTES,
    BodyLimitMiddleware,
    DropEmptyQueryMiddleware,
    SecurityHeadersMiddleware,
)

if TYPE_CHECKING:
    from ..settings import Settings

WEB_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"


def wants_json(request: Request) -> bool:
    """Whether the caller asked for the JSON twin of a page."""
    path = request.url.path
    return path.startswith("/api/") or path.endswith(".json") or request.query_params.get("format") == "json"


def format_number(value: Any) -> str:
    """Figures as people write them: 30 not 30.0, 5,000,000 not 5000000.0."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6g}" if abs(value) < 1e6 else f"{value:,.2f}"


def build_templates() -> Jinja2Templates:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,  # every value is escaped unless it is already Markup we built
        undefined=jinja2.ChainableUndefined,  # a field the store leaves out renders empty
    )
    environment.filters["urlpart"] = lambda value: quote(str(value), safe="")
    environment.filters["number"] = format_number
    environment.globals.update(version=__version__, event_types=EVENT_TYPES, event_colours=EVENT_COLOURS)
    return Jinja2Templates(env=environment)


def create_app(
    db: str | Path,
    *,
    read_only: bool = False,
    settings: Settings | None = None,
    pipeline_factory: Callable[[], Any] | None = None,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
) -> FastAPI:
    """The newsgraph web app over the SQLite store at ``db``.

    ``read_only`` opens the store read-only and refuses every write with 403.
    ``pipeline_factory`` builds the extraction pipeline on first use (default:
    ``newsgraph.get_pipeline(settings)``); tests pass an already loaded one.
    """
    from . import api, pages

    access = StoreAccess(db, read_only=read_only)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        access.close()

    app = FastAPI(
        title="newsgraph",
        version=__version__,
        description="Entities, quotes, PLOVER events, figures, places and dates extracted from news articles.",
        lifespan=lifespan,
        # FastAPI's own docs pages load their scripts from a CDN; /docs is ours instead.
        docs_url=None,
        redoc_url=None,
    )
    app.state.access = access
    app.state.extractor = Extractor(settings, pipeline_factory)
    app.state.templates = build_templates()
    app.state.read_only = read_only
    app.state.max_body_bytes = max_body_bytes

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, exc: StarletteHTTPException) -> Any:
        if wants_json(request):
            return await http_exception_handler(request, exc)
        return pages.error_page(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def on_invalid_request(request: Request, exc: RequestValidationError) -> Any:
        if wants_json(request):
            return await request_validation_exception_handler(request, exc)
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err.get('loc', ())[1:]) or 'request'}: {err.get('msg')}"
            for err in exc.errors()
        )
        return pages.error_page(request, 422, f"invalid request: {problems}")

    app.add_middleware(DropEmptyQueryMiddleware)
    app.add_middleware(BodyLimitMiddleware, max_bytes=max_body_bytes)
    app.add_middleware(SecurityHeadersMiddleware)
    return app
