"""RSS and Atom feed files: one article an entry.

The bytes are parsed with defusedxml first, which refuses entity declarations
(the "billion laughs" expansion) and external entities; only a feed that
passes is handed to feedparser.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser

from ..articles import make_article
from ..errors import InputError
from ..records import Article
from .fields import MAX_RECORD_BYTES
from .text import normalise_text

_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section",
               "article", "ul", "ol", "pre", "hr", "figure"}  # fmt: skip
_SKIP_TAGS = {"script", "style", "noscript", "template"}


class _TextOfHtml(HTMLParser):
    """Visible text of an HTML fragment, a blank line between blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _SKIP_TAGS:
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS and self.skipping:
            self.skipping -= 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_fragment_text(fragment: str) -> str:
    """Paragraph text of an HTML fragment (feed content is HTML, often escaped)."""
    parser = _TextOfHtml()
    parser.feed(fragment)
    parser.close()
    paragraphs = (" ".join(p.split()) for p in "".join(parser.parts).split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def check_xml_is_safe(data: bytes, origin: str) -> None:
    """Refuse XML with entity declarations, external references or a broken structure."""
    import defusedxml.ElementTree as safe_tree
    from defusedxml import DefusedXmlException

    try:
        safe_tree.fromstring(data)
    except DefusedXmlException as exc:
        raise InputError(origin, f"unsafe XML refused ({type(exc).__name__}: entity declarations "
                                 "or external references are not allowed in feeds)") from exc  # fmt: skip
    except safe_tree.ParseError as exc:
        raise InputError(origin, f"malformed XML: {exc}") from exc


def _entry_date(entry: dict) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)  # feedparser gives UTC
            except (ValueError, TypeError, AttributeError):
                continue
    return None


def _entry_body(entry: dict) -> str:
    contents = entry.get("content") or []
    html = max((c.get("value", "") for c in contents), key=len, default="")
    if not html:
        html = entry.get("summary", "") or entry.get("description", "")
    return html_fragment_text(html)


def read_feed(data: bytes, file: str) -> Iterator[Article | InputError]:
    """Each entry's article, or the error for that entry (entries without text are errors)."""
    import feedparser

    if len(data) > 20 * MAX_RECORD_BYTES:
        yield InputError(file, "feed file too large")
        return
    try:
        check_xml_is_safe(data, file)
    except InputError as exc:
        yield exc
        return
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if not parsed.entries:
        reason = str(parsed.get("bozo_exception") or "no entries")
        yield InputError(file, f"not a readable RSS/Atom feed: {reason}")
        return
    feed_title = parsed.feed.get("title") or None
    for index, entry in enumerate(parsed.entries, start=1):
        origin = f"{file}#{index}"
        body = normalise_text(_entry_body(entry))
        if not body.strip():
            yield InputError(origin, "feed entry has no text")
            continue
        yield make_article(
            body,
            title=entry.get("title") or None,
            published=_entry_date(entry),
            source=feed_title,
            url=entry.get("link") or None,
            origin=origin,
        )
