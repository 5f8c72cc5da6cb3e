"""Document-level consistency: one type per name, surnames joined to full names, clusters.

"Lavrov" after "Sergei Lavrov" is the same person whatever type the model gave it;
"UK" and "Britain" are one country; "RAF" after "Royal Air Force" is its acronym; a
name the model tagged once is found again where it missed it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..lookups.entity_gazetteer import EntityGazetteer, fold
from .candidates import Candidate, covered_tokens

_TYPE_CLASS = {"GPE": "PLACE", "LOC": "PLACE"}
_ROMAN_NUMERAL = re.compile(r"^[IVX]{1,5}$")
_POSSESSIVES = {"'s", "’s"}
# A one-word PERSON that names a city at least this big is the city ("Kyiv" typed PERSON).
_CITY_OVER_PERSON_POPULATION = 200_000


@dataclass
class Cluster:
    """One entity under construction."""

    key: tuple
    label: str
    mentions: list[Candidate] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    country: str | None = None
    classes: set[str] = field(default_factory=set)
    gender: str | None = None
    name: str = ""


def _words(doc: Doc, cand: Candidate) -> tuple[str, ...]:
    return tuple(t.text for t in doc[cand.start : cand.end])


def _initials(words: tuple[str, ...]) -> str:
    return "".join(w[0] for w in words if w[:1].isupper())


def surname_forms(name: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The tails of a full name that can stand for it: "Ruiz" and "Fils-Aimé" (three tokens)."""
    return [name[k:] for k in range(1, len(name)) if "-" not in (name[k], name[k - 1])]


def family_name_first(name: tuple[str, ...], gazetteer: EntityGazetteer) -> bool:
    """A name written family name first ("Yoon Suk Yeol", "Kim Yong-hyun"): its first word is
    no known given name and a hyphenated or two-word given name follows."""
    if len(name) < 2 or not name[0].istitle():
        return False
    rest = name[1:]
    if len(rest) == 1 and _ROMAN_NUMERAL.match(rest[0]):
        return True  # a regnal name: "Leo" for "Leo XIV"
    if gazetteer.given_names.get(fold(name[0])):
        return False
    return "-" in rest or (len(rest) == 2 and all(w.istitle() and len(w) > 1 for w in rest))


def paternal_surname(name: tuple[str, ...], gazetteer: EntityGazetteer) -> bool:
    """Whether the second-to-last word of a name of three words or more is a first surname that
    stands for it ("Sada" for "Carlos Manuel Sada Solana"): not a given name, not a particle."""
    if len(name) < 3 or "-" in name[-2:]:
        return False
    word = name[-2]
    return word.istitle() and len(word) > 2 and not gazetteer.given_names.get(fold(word))


def _given_name_like(words: tuple[str, ...], gazetteer: EntityGazetteer) -> bool:
    """ "Lynette" in "Lynette Hale": a known given name, or one capitalised word that names no body."""
    first = fold(words[0])
    if gazetteer.given_names.get(first):
        return True
    nominal = gazetteer.nominals.get(first)
    return (
        len(words) == 2
        and words[0].istitle()
        and nominal is None
        and first not in gazetteer.institution_cues
        and first not in gazetteer.facility_words
    )


def unify_types(doc: Doc, candidates: list[Candidate], gazetteer: EntityGazetteer) -> None:
    """Give every occurrence of a name one type: a name typed PERSON once is PERSON everywhere."""
    full_names = [_words(doc, c) for c in candidates if c.label == "PERSON" and c.end - c.start > 1]
    person_words = {w for name in full_names for w in name}
    surnames = {" ".join(s) for name in full_names for s in surname_forms(name)}
    person_surnames = set(surnames)  # the short forms of full names, not the full names themselves
    surnames |= {" ".join(name) for name in full_names}
    surnames |= {name[0] for name in full_names if family_name_first(name, gazetteer)}
    surnames |= {name[-2] for name in full_names if paternal_surname(name, gazetteer)}
    # A name a place pattern typed ("the X and Y areas", "the port of X") is a place everywhere.
    placed = {
        _words(doc, c): c.label
        for c in candidates
        if c.source == "pattern" and c.label in ("GPE", "LOC", "FAC")
    }
    votes: dict[tuple[str, ...], Counter] = {}
    for cand in candidates:
        if cand.source == "ner":
            votes.setdefault(_words(doc, cand), Counter())[cand.label] += 1
    for cand in candidates:
        words = _words(doc, cand)
        text = " ".join(words)
        from_lexicon = cand.org is not None or cand.country_kind in ("name", "alias", "demonym")
        if cand.label == "PRODUCT" or from_lexicon or cand.source == "pattern":
            continue
        if words in placed and not cand.classes and text not in person_surnames:
            cand.label = placed[
                words
            ]  # "the X and Y areas" make X a place, also where the model saw a person
            continue
        if text in surnames:
            cand.label = "PERSON"
            continue
        if len(words) > 1 and words[-1] in surnames and _given_name_like(words, gazetteer):
            cand.label = "PERSON"  # a relative of a named person: "Lynn Hale" after "Brian Hale"
            continue
        counted = votes.get(words) or Counter()
        # The model's PERSON reading wins ties and lone readings, not a clear majority against it.
        if counted and counted["PERSON"] < max(counted.values()):
            if not cand.classes:
                cand.label = counted.most_common(1)[0][0]
            continue
        if counted.get("PERSON") or cand.label == "PERSON":
            city_like = cand.country_kind == "metonym" or gazetteer.city_country(
                text, _CITY_OVER_PERSON_POPULATION
            )
            if len(words) == 1 and text not in person_words and city_like:
                cand.label = "GPE"  # "Kyiv" typed PERSON
            elif not cand.classes:
                cand.label = "PERSON"
            continue
        if counted and not cand.classes and counted[cand.label] < max(counted.values()):
            cand.label = counted.most_common(1)[0][0]


def scan_missed_names(
    doc: Doc, candidates: list[Candidate], headings: list[tuple[int, int]]
) -> list[Candidate]:
    """Occurrences of known names the model did not tag ("Kharkiv" in "Kyiv and Kharkiv regions")."""
    covered = covered_tokens(candidates)
    for start, end in headings:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            covered.update(range(span.start, span.end))
    known: dict[str, list[tuple[tuple[str, ...], Candidate]]] = {}
    for cand in candidates:
        words = _words(doc, cand)
        if cand.label == "PRODUCT" or len(" ".join(words)) < 3 or not words[0][:1].isupper():
            continue
        forms = [words]
        if cand.label == "PERSON" and len(words) > 1:
            forms.append(words[-1:])  # the surname alone
        for form in forms:
            known.setdefault(form[0], []).append((form, cand))
    found = []
    i = 0
    while i < len(doc):
        token = doc[i]
        options = known.get(token.text) if i not in covered else None
        match = None
        for form, cand in sorted(options or [], key=lambda o: -len(o[0])):
            j = i + len(form)
            if tuple(t.text for t in doc[i:j]) != form or any(k in covered for k in range(i, j)):
                continue
            # Part of a longer untagged name ("Lavrov Street") is another name.
            if j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].is_title:
                continue
            match = Candidate(i, j, cand.label, "scan", cand.alpha3, cand.country_kind, cand.org)
            match.classes = set(cand.classes)
            break
        if match is not None:
            found.append(match)
            i = match.end
        else:
            i += 1
    return sorted(candidates + found, key=lambda c: c.start)


def cluster_candidates(doc: Doc, candidates: list[Candidate], gazetteer: EntityGazetteer) -> list[Cluster]:
    """Group mentions into entities, in order of first mention."""
    clusters: dict[tuple, Cluster] = {}
    person_keys: list[tuple[str, ...]] = []  # full names seen so far, latest last
    org_names: list[tuple[str, ...]] = []
    later_names = [_words(doc, c) for c in candidates if c.label == "PERSON" and c.end - c.start > 1]
    org_words: dict[tuple, tuple[str, ...]] = {}  # organisation keys and the words first seen for them
    for cand in candidates:
        words = _words(doc, cand)
        key = _key_for(cand, words, person_keys, org_names, gazetteer)
        if key == ("PERSON", words) and len(words) == 1:
            key = _later_full_name(words, later_names, gazetteer) or key  # "Putin" in a headline
        if key[0] == "PERSON" and len(words) > 1 and key[1] == words:
            person_keys.append(words)
        if cand.label == "ORG" and len(words) > 1:
            org_names.append(words)
        if key[0] == "ORG" and key not in clusters:
            key = _same_body(key, words, org_words) or key
            org_words.setdefault(key, words)
        cluster = clusters.get(key)
        if cluster is None:
            cluster = clusters[key] = Cluster(key, cand.label)
        cluster.mentions.append(cand)
        cluster.classes |= cand.classes
    for cluster in clusters.values():
        cluster.label = Counter(c.label for c in cluster.mentions).most_common(1)[0][0]
        cluster.name = _canonical_name(doc, cluster, gazetteer)
    return list(clusters.values())


def _same_body(key: tuple, words: tuple[str, ...], org_words: dict[tuple, tuple[str, ...]]) -> tuple | None:
    """An organisation already named with or without a lower-case head: "Oslo police" and
    "Oslo police department" are one body."""
    for other_key, other in org_words.items():
        shorter, longer = sorted((words, other), key=len)
        if len(shorter) == len(longer) or longer[: len(shorter)] != shorter:
            continue
        if all(w.islower() for w in longer[len(shorter) :]):
            return other_key
    return None


def _later_full_name(
    words: tuple[str, ...], full_names: list[tuple[str, ...]], gazetteer: EntityGazetteer
) -> tuple | None:
    """The one full name of the doc a surname mentioned before it stands for, if only one fits."""
    fits = {
        name
        for name in full_names
        if name[-1:] == words or (name[0] == words[0] and family_name_first(name, gazetteer))
    }
    return ("PERSON", next(iter(fits))) if len(fits) == 1 else None


def _key_for(
    cand: Candidate,
    words: tuple[str, ...],
    person_keys: list[tuple[str, ...]],
    org_names: list[tuple[str, ...]],
    gazetteer: EntityGazetteer,
) -> tuple:
    """The identity of the entity a mention belongs to."""
    if cand.org is not None:
        return ("ORG", cand.org.name)
    if cand.country_kind in ("name", "alias") and cand.alpha3:
        return ("GPE", cand.alpha3)
    if cand.country_kind == "demonym" and cand.alpha3:
        return ("NORP", cand.alpha3)
    if cand.label == "PERSON":
        for name in reversed(person_keys):
            if len(name) > len(words) and name[-len(words) :] == words:
                return ("PERSON", name)  # "Ruiz" after "Ana Ruiz"
            if len(words) == 1 and name[0] == words[0] and family_name_first(name, gazetteer):
                return ("PERSON", name)  # "Yoon" after "Yoon Suk Yeol"
            if (
                len(words) == 1
                and len(name) > 2
                and name[-2] == words[0]
                and paternal_surname(name, gazetteer)
            ):
                return ("PERSON", name)  # "Sada" after "Carlos Manuel Sada Solana"
            if len(words) > 1 and len(name) > 1 and (name[0], name[-1]) == (words[0], words[-1]):
                return ("PERSON", name)  # "Ana M. Ruiz" and "Ana Ruiz"
        return ("PERSON", words)
    if cand.label == "ORG" and len(words) == 1 and words[0].isupper() and len(words[0]) > 1:
        for name in reversed(org_names):
            if _initials(name) == words[0]:
                return ("ORG", tuple(fold(w) for w in name))
    return (_TYPE_CLASS.get(cand.label, cand.label), tuple(fold(w) for w in words if w not in _POSSESSIVES))


def _canonical_name(doc: Doc, cluster: Cluster, gazetteer: EntityGazetteer) -> str:
    kind, value = cluster.key
    if kind == "GPE" and isinstance(value, str):
        return gazetteer.countries.name_of(value) or value
    if kind == "ORG" and isinstance(value, str):
        return value
    longest = max(cluster.mentions, key=lambda c: (c.end - c.start, len(doc[c.start : c.end].text)))
    return doc[longest.start : longest.end].text
