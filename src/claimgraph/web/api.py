"""The REST API (``/api/...``): the same queries and filters as the CLI, as JSON.

Every list endpoint takes the event filters of ``claimgraph events``; invalid parameters
answer 4xx with ``{"detail": "..."}``, never a 500. Writes (review actions) need an analyst:
a session (with ``X-CSRF-Token``) or an API token (``Authorization: Bearer cg_…``).

Each handler opens its one connection in its own body (``with reading(request) as conn``), never
in a dependency: see ``deps`` for why.
"""

from __future__ import annotations

import contextlib
import queue
import threading
import weakref
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from enum import StrEnum
from typing import Annotated, Any, Literal

import sqlalchemy as sa
from fastapi import APIRouter, Body, Depends, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field, StringConstraints
from sqlalchemy.engine import Connection

from claimgraph.errors import UsageError
from claimgraph.pipeline import review
from claimgraph.store import schema, validate
from claimgraph.store.actors import actor_detail, actor_table
from claimgraph.store.details import document_detail, event_detail, search
from claimgraph.store.developments import developments
from claimgraph.store.facets import summary
from claimgraph.store.filters import EventFilter, where
from claimgraph.store.repository import acled_rows, event_rows
from claimgraph.web.deps import ServiceUnavailable, reading, require_writer, writing


class Problem(BaseModel):
    detail: str = Field(description="What went wrong and what to do")


router = APIRouter(
    prefix="/api",
    tags=["api"],
    responses={
        400: {"model": Problem, "description": "Invalid parameters (a filter, a review value)"},
        403: {"model": Problem, "description": "Not allowed: read-only app, role, API token or CSRF token"},
        404: {"model": Problem, "description": "No such event, actor or document"},
        413: {"model": Problem, "description": "Request body over the server's limit"},
        503: {
            "model": Problem,
            "description": "Busy: no database connection or export stream came free in time",
            "headers": {"Retry-After": {"description": "Seconds to wait", "schema": {"type": "integer"}}},
        },
    },
)


class ReviewStatus(StrEnum):
    unreviewed = "unreviewed"
    confirmed = "confirmed"
    edited = "edited"
    rejected = "rejected"


class Sort(StrEnum):
    date = "date"
    oldest = "-date"
    sources = "sources"
    fatalities = "fatalities"


EARLIEST, LATEST = date(1900, 1, 1), date(2199, 12, 31)  # dates outside are typos (and overflow date arithmetic)


def event_filter(
    actor: Annotated[str | None, Query(max_length=200, description="Any role, any alias")] = None,
    claimed_by: Annotated[str | None, Query(max_length=200)] = None,
    place: Annotated[str | None, Query(max_length=200)] = None,
    country: Annotated[str | None, Query(max_length=60)] = None,
    type: Annotated[str | None, Query(max_length=100, description="Type or weapon")] = None,
    since: Annotated[date | None, Query(description="From this day (1900-01-01 to 2199-12-31)")] = None,
    until: Annotated[date | None, Query(description="To this day (1900-01-01 to 2199-12-31)")] = None,
    conflicts: bool = False,
    review_status: ReviewStatus | None = None,
) -> EventFilter:
    for name, day in (("since", since), ("until", until)):
        if day is not None and not EARLIEST <= day <= LATEST:
            raise UsageError(f"{name} {day.isoformat()} is out of range: use a date from {EARLIEST} to {LATEST}")
    return EventFilter(
        actor=actor or None,
        claimed_by=claimed_by or None,
        place=place or None,
        country=country or None,
        type=type or None,
        since=since,
        until=until,
        conflicts=conflicts,
        # the pages call this with the query string's text, the API with the enum: both as the enum's value
        review_status=ReviewStatus(review_status).value if review_status else None,
    )


Filters = Annotated[EventFilter, Depends(event_filter)]


class EventPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]]


def _links(**targets: tuple[str, str, str]) -> dict[int | str, dict[str, Any]]:
    """OpenAPI links of a 200 answer: name -> (operation, parameter, where the value is in the answer).

    They document how the answers lead on (an event list to an event, an event to its review) and
    let stateful tests (schemathesis) chain calls with real ids."""
    return {
        200: {
            "description": "Successful Response",
            "links": {
                name: {"operationId": op, "parameters": {param: f"$response.body#{pointer}"}}
                for name, (op, param, pointer) in targets.items()
            },
        }
    }


@router.get(
    "/events",
    response_model=EventPage,
    summary="Events (ACLED-layout rows), filtered and paged",
    operation_id="list_events",
    responses=_links(
        GetEvent=("get_event", "event_id", "/items/0/claimgraph_event_id"),
        ReviewEvent=("review_event", "event_id", "/items/0/claimgraph_event_id"),
        ReviewAnotherEvent=("review_event", "event_id", "/items/1/claimgraph_event_id"),
    ),
)
def list_events(
    request: Request,
    f: Filters,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    sort: Sort = Sort.date,
) -> dict[str, Any]:
    e = schema.events
    with reading(request) as conn:
        total = conn.execute(sa.select(sa.func.count()).select_from(e).where(*where(conn, f))).scalar_one()
        rows = event_rows(conn, f, limit=limit, offset=offset, order=sort.value)
        items = acled_rows(conn, rows)
    return {"total": total, "limit": limit, "offset": offset, "items": _jsonable(items)}


_MAP_COLUMNS = (
    "id", "date", "date_precision", "event_type", "sub_event_type", "place_name", "country", "latitude", "longitude",
    "geo_precision", "claimed_by", "attributed_to", "actors", "fatalities", "injuries", "conflicts", "n_sources",
    "review_status", "vessel",
)  # fmt: skip


@router.get(
    "/events.geojson",
    summary="Events as an RFC 7946 FeatureCollection, for the map",
    operation_id="events_geojson",
    responses=_links(GetEvent=("get_event", "event_id", "/features/0/id")),
)
def events_geojson(
    request: Request, f: Filters, limit: Annotated[int, Query(ge=1, le=200_000)] = 50_000
) -> dict[str, Any]:
    e = schema.events
    with reading(request) as conn:
        query = sa.select(*(e.c[c] for c in _MAP_COLUMNS)).where(*where(conn, f)).order_by(e.c.date.desc(), e.c.id)
        features = [_feature(r) for r in conn.execute(query.limit(limit)).mappings()]
    return {"type": "FeatureCollection", "features": features}


def _feature(r: Any) -> dict[str, Any]:
    """One event as a GeoJSON Feature with the map's properties."""
    geometry = None
    if r["latitude"] is not None and r["longitude"] is not None:
        geometry = {"type": "Point", "coordinates": [r["longitude"], r["latitude"]]}
    claimed, attributed = list(r["claimed_by"]), list(r["attributed_to"])
    side = claimed + [a for a in attributed + list(r["actors"]) if a not in claimed]
    return {
        "type": "Feature",
        "id": r["id"],
        "geometry": geometry,
        "properties": {
            "event_date": r["date"].isoformat() if r["date"] else None,
            "date_precision": r["date_precision"],
            "event_type": r["event_type"],
            "sub_event_type": r["sub_event_type"],
            "location": r["place_name"],
            "country": r["country"],
            "actor1": side[0] if side else None,
            "claimed_by": "; ".join(claimed) or None,
            "attributed_to": "; ".join(attributed) or None,
            "fatalities": r["fatalities"],
            "injuries": r["injuries"],
            "conflicts": "; ".join(r["conflicts"]) or None,
            "sources_count": r["n_sources"],
            "claimgraph_geo_precision": r["geo_precision"],
            "review_status": r["review_status"],
            "vessel_name": (r["vessel"] or {}).get("name"),
        },
    }


@router.get(
    "/events/{event_id}",
    summary="One event: consensus, sources with evidence, conflicts, claim history",
    operation_id="get_event",
    responses=_links(ReviewEvent=("review_event", "event_id", "/event/id")),
)
def get_event(request: Request, event_id: Annotated[str, Field(max_length=64)]) -> dict[str, Any]:
    with reading(request) as conn:
        detail = event_detail(conn, event_id)
    return _jsonable(detail)


class Facets(BaseModel):
    review_status: dict[str, int]
    type: list[dict[str, Any]]
    country: list[dict[str, Any]]
    claimed_by: list[dict[str, Any]]


@router.get(
    "/facets",
    response_model=Facets,
    summary="Counts beside a filtered list: events per review status, and the top types, countries, claimants",
    operation_id="event_facets",
)
def event_facets(request: Request, f: Filters) -> dict[str, Any]:
    with reading(request) as conn:
        found = summary(conn, f)
    return {"review_status": found.statuses, **found.facets}


class Timeline(BaseModel):
    bucket: Literal["day", "week", "month"]
    by: Literal["type", "actor"]
    series: list[dict[str, Any]]
    developments: list[dict[str, Any]] = []  # announcements, drawn as markers (the actor filter applies)


@router.get(
    "/timeline",
    response_model=Timeline,
    summary="Events per day / week / month, by type or actor",
    operation_id="timeline",
)
def timeline(
    request: Request,
    f: Filters,
    bucket: Literal["day", "week", "month"] = "week",
    by: Literal["type", "actor"] = "type",
) -> dict[str, Any]:
    e = schema.events
    with reading(request) as conn:
        query = sa.select(e.c.date, e.c.sub_event_type, e.c.claimed_by, e.c.attributed_to, e.c.actors).where(
            *where(conn, f), e.c.date.is_not(None)
        )
        found = conn.execute(query).all()
    counts: dict[str, Counter[date]] = defaultdict(Counter)
    for day, sub, claimed, attributed, actors in found:
        if bucket == "week":
            day = day - timedelta(days=day.weekday())
        elif bucket == "month":
            day = day.replace(day=1)
        key = sub if by == "type" else (list(claimed) + list(attributed) + list(actors) or ["unattributed"])[0]
        counts[key][day] += 1
    series = [
        {"key": key, "points": [{"date": d.isoformat(), "count": n} for d, n in sorted(c.items())]}
        for key, c in sorted(counts.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    ]
    with reading(request) as conn:
        marks = developments(conn, actor=f.actor, since=f.since, until=f.until, with_sources=False)
    markers = [
        {k: d[k] for k in ("id", "kind", "actor", "actor_id", "date", "date_precision", "n_sources", "status")}
        for d in marks
        if d["date"] is not None
    ]
    return {"bucket": bucket, "by": by, "series": series, "developments": _jsonable(markers)}


@router.get(
    "/developments",
    summary="Strategic developments (announcements) with their sources and evidence, oldest first",
    operation_id="list_developments",
)
def list_developments(
    request: Request,
    actor: Annotated[str | None, Query(max_length=200)] = None,
    kind: Annotated[str | None, Query(max_length=30)] = None,
    since: date | None = None,
    until: date | None = None,
) -> list[dict[str, Any]]:
    with reading(request) as conn:
        rows = developments(conn, actor=actor, kind=kind, since=since, until=until)
    return _jsonable(rows)


@router.get(
    "/actors",
    summary="Actors with aliases and activity",
    operation_id="list_actors",
    responses=_links(
        GetActor=("get_actor", "actor_id", "/0/actor_id"), GetActorGraph=("actor_graph", "actor_id", "/0/actor_id")
    ),
)
def list_actors(request: Request, q: Annotated[str | None, Query(max_length=200)] = None) -> list[dict[str, Any]]:
    with reading(request) as conn:
        rows = actor_table(conn, q or None)
    return _jsonable(rows)


def actor_name_for(conn: Connection, actor_id: str) -> str:
    """An actor path parameter: a KB id (``kataib-hezbollah``), ``name:…`` or a name."""
    if actor_id.startswith("name:"):
        return actor_id.removeprefix("name:")
    k = schema.kb_actors
    return conn.execute(sa.select(k.c.name).where(k.c.id == actor_id)).scalar() or actor_id


@router.get(
    "/actors/{actor_id}",
    summary="One actor: aliases, relations with evidence, events by role, activity",
    operation_id="get_actor",
)
def get_actor(request: Request, actor_id: Annotated[str, Field(max_length=200)]) -> dict[str, Any]:
    with reading(request) as conn:
        detail = actor_detail(conn, actor_name_for(conn, actor_id))
    return _jsonable(detail)


@router.get(
    "/actors/{actor_id}/graph",
    summary="The membership / sponsorship graph around an actor",
    operation_id="actor_graph",
)
def actor_graph(
    request: Request, actor_id: Annotated[str, Field(max_length=200)], depth: Annotated[int, Query(ge=1, le=3)] = 2
) -> dict[str, Any]:
    k = schema.kb_actors
    with reading(request) as conn:
        detail = actor_detail(conn, actor_name_for(conn, actor_id))
        all_edges = [dict(r) for r in conn.execute(sa.select(schema.actor_edges)).mappings()]
        kinds = {i: (n, kind) for i, n, kind in conn.execute(sa.select(k.c.id, k.c.name, k.c.kind))}
    center = detail["actor"]["actor_id"] or f"name:{detail['actor']['name']}"
    around: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for edge in all_edges:
        around[edge["subject"]].append(edge)
        around[edge["object"]].append(edge)
    seen, frontier, chosen = {center}, [center], {}
    for _ in range(depth):
        nxt = []
        for node in frontier:
            for edge in around.get(node, ()):
                chosen[(edge["subject"], edge["predicate"], edge["object"])] = edge
                for other in (edge["subject"], edge["object"]):
                    if other not in seen:
                        seen.add(other)
                        nxt.append(other)
        frontier = nxt
    names = {e["subject"]: e["subject_name"] for e in chosen.values()} | {
        e["object"]: e["object_name"] for e in chosen.values()
    }
    nodes = [
        {
            "id": n,
            "name": kinds.get(n, (names.get(n, n.removeprefix("name:")), ""))[0],
            "kind": kinds.get(n, ("", "not in KB"))[1],
        }
        for n in sorted(seen)
    ]
    edges = [
        {
            "source": e["subject"],
            "target": e["object"],
            "predicate": e["predicate"],
            "confidence": e["confidence"],
            "evidence_count": e["evidence_count"],
            "in_kb": bool(e["in_kb"]),
        }
        for _, e in sorted(chosen.items())
    ]
    return {"center": center, "nodes": nodes, "edges": edges}


@router.get(
    "/documents/{doc_id}",
    summary="One document: text, recognised mentions, its events",
    operation_id="get_document",
)
def get_document(request: Request, doc_id: Annotated[str, Field(max_length=300)]) -> dict[str, Any]:
    with reading(request) as conn:
        detail = document_detail(conn, doc_id)
    detail["document"].pop("raw", None)  # the raw input (HTML) is provenance, not for display
    detail.pop("sources", None)  # the paths it was read from: the server's files, shown to no one
    return _jsonable(detail)


@router.get(
    "/search",
    summary="Full-text search over documents, with the events they report",
    operation_id="search",
    responses=_links(
        GetDocument=("get_document", "doc_id", "/documents/0/doc_id"),
        GetEvent=("get_event", "event_id", "/documents/0/events/0"),
    ),
)
def search_all(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500)],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> dict[str, Any]:
    links, r = schema.event_links, schema.event_reports
    events: dict[str, list[str]] = defaultdict(list)
    with reading(request) as conn:
        hits = search(conn, q, limit)
        ids = [h["doc_id"] for h in hits]
        if ids:
            for doc_id, event_id in conn.execute(
                sa.select(r.c.doc_id, links.c.event_id)
                .join(links, links.c.report_id == r.c.id)
                .where(r.c.doc_id.in_(ids))
            ):
                if event_id not in events[doc_id]:
                    events[doc_id].append(event_id)
    return {"query": q, "documents": [{**h, "events": events.get(h["doc_id"], [])} for h in hits]}


class ExportFormat(StrEnum):
    csv = "csv"
    geojson = "geojson"
    stix = "stix"
    jsonl = "jsonl"


_MEDIA = {
    "csv": ("text/csv; charset=utf-8", "events.csv"),
    "geojson": ("application/geo+json", "events.geojson"),
    "stix": ("application/stix+json;version=2.1", "events.stix.json"),
    "jsonl": ("application/x-ndjson", "events.jsonl"),
}


@router.get(
    "/export",
    summary="Export the filtered events (csv, geojson, stix, jsonl), streamed",
    operation_id="export",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "The export, as an attachment",
            "content": {
                media: {"schema": {"type": "object" if "json;" in media or media.endswith("+json") else "string"}}
                for media, _ in _MEDIA.values()
            },
        }
    },
)
def export(request: Request, f: Filters, format: ExportFormat = ExportFormat.csv) -> StreamingResponse:
    from claimgraph.export import WRITERS

    engine = request.app.state.engine
    media, filename = _MEDIA[format.value]
    with reading(request) as conn:
        where(conn, f)  # a bad filter is a 400 now, not an error in the middle of the stream
    slot = ExportSlot.take(request.app.state.export_slots)

    def write(out: Any) -> None:
        with engine.connect() as conn:
            WRITERS[format.value](conn, f, out)

    return StreamingResponse(
        stream(write, slot), media_type=media, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )


class ExportSlot:
    """One of the server's export streams (``Settings.exports``); each holds a connection of its own
    for as long as it runs, outside the worker threads, so their number is bounded."""

    def __init__(self, slots: threading.BoundedSemaphore) -> None:
        self._slots, self._lock, self._held, self.started = slots, threading.Lock(), True, False

    @classmethod
    def take(cls, slots: threading.BoundedSemaphore) -> ExportSlot:
        if not slots.acquire(blocking=False):
            raise ServiceUnavailable("every export stream is busy: try again in a few seconds", retry_after=5)
        return cls(slots)

    def release(self) -> None:
        with self._lock:
            if self._held:
                self._held = False
                self._slots.release()


class _Abandoned(Exception):
    """The client stopped reading the export: the writer gives up and frees its connection."""


STALL_SECONDS = 60.0  # a client that takes no chunk for this long has gone


def stream(write: Any, slot: ExportSlot) -> Iterator[str]:
    """The text ``write(out)`` produces, as ~64 KiB chunks: the writer runs in a thread and hands
    chunks over a bounded queue, so a large export is never held in memory. The writer stops (and
    frees its connection and its slot) when the export ends, fails, or the client stops reading."""
    chunks = _chunks(write, slot)
    weakref.finalize(chunks, lambda: None if slot.started else slot.release())  # never iterated
    return chunks


def _chunks(write: Any, slot: ExportSlot) -> Iterator[str]:
    q: queue.Queue[str | BaseException | None] = queue.Queue(maxsize=64)
    gone = threading.Event()

    def put(item: str | BaseException | None) -> None:
        waited = 0.0
        while not gone.is_set():
            try:
                q.put(item, timeout=0.5)
                return
            except queue.Full:
                waited += 0.5
                if waited >= STALL_SECONDS:
                    break
        raise _Abandoned

    class Out:
        def __init__(self) -> None:
            self.parts: list[str] = []
            self.size = 0

        def write(self, s: str) -> int:
            self.parts.append(s)
            self.size += len(s)
            if self.size >= 65536:
                self.flush()
            return len(s)

        def flush(self) -> None:
            if self.parts:
                put("".join(self.parts))
                self.parts, self.size = [], 0

    def work() -> None:
        out = Out()
        try:
            write(out)
            out.flush()
            put(None)
        except _Abandoned:
            pass
        except BaseException as exc:  # handed to the consumer, which re-raises it
            with contextlib.suppress(_Abandoned):
                put(exc)
        finally:
            slot.release()

    slot.started = True
    worker = threading.Thread(target=work, daemon=True, name="claimgraph-export")
    worker.start()
    try:
        while True:
            try:
                item = q.get(timeout=1.0)
            except queue.Empty:
                if worker.is_alive() or not q.empty():
                    continue
                raise RuntimeError("the export writer stopped without finishing") from None
            if item is None:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        gone.set()


# -- writes ------------------------------------------------------------------------------------


FieldName = Annotated[str, StringConstraints(max_length=20)]
EventId = Annotated[str, StringConstraints(max_length=64)]


class ReviewRequest(BaseModel):
    action: Literal["confirm", "edit", "merge", "split", "reject", "reopen", "undo"]
    field: str | None = Field(default=None, max_length=20)
    value: str | None = Field(default=None, max_length=2000, description="As typed: '47', 'IRI, KH', a KB place")
    fields: list[str] = Field(default_factory=list, max_length=20)
    others: list[str] = Field(default_factory=list, max_length=50, description="merge: events merged into this one")
    reports: list[str] = Field(default_factory=list, max_length=500, description="split: reports moved out")
    choose: dict[FieldName, EventId] = Field(
        default_factory=dict,
        max_length=10,
        description="merge: field -> the merged event whose value wins, or 'machine' (the sources decide); "
        "default: this event's value, where the events disagree",
    )
    dry_run: bool = Field(default=False, description="merge, split: answer what would change, and change nothing")
    note: str = Field(default="", max_length=2000)


@router.post(
    "/events/{event_id}/review",
    summary="Review an event (analysts): confirm, edit, merge, split, reject, reopen, undo; preview a merge or split",
    operation_id="review_event",
    responses=_links(
        GetEvent=("get_event", "event_id", "/event/id"),
        ReviewAgain=("review_event", "event_id", "/event/id"),
        GetSplitOffEvent=("get_event", "event_id", "/new_event_id"),
    ),
)
def review_event(
    request: Request,
    event_id: Annotated[str, Field(max_length=64)],
    body: Annotated[ReviewRequest, Body()],
) -> dict[str, Any]:
    with writing(request) as conn:
        who = require_writer(request, conn)
        result = apply_review(conn, event_id, body, who.user.name)
        detail = event_detail(conn, result.get("event_id", event_id))
    return {**result, "event": _jsonable(detail["event"]), "review_history": _jsonable(detail["review_history"])}


def apply_review(conn: Connection, event_id: str, body: ReviewRequest, user: str) -> dict[str, Any]:
    if body.dry_run and body.action not in ("merge", "split"):
        raise UsageError(f"dry_run previews a merge or a split, not {body.action}")
    if body.action == "confirm":
        return {"action_id": review.confirm(conn, event_id, user, body.fields, body.note)}
    if body.action == "edit":
        if not body.field or body.value is None:
            raise UsageError("edit needs 'field' and 'value'")
        value = validate.parse_value(conn, body.field, body.value)
        return {"action_id": review.edit(conn, event_id, body.field, value, user, body.note)}
    if body.action == "merge":
        if body.dry_run:
            return {"preview": _jsonable(review.preview_merge(conn, event_id, body.others, body.choose))}
        return {"action_id": review.merge(conn, event_id, body.others, user, body.note, body.choose)}
    if body.action == "split":
        if body.dry_run:
            return {"preview": _jsonable(review.preview_split(conn, event_id, body.reports))}
        action, new_id = review.split(conn, event_id, body.reports, user, body.note)
        return {"action_id": action, "new_event_id": new_id}
    if body.action == "reject":
        return {"action_id": review.reject(conn, event_id, user, body.note)}
    if body.action == "undo":
        return {"action_id": review.undo(conn, event_id, user, body.note)}
    return {"action_id": review.reopen(conn, event_id, user, body.note)}


def _jsonable(value: Any) -> Any:
    """Dates and datetimes as ISO strings (FastAPI would too; explicit keeps the schema simple)."""
    from datetime import datetime

    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float) and value != value:  # NaN
        return None
    return value


__all__ = ["router"]
