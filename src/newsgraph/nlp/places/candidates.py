"""Where an article names a place: the stretches of text the places stage resolves.

Candidates come from the entities stage's GPE/LOC/FAC entities when it wrote
any, from spaCy's own GPE/LOC/FAC spans where the entities stage said
nothing, and from proper nouns the tagger left untyped that the gazetteer
knows and the context supports ("Kyiv's allies", "the Sumy and Kharkiv
regions", "the Lviv cargo airport").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from ...lexicons import load_tsv

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Tags a head word may override: the small model often takes "the Sumy and Kherson
# regions" for people. A following "regions" or "airport" says otherwise.
OVERRIDABLE_LABELS = {"PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART"}
_LEADING_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_TRAILING_PUNCT = re.compile(r"[\s,.;:!?\"'”’)\]]+$")
_ABBREVIATION = re.compile(r"(?:^|\W)(?:\w\.){2,}$")  # "U.S.", "D.C.": the last dot is theirs
_COMMA = re.compile(r"\s*,\s+")
# What may stand between two coordinated names before a plural head: ", " "and" ", and".
_COORDINATOR = re.compile(r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$")
LOCATIVE_WORDS = {
    "in",
    "near",
    "from",
    "to",
    "at",
    "outside",
    "around",
    "across",
    "into",
    "toward",
    "towards",
}


@dataclass(frozen=True)
class Head:
    """A word after a place name making it a facility or an area: "airport", "regions"."""

    kind: str  # facility or region
    feature: str  # airport, power_plant, region, ...
    label: str  # singular word naming a region: "region", "oblast"
    plural: bool
    start: int  # offsets of the head words in the text
    end: int


@dataclass
class Candidate:
    """One stretch of text that may name a place, with what surrounds it."""

    start: int
    end: int
    text: str
    label: str  # GPE, LOC, FAC from a tagger; PROPN for an untyped proper noun
    entity_country: str | None = None  # the entities stage's country for this entity, if any
    head: Head | None = None
    qualifier: Candidate | None = None  # "Texas" in "Paris, Texas"
    untyped: bool = False  # found by the gazetteer, not by a tagger: needs support
    retyped: bool = False  # typed PERSON/ORG by a tagger: needs strong support
    retyped_by_spacy: bool = False  # ... by spaCy alone, not by the entities stage
    locative: bool = False  # preceded by "in", "near", "from"...
    possessive: bool = False  # followed by "'s"
    coordinated: list[Candidate] = field(default_factory=list)

    @property
    def facility_span(self) -> tuple[int, int] | None:
        if self.head is None or self.head.kind != "facility":
            return None
        return self.start, self.head.end


class HeadMatcher:
    """Finds facility and region head words after, or at the end of, a place name."""

    def __init__(self, user_lexicons: tuple[Path, ...] = ()) -> None:
        self.heads: dict[str, tuple[str, str, str, bool]] = {}
        for row in load_tsv("places_heads", user_lexicons):
            words = " ".join(row["head"].casefold().split())
            self.heads[words] = (
                row["kind"],
                row.get("feature") or row["kind"],
                row.get("label") or words,
                (row.get("plural") or "").casefold() in {"yes", "true", "1"},
            )
        alternatives = "|".join(
            r"\s+".join(re.escape(w) for w in head.split())
            for head in sorted(self.heads, key=len, reverse=True)
        )
        self._after = re.compile(rf"\s+({alternatives})\b", re.IGNORECASE)
        self._at_end = re.compile(rf"\s+({alternatives})$", re.IGNORECASE)

    def _head(self, match: re.Match[str], offset: int) -> Head:
        kind, feature, label, plural = self.heads[" ".join(match.group(1).casefold().split())]
        return Head(kind, feature, label, plural, offset + match.start(1), offset + match.end(1))

    def after(self, text: str, pos: int) -> Head | None:
        """The head starting right after ``pos`` ("Odesa| airport"), or None."""
        match = self._after.match(text, pos)
        return self._head(match, 0) if match else None

    def split_end(self, span_text: str, offset: int) -> tuple[str, Head] | None:
        """("Odesa", head) for a span "Odesa International Airport", or None."""
        match = self._at_end.search(span_text)
        if not match or match.start() == 0:
            return None
        return span_text[: match.start()], self._head(match, offset)


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without a leading "the", a trailing possessive or trailing punctuation."""
    span = text[start:end]
    lead = _LEADING_ARTICLE.match(span)
    if lead:
        start += lead.end()
        span = span[lead.end() :]
    for pattern in (_TRAILING_PUNCT, _TRAILING_POSSESSIVE, _TRAILING_PUNCT):
        found = pattern.search(span)
        if found and found.start() > 0 and not _ABBREVIATION.search(span):
            end -= len(span) - found.start()
            span = span[: found.start()]
    return start, end


def _split_on_commas(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """ "Paris, Texas" as one tagged span becomes two parts."""
    parts = []
    pos = start
    for match in _COMMA.finditer(text, start, end):
        parts.append((pos, match.start()))
        pos = match.end()
    parts.append((pos, end))
    return [(s, e) for s, e in parts if e > s]


def _typed_spans(
    doc: Doc,
) -> tuple[list[tuple[int, int, str, str | None]], list[tuple[int, int, str, bool]]]:
    """Place spans (start, end, label, country), every other typed span (start, end, label, from spaCy).

    The entities stage's decisions come first; spaCy's own spans fill in only
    where the entities stage wrote nothing.
    """
    places: list[tuple[int, int, str, str | None]] = []
    others: list[tuple[int, int, str, bool]] = []
    claimed = bytearray(len(doc.text) + 1)
    for entity in doc._.ng_entities or []:
        for mention in entity.mentions:
            if mention.kind not in {"name", "alias"}:
                continue
            claimed[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
            if entity.type in PLACE_LABELS:
                places.append((mention.start, mention.end, entity.type, entity.country))
            else:
                others.append((mention.start, mention.end, entity.type, False))
    for ent in doc.ents:
        if any(claimed[ent.start_char : ent.end_char]):
            continue
        if ent.label_ in PLACE_LABELS:
            places.append((ent.start_char, ent.end_char, ent.label_, None))
        else:
            others.append((ent.start_char, ent.end_char, ent.label_, True))
    return places, others


def find_candidates(doc: Doc, heads: HeadMatcher) -> list[Candidate]:
    """Every stretch of ``doc`` that may name a place, in text order."""
    text = doc.text
    places, others = _typed_spans(doc)
    candidates: list[Candidate] = []
    covered = bytearray(len(text) + 1)
    for start, end, label, country in places:
        for part_start, part_end in _split_on_commas(text, start, end):
            s, e = trimmed(text, part_start, part_end)
            if e > s:
                candidates.append(Candidate(s, e, text[s:e], label, entity_country=country))
    for start, end, *_rest in [*others, *places]:
        covered[start:end] = b"\x01" * (end - start)
    candidates.extend(_untyped_candidates(doc, covered))
    candidates.extend(_overridden_candidates(text, others, heads))
    candidates.sort(key=lambda c: (c.start, -c.end))
    candidates = _drop_nested(candidates)
    _attach_context(text, candidates, heads)
    return candidates


def _untyped_candidates(doc: Doc, covered: bytearray) -> list[Candidate]:
    """Runs of capitalised proper nouns no tagger typed: "Kyiv" in "Kyiv's allies"."""
    found = []
    run: list = []
    for token in [*doc, None]:
        if (
            token is not None
            and token.pos_ == "PROPN"
            and token.text[:1].isupper()
            and not covered[token.idx]
            and len(run) < 4
        ):
            run.append(token)
            continue
        if run:
            start, end = run[0].idx, run[-1].idx + len(run[-1].text)
            s, e = trimmed(doc.text, start, end)
            if e > s:
                found.append(Candidate(s, e, doc.text[s:e], "PROPN", untyped=True))
            run = []
    return found


def _overridden_candidates(
    text: str, others: list[tuple[int, int, str, bool]], heads: HeadMatcher
) -> list[Candidate]:
    """Spans typed as something else that may still be places.

    Followed by a place head ("the Sumy regions"), any of them; otherwise the
    resolver accepts them on strong support only: a city used as a metonym
    ("Moscow said"), a city after "in", never "Jordan said".
    """
    found = []
    for start, end, label, from_spacy in others:
        if label not in OVERRIDABLE_LABELS:
            continue
        for part_start, part_end in _split_on_commas(text, start, end):
            s, e = trimmed(text, part_start, part_end)
            if e <= s:
                continue
            headed = heads.after(text, e) or _coordinated_before_head(text, e, heads)
            found.append(
                Candidate(
                    s,
                    e,
                    text[s:e],
                    "PROPN",
                    untyped=True,
                    retyped=not headed,
                    retyped_by_spacy=from_spacy and not headed,
                )
            )
    return found


def _coordinated_before_head(text: str, end: int, heads: HeadMatcher) -> bool:
    """Whether a plural head follows a short coordinated list after ``end``: "Sumy| and Kherson regions"."""
    window = text[end : end + 80]
    match = re.match(r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:[A-Z][\w'’-]*\s+){1,3}", window)
    if not match:
        return False
    head = heads.after(text, end + match.end() - 1)
    return head is not None and head.plural


def _drop_nested(candidates: list[Candidate]) -> list[Candidate]:
    """Keep the first, longest of overlapping candidates (sorted by start, longest first)."""
    kept: list[Candidate] = []
    last_end = -1
    for cand in candidates:
        if cand.start >= last_end:
            kept.append(cand)
            last_end = cand.end
    return kept


def _attach_context(text: str, candidates: list[Candidate], heads: HeadMatcher) -> None:
    """Heads, comma qualifiers, coordination, locative words and possessives."""
    for i, cand in enumerate(candidates):
        inner = heads.split_end(cand.text, cand.start)
        if inner is not None:
            name, head = inner
            cand.head = head
            cand.end = cand.start + len(name.rstrip())
            cand.text = text[cand.start : cand.end]
            # The head words belong to the facility; keep the full span reachable.
        else:
            cand.head = heads.after(text, cand.end)
        before = [w.casefold() for w in text[max(0, cand.start - 16) : cand.start].split()]
        if before and before[-1] == "the":
            before.pop()
        cand.locative = bool(before) and before[-1] in LOCATIVE_WORDS
        cand.possessive = text.startswith(("'s", "’s"), cand.end)
        if i + 1 < len(candidates):
            nxt = candidates[i + 1]
            gap = text[cand.end : nxt.start]
            if _COMMA.fullmatch(gap) or gap == ",":
                cand.qualifier = nxt
    # A plural head reaches back over a coordinated list: "the Sumy, Kharkiv and Kherson regions".
    for i in range(len(candidates) - 1, 0, -1):
        cand = candidates[i]
        if cand.head is None or not cand.head.plural or cand.head.kind != "region":
            continue
        j = i - 1
        while j >= 0:
            prev = candidates[j]
            gap = text[prev.end : candidates[j + 1].start]
            if prev.head is not None or not _COORDINATOR.fullmatch(gap) or len(gap) > 8:
                break
            prev.head = cand.head
            prev.qualifier = None
            cand.coordinated.append(prev)
            j -= 1
