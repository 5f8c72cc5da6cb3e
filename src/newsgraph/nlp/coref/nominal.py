"""Definite descriptions that can refer back to an entity.

"the Ruritanian foreign minister" (a title, maybe with a country), "the company",
"the bloc" (a class noun from ``lexicons/nominals.tsv``). A description that is
part of a name ("the foreign minister, Ana Ruiz", "the company Acme") is not one.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from ..lookups.countries import CountryGazetteer
from ..lookups.entity_gazetteer import NominalInfo
from ..lookups.titles import TitleMatch

_DEFINITE = {"the", "this", "that"}
_MAX_MODIFIERS = 3


@dataclass(frozen=True)
class Description:
    """Tokens ``[start, end)`` of a definite description and what it asks of its antecedent."""

    start: int
    end: int
    title: str | None  # a title the antecedent must hold
    cls: str | None  # or a class word it must carry
    type: str
    country: str | None  # a country the antecedent must belong to


def find_descriptions(
    doc: Doc,
    title_matches: list[TitleMatch],
    nominals: dict[str, NominalInfo],
    countries: CountryGazetteer,
    name_tokens: set[int],
) -> list[Description]:
    """Definite descriptions by title or class noun, outside names, in text order."""
    found = []
    for title in title_matches:
        if title.end - 1 in name_tokens or _continues_as_name(doc, title.end, name_tokens):
            continue
        described = _definite_start(doc, title.start, name_tokens, countries)
        if described is not None:
            start, country = described
            found.append(Description(start, title.end, title.info.title, None, "PERSON", country))
    for token in doc:
        nominal = nominals.get(token.lower_) if token.is_lower else None
        if nominal is None or nominal.plural or token.i in name_tokens:
            continue
        if _continues_as_name(doc, token.i + 1, name_tokens):
            continue
        described = _definite_start(doc, token.i, name_tokens, countries)
        if described is not None:
            start, country = described
            found.append(Description(start, token.i + 1, None, nominal.cls, nominal.type, country))
    found.sort(key=lambda d: d.start)
    return found


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
    """Where "the ..." starts before token ``i``, and a country named among the modifiers."""
    country = None
    for j in range(i - 1, max(i - 2 - _MAX_MODIFIERS, -1), -1):
        token = doc[j]
        if token.lower_ in _DEFINITE and token.pos_ in ("DET", "PRON"):
            return j, country
        if token.pos_ not in ("ADJ", "NOUN", "PROPN") and token.text != "-":
            return None
        if token.text[:1].isupper() and country is None:
            country = countries.alpha3(token.text)
        elif j in name_tokens:
            return None
    return None
