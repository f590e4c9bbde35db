"""Reconcile developments: the reports of one announcement, from any number of documents, as one record.

Reports of the same kind by the same actor (KB id, else name) whose dates agree are one development: day
dates within ``WINDOW_DAYS`` of the group's first, or a month (a year) holding the day. Its values are
those most sources give (ties: the earliest date, the first in id order); what sources disagree on
(date, speaker, channel, condition, place) is kept in ``conflicts``, each value with its documents. An
analyst's decision (``development_status``: confirmed, rejected) survives every rebuild. The whole table
is rebuilt from the reports, so the result never depends on the order documents arrived in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from claimgraph.models import stable_id
from claimgraph.store import schema

WINDOW_DAYS = 3
_COARSE = {"month", "year"}
_COMPARED = ("date", "speaker", "channel", "condition", "place_name")


def _agrees(first: Mapping[str, Any], row: Mapping[str, Any]) -> bool:
    a, b = first["date"], row["date"]
    if a is None or b is None:
        return a is b
    if first["date_precision"] == "year" or row["date_precision"] == "year":
        return a.year == b.year
    if first["date_precision"] in _COARSE or row["date_precision"] in _COARSE:
        return (a.year, a.month) == (b.year, b.month)
    return abs((a - b).days) <= WINDOW_DAYS


def group_reports(rows: Iterable[Mapping[str, Any]]) -> list[list[Mapping[str, Any]]]:
    """Reports grouped into developments (input order does not matter)."""
    by_actor: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for row in rows:
        by_actor.setdefault((row["kind"], row["actor_id"] or f"name:{row['actor']}"), []).append(row)
    groups: list[list[Mapping[str, Any]]] = []
    for key in sorted(by_actor):
        # precise dates first, so that a month joins the day it holds rather than opening its own group
        ordered = sorted(
            by_actor[key],
            key=lambda r: (r["date"] is None, r["date_precision"] in _COARSE, r["date"] or date.min, r["id"]),
        )
        mine: list[list[Mapping[str, Any]]] = []
        for row in ordered:
            home = next((g for g in mine if _agrees(g[0], row)), None)
            if home is None:
                mine.append([row])
            else:
                home.append(row)
        groups.extend(mine)
    return groups


def _consensus(group: list[Mapping[str, Any]], field: str) -> tuple[Any, list[dict[str, Any]]]:
    counts = Counter(r[field] for r in group if r[field] is not None)
    if not counts:
        return None, []
    value = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))[0][0]
    if len(counts) == 1:
        return value, []
    return value, [
        {
            "value": v.isoformat() if isinstance(v, date) else v,
            "doc_ids": sorted({r["doc_id"] for r in group if r[field] == v}),
        }
        for v in sorted(counts, key=str)
    ]


def reconcile_developments(conn: Connection) -> int:
    """Rebuild ``developments`` from ``development_reports``; returns how many there are."""
    reports = schema.development_reports
    rows = [dict(r) for r in conn.execute(sa.select(reports).order_by(reports.c.id)).mappings()]
    decided = dict(
        conn.execute(sa.select(schema.development_status.c.development_id, schema.development_status.c.status)).all()
    )
    out, links = [], []
    for group in group_reports(rows):
        precise = [r for r in group if r["date_precision"] not in _COARSE] or group
        day, day_conflicts = _consensus(precise, "date")
        first = min(group, key=lambda r: (r["date"] or date.min, r["id"]))
        dev_id = stable_id("dvt", first["kind"], first["actor_id"] or first["actor"], day or "", first["id"])
        conflicts = {"date": day_conflicts} if day_conflicts else {}
        values = {}
        for field in ("speaker", "channel", "condition", "place_name"):
            values[field], disagree = _consensus([r for r in group if r[field] != "unknown"], field)
            if disagree:
                conflicts[field] = disagree
        placed = next((r for r in group if r["place_name"] == values["place_name"]), first)
        doc_ids = sorted({r["doc_id"] for r in group})
        out.append(
            {
                "id": dev_id,
                "kind": first["kind"],
                "actor": first["actor"],
                "actor_id": first["actor_id"],
                "date": day,
                "date_precision": next((r["date_precision"] for r in precise if r["date"] == day), None),
                "place_name": values["place_name"],
                "latitude": placed["latitude"] if values["place_name"] else None,
                "longitude": placed["longitude"] if values["place_name"] else None,
                "country": placed["country"] if values["place_name"] else None,
                "channel": values["channel"] or "unknown",
                "speaker": values["speaker"],
                "counterpart": next((r["counterpart"] for r in group if r["counterpart"]), None),
                "counterpart_id": next((r["counterpart_id"] for r in group if r["counterpart_id"]), None),
                "condition": values["condition"],
                "n_sources": len(doc_ids),
                "doc_ids": doc_ids,
                "conflicts": conflicts,
                "status": decided.get(dev_id, "unreviewed"),
            }
        )
        links += [{"rid": r["id"], "did": dev_id} for r in group]
    conn.execute(schema.developments.delete())
    if out:
        conn.execute(schema.developments.insert(), out)
    if links:
        conn.execute(
            reports.update().where(reports.c.id == sa.bindparam("rid")).values(development_id=sa.bindparam("did")),
            links,
        )
    return len(out)
