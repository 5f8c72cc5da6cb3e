"""The web application: ``create_app(db)`` gives a FastAPI app over one store.

Pages are server-rendered with Jinja2 (autoescape on) and each is also
reachable as JSON (``?format=json`` or a ``.json`` twin). The JSON API lives
under /api/ and is described by /openapi.json. Every script, style and the
map's world outline ship in ``static/``: the pages load nothing from elsewhere.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import Depends, FastAPI, Request
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from . import api, pages
from .access import Extractor, StoreAccess
from .limits import (
    DEFAULT_MAX_BODY_BYTES,
    BodyLimitMiddleware,
    DropEmptyQueryMiddleware,
    HeadAsGetMiddleware,
    SecurityHeadersMiddleware,
)
from .origin import HostGuardMiddleware, same_origin_writes
from .views import STATIC_DIR, build_templates, error_page, wants_json

if TYPE_CHECKING:
    from ..settings import Settings


def create_app(
    db: str | Path,
    *,
    read_only: bool = False,
    settings: Settings | None = None,
    pipeline_factory: Callable[[], Any] | None = None,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    allowed_hosts: Iterable[str] | None = None,
) -> FastAPI:
    """The newsgraph web app over the SQLite store at ``db``.

    ``read_only`` opens the store read-only and refuses every write with 403.
    ``allowed_hosts``, when given, refuses requests whose ``Host`` is neither a loopback name or address
    nor one of them (``origin.answered_hosts`` says which a server bound to an address answers to).
    ``pipeline_factory`` builds the extraction pipeline on first use (default:
    ``newsgraph.get_pipeline(settings)``); tests pass an already loaded one.
    """
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
        # Every write (POST /extract, POST /api/extract, any added later) from our own pages only.
        dependencies=[Depends(same_origin_writes)],
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
        return error_page(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def on_invalid_request(request: Request, exc: RequestValidationError) -> Any:
        if wants_json(request):
            return await request_validation_exception_handler(request, exc)
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err.get('loc', ())[1:]) or 'request'}: {err.get('msg')}"
            for err in exc.errors()
        )
        return error_page(request, 422, f"invalid request: {problems}")

    app.add_middleware(DropEmptyQueryMiddleware)
    app.add_middleware(BodyLimitMiddleware, max_bytes=max_body_bytes)
    app.add_middleware(HeadAsGetMiddleware)
    if allowed_hosts is not None:
        app.add_middleware(HostGuardMiddleware, allowed=allowed_hosts)
    app.add_middleware(SecurityHeadersMiddleware)  # outermost of ours: it also answers escaped errors
    return app
