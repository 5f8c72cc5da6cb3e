"""Modality of an event: asserted, negated, hypothetical, intended or reported.

Read from the trigger's clause and the clauses above it: negating dependents,
modal auxiliaries, conditional subordinators, governing words of possibility
or intention, and reporting verbs (or a quote) whose content the event is.

Precedence when several apply: negated > hypothetical > intended > reported >
asserted; ``reported_by`` is recorded whenever the event sits in someone's
speech, whatever the final modality. Future ("will meet") counts as intended.
A refusal coded from a negated cooperative verb ("would not participate" ->
REJECT) consumes its negation: the refusal itself is asserted (or reported,
or hypothetical), never "negated", and its future auxiliary does not make it
merely intended.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..syntax import subject_of
from . import scores

# Links along which the content of a governing word is read: complements,
# non-finite adjuncts, nominal complements, prepositions.
CLIMB_DEPS = {
    "xcomp",
    "ccomp",
    "acl",
    "advcl",
    "pcomp",
    "pobj",
    "prep",
    "dobj",
    "attr",
    "conj",
    "oprd",
    "acomp",
}
REPORT_LINKS = {"ccomp", "parataxis"}
# Prepositions that attach an act as the means or the occasion of a noun, not its aim.
MEANS_PREPS = {"in", "by", "through", "behind"}


@dataclass(frozen=True)
class ModalityFacts:
    negated: bool = False
    hypothetical: bool = False
    intended: bool = False
    future: bool = False
    reported: bool = False
    reporter: Token | None = None  # subject of the reporting verb
    reporting_verb: Token | None = None


# Verb forms that cannot share a modal or "to" auxiliary ("would withdraw and accused").
_FINITE_PAST = {"VBD", "VBN"}
_FINITE = {"VBD", "VBZ", "VBP"}
_NON_FINITE_HEAD = {"VB", "VBG"}
_CLAUSE_LINKS = {"ccomp", "xcomp", "advcl", "conj"}
_PERFECT = {"has", "have", "had"}


def coordination_head(verb: Token) -> Token:
    """The verb a subjectless ``conj`` verb is really coordinated with.

    The parser often hangs "..., and accused X" on the nearest verb even when
    that verb sits in a reported clause under a modal ("said it would not
    withdraw ..., and accused X"). A past form without auxiliaries cannot share
    a modal or "to", so it coordinates with the nearest finite governor above
    ("said"), whose subject and modality it then shares.
    """
    head = verb.head
    if verb.dep_ != "conj" or head == verb or verb.tag_ not in _FINITE_PAST:
        return head
    if any(c.dep_ in {"aux", "auxpass", "nsubj", "nsubjpass"} for c in verb.children):
        return head
    # nor can a simple past share a perfect "has" ("Iran has moved ... and threatened" is
    # ambiguous; a VBD "threatened" is the reporter's own act)
    perfect = verb.tag_ == "VBD" and any(c.dep_ == "aux" and c.lower_ in _PERFECT for c in head.children)
    if (
        not perfect
        and head.tag_ not in _NON_FINITE_HEAD
        and not any(c.dep_ == "aux" and c.tag_ in {"MD", "TO"} for c in head.children)
    ):
        return head
    node = head
    for _ in range(scores.COORDINATION_WALK):
        if node.dep_ not in _CLAUSE_LINKS or node.head == node:
            break
        node = node.head
        if node.tag_ in _FINITE and not any(c.dep_ == "aux" and c.tag_ == "MD" for c in node.children):
            return node
    return head


def is_negated(token: Token, negation: frozenset[str]) -> bool:
    """A negating dependent on the trigger ("not", "never", "n't")."""
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in negation) for c in token.children)


def in_reported_clause(token: Token, reporting_verbs: frozenset[str]) -> bool:
    """Whether ``token``'s clause (or a clause above it) is the complement of a reporting verb."""
    node = token
    for _ in range(scores.REPORTED_CLAUSE_WALK):
        if node.head == node:
            return False
        if node.dep_ in REPORT_LINKS and node.head.lemma_.lower() in reporting_verbs:
            return True
        node = node.head
    return False


def read_modality(trigger: Token, cues: dict[str, frozenset[str]]) -> ModalityFacts:
    """What the trigger's own clause and the clauses above it say about the event's reality."""
    negation = cues.get("negation", frozenset())
    hypothetical_modals = cues.get("hypothetical_modal", frozenset())
    future_modals = cues.get("future_modal", frozenset())
    conditional = cues.get("conditional_mark", frozenset())
    hypothetical_heads = cues.get("hypothetical_head", frozenset())
    intent_heads = cues.get("intent_head", frozenset())
    reporting = cues.get("reporting_verb", frozenset())

    negated = is_negated(trigger, negation)
    hypothetical = intended = future = reported = False
    reporter = reporting_verb = None
    node = trigger
    first = True
    via_means = False
    for _ in range(scores.MODALITY_WALK):
        # modal auxiliaries and conditions belong to the clause of each verb passed
        if node.pos_ in {"VERB", "AUX", "ADJ"} or first:
            for child in node.children:
                word = child.lower_
                if child.dep_ in {"aux", "auxpass"}:
                    if word in future_modals:
                        future = True
                    elif word in hypothetical_modals:
                        if word == "would" and in_reported_clause(node, reporting):
                            future = True  # "said it would not ..." reports a future, not a condition
                        else:
                            hypothetical = True
                if child.dep_ == "mark" and word in conditional:
                    hypothetical = True
        if not first and not via_means:
            lemma = node.lemma_.lower()
            if lemma in hypothetical_heads:
                hypothetical = True
            elif lemma in intent_heads:
                intended = True
        # "his intention in declaring martial law": the act is the means, done, not intended
        via_means = node.dep_ == "prep" and node.lower_ in MEANS_PREPS
        parent = coordination_head(node) if node.dep_ == "conj" else node.head
        if parent == node or node.dep_ not in CLIMB_DEPS:
            break
        if node.dep_ in REPORT_LINKS and parent.lemma_.lower() in reporting:
            reported = True
            reporting_verb = parent
            reporter = subject_of(parent)
            break
        if node.dep_ == "advcl" and any(c.dep_ in {"nsubj", "nsubjpass"} for c in node.children):
            break  # a finite adverbial clause ("as Russia launched ...") is a fact of its own
        node = parent
        first = False
    return ModalityFacts(negated, hypothetical, intended, future, reported, reporter, reporting_verb)


def choose_modality(facts: ModalityFacts, *, in_quote: bool, negation_consumed: bool) -> str:
    """One modality label from the facts, by the precedence documented above."""
    if facts.negated and not negation_consumed:
        return "negated"
    if facts.hypothetical:
        return "hypothetical"
    if (facts.intended or facts.future) and not negation_consumed:
        return "intended"
    if facts.reported or in_quote:
        return "reported"
    return "asserted"
