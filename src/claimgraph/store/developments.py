"""Queries on strategic developments (announcements): the rows the exports, the API and the pages read.

``developments(conn, actor=..., since=..., until=...)`` lists canonical developments oldest first, each
with its sources (documents) and the evidence spans of its reports; ``set_status`` records an analyst's
decision (confirmed, rejected, unreviewed) in ``development_status`` and the append-only
``review_actions`` log, so that it survives every later reconcile.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from claimgraph.errors import NotFound, UsageError
from claimgraph.store import schema
from claimgraph.store.engine import now
from claimgraph.store.filters import actor_name

STATUSES = ("unreviewed", "confirmed", "rejected")


def developments(
    conn: Connection,
    *,
    actor: str | None = None,
    since: date | None = None,
    until: date | None = None,
    kind: str | None = None,
    include_rejected: bool = False,
    with_sources: bool = True,
) -> list[dict[str, Any]]:
    """Canonical developments, oldest first; ``actor`` is any alias of the announcer (or the counterpart)."""
    t = schema.developments
    query = sa.select(t).order_by(t.c.date.is_(None), t.c.date, t.c.id)
    if actor:
        name = actor_name(conn, actor)
        query = query.where(sa.or_(t.c.actor == name, t.c.actor_id == actor, t.c.counterpart == name))
    if since:
        query = query.where(t.c.date >= since)
    if until:
        query = query.where(t.c.date <= until)
    if kind:
        query = query.where(t.c.kind == kind)
    if not include_rejected:
        query = query.where(t.c.status != "rejected")
    rows = [dict(r) for r in conn.execute(query).mappings()]
    if with_sources and rows:
        _attach_sources(conn, rows)
    return rows


def development(conn: Connection, development_id: str) -> dict[str, Any]:
    """One development (rejected ones too: an analyst may reopen it) with its sources and evidence, and the
    review actions taken on it, oldest first."""
    t = schema.developments
    row = conn.execute(sa.select(t).where(t.c.id == development_id)).mappings().first()
    if row is None:
        raise NotFound(f"no development {development_id!r}: list them with GET /api/developments")
    out = dict(row)
    _attach_sources(conn, [out])
    a = schema.review_actions
    out["history"] = [
        dict(x)
        for x in conn.execute(
            sa.select(a.c.id, a.c.at, a.c.user, a.c.action, a.c.old_value, a.c.new_value, a.c.note)
            .where(a.c.event_id == development_id, a.c.field == "status")
            .order_by(a.c.id)
        ).mappings()
    ]
    return out


def _attach_sources(conn: Connection, rows: list[dict[str, Any]]) -> None:
    r, d, ev = schema.development_reports, schema.documents, schema.evidence
    ids = [x["id"] for x in rows]
    reports: dict[str, list[dict[str, Any]]] = defaultdict(list)
    report_ids = []
    for i in range(0, len(ids), 500):
        query = (
            sa.select(r, d.c.title, d.c.outlet, d.c.url, d.c.published, d.c.ext_id)
            .join(d, d.c.id == r.c.doc_id)
            .where(r.c.development_id.in_(ids[i : i + 500]))
            .order_by(r.c.id)
        )
        for x in conn.execute(query).mappings():
            reports[x["development_id"]].append(dict(x))
            report_ids.append(x["id"])
    spans: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for i in range(0, len(report_ids), 500):
        query = (
            sa.select(ev.c.owner_id, ev.c.field, ev.c.start, ev.c.end, ev.c.text)
            .where(ev.c.owner_kind == "development", ev.c.owner_id.in_(report_ids[i : i + 500]))
            .order_by(ev.c.owner_id, ev.c.start, ev.c.field)
        )
        for x in conn.execute(query).mappings():
            x = dict(x)
            spans[x.pop("owner_id")].append(x)
    for row in rows:
        row["reports"] = reports.get(row["id"], [])
        for rep in row["reports"]:
            rep["evidence"] = spans.get(rep["id"], [])


def set_status(conn: Connection, development_id: str, status: str, user: str, note: str = "") -> None:
    """An analyst confirms or rejects a development (or reopens it); logged in ``review_actions``."""
    if status not in STATUSES:
        raise UsageError(f"unknown status {status!r}: use one of {', '.join(STATUSES)}")
    t = schema.developments
    old = conn.execute(sa.select(t.c.status).where(t.c.id == development_id)).scalar()
    if old is None:
        raise NotFound(f"no development {development_id!r}")
    action = {"confirmed": "confirm", "rejected": "reject", "unreviewed": "reopen"}[status]
    action_id = conn.execute(
        schema.review_actions.insert().values(
            at=now(),
            user=user,
            action=action,
            event_id=development_id,
            field="status",
            old_value=old,
            new_value=status,
            detail={"record": "development"},
            note=note,
        )
    ).inserted_primary_key[0]
    s = schema.development_status
    conn.execute(s.delete().where(s.c.development_id == development_id))
    conn.execute(s.insert().values(development_id=development_id, status=status, action_id=action_id))
    conn.execute(t.update().where(t.c.id == development_id).values(status=status))
