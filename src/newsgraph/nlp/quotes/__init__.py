"""Stage: quotes. Direct, indirect and mixed quotes, each with its cue and speaker.

Writes ``doc._.ng_quotes`` (list of :class:`records.Quote`). Direct quotes come
from quotation marks (:mod:`quotes_marks`, :mod:`quotes_direct`), reported
speech from the parse (:mod:`quotes_indirect`); a reported clause holding a
quotation is one mixed quote. Speakers and addressees become entities through
:mod:`newsgraph.nlp.mentions` only (names, titles and coreference), and keep
their own words when no entity is known.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Token

from ...errors import LexiconError
from ...records import Quote, TextSpan
from .. import extensions  # noqa: F401
from ..extensions import doc_text
from ..lookups.countries import CountryGazetteer, get_country_gazetteer
from . import scores
from .candidates import QuoteCandidate
from .direct import DirectFinder
from .indirect import IndirectFinder
from .lexicon import CueLexicon
from .marks import Quotation, find_quotations
from .speakers import SpeakerFinder


def _load_gazetteer(user_lexicons: tuple[Path, ...]) -> CountryGazetteer | None:
    try:
        return get_country_gazetteer(user_lexicons)
    except LexiconError:
        return None  # no country data installed: speakers simply get no stated country


class QuotesStage:
    """Finds quotes; lexicons and finders are built once, here."""

    def __init__(self, user_lexicons: tuple[Path, ...] = ()) -> None:
        self.user_lexicons = user_lexicons
        self.lexicon = CueLexicon(user_lexicons)
        self.speakers = SpeakerFinder(self.lexicon, _load_gazetteer(user_lexicons))
        self.direct = DirectFinder(self.lexicon, self.speakers)
        self.indirect = IndirectFinder(self.lexicon, self.speakers)

    def __call__(self, doc: Doc) -> Doc:
        doc._.ng_quotes = self.find_quotes(doc)
        return doc

    def find_quotes(self, doc: Doc) -> list[Quote]:
        """Every quote of ``doc`` in text order."""
        if len(doc) == 0:
            return []
        quotations = find_quotations(doc_text(doc))
        inside = _inside_quotation(doc, quotations)
        excluded = _in_headings(doc)
        direct = self.direct.find(doc, quotations, inside, excluded)
        indirect = self.indirect.find(doc, inside, excluded)
        candidates = _merge(doc, quotations, direct, indirect, self._is_named)
        return [self._to_record(doc, c) for c in candidates]

    def _is_named(self, token: Token) -> bool:
        """Does the speaker token stand for a known entity (by name, title or coreference)?"""
        return self.speakers.describe(token).entity is not None

    def _to_record(self, doc: Doc, candidate: QuoteCandidate) -> Quote:
        text = doc_text(doc)
        parts = [TextSpan(s, e, text[s:e]) for s, e in candidate.parts]
        joined = parts[0].text
        for before, piece in zip(parts, parts[1:], strict=False):
            joined += ("\n" if "\n" in text[before.end : piece.start] else " ") + piece.text
        speaker = self.speakers.describe(candidate.speaker) if candidate.speaker is not None else None
        addressee = self.speakers.describe(candidate.addressee) if candidate.addressee is not None else None
        speaker_entity = speaker.entity if speaker else None
        addressee_entity = addressee.entity if addressee else None
        return Quote(
            speaker=speaker_entity.id if speaker_entity else None,
            speaker_name=speaker_entity.name if speaker_entity else None,
            kind=candidate.kind,
            cue=candidate.cue_text,
            text=joined,
            start=candidate.start,
            end=candidate.end,
            speaker_text=speaker.text if speaker else None,
            speaker_country=speaker.country if speaker else None,
            cue_kind=candidate.cue_kind,
            addressee=addressee_entity.id if addressee_entity else None,
            addressee_name=addressee_entity.name
            if addressee_entity
            else (addressee.text if addressee else None),
            confidence=round(candidate.confidence, 2),
            parts=tuple(parts) if len(parts) > 1 else (),
            speaker_start=speaker.start if speaker else None,
            speaker_end=speaker.end if speaker else None,
        )


def _inside_quotation(doc: Doc, quotations: list[Quotation]) -> list[bool]:
    """Per token: does it lie between a quotation's marks (marks included)?"""
    inside = [False] * len(doc)
    for quotation in quotations:
        span = doc.char_span(quotation.mark_start, quotation.mark_end, alignment_mode="expand")
        if span is None:
            continue
        for i in range(span.start, span.end):
            inside[i] = True
    return inside


def _in_headings(doc: Doc) -> list[bool]:
    excluded = [False] * len(doc)
    for start, end in doc._.ng_headings or []:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            for i in range(span.start, span.end):
                excluded[i] = True
    return excluded


def _trails_only_marks(text: str, end: int, mark_end: int) -> bool:
    """Is everything between the content's end and a quotation's closing mark punctuation?"""
    return all(not ch.isalnum() for ch in text[end:mark_end])


def _covered_quotations(text: str, quotations: list[Quotation], start: int, end: int) -> list[int]:
    """Quotations opening inside the content ``start..end`` and closing with it.

    The reported clause is trimmed of its final punctuation while the quotation
    keeps it (`had come "ready to sign."` ends the content at "sign"), so a
    quotation running past the content by punctuation and marks only still counts.
    """
    return [
        qid
        for qid, q in enumerate(quotations)
        if q.mark_start >= start - 1
        and q.start < end
        and (q.mark_end <= end + 1 or _trails_only_marks(text, end, q.mark_end))
    ]


def _merge(
    doc: Doc,
    quotations: list[Quotation],
    direct: list[QuoteCandidate],
    indirect: list[QuoteCandidate],
    is_named: Callable[[Token], bool],
) -> list[QuoteCandidate]:
    """Reported clauses holding a quotation become mixed quotes; duplicates go.

    A mixed quote's content is the whole reported clause *with* the quotation
    marks of its verbatim part, closing mark included, so the record shows which
    words were the speaker's own.
    """
    text = doc_text(doc)
    direct_by_quotation = {qid: c for c in direct for qid in c.quotation_ids}
    dropped_direct: set[int] = set()
    kept_indirect = []
    for candidate in _without_nested(doc, indirect, is_named):
        start, end = candidate.start, candidate.end
        inner = _covered_quotations(text, quotations, start, end)
        if not inner:
            kept_indirect.append(candidate)
            continue
        quoted = sum(quotations[q].end - quotations[q].start for q in inner)
        if quoted >= scores.DIRECT_SHARE * (end - start):
            owner = direct_by_quotation.get(inner[0])
            if owner is not None and owner.cue_token is None:
                owner.cue_text, owner.cue_kind = candidate.cue_text, candidate.cue_kind
                owner.cue_start, owner.cue_token = candidate.cue_start, candidate.cue_token
                owner.speaker = owner.speaker or candidate.speaker
            continue
        candidate.kind = "mixed"
        candidate.quotation_ids = inner
        last_mark_end = max(quotations[q].mark_end for q in inner)
        if last_mark_end > end:
            first_piece, last_piece = candidate.parts[-1]
            candidate.parts[-1] = (first_piece, last_mark_end)
        for qid in inner:
            owner = direct_by_quotation.get(qid)
            if owner is not None and len(owner.quotation_ids) == 1:
                dropped_direct.add(id(owner))
        kept_indirect.append(candidate)
    merged = [c for c in direct if id(c) not in dropped_direct] + kept_indirect
    best: dict[tuple[int, int], QuoteCandidate] = {}
    for candidate in merged:
        key = (candidate.start, candidate.end)
        if key not in best or candidate.confidence > best[key].confidence:
            best[key] = candidate
    return sorted(best.values(), key=lambda c: (c.start, c.end))


def _without_nested(
    doc: Doc, indirect: list[QuoteCandidate], is_named: Callable[[Token], bool]
) -> list[QuoteCandidate]:
    """Drop reported speech whose cue lies inside another quote's content.

    "She said the sides had promised to ..." reports her words, not a second
    speech act; only an explicit that-clause with a named speaker stands as a
    quote of its own ("said the envoy Ann Roe had told them that ..."). Nested
    means cue and content inside the content of a cue that governs this one in
    the parse, so a sentence-wide "..., according to X" (whose content starts
    before the other quote's) stands beside the "said" it encloses.
    """
    kept = []
    for candidate in indirect:
        cue = candidate.cue_start
        governors = set()
        if candidate.cue_token is not None:
            governors = {t.i for t in doc[candidate.cue_token].ancestors}
        outer = any(
            other is not candidate
            and cue is not None
            and other.cue_token in governors
            and other.start <= cue < other.end
            and other.start <= candidate.start
            and candidate.end <= other.end + 1
            for other in indirect
        )
        if outer and not (
            candidate.explicit_clause and candidate.speaker is not None and is_named(candidate.speaker)
        ):
            continue
        kept.append(candidate)
    return kept


@Language.factory(
    "newsgraph_quotes",
    requires=["doc._.ng_entities", "doc._.ng_coref", "doc._.ng_headings"],
    assigns=["doc._.ng_quotes"],
    default_config={"user_lexicons": []},
)
def make_quotes_stage(nlp: Language, name: str, user_lexicons: list[str]) -> QuotesStage:
    return QuotesStage(tuple(Path(p) for p in user_lexicons))
