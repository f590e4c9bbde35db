"""GeoJSON (RFC 7946): one Feature per canonical event, streamed.

Coordinates are ``[longitude, latitude]`` in WGS 84, as the RFC requires (no ``crs`` member).
An event without coordinates has ``"geometry": null`` (allowed by the RFC) so that no event
silently disappears from the file. Properties are the ACLED-layout columns plus
``claimgraph_geo_precision`` (site / town / province / country: how exactly the place is
known), ``date_precision`` and, for an attack at sea, ``vessel_name`` / ``vessel_type`` / ``vessel_flag``
(from the ACLED layout). Strategic developments whose place is stated follow, with
``properties.record = "development"``.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from sqlalchemy.engine import Connection

from claimgraph.export.rows import iter_event_batches
from claimgraph.store.filters import EventFilter


def feature(event: dict[str, Any], acled: dict[str, Any]) -> dict[str, Any]:
    lat, lon = event.get("latitude"), event.get("longitude")
    geometry = None
    if lat is not None and lon is not None:
        geometry = {"type": "Point", "coordinates": [round(float(lon), 6), round(float(lat), 6)]}
    properties = {k: v for k, v in acled.items() if k not in ("latitude", "longitude")}
    properties["claimgraph_geo_precision"] = event.get("geo_precision")
    properties["date_precision"] = event.get("date_precision")
    return {"type": "Feature", "id": event["id"], "geometry": geometry, "properties": properties}


def write_geojson(conn: Connection, f: EventFilter, out: TextIO) -> int:
    """Write a FeatureCollection of the events matching ``f``; returns how many."""
    from claimgraph.store.repository import acled_rows

    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for events in iter_event_batches(conn, f):
        for event, row in zip(events, acled_rows(conn, events), strict=True):
            out.write((",\n" if n else "") + json.dumps(feature(event, row), ensure_ascii=False, default=str))
            n += 1
    from claimgraph.export.developments import geojson_features

    for i, dev in enumerate(geojson_features(conn, f)):  # placed announcements, after the events
        out.write((",\n" if n or i else "") + json.dumps(dev, ensure_ascii=False, default=str))
    out.write("\n]}\n")
    return n
