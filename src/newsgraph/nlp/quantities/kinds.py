"""What a number counts: its unit noun and kind, read from the dependency parse.

A number's *anchor* is the noun it quantifies ("seven people", "hundreds of
drones") or, without one, the number itself ("killing at least seven"). The
kind comes from the ``quantity_kinds`` lexicon, by role: a measure noun
("three decades") always decides; a thing noun ("100,000 homes") decides over
context; otherwise a cue word governing the anchor ("killed", "death toll")
decides; a person noun ("people") is the fallback before the generic "count".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Span, Token

from ...lexicons import load_tsv

# Dependency labels linking a number to the noun it counts.
_NUMBER_TO_NOUN = {"nummod", "quantmod", "amod", "compound", "appos", "npadvmod"}
# Labels linking an anchor to the verb or noun whose words describe it.
_ANCHOR_TO_GOVERNOR = {"dobj", "nsubj", "nsubjpass", "attr", "oprd", "appos", "conj", "npadvmod", "obj"}
# Arguments of a governing verb that may carry a cue ("the death *toll* rose to 12").
_VERB_ARGUMENTS = {"nsubj", "nsubjpass", "dobj", "attr", "oprd", "acomp"}
# Modifiers of the anchor that may carry a cue ("seven people *killed*", "12 *dead*").
_ANCHOR_MODIFIERS = {"acl", "relcl", "amod", "advcl", "oprd", "acomp"}
_PREPOSITIONS_TO_GOVERNOR = {"to", "of", "at", "by", "from"}
# Dependency arcs climbed from a number to the noun or verb it counts ("the deaths of 12 people").
GOVERNOR_WALK = 3


@dataclass(frozen=True)
class KindEntry:
    kind: str
    role: str  # measure, thing, cue, person
    unit: str  # "-" for the noun as written


@dataclass(frozen=True)
class KindReading:
    kind: str
    unit: str | None
    countable_noun: bool = False  # the number counts a noun the lexicon knows ("troops")


class KindReader:
    """Reads kind and unit for a number from the parse; lexicon loaded once."""

    def __init__(self, user_lexicons: tuple[Path, ...] = ()) -> None:
        self.entries: dict[str, KindEntry] = {}
        for row in load_tsv("quantity_kinds", user_lexicons):
            self.entries[row["word"].lower()] = KindEntry(row["kind"], row["role"], row["unit"])

    def entry(self, token: Token) -> KindEntry | None:
        return self.entries.get(token.lemma_.lower()) or self.entries.get(token.lower_)

    def anchor_noun(self, number: Span) -> Token | None:
        """The noun the number counts, or None."""
        root = number.root
        head = root.head
        if root.dep_ in _NUMBER_TO_NOUN and head.i >= number.end and head.pos_ in ("NOUN", "PROPN"):
            return head
        # "hundreds of drones", "dozens of them": the noun hangs off "of".
        for child in root.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.pos_ in ("NOUN", "PROPN"):
                        return pobj
        # A misparse: the noun right after the number still names what is counted.
        doc = number.doc
        nxt = doc[number.end] if number.end < len(doc) else None
        if nxt is not None and nxt.tag_ in ("NNS", "NNPS") and nxt.pos_ in ("NOUN", "PROPN"):
            return nxt
        if (
            nxt is not None
            and nxt.pos_ in ("PROPN", "ADJ", "NOUN")
            and number.end + 1 < len(doc)
            and doc[number.end + 1].tag_ == "NNS"
            and doc[number.end + 1].head.i == number.end + 1
        ):
            return doc[number.end + 1]
        return None

    def _context_tokens(self, anchor: Token) -> list[Token]:
        """Words that may say what happened to the anchor, nearest first."""
        found: list[Token] = [anchor]
        found += [c for c in anchor.children if c.dep_ in _ANCHOR_MODIFIERS]
        current = anchor
        if anchor.dep_ in _NUMBER_TO_NOUN and anchor.pos_ == "NUM":
            # A number hanging off an adjective or verb: "12 dead", "12 injured".
            current = anchor.head
            found.append(current)
        for _ in range(GOVERNOR_WALK):
            head = current.head
            if head.i == current.i:
                break
            if current.dep_ == "pobj" and head.lower_ in _PREPOSITIONS_TO_GOVERNOR:
                current = head
                continue
            if current.dep_ not in _ANCHOR_TO_GOVERNOR and current.dep_ != "prep":
                break
            found.append(head)
            found += [c for c in head.children if c.dep_ in _VERB_ARGUMENTS and c.i != current.i]
            found += [c for c in head.children if c.dep_ in ("compound", "amod") and head.pos_ == "NOUN"]
            if head.pos_ in ("VERB", "AUX"):
                break
            current = head
        return found

    def read(self, number: Span, is_money: bool, is_percent: bool) -> KindReading:
        """Kind and unit of the number covering ``number`` (tokens of the digits/words)."""
        if is_money:
            return KindReading("money", None)
        if is_percent:
            return KindReading("percent", "%")
        noun = self.anchor_noun(number)
        noun_entry = self.entry(noun) if noun is not None else None
        noun_unit = None
        if noun is not None and noun_entry is not None:
            noun_unit = noun.lower_ if noun_entry.unit == "-" else noun_entry.unit
        elif noun is not None:
            noun_unit = noun.lower_
        countable = noun_entry is not None and noun_entry.role in ("thing", "person")
        if noun_entry is not None and noun_entry.role in ("measure", "thing"):
            return KindReading(noun_entry.kind, noun_unit, countable)
        for token in self._context_tokens(noun if noun is not None else number.root):
            entry = self.entry(token)
            if entry is not None and entry.role == "cue":
                return KindReading(entry.kind, noun_unit, countable)
        if noun_entry is not None:
            return KindReading(noun_entry.kind, noun_unit, countable)
        return KindReading("count", noun_unit)
