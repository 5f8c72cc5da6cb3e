"""Types told by the shape of a name: buildings ("Government Palace"), regions ("Kherson
Oblast") and waters ("Gulf of Oman").

The small model reads a building named with a capitalised head as an organisation and cuts
"Gulf of Oman" into a region and a country. The words of ``lexicons/entity_cues.tsv``
(kinds ``facility`` and ``water``) put them right.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..lookups.entity_gazetteer import EntityGazetteer
from .candidates import Candidate

_RETYPED_AS_FACILITY = {"ORG", "GPE", "PERSON", "NORP", "LOC"}


def retype_facilities(doc: Doc, candidates: list[Candidate], gazetteer: EntityGazetteer) -> None:
    """A name that begins or ends with a building word is a facility ("Hospital Saint Nicolas")."""
    for cand in candidates:
        if cand.org is not None or cand.country_kind is not None or cand.label not in _RETYPED_AS_FACILITY:
            continue
        if cand.end - cand.start < 2:
            continue
        first, last = doc[cand.start], doc[cand.end - 1]
        if any(t.is_title and t.lower_ in gazetteer.facility_words for t in (first, last)):
            cand.label = "FAC"


# The last word of a region's name ("Kherson Oblast", "Idlib Province"): a place, not a body.
REGION_WORDS = {"province", "oblast", "governorate", "region", "prefecture", "district"}


def retype_regions(doc: Doc, candidates: list[Candidate]) -> None:
    """A name ending with a capitalised region word is a place ("Kherson Oblast" read as an ORG)."""
    for cand in candidates:
        if cand.org is not None or cand.country_kind is not None or cand.end - cand.start < 2:
            continue
        last = doc[cand.end - 1]
        if cand.label in ("ORG", "PERSON", "NORP", "FAC") and last.is_title and last.lower_ in REGION_WORDS:
            cand.label = "GPE"


def join_water_bodies(doc: Doc, candidates: list[Candidate], gazetteer: EntityGazetteer) -> list[Candidate]:
    """ "Gulf of Oman", "Strait of Hormuz": the water body is one place, not a gulf and a country."""
    found = []
    for token in doc:
        if not (token.is_title and token.lower_ in gazetteer.water_words):
            continue
        i = token.i
        if i + 2 >= len(doc) or doc[i + 1].lower_ != "of" or not doc[i + 2].is_title:
            continue
        end = i + 3
        while end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN":
            end += 1
        found.append(Candidate(i, end, "LOC", "pattern"))
    for water in found:
        overlapping = [c for c in candidates if c.overlaps(water.start, water.end)]
        if any(c.start < water.start or c.end > water.end for c in overlapping):
            continue  # a longer name holds it ("Gulf of Mexico Alliance")
        for c in overlapping:
            candidates.remove(c)
        candidates.append(water)
    return sorted(candidates, key=lambda c: c.start)


def _name_run(doc: Doc, i: int) -> int:
    """The end of a run of capitalised name words starting at token ``i``."""
    end = i
    while (
        end < len(doc)
        and (doc[end].is_title or doc[end].is_upper)
        and doc[end].is_alpha
        and doc[end].lower_ not in ("and", "or")
        and not (end > i and doc[end].is_sent_start)
    ):
        end += 1
    return end


def names_after_plural_bodies(
    doc: Doc, candidates: list[Candidate], gazetteer: EntityGazetteer
) -> list[Candidate]:
    """ "rights groups Defenders Plus and RNDDH", "companies Alvena and Tarsk": the names a plural
    organisation noun introduces are organisations."""
    found = []
    for token in doc:
        nominal = gazetteer.nominals.get(token.lemma_.lower())
        if not (token.is_lower and token.tag_ == "NNS" and nominal is not None and nominal.type == "ORG"):
            continue
        i = token.i + 1
        while i < len(doc):
            end = _name_run(doc, i)
            if end == i:
                break
            found.append(Candidate(i, end, "ORG", "pattern", classes={nominal.cls}))
            if end < len(doc) and doc[end].lower_ in ("and", ",") and end + 1 < len(doc):
                i = end + 1 if doc[end].lower_ == "and" or doc[end + 1].lower_ != "and" else end + 2
                continue
            break
    for name in found:
        overlapping = [c for c in candidates if c.overlaps(name.start, name.end)]
        if any(c.org is not None or c.country_kind is not None for c in overlapping):
            continue
        if any(c.start < name.start or c.end > name.end for c in overlapping):
            continue
        for c in overlapping:
            candidates.remove(c)
        candidates.append(name)
    return sorted(candidates, key=lambda c: c.start)
