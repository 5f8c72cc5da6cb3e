"""Teams named by their city or country: "Leeds beat Arsenal 2-1", "Brazil drew with Spain 1-1".

A place name on either side of a verb of a match, in a sentence that gives a score, is a
team: an organisation, not the place. The small model often misses these names or types
them as places, so they are found here from the parse.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..lookups.entity_gazetteer import EntityGazetteer
from .candidates import Candidate

_SCORE = re.compile(r"\b\d{1,3}\s?[-–]\s?\d{1,3}\b")
_SIDE_PREPOSITIONS = {"with", "to", "against", "over", "by"}


def _name_span(token: Token) -> Span | None:
    # The small model tags a team name at a sentence start as a noun ("Leeds beat ...").
    if token.pos_ not in ("PROPN", "NOUN") or not token.text[:1].isupper() or token.like_num:
        return None
    start = token.i
    while (
        start > 0
        and token.doc[start - 1].dep_ == "compound"
        and token.doc[start - 1].head.i in range(start, token.i + 1)
    ):
        if not token.doc[start - 1].text[:1].isupper():
            break
        start -= 1
    return token.doc[start : token.i + 1]


def _sides(verb: Token) -> list[Token]:
    sides = [c for c in verb.children if c.dep_ in ("nsubj", "dobj", "nsubjpass", "npadvmod")]
    for prep in verb.children:
        if prep.dep_ in ("prep", "agent") and prep.lower_ in _SIDE_PREPOSITIONS:
            sides += [c for c in prep.children if c.dep_ == "pobj"]
    return sides + [c for side in list(sides) for c in side.children if c.dep_ == "conj"]


def find_teams(doc: Doc, gazetteer: EntityGazetteer) -> list[Candidate]:
    """Team names on the sides of a match verb in sentences with a score."""
    found = []
    for sent in doc.sents:
        if not _SCORE.search(sent.text):
            continue
        for verb in sent:
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in gazetteer.contest_verbs:
                continue
            names = [span for side in _sides(verb) if (span := _name_span(side)) is not None]
            if len(names) < 2 and not (names and _SCORE.search(doc[verb.i : verb.sent.end].text)):
                continue
            found += [Candidate(span.start, span.end, "ORG", "pattern") for span in names]
    return found


def merge_teams(teams: list[Candidate], candidates: list[Candidate]) -> list[Candidate]:
    """Teams replace the model's readings of the same words (a place, a person)."""
    for team in teams:
        overlapping = [c for c in candidates if c.overlaps(team.start, team.end)]
        if any(c.org is not None for c in overlapping):
            continue  # a listed organisation already
        for c in overlapping:
            candidates.remove(c)
        team.classes.add("team")
        candidates.append(team)
    return sorted(candidates, key=lambda c: c.start)
