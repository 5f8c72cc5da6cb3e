"""HTML pages: main text and metadata through trafilatura."""

from __future__ import annotations

import logging

from ..articles import make_article
from ..errors import InputError
from ..records import Article
from .text import decode_text, normalise_text

# trafilatura logs every page it cannot parse; our callers report that themselves.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

# A publication date comes from the page's metadata (meta tags, JSON-LD, <time>, the URL),
# never from a year mentioned in the body: htmldate's extensive search guesses from text.
_DATE_FROM_METADATA_ONLY = {"extensive_search": False, "original_date": True}
# Page furniture: text only inside these is navigation, not an article.
_NOT_ARTICLE_TAGS = ("nav", "header", "footer", "aside", "menu", "form", "script", "style", "noscript",
                     "template", "button", "select")  # fmt: skip


def _has_text_outside_furniture(html: str) -> bool:
    """Whether any text of the page lies outside navigation, header, footer and the like."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return False
    for element in root.xpath("|".join(f"//{tag}" for tag in _NOT_ARTICLE_TAGS)):
        if element.getparent() is not None:
            element.drop_tree()
    for element in root.xpath("//head|//title"):
        if element.getparent() is not None:
            element.drop_tree()
    return bool("".join(root.itertext()).strip())


def read_html(data: bytes | str, origin: str, **metadata: str | None) -> Article:
    import trafilatura  # imported on first use: it costs half a second

    html = data if isinstance(data, str) else decode_text(data, origin)
    extracted = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        favor_precision=True,
        date_extraction_params=_DATE_FROM_METADATA_ONLY,
    )
    body = getattr(extracted, "text", None) if extracted is not None else None
    if not body or not body.strip():
        raise InputError(origin, "no article body found in the HTML")
    if not _has_text_outside_furniture(html):
        # trafilatura falls back to any text at all, such as a lone menu.
        raise InputError(origin, "no article body found in the HTML (only navigation, header or footer)")
    found = {
        "title": getattr(extracted, "title", None),
        "published": getattr(extracted, "date", None),
        "source": getattr(extracted, "sitename", None),
        "url": getattr(extracted, "url", None),
    }
    given = {k: v for k, v in metadata.items() if v is not None}
    return make_article(normalise_text(body), origin=origin, **{**found, **given})
