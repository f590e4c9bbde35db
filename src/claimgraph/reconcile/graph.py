"""The actor graph: KB relations plus extracted memberships, aggregated per edge.

One ``actor_edges`` row per (subject, predicate, object). An edge from the KB keeps the
KB's confidence and evidence note; every document that states the relation adds to
``evidence_count`` and ``doc_ids`` and moves ``first_seen`` / ``last_seen`` (publication
dates). An edge only extracted takes the strongest confidence any statement gave it. Actors
not in the KB are keyed by their name (``name:Saraya X``), so proposed groups show up too.

An affiliation announced ("Nujaba announced its affiliation to the IRI on 30 October": a development
with the umbrella as counterpart) is evidence for the ``member_of`` edge: it counts as a statement,
and its date is the edge's ``announced_start`` (the earliest); a disaffiliation's is ``announced_end``
(the latest), on the edge the KB or the texts hold, or on a new ``member_of`` edge.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from claimgraph.store import schema

_STRENGTH = {"confirmed": 0, "likely": 1, "possible": 2}


@dataclass(slots=True)
class _Edge:
    subject: str
    predicate: str
    object: str
    subject_name: str
    object_name: str
    confidence: str
    in_kb: bool = False
    kb_evidence: str = ""
    doc_ids: set[str] = field(default_factory=set)
    count: int = 0
    first: date | None = None
    last: date | None = None
    started: date | None = None  # the earliest affiliation announced
    ended: date | None = None  # the latest disaffiliation announced

    def seen(self, doc_id: str, published: date | None, confidence: str) -> None:
        self.count += 1
        self.doc_ids.add(doc_id)
        if not self.in_kb and _STRENGTH.get(confidence, 3) < _STRENGTH.get(self.confidence, 3):
            self.confidence = confidence
        if published:
            self.first = published if self.first is None else min(self.first, published)
            self.last = published if self.last is None else max(self.last, published)


def rebuild_actor_edges(conn: Connection) -> int:
    """Recompute ``actor_edges``; returns the number of edges."""
    names = dict(conn.execute(sa.select(schema.kb_actors.c.id, schema.kb_actors.c.name)).all())
    edges: dict[tuple[str, str, str], _Edge] = {}
    rel = schema.kb_relations
    for row in conn.execute(sa.select(rel)).mappings():
        key = (row["subject"], row["predicate"], row["object"])
        edges[key] = _Edge(
            *key,
            subject_name=names.get(row["subject"], row["subject"]),
            object_name=names.get(row["object"], row["object"]),
            confidence=row["confidence"],
            in_kb=True,
            kb_evidence=row["evidence"] or "",
        )
    m, d = schema.memberships, schema.documents
    query = sa.select(m, d.c.published).join(d, d.c.id == m.c.doc_id).order_by(m.c.id)
    for row in conn.execute(query).mappings():
        subject = row["member_id"] or f"name:{row['member']}"
        obj = row["umbrella_id"] or f"name:{row['umbrella']}"
        key = (subject, row["relation"], obj)
        edge = edges.get(key)
        if edge is None:
            edge = edges[key] = _Edge(
                *key,
                subject_name=names.get(subject, row["member"]),
                object_name=names.get(obj, row["umbrella"]),
                confidence=row["confidence"],
            )
        edge.seen(row["doc_id"], row["published"], row["confidence"])
    _announced(conn, edges, names)
    conn.execute(schema.actor_edges.delete())
    rows = [
        {
            "subject": e.subject,
            "predicate": e.predicate,
            "object": e.object,
            "subject_name": e.subject_name,
            "object_name": e.object_name,
            "confidence": e.confidence,
            "in_kb": e.in_kb,
            "evidence_count": e.count,
            "first_seen": e.first,
            "last_seen": e.last,
            "doc_ids": sorted(e.doc_ids),
            "kb_evidence": e.kb_evidence,
            "announced_start": e.started,
            "announced_end": e.ended,
        }
        for _, e in sorted(edges.items())
    ]
    if rows:
        conn.execute(schema.actor_edges.insert(), rows)
    return len(rows)


def _announced(conn: Connection, edges: dict[tuple[str, str, str], _Edge], names: dict[str, str]) -> None:
    """Affiliations and disaffiliations announced (developments) as dated evidence on membership edges."""
    r, d = schema.development_reports, schema.documents
    query = (
        sa.select(r, d.c.published)
        .join(d, d.c.id == r.c.doc_id)
        .where(r.c.kind.in_(("affiliation", "disaffiliation")), r.c.counterpart.is_not(None))
        .order_by(r.c.id)
    )
    for row in conn.execute(query).mappings():
        subject = row["actor_id"] or f"name:{row['actor']}"
        obj = row["counterpart_id"] or f"name:{row['counterpart']}"
        if subject == obj:
            continue
        key = next((k for k in edges if k[0] == subject and k[2] == obj), (subject, "member_of", obj))
        edge = edges.get(key)
        if edge is None:
            edge = edges[key] = _Edge(
                *key,
                subject_name=names.get(subject, row["actor"]),
                object_name=names.get(obj, row["counterpart"]),
                confidence="confirmed",
            )
        edge.seen(row["doc_id"], row["published"], "confirmed")
        day = row["date"]
        if day is None:
            continue
        if row["kind"] == "affiliation":
            edge.started = day if edge.started is None else min(edge.started, day)
        else:
            edge.ended = day if edge.ended is None else max(edge.ended, day)
