"""Stage: quantities -- numbers with a value, unit, kind and qualifier.

Amounts are found on the raw text (:mod:`quantities_numbers`), then checked
against the parse and the named entities: dates, times, ordinals, years and
numbers inside names ("Boeing 737") are not quantities; durations are. What
each number counts comes from :mod:`quantities_kinds`.
"""

from __future__ import annotations

import re
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from ...records import Quantity
from .. import extensions  # noqa: F401
from .kinds import KindReader
from .numbers import AmountFinder, AmountMatch

# Entity types whose numbers are part of a name ("Boeing 737", "Article 5").
_NAME_ENTITY_TYPES = {"ORG", "PRODUCT", "FAC", "LAW", "WORK_OF_ART", "EVENT", "PERSON", "GPE", "LOC", "NORP"}
_DATE_ENTITY_TYPES = {"DATE", "TIME"}
# "a 45-year-old man", "a 10-month-old baby".
_AGE_SUFFIX = re.compile(r"-(year|month|week|day)s?-old\b", re.IGNORECASE)
# Words after a number of time units that make it a point in time, not a duration.
_RELATIVE_TIME_WORDS = {"ago", "earlier", "later", "before", "after", "prior"}


class QuantitiesStage:
    """Writes ``doc._.ng_quantities``: a list of ``records.Quantity`` in text order."""

    def __init__(self, user_lexicons: tuple[Path, ...] = ()) -> None:
        self.user_lexicons = user_lexicons
        self.finder = AmountFinder(user_lexicons)
        self.kinds = KindReader(user_lexicons)

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        quantities = []
        for amount in self.finder.find(text):
            quantity = self._quantity(doc, text, amount)
            if quantity is not None:
                quantities.append(quantity)
        doc._.ng_quantities = quantities
        return doc

    def _quantity(self, doc: Doc, text: str, amount: AmountMatch) -> Quantity | None:
        number = doc.char_span(amount.number_start, amount.number_end, alignment_mode="expand")
        if number is None or len(number) == 0:
            return None
        is_money = amount.currency is not None
        if not is_money and not amount.percent and not self._is_quantity(number, amount):
            return None
        reading = self.kinds.read(number, is_money, amount.percent)
        kind, unit = reading.kind, reading.unit
        if is_money:
            unit = amount.currency
        elif age := _AGE_SUFFIX.match(amount.after):
            kind, unit = "age", age.group(1).lower() + "s"
        elif self._is_age_after_name(number):
            kind, unit = "age", "years"
        if kind == "duration" and self._is_point_in_time(number):
            return None
        if self._inside_date(number) and kind not in ("duration", "age") and not reading.countable_noun:
            return None
        return Quantity(
            value=amount.value,
            unit=unit,
            kind=kind,
            qualifier=amount.qualifier,
            text=text[amount.start : amount.end],
            start=amount.start,
            end=amount.end,
        )

    @staticmethod
    def _is_age_after_name(number: Span) -> bool:
        """News style gives ages after names: "Jane Roe, 43, said"."""
        doc = number.doc
        if number.start < 2 or number.end >= len(doc):
            return False
        before, name, after = doc[number.start - 1], doc[number.start - 2], doc[number.end]
        return (
            before.text == ","
            and name.pos_ == "PROPN"
            and after.text in {",", ";", ")", "."}
            and len(number) == 1
            and number[0].like_num
        )

    @staticmethod
    def _inside_date(number: Span) -> bool:
        return any(t.ent_type_ in _DATE_ENTITY_TYPES for t in number)

    @staticmethod
    def _is_point_in_time(number: Span) -> bool:
        doc = number.doc
        following = doc[number.end : number.end + 3]
        return any(t.lower_ in _RELATIVE_TIME_WORDS for t in following)

    def _is_quantity(self, number: Span, amount: AmountMatch) -> bool:
        """False for ordinals, years, pronoun "one" and numbers inside names."""
        first = number[0]
        if any(t.ent_type_ == "ORDINAL" for t in number):
            return False
        if first.ent_type_ in _NAME_ENTITY_TYPES and first.ent_iob_ == "I":
            return False
        if amount.vague:
            return True
        value = amount.value
        digits = number.text.replace(",", "")
        if (
            not amount.word_number
            and digits.isdigit()
            and len(digits) == 4
            and "," not in number.text
            and 1900 <= (value or 0) <= 2100
        ):
            # A year, unless it counts something countable: "2000 troops".
            head = number.root.head
            entry = self.kinds.entry(head) if number.root.dep_ == "nummod" else None
            return entry is not None and entry.role in ("thing", "person") and head.tag_ in ("NNS", "NNPS")
        if amount.word_number and value == 1 and amount.qualifier is None:
            # "one of the largest", "no one": only "one person" is a count.
            return number.root.dep_ == "nummod" and number.root.head.pos_ == "NOUN"
        return True


@Language.factory(
    "newsgraph_quantities",
    requires=["doc.ents"],
    assigns=["doc._.ng_quantities"],
    default_config={"user_lexicons": []},
)
def make_quantities_stage(nlp: Language, name: str, user_lexicons: list[str]) -> QuantitiesStage:
    return QuantitiesStage(tuple(Path(p) for p in user_lexicons))
