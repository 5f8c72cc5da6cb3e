"""Article structure: headings, paragraph breaks, glued words and page furniture, fixed before tagging.

Runs first so that the parser never glues a heading or a paragraph's last
sentence to the next line, words run together by scraping are tagged apart, and
the NER never tags heading words or the names on source, byline and credit lines.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import DOC_ATTRIBUTES
from .furniture import FurnitureLine, furniture_lines
from .glue import split_glued

__all__ = ["FurnitureLine", "furniture_lines", "heading_spans", "is_heading_line", "split_glued"]

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


_ENDS_SENTENCE = re.compile(r"[.!?:;\n\"“”]$|^\s*$")
_CLOSING_MARKS = {'"', "”", "’", "'", "»"}


def _closes_quotation(token) -> bool:
    if token.text not in _CLOSING_MARKS or token.i == 0:
        return False
    previous = token.doc[token.i - 1]
    followed_by_space = bool(token.whitespace_) or token.i + 1 == len(token.doc) or token.nbor().is_space
    return previous.text in {".", "!", "?", "…"} and not previous.whitespace_ and followed_by_space


def split_glued_tokens(doc: Doc) -> Doc:
    """The doc with tokens that scraping glued together ("wifeKim") cut into their words.

    The text is unchanged; a new Doc is built from the words (splitting in place would leave
    the parser a partial tree), carrying over the ``Doc._`` layers already set.
    """
    # Words written alone inside a sentence: a capitalised word after "." or a line break may
    # be any word ("Just"), one inside a sentence is a name.
    standalone = {
        t.text
        for t in doc
        if len(t.text) > 2
        and t.is_alpha
        and (t.is_lower or (t.i > 0 and not _ENDS_SENTENCE.search(doc[t.i - 1].text)))
    }
    words: list[str] = []
    spaces: list[bool] = []
    changed = False
    for token in doc:
        pieces = [token.text]
        if not (token.is_alpha and token.is_lower) and not token.is_space:
            pieces = split_glued(token.text, standalone - {token.text})
        changed = changed or len(pieces) > 1
        words += pieces
        spaces += [False] * (len(pieces) - 1) + [bool(token.whitespace_)]
    if not changed:
        return doc
    split = Doc(doc.vocab, words=words, spaces=spaces)
    for name in DOC_ATTRIBUTES:
        if (value := getattr(doc._, name)) is not None:
            setattr(split._, name, value)
    return split


def _with_source(doc: Doc, furniture: list[FurnitureLine]) -> None:
    """The article's source from its "Source:" line when its metadata gives none."""
    article = doc._.ng_article
    line = next((f for f in furniture if f.kind == "source" and f.value), None)
    if article is not None and line is not None and not article.source:
        doc._.ng_article = replace(article, source=line.value)


@Language.component(
    "newsgraph_structure",
    assigns=["doc._.ng_headings", "doc._.ng_furniture", "token.is_sent_start"],
)
def mark_structure(doc: Doc) -> Doc:
    doc = split_glued_tokens(doc)
    text = doc.text
    furniture = furniture_lines(text)
    doc._.ng_furniture = furniture
    _with_source(doc, furniture)
    furniture_spans = {(f.start, f.end) for f in furniture}
    headings = [span for span in heading_spans(text) if span not in furniture_spans]
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
    if headings or furniture:
        blocked = []
        for start, end in sorted({*headings, *furniture_spans}):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                blocked.append(span)
        doc.set_ents([], blocked=blocked, default="unmodified")
    return doc
