"""The actor graph: KB relations plus extracted memberships, aggregated per edge.

One ``actor_edges`` row per (subject, predicate, object). An edge from the KB keeps the
KB's confidence and evidence note; every document that states the relation adds to
``evidence_count`` and ``doc_ids`` and moves ``first_seen`` / ``last_seen`` (publication
dates). An edge only extracted takes the strongest confidence any statement gave it. Actors
not in the KB are keyed by their name (``name:Saraya X``), so proposed groups show up too.
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
        }
        for _, e in sorted(edges.items())
    ]
    if rows:
        conn.execute(schema.actor_edges.insert(), rows)
    return len(rows)
