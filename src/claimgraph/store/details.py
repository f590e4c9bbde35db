"""Detail queries: one event with every source, one document, full-text search.

``event_detail`` is what ``claimgraph show`` prints and the event page renders: the
consensus, each report with its document and the sentence its evidence sits in, the fields
whose sources disagree with each value and its sources side by side, the claim history
across documents, attributions, and the review log.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from claimgraph.errors import NotFound, UsageError
from claimgraph.store import schema
from claimgraph.store.engine import is_sqlite

# A sentence ends at ! ? ؟ or a newline, or at a full stop followed by a capital, a quote or the
# end of the text — unless the stop closes an abbreviation ("Jan. 28", "U.S. forces").
_SENTENCE_END = re.compile(r"[!?؟\n]|\.(?=\s+[\"“'(\[A-Z\u0600-\u06FF]|\s*$)")
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|Brig|Adm|"
    r"Rep|Sen|Gov|St|No|Vol|approx|est)|\b[A-Z](?:\.[A-Z])*)$"
)


def _ends(text: str) -> list[int]:
    """Offsets just after each sentence end."""
    return [
        m.end()
        for m in _SENTENCE_END.finditer(text)
        if not (m.group() == "." and _ABBREVIATIONS.search(text, max(0, m.start() - 12), m.start()))
    ]


_STATUS_ORDER = {"superseded": 0, "issued": 1, "contested": 2, "retracted": 3}


def sentence_around(text: str, start: int, end: int, ends: list[int] | None = None) -> tuple[int, int]:
    """The bounds of the sentence(s) holding ``text[start:end]`` (``ends`` from ``_ends``, cached)."""
    import bisect

    ends = _ends(text) if ends is None else ends
    i = bisect.bisect_right(ends, start)
    left = ends[i - 1] if i else 0
    j = bisect.bisect_left(ends, max(end, start + 1))
    right = ends[j] if j < len(ends) else len(text)
    while left < right and text[left].isspace():
        left += 1
    return left, right


def _docs(conn: Connection, doc_ids: list[str]) -> dict[str, dict[str, Any]]:
    d = schema.documents
    cols = [d.c.id, d.c.ext_id, d.c.title, d.c.outlet, d.c.url, d.c.published, d.c.lang, d.c.text]
    rows = conn.execute(sa.select(*cols).where(d.c.id.in_(doc_ids))).mappings()
    return {r["id"]: dict(r) for r in rows}


def _evidence(conn: Connection, owner_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    t = schema.evidence
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    rows = conn.execute(sa.select(t).where(t.c.owner_id.in_(owner_ids)).order_by(t.c.start, t.c.field)).mappings()
    for r in rows:
        out[r["owner_id"]].append(dict(r))
    return out


def redirected(conn: Connection, event_id: str) -> str | None:
    """The event an id retired by a review action (merged away, a split undone) now lives in:
    the redirects followed to an event that exists (None: the id was never redirected)."""
    t, e = schema.event_redirects, schema.events
    seen = {event_id}
    current = event_id
    for _ in range(50):
        target = conn.execute(sa.select(t.c.target_id).where(t.c.event_id == current)).scalar()
        if target is None or target in seen:
            return None
        if conn.execute(sa.select(e.c.id).where(e.c.id == target)).first() is not None:
            return target
        seen.add(target)
        current = target
    return None


def event_detail(conn: Connection, event_id: str) -> dict[str, Any]:
    """One event with everything about it; an id a review action retired gives the event its
    reports went to, with ``redirected_from`` naming the id asked for."""
    e = schema.events
    event = conn.execute(sa.select(e).where(e.c.id == event_id)).mappings().first()
    if event is None:
        target = redirected(conn, event_id)
        if target is None:
            raise NotFound(f"no event {event_id!r}: list events with `claimgraph events`")
        return {**event_detail(conn, target), "redirected_from": event_id}
    links, r = schema.event_links, schema.event_reports
    reports = [
        dict(x)
        for x in conn.execute(
            sa.select(r, links.c.origin).join(links, links.c.report_id == r.c.id).where(links.c.event_id == event_id)
        ).mappings()
    ]
    docs = _docs(conn, sorted({x["doc_id"] for x in reports}))
    report_ids = [x["id"] for x in reports]
    claims = [
        dict(x)
        for x in conn.execute(sa.select(schema.claims).where(schema.claims.c.report_id.in_(report_ids))).mappings()
    ]
    atts = [
        dict(x)
        for x in conn.execute(
            sa.select(schema.attributions).where(schema.attributions.c.report_id.in_(report_ids))
        ).mappings()
    ]
    evidence = _evidence(conn, report_ids + [c["id"] for c in claims] + [a["id"] for a in atts])

    def source(doc_id: str) -> dict[str, Any]:
        doc = docs[doc_id]
        return {k: doc[k] for k in ("id", "ext_id", "title", "outlet", "url", "published", "lang")}

    ends: dict[str, list[int]] = {}

    def quoted(owner_id: str, doc_id: str) -> list[dict[str, Any]]:
        text = docs[doc_id]["text"]
        if doc_id not in ends:
            ends[doc_id] = _ends(text)
        out = []
        for ev in evidence.get(owner_id, []):
            s, t = sentence_around(text, ev["start"], ev["end"], ends[doc_id])
            out.append(
                {
                    "field": ev["field"],
                    "start": ev["start"],
                    "end": ev["end"],
                    "text": ev["text"],
                    "sentence": text[s:t],
                    "sentence_start": s,
                }
            )
        return out

    reports.sort(key=lambda x: (docs[x["doc_id"]]["published"] or x["date"] or event["date"] or "", x["id"]))
    for x in reports:
        x["source"] = source(x["doc_id"])
        x["evidence"] = quoted(x["id"], x["doc_id"])

    f = schema.event_fields
    fields: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in conn.execute(sa.select(f).where(f.c.event_id == event_id).order_by(f.c.field, f.c.value_key)).mappings():
        fields[row["field"]].append(
            {
                "value": row["value"],
                "consensus": row["is_consensus"],
                "origin": row["origin"],
                "report_ids": row["report_ids"],
                "sources": [source(d) for d in row["doc_ids"] if d in docs],
            }
        )
    conflicts = {name: fields.get(name, []) for name in event["conflicts"]}

    published = {x["id"]: x["source"]["published"] for x in reports}
    history = []
    for c in sorted(
        claims,
        key=lambda c: (
            published.get(c["report_id"]) or c["date"] or "",
            c["report_id"],
            _STATUS_ORDER.get(c["status"], 9),
            c["ordinal"],
        ),
    ):
        doc_id = c["doc_id"]
        history.append(
            {
                **{
                    k: c[k]
                    for k in (
                        "id",
                        "claimant",
                        "claimant_id",
                        "channel",
                        "date",
                        "status",
                        "supersedes",
                        "first_hand",
                        "report_id",
                    )
                },
                "source": source(doc_id),
                "evidence": quoted(c["id"], doc_id),
            }
        )
    attributions = [
        {
            **{k: a[k] for k in ("attributed_to", "attributed_id", "said_by", "hedge", "report_id")},
            "source": source(a["doc_id"]),
            "evidence": quoted(a["id"], a["doc_id"]),
        }
        for a in sorted(atts, key=lambda a: (published.get(a["report_id"]) or "", a["ordinal"]))
    ]
    ra = schema.review_actions
    reviews = [
        dict(x) for x in conn.execute(sa.select(ra).where(ra.c.event_id == event_id).order_by(ra.c.id)).mappings()
    ]
    return {
        "event": dict(event),
        "fields": dict(fields),
        "conflicts": conflicts,
        "reports": reports,
        "claim_history": history,
        "attributions": attributions,
        "review_history": reviews,
    }


def document_detail(conn: Connection, doc_id: str) -> dict[str, Any]:
    d = schema.documents
    doc = conn.execute(sa.select(d).where(sa.or_(d.c.id == doc_id, d.c.ext_id == doc_id))).mappings().first()
    if doc is None:
        raise NotFound(f"no document {doc_id!r}")
    m, r, links = schema.mentions, schema.event_reports, schema.event_links
    mentions = [
        dict(x) for x in conn.execute(sa.select(m).where(m.c.doc_id == doc["id"]).order_by(m.c.start)).mappings()
    ]
    events = conn.execute(
        sa.select(r.c.id, links.c.event_id)
        .join(links, links.c.report_id == r.c.id)
        .where(r.c.doc_id == doc["id"])
        .order_by(r.c.ordinal)
    ).all()
    sources = (
        conn.execute(sa.select(schema.document_sources.c.source).where(schema.document_sources.c.doc_id == doc["id"]))
        .scalars()
        .all()
    )
    e = schema.events
    event_ids = sorted({b for _, b in events})
    rows = conn.execute(
        sa.select(
            e.c.id, e.c.date, e.c.date_precision, e.c.place_name, e.c.country, e.c.sub_event_type, e.c.review_status
        )
        .where(e.c.id.in_(event_ids))
        .order_by(e.c.date, e.c.place_name, e.c.id)
    ).mappings()
    return {
        "document": dict(doc),
        "mentions": mentions,
        "reports": [{"report_id": a, "event_id": b} for a, b in events],
        "events": [dict(r) for r in rows],
        "sources": sorted(sources),
    }


def search(conn: Connection, q: str, limit: int = 20) -> list[dict[str, Any]]:
    terms = [t for t in re.findall(r"\w+", q, flags=re.UNICODE) if t]
    if not terms:
        raise UsageError("empty search: give at least one word")
    if is_sqlite(conn):
        match = " ".join('"' + t.replace('"', '""') + '"' for t in terms)
        rows = conn.execute(
            sa.text(
                "SELECT doc_id, title, snippet(documents_fts, 2, '[', ']', ' … ', 12) AS snippet "
                "FROM documents_fts WHERE documents_fts MATCH :q ORDER BY rank LIMIT :limit"
            ),
            {"q": match, "limit": limit},
        ).mappings()
    else:
        rows = conn.execute(
            sa.text(
                "SELECT id AS doc_id, title, ts_headline('simple', text, plainto_tsquery('simple', :q), "
                "'StartSel=[, StopSel=], MaxFragments=1, MaxWords=20, MinWords=8') AS snippet "
                "FROM documents WHERE to_tsvector('simple', coalesce(title, '') || ' ' || text) "
                "@@ plainto_tsquery('simple', :q) "
                "ORDER BY ts_rank(to_tsvector('simple', coalesce(title, '') || ' ' || text), "
                "plainto_tsquery('simple', :q)) DESC, id LIMIT :limit"
            ),
            {"q": " ".join(terms), "limit": limit},
        ).mappings()
    return [dict(r) for r in rows]
