"""JSON Lines, full fidelity: one line per canonical event with every assertion behind it.

Each line holds the event row (consensus values), ``fields`` (every value of every field with
its reports and documents, consensus and origin machine / analyst), ``reports`` (each with
its document's provenance and the evidence spans of each field), ``claims`` and
``attributions`` (with their evidence spans), and ``review_history``. Evidence spans are
character offsets into the document text (``claimgraph show`` / ``Store.document`` give the
text). Read in batches of events, so memory stays flat. After the events, one line per strategic
development (``{"development": ..., "reports": [...]}``, never an event).
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any, TextIO

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from claimgraph.export.rows import iter_event_batches
from claimgraph.store import schema
from claimgraph.store.filters import EventFilter

_DOC_COLUMNS = ("id", "ext_id", "title", "outlet", "url", "published", "lang")


def _rows(conn: Connection, query: sa.Select) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(query).mappings()]


def event_records(conn: Connection, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Full-fidelity records for a batch of ``events`` rows."""
    ids = [e["id"] for e in events]
    links, r, d = schema.event_links, schema.event_reports, schema.documents
    reports = _rows(
        conn,
        sa.select(r, links.c.event_id, links.c.origin.label("link_origin"))
        .join(links, links.c.report_id == r.c.id)
        .where(links.c.event_id.in_(ids))
        .order_by(r.c.id),
    )
    report_ids = [x["id"] for x in reports]
    doc_ids = sorted({x["doc_id"] for x in reports})
    docs = {x["id"]: x for x in _rows(conn, sa.select(*(d.c[c] for c in _DOC_COLUMNS)).where(d.c.id.in_(doc_ids)))}
    claims = _rows(
        conn, sa.select(schema.claims).where(schema.claims.c.report_id.in_(report_ids)).order_by(schema.claims.c.id)
    )
    atts = _rows(
        conn,
        sa.select(schema.attributions)
        .where(schema.attributions.c.report_id.in_(report_ids))
        .order_by(schema.attributions.c.id),
    )
    owners = report_ids + [c["id"] for c in claims] + [a["id"] for a in atts]
    ev = schema.evidence
    evidence: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for x in _rows(
        conn,
        sa.select(ev.c.owner_id, ev.c.field, ev.c.start, ev.c.end, ev.c.text)
        .where(ev.c.owner_id.in_(owners))
        .order_by(ev.c.owner_id, ev.c.start, ev.c.field),
    ):
        evidence[x.pop("owner_id")].append(x)
    ef, ra = schema.event_fields, schema.review_actions
    fields: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for x in _rows(conn, sa.select(ef).where(ef.c.event_id.in_(ids)).order_by(ef.c.field, ef.c.value_key)):
        fields[x.pop("event_id")].append(
            {k: x[k] for k in ("field", "value", "is_consensus", "origin", "report_ids", "doc_ids")}
        )
    reviews: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for x in _rows(conn, sa.select(ra).where(ra.c.event_id.in_(ids)).order_by(ra.c.id)):
        reviews[x["event_id"]].append(x)
    event_of = {x["id"]: x["event_id"] for x in reports}
    by_event: dict[str, dict[str, list]] = defaultdict(lambda: {"reports": [], "claims": [], "attributions": []})
    for x in reports:
        x["document"] = docs.get(x["doc_id"])
        x["evidence"] = evidence.get(x["id"], [])
        by_event[x.pop("event_id")]["reports"].append(x)
    for kind, items in (("claims", claims), ("attributions", atts)):
        for x in items:
            x["evidence"] = evidence.get(x["id"], [])
            by_event[event_of[x["report_id"]]][kind].append(x)
    return [
        {"event": e, "fields": fields.get(e["id"], []), **by_event[e["id"]], "review_history": reviews.get(e["id"], [])}
        for e in events
    ]


def write_jsonl(conn: Connection, f: EventFilter, out: TextIO) -> int:
    n = 0
    for events in iter_event_batches(conn, f, batch=500):
        for record in event_records(conn, events):
            out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
            n += 1
    from claimgraph.export.developments import write_jsonl_developments

    write_jsonl_developments(conn, f, out)  # then one {"development": ...} line per announcement
    return n
