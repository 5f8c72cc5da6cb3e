"""Calendar arithmetic for date expressions: from a reference date to ISO ranges.

A resolved expression is a ``DateValue``: a first and last day plus the
precision to write them at ("2004" for a year, "2025-11" for a month,
"2025-11-07" for a day). Nothing here guesses: a relative expression without
a reference date resolves to None.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import wraps
from typing import ParamSpec, TypeVar

DAY, MONTH, YEAR = "day", "month", "year"

_P = ParamSpec("_P")
_R = TypeVar("_R")


def within_calendar(resolve: Callable[_P, _R | None]) -> Callable[_P, _R | None]:
    """``resolve`` answering None where its arithmetic leaves the calendar (years 1 to 9999).

    "last year" in an article dated 0001-01-01 or "next Tuesday" in one dated
    9999-12-31 names a day ``datetime.date`` cannot hold: no resolved date, not a crash.
    """

    @wraps(resolve)
    def guarded(*args: _P.args, **kwargs: _P.kwargs) -> _R | None:
        try:
            return resolve(*args, **kwargs)
        except (ValueError, OverflowError):  # date(0, ...), date.max + 1 day, year -4
            return None

    return guarded


@dataclass(frozen=True)
class DateValue:
    """A closed range of days, written at ``precision``."""

    first: date
    last: date
    precision: str = DAY

    def iso_start(self) -> str:
        return iso(self.first, self.precision)

    def iso_end(self) -> str:
        return iso(self.last, self.precision)


def iso(day: date, precision: str) -> str:
    """``day`` written at ``precision``: "2025", "2025-11" or "2025-11-07"."""
    if precision == YEAR:
        return f"{day.year:04d}"
    if precision == MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def single_day(day: date) -> DateValue:
    return DateValue(day, day, DAY)


def whole_month(year: int, month: int) -> DateValue:
    return DateValue(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), MONTH)


def whole_year(year: int) -> DateValue:
    return DateValue(date(year, 1, 1), date(year, 12, 31), YEAR)


def years(first_year: int, last_year: int) -> DateValue:
    return DateValue(date(first_year, 1, 1), date(last_year, 12, 31), YEAR)


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def month_shift(reference: date, months: int) -> DateValue:
    moved = add_months(reference.replace(day=1), months)
    return whole_month(moved.year, moved.month)


def week_of(reference: date, weeks: int = 0) -> DateValue:
    """The Monday-to-Sunday week holding ``reference``, moved by ``weeks``."""
    monday = reference - timedelta(days=reference.weekday()) + timedelta(weeks=weeks)
    return DateValue(monday, monday + timedelta(days=6), DAY)


def weekend_of(reference: date, weeks: int = 0) -> DateValue:
    """Saturday and Sunday of the week holding ``reference``, moved by ``weeks``."""
    week = week_of(reference, weeks)
    return DateValue(week.last - timedelta(days=1), week.last, DAY)


def weekday_near(reference: date, weekday: int, relation: str) -> date:
    """A weekday (Monday = 0) near ``reference``.

    relation: ``on_or_before`` (the usual reading in news: "on Friday" in a
    Saturday article is yesterday, in a Friday article today), ``before``
    ("last Friday"), ``on_or_after`` (a future-tense "on Friday"), ``after``
    ("next Friday"), or ``same_week`` ("this Friday", in reference's Monday-Sunday week).
    """
    if relation == "same_week":
        return reference + timedelta(days=weekday - reference.weekday())
    back = (reference.weekday() - weekday) % 7
    ahead = (weekday - reference.weekday()) % 7
    if relation == "on_or_before":
        return reference - timedelta(days=back)
    if relation == "before":
        return reference - timedelta(days=back or 7)
    if relation == "on_or_after":
        return reference + timedelta(days=ahead)
    if relation == "after":
        return reference + timedelta(days=ahead or 7)
    raise ValueError(f"unknown weekday relation {relation!r}")


def month_near(reference: date, month: int, relation: str) -> DateValue:
    """The month (1-12) nearest ``reference`` in the direction ``relation`` names.

    relation as for :func:`weekday_near`; ``same_week`` here means the
    reference's own year ("this March").
    """
    year = reference.year
    if relation == "same_week":
        return whole_month(year, month)
    if relation == "on_or_before":
        return whole_month(year if month <= reference.month else year - 1, month)
    if relation == "before":
        return whole_month(year if month < reference.month else year - 1, month)
    if relation == "on_or_after":
        return whole_month(year if month >= reference.month else year + 1, month)
    if relation == "after":
        return whole_month(year if month > reference.month else year + 1, month)
    raise ValueError(f"unknown month relation {relation!r}")


def day_of_month_near(reference: date, month: int, day: int, future: bool) -> date | None:
    """Month and day without a year: the latest on or before ``reference``, or the
    first on or after it when the sentence speaks of the future. None if no such day."""
    candidates = [
        c for c in (safe_date(y, month, day) for y in range(reference.year - 1, reference.year + 2)) if c
    ]
    if future:
        after = [c for c in candidates if c >= reference]
        return min(after) if after else None
    before = [c for c in candidates if c <= reference]
    return max(before) if before else None


def safe_date(year: int, month: int, day: int) -> date | None:
    """``date(year, month, day)``, or None when it does not exist (31 April)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def relative_anchor(reference: date, anchor: str, offset: int) -> DateValue | None:
    """A lexicon anchor (see ``time_relative.tsv``) resolved against ``reference``."""
    if anchor == "day":
        return single_day(reference + timedelta(days=offset))
    if anchor == "week":
        return week_of(reference, offset)
    if anchor == "weekend":
        return weekend_of(reference, offset)
    if anchor == "month":
        return month_shift(reference, offset)
    if anchor == "year":
        return whole_year(reference.year + offset)
    if anchor == "week_to_date":
        return DateValue(week_of(reference).first, reference)
    if anchor == "week_rest":
        return DateValue(reference, week_of(reference).last)
    if anchor == "month_to_date":
        return DateValue(reference.replace(day=1), reference)
    if anchor == "month_rest":
        return DateValue(reference, month_shift(reference, 0).last)
    if anchor == "year_to_date":
        return DateValue(date(reference.year, 1, 1), reference)
    if anchor == "year_rest":
        return DateValue(reference, date(reference.year, 12, 31))
    return None


def units_ago(reference: date, count: int, days: int, months: int) -> DateValue:
    """``count`` units before ``reference``: a day for days and weeks, a month for
    months, a year for years and decades."""
    if days:
        return single_day(reference - timedelta(days=count * days))
    if months % 12 == 0:
        return whole_year(reference.year - count * months // 12)
    moved = add_months(reference.replace(day=1), -count * months)
    return whole_month(moved.year, moved.month)


def units_span(reference: date, count: int, days: int, months: int, forward: bool) -> DateValue:
    """The stretch of ``count`` units ending (or, ``forward``, starting) at ``reference``."""
    sign = 1 if forward else -1
    if days:
        other = reference + timedelta(days=sign * count * days)
    else:
        other = add_months(reference, sign * count * months)
    return DateValue(min(reference, other), max(reference, other))
