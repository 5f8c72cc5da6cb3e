"""Finding event triggers: lexicon patterns checked against lemmas and dependency roles."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..syntax import NOMINAL_SUBJECT_DEPS, OBJECT_DEPS, is_passive, passive_agent, prep_objects
from . import scores
from .actors import expand_quantity
from .lexicon import EventLexicon, EventPattern, Trigger
from .modality import is_negated

COMPLEMENT_DEPS = {"xcomp", "ccomp", "advcl", "acl"}
# Links that end an event's reach: a trigger under one of these is an event of its own.
INDEPENDENT_DEPS = {"conj", "relcl", "parataxis", "appos", "ROOT", "nsubj", "nsubjpass", "csubj"}


@dataclass
class Candidate:
    """A trigger token and the pattern that fits it."""

    token: Token
    pattern: EventPattern
    negated: bool
    objects: list[Token]
    matched_object: Token | None
    complement: Token | None


def passive_doer(verb: Token) -> Token | None:
    """The doer of a passive verb: its "by" agent, also when the parser hung "by ..." on the
    verb as a plain preposition or on the noun before it ("were designated as terrorist
    organizations by the State Department")."""
    agent = passive_agent(verb)
    if agent is not None:
        return agent
    by_phrase = next(prep_objects(verb, ("by",)), None)
    if by_phrase is not None:
        return by_phrase
    for prep in verb.children:
        if prep.dep_ != "prep":
            continue
        for noun in prep.children:
            found = next(prep_objects(noun, ("by",)), None)
            if found is not None:
                return found
    return None


def objects_of_prep(prep: Token) -> list[Token]:
    """Objects of a preposition; "with Ecuador targeting X" misparsed as a clause gives its subject."""
    found = [g for g in prep.children if g.dep_ == "pobj"]
    if not found:
        for comp in prep.children:
            if comp.dep_ == "pcomp":
                found.extend(g for g in comp.children if g.dep_ in NOMINAL_SUBJECT_DEPS)
    return found


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
        # "hit by an explosion": a passive's agent is what did it
        if prep.dep_ == "prep" or (prep.dep_ == "agent" and is_passive(token)):
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
        # "called the decision “deeply unfortunate”": a predicate misparsed as a modifier after its noun
        if pattern.objects and any(
            c.dep_ == "amod" and c.i > obj.i and c.lemma_.lower() in pattern.objects for c in obj.rights
        ):
            return next(c for c in obj.rights if c.dep_ == "amod" and c.lemma_.lower() in pattern.objects)
        # "anti-drone equipment": a hyphenated modifier names what the object is about
        if pattern.objects and any(
            c.dep_ in {"compound", "amod"} and c.lemma_.lower() in pattern.objects and c.pos_ == "NOUN"
            for c in obj.lefts
        ):
            return obj
    return None


def _trigger_fits(token: Token, trigger: Trigger) -> bool:
    return token.lemma_.lower() == trigger.lemma and all(particle_child(token, p) for p in trigger.particles)


def _particles(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ == "prt"}


def is_stative_participle(token: Token) -> bool:
    """ "politically charged", "an armed man", "they seemed armed": a participle or adjective
    describing a state, not reporting an act (a passive "were killed" still reports one)."""
    if token.tag_ not in {"VBN", "JJ"}:
        return False
    if any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children):
        return False  # "Trump dismissed suggestions" misparsed as a modifier still has its doer
    return token.dep_ in {"amod", "acomp"} or (token.dep_ == "ROOT" and token.pos_ == "ADJ")


def _has_future_content(token: Token, lex: EventLexicon) -> bool:
    """ "warned that police will no longer tolerate rallies": the content says what will happen."""
    modals = lex.cue("future_modal") | lex.cue("hypothetical_modal")
    for comp in token.children:
        if comp.dep_ not in {"ccomp", "xcomp"}:
            continue
        if not any(c.dep_ == "aux" and c.lower_ in modals for c in comp.children):
            continue
        # someone will act ("police will no longer tolerate"); a thing that "would represent
        # an escalation" is a prediction, not a threat
        subject = next((c for c in comp.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None and (
            subject.pos_ in {"PROPN", "PRON"} or subject.lemma_.lower() in lex.sectors
        ):
            return True
    return False


def is_reduced_passive(token: Token) -> bool:
    """ "when asked about the plans", "if elected": a bare participle clause without doer,
    subject or object names a circumstance of the main clause, not an act of its own."""
    if token.tag_ != "VBN" or token.dep_ != "advcl":
        return False
    return not any(
        c.dep_ in {"nsubj", "nsubjpass", "agent", "dobj", "aux", "auxpass"} for c in token.children
    )


def match_token(token: Token, lex: EventLexicon, past_aux: frozenset[str]) -> Candidate | None:
    """The first pattern (in lexicon order) that fits this token, as a candidate event."""
    patterns = lex.by_lemma.get(token.lemma_.lower())
    if not patterns:
        return None
    negation = lex.cue("negation")
    # "failed to reach an agreement": the failure negates its complement
    failed = token.dep_ == "xcomp" and token.head.lemma_.lower() in lex.cue("failure_verb")
    negated = is_negated(token, negation) or failed
    particles = _particles(token)
    # a phrasal verb the lexicon knows ("give up", "back down") is not its bare verb ("give", "back")
    phrasal = bool(particles) and any(
        set(t.particles) & particles for p in patterns for t in p.triggers if _trigger_fits(token, t)
    )
    stative = is_stative_participle(token)
    if is_reduced_passive(token):
        return None
    for pattern in patterns:
        if token.pos_ not in pattern.pos:
            continue
        # the phrasal form first: "cut off" before "cut"
        fitting = [t for t in pattern.triggers if _trigger_fits(token, t)]
        trigger = max(fitting, key=lambda t: len(t.particles), default=None)
        if trigger is None:
            continue
        if phrasal and not set(trigger.particles) & particles:
            continue
        if stative and not (pattern.objects or pattern.objects_proper):
            continue
        if pattern.future_content and not _has_future_content(token, lex):
            continue
        if pattern.not_complements and any(
            word_forms(c) & pattern.not_complements for c in complement_tokens(token)
        ):
            continue  # "declined to comment", "a request for comment": no refusal, no demand
        if pattern.no_infinitive and any(
            c.dep_ in {"xcomp", "advcl"} and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            for c in token.children
        ):
            continue  # "fought to block the soldiers": a struggle, not a fight
        # a refusal is a negated will or stance, not a past fact ("did not meet")
        past_fact = any(c.dep_ == "aux" and c.lower_ in past_aux for c in token.children)
        if pattern.only_negated and (not negated or past_fact):
            continue
        if pattern.pos == frozenset({"NOUN"}) and not (
            _noun_trigger_licensed(token) or undergoing_verb(token, lex.cue("undergo_verb")) is not None
        ):
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
        if pattern.preps and not any(
            c.dep_ == "prep" and c.lower_ in pattern.preps
            for host in [token, *objects]
            for c in host.children
        ):
            continue
        if complement is None:
            complement = next(
                (c for c in token.children if c.dep_ in {"xcomp", "advcl"} and c.pos_ == "VERB"), None
            )
        return Candidate(token, pattern, negated, objects, matched, complement)
    return None


def undergoing_verb(noun: Token, undergo: frozenset[str]) -> Token | None:
    """The verb whose subject suffers the act a noun names: "X faces charges", "X came under
    attack", "X survived the bombing campaign"; None when the noun is not so governed."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        # "came under attack": the verb with its preposition ("come under")
        verb = head.head
        if f"{verb.lemma_.lower()} {head.lower_}" in undergo:
            return verb
        return None
    if noun.dep_ in {"dobj", "obj"} and head.lemma_.lower() in undergo:
        return head
    return None


def _noun_trigger_licensed(token: Token) -> bool:
    """An event noun counts only with a named doer: "Russia's attack", "an attack by rebels"."""
    for child in token.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            return True
        if child.dep_ == "prep" and child.lower_ in {"by", "between"}:
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


def governing_candidate(
    cand: Candidate, by_token: dict[int, Candidate], independent: frozenset[str] = frozenset()
) -> Candidate | None:
    """The trigger whose content this one is ("refused to meet", "urged X to attack"), if any.

    Conjoined verbs, relative clauses and finite adverbial clauses stay events of their own.
    Non-finite adjuncts ("launched ..., killing seven") nest only under the same event type.
    The content of a verb in ``independent`` ("helped Tehran shut down the strait") is an
    event of its own, done by the verb's object.
    """
    node = cand.token
    crossed_adjunct = False
    for _ in range(scores.GOVERNING_WALK):
        if node.dep_ in INDEPENDENT_DEPS or node.head == node:
            return None
        if node.dep_ == "pcomp" and node.head.lower_ == "for":
            return None  # "blamed X for attacking Y": the attack is a fact of its own, not content
        if node.dep_ == "advcl":
            finite = any(c.dep_ in {"nsubj", "nsubjpass", "mark"} for c in node.children)
            if finite and not any(c.dep_ == "mark" and c.lower_ == "to" for c in node.children):
                return None
            if not any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
                crossed_adjunct = True
        node = node.head
        gov = by_token.get(node.i)
        if gov is not None:
            if gov.token.lemma_.lower() in independent:
                return None
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
                        for pobj in objects_of_prep(prep):
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
