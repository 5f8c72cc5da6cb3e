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

A server on a loopback address also answers only to loopback names
(``HostGuardMiddleware``). Otherwise a page on another site could rebind its own
name to 127.0.0.1 ("DNS rebinding"): the visitor's browser then takes the
server for that site, sends its requests with that site's name as ``Host`` and
``Origin``, reads every answer and passes the write guard above.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from fastapi import HTTPException, Request

from .limits import send_refusal

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


# Names that always mean this machine: a browser resolves them without asking a DNS server (RFC 6761).
LOOPBACK_NAMES = frozenset({"localhost"})


def is_loopback(host: str) -> bool:
    """Whether a host name or address (no port) always means this machine."""
    host = host.strip("[]").rstrip(".").lower()
    if host in LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def host_name(header: str) -> str:
    """The name or address of a Host header, without its port, brackets or final dot, in lower case."""
    header = header.strip().lower()
    if header.startswith("["):  # an IPv6 address: [::1]:8000
        return header[1 : header.find("]")] if "]" in header else header[1:]
    return header.rsplit(":", 1)[0].rstrip(".") if header.count(":") == 1 else header.rstrip(".")


def answered_hosts(address: str, named: Iterable[str] = ()) -> tuple[str, ...] | None:
    """The host names a server bound to ``address`` answers to besides loopback ones, or None for any.

    On a loopback address: only ``named`` (DNS rebinding, see the module doc). On another address any
    name reaches it, unless ``named`` lists them; its own address is always one.
    """
    named = tuple(named)
    if not named and not is_loopback(address):
        return None
    return (*named, address)


class HostGuardMiddleware:
    """Refuse (400) a request whose ``Host`` is neither a loopback name or address nor one of ``allowed``.

    For a server bound to a loopback address (see the module doc); ``allowed`` adds the names it is
    also reached by (``newsgraph serve --allow-host``). A request without ``Host`` (HTTP/1.0, a
    program) is let through: browsers always send one.
    """

    def __init__(self, app: Any, allowed: Iterable[str] = ()) -> None:
        self.app = app
        self.allowed = frozenset(host_name(name) for name in allowed)

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            header = next((v.decode("latin-1") for k, v in scope.get("headers", []) if k == b"host"), None)
            name = host_name(header) if header is not None else None
            if name is not None and not is_loopback(name) and name not in self.allowed:
                detail = (
                    f"this server answers only to localhost, loopback addresses and the names it was "
                    f"started with, not to {name!r}: to reach it by that name, start it with --allow-host {name}"
                )
                await send_refusal(send, 400, detail, head=scope["method"] == "HEAD")
                return
        await self.app(scope, receive, send)
