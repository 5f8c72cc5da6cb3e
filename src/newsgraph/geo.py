"""How precise a stored coordinate is: ``geo_precision``, computed here and nowhere else.

In the spirit of ACLED's ``geo_precision``, but named. The offline gazetteer gives every place it
resolves one point: a town's centre, a region's centre or a country's centroid. A country-level
event drawn on the centroid is not an event *at* that point, so every event's location says how
wide the area behind its point is:

- ``city``: the point of a town or city; a site named in it (an airport, a port, a plant) sits on
  its town's point, so it is city-precise too;
- ``region``: a province, state or named area, or anything wider than a country short of it (a
  sea, a strait, a continent);
- ``country``: a country's centroid;
- None: no coordinates, or a place whose kind is not known.

``point`` (the coordinates of the site itself, ACLED's precision 1) is the finest level; the
bundled gazetteer has no such points, so nothing is coded ``point`` until a gazetteer with them
is used. The store puts the value on every event's location (``location.geo_precision``); the
API, the pages, the map and the exports read it from there.
"""

from __future__ import annotations

POINT, CITY, REGION, COUNTRY = "point", "city", "region", "country"
GEO_PRECISIONS = (POINT, CITY, REGION, COUNTRY)

# Place features (records.Place.feature) whose point stands for an area wider than a town.
AREA_FEATURES = {
    "country": COUNTRY,
    "state": REGION,
    "region": REGION,
    "province": REGION,
    "continent": REGION,
    "sea": REGION,
    "strait": REGION,
}


def geo_precision(feature: str | None, lat: float | None, lon: float | None) -> str | None:
    """The precision of a place's point from the place's kind; None without a point or a kind."""
    if lat is None or lon is None or not feature:
        return None
    return AREA_FEATURES.get(feature.casefold(), CITY)
