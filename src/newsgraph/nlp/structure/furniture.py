"""Page furniture: lines that belong to the page, not to the story.

A scraped article often begins with a source line ("Source: CNN"), carries a byline
("By Ana Ruiz and Ivo Petrov, CNN") and ends with a credit line ("Ivo Petrov contributed
to this report.") or a link label ("See Full Web Article"). The names on those lines are
the article's metadata, not actors of the story: the structure stage keeps the NER off
them and hands the source on when the article has none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# "Source: CNN", "SOURCE: Reuters"
_SOURCE_LINE = re.compile(r"^\s*source\s*:\s*(?P<value>[^\n]{1,60}?)\s*$", re.IGNORECASE)
# "By Ana Ruiz", "By Ana Ruiz and Ivo Petrov, CNN", "Written by ...", "Reporting by ..."
_BYLINE = re.compile(
    r"^\s*(?:(?:written|reporting|reported|story|words)\s+)?by\s+(?P<value>[A-Z][^\n.!?]{1,120}?)\s*\.?\s*$",
    re.IGNORECASE,
)
# "CNN’s Ana Ruiz and Ivo Petrov contributed to this report." / "... contributed reporting."
_CREDIT_LINE = re.compile(
    r"^\s*(?P<value>[^\n]{2,200}?)\s+(?:also\s+)?contributed\s+(?:to\s+(?:this|the)\s+"
    r"(?:report|story|article|piece)|reporting|additional reporting)[^\n]{0,60}$",
    re.IGNORECASE,
)
# "See Full Web Article", "Read more", "Click here to ..."
_LINK_LINE = re.compile(
    r"^\s*(?:see full (?:web )?article|read (?:the )?full (?:story|article)|read more)\s*\.?\s*$", re.I
)
_MAX_BYLINE_WORDS = 14


@dataclass(frozen=True)
class FurnitureLine:
    """One furniture line: char offsets of the line, its kind and the value it names."""

    start: int
    end: int
    kind: str  # source, byline, credit, link
    value: str | None  # "CNN"; the names of a byline or credit line


def _classify(line: str, first: bool) -> tuple[str, str | None] | None:
    if first and (m := _SOURCE_LINE.match(line)):
        return "source", m.group("value")
    if _LINK_LINE.match(line):
        return "link", None
    if (m := _BYLINE.match(line)) and len(line.split()) <= _MAX_BYLINE_WORDS:
        value = m.group("value")
        # "By Ana Ruiz": capitalised words, not a sentence ("By then, the troops ...").
        words = [w for w in re.findall(r"[^\W\d_][\w'’.-]*", value) if w.lower() not in ("and", "of")]
        if words and all(w[0].isupper() for w in words):
            return "byline", value
    if m := _CREDIT_LINE.match(line):
        return "credit", m.group("value")
    return None


def furniture_lines(text: str) -> list[FurnitureLine]:
    """The furniture lines of ``text``: a source line first, bylines, credits and link labels."""
    found = []
    first = True
    for match in re.finditer(r"[^\n]+", text):
        line = match.group()
        if not line.strip():
            continue
        kind = _classify(line, first)
        first = False
        if kind is None:
            continue
        start = match.start() + (len(line) - len(line.lstrip()))
        end = match.start() + len(line.rstrip())
        found.append(FurnitureLine(start, end, kind[0], kind[1]))
    return found
