"""How well reconcile groups reports of one real event across documents, against gold.

Gold annotates events per document, not across documents. A *real event* is therefore
derived from gold: gold events of different documents are the same real event when the
dates stand for overlapping days (a day, give or take one; a week from its Monday; a
month), their places are within 40 km (al-Tanf and Tower 22 are 20 km apart) or have the same
name, and their kinds agree (a state's air strike is not a militia attack on the same spot);
closed transitively.

Each stored report is matched to a gold event of its own document (the scorer's lenient
rules). Over every pair of matched reports from different documents:

- a **correct merge**: same real event, same canonical event;
- a **wrong merge**: different real events, same canonical event;
- a **missed merge**: same real event, different canonical events.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from claimgraph.eval.records import ScoredEvent, _pred_event, read_gold
from claimgraph.eval.scorer import haversine_km, match_events
from claimgraph.store import schema

SAME_EVENT_KM = 40.0


@dataclass(slots=True)
class ClusterScore:
    documents: int = 0
    gold_events: int = 0  # per-document gold events
    real_events: int = 0  # distinct, across documents
    reports: int = 0
    canonical_events: int = 0
    matched_reports: int = 0
    correct: int = 0
    wrong: int = 0
    missed: int = 0
    wrong_pairs: list[tuple[str, str]] = field(default_factory=list)
    missed_pairs: list[tuple[str, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / (self.correct + self.wrong) if self.correct + self.wrong else 1.0

    @property
    def recall(self) -> float:
        return self.correct / (self.correct + self.missed) if self.correct + self.missed else 1.0


def _interval(e: ScoredEvent) -> tuple[date, date]:
    """The days a gold date stands for: a day, a week from its Monday, a month."""
    d = e.date.value
    if e.date.is_month or e.precision == "month":
        return d.replace(day=1), d.replace(day=calendar.monthrange(d.year, d.month)[1])
    if e.precision == "week":
        return d, d + timedelta(days=6)
    return d, d


def _same_real_event(a: ScoredEvent, b: ScoredEvent) -> bool:
    if a.date is None or b.date is None:
        return False
    (a0, a1), (b0, b1) = _interval(a), _interval(b)
    slack = timedelta(days=1)  # "late Sunday" in one text, "Monday" in another
    if a0 > b1 + slack or b0 > a1 + slack:
        return False
    if a.place.lat is not None and b.place.lat is not None:
        near = haversine_km(a.place.lat, a.place.lon, b.place.lat, b.place.lon) <= SAME_EVENT_KM
    else:
        near = bool(a.place.name_keys & b.place.name_keys)
    air_a, air_b = "aircraft" in a.weapons, "aircraft" in b.weapons
    return near and (air_a == air_b or not (a.weapons and b.weapons))


def _report_event(row: dict[str, Any]) -> ScoredEvent:
    day = row["date"]
    iso = None if day is None else (day.strftime("%Y-%m") if row["date_precision"] == "month" else day.isoformat())
    return _pred_event(
        {
            "date": iso,
            "sub_event_type": row["sub_event_type"],
            "weapons": row["weapons"],
            "location": {
                "name": row["place_name"],
                "lat": row["latitude"],
                "lon": row["longitude"],
                "country": row["country"],
            },
            "actors": row["actors"],
            "claimed_by": row["claimed_by"],
        }
    )


def score_clusters(conn: Connection, gold_dir: Path) -> ClusterScore:
    gold = {d.doc_id: d for d in read_gold(gold_dir)}
    result = ClusterScore(documents=len(gold))
    # Real events: union-find over (doc, index) of gold events.
    nodes = [(doc_id, i, e) for doc_id, d in gold.items() for i, e in enumerate(d.events)]
    result.gold_events = len(nodes)
    parent = {(d, i): (d, i) for d, i, _ in nodes}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a in range(len(nodes)):
        for b in range(a + 1, len(nodes)):
            (da, ia, ea), (db, ib, eb) = nodes[a], nodes[b]
            if da != db and _same_real_event(ea, eb):
                parent[find((da, ia))] = find((db, ib))
    result.real_events = len({find((d, i)) for d, i, _ in nodes})

    r, d, links = schema.event_reports, schema.documents, schema.event_links
    query = (
        sa.select(r, d.c.ext_id, links.c.event_id)
        .join(d, d.c.id == r.c.doc_id)
        .join(links, links.c.report_id == r.c.id)
        .order_by(d.c.ext_id, r.c.ordinal)
    )
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in conn.execute(query).mappings():
        by_doc[row["ext_id"]].append(dict(row))
    result.reports = sum(len(v) for v in by_doc.values())
    result.canonical_events = conn.execute(sa.select(sa.func.count()).select_from(schema.events)).scalar_one()
    matched: list[tuple[str, tuple[str, int], str]] = []  # (doc, real event, canonical event)
    for ext_id, rows in by_doc.items():
        if ext_id not in gold:
            continue
        preds = tuple(_report_event(row) for row in rows)
        for gi, pi in match_events(gold[ext_id].events, preds, strict=False):
            matched.append((ext_id, find((ext_id, gi)), rows[pi]["event_id"]))
    result.matched_reports = len(matched)
    for a in range(len(matched)):
        for b in range(a + 1, len(matched)):
            (da, ga, ea), (db, gb, eb) = matched[a], matched[b]
            if da == db:
                continue
            if ga == gb and ea == eb:
                result.correct += 1
            elif ea == eb:
                result.wrong += 1
                result.wrong_pairs.append((f"{da} {ga}", f"{db} {gb}"))
            elif ga == gb:
                result.missed += 1
                result.missed_pairs.append((f"{da} -> {ea}", f"{db} -> {eb}"))
    return result
