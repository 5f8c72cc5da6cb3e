"""Finding event triggers: lexicon patterns checked against lemmas and dependency roles."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..syntax import OBJECT_DEPS
from . import scores
from .actors import expand_quantity
from .lexicon import EventLexicon, EventPattern, Trigger
from .modality import is_negated

COMPLEMENT_DEPS = {"xcomp", "ccomp", "advcl", "acl"}
# Links that end an event's reach: a trigger under one of these is an event of its own.
INDEPENDENT_DEPS = {"conj", "relcl", "parataxis", "appos", "ROOT"}


@dataclass
class Candidate:
    """A trigger token and the pattern that fits it."""

    token: Token
    pattern: EventPattern
    negated: bool
    objects: list[Token]
    matched_object: Token | None
    complement: Token | None


def particle_child(token: Token, word: str) -> Token | None:
    for child in token.children:
        if child.lower_ == word or child.lemma_.lower() == word:
            return child
    return None


def object_tokens(token: Token, trigger: Trigger | None = None) -> list[Token]:
    """The trigger's objects (through "hundreds of", coordination), its passive subject,
    the noun a participle modifies, and the objects of a phrasal trigger's preposition."""
    found: list[Token] = []
    for child in token.children:
        if child.dep_ in OBJECT_DEPS or (child.dep_ == "nsubjpass"):
            found.append(child)
    # "frozen assets": the noun a participle modifies is what it acts on
    participle = token.pos_ in {"VERB", "ADJ"} and token.tag_ in {"VBN", "JJ", "VBG"}
    if participle and (token.dep_ == "amod" or (token.dep_ == "acl" and token.tag_ == "VBN")):
        found.append(token.head)
    if trigger is not None:
        for word in trigger.particles:
            part = particle_child(token, word)
            if part is not None:
                found.extend(g for g in part.children if g.dep_ == "pobj")
    expanded: list[Token] = []
    for obj in found:
        head = expand_quantity(obj)
        if head.like_num or head.tag_ == "CD" or head.ent_type_ in {"MONEY", "QUANTITY", "CARDINAL"}:
            # "$50 million in emergency assistance", "two batteries of air defence"
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ in {"in", "of", "worth"}:
                    expanded.extend(g for g in prep.children if g.dep_ == "pobj")
        expanded.append(head)
        expanded.extend(c for c in head.children if c.dep_ == "conj")
        if head != obj:
            expanded.append(obj)
    return expanded


def complement_tokens(token: Token) -> list[Token]:
    """Verbs and nouns the trigger governs as its content ("seek to acquire", "appeal for aid")."""
    comps = [c for c in token.children if c.dep_ in COMPLEMENT_DEPS]
    for prep in token.children:
        if prep.dep_ == "prep":
            for pobj in prep.children:
                if pobj.dep_ in {"pobj", "pcomp"}:
                    comps.append(expand_quantity(pobj))
    return comps


def word_forms(token: Token) -> set[str]:
    """Lemma and lower-case form, alone and with a compound or particle before it."""
    forms = {token.lemma_.lower(), token.lower_}
    for child in token.lefts:
        if child.dep_ in {"compound", "amod"}:
            forms.add(f"{child.lemma_.lower()} {token.lemma_.lower()}")
            forms.add(f"{child.lower_} {token.lower_}")
    for child in token.rights:
        if child.dep_ in {"prt", "compound"}:
            forms.add(f"{token.lemma_.lower()} {child.lower_}")
        if child.dep_ == "prep" and child.lower_ == "of":
            # "state of emergency", "prisoners of war"
            forms.update(f"{token.lemma_.lower()} of {g.lower_}" for g in child.children if g.dep_ == "pobj")
    return forms


def _fits_objects(pattern: EventPattern, objects: list[Token]) -> Token | None:
    for obj in objects:
        if pattern.objects_proper and obj.pos_ == "PROPN":
            return obj
        if pattern.objects and word_forms(obj) & pattern.objects:
            return obj
        # "anti-drone equipment": a hyphenated modifier names what the object is about
        if pattern.objects and any(
            c.dep_ in {"compound", "amod"} and c.lemma_.lower() in pattern.objects and c.pos_ == "NOUN"
            for c in obj.lefts
        ):
            return obj
    return None


def _trigger_fits(token: Token, trigger: Trigger) -> bool:
    return token.lemma_.lower() == trigger.lemma and all(particle_child(token, p) for p in trigger.particles)


def match_token(token: Token, lex: EventLexicon, past_aux: frozenset[str]) -> Candidate | None:
    """The first pattern (in lexicon order) that fits this token, as a candidate event."""
    patterns = lex.by_lemma.get(token.lemma_.lower())
    if not patterns:
        return None
    negation = lex.cue("negation")
    negated = is_negated(token, negation)
    for pattern in patterns:
        if token.pos_ not in pattern.pos:
            continue
        trigger = next((t for t in pattern.triggers if _trigger_fits(token, t)), None)
        if trigger is None:
            continue
        # a refusal is a negated will or stance, not a past fact ("did not meet")
        past_fact = any(c.dep_ == "aux" and c.lower_ in past_aux for c in token.children)
        if pattern.only_negated and (not negated or past_fact):
            continue
        if pattern.pos == frozenset({"NOUN"}) and not _noun_trigger_licensed(token):
            continue
        objects = object_tokens(token, trigger)
        matched = None
        if pattern.objects or pattern.objects_proper:
            matched = _fits_objects(pattern, objects)
            if matched is None:
                continue
        complement = None
        if pattern.complements:
            complement = next(
                (c for c in complement_tokens(token) + objects if word_forms(c) & pattern.complements), None
            )
            if complement is None:
                continue
        if pattern.preps and not any(c.dep_ == "prep" and c.lower_ in pattern.preps for c in token.children):
            continue
        if complement is None:
            complement = next(
                (c for c in token.children if c.dep_ in {"xcomp", "advcl"} and c.pos_ == "VERB"), None
            )
        return Candidate(token, pattern, negated, objects, matched, complement)
    return None


def _noun_trigger_licensed(token: Token) -> bool:
    """An event noun counts only with a named doer: "Russia's attack", "an attack by rebels"."""
    for child in token.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            return True
        if child.dep_ == "prep" and child.lower_ == "by":
            return True
        if child.dep_ in {"compound", "amod", "nmod"} and (
            child.pos_ == "PROPN" or child.ent_type_ in {"NORP", "GPE"}
        ):
            return True
    return False


def governing_noun(token: Token) -> Token | None:
    """The noun whose content a non-finite verb is: "readiness to meet", "importance of discussing"."""
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    if token.dep_ == "acl" and token.head.pos_ in {"NOUN", "PROPN"} and infinitive:
        return token.head
    if token.dep_ == "pcomp" and token.head.dep_ == "prep" and token.head.head.pos_ == "NOUN":
        return token.head.head
    return None


def find_candidates(sent: Span, lex: EventLexicon) -> list[Candidate]:
    """Every trigger in the sentence, before nested ones are folded into their governors.

    A verb that only fills out a noun ("the importance of discussing ...") is an
    event when the noun announces one: an intention, a possibility, or another
    event noun ("readiness to meet", "possibility of resuming").
    """
    past_aux = lex.cue("past_aux")
    announcing = lex.cue("intent_head") | lex.cue("hypothetical_head")
    found = []
    for token in sent:
        if token.pos_ not in {"VERB", "NOUN", "ADJ", "PROPN"}:
            continue
        cand = match_token(token, lex, past_aux)
        if cand is None:
            continue
        noun = governing_noun(token)
        if (
            noun is not None
            and noun.lemma_.lower() not in announcing
            and noun.lemma_.lower() not in lex.by_lemma
        ):
            continue
        found.append(cand)
    return found


def governing_candidate(cand: Candidate, by_token: dict[int, Candidate]) -> Candidate | None:
    """The trigger whose content this one is ("refused to meet", "urged X to attack"), if any.

    Conjoined verbs, relative clauses and finite adverbial clauses stay events of their own.
    Non-finite adjuncts ("launched ..., killing seven") nest only under the same event type.
    """
    node = cand.token
    crossed_adjunct = False
    for _ in range(scores.GOVERNING_WALK):
        if node.dep_ in INDEPENDENT_DEPS or node.head == node:
            return None
        if node.dep_ == "advcl":
            finite = any(c.dep_ in {"nsubj", "nsubjpass", "mark"} for c in node.children)
            if finite and not any(c.dep_ == "mark" and c.lower_ == "to" for c in node.children):
                return None
            if not any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
                crossed_adjunct = True
        node = node.head
        gov = by_token.get(node.i)
        if gov is not None:
            if crossed_adjunct and gov.pattern.type != cand.pattern.type:
                return None
            return gov
    return None


def iter_roles(cand: Candidate) -> Iterator[tuple[str, Token]]:
    """Tokens heading the recipient, in the pattern's order of target roles."""
    token = cand.token
    obj = cand.matched_object or (cand.objects[0] if cand.objects else None)
    comp = cand.complement
    for role in cand.pattern.target_roles:
        kind, _, arg = role.partition(":")
        if kind == "obj":
            # the matched object too: in "attacked a border post" it is the recipient; patterns
            # whose object is an instrument or a content ("launch missiles") do not list "obj"
            for o in cand.objects:
                if o.dep_ != "nsubjpass":
                    yield role, o
        elif kind == "dative":
            for child in token.children:
                if child.dep_ in {"dative", "iobj"}:
                    if child.pos_ == "ADP":
                        yield from ((role, g) for g in child.children if g.dep_ == "pobj")
                    else:
                        yield role, child
        elif kind == "prep":
            hosts = [token, *cand.objects] + ([comp] if comp is not None else [])
            for host in hosts:
                for prep in host.children:
                    if prep.dep_ in {"prep", "dative", "agent"} and prep.lower_ == arg:
                        for pobj in prep.children:
                            if pobj.dep_ == "pobj":
                                yield role, pobj
        elif kind == "comp_obj" and comp is not None:
            for child in comp.children:
                if child.dep_ in OBJECT_DEPS:
                    yield role, child
        elif kind == "obj_owner" and obj is not None:
            for child in obj.lefts:
                if child.dep_ in {"poss", "amod", "compound", "nmod"}:
                    yield role, child
        elif kind == "acl_obj" and obj is not None:
            for acl in obj.children:
                if acl.dep_ == "acl":
                    for child in acl.children:
                        if child.dep_ in OBJECT_DEPS:
                            yield role, child
            # "hundreds of drones targeting X": the participle hangs on the quantity head
            head = obj.head.head if obj.dep_ == "pobj" else None
            if head is not None:
                for acl in head.children:
                    if acl.dep_ == "acl":
                        for child in acl.children:
                            if child.dep_ in OBJECT_DEPS:
                                yield role, child
