"""The offline country gazetteer: names, short forms, demonyms and metonyms.

Data: ``lexicons/countries.tsv`` (alpha3, name, aliases, demonyms, metonyms),
extendable by user lexicon files named ``countries*.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ...lexicons import load_tsv, split_field

_POSSESSIVE = re.compile(r"(?:['’]s?)$")
_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)


@dataclass(frozen=True)
class CountryHit:
    alpha3: str
    kind: str  # name, alias, demonym, metonym
    name: str  # the country's common name


def normalise_country_text(text: str) -> str:
    text = " ".join(text.split())
    text = _POSSESSIVE.sub("", text)
    return _ARTICLE.sub("", text).strip()


class CountryGazetteer:
    """Look up a country by any of its names, its demonyms or its metonyms."""

    def __init__(self, user_lexicons: tuple[Path, ...] = ()) -> None:
        self._exact: dict[str, CountryHit] = {}
        self._folded: dict[str, CountryHit] = {}
        self.names: dict[str, str] = {}
        for row in load_tsv("countries", user_lexicons):
            alpha3, name = row["alpha3"].upper(), row["name"]
            self.names[alpha3] = name
            for kind, values in (
                ("name", [name]),
                ("alias", split_field(row.get("aliases"))),
                ("demonym", split_field(row.get("demonyms"))),
                ("metonym", split_field(row.get("metonyms"))),
            ):
                for value in values:
                    key = normalise_country_text(value)
                    hit = CountryHit(alpha3, kind, name)
                    self._exact.setdefault(key, hit)
                    # Case-folded lookups only for longer strings: "US" is not "us".
                    if len(key) > 3:
                        self._folded.setdefault(key.casefold(), hit)

    def lookup(self, text: str) -> CountryHit | None:
        """The country ``text`` names ("Russia", "Russian", "the Kremlin", "US"), or None."""
        key = normalise_country_text(text)
        if not key:
            return None
        return self._exact.get(key) or self._folded.get(key.casefold())

    def alpha3(self, text: str) -> str | None:
        hit = self.lookup(text)
        return hit.alpha3 if hit else None

    def name_of(self, alpha3: str) -> str | None:
        return self.names.get(alpha3.upper())


@lru_cache(maxsize=8)
def get_country_gazetteer(user_lexicons: tuple[Path, ...] = ()) -> CountryGazetteer:
    """The gazetteer for these user lexicons, loaded once per process."""
    return CountryGazetteer(user_lexicons)
