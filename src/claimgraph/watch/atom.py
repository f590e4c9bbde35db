"""A saved search as an Atom feed (RFC 4287), for any feed reader: ``/feeds/<name>.atom``.

One entry per matching event (newest change first, at most ``limit``): its id stays the same
for the event, its ``updated`` time is when the event last changed in a way an analyst cares
about, its summary says what changed, and it links to the event page.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from xml.etree import ElementTree as ET

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from claimgraph import __version__
from claimgraph.store import schema
from claimgraph.watch.searches import describe, get_search

ATOM = "http://www.w3.org/2005/Atom"


def search_feed(conn: Connection, name: str, base_url: str, *, limit: int = 200) -> bytes:
    """The Atom document of saved search ``name`` (``NotFound`` if there is none)."""
    search = get_search(conn, name)
    m, e, a = schema.search_matches, schema.events, schema.search_alerts
    rows = (
        conn.execute(
            sa.select(m.c.event_id, m.c.first_matched_at, m.c.changed_at, e)
            .join(e, e.c.id == m.c.event_id)
            .where(m.c.search == name)
            .order_by(m.c.changed_at.desc(), m.c.event_id)
            .limit(limit)
        )
        .mappings()
        .all()
    )
    latest: dict[str, list[dict[str, str]]] = {}
    for event_id, found in conn.execute(
        sa.select(a.c.event_id, a.c.changes).where(a.c.search == name).order_by(a.c.id)
    ):
        latest[event_id] = found
    base = base_url.rstrip("/")
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "id", f"urn:claimgraph:search:{name}")
    _text(feed, "title", f"claimgraph: {name}")
    _text(feed, "subtitle", "Events matching " + ", ".join(f"{k}={v}" for k, v in search["filters"].items()))
    updated = max((r["changed_at"] for r in rows), default=search["created_at"])
    _text(feed, "updated", _rfc3339(updated))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=f"{base}/feeds/{name}.atom", type="application/atom+xml")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=f"{base}/searches#search-{name}", type="text/html")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "claimgraph")
    ET.SubElement(feed, f"{{{ATOM}}}generator", version=__version__).text = "claimgraph"
    for row in rows:
        event = dict(row)
        event["id"] = row["event_id"]
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", f"urn:claimgraph:search:{name}:event:{row['event_id']}")
        _text(entry, "title", describe(event))
        _text(entry, "published", _rfc3339(row["first_matched_at"]))
        _text(entry, "updated", _rfc3339(row["changed_at"]))
        href = f"{base}/events/{row['event_id']}"
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=href, type="text/html")
        what = latest.get(row["event_id"]) or [{"text": "matches the search"}]
        _text(entry, "summary", "; ".join(c["text"] for c in what) + _tolls(event))
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8", xml_declaration=False)


def _text(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{tag}").text = value


def _tolls(ev: dict[str, Any]) -> str:
    parts = []
    if ev.get("fatalities_high") is not None:  # a count some source stated (ACLED's 0 means none given)
        parts.append(f"{ev['fatalities']} killed")
    if ev.get("injuries_high") is not None:
        parts.append(f"{ev['injuries']} injured")
    if ev.get("attributed_to"):
        parts.append("attributed to " + ", ".join(ev["attributed_to"]))
    return (". " + ", ".join(parts)) if parts else ""


def _rfc3339(value: datetime) -> str:
    if value.tzinfo is None:  # SQLite hands back naive datetimes: they were stored in UTC
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
