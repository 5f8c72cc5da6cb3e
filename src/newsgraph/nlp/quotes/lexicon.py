"""The reporting-cue lexicon of the quotes stage, loaded once per stage.

Data: ``lexicons/cues.tsv`` (cue, kind, type) and ``lexicons/quote_content_nouns.tsv``
(noun, complement), both extendable through user lexicon files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Token

from ...errors import LexiconError
from ...lexicons import load_tsv, split_field

CUE_TYPES = ("verb", "source_phrase", "noun")


@dataclass(frozen=True)
class CueEntry:
    """One lexicon row: ``cue`` as written in the lexicon (lemma form), its speech-act ``kind``."""

    cue: str
    kind: str
    type: str
    particle: str | None = None  # second word of a phrasal verb: "out" in "point out"
    object_role: str | None = None  # addressee ("told X that"), target ("accused X of") or None


def _verb_forms(lemma: str) -> set[str]:
    """Regular inflections, so a lemmatiser's miss ("Stating" left as is) still matches."""
    forms = {lemma, lemma + "s", lemma + "ed", lemma + "ing", lemma + "d"}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + "ing", lemma + "d"}
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    return forms


class CueLexicon:
    """Reporting verbs, source phrases, report nouns and content-bearing object nouns."""

    def __init__(self, user_lexicons: tuple[Path, ...] = ()) -> None:
        self.verbs: dict[str, list[CueEntry]] = {}
        self.verb_forms: dict[str, str] = {}
        self.nouns: dict[str, CueEntry] = {}
        self.source_phrases: dict[str, tuple[tuple[str, ...], CueEntry]] = {}
        for row in load_tsv("cues", user_lexicons):
            cue = " ".join(row["cue"].lower().split())
            kind, cue_type = row["kind"].strip().lower(), row["type"].strip().lower()
            if not cue or cue_type not in CUE_TYPES:
                raise LexiconError(
                    f"{getattr(row, 'origin', 'cues')}: bad row {row!r}: type must be one of {', '.join(CUE_TYPES)}"
                )
            words = cue.split()
            if cue_type == "verb":
                particle = " ".join(words[1:]) or None
                role = (row.get("object") or "-").strip().lower()
                entry = CueEntry(cue, kind, cue_type, particle, None if role in {"", "-"} else role)
                self.verbs.setdefault(words[0], []).append(entry)
                for form in _verb_forms(words[0]):
                    self.verb_forms.setdefault(form, words[0])
            elif cue_type == "noun":
                self.nouns.setdefault(cue, CueEntry(cue, kind, cue_type))
            else:
                self.source_phrases.setdefault(words[0], (tuple(words), CueEntry(cue, kind, cue_type)))
        self.content_nouns: dict[str, frozenset[str]] = {}
        for row in load_tsv("quote_content_nouns", user_lexicons):
            self.content_nouns[row["noun"].lower()] = frozenset(
                c.lower() for c in split_field(row.get("complement"))
            )

    def verb_cue(self, token: Token) -> CueEntry | None:
        """The verb entry ``token`` is a form of, honouring particles ("point out")."""
        if token.pos_ not in {"VERB", "AUX"} and token.tag_ not in {"VBG", "VBN", "VBD", "VBZ", "VBP", "VB"}:
            return None
        lemma = token.lemma_.lower()
        entries = self.verbs.get(lemma)
        if entries is None:
            base = self.verb_forms.get(token.lower_)
            entries = self.verbs.get(base) if base else None
        if not entries:
            return None
        particles = {c.lower_ for c in token.children if c.dep_ in {"prt", "prep"}}
        plain = None
        for entry in entries:
            if entry.particle is None:
                plain = entry
            elif entry.particle.split()[0] in particles:
                return entry
        return plain

    def noun_cue(self, token: Token) -> CueEntry | None:
        if token.pos_ not in {"NOUN", "PROPN"}:
            return None
        return self.nouns.get(token.lemma_.lower()) or self.nouns.get(token.lower_)

    def source_phrase_at(self, token: Token) -> tuple[int, CueEntry] | None:
        """``(end token index, entry)`` when a source phrase ("according to") starts at ``token``."""
        found = self.source_phrases.get(token.lower_)
        if found is None:
            return None
        words, entry = found
        doc = token.doc
        end = token.i + len(words)
        if end > len(doc):
            return None
        if all(doc[token.i + k].lower_ == w for k, w in enumerate(words)):
            return end, entry
        return None

    def content_noun_complements(self, token: Token) -> frozenset[str] | None:
        """Complement words that make an object noun ("readiness") carry reported content."""
        return self.content_nouns.get(token.lower_) or self.content_nouns.get(token.lemma_.lower())
