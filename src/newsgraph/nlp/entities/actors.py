"""The actor layer's document rules: the state an article is plainly about, and what it lends.

An article that names one state far more than any other (its places, demonyms and
national bodies) is about that state; its national institutions ("the Supreme Court",
"Congress", "the National Assembly") and the officials it names with a national office
("Justice X", "the defence minister") belong to that state when nothing in the text
says otherwise. Small places the gazetteer does not know are lent the state only when
it dominates strongly. An organisation, a party or a person of no stated country keeps
none: "rights group X" or "analyst Y" may come from anywhere.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from ..lookups.entity_gazetteer import EntityGazetteer, fold
from .cluster import Cluster

# One state dominates when it has at least this many mentions and this many times the next.
DOMINANT_MIN_MENTIONS = 2
DOMINANT_RATIO = 2.0
# Unknown places take the state only when it dominates this strongly.
PLACE_LENDING_MIN_MENTIONS = 4
PLACE_LENDING_RATIO = 3.0


@dataclass(frozen=True)
class DominantState:
    """The state an article is plainly about; ``strong`` when it is nearly the only one."""

    alpha3: str
    mentions: int
    strong: bool


def dominant_state(clusters: list[Cluster]) -> DominantState | None:
    """The state named far more often than any other by its name, its places and its demonyms.

    Organisations do not vote: "told CNN" says nothing about what the article is about.
    """
    counts: Counter[str] = Counter()
    for cluster in clusters:
        if cluster.country and cluster.label in ("GPE", "NORP"):
            counts[cluster.country] += len(cluster.mentions)
    if not counts:
        return None
    ranked = counts.most_common(2)
    top, top_count = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    if top_count < DOMINANT_MIN_MENTIONS or top_count < DOMINANT_RATIO * second:
        return None
    strong = top_count >= PLACE_LENDING_MIN_MENTIONS and top_count >= PLACE_LENDING_RATIO * second
    return DominantState(top, top_count, strong)


def is_national_institution(cluster: Cluster, gazetteer: EntityGazetteer) -> bool:
    """An organisation named as a state's institution: "Supreme Court", "Congress", "Police"."""
    if cluster.label != "ORG" or any(m.org is not None for m in cluster.mentions):
        return False
    folded = fold(cluster.name)
    words = set(folded.replace("-", " ").split())
    if words & gazetteer.supranational_words or any(
        " " in w and w in folded for w in gazetteer.supranational_words
    ):
        return False  # "European Space Agency" is no one state's
    return bool(words & gazetteer.institution_cues)


# Words before a name that use it as a place ("in X", "the town of X").
PLACE_PREPOSITIONS = {"in", "near", "outside", "at", "across", "into", "from", "of", "to", "around"}


def lend_to_unknown_places(doc: Doc, clusters: list[Cluster], state: DominantState | None) -> None:
    """Towns and buildings the gazetteer does not know lie in a strongly dominant state, when the
    text uses them as places ("in X", "the X area"): a name merely typed GPE may be a person."""
    if state is None or not state.strong:
        return
    for cluster in clusters:
        if cluster.label not in ("GPE", "FAC") or cluster.country is not None or cluster.name.isupper():
            continue  # an acronym typed GPE ("AI") is rarely a town
        used_as_place = any(
            m.source == "pattern" or (m.start > 0 and doc[m.start - 1].lower_ in PLACE_PREPOSITIONS)
            for m in cluster.mentions
        )
        if used_as_place:
            cluster.country = state.alpha3
