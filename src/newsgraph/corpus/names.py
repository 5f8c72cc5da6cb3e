"""Name normalisation shared by entity resolution and name lookups."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")
# A leading article is not part of the name: "the Kremlin" and "Kremlin" are one.
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+")
# Possessive endings left by a mention's span ("Lavrov's").
_POSSESSIVE = re.compile(r"['\u2019]s\b")


# Cached: the writer normalises the same names article after article (each entity's, each event's place).
@lru_cache(maxsize=65536)
def normalise_name(name: str) -> str:
    """Lower case, no accents, no punctuation, single spaces, no leading article."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _POSSESSIVE.sub("", text.casefold())
    text = _NON_WORD.sub(" ", text.replace("-", " "))
    text = _SPACES.sub(" ", text).strip()
    return _LEADING_ARTICLE.sub("", text)


def surname_of(norm_name: str) -> str | None:
    """The last word of a normalised personal name."""
    words = norm_name.split()
    return words[-1] if words else None


def title_words(titles: list[str] | tuple[str, ...]) -> set[str]:
    """The words of a set of titles, for comparing roles ("Foreign Minister" ~ "Minister")."""
    words: set[str] = set()
    for title in titles:
        words.update(w for w in normalise_name(title).split() if len(w) > 2)
    return words


def stable_id(prefix: str, *parts: str | None) -> str:
    """A short id derived from its parts: the same parts always give the same id."""
    key = "|".join(p or "" for p in parts)
    return prefix + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
