"""Which entity a stretch of text refers to, through names and coreference.

Later stages (quotes, events) use this to turn a speaker or an actor into an
entity id without knowing how entities and coreference found it.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

from ...records import Entity


class MentionIndex:
    """Sorted mention spans of every entity, for lookups by character offset."""

    def __init__(self, doc: Doc) -> None:
        self.entities: dict[str, Entity] = {e.id: e for e in doc._.ng_entities or []}
        spans = [(m.start, m.end, e.id) for e in self.entities.values() for m in e.mentions]
        spans += [(m.start, m.end, eid) for eid, m in doc._.ng_coref or []]
        spans.sort()
        self._spans = spans
        self._starts = [s for s, _, _ in spans]

    def entity_in(self, start: int, end: int) -> Entity | None:
        """The entity of the longest mention lying inside ``[start, end)``, or overlapping it."""
        best = None
        best_len = -1
        i = bisect_right(self._starts, end)
        for s, e, eid in reversed(self._spans[:i]):
            if e <= start:
                if start - s > 400:
                    break
                continue
            inside = s >= start and e <= end
            length = (e - s) + (1000 if inside else 0)
            if length > best_len:
                best, best_len = eid, length
        return self.entities.get(best) if best else None

    def entity_at(self, start: int, end: int) -> Entity | None:
        """The entity of a mention with exactly these offsets, or None."""
        i = bisect_right(self._starts, start)
        for s, e, eid in reversed(self._spans[:i]):
            if s != start:
                break
            if e == end:
                return self.entities[eid]
        return None


def mention_index(doc: Doc) -> MentionIndex:
    """The doc's index, built on first use after coreference has run."""
    index = doc._.ng_cache_mention_index
    if index is None:
        index = doc._.ng_cache_mention_index = MentionIndex(doc)
    return index


def entity_for(target: Span | Token) -> Entity | None:
    """The entity a token or span (e.g. a subject's subtree) refers to."""
    doc = target.doc
    if isinstance(target, Token):
        start, end = target.idx, target.idx + len(target.text)
    else:
        start, end = target.start_char, target.end_char
    return mention_index(doc).entity_in(start, end)
