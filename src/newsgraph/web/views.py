"""View helpers shared by the app and the page handlers: templates, rendering, error pages.

A page is rendered from ``data`` (what its JSON twin answers) plus markup made
for the template only. Kept apart from ``app`` and ``pages`` so neither imports
the other.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import jinja2
from fastapi import Request
from fastapi.responses import JSONResponse, Response
from fastapi.templating import Jinja2Templates

from .. import __version__
from .charts import EVENT_COLOURS, EVENT_TYPES

WEB_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"

# Stored links point at the article's original; anything else (javascript:, data:, ...) is not a link.
LINK_SCHEMES = ("http", "https")


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


def http_url(value: Any) -> str | None:
    """``value`` when it is an absolute http(s) URL with a host, else None: the only links
    the pages render from stored data."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in LINK_SCHEMES or not parts.netloc:
        return None
    # Browsers drop tabs and newlines inside a URL; a URL with them is not one we wrote.
    if any(ch in url for ch in "\t\r\n") or any(ord(ch) < 32 for ch in url):
        return None
    return url


def build_templates() -> Jinja2Templates:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,  # every value is escaped unless it is already Markup we built
        undefined=jinja2.ChainableUndefined,  # a field the store leaves out renders empty
    )
    environment.filters["urlpart"] = lambda value: quote(str(value), safe="")
    environment.filters["number"] = format_number
    environment.filters["http_url"] = http_url
    environment.globals.update(version=__version__, event_types=EVENT_TYPES, event_colours=EVENT_COLOURS)
    return Jinja2Templates(env=environment)


def relative_url(url: Any) -> str:
    return f"{url.path}?{url.query}" if url.query else url.path


def render(request: Request, template: str, data: Any, **view: Any) -> Response:
    """The page, or its JSON twin: ``data`` only, never the markup built for the template."""
    if wants_json(request):
        return JSONResponse(data)
    context = {
        "request": request,
        "data": data,
        "read_only": request.app.state.read_only,
        "json_url": relative_url(request.url.include_query_params(format="json")),
        **view,
    }
    response: Response = request.app.state.templates.TemplateResponse(request, template, context)
    return response


def error_page(request: Request, status: int, message: str) -> Response:
    """A plain error page in the site's layout."""
    context = {"request": request, "data": {}, "read_only": request.app.state.read_only, "json_url": None}
    context.update(status=status, message=message)
    response: Response = request.app.state.templates.TemplateResponse(
        request, "error.html", context, status_code=status
    )
    return response


def strip_json_suffix(identifier: str, request: Request) -> tuple[str, bool]:
    """An id from the path without its ``.json`` suffix, and whether JSON was asked for."""
    if identifier.endswith(".json"):
        return identifier[: -len(".json")], True
    return identifier, wants_json(request)
