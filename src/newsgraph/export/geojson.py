"""Events with coordinates as a GeoJSON FeatureCollection (for QGIS, kepler.gl, geojson.io)."""

from __future__ import annotations

import json
from typing import IO

from .rows import iter_rows


def event_features(store):
    """A Point feature for every event whose place has coordinates.

    ``geo_precision`` says how wide the area behind the point is (city, region,
    country; see :mod:`newsgraph.geo`): a country-level event sits
    on the country's centroid and should not be drawn as if it happened there.
    """
    for event in iter_rows(store, "events"):
        location = event.get("location")
        if not location or location.get("lat") is None or location.get("lon") is None:
            continue
        source, target = event.get("source") or {}, event.get("target") or {}
        yield {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [location["lon"], location["lat"]]},
            "properties": {
                "id": event["id"],
                "type": event["type"],
                "date": event["date"],
                "modality": event["modality"],
                "source": source.get("name"),
                "source_country": source.get("country"),
                "source_entity": source.get("entity"),
                "target": target.get("name"),
                "target_country": target.get("country"),
                "target_entity": target.get("entity"),
                "place": location["name"],
                "place_country": location.get("country"),
                "geo_precision": location.get("geo_precision"),
                "article_id": event["article_id"],
                "cluster": event["cluster"],
                "sentence": event["sentence"]["text"],
            },
        }


def write_geojson(store, what: str, out: IO[str]) -> int:
    """GeoJSON of events (the only kind with coordinates)."""
    if what != "events":
        raise ValueError("GeoJSON export holds events; use --what events")
    features = list(event_features(store))
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)
