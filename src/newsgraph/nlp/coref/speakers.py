"""Who speaks a quotation, as far as coreference needs it.

Inside "...he was acquitted," Ruiz said, "he" is not Ruiz: a speaker calls
himself "I". This finds quoted stretches by their quotation marks and the
subject of the reporting verb next to them, in the same sentence or the one before.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Token

from ..syntax import NOMINAL_SUBJECT_DEPS

_OPENING = {"“": "”", '"': '"', "«": "»"}


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """Character spans between paired quotation marks (unclosed quotes run to the line end)."""
    regions = []
    i = 0
    while i < len(text):
        closing = _OPENING.get(text[i])
        if closing is None:
            i += 1
            continue
        end = text.find(closing, i + 1)
        line_end = text.find("\n", i + 1)
        if line_end == -1:
            line_end = len(text)
        if end == -1 or end > line_end:
            end = line_end
        regions.append((i + 1, end))
        i = end + 1
    return regions


class QuoteSpeakers:
    """For a token inside a quotation, the entity that speaks it, if one can be seen."""

    def __init__(self, doc: Doc, speech_verbs: set[str], entity_at: dict[int, str]) -> None:
        self.doc = doc
        self.speech_verbs = speech_verbs
        self.entity_at = entity_at  # token index -> entity id, updated as pronouns resolve
        self.regions = quoted_regions(doc.text)
        self._starts = [s for s, _ in self.regions]

    def _inside(self, char: int) -> bool:
        i = bisect_right(self._starts, char) - 1
        return i >= 0 and self.regions[i][0] <= char < self.regions[i][1]

    def speaker_of(self, token: Token) -> str | None:
        """The entity speaking the quotation ``token`` stands in, or None."""
        if not self._inside(token.idx):
            return None
        sent = token.sent
        speaker = self._speaker_in(sent)
        if speaker is None and sent.start > 0:
            speaker = self._speaker_in(self.doc[sent.start - 1].sent)
        return speaker

    def _speaker_in(self, sent) -> str | None:
        for token in sent:
            if token.lemma_ not in self.speech_verbs or self._inside(token.idx):
                continue
            for child in token.children:
                if child.dep_ in NOMINAL_SUBJECT_DEPS and not self._inside(child.idx):
                    entity_id = self.entity_at.get(child.i)
                    if entity_id is not None:
                        return entity_id
        return None
