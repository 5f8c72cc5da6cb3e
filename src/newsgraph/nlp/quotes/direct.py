"""Direct quotations: quotation-mark spans attributed to the cue beside them.

The cue is looked for where writers put it: right after the closing mark
(`"...," she said`), right before the opening mark (`he said: "..."`), or
between the two halves of a split quotation (`"A," he said, "B."`, merged into
one quote). A colon with no cue verb still introduces a quote
(`The minister was blunt: "..."`), spoken by the clause's subject. A bare
paragraph-long quotation continues the previous speaker. Titles and scare
quotes ("the so-called “peace plan”") have no cue and are dropped.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..extensions import doc_text
from . import scores
from .candidates import QuoteCandidate
from .lexicon import CueLexicon
from .marks import Quotation
from .speakers import SpeakerFinder

_AFTER_WINDOW = 8  # tokens after a closing mark in which "he said" may come
_MIN_UNCUED_WORDS = 6
_SPLIT_GAP_CHARS = 90


class DirectFinder:
    """Attributes quotation spans to cues and speakers."""

    def __init__(self, lexicon: CueLexicon, speakers: SpeakerFinder) -> None:
        self.lexicon = lexicon
        self.speakers = speakers

    def find(
        self, doc: Doc, quotations: list[Quotation], inside_quotation: list[bool], excluded: list[bool]
    ) -> list[QuoteCandidate]:
        candidates: list[QuoteCandidate] = []
        previous: QuoteCandidate | None = None
        previous_end_paragraph = -1
        for qid, quotation in enumerate(quotations):
            span = doc.char_span(quotation.mark_start, quotation.mark_end, alignment_mode="expand")
            if span is None or len(span) == 0 or excluded[span.start]:
                continue
            candidate = self._attribute(doc, quotation, span.start, span.end - 1, inside_quotation)
            if candidate is None:
                continue
            candidate.quotation_ids = [qid]
            if previous is not None and self._continues(doc, previous, candidate, quotation):
                # `"A," he said, "B."` or `"A," he said. "B."`: one quote in pieces.
                previous.parts.extend(candidate.parts)
                previous.quotation_ids.append(qid)
                previous.confidence = min(
                    previous.confidence, max(candidate.confidence, scores.DIRECT_CONTINUATION_FLOOR)
                )
                continue
            if candidate.speaker is None and candidate.cue_token is None and previous is not None:
                starts_paragraph = self._starts_paragraph(doc_text(doc), quotation.mark_start)
                if starts_paragraph and previous_end_paragraph >= 0:
                    # A quotation standing alone as a paragraph continues the last speaker.
                    gap = doc_text(doc)[previous.end : quotation.mark_start]
                    if gap.count("\n") <= 2 and len(gap) < 400:
                        candidate.speaker = previous.speaker
                        candidate.confidence = scores.DIRECT_PARAGRAPH_CONTINUATION
            if (
                candidate.speaker is None
                and candidate.cue_token is None
                and not self._is_clause(doc, quotation)
            ):
                continue
            candidates.append(candidate)
            previous = candidate
            previous_end_paragraph = quotation.mark_end
        return candidates

    # ---- attribution ------------------------------------------------------
    def _attribute(
        self, doc: Doc, quotation: Quotation, open_i: int, close_i: int, inside_quotation: list[bool]
    ) -> QuoteCandidate | None:
        confidence = scores.DIRECT_BALANCED if quotation.balanced else scores.DIRECT_UNBALANCED
        cue = self._cue_after(doc, close_i, inside_quotation) if quotation.balanced else None
        if cue is None:
            cue = self._cue_before(doc, open_i, inside_quotation)
        colon_speaker = self._colon_subject(doc, open_i) if cue is None else None
        if cue is None and colon_speaker is None:
            # A scare-quoted phrase inside someone's sentence is no direct quote (mixed at most);
            # without a cue of its own it survives only as the next piece of a quote.
            if self._is_clause(doc, quotation):
                cue = self._cue_in_sentence(doc, open_i, close_i, inside_quotation)
            confidence -= scores.DIRECT_NO_CUE_PENALTY
        speaker = None
        cue_text = cue_kind = None
        cue_start = cue_index = None
        addressee = None
        if cue is not None:
            entry = self.lexicon.verb_cue(cue)
            speaker = self.speakers.speaker_token(cue)
            cue_text, cue_start, cue_index = cue.text, cue.idx, cue.i
            cue_kind = entry.kind if entry else None
            addressee = self.speakers.addressee_token(cue, entry.object_role if entry else None)
        else:
            speaker = colon_speaker
            confidence = min(
                confidence,
                scores.DIRECT_COLON_SPEAKER_CAP if speaker is not None else scores.DIRECT_NO_SPEAKER_CAP,
            )
        return QuoteCandidate(
            kind="direct",
            parts=list(quotation.parts),
            cue_text=cue_text,
            cue_kind=cue_kind,
            cue_start=cue_start,
            speaker=speaker,
            addressee=addressee,
            confidence=confidence,
            cue_token=cue_index,
        )

    def _is_cue(self, token: Token, inside_quotation: list[bool]) -> bool:
        return not inside_quotation[token.i] and self.lexicon.verb_cue(token) is not None

    def _cue_after(self, doc: Doc, close_i: int, inside_quotation: list[bool]) -> Token | None:
        sent_end = doc[close_i].sent.end
        # A quote that ended its sentence may still be followed by "he said." on the same line.
        limit = min(len(doc), close_i + 1 + _AFTER_WINDOW)
        i = close_i + 1
        while i < limit and doc[i].text in {",", "—", "–", "-"}:
            i += 1
        for j in range(i, limit):
            token = doc[j]
            if inside_quotation[j] or "\n" in token.text or token.text in {".", "!", "?", ";", ":"}:
                break
            if (
                j >= sent_end
                and doc[j - 1].text not in {",", "—"}
                and doc[close_i - 1].text not in {",", "—"}
            ):
                break
            if self._is_cue(token, inside_quotation):
                return token
        return None

    def _cue_before(self, doc: Doc, open_i: int, inside_quotation: list[bool]) -> Token | None:
        sent_start = doc[open_i].sent.start
        j = open_i - 1
        steps = 0
        while j >= sent_start and steps < scores.BEFORE_WINDOW:
            token = doc[j]
            if inside_quotation[j] or "\n" in token.text or token.text in {".", "!", "?", ";"}:
                break
            if self._is_cue(token, inside_quotation):
                return token
            j -= 1
            steps += 1
        return None

    def _cue_in_sentence(
        self, doc: Doc, open_i: int, close_i: int, inside_quotation: list[bool]
    ) -> Token | None:
        """Any cue of the sentence outside quotations, nearest first (`said the plan was "x"`)."""
        sent = doc[open_i].sent
        best = None
        best_distance = None
        for token in sent:
            if not self._is_cue(token, inside_quotation):
                continue
            distance = open_i - token.i if token.i < open_i else token.i - close_i
            if distance < 0:
                continue
            if best_distance is None or distance < best_distance:
                best, best_distance = token, distance
        return best

    @staticmethod
    def _colon_subject(doc: Doc, open_i: int) -> Token | None:
        """`The minister was blunt: "..."`: the subject of the clause before the colon."""
        j = open_i - 1
        while j >= 0 and doc[j].is_space:
            j -= 1
        if j < 0 or doc[j].text != ":":
            return None
        sent_start = doc[j].sent.start
        # The clause before the colon: its top verb is the one whose head lies outside it.
        for token in doc[sent_start:j]:
            if (
                token.pos_ not in {"VERB", "AUX"}
                or sent_start <= token.head.i < j
                and token.head is not token
            ):
                continue
            for child in token.children:
                if child.dep_ == "nsubj":
                    return child
        return None

    # ---- shapes -------------------------------------------------------------
    @staticmethod
    def _continues(
        doc: Doc, previous: QuoteCandidate, candidate: QuoteCandidate, quotation: Quotation
    ) -> bool:
        """Is this quotation the next piece of the previous quote, around that quote's cue?"""
        if previous.cue_token is None or previous.cue_start is None:
            return False
        if candidate.cue_token is not None and candidate.cue_token != previous.cue_token:
            return False
        gap_start = previous.end
        gap = doc_text(doc)[gap_start : quotation.start]
        if len(gap) > _SPLIT_GAP_CHARS or "\n" in gap:
            return False
        # The previous cue sits between the pieces: `"A," she said. "B."`
        return gap_start <= previous.cue_start < quotation.start

    @staticmethod
    def _starts_paragraph(text: str, offset: int) -> bool:
        line_start = text.rfind("\n", 0, offset) + 1
        return not text[line_start:offset].strip()

    @staticmethod
    def _is_clause(doc: Doc, quotation: Quotation) -> bool:
        """Long enough and with a verb: speech, not a title or a scare-quoted phrase."""
        span = doc.char_span(quotation.start, quotation.end, alignment_mode="expand")
        if span is None:
            return False
        words = [t for t in span if t.is_alpha]
        return len(words) >= _MIN_UNCUED_WORDS and any(t.pos_ in {"VERB", "AUX"} for t in span)
