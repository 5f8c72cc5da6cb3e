"""Date expressions in text: one regex per shape, built once from the lexicons.

Each match becomes a ``DatePoint`` that knows how to resolve itself against a
publication date; :mod:`newsgraph.nlp.times` joins points into ranges
("between Friday and Saturday", "since 2004") and decides the tense.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from ...lexicons import load_tsv
from . import resolve as tr
from .resolve import DateValue

_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"
_MODIFIER = r"(?:(?:early|late|mid|the\s+(?:end|beginning|start|middle|first\s+half|second\s+half)\s+of|(?:end|beginning|start)\s+of)[\s-]+)?"
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}  # fmt: skip
_VAGUE_COUNTS = r"(?:a\s+few|few|several|many|some|a\s+couple\s+of|a\s+number\s+of)"


def _alternation(phrases: list[str]) -> str:
    ordered = sorted({p for p in phrases if p}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


@dataclass(frozen=True)
class DatePoint:
    """A date expression found in the text, not yet resolved.

    ``needs_tense``: a bare weekday, month or month-day, whose year or week
    depends on whether the sentence looks back or ahead.
    """

    start: int
    end: int
    shape: str
    resolve: Callable[[date | None, bool], DateValue | None]
    needs_tense: bool = False
    word_based: bool = False  # a month or weekday name, which may also be part of a name


class DatePatterns:
    """All date regexes, compiled once per pipeline."""

    def __init__(self, user_lexicons: tuple[Path, ...] = ()) -> None:
        self.months: dict[str, int] = {}
        alone: list[str] = []
        for row in load_tsv("time_months", user_lexicons):
            self.months[row["name"].lower()] = int(row["month"])
            if row["alone"] == "yes":
                alone.append(row["name"])
        weekday_rows = load_tsv("time_weekdays", user_lexicons)
        self.weekdays = {r["name"].lower(): int(r["weekday"]) for r in weekday_rows}
        # Names are matched capitalised ("March", not "march"), as written, or in capitals.
        month_names = [r["name"] for r in load_tsv("time_months", user_lexicons)]
        weekday_names = [r["name"] for r in weekday_rows]
        self.relative = {
            " ".join(r["phrase"].lower().split()): (r["anchor"], int(r["offset"]))
            for r in load_tsv("time_relative", user_lexicons)
        }
        self.units = {
            r["word"].lower(): (int(r["days"]), int(r["months"]))
            for r in load_tsv("time_units", user_lexicons)
        }
        month = f"(?:{_alternation(month_names + [n.upper() for n in month_names])})"
        month_alone = f"(?:{_alternation(alone + [n.upper() for n in alone])})"
        weekday = f"(?:{_alternation(weekday_names + [n.upper() for n in weekday_names])})"
        units = f"(?:{_alternation(list(self.units))})"
        count = rf"(?:\d{{1,3}}|{_alternation(list(_NUMBER_WORDS))}|{_VAGUE_COUNTS})"
        edge = r"(?<![\w$€£.,/-])"
        tail = r"(?![\w]|[.,]\d|[-/]\d)"
        self._shapes: list[tuple[str, re.Pattern[str], Callable[[re.Match[str]], DatePoint | None]]] = [
            ("iso", re.compile(rf"{edge}(?P<y>\d{{4}})-(?P<m>\d{{2}})-(?P<d>\d{{2}})(?!\d)"), self._iso),
            (
                "month_day",
                re.compile(
                    rf"{edge}(?:(?P<wd>{weekday}),?\s+)?(?P<mon>{month})\s+(?P<d>{_DAY})"
                    rf"(?:\s*[-–]\s*(?P<d2>{_DAY}))?(?:,?\s+(?P<y>{_YEAR}))?{tail}"
                ),
                self._month_day,
            ),
            (
                "day_month",
                re.compile(
                    rf"{edge}(?:(?P<wd>{weekday}),?\s+)?(?:the\s+)?(?P<d>{_DAY})(?:\s*[-–]\s*(?P<d0>{_DAY}))?"
                    rf"\s+(?:of\s+)?(?P<mon>{month})(?:,?\s+(?P<y>{_YEAR}))?{tail}"
                ),
                self._month_day,
            ),
            (
                "month_year",
                re.compile(rf"{edge}(?i:{_MODIFIER})(?P<mon>{month})(?:\s+of)?,?\s+(?P<y>{_YEAR}){tail}"),
                self._month_year,
            ),
            (
                "month",
                re.compile(
                    rf"{edge}(?:(?P<rel>(?i:last|this|next|early|late|mid|past|coming))[\s-]+)?(?P<mon>{month_alone}){tail}"
                ),
                self._month,
            ),
            (
                "weekday",
                re.compile(
                    rf"{edge}(?:(?P<rel>(?i:last|this|next|past|coming))\s+)?(?P<wd>{weekday}){_PART_OF_DAY}{tail}"
                ),
                self._weekday,
            ),
            (
                "decade",
                re.compile(
                    rf"{edge}(?i:the\s+)?(?i:(?P<mod>early|mid|late)[\s-]+)?(?P<y>(?:1[5-9]|20)\d0)s{tail}"
                ),
                self._decade,
            ),
            (
                "year",
                re.compile(
                    rf"{edge}(?i:{_MODIFIER})(?P<y>{_YEAR})(?:\s*[-–]\s*(?P<y2>\d{{2}}|{_YEAR}))?{tail}"
                    rf"(?!\s*(?:%|percent|per\s+cent))"
                ),
                self._year,
            ),
            (
                "relative",
                re.compile(rf"(?i){edge}(?P<phrase>{_alternation(list(self.relative))}){tail}"),
                self._relative,
            ),
            ("ago", re.compile(rf"(?i){edge}(?P<n>{count})\s+(?P<unit>{units})\s+ago{tail}"), self._ago),
            (
                "span",
                re.compile(
                    rf"(?i){edge}(?P<the>the\s+)?(?P<rel>past|last|previous|next|coming)\s+"
                    rf"(?:(?P<n>{count})\s+)?(?P<unit>{units}){tail}(?!\s+of\b)"
                ),
                self._span,
            ),
        ]

    def find(self, text: str) -> list[DatePoint]:
        """Date expressions in text order, longest first where two overlap."""
        found: list[DatePoint] = []
        for _, regex, build in self._shapes:
            for match in regex.finditer(text):
                point = build(match)
                if point is not None:
                    found.append(replace(point, resolve=tr.within_calendar(point.resolve)))
        found.sort(key=lambda p: (p.start, -(p.end - p.start)))
        kept: list[DatePoint] = []
        for point in found:
            if kept and point.start < kept[-1].end:
                continue
            kept.append(point)
        return kept

    # -- one builder per shape -------------------------------------------------

    @staticmethod
    def _iso(m: re.Match[str]) -> DatePoint | None:
        day = tr.safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        if day is None:
            return None
        value = tr.single_day(day)
        return DatePoint(m.start(), m.end(), "iso", lambda _p, _f: value)

    def _month_day(self, m: re.Match[str]) -> DatePoint | None:
        month = self.months[m["mon"].lower()]
        groups = m.groupdict()
        first_day = int(re.sub(r"\D", "", groups.get("d0") or m["d"]))
        last_day = int(re.sub(r"\D", "", groups.get("d2") or m["d"]))
        if last_day < first_day:
            return None
        if m["y"]:
            first = tr.safe_date(int(m["y"]), month, first_day)
            last = tr.safe_date(int(m["y"]), month, last_day)
            if first is None or last is None:
                return None
            value = tr.DateValue(first, last)
            return DatePoint(m.start(), m.end(), "month_day", lambda _p, _f: value)

        def resolve(published: date | None, future: bool) -> DateValue | None:
            if published is None:
                return None
            first = tr.day_of_month_near(published, month, first_day, future)
            last = tr.safe_date(first.year, month, last_day) if first else None
            return tr.DateValue(first, last) if first and last else None

        return DatePoint(m.start(), m.end(), "month_day", resolve, needs_tense=True, word_based=True)

    def _month_year(self, m: re.Match[str]) -> DatePoint:
        value = tr.whole_month(int(m["y"]), self.months[m["mon"].lower()])
        return DatePoint(m.start(), m.end(), "month_year", lambda _p, _f: value)

    def _month(self, m: re.Match[str]) -> DatePoint:
        month = self.months[m["mon"].lower()]
        rel = (m["rel"] or "").lower()
        fixed = {"last": "before", "past": "before", "next": "after", "coming": "after", "this": "same_week"}

        def resolve(published: date | None, future: bool) -> DateValue | None:
            if published is None:
                return None
            relation = fixed.get(rel) or ("on_or_after" if future else "on_or_before")
            return tr.month_near(published, month, relation)

        return DatePoint(m.start(), m.end(), "month", resolve, needs_tense=rel not in fixed, word_based=True)

    def _weekday(self, m: re.Match[str]) -> DatePoint:
        weekday = self.weekdays[m["wd"].lower()]
        rel = (m["rel"] or "").lower()
        fixed = {"last": "before", "past": "before", "next": "after", "coming": "after", "this": "same_week"}

        def resolve(published: date | None, future: bool) -> DateValue | None:
            if published is None:
                return None
            relation = fixed.get(rel) or ("on_or_after" if future else "on_or_before")
            return tr.single_day(tr.weekday_near(published, weekday, relation))

        return DatePoint(
            m.start(), m.end(), "weekday", resolve, needs_tense=rel not in fixed, word_based=True
        )

    @staticmethod
    def _decade(m: re.Match[str]) -> DatePoint:
        first = int(m["y"])
        # A century ("the 1900s") is as likely as a decade; only "x0s" with a non-zero
        # tens digit is certainly a decade.
        last = first + 99 if first % 100 == 0 else first + 9
        value = tr.years(first, last)
        return DatePoint(m.start(), m.end(), "decade", lambda _p, _f: value)

    @staticmethod
    def _year(m: re.Match[str]) -> DatePoint | None:
        first = int(m["y"])
        last = first
        if m["y2"]:
            last = int(m["y2"]) if len(m["y2"]) == 4 else (first // 100) * 100 + int(m["y2"])
            if last <= first:
                return None
        value = tr.years(first, last)
        return DatePoint(m.start(), m.end(), "year", lambda _p, _f: value)

    def _relative(self, m: re.Match[str]) -> DatePoint:
        anchor, offset = self.relative[" ".join(m["phrase"].lower().split())]

        def resolve(published: date | None, _future: bool) -> DateValue | None:
            if published is None:
                return None
            return tr.relative_anchor(published, anchor, offset)

        return DatePoint(m.start(), m.end(), "relative", resolve)

    @staticmethod
    def _count(text: str) -> int | None:
        text = " ".join(text.lower().split())
        if text.isdigit():
            return int(text)
        return _NUMBER_WORDS.get(text)

    def _ago(self, m: re.Match[str]) -> DatePoint:
        count = self._count(m["n"])
        days, months = self.units[m["unit"].lower()]

        def resolve(published: date | None, _future: bool) -> DateValue | None:
            if published is None or count is None:
                return None
            return tr.units_ago(published, count, days, months)

        return DatePoint(m.start(), m.end(), "ago", resolve)

    def _span(self, m: re.Match[str]) -> DatePoint | None:
        # "last week" alone is a relative phrase; this shape takes "the past week",
        # "the last three days", "next two months".
        if not m["the"] and not m["n"]:
            return None
        if not m["n"] and self.units[m["unit"].lower()][0] == 1:
            return None  # "the last day to apply" is a deadline, not the day before publication
        count = self._count(m["n"]) if m["n"] else 1
        days, months = self.units[m["unit"].lower()]
        forward = m["rel"].lower() in ("next", "coming")

        def resolve(published: date | None, _future: bool) -> DateValue | None:
            if published is None or count is None:
                return None
            return tr.units_span(published, count, days, months, forward)

        return DatePoint(m.start(), m.end(), "span", resolve)
