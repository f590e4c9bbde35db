"""STIX 2.1 bundle for threat-intelligence platforms (OpenCTI, MISP, TAXII servers), streamed.

Mapping (every id is a UUIDv5 of what the object stands for, so a re-export has the same ids
and platforms deduplicate; timestamps come from the data, never from the clock):

=====================  =========================================================================
claimgraph             STIX 2.1
=====================  =========================================================================
canonical event        ``incident`` (name, description = the ACLED-style note; claimgraph's
                       property extension: types, weapons, date and precision, casualties
                       low/best/high, conflicts, review status), ``created`` / ``modified`` =
                       first / last report
place                  ``location`` (latitude, longitude, country, region); ``located-at`` from the
                       incident
armed group, brand     ``intrusion-set`` with all aliases (English, Arabic, French, abbreviations)
state force, state     ``threat-actor`` (``threat_actor_types: ["nation-state"]``)
other organisation     ``identity`` (organization)
attribution            ``relationship`` incident ``attributed-to`` actor, ``confidence`` from the
                       hedge (confirmed 90, likely 70, alleged 40), ``description`` = who said it
claim of               ``note`` on the incident and the claimant: claimant, channel, status
responsibility         (issued / superseded), source
conflicting sources    ``note`` on the incident listing each disagreeing value with its sources
membership / front /   ``relationship`` ``member-of``, ``front-of``, ``sponsored-by``, ``part-of``,
sponsorship            ``allied-with`` between actors (custom types, as STIX has none for them),
                       confidence confirmed 90 / likely 65 / possible 35, evidence count
document               ``report`` (name, published, outlet as ``created_by_ref`` identity, URL as
                       external reference) whose ``object_refs`` are the incidents it reports
outlet                 ``identity`` (organization); claimgraph itself is the ``identity`` (system)
                       that created everything else
=====================  =========================================================================

Objects without a dated source (actors, places, outlets) carry the Unix epoch as
``created`` / ``modified``. Documents without events are not exported as reports (a STIX
report must reference something). The bundle is written object by object; its ``id`` (a
UUIDv5 of every object id written) comes last, which JSON allows.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections import defaultdict
from datetime import UTC, date, datetime
from typing import Any, TextIO

import sqlalchemy as sa
import stix2
from sqlalchemy.engine import Connection

from claimgraph.acled import country_info, notes
from claimgraph.export.rows import iter_event_batches
from claimgraph.store import schema
from claimgraph.store.filters import EventFilter

NAMESPACE = uuid.UUID("6f2a8f8e-5c1b-5b7e-9a43-2f1c3c9e0a11")  # claimgraph's own UUIDv5 namespace
EXTENSION_SCHEMA = "https://github.com/claimgraph/claimgraph/blob/main/docs/exports.md#stix-21"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
HEDGE_CONFIDENCE = {"confirmed": 90, "likely": 70, "alleged": 40}
EDGE_CONFIDENCE = {"confirmed": 90, "likely": 65, "possible": 35}
_STATE_KINDS = {"state_force", "state", "coalition"}
_GROUP_KINDS = {"armed_group", "umbrella_brand"}


def stix_id(kind: str, *key: object) -> str:
    return f"{kind}--{uuid.uuid5(NAMESPACE, kind + ':' + '|'.join(str(k) for k in key))}"


EXTENSION_ID = f"extension-definition--{uuid.uuid5(NAMESPACE, 'extension-definition:claimgraph-properties')}"


def _ext(**props: Any) -> dict[str, Any]:
    """claimgraph's own properties, as a STIX 2.1 property extension (not bare x_ properties)."""
    return {"extensions": {EXTENSION_ID: {"extension_type": "property-extension", **props}}}


def _at(day: date | None) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC) if day else EPOCH


class _Writer:
    """Writes objects once each, and hashes their ids for the bundle id."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.written: set[str] = set()
        self.digest = hashlib.sha256()
        self.count = 0

    def write(self, obj: Any) -> str:
        if obj.id in self.written:
            return obj.id
        self.out.write((",\n" if self.count else "") + obj.serialize(sort_keys=True, ensure_ascii=False))
        self.written.add(obj.id)
        self.digest.update(obj.id.encode())
        self.count += 1
        return obj.id


class _Actors:
    """Actor objects by canonical name, written on first use."""

    def __init__(self, conn: Connection, writer: _Writer, creator: str) -> None:
        self.writer, self.creator = writer, creator
        k, al = schema.kb_actors, schema.kb_aliases
        self.kb = {r["name"]: dict(r) for r in conn.execute(sa.select(k)).mappings()}
        self.by_id = {r["id"]: r["name"] for r in self.kb.values()}
        self.aliases: dict[str, set[str]] = defaultdict(set)
        for actor_id, alias in conn.execute(sa.select(al.c.actor_id, al.c.alias)):
            self.aliases[actor_id].add(alias)

    def ref(self, name: str) -> str:
        row = self.kb.get(name)
        kind = row["kind"] if row else "armed_group"
        common = {"created": EPOCH, "modified": EPOCH, "created_by_ref": self.creator, "name": name}
        key = row["id"] if row else f"name:{name}"
        if kind in _GROUP_KINDS:
            aliases = sorted(self.aliases.get(key, set()) - {name})
            extra = {"aliases": aliases} if aliases else {}
            description = {"description": row["description"]} if row and row["description"] else {}
            obj = stix2.v21.IntrusionSet(id=stix_id("intrusion-set", key), **common, **extra, **description)
        elif kind in _STATE_KINDS:
            aliases = sorted(self.aliases.get(key, set()) - {name})
            extra = {"aliases": aliases} if aliases else {}
            obj = stix2.v21.ThreatActor(
                id=stix_id("threat-actor", key), threat_actor_types=["nation-state"], **common, **extra
            )
        else:
            obj = stix2.v21.Identity(id=stix_id("identity", key), identity_class="organization", **common)
        return self.writer.write(obj)

    def ref_key(self, key: str, fallback: str) -> str:
        return self.ref(self.by_id.get(key, fallback))


def write_stix(conn: Connection, f: EventFilter, out: TextIO) -> int:
    """Write a STIX 2.1 bundle of the events matching ``f`` (and the actor graph); returns #incidents."""
    out.write('{"type": "bundle", "objects": [\n')
    w = _Writer(out)
    creator = w.write(
        stix2.v21.Identity(
            id=stix_id("identity", "claimgraph"),
            name="claimgraph",
            identity_class="system",
            description="Events, claims and attributions extracted from open sources by claimgraph.",
            created=EPOCH,
            modified=EPOCH,
        )
    )
    w.write(
        stix2.v21.ExtensionDefinition(
            id=EXTENSION_ID,
            created_by_ref=creator,
            name="claimgraph properties",
            description="Event fields, casualty ranges, precisions and evidence counts that STIX has no property for.",
            schema=EXTENSION_SCHEMA,
            version="1.0.0",
            extension_types=["property-extension"],
            created=EPOCH,
            modified=EPOCH,
        )
    )
    actors = _Actors(conn, w, creator)
    doc_incidents: dict[str, list[str]] = defaultdict(list)
    n = 0
    for events in iter_event_batches(conn, f):
        details = _batch_details(conn, [e["id"] for e in events])
        for event in events:
            incident = _incident(event, creator)
            w.write(incident)
            n += 1
            _event_links(w, actors, creator, event, incident.id, details)
            for doc_id in details["docs"].get(event["id"], ()):
                doc_incidents[doc_id].append(incident.id)
    _memberships(conn, w, actors, creator)
    _reports(conn, w, creator, doc_incidents)
    from claimgraph.export.developments import stix_reports

    for report in stix_reports(conn, f, lambda key, name: actors.ref_key(key or "", name), creator, stix_id, _at, _ext):
        w.write(report)
    bundle_id = f"bundle--{uuid.uuid5(NAMESPACE, 'bundle:' + w.digest.hexdigest())}"
    out.write(f'\n], "id": {json.dumps(bundle_id)}}}\n')
    return n


def _incident(e: dict[str, Any], creator: str) -> Any:
    created = _at(e.get("first_reported") or e.get("date"))
    modified = max(created, _at(e.get("last_reported") or e.get("date")))
    where = e.get("place_name") or e.get("country") or "unknown place"
    custom = {
        "event_id": e["id"],
        "event_type": e["event_type"],
        "sub_event_type": e["sub_event_type"],
        "review_status": e["review_status"],
        "sources_count": e["n_sources"],
    }
    if e.get("date"):
        custom["date"] = e["date"].isoformat()
        custom["date_precision"] = e["date_precision"]
    for name in ("fatalities", "fatalities_low", "fatalities_high", "injuries", "injuries_low", "injuries_high"):
        if e.get(name) is not None:
            custom[name] = e[name]
    if e.get("weapons"):  # STIX forbids empty lists
        custom["weapons"] = list(e["weapons"])
    if e.get("conflicts"):
        custom["conflicts"] = list(e["conflicts"])
    ship = {k: v for k, v in (e.get("vessel") or {}).items() if v}
    if ship:  # the ship an attack at sea hit (STIX has no vessel object)
        custom["vessel"] = ship
    return stix2.v21.Incident(
        id=stix_id("incident", e["id"]),
        name=f"{e['sub_event_type']} at {where}, {e['date'] or 'date unknown'}",
        description=notes(e),
        created=created,
        modified=modified,
        created_by_ref=creator,
        **_ext(**custom),
    )


def _batch_details(conn: Connection, event_ids: list[str]) -> dict[str, Any]:
    """Attributions, claims, documents and conflicting values of a batch of events."""
    links, r, a, c, d = schema.event_links, schema.event_reports, schema.attributions, schema.claims, schema.documents
    out: dict[str, Any] = {
        "attributions": defaultdict(list),
        "claims": defaultdict(list),
        "docs": defaultdict(list),
        "fields": defaultdict(list),
    }
    base = sa.select(links.c.event_id).where(links.c.event_id.in_(event_ids))
    q = base.add_columns(a.c.attributed_to, a.c.attributed_id, a.c.hedge, a.c.said_by, d.c.outlet, d.c.ext_id)
    q = q.join(a, a.c.report_id == links.c.report_id).join(d, d.c.id == a.c.doc_id).order_by(a.c.id)
    for row in conn.execute(q).mappings():
        out["attributions"][row["event_id"]].append(dict(row))
    q = base.add_columns(
        c.c.id, c.c.claimant, c.c.claimant_id, c.c.channel, c.c.status, c.c.date, d.c.outlet, d.c.ext_id, d.c.published
    )
    q = q.join(c, c.c.report_id == links.c.report_id).join(d, d.c.id == c.c.doc_id).order_by(c.c.id)
    for row in conn.execute(q).mappings():
        out["claims"][row["event_id"]].append(dict(row))
    q = base.add_columns(r.c.doc_id).join(r, r.c.id == links.c.report_id).order_by(r.c.doc_id)
    for event_id, doc_id in conn.execute(q):
        if doc_id not in out["docs"][event_id]:
            out["docs"][event_id].append(doc_id)
    ef = schema.event_fields
    q = sa.select(ef).where(ef.c.event_id.in_(event_ids)).order_by(ef.c.event_id, ef.c.field, ef.c.value_key)
    for row in conn.execute(q).mappings():
        out["fields"][row["event_id"]].append(dict(row))
    return out


def _event_links(w: _Writer, actors: _Actors, creator: str, e: dict[str, Any], incident: str, details) -> None:
    created = _at(e.get("first_reported") or e.get("date"))
    modified = max(created, _at(e.get("last_reported") or e.get("date")))
    stamp = {"created": created, "modified": modified, "created_by_ref": creator}
    if e.get("latitude") is not None or e.get("country"):
        name = country_info(e.get("country"))[0]
        loc: dict[str, Any] = {"name": e.get("place_name") or name or e.get("country")}
        if e.get("latitude") is not None and e.get("longitude") is not None:
            loc.update(latitude=e["latitude"], longitude=e["longitude"])
        if e.get("country"):
            loc["country"] = e["country"]
        if e.get("admin1"):
            loc["administrative_area"] = e["admin1"]
        key = e.get("place_id") or (loc["name"], e.get("latitude"), e.get("longitude"))
        location = w.write(
            stix2.v21.Location(
                id=stix_id("location", key),
                created=EPOCH,
                modified=EPOCH,
                created_by_ref=creator,
                **_ext(geo_precision=e.get("geo_precision")),
                **loc,
            )
        )
        w.write(
            stix2.v21.Relationship(
                id=stix_id("relationship", incident, "located-at", location),
                relationship_type="located-at",
                source_ref=incident,
                target_ref=location,
                **stamp,
            )
        )
    strongest: dict[str, dict[str, Any]] = {}
    for att in details["attributions"].get(e["id"], ()):
        best = strongest.get(att["attributed_to"])
        if best is None or HEDGE_CONFIDENCE[att["hedge"]] > HEDGE_CONFIDENCE[best["hedge"]]:
            strongest[att["attributed_to"]] = att
    for name in e.get("attributed_to") or []:
        att = strongest.get(name, {"hedge": "alleged", "said_by": "", "outlet": None, "ext_id": None})
        target = actors.ref(name)
        said = f" by {att['said_by']}" if att.get("said_by") else ""
        source = att.get("outlet") or att.get("ext_id")
        w.write(
            stix2.v21.Relationship(
                id=stix_id("relationship", incident, "attributed-to", target),
                relationship_type="attributed-to",
                source_ref=incident,
                target_ref=target,
                confidence=HEDGE_CONFIDENCE.get(att["hedge"], 40),
                description=f"Attributed ({att['hedge']}){said}" + (f", per {source}" if source else ""),
                **stamp,
            )
        )
    for claim in details["claims"].get(e["id"], ()):
        claimant = actors.ref(claim["claimant"])
        source = claim["outlet"] or claim["ext_id"]
        w.write(
            stix2.v21.Note(
                id=stix_id("note", "claim", claim["id"]),
                abstract=f"Claim of responsibility: {claim['claimant']}",
                content=(
                    f"{claim['claimant']} claimed this attack (channel: {claim['channel']}; status: "
                    f"{claim['status']}), as reported by {source}."
                ),
                authors=[source] if source else None,
                object_refs=[incident, claimant],
                **stamp,
            )
        )
    conflicting = set(e.get("conflicts") or [])
    if conflicting:
        lines = []
        for field in details["fields"].get(e["id"], ()):
            if field["field"] in conflicting and field["origin"] == "machine":
                value = field["value"]
                shown = (
                    value.get("name")
                    if isinstance(value, dict) and "name" in value
                    else (value.get("date") if isinstance(value, dict) else value)
                )
                lines.append(f"{field['field']}: {shown} ({len(field['doc_ids'])} source(s))")
        w.write(
            stix2.v21.Note(
                id=stix_id("note", "conflicts", e["id"]),
                abstract="Sources disagree",
                content="Sources disagree on " + ", ".join(sorted(conflicting)) + ".\n" + "\n".join(lines),
                object_refs=[incident],
                **stamp,
            )
        )


def _memberships(conn: Connection, w: _Writer, actors: _Actors, creator: str) -> None:
    edges = schema.actor_edges
    for edge in conn.execute(sa.select(edges).order_by(edges.c.subject, edges.c.predicate, edges.c.object)).mappings():
        subject = actors.ref_key(edge["subject"], edge["subject_name"])
        obj = actors.ref_key(edge["object"], edge["object_name"])
        first, last = _at(edge["first_seen"]), _at(edge["last_seen"])
        evidence = f"{edge['evidence_count']} statement(s) in documents" + (
            "; in the knowledge base" if edge["in_kb"] else ""
        )
        w.write(
            stix2.v21.Relationship(
                id=stix_id("relationship", subject, edge["predicate"], obj),
                relationship_type=edge["predicate"].replace("_", "-"),
                source_ref=subject,
                target_ref=obj,
                confidence=EDGE_CONFIDENCE.get(edge["confidence"], 35),
                description=evidence,
                created=first if edge["first_seen"] else EPOCH,
                modified=max(first, last),
                created_by_ref=creator,
                **_ext(evidence_count=edge["evidence_count"], in_kb=bool(edge["in_kb"])),
            )
        )


def _reports(conn: Connection, w: _Writer, creator: str, doc_incidents: dict[str, list[str]]) -> None:
    d = schema.documents
    ids = sorted(doc_incidents)
    for i in range(0, len(ids), 500):
        query = (
            sa.select(d.c.id, d.c.ext_id, d.c.title, d.c.outlet, d.c.url, d.c.published, d.c.lang)
            .where(d.c.id.in_(ids[i : i + 500]))
            .order_by(d.c.id)
        )
        for doc in conn.execute(query).mappings():
            author = creator
            if doc["outlet"]:
                author = w.write(
                    stix2.v21.Identity(
                        id=stix_id("identity", "outlet", doc["outlet"]),
                        name=doc["outlet"],
                        identity_class="organization",
                        created=EPOCH,
                        modified=EPOCH,
                    )
                )
            published = _at(doc["published"])
            refs = list(dict.fromkeys(doc_incidents[doc["id"]]))
            extra: dict[str, Any] = {}
            if doc["url"]:
                extra["external_references"] = [{"source_name": doc["outlet"] or "source", "url": doc["url"]}]
            if doc["lang"]:
                extra["lang"] = doc["lang"]
            w.write(
                stix2.v21.Report(
                    id=stix_id("report", doc["id"]),
                    name=doc["title"] or doc["ext_id"],
                    published=published,
                    created=published,
                    modified=published,
                    created_by_ref=author,
                    report_types=["threat-report"],
                    object_refs=refs,
                    **_ext(document_id=doc["id"]),
                    **extra,
                )
            )
