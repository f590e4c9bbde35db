"""Strategic developments in the exports: JSON Lines records, GeoJSON features (when placed), STIX
reports, and ACLED-layout rows ("Strategic developments"; only with ``--include-developments``).

They follow the events of each format, with the same actor and date filters (``EventFilter``'s
``actor``, ``since``, ``until``; rejected developments are left out). Never counted as events.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

import stix2
from sqlalchemy.engine import Connection

from claimgraph.acled import country_info
from claimgraph.store.developments import developments
from claimgraph.store.filters import EventFilter

# ACLED's sub-event types under "Strategic developments"
ACLED_SUB_EVENT = {
    "truce": "Agreement",
    "escalation": "Change to group/activity",
    "suspension": "Change to group/activity",
    "resumption": "Change to group/activity",
    "formation": "Change to group/activity",
    "affiliation": "Change to group/activity",
    "disaffiliation": "Change to group/activity",
}
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}


def matching(conn: Connection, f: EventFilter, *, with_sources: bool = True) -> list[dict[str, Any]]:
    return developments(conn, actor=f.actor, since=f.since, until=f.until, with_sources=with_sources)


def _sentence(d: dict[str, Any]) -> str:
    for rep in d.get("reports", ()):
        for span in rep["evidence"]:
            if span["field"] == "development":
                return span["text"]
    return ""


def _outlets(d: dict[str, Any]) -> list[str]:
    return sorted({r["outlet"] or r["ext_id"] for r in d.get("reports", ())})


def write_jsonl_developments(conn: Connection, f: EventFilter, out: TextIO) -> int:
    """One line per development: ``{"development": {...}, "reports": [...]}`` (reports with evidence)."""
    n = 0
    for d in matching(conn, f):
        reports = d.pop("reports")
        out.write(json.dumps({"development": d, "reports": reports}, ensure_ascii=False, default=str) + "\n")
        n += 1
    return n


def geojson_features(conn: Connection, f: EventFilter) -> list[dict[str, Any]]:
    """A Feature per development whose place is stated (``properties.record = "development"``)."""
    out = []
    for d in matching(conn, f, with_sources=False):
        if d["latitude"] is None or d["longitude"] is None:
            continue
        properties = {
            "record": "development",
            **{k: d[k] for k in ("kind", "actor", "date", "date_precision", "channel", "speaker", "counterpart")},
            "place": d["place_name"],
            "country_code": d["country"],
            "sources_count": d["n_sources"],
        }
        geometry = {"type": "Point", "coordinates": [round(float(d["longitude"]), 6), round(float(d["latitude"]), 6)]}
        out.append({"type": "Feature", "id": d["id"], "geometry": geometry, "properties": properties})
    return out


def stix_reports(conn: Connection, f: EventFilter, actor_ref, creator: str, stix_id, at, ext) -> list[Any]:
    """A STIX ``report`` per development: the actor (and the umbrella joined or the state that
    designated) in ``object_refs``; claimgraph as ``created_by_ref`` (STIX wants an identity there)."""
    out = []
    for d in matching(conn, f):
        refs = [actor_ref(d["actor_id"], d["actor"])]
        if d["counterpart"]:
            refs.append(actor_ref(d["counterpart_id"], d["counterpart"]))
        published = at(d["date"])
        kind = d["kind"].replace("_", " ")
        sentence = _sentence(d)
        out.append(
            stix2.v21.Report(
                id=stix_id("report", "development", d["id"]),
                name=f"{d['actor']}: {kind} ({d['date'] or 'undated'})",
                description=sentence or f"{d['actor']} announced a {kind}.",
                published=published,
                created=published,
                modified=published,
                created_by_ref=creator,
                report_types=["threat-actor"],
                labels=["strategic-development", d["kind"]],
                object_refs=list(dict.fromkeys(refs)),
                **ext(
                    development_id=d["id"],
                    development_kind=d["kind"],
                    date_precision=d["date_precision"] or "",
                    evidence_count=d["n_sources"],
                ),
            )
        )
    return out


def acled_rows(conn: Connection, f: EventFilter) -> list[dict[str, Any]]:
    """ACLED-layout rows, event type "Strategic developments"."""
    out = []
    for d in matching(conn, f):
        country, _iso3, iso, region = country_info(d["country"])
        outlets = _outlets(d)
        out.append(
            {
                "event_id_cnty": d["id"],
                "event_date": d["date"].isoformat() if d["date"] else "",
                "year": d["date"].year if d["date"] else "",
                "time_precision": _TIME_PRECISION.get(d["date_precision"] or "", ""),
                "disorder_type": "Strategic developments",
                "event_type": "Strategic developments",
                "sub_event_type": ACLED_SUB_EVENT.get(d["kind"], "Other"),
                "actor1": d["actor"],
                "actor2": d["counterpart"] or "",
                "iso": iso if iso is not None else "",
                "region": region,
                "country": country,
                "location": d["place_name"] or "",
                "latitude": d["latitude"] if d["latitude"] is not None else "",
                "longitude": d["longitude"] if d["longitude"] is not None else "",
                "source": "; ".join(outlets),
                "notes": f"{d['kind'].replace('_', ' ')}: {_sentence(d)}".strip(),
                "fatalities": 0,
                "tags": d["kind"],
                "sources_count": d["n_sources"],
                "reports_count": len(d.get("reports", ())),
                "review_status": d["status"],
                "claimgraph_event_id": d["id"],
                "country_code": d["country"] or "",
            }
        )
    return out
