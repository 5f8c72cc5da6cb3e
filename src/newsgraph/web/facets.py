"""Facets like Datasette's: counts by a field's values, each a link that filters on that value.

The store counts (``event_facets``, ``search_facets``); this module turns the counts into links
that keep every other filter in force, and a second click on a chosen value removes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from .charts import month_days

FACET_TITLES = {
    "events": {"type": "Event type", "country": "Country", "source": "Source actor", "month": "Month"},
    "search": {
        "type": "Has an event of type",
        "country": "Mentions a place in",
        "source": "News source",
        "month": "Published",
    },
}


def _url(base: str, query: Mapping[str, str], changes: Mapping[str, str | None]) -> str:
    params = {k: v for k, v in query.items() if v and k != "offset"}
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return f"{base}?{urlencode(params)}" if params else base


def facet_links(
    facets: Mapping[str, Mapping[str, Any]], page: str, base: str, query: Mapping[str, str]
) -> list[dict[str, Any]]:
    """Each facet as ``{name, title, values: [{label, n, url, selected}], more}`` for the template.

    ``query`` holds the filters in force; the ``month`` facet filters with ``since``/``until``
    set to that month's first and last day, the others with the parameter of their own name.
    """
    titles = FACET_TITLES[page]
    out = []
    for name, facet in facets.items():
        values = []
        for row in facet.get("values") or []:
            value = str(row["value"])
            if name == "month":
                since, until = month_days(value)
                selected = query.get("since") == since and query.get("until") == until
                changes: dict[str, str | None] = (
                    {"since": None, "until": None} if selected else {"since": since, "until": until}
                )
            else:
                selected = (query.get(name) or "").casefold() == value.casefold()
                changes = {name: None if selected else value}
            values.append(
                {
                    "value": value,
                    "label": row.get("label") or value,
                    "n": row["n"],
                    "url": _url(base, query, changes),
                    "selected": selected,
                }
            )
        shown = len(values)
        out.append(
            {
                "name": name,
                "title": titles.get(name, name),
                "values": values,
                "more": max(0, int(facet.get("n_values") or 0) - shown),
            }
        )
    return out
