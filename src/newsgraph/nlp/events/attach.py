"""What an event is attached to: where, when, and the figures that count its toll.

Places and dates come from the earlier stages' layers (``doc._.ng_places``,
``doc._.ng_times``); a mention inside the trigger's clause wins over one
elsewhere in the sentence, and the nearest wins among equals. Death and
injury tolls (quantities of a casualty kind) attach to an ASSAULT in the same
sentence, else to the ASSAULT of the sentence before.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from ...records import EventPlace, EventTime, Place, Quantity, TimeExpression

TOLL_KINDS = {"killed", "injured", "casualties", "wounded", "dead", "missing", "hostages", "detained"}
TOLL_EVENT_TYPES = {"ASSAULT"}
LOCATIVE_PREPS = {
    "in",
    "at",
    "near",
    "across",
    "throughout",
    "outside",
    "inside",
    "around",
    "over",
    "into",
    "on",
    "within",
    "along",
    "off",
    "towards",
    "toward",
    "through",
    "between",
    "onto",
}


class SpanIndex:
    """Items with character spans, sorted for lookups by sentence."""

    def __init__(self, items: Sequence[tuple[int, int, object]]) -> None:
        self.items = sorted(items, key=lambda x: x[0])
        self.starts = [s for s, _, _ in self.items]

    def within(self, start: int, end: int) -> list[tuple[int, int, object]]:
        i = bisect_left(self.starts, start)
        out = []
        while i < len(self.items) and self.items[i][0] < end:
            if self.items[i][1] <= end:
                out.append(self.items[i])
            i += 1
        return out


def clause_range(trigger: Token) -> tuple[int, int]:
    """Character range of the trigger's clause: the subtree of its nearest clausal head."""
    node = trigger
    while node.pos_ not in {"VERB", "AUX"} and node.head != node:
        node = node.head
    return node.left_edge.idx, node.right_edge.idx + len(node.right_edge.text)


def clause_verb(token: Token) -> Token:
    """The nearest verb at or above ``token``."""
    node = token
    while node.pos_ not in {"VERB", "AUX"} and node.head != node:
        node = node.head
    return node


def in_other_clause(token: Token, trigger: Token) -> bool:
    """Whether ``token`` belongs to a clause other than the trigger's or one governing it
    ("since the war began in 2022", "amid escalating aggression in X")."""
    verb = clause_verb(token)
    own = clause_verb(trigger)
    if verb.i in (own.i, trigger.i) or verb.is_ancestor(trigger):
        return False
    if own.is_ancestor(verb):
        # a non-finite clause inside the event's own ("missiles targeting sites across X") is part of it
        node = verb
        while node != own:
            if any(c.dep_ in {"nsubj", "nsubjpass", "mark"} for c in node.children):
                return True
            node = node.head
        return False
    return True


def is_locative(token: Token) -> bool:
    """A place named as where something happens: the object of a locative preposition."""
    node = token
    while node.dep_ in {"compound", "flat", "conj", "appos"} and node.head != node:
        node = node.head
    return node.dep_ == "pobj" and node.head.lower_ in LOCATIVE_PREPS


def _pick(
    found: list[tuple[int, int, object]],
    trigger: Token,
    avoid: list[tuple[int, int]],
    require_locative: bool = False,
) -> tuple[int, int, object] | None:
    doc = trigger.doc
    clause_start, clause_end = clause_range(trigger)
    best = None
    best_key: tuple[int, int] | None = None
    for item in found:
        start, end, _ = item
        if any(start < a_end and a_start < end for a_start, a_end in avoid):
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        if in_other_clause(span.root, trigger):
            continue
        if require_locative and not is_locative(span.root):
            continue
        inside = clause_start <= start and end <= clause_end
        key = (0 if inside else 1, abs(start - trigger.idx))
        if best_key is None or key < best_key:
            best, best_key = item, key
    return best


class Attachments:
    """Per-document indexes of places, dates and figures, built once per Doc."""

    def __init__(self, doc: Doc) -> None:
        self.text = doc.text  # Doc.text is rebuilt from tokens on every access: read it once
        places: list[Place] = doc._.ng_places or []
        times: list[TimeExpression] = doc._.ng_times or []
        quantities: list[Quantity] = doc._.ng_quantities or []
        self.places = SpanIndex([(m.start, m.end, p) for p in places for m in p.mentions])
        self.times = SpanIndex([(t.start, t.end, t) for t in times])
        self.tolls = SpanIndex([(q.start, q.end, q) for q in quantities if q.kind in TOLL_KINDS])

    def place_for(self, sent: Span, trigger: Token, avoid: list[tuple[int, int]]) -> EventPlace | None:
        item = _pick(self.places.within(sent.start_char, sent.end_char), trigger, avoid, True)
        if item is None:
            return None
        place: Place = item[2]  # type: ignore[assignment]
        return EventPlace(place.name, place.country, place.lat, place.lon)

    def time_for(self, sent: Span, trigger: Token) -> EventTime | None:
        item = _pick(self.times.within(sent.start_char, sent.end_char), trigger, [])
        if item is None:
            return None
        t: TimeExpression = item[2]  # type: ignore[assignment]
        return EventTime(t.text, t.value_start, t.value_end)

    def tolls_in(self, sent: Span) -> tuple[Quantity, ...]:
        return tuple(q for _, _, q in self.tolls.within(sent.start_char, sent.end_char))  # type: ignore[misc]
