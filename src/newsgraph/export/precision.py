"""How precise an event's coordinates are, in the spirit of ACLED's ``geo_precision``.

The offline gazetteer gives every place it resolves one point: a town's
centre, a region's centre or a country's centroid. A country-level event drawn
on the centroid is not an event *at* that point, so exports say how wide the
area behind a point is:

- ``city``: the point of a town or city; a site named in it (an airport, a
  port, a plant) sits on its town's point, so it is city-precise too;
- ``region``: a province, state or named area, or anything wider than a country
  short of it (a sea, a continent);
- ``country``: a country's centroid;
- null: no coordinates, or a place whose kind is not known.

``point`` (the coordinates of the site itself, ACLED's precision 1) is the
finest level; the bundled gazetteer has no such points, so nothing is coded
``point`` until a gazetteer with them is used.
"""

from __future__ import annotations

from typing import Any

POINT, CITY, REGION, COUNTRY = "point", "city", "region", "country"
PRECISIONS = (POINT, CITY, REGION, COUNTRY)

# Place features (see records.Place.feature) whose point stands for an area wider than a town.
_AREA_FEATURES = {
    "country": COUNTRY,
    "state": REGION,
    "region": REGION,
    "province": REGION,
    "continent": REGION,
    "sea": REGION,
    "strait": REGION,
}


def precision_of(feature: str | None, has_point: bool) -> str | None:
    """The precision of a place's point from the place's kind; None without a point or a kind."""
    if not has_point or not feature:
        return None
    return _AREA_FEATURES.get(feature, CITY)


def place_features(store) -> dict[tuple[str, str], str | None]:
    """The kind of every stored place that has a point, by (article id, place name)."""
    rows = store._rows(
        "SELECT article_id, name, feature FROM places WHERE lat IS NOT NULL AND lon IS NOT NULL"
    )
    return {(r["article_id"], r["name"]): r["feature"] for r in rows}


def add_precision(event: dict[str, Any], features: dict[tuple[str, str], str | None]) -> dict[str, Any]:
    """The event row with ``location.precision`` set (the location object is copied, not changed)."""
    location = event.get("location")
    if not location:
        return event
    has_point = location.get("lat") is not None and location.get("lon") is not None
    feature = features.get((str(event.get("article_id")), str(location.get("name"))))
    return {**event, "location": {**location, "precision": precision_of(feature, has_point)}}
