"""Turning any string a user types into a safe FTS5 query."""

from __future__ import annotations

import re

_PHRASE = re.compile(r'"([^"]*)"')
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 32


def fts_query(text: str) -> str | None:
    """An FTS5 MATCH expression for free text: quoted parts stay phrases, other words are ANDed.

    Every term is emitted as a double-quoted FTS5 string made only of word
    characters, so no operator, column filter or stray quote the user typed can
    reach the FTS5 parser. None when the text holds no words at all.
    """
    if not isinstance(text, str):
        return None
    terms: list[str] = []
    for phrase in _PHRASE.findall(text):
        words = _WORD.findall(phrase)
        if words:
            terms.append('"' + " ".join(words) + '"')
    for word in _WORD.findall(_PHRASE.sub(" ", text)):
        terms.append(f'"{word}"')
    if not terms:
        return None
    return " ".join(terms[:MAX_TERMS])
