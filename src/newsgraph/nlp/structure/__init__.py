"""Article structure: headings and paragraph breaks, fixed before tagging.

Runs first so that the parser never glues a heading or a paragraph's last
sentence to the next line, and the NER never tags heading words.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .. import extensions  # noqa: F401  (registers Doc._ attributes)

_FINAL_PUNCT = tuple(".!?:;,\"'”’»)…-–—")
_MINOR_WORDS = {
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "nor",
    "for",
    "of",
    "in",
    "on",
    "at",
    "to",
    "by",
    "with",
    "amid",
    "as",
    "from",
    "into",
    "over",
    "after",
    "vs",
    "via",
    "than",
    "up",
    "out",
}
_WORD = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)


def is_heading_line(line: str) -> bool:
    """A short line without final punctuation whose content words are capitalised."""
    stripped = line.strip()
    if not stripped or len(stripped) > 100 or stripped.endswith(_FINAL_PUNCT):
        return False
    words = _WORD.findall(stripped)
    if not 1 <= len(words) <= 12 or len(stripped.split()) > 14:
        return False
    content = [w for w in words if w.lower() not in _MINOR_WORDS]
    if not content:
        return False
    capitalised = sum(1 for w in content if w[0].isupper())
    return capitalised / len(content) >= 0.75 and words[0][0].isupper()


def heading_spans(text: str) -> list[tuple[int, int]]:
    """Char spans (without surrounding whitespace) of the heading lines of ``text``.

    A line counts only when a paragraph follows it: a heading heads something.
    """
    spans = []
    lines = list(re.finditer(r"[^\n]+", text))
    for i, match in enumerate(lines):
        line = match.group()
        if i + 1 >= len(lines) or not is_heading_line(line):
            continue
        next_line = lines[i + 1].group().strip()
        if is_heading_line(next_line) and len(next_line.split()) <= 3:
            continue
        start = match.start() + (len(line) - len(line.lstrip()))
        end = match.start() + len(line.rstrip())
        spans.append((start, end))
    return spans


_CLOSING_MARKS = {'"', "”", "’", "'", "»"}


def _closes_quotation(token) -> bool:
    if token.text not in _CLOSING_MARKS or token.i == 0:
        return False
    previous = token.doc[token.i - 1]
    followed_by_space = bool(token.whitespace_) or token.i + 1 == len(token.doc) or token.nbor().is_space
    return previous.text in {".", "!", "?", "…"} and not previous.whitespace_ and followed_by_space


@Language.component(
    "newsgraph_structure",
    assigns=["doc._.ng_headings", "token.is_sent_start"],
)
def mark_structure(doc: Doc) -> Doc:
    headings = heading_spans(doc.text)
    doc._.ng_headings = headings
    after_break = False
    for token in doc:
        if token.i > 0:
            # Sentence starts are fixed at line breaks; elsewhere the parser decides,
            # except that a closing quotation mark stays with the sentence it closes.
            # Set only where needed: each assignment costs spaCy a scan of the doc.
            if after_break:
                token.is_sent_start = True
            elif _closes_quotation(token):
                token.is_sent_start = False
        if "\n" in token.text or "\n" in token.whitespace_:
            after_break = True
        elif not token.is_space:
            after_break = False
    if headings:
        blocked = []
        for start, end in headings:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                blocked.append(span)
        doc.set_ents([], blocked=blocked, default="unmodified")
    return doc
