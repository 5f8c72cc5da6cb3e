"""Finding written amounts in text: digits, number words, scales, currencies, qualifiers.

Everything here works on the raw string with regexes built once from the
lexicons (``quantity_numbers``, ``quantity_qualifiers``, ``quantity_vague``,
``currencies``); the spaCy parse is only consulted later, for what a number
counts (:mod:`newsgraph.nlp.quantities_kinds`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ...lexicons import load_tsv

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_FRACTION = r"[\s\-](?:thirds?|quarters?|halves|half|fifths?|tenths?)\b"
_PERCENT = r"%|percent\b|per\s+cent\b|percentage\s+points?\b"


def _alternation(phrases: list[str]) -> str:
    """A regex alternation of literal phrases, longest first, spaces matching any whitespace."""
    ordered = sorted({p for p in phrases if p}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


@dataclass(frozen=True)
class AmountMatch:
    """One amount found in the text, before its kind is known."""

    start: int  # includes the qualifier and a prefixed currency
    end: int
    number_start: int  # the number itself (digits or words, with scale)
    number_end: int
    value: float | None
    currency: str | None
    percent: bool
    qualifier: str | None
    vague: bool
    word_number: bool  # written in words ("seven"), not digits
    after: str  # the text just after the amount, for glued units ("-year-old")


class AmountFinder:
    """Scans text for amounts; built once per pipeline from the lexicons."""

    def __init__(self, user_lexicons: tuple[Path, ...] = ()) -> None:
        self.words: dict[str, tuple[float, str]] = {}
        abbreviations: dict[str, float] = {}
        for row in load_tsv("quantity_numbers", user_lexicons):
            word, value, kind = row["word"].lower(), float(row["value"]), row["type"]
            if kind == "abbreviation":
                abbreviations[word] = value
            else:
                self.words[word] = (value, kind)
        self.abbreviations = abbreviations
        self.prefix_currency: dict[str, str] = {}
        self.suffix_currency: dict[str, str] = {}
        for row in load_tsv("currencies", user_lexicons):
            form, code, position = row["form"], row["code"].upper(), row["position"]
            if position in ("prefix", "both"):
                self.prefix_currency[form.lower()] = code
            if position in ("suffix", "both"):
                self.suffix_currency[" ".join(form.lower().split())] = code
        self.qualifiers = {
            " ".join(r["phrase"].lower().split()): r["meaning"]
            for r in load_tsv("quantity_qualifiers", user_lexicons)
        }
        vague_rows = load_tsv("quantity_vague", user_lexicons)
        self._compile(vague_rows)

    def _compile(self, vague_rows: list[dict[str, str]]) -> None:
        word = _alternation(list(self.words))
        word_number = rf"(?:(?:a|an|half\s+a)\s+(?:hundred|thousand|million|billion|trillion|dozen)\b|(?:{word})(?![\w])(?:(?:\s+|-)(?:and\s+)?(?:{word})(?![\w]))*)"
        scales = _alternation([w for w, (_, k) in self.words.items() if k == "scale"])
        abbreviations = _alternation(list(self.abbreviations))
        prefixes = _alternation(list(self.prefix_currency))
        suffixes = _alternation(list(self.suffix_currency))
        # Symbols such as "$" may sit glued to a word ("US$"); letter codes need a boundary.
        self._amount = re.compile(
            rf"(?<![\w.,/:\-–$€£¥₴₽₹₪₩’'′])"
            rf"(?:(?P<cur_pre>{prefixes})\s?)?"
            rf"(?:(?P<digits>{_DIGITS})(?:(?:\s+|-)(?P<scale>{scales})(?![\w])|(?P<abbr>{abbreviations})(?![\w]))?"
            rf"|(?P<words>{word_number}))"
            rf"(?P<half>\s+and\s+a\s+half)?"
            rf"(?![\w])(?![.,]\d)(?![\-–/:]\d)(?![’'′″”]\s?\d)(?!{_FRACTION})"
            rf"(?:\s?(?P<percent>{_PERCENT})|\s+(?P<cur_post>{suffixes})(?![\w]))?",
            re.IGNORECASE,
        )
        vague = _alternation([r["phrase"] for r in vague_rows])
        self._vague_needs_of = {
            " ".join(r["phrase"].lower().split()) for r in vague_rows if r["needs_of"] == "yes"
        }
        self._vague = re.compile(rf"(?<![\w])(?P<vague>{vague})(?![\w])(?P<of>\s+of\b)?", re.IGNORECASE)
        self._vague_money = re.compile(rf"\s+of\s+(?P<cur_post>{suffixes})(?![\w])", re.IGNORECASE)
        qualifiers = _alternation(list(self.qualifiers))
        self._qualifier = re.compile(rf"(?<![\w])(?P<qual>{qualifiers})\s+$", re.IGNORECASE)

    # -- parsing -------------------------------------------------------------

    def words_value(self, text: str) -> float | None:
        """The value of a number written in words ("two hundred and five" -> 205)."""
        tokens = [t for t in re.split(r"[\s\-]+", text.lower()) if t and t != "and"]
        if tokens[:2] == ["half", "a"]:
            scale = self.words.get(tokens[2]) if len(tokens) > 2 else None
            return scale[0] / 2 if scale else None
        if tokens and tokens[0] in ("a", "an"):
            tokens[0] = "one"
        total = current = 0.0
        for token in tokens:
            entry = self.words.get(token)
            if entry is None:
                return None
            value, kind = entry
            if kind == "unit":
                current += value
            elif kind == "multiplier":
                current = (current or 1) * value
            else:
                total += (current or 1) * value
                current = 0.0
        return total + current

    def _qualifier_before(self, text: str, start: int) -> tuple[str | None, int]:
        window = text[max(0, start - 40) : start]
        match = self._qualifier.search(window)
        if not match:
            return None, start
        return " ".join(match.group("qual").lower().split()), start - len(window) + match.start()

    def find(self, text: str) -> list[AmountMatch]:
        """Every amount in ``text`` in order, vague ones included, without overlaps."""
        found: list[AmountMatch] = []
        for m in self._amount.finditer(text):
            amount = self._from_amount_match(text, m)
            if amount is not None:
                found.append(amount)
        taken = [(a.number_start, a.number_end) for a in found]
        for m in self._vague.finditer(text):
            if any(s < m.end("vague") and m.start() < e for s, e in taken):
                continue
            phrase = " ".join(m.group("vague").lower().split())
            if phrase in self._vague_needs_of and not m.group("of"):
                continue
            currency = None
            end = m.end("vague")
            if m.group("of"):
                money = self._vague_money.match(text, m.end("vague"))
                if money:
                    currency = self.suffix_currency.get(" ".join(money.group("cur_post").lower().split()))
            found.append(
                AmountMatch(
                    start=m.start(),
                    end=end,
                    number_start=m.start(),
                    number_end=end,
                    value=None,
                    currency=currency,
                    percent=False,
                    qualifier=phrase,
                    vague=True,
                    word_number=True,
                    after=text[end : end + 12],
                )
            )
        found.sort(key=lambda a: a.start)
        return found

    def _from_amount_match(self, text: str, m: re.Match[str]) -> AmountMatch | None:
        if m.group("digits"):
            value = float(m.group("digits").replace(",", ""))
            if m.group("scale"):
                value *= self.words[m.group("scale").lower()][0]
            elif m.group("abbr"):
                # "5m" alone may be metres; a glued abbreviation is a scale only for money.
                if not (m.group("cur_pre") or m.group("cur_post")) and m.group("abbr").lower() not in (
                    "bn",
                    "mn",
                    "mln",
                    "tn",
                    "trn",
                ):
                    return None
                value *= self.abbreviations[m.group("abbr").lower()]
            number_start = m.start("digits")
            number_end = max(m.end("digits"), m.end("scale"), m.end("abbr"), m.end("half"))
        else:
            words = m.group("words")
            words_value = self.words_value(words)
            if words_value is None:
                return None
            value = words_value
            number_start, number_end = m.start("words"), max(m.end("words"), m.end("half"))
        if m.group("half"):
            value += 0.5
        currency = None
        if m.group("cur_pre"):
            currency = self.prefix_currency.get(m.group("cur_pre").lower())
        if m.group("cur_post"):
            currency = self.suffix_currency.get(" ".join(m.group("cur_post").lower().split()), currency)
        qualifier, start = self._qualifier_before(text, m.start())
        return AmountMatch(
            start=start,
            end=m.end(),
            number_start=number_start,
            number_end=number_end,
            value=value,
            currency=currency,
            percent=bool(m.group("percent")),
            qualifier=qualifier,
            vague=False,
            word_number=bool(m.group("words")),
            after=text[m.end() : m.end() + 12],
        )
