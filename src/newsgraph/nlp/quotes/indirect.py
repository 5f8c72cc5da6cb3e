"""Reported speech: a reporting cue and the clause it reports.

Constructions, each read off spaCy's dependency parse:

- a that-clause or bare clause: "told X that ...", "declared his country would ...";
- an infinitive request or promise: "urged X to ...", "vowed to ...";
- a content-bearing object noun: "declared his readiness to ...";
- a participle after the main clause: "..., stating that ...", "..., arguing ...";
- a report noun with a that-clause: "her claim that ...";
- a source phrase: "..., according to X".

The content is the reported clause only, cut where a further participle cue
takes over ("X confirmed that A, stating B": A belongs to "confirmed").
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..extensions import doc_text
from . import scores
from .candidates import QuoteCandidate, trimmed_char_span
from .lexicon import CueEntry, CueLexicon
from .speakers import SpeakerFinder, report_source

_INFINITIVE_KINDS = {"request", "promise", "warning", "denial"}
_CLAUSE_DEPS = {"ccomp"}
_QUOTE_OPENERS = set("\"“‘«'")
_DASHES = {"-", "—", "–", "--"}


class IndirectFinder:
    """Finds reported speech in a Doc, given the direct quotations already found."""

    def __init__(self, lexicon: CueLexicon, speakers: SpeakerFinder) -> None:
        self.lexicon = lexicon
        self.speakers = speakers

    def find(self, doc: Doc, inside_quotation: list[bool], excluded: list[bool]) -> list[QuoteCandidate]:
        """Candidates of every indirect construction; ``excluded`` marks heading tokens."""
        found: list[QuoteCandidate] = []
        for token in doc:
            if inside_quotation[token.i] or excluded[token.i]:
                continue
            phrase = self.lexicon.source_phrase_at(token)
            if phrase is not None:
                candidate = self._source_phrase(token, phrase[0], phrase[1], inside_quotation)
                if candidate is not None:
                    found.append(candidate)
                continue
            entry = self.lexicon.verb_cue(token)
            if entry is not None:
                candidate = self._verb(token, entry, inside_quotation)
                if candidate is not None:
                    found.append(candidate)
                continue
            noun_entry = self.lexicon.noun_cue(token)
            if noun_entry is not None:
                candidate = self._report_noun(token, noun_entry, inside_quotation)
                if candidate is not None:
                    found.append(candidate)
        return found

    # ---- content spans ------------------------------------------------------
    def _is_participle_cue(self, token: Token) -> bool:
        return (
            token.tag_ == "VBG"
            and token.i > 0
            and token.doc[token.i - 1].text in {",", "—", "–", "-"}
            and self.lexicon.verb_cue(token) is not None
        )

    def _cut(self, doc: Doc, first: int, last: int, cue: Token) -> int:
        """The last token of the content, before a further participle cue takes over."""
        for i in range(first + 1, last + 1):
            if i != cue.i and self._is_participle_cue(doc[i]):
                return i - 2
            if (
                doc[i].dep_ == "conj"
                and doc[i - 1].lower_ in {"and", "but"}
                and i - 1 > first
                and self.lexicon.verb_cue(doc[i]) is not None
            ):
                # "said A was B and vowed C": the second cue starts its own quote.
                return i - 2
            if (
                doc[i].text in _DASHES
                and doc[i].whitespace_
                and i + 1 <= last
                and self._starts_aside(doc[i + 1])
            ):
                # "... Russian interests - a phrase used by ...": the writer's aside, not the speaker's.
                return i - 1
        return last

    @staticmethod
    def _starts_aside(token: Token) -> bool:
        head = token.head if token.dep_ in {"det", "amod", "compound", "poss"} else token
        return head.dep_ == "appos" or (token.dep_ == "appos")

    def _content(
        self, doc: Doc, first: int, last: int, cue: Token, inside_quotation: list[bool]
    ) -> tuple[int, int] | None:
        if first > last or inside_quotation[first]:
            return None
        last = self._cut(doc, first, last, cue)
        if first <= cue.i <= last:
            return None
        span = trimmed_char_span(doc, first, last)
        if span is None or len(doc_text(doc)[span[0] : span[1]].split()) < 2:
            return None
        return span

    @staticmethod
    def _subtree_bounds(token: Token) -> tuple[int, int]:
        return token.left_edge.i, token.right_edge.i

    def _verb(self, cue: Token, entry: CueEntry, inside_quotation: list[bool]) -> QuoteCandidate | None:
        doc = cue.doc
        content = None
        confidence = scores.INDIRECT_DEFAULT
        has_that = False
        cue_kind = entry.kind
        # A that-clause or bare clause.
        for child in cue.children:
            if child.dep_ in _CLAUSE_DEPS and child.pos_ in {"VERB", "AUX"}:
                first, last = self._subtree_bounds(child)
                content = self._content(doc, first, last, cue, inside_quotation)
                if content is not None:
                    has_that = any(c.dep_ == "mark" for c in child.children)
                    confidence = scores.INDIRECT_THAT_CLAUSE if has_that else scores.INDIRECT_BARE_CLAUSE
                    break
        if content is None:
            content, kind_override = self._infinitive(cue, entry, inside_quotation)
            if content is not None:
                confidence = scores.INDIRECT_INFINITIVE
                cue_kind = kind_override or cue_kind
        if content is None and entry.object_role == "target":
            content = self._target_frame(cue, inside_quotation)
            if content is not None:
                confidence = scores.INDIRECT_TARGET_FRAME
        if content is None:
            content = self._object_noun(cue, inside_quotation)
            if content is not None:
                confidence = scores.INDIRECT_OBJECT_NOUN
        if content is None and self._is_participle_cue(cue):
            content = self._rest_of_sentence(cue, inside_quotation)
            confidence = scores.INDIRECT_PARTICIPLE_REST
        if content is None:
            return None
        return QuoteCandidate(
            kind="indirect",
            parts=[content],
            cue_text=self._cue_words(cue, entry),
            cue_kind=cue_kind,
            cue_start=cue.idx,
            speaker=self.speakers.speaker_token(cue),
            addressee=self.speakers.addressee_token(cue, entry.object_role),
            confidence=confidence,
            cue_token=cue.i,
            explicit_clause=has_that,
        )

    @staticmethod
    def _cue_words(cue: Token, entry: CueEntry) -> str:
        if entry.particle:
            particle = next((c for c in cue.children if c.lower_ == entry.particle.split()[0]), None)
            if particle is not None:
                doc = cue.doc
                return doc_text(doc)[cue.idx : particle.idx + len(particle.text)]
        return cue.text

    def _infinitive(
        self, cue: Token, entry: CueEntry, inside_quotation: list[bool]
    ) -> tuple[tuple[int, int] | None, str | None]:
        """ "urged X to ...", "vowed to ...", "told X to ...": object and infinitive together."""
        if entry.kind not in _INFINITIVE_KINDS and entry.object_role != "addressee":
            return None, None
        doc = cue.doc
        for child in cue.children:
            if child.dep_ != "xcomp" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                continue
            first, last = self._subtree_bounds(child)
            objects = [c for c in cue.children if c.dep_ in {"dobj", "dative"} and c.i < child.i]
            if objects:
                first = objects[0].left_edge.i
            else:
                # "called on X to ...": the object sits in the particle's phrase.
                for prep in cue.children:
                    if prep.dep_ == "prep" and prep.i < child.i and prep.lower_ in {"on", "upon"}:
                        pobjs = [c for c in prep.children if c.dep_ == "pobj"]
                        if pobjs:
                            first = pobjs[0].left_edge.i
            if first <= cue.i:
                continue
            content = self._content(doc, first, last, cue, inside_quotation)
            kind = "request" if entry.kind in {"statement", "question"} else None
            return content, kind
        return None, None

    def _target_frame(self, cue: Token, inside_quotation: list[bool]) -> tuple[int, int] | None:
        """ "accused X of blocking the reform": the target and the charge together."""
        objects = [c for c in cue.children if c.dep_ == "dobj"]
        if not objects:
            return None
        charges = [
            c
            for c in (*cue.children, *objects[0].children)
            if c.dep_ == "prep" and c.lower_ in {"of", "for", "over"}
        ]
        if not objects or not charges or charges[0].i < objects[0].i:
            return None
        return self._content(cue.doc, objects[0].left_edge.i, charges[0].right_edge.i, cue, inside_quotation)

    def _object_noun(self, cue: Token, inside_quotation: list[bool]) -> tuple[int, int] | None:
        """ "declared his readiness to meet ...", "stressed the importance of talks"."""
        for child in cue.children:
            if child.dep_ != "dobj":
                continue
            complements = self.lexicon.content_noun_complements(child)
            if not complements or not self._has_complement(child, complements):
                continue
            first, last = self._subtree_bounds(child)
            return self._content(cue.doc, first, last, cue, inside_quotation)
        return None

    @staticmethod
    def _has_complement(noun: Token, complements: frozenset[str]) -> bool:
        for child in noun.rights:
            if child.dep_ == "prep" and (child.lower_ in complements or "any" in complements):
                return True
            if child.dep_ in {"acl", "relcl", "ccomp"}:
                words = {c.lower_ for c in child.children if c.dep_ in {"aux", "mark"}}
                if words & complements or "any" in complements:
                    return True
        return False

    def _rest_of_sentence(self, cue: Token, inside_quotation: list[bool]) -> tuple[int, int] | None:
        """ "..., arguing such measures would ...": the clause after a trailing participle."""
        doc = cue.doc
        sent: Span = cue.sent
        first = cue.i + 1
        while first < sent.end and doc[first].pos_ in {"ADV"}:
            first += 1
        if first >= sent.end or doc[first].text in {":"} or doc[first].text[:1] in _QUOTE_OPENERS:
            return None
        last = first
        while last + 1 < sent.end and not inside_quotation[last + 1]:
            last += 1
        tokens = doc[first : last + 1]
        if not any(t.pos_ in {"VERB", "AUX"} for t in tokens):
            return None
        return self._content(doc, first, last, cue, inside_quotation)

    # ---- nouns and phrases --------------------------------------------------
    def _report_noun(
        self, noun: Token, entry: CueEntry, inside_quotation: list[bool]
    ) -> QuoteCandidate | None:
        """ "her claim that the vote was rigged": a report noun with a that-clause and a source."""
        source = report_source(noun)
        if source is None:
            return None
        for child in noun.rights:
            if child.dep_ not in {"acl", "ccomp"}:
                continue
            if not any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children):
                continue
            first, last = self._subtree_bounds(child)
            content = self._content(noun.doc, first, last, noun, inside_quotation)
            if content is None:
                return None
            return QuoteCandidate(
                kind="indirect",
                parts=[content],
                cue_text=noun.text,
                cue_kind=entry.kind,
                cue_start=noun.idx,
                speaker=source,
                confidence=scores.INDIRECT_NOUN_CUE,
                cue_token=noun.i,
                explicit_clause=True,
            )
        return None

    def _source_phrase(
        self, token: Token, end: int, entry: CueEntry, inside_quotation: list[bool]
    ) -> QuoteCandidate | None:
        """ "The attack killed five, according to officials.": the rest of the sentence."""
        doc = token.doc
        sent = token.sent
        if end >= sent.end:
            return None
        last_word = doc[end - 1]
        objects = [c for c in last_word.children if c.dep_ == "pobj"]
        source = objects[0] if objects else doc[end]
        if self.lexicon.noun_cue(source) is not None:
            source = report_source(source) or source
        phrase_last = max(source.right_edge.i, end)
        phrase_last = min(phrase_last, sent.end - 1)
        parts = []
        before = trimmed_char_span(doc, sent.start, token.i - 1) if token.i > sent.start else None
        after = trimmed_char_span(doc, phrase_last + 1, sent.end - 1) if phrase_last + 1 < sent.end else None
        for piece in (before, after):
            if piece is not None and len(doc_text(doc)[piece[0] : piece[1]].split()) >= 3:
                parts.append(piece)
        if not parts:
            return None
        first_tok = doc.char_span(parts[0][0], parts[0][1], alignment_mode="expand")
        if first_tok is not None and inside_quotation[first_tok.start]:
            return None
        return QuoteCandidate(
            kind="indirect",
            parts=parts,
            cue_text=doc_text(doc)[token.idx : last_word.idx + len(last_word.text)],
            cue_kind=entry.kind,
            cue_start=token.idx,
            speaker=source,
            confidence=scores.INDIRECT_ACCORDING_TO
            if len(parts) == 1
            else scores.INDIRECT_ACCORDING_TO_SPLIT,
            cue_token=token.i,
            explicit_clause=True,
        )
