"""What the review queue reads beside the event rows: each event's key evidence sentence, and the
pairs of events that look like one event told twice (duplicate suggestions).

A pair is suggested when the two events are on the same day (their date ranges overlap and
neither spans more than a week), their places are near (the same place, or coordinates at most
``NEAR_KM`` apart) and their types are compatible (the same ACLED event type, a generic
"Attack", or a weapon in common). Rejected events are never suggested.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from claimgraph.store import schema
from claimgraph.store.details import _ends, sentence_around

NEAR_KM = 30.0
_WEEK = timedelta(days=7)
#: Evidence fields in the order that makes a sentence the key one (who claimed, how many hurt, where).
_KEY_FIELDS = ("claimed_by", "attributed_to", "fatalities", "injuries", "casualties", "location", "weapons", "date")
_GENERIC_TYPES = {"Attack"}


def key_sentences(conn: Connection, event_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Event id -> ``{"sentence", "spans", "fields", "source"}``: the sentence of its reports that
    carries the most evidence (ties: the most telling fields, then the earliest source)."""
    links, reports, ev, docs = schema.event_links, schema.event_reports, schema.evidence, schema.documents
    ids = list(event_ids)
    found: dict[str, list[tuple[str, str, int, int, str]]] = defaultdict(
        list
    )  # event -> (doc, field, start, end, report)
    for i in range(0, len(ids), 400):
        rows = conn.execute(
            sa.select(links.c.event_id, ev.c.doc_id, ev.c.field, ev.c.start, ev.c.end)
            .join(reports, reports.c.id == links.c.report_id)
            .join(ev, ev.c.owner_id == reports.c.id)
            .where(links.c.event_id.in_(ids[i : i + 400]))
        ).all()
        for event_id, doc_id, field, start, end in rows:
            found[event_id].append((doc_id, field, start, end, ""))
    doc_ids = sorted({x[0] for spans in found.values() for x in spans})
    texts: dict[str, dict[str, Any]] = {}
    for i in range(0, len(doc_ids), 400):
        for row in conn.execute(
            sa.select(docs.c.id, docs.c.text, docs.c.title, docs.c.ext_id, docs.c.outlet, docs.c.published).where(
                docs.c.id.in_(doc_ids[i : i + 400])
            )
        ).mappings():
            texts[row["id"]] = dict(row, ends=_ends(row["text"]))
    out: dict[str, dict[str, Any]] = {}
    for event_id, spans in found.items():
        sentences: dict[tuple[str, int, int], list[tuple[str, int, int]]] = defaultdict(list)
        for doc_id, field, start, end, _ in spans:
            doc = texts[doc_id]
            s, t = sentence_around(doc["text"], start, end, doc["ends"])
            sentences[(doc_id, s, t)].append((field, start, end))

        def rank(item: tuple[tuple[str, int, int], list[tuple[str, int, int]]]) -> tuple[Any, ...]:
            (doc_id, s, _), marks = item
            best = min((_KEY_FIELDS.index(f) if f in _KEY_FIELDS else 99) for f, _, _ in marks)
            return (-len({f for f, _, _ in marks}), best, str(texts[doc_id]["published"] or ""), doc_id, s)

        (doc_id, s, t), marks = min(sentences.items(), key=rank)
        doc = texts[doc_id]
        out[event_id] = {
            "sentence": doc["text"][s:t],
            "sentence_start": s,
            "spans": sorted((a, b) for _, a, b in marks),
            "fields": sorted({f for f, _, _ in marks}),
            "source": {k: doc[k] for k in ("id", "title", "ext_id", "outlet", "published")},
        }
    return out


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (latitude, longitude) points."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def _same_day(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a["date_low"] is None or b["date_low"] is None:
        return False
    if a["date_high"] - a["date_low"] >= _WEEK or b["date_high"] - b["date_low"] >= _WEEK:
        return False
    return a["date_low"] <= b["date_high"] and b["date_low"] <= a["date_high"]


def _near(a: dict[str, Any], b: dict[str, Any]) -> tuple[bool, str]:
    if (a["place_id"] and a["place_id"] == b["place_id"]) or (
        a["place_name"] and (a["place_name"] or "").casefold() == (b["place_name"] or "").casefold()
    ):
        return True, f"both at {a['place_name']}"
    if None in (a["latitude"], a["longitude"], b["latitude"], b["longitude"]):
        return False, ""
    km = distance_km((a["latitude"], a["longitude"]), (b["latitude"], b["longitude"]))
    return km <= NEAR_KM, f"{km:.0f} km apart"


def _compatible(a: dict[str, Any], b: dict[str, Any]) -> tuple[bool, str]:
    if a["sub_event_type"] == b["sub_event_type"]:
        return True, f"both {a['sub_event_type']}"
    if a["event_type"] == b["event_type"]:
        return True, f"both {a['event_type']}"
    if a["sub_event_type"] in _GENERIC_TYPES or b["sub_event_type"] in _GENERIC_TYPES:
        return True, f"{a['sub_event_type']} / {b['sub_event_type']}"
    common = set(a["weapons"] or ()) & set(b["weapons"] or ())
    if common:
        return True, f"both by {', '.join(sorted(common))}"
    return False, ""


_COLUMNS = (
    "id",
    "event_type",
    "sub_event_type",
    "date",
    "date_low",
    "date_high",
    "place_name",
    "place_id",
    "latitude",
    "longitude",
    "weapons",
    "claimed_by",
    "fatalities",
    "n_sources",
    "review_status",
)


def duplicate_pairs(conn: Connection, event_ids: Iterable[str], limit: int = 50) -> list[dict[str, Any]]:
    """Likely duplicate pairs with at least one event among ``event_ids`` (the queue): each
    ``{"a", "b", "why"}`` (``a`` and ``b`` rows of the events table, ``a`` the one with more
    sources, which a merge keeps), closest first."""
    e = schema.events
    cols = [e.c[name] for name in _COLUMNS]
    wanted = set(event_ids)
    days: set[Any] = set()
    ids = sorted(wanted)
    for i in range(0, len(ids), 400):
        for low, high in conn.execute(
            sa.select(e.c.date_low, e.c.date_high).where(e.c.id.in_(ids[i : i + 400]), e.c.date_low.is_not(None))
        ):
            if high - low < _WEEK:
                days.add((low, high))
    if not days:
        return []
    first, last = min(d[0] for d in days) - _WEEK, max(d[1] for d in days)
    rows = [
        dict(r)
        for r in conn.execute(
            sa.select(*cols)
            .where(e.c.review_status != "rejected", e.c.date_low >= first, e.c.date_low <= last)
            .order_by(e.c.date_low, e.c.id)
        ).mappings()
    ]
    pairs = []
    for i, a in enumerate(rows):
        for b in rows[i + 1 :]:
            if b["date_low"] > a["date_high"]:
                break
            if a["id"] not in wanted and b["id"] not in wanted:
                continue
            if not _same_day(a, b):
                continue
            near, where = _near(a, b)
            fits, types = _compatible(a, b) if near else (False, "")
            if not fits:
                continue
            keep, other = (a, b) if (a["n_sources"], b["id"]) >= (b["n_sources"], a["id"]) else (b, a)
            day = "same day" if a["date_low"] == b["date_low"] else "overlapping days"
            pairs.append(
                {"a": keep, "b": other, "why": f"{day}, {where}, {types}", "same_place": where.startswith("both at")}
            )
    pairs.sort(key=lambda p: (not p["same_place"], p["a"]["date_low"], p["a"]["id"], p["b"]["id"]))
    return pairs[:limit]
