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
# "This story has been updated with additional information.", "This is a developing story."
_NOTE_LINE = re.compile(
    r"^\s*(?:(?:this|the)\s+(?:story|article|headline|timeline)(?:\s+and\s+headline|\s+headline|\s+and\s+story)?"
    r"\s+(?:has|have|was)\s+(?:been\s+)?updated\b[^\n]{0,120}"
    r"|this\s+is\s+a\s+(?:developing|breaking)(?:\s+news)?\s+story\b[^\n]{0,80}|more\s+to\s+come\.?)\s*$",
    re.IGNORECASE,
)
_MAX_BYLINE_WORDS = 14
# A source line may follow a headline and a blank line or two.
_SOURCE_LINE_WITHIN = 3


@dataclass(frozen=True)
class FurnitureLine:
    """One furniture line: char offsets of the line, its kind and the value it names."""

    start: int
    end: int
    kind: str  # source, byline, credit, link, note (an editor's update note)
    value: str | None  # "CNN"; the names of a byline or credit line


def _classify(line: str, first: bool) -> tuple[str, str | None] | None:
    if first and (m := _SOURCE_LINE.match(line)):
        value = m.group("value")
        # An outlet's name ("CNN", "The Associated Press"), not a sentence's attribution.
        if value[:1].isupper() and len(value.split()) <= 5:
            return "source", value
    if _LINK_LINE.match(line):
        return "link", None
    if _NOTE_LINE.match(line):
        return "note", None
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
    """The furniture lines of ``text``: a source line near the top, bylines, credits, link
    labels and editors' notes."""
    found = []
    for number, match in enumerate(re.finditer(r"[^\n]+", text)):
        line = match.group()
        if not line.strip():
            continue
        kind = _classify(line, number < _SOURCE_LINE_WITHIN)
        if kind is None:
            continue
        start = match.start() + (len(line) - len(line.lstrip()))
        end = match.start() + len(line.rstrip())
        found.append(FurnitureLine(start, end, kind[0], kind[1]))
    return found
