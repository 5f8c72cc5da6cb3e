"""Reading an article out of an extraction request (JSON, form, upload or plain text).

Shared by ``POST /api/extract`` and the /extract page. The text goes through
the same normalisation as files on disk, so offsets in the answer index the
text the store keeps.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from ..articles import make_article
from ..errors import ArticleTooLongError, InputError
from ..ingest.html import read_html
from ..ingest.text import normalise_text, read_text
from ..records import Article
from .access import ReadOnlyError
from .schemas import ExtractIn

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
METADATA_FIELDS = ("title", "published", "source", "url")

_FORM_PROPERTIES: dict[str, Any] = {
    "text": {"type": "string", "pattern": r"\S", "description": "the article body"},
    "file": {
        "type": "string",
        "format": "binary",
        "description": "a .txt or .html file (used when no text is given)",
    },
    "title": {"type": "string"},
    "published": {
        "type": "string",
        "anyOf": [{"format": "date"}, {"maxLength": 0}],
        "description": "YYYY-MM-DD",
    },
    "source": {"type": "string"},
    "url": {"type": "string"},
}

EXTRACT_REQUEST_BODY: dict[str, Any] = {
    "required": True,
    "content": {
        "application/json": {"schema": ExtractIn.model_json_schema()},
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": _FORM_PROPERTIES,
                "anyOf": [{"required": ["text"]}, {"required": ["file"]}],
            }
        },
        "application/x-www-form-urlencoded": {
            "schema": {
                "type": "object",
                "properties": {k: v for k, v in _FORM_PROPERTIES.items() if k != "file"},
                "required": ["text"],
            }
        },
        "text/plain": {"schema": {"type": "string", "pattern": r"\S"}},
    },
}


class ExtractionFailed(Exception):
    """The request cannot be answered; ``status`` and ``detail`` say why."""

    def __init__(self, status: int, detail: Any) -> None:
        super().__init__(str(detail))
        self.status = status
        self.detail = detail


def valid_unicode(text: str) -> str:
    """``text`` with lone surrogates (which JSON can smuggle in) replaced by U+FFFD."""
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _article_from_text(text: str, origin: str, metadata: dict[str, Any]) -> Article:
    body = normalise_text(valid_unicode(text))
    if not body.strip():
        raise ExtractionFailed(422, "the article text is empty")
    try:
        return make_article(body, origin=origin, **metadata)
    except ValueError as exc:
        raise ExtractionFailed(422, str(exc)) from exc


def _clean_metadata(values: dict[str, Any]) -> dict[str, Any]:
    """Metadata fields given with a value; a blank form field counts as not given."""
    clean: dict[str, Any] = {}
    for name in METADATA_FIELDS:
        value = values.get(name)
        if isinstance(value, str):
            value = valid_unicode(value).strip() or None
        if value is not None:
            clean[name] = value
    return clean


async def _from_upload(upload: UploadFile, metadata: dict[str, Any]) -> Article:
    data = await upload.read()
    origin = upload.filename or "upload"
    is_html = origin.lower().endswith(HTML_SUFFIXES) or (upload.content_type or "").startswith("text/html")
    try:
        if is_html:
            return await run_in_threadpool(read_html, data, origin, **metadata)
        return read_text(data, origin, **metadata)
    except InputError as exc:
        raise ExtractionFailed(422, str(exc)) from exc
    except ValueError as exc:
        raise ExtractionFailed(422, f"{origin}: {exc}") from exc


async def read_extract_request(request: Request, *, lenient: bool = False) -> Article:
    """The article a request carries. ``lenient``: a blank text field falls back to the upload."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/json" or content_type.endswith("+json"):
        raw = await request.body()
        try:
            # JSON mode: strict types, yet ISO date strings are dates.
            given = ExtractIn.model_validate_json(raw)
        except ValidationError as exc:
            raise ExtractionFailed(422, json.loads(exc.json(include_url=False))) from exc
        return _article_from_text(given.text, "api", _clean_metadata(given.model_dump()))
    if content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
        form = await request.form(max_files=1, max_fields=20)
        metadata = _clean_metadata({k: form.get(k) for k in METADATA_FIELDS})
        text = form.get("text")
        upload = form.get("file")
        if isinstance(text, str) and (text.strip() or not lenient):
            return _article_from_text(text, "form", metadata)
        if isinstance(upload, UploadFile) and (upload.filename or upload.size):
            return await _from_upload(upload, metadata)
        raise ExtractionFailed(422, "give the article as a 'text' field or a 'file' upload")
    if content_type == "text/plain":
        raw = await request.body()
        return _article_from_text(raw.decode("utf-8", errors="replace"), "api", {})
    raise ExtractionFailed(
        415,
        f"unsupported content type {content_type or '(none)'!r}: send application/json, "
        "multipart/form-data, application/x-www-form-urlencoded or text/plain",
    )


def _store_record(access: Any, record: Any) -> tuple[str, bool, dict | None]:
    with access.writer() as store:
        article_id, added = store.add_document(record, origin=record.article.origin)
        return article_id, added, store.get_document(article_id)


async def extract_article(request: Request, article: Article, *, store: bool | None) -> dict[str, Any]:
    """Run the pipeline on ``article`` and store the result unless told not to or read-only."""
    access = request.app.state.access
    if store and access.read_only:
        raise ExtractionFailed(
            403, "this server is read-only (started with --read-only): extraction works, storing does not"
        )
    try:
        record = await run_in_threadpool(request.app.state.extractor.extract, article)
    except ArticleTooLongError as exc:  # the same message as the command line's
        raise ExtractionFailed(413, str(exc)) from exc
    result: dict[str, Any] = record.to_dict()
    stored = duplicate = False
    page = None
    if store or (store is None and not access.read_only):
        try:
            article_id, added, document = await run_in_threadpool(_store_record, access, record)
        except ReadOnlyError as exc:
            raise ExtractionFailed(403, str(exc)) from exc
        stored, duplicate = added, not added
        page = f"/articles/{article_id}"
        if document is not None:
            result = document
    return {**result, "stored": stored, "duplicate": duplicate, "page": page}


async def extract_request(request: Request, *, store: bool | None) -> dict[str, Any]:
    """``POST /api/extract``: read, extract, maybe store."""
    if store and request.app.state.access.read_only:
        raise ExtractionFailed(
            403, "this server is read-only (started with --read-only): extraction works, storing does not"
        )
    article = await read_extract_request(request)
    return await extract_article(request, article, store=store)
