"""How precise a stored coordinate is: ``geo_precision``, computed here and nowhere else.

Like ACLED's ``geo_precision``, but named: "point" (the spot itself), "city", "region" (a state,
province, named region, sea, strait or continent) or "country" (the country's centroid). A
country-level event sits on the country's centroid; maps and exports must not present it as a
point. None when the place has no coordinates or its kind of feature does not say what the
coordinates stand for (a facility is placed at the place it is named after, whatever that is).
"""

from __future__ import annotations

GEO_PRECISIONS = ("point", "city", "region", "country")

# The gazetteer's feature kinds (lexicons/places_*.tsv, nlp places stage) by what their point stands for.
FEATURE_PRECISION = {
    "city": "city",
    "state": "region",
    "region": "region",
    "sea": "region",
    "strait": "region",
    "continent": "region",
    "country": "country",
}


def geo_precision(feature: str | None, lat: float | None, lon: float | None) -> str | None:
    """The precision of a place's coordinates from its gazetteer feature; None when unknown."""
    if lat is None or lon is None or not feature:
        return None
    return FEATURE_PRECISION.get(feature.casefold())
