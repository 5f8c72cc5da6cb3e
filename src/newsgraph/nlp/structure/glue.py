"""Words run together by scraping ("wifeKim", "PresidentChun", "January2025", "Trump’s“Board").

Pages scraped without their markup lose the spaces around links and quotation marks.
The tokenizer then keeps the glued words as one token, which the tagger and the NER
misread ("PresidentChun Doo-hwan" as one person, "January2025" as a place). The pieces
found here become separate tokens before tagging; the text itself is never changed.
Only seams that ordinary words do not have are cut: a lower-case word followed by a
capitalised one, a title or a month glued to the next word, a word glued to a number,
and quotation marks inside a token. Brand names written in camel case ("YouTube",
"McDonald", "iPhone", "macOS") have no such seam and stay whole.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...lexicons import load_tsv, split_field

_QUOTES = '“”„"«»'
_QUOTE_SPLIT = re.compile(f"([{_QUOTES}])")
# "Trump’s" or "Peace," left before a quotation mark
_POSSESSIVE_TAIL = re.compile(r"^(.+?)(['’]s)$")
_PUNCT_TAIL = re.compile(r"^(.+?)([,.;:!?])$")
# a lower-case word of at least two letters, then a capitalised word: "wifeKim", "mediaTuesday"
_LOWER_THEN_TITLE = re.compile(r"^([a-z]{2,})([A-Z][a-z]+.*)$")
# a capitalised word, then another: "PresidentChun" (cut only when the first is a known word)
_TITLE_THEN_TITLE = re.compile(r"^([A-Z][a-z]{2,})([A-Z][a-z]+.*)$")
_NAME_WORD_NAME = re.compile(r"^([A-Z][a-z]+[a-z])([A-Z][a-z]+)$")
_REPORTED = re.compile(r"^([A-Z][a-z]{3,}?)(said|says|told)([a-z]{2,})?$")
_TWO_NAMES = re.compile(r"^([A-Z][a-z]{2,})([A-Z][a-z]{2,})$")
# a word, then a number: "to23", "January2025"
_WORD_THEN_NUMBER = re.compile(r"^([A-Za-z]{2,})(\d[\d,.]*)$")
_MONTHS_AND_DAYS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
}


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    """Capitalised words that head a name: the one-word titles of ``lexicons/titles.tsv``."""
    words = set(_MONTHS_AND_DAYS)
    for row in load_tsv("titles"):
        for form in [row["title"], *split_field(row.get("variants"))]:
            if " " not in form.strip() and "-" not in form:
                words.add(form.strip().lower())
    return frozenset(words)


# Words scraping glues after a name ("Kittlesonwas", "Hormuzin", "Braziland"); cut only when
# the name also stands alone inside a sentence of the article, so that "Poland" stays whole
# and "Justin" is not "Just in". Words that end names are left out ("Haitian" is not
# "Haiti an", "Thomas" not "Thom as"), and a month is no name ("Marchand" is not "March and").
_GLUED_TAIL_WORDS = {
    "at",
    "by",
    "in",
    "of",
    "on",
    "to",
    "and",
    "are",
    "but",
    "for",
    "from",
    "has",
    "had",
    "have",
    "said",
    "says",
    "added",
    "announced",
    "noted",
    "wrote",
    "secured",
    "insisted",
    "that",
    "the",
    "told",
    "was",
    "were",
    "when",
    "which",
    "who",
    "will",
    "with",
    "would",
}
# A longer lower-case tail counts when the article also writes it alone ("action").
_MIN_FREE_TAIL = 4


def split_glued(text: str, standalone: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """The pieces of one token's text; ``[text]`` when it is not glued. Pieces join back to ``text``.

    ``standalone``: the other tokens of the article, which let a name glued to the next word
    ("Kittlesonwas") be cut where the article also writes the name alone ("Kittleson") and
    the word is a function word or also stands alone ("Leagueaction": "League", "action").
    """
    if len(text) < 4:
        return [text]
    if (speech := _REPORTED.match(text)) is not None:
        # "Pritzkersaid", "Ducreytoldreporters": a name glued to a reporting verb
        rest = [speech.group(3)] if speech.group(3) else []
        return [speech.group(1), speech.group(2), *rest]
    if standalone and (tail := _tail_after_known_name(text, standalone)) is not None:
        return [*split_glued(text[: -len(tail)]), tail]
    if standalone and (seam := _NAME_WORD_NAME.match(text)):
        # "TrumpsaidAmerican": a name glued to a word glued to the next name
        left = split_glued(seam.group(1), standalone)
        if len(left) > 1:
            return [*left, *split_glued(seam.group(2), standalone)]
    if standalone and (m := _TWO_NAMES.match(text)) and m.group(1) in standalone and m.group(2) in standalone:
        return [m.group(1), m.group(2)]  # "DonaldTrump" where the article writes "Donald Trump"
    pieces: list[str] = []
    parts = [p for p in _QUOTE_SPLIT.split(text) if p] if any(q in text for q in _QUOTES) else [text]
    if len(parts) > 1:
        for i, part in enumerate(parts):
            before_quote = i + 1 < len(parts) and parts[i + 1] in _QUOTES
            if before_quote and (m := _POSSESSIVE_TAIL.match(part) or _PUNCT_TAIL.match(part)):
                pieces += [*_split_word(m.group(1)), m.group(2)]
            else:
                pieces += _split_word(part)
        return pieces
    return _split_word(text)


def _tail_after_known_name(text: str, standalone: frozenset[str] | set[str]) -> str | None:
    """The lower-case tail of ``text`` after a name the article writes alone, if it is a word."""
    if not text[:1].isupper() or not text[-1:].islower() or not text.isalpha():
        return None
    for cut in range(len(text) - 2, 1, -1):
        head, tail = text[:cut], text[cut:]
        if not tail.islower() or head not in standalone or head.lower() in _MONTHS_AND_DAYS:
            continue
        if tail in _GLUED_TAIL_WORDS or (len(tail) >= _MIN_FREE_TAIL and tail in standalone):
            return tail
    return None


def _split_word(word: str) -> list[str]:
    if m := _LOWER_THEN_TITLE.match(word):
        return [m.group(1), *_split_word(m.group(2))]
    if (m := _TITLE_THEN_TITLE.match(word)) and m.group(1).lower() in _title_words():
        return [m.group(1), *_split_word(m.group(2))]
    if (m := _WORD_THEN_NUMBER.match(word)) and (
        m.group(1).islower() or m.group(1).lower() in _MONTHS_AND_DAYS
    ):
        return [m.group(1), m.group(2)]
    return [word]
