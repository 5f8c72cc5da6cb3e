"""Request body size limit, security headers and HEAD, as plain ASGI middleware.

The size is checked twice: from ``Content-Length`` before anything is read,
and while the body streams in, since chunked requests carry no length.
The security headers go on every response, errors included: an exception that
escapes the app is answered here (500, headers on) before it propagates to be
logged.
"""

from __future__ import annotations

import json
from typing import Any

DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024

# Everything the pages use ships with the package: nothing may load from elsewhere.
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
        b"form-action 'self'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    # Links out (an article's original) carry no referrer; our own requests keep their Origin,
    # which the write guard (origin.py) checks. "no-referrer" would make it "null".
    (b"referrer-policy", b"same-origin"),
]


class BodyTooLarge(Exception):
    """The request body passed the configured limit while streaming in."""


def _too_large_detail(limit: int) -> str:
    megabytes = limit / (1024 * 1024)
    return f"request body too large: the limit is {limit} bytes ({megabytes:.1f} MB)"


async def send_refusal(
    send: Any, status: int, detail: str, *, head: bool = False, close: bool = False
) -> None:
    """Answer a request before the app sees it: ``{"detail": ...}`` as FastAPI's errors are (no body for
    HEAD), optionally closing the connection."""
    body = json.dumps({"detail": detail}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if close:
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if head else body})


class BodyLimitMiddleware:
    """Answer 413 to any request whose body exceeds ``max_bytes``."""

    def __init__(self, app: Any, max_bytes: int = DEFAULT_MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > self.max_bytes:
                    await self._refuse(send)
                    return
        received = 0
        started = False

        async def counting_receive() -> dict:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge()
            return message

        async def tracking_send(message: dict) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send: Any) -> None:
        await send_refusal(send, 413, _too_large_detail(self.max_bytes), close=True)


def _server_error_body(path: str) -> tuple[bytes, bytes]:
    """(content type, body) of the 500 answer: JSON for the API and the .json twins, else a page."""
    if path.startswith("/api/") or path.endswith(".json"):
        return b"application/json", json.dumps({"detail": "internal server error"}).encode()
    page = (
        "<!doctype html><html lang=en><head><meta charset=utf-8><title>Error 500 · newsgraph</title>"
        '<link rel="stylesheet" href="/static/style.css"></head><body><main><h1>500</h1>'
        '<p class="error">Internal server error: the problem is logged.</p><p><a href="/">Back to the start page</a></p>'
        "</main></body></html>"
    )
    return b"text/html; charset=utf-8", page.encode()


class SecurityHeadersMiddleware:
    """Add the content security policy and friends to every response, a 500 for an escaped error too."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: dict) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(n, v) for n, v in SECURITY_HEADERS if n not in present]
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            if not started:
                content_type, body = _server_error_body(scope.get("path", ""))
                headers = [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]
                await send_with_headers({"type": "http.response.start", "status": 500, "headers": headers})
                await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})
            raise  # the server logs it; the client already has its answer


class HeadAsGetMiddleware:
    """Answer HEAD on every GET route: run it as GET and send the headers without the body."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: dict) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_headers_only)


class DropEmptyQueryMiddleware:
    """Pages only: drop empty query parameters (``?since=&type=``), which HTML forms send
    for every blank field, so a blank filter means "no filter" rather than a 422.
    The JSON API keeps strict validation."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and not scope.get("path", "").startswith("/api/"):
            query = scope.get("query_string", b"")
            if query:
                kept = [part for part in query.split(b"&") if part and not part.endswith(b"=")]
                scope = {**scope, "query_string": b"&".join(kept)}
        await self.app(scope, receive, send)
