"""Argument types that refuse bad values with a clear message instead of returning nothing.

argparse turns the ``ArgumentTypeError`` of a type function into
``newsgraph events: error: argument --since: ...`` and exit code 2, the way
sqlite-utils and csvkit refuse a bad option.
"""

from __future__ import annotations

import argparse
import calendar
import re
from datetime import date

from ..plover import PLOVER_TYPES

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def _parse_partial(value: str) -> tuple[int, int | None, int | None]:
    match = _PARTIAL_DATE.match(value.strip())
    if match:
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        try:
            date(year, month or 1, day or 1)
            return year, month, day
        except ValueError:
            pass
    raise argparse.ArgumentTypeError(f"{value!r} is not a date: use YYYY-MM-DD (or YYYY-MM, or YYYY)")


def since_date(value: str) -> str:
    """The first day a date, month or year covers, as YYYY-MM-DD."""
    year, month, day = _parse_partial(value)
    return date(year, month or 1, day or 1).isoformat()


def until_date(value: str) -> str:
    """The last day a date, month or year covers, as YYYY-MM-DD (``2025-02`` is up to the 28th)."""
    year, month, day = _parse_partial(value)
    month = month or 12
    return date(year, month, day or calendar.monthrange(year, month)[1]).isoformat()


def plover_type(value: str) -> str:
    """A PLOVER event type, in any case; anything else is refused naming the sixteen."""
    upper = value.strip().upper()
    if upper not in PLOVER_TYPES:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a PLOVER event type; choose from {', '.join(sorted(PLOVER_TYPES))}"
        )
    return upper


def country_code(value: str) -> str:
    """An ISO 3166 alpha-3 code such as UKR or GBR, in any case."""
    code = value.strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise argparse.ArgumentTypeError(f"{value!r} is not a country code: use ISO alpha-3, e.g. UKR or GBR")
    return code


def count(value: str) -> int:
    """A whole number of zero or more."""
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of zero or more")
    return number
