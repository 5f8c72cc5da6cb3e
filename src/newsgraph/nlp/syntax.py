"""Parse helpers shared by the stages: subjects, passives, agents, prepositional objects, bounded walks.

Every stage that reads spaCy's dependency parse asks these questions the same way,
so one definition serves them all. The dependency labels are ClearNLP's, as used by
``en_core_web_sm``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Token

# Any grammatical subject of a clause.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Nominal subjects only (no clausal subject): what a pronoun or a name can be.
NOMINAL_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# The subject slot of an active clause, counting "there" ("there were strikes").
ACTIVE_SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
# Direct objects and predicates a verb governs.
OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "oprd"})


def child_with(token: Token, deps: Iterable[str]) -> Token | None:
    """The first child of ``token`` attached by one of ``deps``."""
    wanted = frozenset(deps)
    return next((c for c in token.children if c.dep_ in wanted), None)


def is_passive(verb: Token) -> bool:
    """Whether ``verb`` heads a passive clause ("was struck", "strikes were launched")."""
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)


def subject_of(verb: Token, deps: Iterable[str] = SUBJECT_DEPS) -> Token | None:
    """The subject of ``verb``'s own clause (by default any subject, passive included)."""
    return child_with(verb, deps)


def passive_agent(verb: Token) -> Token | None:
    """The doer of a passive verb: the object of its "by" phrase ("was struck by Ruritania")."""
    agent = child_with(verb, ("agent",))
    return child_with(agent, ("pobj",)) if agent is not None else None


def prep_objects(
    head: Token, prepositions: Iterable[str], deps: Iterable[str] = ("prep",)
) -> Iterator[Token]:
    """Objects of ``head``'s prepositions among ``prepositions`` ("officials *in Kyiv*"), in order."""
    words = frozenset(prepositions)
    labels = frozenset(deps)
    for prep in head.children:
        if prep.dep_ in labels and prep.lower_ in words:
            yield from (g for g in prep.children if g.dep_ == "pobj")


def ancestors_within(token: Token, limit: int) -> Iterator[Token]:
    """``token``'s heads upwards, at most ``limit`` of them, stopping at the root."""
    node = token
    for _ in range(limit):
        if node.head.i == node.i:
            return
        node = node.head
        yield node
