"""Who speaks and to whom: from a reporting cue to the speaker's words and entity.

Entities are looked up only through :mod:`newsgraph.nlp.mentions`, so names,
titles and pronouns resolve as well as the entities and coreference stages
resolve them. An unnamed source ("officials", "a source close to ...") keeps
its words and, when stated, its country.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ...records import Entity
from ..lookups.countries import CountryGazetteer
from ..lookups.mentions import entity_for, mention_index
from ..syntax import SUBJECT_DEPS, is_passive, passive_agent, prep_objects
from .lexicon import CueLexicon

_RELATIVE_WORDS = {"that", "which", "who", "whom", "whose"}
# Left-hand modifiers that belong to a name ("Foreign Minister Jan Doe", "the ministry").
_NAME_DEPS = {"compound", "flat", "nmod", "det", "poss", "amod", "nummod", "case", "punct", "quantmod"}
# Right-hand dependents that end a speaker's description ("X, who ...", "X, a ...").
_DESCRIPTION_STOP_DEPS = {"relcl", "appos", "punct", "cc", "conj", "advcl", "acl"}
_SOURCE_PREPS = {"from", "by", "of"}
_PARTICIPLE_WALK_LIMIT = 6


@dataclass(frozen=True)
class ResolvedActor:
    """A speaker or addressee: the words in the text and, when known, the entity."""

    entity: Entity | None
    text: str
    country: str | None
    start: int
    end: int


def _is_relative(token: Token) -> bool:
    return token.lower_ in _RELATIVE_WORDS and token.tag_ in {"WDT", "WP", "WP$", "IN"}


def report_source(noun: Token) -> Token | None:
    """The source of a report noun: "his remarks", "remarks from X", "a statement by X"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ in {"prep", "agent"} and child.lower_ in _SOURCE_PREPS:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


class SpeakerFinder:
    """Finds the speaker and addressee tokens of a cue and resolves them to actors."""

    def __init__(self, lexicon: CueLexicon, gazetteer: CountryGazetteer | None) -> None:
        self.lexicon = lexicon
        self.gazetteer = gazetteer

    # ---- which token ----------------------------------------------------
    def speaker_token(self, cue: Token) -> Token | None:
        """The head token of the cue's speaker, following participles up to their clause."""
        current = cue
        for step in range(_PARTICIPLE_WALK_LIMIT):
            found = self._own_subject(current)
            if found is not None:
                return found
            if step == 0 and is_passive(current):
                # "it was announced that ...", "X was told that ...": only an agent speaks.
                return passive_agent(current)
            head = current.head
            if head is current:
                return None
            if current.dep_ == "conj" and head.dep_ == "ccomp" and self.lexicon.verb_cue(head.head):
                # "X said A was B and vowed C": the parser often hangs "vowed" on A's verb.
                current = head.head
                continue
            if head.pos_ in {"NOUN", "PROPN", "PRON"} and current.dep_ in {"acl", "relcl"}:
                # "a statement saying ...", "officials speaking ...": the noun speaks.
                if self.lexicon.noun_cue(head) is not None:
                    return report_source(head) or head
                return head
            if head.pos_ not in {"VERB", "AUX", "ADP", "SCONJ"} and head.dep_ not in {"prep", "pcomp"}:
                return None
            current = head
        return None

    def _own_subject(self, verb: Token) -> Token | None:
        for child in verb.children:
            if child.dep_ not in SUBJECT_DEPS or child.dep_ == "nsubjpass":
                continue
            if child.dep_ == "csubj":
                continue
            if _is_relative(child) and verb.dep_ == "relcl":
                head = verb.head
                if self.lexicon.noun_cue(head) is not None:
                    return report_source(head) or head
                return head
            if self.lexicon.noun_cue(child) is not None:
                # "his remarks suggested ...": the remarks' author speaks.
                return report_source(child) or child
            return child
        return None

    def addressee_token(self, cue: Token, object_role: str | None) -> Token | None:
        """ "told RIA that" -> RIA; "said to reporters" -> reporters."""
        if object_role == "addressee":
            for child in cue.children:
                if child.dep_ in {"dobj", "dative"} and child.pos_ in {"NOUN", "PROPN", "PRON"}:
                    return child
        for child in cue.children:
            if child.dep_ in {"prep", "dative"} and child.lower_ == "to":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
        return None

    # ---- which words and which entity ---------------------------------
    def describe(self, token: Token) -> ResolvedActor:
        """The actor a head token stands for: its description, entity and country."""
        doc = token.doc
        start, end = self._description_bounds(token)
        entity = self._entity(token)
        country = entity.country if entity is not None else None
        if country is None:
            country = self._stated_country(token)
        text = doc[start:end].text
        return ResolvedActor(entity, text, country, doc[start].idx, doc[start].idx + len(text))

    def _description_bounds(self, token: Token) -> tuple[int, int]:
        start = token.left_edge.i
        end = token.i + 1
        for child in token.rights:
            bare_apposition = child.dep_ == "appos" and token.doc[child.left_edge.i - 1].text != ","
            if child.dep_ in _DESCRIPTION_STOP_DEPS and not bare_apposition:
                break
            end = child.right_edge.i + 1
        return start, end

    def _entity(self, token: Token) -> Entity | None:
        entity = entity_for(token)
        if entity is not None:
            return entity
        # A name written over several tokens: "Foreign Minister Jan Doe" -> the compound chain.
        chain = [c for c in token.lefts if c.dep_ in {"compound", "flat"} and c.pos_ == "PROPN"]
        if chain:
            first = min(c.left_edge.i for c in chain)
            doc = token.doc
            index = mention_index(doc)
            entity = index.entity_in(doc[first].idx, token.idx + len(token.text))
            if entity is not None:
                return entity
        # "the envoy Ivo Marsh", "the ministry's spokesman, Ivo Marsh,": the apposed name.
        for child in token.rights:
            if child.dep_ == "appos":
                return entity_for(child)
        return None

    def _stated_country(self, token: Token) -> str | None:
        """The country in the speaker's own words: "Ukrainian officials", "officials in Kyiv's ..."."""
        if self.gazetteer is None:
            return None
        candidates = [c for c in token.lefts if c.dep_ in _NAME_DEPS] + [token]
        candidates.extend(prep_objects(token, _SOURCE_PREPS | {"in"}))
        for candidate in candidates:
            if candidate.pos_ not in {"ADJ", "PROPN", "NOUN"} and candidate.dep_ != "poss":
                continue
            code = self.gazetteer.alpha3(candidate.text)
            if code:
                return code
        return None
