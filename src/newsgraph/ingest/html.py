"""HTML pages: main text and metadata through trafilatura."""

from __future__ import annotations

import logging

from ..articles import make_article
from ..errors import InputError
from ..records import Article
from .text import decode_text, normalise_text

# trafilatura logs every page it cannot parse; our callers report that themselves.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


def read_html(data: bytes | str, origin: str, **metadata: str | None) -> Article:
    import trafilatura  # imported on first use: it costs half a second

    html = data if isinstance(data, str) else decode_text(data, origin)
    extracted = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, favor_precision=True
    )
    body = getattr(extracted, "text", None) if extracted is not None else None
    if not body or not body.strip():
        raise InputError(origin, "no article body found in the HTML")
    found = {
        "title": getattr(extracted, "title", None),
        "published": getattr(extracted, "date", None),
        "source": getattr(extracted, "sitename", None),
        "url": getattr(extracted, "url", None),
    }
    given = {k: v for k, v in metadata.items() if v is not None}
    return make_article(normalise_text(body), origin=origin, **{**found, **given})
