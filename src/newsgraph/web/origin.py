"""Writes only from this server's own pages: a cross-site request forgery guard.

A page on another site can make a visitor's browser POST here (a form, or
``fetch`` with a "simple" content type such as text/plain) without reading the
answer. Browsers say where such a request comes from: ``Sec-Fetch-Site``,
``Origin`` (sent on every cross-origin POST, ``null`` when hidden) and
``Referer``. A write is refused when any of them names another origin. A request
with none of them comes from a program (curl, a script), not from a page, and
is let through: the API stays usable from the command line.

Form posts in ``text/plain`` are refused outright: no page of ours sends them,
and it is the one body type a foreign form can send that looks like an API call.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import HTTPException, Request

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SAME_ORIGIN_SITES = frozenset({"same-origin", "none"})  # "none": typed in the address bar, a bookmark


def _netloc(url: str) -> str | None:
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return parts.netloc.lower()


def cross_origin_problem(request: Request) -> tuple[int, str] | None:
    """Why this write may not come from our own pages (HTTP status, words), or None when it may."""
    headers = request.headers
    host = (headers.get("host") or "").lower()
    site = headers.get("sec-fetch-site")
    if site is not None and site.lower() not in SAME_ORIGIN_SITES:
        return 403, f"a {site} request may not write here"
    origin = headers.get("origin")
    if origin is not None:
        if _netloc(origin) != host:
            return 403, f"writes come only from this server's own pages, not from origin {origin!r}"
    else:
        referer = headers.get("referer")
        if referer is not None and _netloc(referer) != host:
            return 403, "writes come only from this server's own pages, not from another site"
    content_type = headers.get("content-type", "").split(";")[0].strip().lower()
    is_form_post = headers.get("sec-fetch-mode", "").lower() == "navigate" or request.url.path == "/extract"
    if content_type == "text/plain" and is_form_post:
        return 415, "text/plain form posts are not accepted: send a form (multipart or urlencoded) or JSON"
    return None


async def same_origin_writes(request: Request) -> None:
    """App-wide dependency: refuse (403, or 415 for text/plain form posts) any write a page on another origin could have sent."""
    if request.method in SAFE_METHODS:
        return
    problem = cross_origin_problem(request)
    if problem is not None:
        raise HTTPException(*problem)
