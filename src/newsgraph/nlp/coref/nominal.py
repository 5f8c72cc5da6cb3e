"""Descriptions that can refer to an entity.

Definite descriptions: "the Ruritanian foreign minister" (a title, maybe with a country),
"Ruritania's top diplomat" (a country in the possessive), "the president of Ruritania"
(a country after "of"), "the company", "the court", "the country", "the capital" (a class
noun from ``lexicons/nominals.tsv``). A description that is part of a name ("the foreign
minister, Ana Ruiz", "the company Acme") is not one.

Appositions: "Ana Ruiz, a former prosecutor," names the same person as the name it
follows; such a noun phrase is a mention of that name's entity.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from ...lexicons import split_field
from ..lookups.countries import CountryGazetteer
from ..lookups.titles import TitleMatch

_DEFINITE = {"the", "this", "that"}
_POSSESSIVE = {"'s", "’s", "'", "’"}
_MAX_MODIFIERS = 3
_HONORIFICS = {"Mr.", "Mrs.", "Ms.", "Dr.", "Mr", "Mrs", "Ms", "Dr"}
# Words that make a demonym part of a region's name: "Latin American", "South Asian".
# Modifiers that set a description apart from the entity named before: "the lower court",
# "another country", "the next administration".
_CONTRASTIVE = {
    "other",
    "another",
    "lower",
    "higher",
    "next",
    "previous",
    "different",
    "neighbouring",
    "neighboring",
    "rival",
    "second",
    "foreign",
}
_REGION_WORDS = {"latin", "south", "north", "east", "west", "central", "southeast", "sub-saharan"}


@dataclass(frozen=True)
class NominalHead:
    """One row of ``lexicons/nominals.tsv``."""

    head: str
    type: str
    cls: str  # ORG/GPE/LOC: the class an antecedent must carry; PERSON: unused
    titles: frozenset[str]  # PERSON: titles (lower case) one of which the antecedent must hold
    also: frozenset[str]  # further classes of a name headed by this noun
    plural: bool


def nominal_heads(rows: list[dict[str, str]]) -> dict[str, NominalHead]:
    """The nominals lexicon rows by head noun."""
    heads = {}
    for row in rows:
        head, kind = row["head"].lower(), row["type"].upper()
        classes = split_field(row.get("class"))
        heads[head] = NominalHead(
            head,
            kind,
            "" if kind == "PERSON" else row["class"].lower(),
            frozenset(c.lower() for c in classes) if kind == "PERSON" else frozenset(),
            frozenset(c.lower() for c in split_field(row.get("also"))),
            row.get("number") == "pl",
        )
    return heads


@dataclass(frozen=True)
class Description:
    """Tokens ``[start, end)`` of a definite description and what it asks of its antecedent."""

    start: int
    end: int
    titles: frozenset[str]  # lower-case titles, one of which the antecedent must hold (PERSON)
    cls: str | None  # or a class word it must carry
    type: str
    country: str | None  # a country the antecedent must belong to
    region: frozenset[str] = frozenset()  # or countries one of which it must belong to
    apposed_to: int | None = None  # a name's token right after it, set off by a comma: its referent


def find_descriptions(
    doc: Doc,
    title_matches: list[TitleMatch],
    nominals: dict[str, NominalHead],
    countries: CountryGazetteer,
    name_tokens: set[int],
    regions: dict[str, frozenset[str]] | None = None,
) -> list[Description]:
    """Definite descriptions by title or class noun, outside names, in text order.

    ``regions``: region adjectives ("Latin American") and the countries they cover.
    """
    regions = regions or {}
    found = []
    in_titles: set[int] = set()
    for title in title_matches:
        in_titles.update(range(title.start, title.end))
        if title.end - 1 in name_tokens:
            continue
        end, of_country = _of_country(doc, title.end, name_tokens, countries)
        # "the Russian foreign minister, Sergey Lavrov,": the name it is set off against
        apposed_to = _apposed_name(doc, end, name_tokens) if end == title.end else None
        if apposed_to is None and end == title.end and _continues_as_name(doc, title.end, name_tokens):
            continue
        described = _definite_start(doc, title.start, name_tokens, countries)
        if described is None:
            continue
        start, country = described
        if of_country is not None:
            if country is not None and country != of_country:
                continue
            country = of_country
        wanted = {title.info.title.lower()}
        person_noun = nominals.get(title.info.title.lower())
        if person_noun is not None and person_noun.type == "PERSON":
            wanted |= person_noun.titles
        found.append(
            Description(start, end, frozenset(wanted), None, "PERSON", country, apposed_to=apposed_to)
        )
    for token in doc:
        nominal = nominals.get(token.lower_) if token.is_lower else None
        if nominal is None or nominal.plural or token.i in name_tokens or token.i in in_titles:
            continue
        if nominal.type == "PERSON" and not nominal.titles:
            continue
        if token.i + 1 < len(doc) and doc[token.i + 1].text in ("-", "‑"):
            continue  # "the front-line workers": part of a compound word
        end, of_country = _of_country(doc, token.i + 1, name_tokens, countries)
        # "the Republican nominee, Mr. Trump,"
        apposed_to = _apposed_name(doc, end, name_tokens) if end == token.i + 1 else None
        if apposed_to is not None and nominal.type != "PERSON":
            continue
        if apposed_to is None and end == token.i + 1 and _continues_as_name(doc, token.i + 1, name_tokens):
            continue
        described = _definite_start(doc, token.i, name_tokens, countries)
        if described is None:
            continue
        start, country = described
        if of_country is not None and nominal.type in ("PERSON", "ORG"):
            if country is not None and country != of_country:
                continue
            country = of_country
        elif of_country is not None:
            continue  # "the capital of X" names its own place; "the country of X" is X itself
        region = _region_of(doc, start, token.i, regions)
        if nominal.type == "PERSON":
            found.append(Description(start, end, nominal.titles, None, "PERSON", country, region, apposed_to))
        else:
            found.append(Description(start, end, frozenset(), nominal.cls, nominal.type, country, region))
    found.sort(key=lambda d: d.start)
    return found


def _region_of(doc: Doc, start: int, head: int, regions: dict[str, frozenset[str]]) -> frozenset[str]:
    """The countries a region adjective among the modifiers allows ("the Gulf state")."""
    words = [t.text.lower() for t in doc[start + 1 : head]]
    for size in (2, 1):
        for k in range(len(words) - size + 1):
            allowed = regions.get(" ".join(words[k : k + size]))
            if allowed is not None:
                return allowed
    return frozenset()


def find_appositions(
    doc: Doc, name_types: dict[int, str], nominals: dict[str, NominalHead]
) -> list[tuple[int, int, int]]:
    """Noun phrases in apposition to a name: ``(start, end, a token of the name)``.

    "Ana Ruiz, a former prosecutor, said": the phrase runs from its determiner to its head
    noun (what follows the head, "based in Oslo", is left out). Only common-noun phrases
    opened by an article count: a second name is the entity stage's business. People take
    any such phrase; organisations one headed by an organisation noun ("Acme, a mining
    company,"); places none, since "in Oslo, the idea ..." is no apposition.
    ``name_types``: the entity type of each token inside a name.
    """
    name_tokens = set(name_types)
    found = []
    for token in doc:
        if token.dep_ != "appos" or token.pos_ != "NOUN" or token.i in name_tokens:
            continue
        head = token.head
        if head.i not in name_tokens or head.i >= token.i:
            continue
        kind = name_types[head.i]
        nominal = nominals.get(token.lower_)
        if kind != "PERSON" and not (kind == "ORG" and nominal is not None and nominal.type == "ORG"):
            continue
        start = token.left_edge.i
        if doc[start].lower_ not in ("a", "an", "the") or start == 0 or doc[start - 1].text != ",":
            continue
        if any(name_types.get(i) == "PERSON" for i in range(start, token.i + 1)):
            continue  # "X, Y's wife": another person's relation; "the Democratic nominee" is fine
        if not all(i in name_tokens for i in range(head.i, start - 1)):
            continue  # the name must end right before the comma
        found.append((start, token.i + 1, head.i))
    return found


def _of_country(
    doc: Doc, i: int, name_tokens: set[int], countries: CountryGazetteer
) -> tuple[int, str | None]:
    """ "the president of Ruritania": where the description ends and the country after "of".

    Returns ``(i, None)`` when no country follows, or when a name is apposed after it
    ("the president of Ruritania, Ana Ruiz": that title belongs to the name).
    """
    if i + 1 >= len(doc) or doc[i].lower_ != "of" or i + 1 not in name_tokens:
        return i, None
    start = i + 1
    if doc[start].lower_ == "the":
        start += 1
    end = start
    while end < len(doc) and end in name_tokens and doc[end].text not in _POSSESSIVE:
        end += 1
    country = countries.alpha3(doc[start:end].text) if end > start else None
    if country is None:
        return i, None
    if end < len(doc) and (_continues_as_name(doc, end, name_tokens) and doc[end].lower_ != "of"):
        return i, None
    return end, country


def _apposed_name(doc: Doc, i: int, name_tokens: set[int]) -> int | None:
    """The first token of a name set off by a comma at ``i`` (", Mr. Ana Ruiz"), or None."""
    if i + 1 >= len(doc) or doc[i].text != ",":
        return None
    j = i + 1
    if (
        (doc[j].text in _HONORIFICS or doc[j].pos_ == "PROPN")
        and j not in name_tokens
        and j + 1 in name_tokens
    ):
        j += 1  # ", Mr. Ruiz", or a first name the name's mention left out
    if j in name_tokens and (doc[j].pos_ == "PROPN" or doc[j].ent_type_ == "PERSON"):
        return j
    return None


def _continues_as_name(doc: Doc, i: int, name_tokens: set[int]) -> bool:
    """ "the company Acme", "the foreign minister, Ana Ruiz", "the president of Ruritania"."""
    if i >= len(doc):
        return False
    if i in name_tokens or doc[i].lower_ == "of":
        return True
    if doc[i].text == "," and i + 1 < len(doc) and i + 1 in name_tokens:
        return doc[i + 1].ent_type_ == "PERSON" or doc[i + 1].pos_ == "PROPN"
    return doc[i].pos_ == "PROPN" and doc[i].is_title


def _definite_start(
    doc: Doc, i: int, name_tokens: set[int], countries: CountryGazetteer
) -> tuple[int, str | None] | None:
    """Where the description before token ``i`` starts, and a country named in it.

    It starts at a definite article ("the Ruritanian foreign minister") or at a country
    in the possessive ("Ruritania's top diplomat", "the Vatican's top diplomat").
    """
    country = None
    paired = -1  # the first word of a two-word country modifier, already read
    for j in range(i - 1, max(i - 2 - _MAX_MODIFIERS, -1), -1):
        token = doc[j]
        if j == paired:
            continue
        if token.lower_ in _DEFINITE and token.pos_ in ("DET", "PRON"):
            return j, country
        if token.text in _POSSESSIVE and token.tag_ == "POS":
            return _possessor_country(doc, j, name_tokens, countries, country)
        if token.pos_ not in ("ADJ", "NOUN", "PROPN") and token.text != "-":
            return None
        if token.lower_ in _CONTRASTIVE:
            return None
        if token.text[:1].isupper():
            named, region = _modifier_country(doc, j, countries)
            if named is not None and country in (None, named):
                country = named
                if j > 0 and countries.alpha3(doc[j].text) != named:
                    paired = j - 1  # "the Haitian prime minister", "the Holy See Secretary of State"
                continue
            group_word = token.ent_type_ == "NORP" or token.pos_ == "ADJ"  # "the Republican nominee"
            if named is not None or (not region and not group_word and j in name_tokens):
                return None  # two countries, or a name's modifier: "the Trump administration"
        elif j in name_tokens:
            return None
    return None


def _modifier_country(doc: Doc, j: int, countries: CountryGazetteer) -> tuple[str | None, bool]:
    """The country of a capitalised modifier, and whether it is part of a region's name.

    "Haitian" and "South Korean" name countries; "Latin American" names a region, not the US.
    """
    if j > 0 and doc[j - 1].text[:1].isupper():
        pair = countries.alpha3(f"{doc[j - 1].text} {doc[j].text}")
        if pair is not None:
            return pair, False
        if doc[j - 1].lower_ in _REGION_WORDS:
            return None, True
    if doc[j].lower_ in _REGION_WORDS and j + 1 < len(doc) and doc[j + 1].text[:1].isupper():
        return None, True
    return countries.alpha3(doc[j].text), False


def _possessor_country(
    doc: Doc, j: int, name_tokens: set[int], countries: CountryGazetteer, stated: str | None
) -> tuple[int, str | None] | None:
    """ "Ruritania's ..." before token ``j`` (the possessive marker): start and country."""
    end = j
    start = end
    while start - 1 >= 0 and start - 1 in name_tokens and doc[start - 1].text not in _POSSESSIVE:
        start -= 1
    if start == end:
        return None
    country = countries.alpha3(doc[start:end].text)
    if country is None or (stated is not None and stated != country):
        return None
    if start > 0 and doc[start - 1].lower_ == "the":
        start -= 1
    return start, country


def class_of_name(text: str, nominals: dict[str, NominalHead]) -> set[str]:
    """Classes a name carries by its head noun: "Supreme Court" -> court, "Strait of X" -> strait."""
    words = text.split()
    if not words:
        return set()
    lowered = [w.lower().strip(",.") for w in words]
    head = lowered[lowered.index("of") - 1] if "of" in lowered[1:] else lowered[-1]
    nominal = nominals.get(head)
    if nominal is None or nominal.type == "PERSON":
        return set()
    return {nominal.cls, *nominal.also}


def title_prefix(text: str, nominals: dict[str, NominalHead]) -> str | None:
    """A title written before a person's name ("Cardinal Ana Ruiz" -> "cardinal")."""
    first = text.split(maxsplit=1)[0].lower() if text.split() else ""
    nominal = nominals.get(first)
    if nominal is not None and nominal.type == "PERSON" and len(text.split()) > 1:
        return first
    return None
