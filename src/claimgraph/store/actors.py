"""Actor queries: the actor list with activity, and one actor's aliases, relations and events.

Activity counts come from canonical events (not rejected ones) and keep the roles apart:
``claimed`` (the actor claimed the event), ``attributed`` (others blame it) and
``involved`` (any role). An actor not in the KB appears by the name the texts give it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from claimgraph.errors import NotFound
from claimgraph.store import schema
from claimgraph.store.filters import actor_name


def _activity(conn: Connection) -> dict[str, dict[str, Any]]:
    e = schema.events
    query = sa.select(e.c.id, e.c.date, e.c.actors, e.c.claimed_by, e.c.attributed_to).where(
        e.c.review_status != "rejected"
    )
    out: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"claimed": 0, "attributed": 0, "involved": 0, "first": None, "last": None}
    )
    for _id, day, actors, claimed, attributed in conn.execute(query):
        for name in {*actors, *claimed, *attributed}:
            a = out[name]
            a["involved"] += 1
            a["claimed"] += name in claimed
            a["attributed"] += name in attributed
            if day:
                a["first"] = day if a["first"] is None else min(a["first"], day)
                a["last"] = day if a["last"] is None else max(a["last"], day)
    return out


def actor_table(conn: Connection, name: str | None = None) -> list[dict[str, Any]]:
    k, al = schema.kb_actors, schema.kb_aliases
    activity = _activity(conn)
    aliases: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for actor_id, alias, lang in conn.execute(sa.select(al.c.actor_id, al.c.alias, al.c.lang).order_by(al.c.alias)):
        aliases[actor_id][lang].append(alias)
    edges = Counter()
    for s, o in conn.execute(sa.select(schema.actor_edges.c.subject, schema.actor_edges.c.object)):
        edges[s] += 1
        edges[o] += 1
    rows = []
    known = set()
    for actor_id, canonical, kind, country in conn.execute(sa.select(k.c.id, k.c.name, k.c.kind, k.c.country)):
        known.add(canonical)
        a = activity.get(canonical, {})
        rows.append(_row(actor_id, canonical, kind, country, aliases[actor_id], a, edges[actor_id]))
    for extra, a in activity.items():
        if extra not in known:
            rows.append(_row(None, extra, "not in KB", None, {}, a, edges[f"name:{extra}"]))
    if name:
        wanted = actor_name(conn, name).casefold()
        rows = [r for r in rows if wanted in r["name"].casefold() or any(wanted in x.casefold() for x in r["aliases"])]
    rows.sort(key=lambda r: (-r["events_involved"], r["name"]))
    return rows


def _row(actor_id, name, kind, country, aliases, a, n_edges) -> dict[str, Any]:
    return {
        "actor_id": actor_id,
        "name": name,
        "kind": kind,
        "country": country,
        "aliases": [x for lang in ("en", "abbr", "fr") for x in aliases.get(lang, []) if x != name],
        "aliases_ar": list(aliases.get("ar", [])),
        "events_claimed": a.get("claimed", 0),
        "events_attributed": a.get("attributed", 0),
        "events_involved": a.get("involved", 0),
        "first_activity": a.get("first"),
        "last_activity": a.get("last"),
        "relations": n_edges,
    }


def actor_detail(conn: Connection, name: str) -> dict[str, Any]:
    canonical = actor_name(conn, name)
    k = schema.kb_actors
    kb = conn.execute(sa.select(k).where(k.c.name == canonical)).mappings().first()
    key = kb["id"] if kb else f"name:{canonical}"
    table = [r for r in actor_table(conn) if r["name"] == canonical]
    if not table and kb is None:
        raise NotFound(f"no actor {name!r}: list actors with `claimgraph actors`")
    edges_t = schema.actor_edges
    relations = []
    for edge in conn.execute(
        sa.select(edges_t)
        .where(sa.or_(edges_t.c.subject == key, edges_t.c.object == key))
        .order_by(edges_t.c.predicate, edges_t.c.subject, edges_t.c.object)
    ).mappings():
        relations.append({**dict(edge), "evidence": _membership_evidence(conn, edge)})
    e = schema.events
    events = []
    for row in conn.execute(
        sa.select(
            e.c.id,
            e.c.date,
            e.c.sub_event_type,
            e.c.place_name,
            e.c.country,
            e.c.actors,
            e.c.claimed_by,
            e.c.attributed_to,
            e.c.review_status,
        ).order_by(e.c.date, e.c.id)
    ).mappings():
        if row["review_status"] == "rejected":
            continue
        roles = [
            r
            for r, col in (("claimed", "claimed_by"), ("attributed", "attributed_to"), ("involved", "actors"))
            if canonical in row[col]
        ]
        if roles:
            events.append(
                {
                    "id": row["id"],
                    "date": row["date"],
                    "sub_event_type": row["sub_event_type"],
                    "place": row["place_name"],
                    "country": row["country"],
                    "roles": roles,
                }
            )
    by_month: Counter[str] = Counter(ev["date"].strftime("%Y-%m") for ev in events if isinstance(ev["date"], date))
    return {
        "actor": table[0] if table else _row(kb["id"], canonical, kb["kind"], kb["country"], {}, {}, 0),
        "description": kb["description"] if kb else "",
        "relations": relations,
        "events": events,
        "activity_by_month": dict(sorted(by_month.items())),
    }


def _membership_evidence(conn: Connection, edge: dict[str, Any]) -> list[dict[str, Any]]:
    """The sentences of the documents that state this membership."""
    if not edge["doc_ids"]:
        return []
    m, ev, d = schema.memberships, schema.evidence, schema.documents
    query = (
        sa.select(m.c.doc_id, d.c.ext_id, d.c.published, ev.c.text, m.c.confidence, m.c.said_by)
        .join(ev, ev.c.owner_id == m.c.id)
        .join(d, d.c.id == m.c.doc_id)
        .where(m.c.doc_id.in_(edge["doc_ids"]), m.c.relation == edge["predicate"])
        .where(sa.or_(m.c.member_id == edge["subject"], m.c.member == edge["subject_name"]))
        .where(sa.or_(m.c.umbrella_id == edge["object"], m.c.umbrella == edge["object_name"]))
        .order_by(d.c.published, m.c.doc_id, ev.c.start)
    )
    return [dict(r) for r in conn.execute(query).mappings()]
