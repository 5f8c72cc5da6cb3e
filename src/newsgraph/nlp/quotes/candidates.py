"""What the quote finders hand to the stage before speakers become actors."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..extensions import doc_text

# Tokens trimmed from the edges of reported content.
LEADING_TRIM = {"that", ",", ":", ";", "-", "—", "–", "whether"}
TRAILING_TRIM = {",", ".", ";", ":", "-", "—", "–"}


@dataclass
class QuoteCandidate:
    """A quote found in a Doc: content offsets, the cue and the speaker's head token."""

    kind: str  # direct, indirect, mixed
    parts: list[tuple[int, int]]  # char offsets of the content, one per piece
    cue_text: str | None
    cue_kind: str | None
    cue_start: int | None
    speaker: Token | None
    addressee: Token | None = None
    confidence: float = 1.0
    quotation_ids: list[int] = field(default_factory=list)  # direct quotations it covers
    cue_token: int | None = None
    # Introduced by an explicit "that" (or a source phrase): strong enough to stand
    # as a quote even when it sits inside another quote's reported content.
    explicit_clause: bool = False

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


def trimmed_char_span(
    doc: Doc, first: int, last: int, keep_quote_close: bool = True
) -> tuple[int, int] | None:
    """Char offsets of tokens ``first..last`` (inclusive) without edge punctuation and "that"."""
    while first <= last and (doc[first].lower_ in LEADING_TRIM or doc[first].is_space):
        first += 1
    while last >= first and (doc[last].text in TRAILING_TRIM or doc[last].is_space):
        last -= 1
    if first > last:
        return None
    start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
    text = doc_text(doc)[start:end]
    # A closing mark at the end stays only when its opening mark is inside.
    if not keep_quote_close or (text[-1:] in "\"”’'»" and not any(m in text[:-1] for m in "\"“‘'«")):
        while end > start and doc_text(doc)[end - 1] in "\"”’'»":
            end -= 1
    return (start, end) if end > start else None
