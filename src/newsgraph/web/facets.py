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
        chosen = _chosen_value(name, query)
        if chosen and not any(v["selected"] for v in values):
            # Every row matching a filter has the filtered value, so a chosen value missing from
            # the counts matched nothing: it stays listed at 0, to be taken off with a click.
            off: dict[str, str | None] = {"since": None, "until": None} if name == "month" else {name: None}
            values.insert(
                0, {"value": chosen, "label": chosen, "n": 0, "url": _url(base, query, off), "selected": True}
            )
        out.append(
            {
                "name": name,
                "title": titles.get(name, name),
                "values": values,
                "more": max(0, int(facet.get("n_values") or 0) - shown),
            }
        )
    return out


def _chosen_value(name: str, query: Mapping[str, str]) -> str | None:
    """The value a facet's filter has in ``query``: a month only when since/until span exactly one."""
    if name != "month":
        return query.get(name) or None
    since, until = query.get("since") or "", query.get("until") or ""
    if len(since) == 10 and month_days(since[:7]) == (since, until):
        return since[:7]
    return None
