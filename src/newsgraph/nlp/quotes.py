"""Stage: quotes. Direct, indirect and mixed quotes, each with its cue and speaker.

Writes ``doc._.ng_quotes`` (list of :class:`records.Quote`). Direct quotes come
from quotation marks (:mod:`quotes_marks`, :mod:`quotes_direct`), reported
speech from the parse (:mod:`quotes_indirect`); a reported clause holding a
quotation is one mixed quote. Speakers and addressees become entities through
:mod:`newsgraph.nlp.mentions` only (names, titles and coreference), and keep
their own words when no entity is known.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import LexiconError
from ..records import Quote, TextSpan
from . import extensions  # noqa: F401
from .countries import CountryGazetteer, get_country_gazetteer
from .quotes_candidates import QuoteCandidate, doc_text
from .quotes_direct import DirectFinder
from .quotes_indirect import IndirectFinder
from .quotes_lexicon import CueLexicon
from .quotes_marks import Quotation, find_quotations
from .quotes_speakers import SpeakerFinder

# A quotation filling at least this share of a reported clause makes the quote direct.
_DIRECT_SHARE = 0.85


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
        candidates = _merge(doc, quotations, direct, indirect)
        return [self._to_record(doc, c) for c in candidates]

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


def _merge(
    doc: Doc, quotations: list[Quotation], direct: list[QuoteCandidate], indirect: list[QuoteCandidate]
) -> list[QuoteCandidate]:
    """Reported clauses holding a quotation become mixed quotes; duplicates go."""
    direct_by_quotation = {qid: c for c in direct for qid in c.quotation_ids}
    dropped_direct: set[int] = set()
    kept_indirect = []
    for candidate in indirect:
        start, end = candidate.start, candidate.end
        inner = [
            qid
            for qid, q in enumerate(quotations)
            if q.mark_start >= start - 1 and q.mark_end <= end + 1 and q.start >= start - 1
        ]
        if not inner:
            kept_indirect.append(candidate)
            continue
        quoted = sum(quotations[q].end - quotations[q].start for q in inner)
        if quoted >= _DIRECT_SHARE * (end - start):
            owner = direct_by_quotation.get(inner[0])
            if owner is not None and owner.cue_token is None:
                owner.cue_text, owner.cue_kind = candidate.cue_text, candidate.cue_kind
                owner.cue_start, owner.cue_token = candidate.cue_start, candidate.cue_token
                owner.speaker = owner.speaker or candidate.speaker
            continue
        candidate.kind = "mixed"
        candidate.quotation_ids = inner
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


@Language.factory(
    "newsgraph_quotes",
    requires=["doc._.ng_entities", "doc._.ng_coref"],
    assigns=["doc._.ng_quotes"],
    default_config={"user_lexicons": []},
)
def make_quotes_stage(nlp: Language, name: str, user_lexicons: list[str]) -> QuotesStage:
    return QuotesStage(tuple(Path(p) for p in user_lexicons))
