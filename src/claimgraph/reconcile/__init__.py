"""Reconcile: event reports -> canonical events, per-field consensus and conflicts, actor graph.

``reconcile(conn)`` recomputes the canonical layer (``events``, ``event_links``,
``event_fields``, ``actor_edges``) from the assertions and the analysts' decisions, in the
caller's transaction. Incremental by default: only the date-connected components that hold
reports not yet linked to an event (or reports named in ``dirty``, e.g. by a review
action) are clustered again; ``full=True`` recomputes every component. Because clustering
a component depends only on its reports and pins (see ``cluster``), both give the same
database.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from claimgraph.reconcile.cluster import ReportView, cluster, components, window_of
from claimgraph.reconcile.consensus import compute
from claimgraph.reconcile.graph import rebuild_actor_edges
from claimgraph.store import schema

_CHUNK = 500


@dataclass(slots=True)
class ReconcileResult:
    created: int = 0
    updated: int = 0
    removed: int = 0
    components: int = 0
    reports: int = 0


def _chunks(items: Sequence[str], size: int = _CHUNK) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _pins(conn: Connection) -> dict[str, str]:
    t = schema.analyst_links
    return dict(conn.execute(sa.select(t.c.report_id, t.c.event_id)).all())


def _windows(conn: Connection) -> list[tuple[str, Any, Any]]:
    r = schema.event_reports
    rows = conn.execute(sa.select(r.c.id, r.c.date_precision, r.c.date_low, r.c.date_high)).all()
    return [(rid, *(window_of(precision, lo, hi) or (None, None))) for rid, precision, lo, hi in rows]


def load_reports(conn: Connection, ids: Sequence[str]) -> list[ReportView]:
    r, d = schema.event_reports, schema.documents
    out: list[ReportView] = []
    for chunk in _chunks(ids):
        query = sa.select(r, d.c.published).join(d, d.c.id == r.c.doc_id).where(r.c.id.in_(chunk))
        for row in conn.execute(query).mappings():
            out.append(
                ReportView(
                    id=row["id"],
                    doc_id=row["doc_id"],
                    sub_event_type=row["sub_event_type"],
                    weapons=tuple(row["weapons"]),
                    date=row["date"],
                    precision=row["date_precision"],
                    low=row["date_low"],
                    high=row["date_high"],
                    place_id=row["place_id"],
                    place_name=row["place_name"],
                    lat=row["latitude"],
                    lon=row["longitude"],
                    country=row["country"],
                    admin1=row["admin1"],
                    geo_precision=row["geo_precision"],
                    actors=tuple(row["actors"]),
                    claimed_by=tuple(row["claimed_by"]),
                    attributed_to=tuple(row["attributed_to"]),
                    unclaimed=bool(row["unclaimed"]),
                    target=row["target"],
                    fatalities=row["fatalities"],
                    injuries=row["injuries"],
                    published=row["published"],
                )
            )
    return out


def _analyst(conn: Connection, event_ids: Iterable[str]) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    fields: dict[str, dict[str, Any]] = {}
    status: dict[str, str] = {}
    ids = sorted(set(event_ids))
    for chunk in _chunks(ids):
        t = schema.analyst_fields
        for event_id, name, value in conn.execute(
            sa.select(t.c.event_id, t.c.field, t.c.value).where(t.c.event_id.in_(chunk))
        ):
            fields.setdefault(event_id, {})[name] = value
        s = schema.analyst_status
        status.update(conn.execute(sa.select(s.c.event_id, s.c.status).where(s.c.event_id.in_(chunk))).all())
    return fields, status


def _old_events(conn: Connection, report_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    links, events = schema.event_links, schema.events
    old: dict[str, dict[str, Any]] = {}
    for chunk in _chunks(report_ids):
        ids = conn.execute(sa.select(links.c.event_id).where(links.c.report_id.in_(chunk)).distinct()).scalars()
        ids = [i for i in ids if i not in old]
        for id_chunk in _chunks(ids):
            for row in conn.execute(sa.select(events).where(events.c.id.in_(id_chunk))).mappings():
                old[row["id"]] = dict(row)
    members: dict[str, list[str]] = {}
    for chunk in _chunks(sorted(old)):
        for report_id, event_id in conn.execute(
            sa.select(links.c.report_id, links.c.event_id).where(links.c.event_id.in_(chunk))
        ):
            members.setdefault(event_id, []).append(report_id)
    for event_id, row in old.items():
        row["_reports"] = sorted(members.get(event_id, []))
    return old


def _comparable(row: dict[str, Any]) -> str:
    return json.dumps(row, sort_keys=True, default=str)


def reconcile(conn: Connection, *, full: bool = False, dirty: Iterable[str] = ()) -> ReconcileResult:
    """Recompute the canonical events touched by new reports (or all, with ``full``)."""
    pins = _pins(conn)
    windows = _windows(conn)
    linked = set(conn.execute(sa.select(schema.event_links.c.report_id)).scalars())
    dirty_ids = set(dirty) | {rid for rid, _, _ in windows if rid not in linked}
    groups = components(windows, pins)
    todo = groups if full else [g for g in groups if dirty_ids.intersection(g)]
    result = ReconcileResult(components=len(todo))
    report_ids = [rid for g in todo for rid in g]
    result.reports = len(report_ids)
    old = _old_events(conn, report_ids)
    new_rows: list[dict[str, Any]] = []
    field_rows: list[dict[str, Any]] = []
    link_rows: list[dict[str, Any]] = []
    comp_pins = {rid: pins[rid] for rid in report_ids if rid in pins}
    for group in todo:
        views = load_reports(conn, group)
        clusters = cluster(views, {r.id: comp_pins[r.id] for r in views if r.id in comp_pins})
        ids = [c.event_id() for c in clusters]
        analyst_fields, status = _analyst(conn, ids)
        for c, event_id in zip(clusters, ids, strict=True):
            consensus = compute(c.reports, analyst_fields.get(event_id))
            row = {"id": event_id, **consensus.row, "review_status": status.get(event_id, "unreviewed")}
            new_rows.append(row)
            for r in c.reports:
                link_rows.append(
                    {"report_id": r.id, "event_id": event_id, "origin": "analyst" if r.id in comp_pins else "machine"}
                )
            for fv in consensus.values:
                field_rows.append(
                    {
                        "event_id": event_id,
                        "field": fv.field,
                        "value_key": fv.key,
                        "value": fv.value,
                        "report_ids": fv.report_ids,
                        "doc_ids": fv.doc_ids,
                        "is_consensus": fv.is_consensus,
                        "origin": fv.origin,
                    }
                )
    if full:
        for table in (schema.events, schema.event_fields, schema.event_links):
            conn.execute(table.delete())
    else:
        old_ids = sorted(old)
        for chunk in _chunks(old_ids):
            conn.execute(schema.events.delete().where(schema.events.c.id.in_(chunk)))
            conn.execute(schema.event_fields.delete().where(schema.event_fields.c.event_id.in_(chunk)))
        for chunk in _chunks(report_ids):
            conn.execute(schema.event_links.delete().where(schema.event_links.c.report_id.in_(chunk)))
    for table, rows in ((schema.events, new_rows), (schema.event_links, link_rows), (schema.event_fields, field_rows)):
        if rows:
            conn.execute(table.insert(), rows)
    reports_of: dict[str, list[str]] = {}
    for link in link_rows:
        reports_of.setdefault(link["event_id"], []).append(link["report_id"])
    new_ids = set()
    for row in new_rows:
        new_ids.add(row["id"])
        before = old.get(row["id"])
        if before is None:
            result.created += 1
            continue
        after = dict(row, _reports=sorted(reports_of.get(row["id"], [])))
        if _comparable(before) != _comparable(after):
            result.updated += 1
    result.removed = len(set(old) - new_ids)
    rebuild_actor_edges(conn)
    return result


__all__ = ["ReconcileResult", "load_reports", "reconcile"]
