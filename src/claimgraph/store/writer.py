"""Write one document and everything extracted from it, as rows with content-derived ids.

``document_rows`` turns a ``Document`` and its ``DocumentExtraction`` into rows per table;
``write_documents`` inserts a batch of them in the caller's transaction. Nothing here
updates a row: a document is written once, whole, or not at all, so a transaction per
batch is all the crash safety ingest needs.
"""

from __future__ import annotations

import calendar
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from claimgraph.kb.loader import KnowledgeBase
from claimgraph.models import (
    DateValue,
    Development,
    Document,
    DocumentExtraction,
    Evidence,
    PlaceRef,
    _plain,
    stable_id,
)
from claimgraph.store import schema

Rows = dict[str, list[dict[str, Any]]]


def content_hash(text: str) -> str:
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()


def date_interval(value: DateValue | None) -> tuple[date | None, date | None]:
    """The days a date of some precision stands for (a week is dated on its Monday)."""
    if value is None:
        return None, None
    d = value.value
    if value.precision == "week":
        return d, d + timedelta(days=6)
    if value.precision == "month":
        return d.replace(day=1), d.replace(day=calendar.monthrange(d.year, d.month)[1])
    if value.precision == "year":
        return date(d.year, 1, 1), date(d.year, 12, 31)
    return d, d


@dataclass(slots=True)
class _Collector:
    doc_id: str
    rows: Rows = field(default_factory=lambda: defaultdict(list))
    _seen: set[tuple[str, str]] = field(default_factory=set)

    def add(self, table: str, row: dict[str, Any]) -> None:
        key = (table, row.get("id") or repr(sorted(row.items(), key=str)))
        if key not in self._seen:
            self._seen.add(key)
            self.rows[table].append(row)

    def evidence(self, owner_kind: str, owner_id: str, items: Iterable[Evidence]) -> None:
        for ev in items:
            self.add(
                "evidence",
                {
                    "id": stable_id("ev", owner_id, ev.field, ev.start, ev.end),
                    "doc_id": self.doc_id,
                    "owner_kind": owner_kind,
                    "owner_id": owner_id,
                    "field": ev.field,
                    "start": ev.start,
                    "end": ev.end,
                    "text": ev.text,
                },
            )

    def mention(self, kind: str, ref_id: str | None, name: str, surface: str, start: int, end: int) -> None:
        if start < 0 or end <= start:
            return
        self.add(
            "mentions",
            {
                "id": stable_id("men", self.doc_id, kind, start, end, ref_id or name),
                "doc_id": self.doc_id,
                "kind": kind,
                "ref_id": ref_id,
                "name": name,
                "surface": surface,
                "start": start,
                "end": end,
            },
        )


def document_rows(doc: Document, extraction: DocumentExtraction, ext_id: str, source: str | None = None) -> Rows:
    """Rows for every table, keyed by table name. ``doc.id`` must be the content id;
    ``ext_id`` is the id the input gave the document (file stem, JSON ``id``)."""
    out = _Collector(doc.id)
    out.add(
        "documents",
        {
            "id": doc.id,
            "ext_id": ext_id,
            "title": doc.title or "",
            "text": doc.text,
            "raw": doc.raw,
            "content_hash": content_hash(doc.text),
            "outlet": doc.outlet,
            "url": doc.url,
            "published": extraction.published or doc.published,
            "lang": extraction.lang or doc.lang,
            "extractor_version": extraction.extractor_version,
            "kb_version": extraction.kb_version,
            "n_events": len(extraction.events),
            "notes": [_plain(n) for n in (*extraction.notes, *doc.repair_notes())],
        },
    )
    if source:
        out.add("document_sources", {"doc_id": doc.id, "source": source})
    for m in extraction.mentions:
        out.mention("actor", m.actor_id, m.name, m.surface, m.start, m.end)
    for ordinal, report in enumerate(extraction.events):
        _report_rows(out, report, ordinal, extraction.extractor_version)
    for i, m in enumerate(extraction.memberships):
        mid = stable_id("mem", doc.id, i, m.member, m.relation, m.umbrella)
        out.add(
            "memberships",
            {
                "id": mid,
                "doc_id": doc.id,
                "member": m.member,
                "member_id": m.member_id,
                "umbrella": m.umbrella,
                "umbrella_id": m.umbrella_id,
                "relation": m.relation,
                "confidence": m.confidence,
                "said_by": m.said_by,
            },
        )
        out.evidence("membership", mid, m.evidence)
    for dv in extraction.developments:
        out.add("development_reports", _development_row(doc.id, dv))
        out.evidence("development", dv.id, dv.evidence)
    for a in extraction.new_actors:
        aid = stable_id("new", doc.id, a.name)
        out.add("new_actors", {"id": aid, "doc_id": doc.id, "name": a.name, "pattern": a.pattern, "status": a.status})
        out.evidence("new_actor", aid, a.evidence)
    return dict(out.rows)


def vessel_value(v: Any) -> dict[str, Any] | None:
    """The stored form of a report's ship: name, type and flag (the span is in the report's evidence)."""
    if v is None:
        return None
    return {"name": v.name, "type": v.type, "flag": v.flag}


_PLACE_COLUMNS = ("place_name", "place_id", "latitude", "longitude", "country", "admin1", "geo_precision")


def _place(ref: PlaceRef | None) -> dict[str, Any]:
    if ref is None:
        return dict.fromkeys(_PLACE_COLUMNS)
    return {
        "place_name": ref.name,
        "place_id": ref.place_id,
        "latitude": ref.lat,
        "longitude": ref.lon,
        "country": ref.country,
        "admin1": ref.admin1,
        "geo_precision": ref.precision,
    }


def _development_row(doc_id: str, d: Development) -> dict[str, Any]:
    loc = d.location
    return {
        "id": d.id,
        "doc_id": doc_id,
        "kind": d.kind,
        "actor": d.actor,
        "actor_id": d.actor_id,
        "date": d.date.value if d.date else None,
        "date_precision": d.date.precision if d.date else None,
        "date_basis": d.date.basis if d.date else None,
        "place_name": loc.name if loc else None,
        "place_id": loc.place_id if loc else None,
        "latitude": loc.lat if loc else None,
        "longitude": loc.lon if loc else None,
        "country": loc.country if loc else None,
        "channel": d.channel,
        "speaker": d.speaker,
        "counterpart": d.counterpart,
        "counterpart_id": d.counterpart_id,
        "condition": d.condition,
        "development_id": None,
    }


def _report_rows(out: _Collector, report: Any, ordinal: int, extractor_version: str) -> None:
    doc_id = out.doc_id
    loc = report.location
    rid = stable_id(
        "rep",
        doc_id,
        ordinal,
        report.sub_event_type,
        report.date.iso() if report.date else "",
        (loc.place_id or loc.name) if loc else "",
    )
    low, high = date_interval(report.date)
    out.add(
        "event_reports",
        {
            "id": rid,
            "doc_id": doc_id,
            "ordinal": ordinal,
            "event_type": report.event_type,
            "sub_event_type": report.sub_event_type,
            "weapons": list(report.weapons),
            "date": report.date.value if report.date else None,
            "date_precision": report.date.precision if report.date else None,
            "date_basis": report.date.basis if report.date else None,
            "date_low": low,
            "date_high": high,
            **_place(loc),
            "launch_site": _plain(report.launch_site) if report.launch_site else None,
            "actors": list(report.actors),
            "claimed_by": list(report.claimed_by),
            "attributed_to": list(report.attributed_to),
            "unclaimed": bool(report.unclaimed),
            "target": report.target,
            "vessel": vessel_value(report.vessel),
            "fatalities": report.fatalities,
            "injuries": report.injuries,
            "casualty_qualifiers": list(report.casualty_qualifiers),
            "confirmed": bool(report.confirmed),
            "extractor_version": extractor_version,
        },
    )
    out.evidence("report", rid, report.evidence)
    if report.date is not None:
        out.mention("date", report.date.iso(), report.date.iso(), report.date.text, report.date.start, report.date.end)
    for ref in (loc, report.launch_site):
        if ref is not None:
            out.mention("place", ref.place_id, ref.name, ref.surface, ref.start, ref.end)
    claim_ids = {c.id: stable_id("clm", rid, i, c.claimant) for i, c in enumerate(report.claims)}
    for i, c in enumerate(report.claims):
        cid = claim_ids[c.id]
        out.add(
            "claims",
            {
                "id": cid,
                "report_id": rid,
                "doc_id": doc_id,
                "ordinal": i,
                "claimant": c.claimant,
                "claimant_id": c.claimant_id,
                "channel": c.channel,
                "date": c.date.value if c.date else None,
                "status": c.status,
                "supersedes": claim_ids.get(c.supersedes) if c.supersedes else None,
                "first_hand": bool(c.first_hand),
            },
        )
        out.evidence("claim", cid, c.evidence)
    for i, a in enumerate(report.attributions):
        aid = stable_id("att", rid, i, a.attributed_to)
        out.add(
            "attributions",
            {
                "id": aid,
                "report_id": rid,
                "doc_id": doc_id,
                "ordinal": i,
                "attributed_to": a.attributed_to,
                "attributed_id": a.attributed_id,
                "said_by": a.by,
                "hedge": a.hedge,
            },
        )
        out.evidence("attribution", aid, a.evidence)


#: Insert order (parents before children, for the foreign keys).
_ORDER = (
    "documents",
    "document_sources",
    "mentions",
    "event_reports",
    "claims",
    "attributions",
    "memberships",
    "development_reports",
    "new_actors",
    "evidence",
)


def write_documents(conn: Connection, batch: Sequence[Rows]) -> None:
    """Insert the rows of several documents (executemany per table) in the open transaction."""
    for table_name in _ORDER:
        rows = [row for rows in batch for row in rows.get(table_name, ())]
        if rows:
            conn.execute(schema.metadata.tables[table_name].insert(), rows)
    if conn.dialect.name == "sqlite":
        fts = [
            {"doc_id": row["id"], "title": row["title"], "text": row["text"]}
            for rows in batch
            for row in rows.get("documents", ())
        ]
        if fts:
            conn.execute(
                sa.text("INSERT INTO documents_fts (doc_id, title, text) VALUES (:doc_id, :title, :text)"), fts
            )


def add_source(conn: Connection, doc_id: str, source: str) -> bool:
    """Record another input the same text was read from; False if already known."""
    t = schema.document_sources
    exists = conn.execute(sa.select(t.c.doc_id).where(t.c.doc_id == doc_id, t.c.source == source)).first()
    if exists:
        return False
    conn.execute(t.insert().values(doc_id=doc_id, source=source))
    return True


def record_failure(conn: Connection, source: str, reason: str, exit_code: int) -> None:
    t = schema.failed_inputs
    conn.execute(t.delete().where(t.c.source == source))
    conn.execute(t.insert().values(source=source, reason=reason, exit_code=exit_code))


def clear_failure(conn: Connection, sources: Iterable[str]) -> None:
    names = [s for s in sources if s]
    if names:
        conn.execute(schema.failed_inputs.delete().where(schema.failed_inputs.c.source.in_(names)))


def sync_kb(conn: Connection, kb: KnowledgeBase) -> bool:
    """Store the KB the extractions were resolved against; True if it changed."""
    meta = schema.kb_meta
    current = conn.execute(sa.select(meta.c.value).where(meta.c.key == "version")).scalar()
    if current == kb.version:
        return False
    for table in (schema.kb_aliases, schema.kb_relations, schema.kb_actors, schema.kb_places, meta):
        conn.execute(table.delete())
    conn.execute(meta.insert().values(key="version", value=kb.version))
    actors = sorted(kb.actors.values(), key=lambda a: a.id)
    conn.execute(
        schema.kb_actors.insert(),
        [
            {"id": a.id, "name": a.name, "kind": a.kind, "country": a.country or None, "description": a.description}
            for a in actors
        ],
    )
    aliases = {
        (a.id, alias, lang)
        for a in actors
        for lang, names in (
            ("en", (a.name, *a.aliases)),
            ("abbr", a.abbreviations),
            ("ar", a.aliases_ar),
            ("fr", a.aliases_fr),
        )
        for alias in names
    }
    conn.execute(
        schema.kb_aliases.insert(), [{"actor_id": i, "alias": s, "lang": lang} for i, s, lang in sorted(aliases)]
    )
    relations = {r.key: r for r in kb.relations}
    if relations:
        conn.execute(
            schema.kb_relations.insert(),
            [
                {
                    "subject": r.subject,
                    "predicate": r.predicate,
                    "object": r.object,
                    "confidence": r.confidence,
                    "start": r.start or None,
                    "end": r.end or None,
                    "evidence": r.evidence,
                }
                for _, r in sorted(relations.items())
            ],
        )
    conn.execute(
        schema.kb_places.insert(),
        [
            {
                "id": p.id,
                "name": p.name,
                "kind": p.kind,
                "latitude": p.lat,
                "longitude": p.lon,
                "country": p.country or None,
                "admin1": p.admin1 or None,
                "aliases": sorted({*p.aliases, *p.aliases_ar, *p.aliases_fr}),
            }
            for p in sorted(kb.places.values(), key=lambda p: p.id)
        ],
    )
    return True
