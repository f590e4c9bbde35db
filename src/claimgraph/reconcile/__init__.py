"""Reconcile: event reports -> canonical events, per-field consensus and conflicts, actor graph.

``reconcile(conn)`` recomputes the canonical layer (``events``, ``event_links``,
``event_fields``, ``actor_edges``) from the assertions and the analysts' decisions, in the
caller's transaction, with memory bounded by a few weeks of reports however large the store:

- reports are read from the database in date order, in pages, and swept week by week
  (``cluster.Sweep``); events are written as soon as they are closed, in batches;
- incremental by default: the sweep resumes at the week of the earliest report not yet linked
  to an event (or named in ``dirty``, e.g. by a review action), from the open events rebuilt out
  of the stored ones, and stops at the first week after the last such report where its open
  events equal the stored ones again; ``full=True`` sweeps everything. Because the sweep
  depends only on the reports and pins, both give the same database;
- created / updated / removed counts compare each event with the one it replaces through a
  temporary table of fingerprints, not a copy of the events in memory;
- a review action passes ``changes`` to learn which stored events a run replaced (with their
  reports) and which it wrote, so that it can check that it changed only the events it names.
"""

from __future__ import annotations

import hashlib
import heapq
import itertools
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from claimgraph.reconcile.cluster import Cluster, ReportView, Sweep, is_coarse, month_of, placed_on, standing, week_of
from claimgraph.reconcile.consensus import compute
from claimgraph.reconcile.developments import reconcile_developments
from claimgraph.reconcile.graph import rebuild_actor_edges
from claimgraph.store import schema

_CHUNK = 500


_LOOKBACK = timedelta(days=45)  # a report ending this long before a week may be in an event still open then
_BATCH = 500  # events written per batch


@dataclass(slots=True)
class ReconcileResult:
    created: int = 0
    updated: int = 0
    removed: int = 0
    weeks: int = 0  # weeks swept
    reports: int = 0  # reports placed


@dataclass(slots=True)
class Changes:
    """The events one or more runs replaced and wrote (kept only when the caller asks for it)."""

    before: dict[str, frozenset[str]] = field(default_factory=dict)  # stored events replaced: id -> report ids
    written: set[str] = field(default_factory=set)  # ids of the events the runs wrote


def _chunks(items: Sequence[str], size: int = _CHUNK) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _pins(conn: Connection) -> dict[str, str]:
    t = schema.analyst_links
    return dict(conn.execute(sa.select(t.c.report_id, t.c.event_id)).all())


def _exclusions(conn: Connection) -> dict[str, frozenset[str]]:
    """Event id -> the reports a review action kept out of it (migration 0007 adds the table; a
    database still migrating through 0006 reconciles without it)."""
    t = schema.analyst_exclusions
    if not sa.inspect(conn).has_table(t.name):
        return {}
    out: dict[str, set[str]] = defaultdict(set)
    for report_id, event_id in conn.execute(sa.select(t.c.report_id, t.c.event_id)):
        out[event_id].add(report_id)
    return {k: frozenset(v) for k, v in out.items()}


def _view(row: Mapping[str, Any]) -> ReportView:
    return ReportView(
        id=row["id"],
        doc_id=row["doc_id"],
        sub_event_type=row["sub_event_type"],
        weapons=tuple(row["weapons"]),
        date=row["date"],
        precision=row["date_precision"],
        low=row["date_low"],
        high=row["date_high"],
        place_id=row["place_id"],
        place_name=row["place_name"],
        lat=row["latitude"],
        lon=row["longitude"],
        country=row["country"],
        admin1=row["admin1"],
        geo_precision=row["geo_precision"],
        actors=tuple(row["actors"]),
        claimed_by=tuple(row["claimed_by"]),
        attributed_to=tuple(row["attributed_to"]),
        unclaimed=bool(row["unclaimed"]),
        target=row["target"],
        vessel=_vessel(row.get("vessel")),
        fatalities=row["fatalities"],
        injuries=row["injuries"],
        published=row["published"],
    )


def _vessel(value: Any) -> tuple[str | None, str | None, str | None] | None:
    if not value:
        return None
    return (value.get("name"), value.get("type"), value.get("flag"))


def _report_query() -> sa.Select:
    r, d = schema.event_reports, schema.documents
    return sa.select(r, d.c.published).join(d, d.c.id == r.c.doc_id)


def load_reports(conn: Connection, ids: Sequence[str]) -> list[ReportView]:
    r = schema.event_reports
    out: list[ReportView] = []
    for chunk in _chunks(ids):
        out.extend(_view(row) for row in conn.execute(_report_query().where(r.c.id.in_(chunk))).mappings())
    return out


def _dated(conn: Connection, since: date | None, page: int = 2000) -> Iterator[ReportView]:
    """Every dated report from ``since`` on, by (date_low, id), read a page at a time."""
    r = schema.event_reports
    last: tuple[date, str] | None = None
    while True:
        query = _report_query().where(r.c.date_low.is_not(None), r.c.date_high.is_not(None))
        if last is not None:
            query = query.where(r.c.date_low >= last[0], sa.or_(r.c.date_low > last[0], r.c.id > last[1]))
        elif since is not None:
            query = query.where(r.c.date_low >= since)
        rows = conn.execute(query.order_by(r.c.date_low, r.c.id).limit(page)).mappings().all()
        if not rows:
            return
        yield from map(_view, rows)
        last = (rows[-1]["date_low"], rows[-1]["id"])


def _undated(conn: Connection, page: int = 2000) -> Iterator[ReportView]:
    r = schema.event_reports
    last = ""
    while True:
        query = _report_query().where(sa.or_(r.c.date_low.is_(None), r.c.date_high.is_(None)), r.c.id > last)
        rows = conn.execute(query.order_by(r.c.id).limit(page)).mappings().all()
        if not rows:
            return
        yield from map(_view, rows)
        last = rows[-1]["id"]


def _analyst(conn: Connection, event_ids: Iterable[str]) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    fields: dict[str, dict[str, Any]] = {}
    status: dict[str, str] = {}
    ids = sorted(set(event_ids))
    for chunk in _chunks(ids):
        t = schema.analyst_fields
        for event_id, name, value in conn.execute(
            sa.select(t.c.event_id, t.c.field, t.c.value).where(t.c.event_id.in_(chunk))
        ):
            fields.setdefault(event_id, {})[name] = value
        s = schema.analyst_status
        status.update(conn.execute(sa.select(s.c.event_id, s.c.status).where(s.c.event_id.in_(chunk))).all())
    return fields, status


def _old_events(conn: Connection, event_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Stored events by id, each with its sorted report ids under ``_reports``."""
    links, events = schema.event_links, schema.events
    old: dict[str, dict[str, Any]] = {}
    for chunk in _chunks(event_ids):
        for row in conn.execute(sa.select(events).where(events.c.id.in_(chunk))).mappings():
            old[row["id"]] = dict(row, _reports=[])
    for chunk in _chunks(sorted(old)):
        for report_id, event_id in conn.execute(
            sa.select(links.c.report_id, links.c.event_id).where(links.c.event_id.in_(chunk))
        ):
            old[event_id]["_reports"].append(report_id)
    for row in old.values():
        row["_reports"].sort()
    return old


def _fingerprint(row: dict[str, Any]) -> str:
    return hashlib.sha1(json.dumps(row, sort_keys=True, default=str).encode()).hexdigest()


@dataclass(slots=True)
class EventRows:
    """Closed clusters as the rows the writer inserts: built where the sweep ran (a worker process
    of a parallel sweep builds its own, so that the writer only inserts)."""

    ids: list[str] = field(default_factory=list)
    reports: list[list[str]] = field(default_factory=list)  # each event's report ids, sorted
    events: list[dict[str, Any]] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)
    fields: list[dict[str, Any]] = field(default_factory=list)
    # built by a worker: the stored events (as the run found them) these events overlap, with their
    # fingerprints, and the fingerprints of those events written again; None: the writer looks
    old: dict[str, str] | None = None
    again: dict[str, str] = field(default_factory=dict)

    def extend(self, other: EventRows) -> None:
        self.ids += other.ids
        self.reports += other.reports
        self.events += other.events
        self.links += other.links
        self.fields += other.fields
        if other.old is not None:
            self.old = {**(self.old or {}), **other.old}
            self.again.update(other.again)

    def compare_with_stored(self, conn: Connection) -> None:
        """Fill ``old`` and ``again`` from the stored events (a worker's view, before the run)."""
        links = schema.event_links
        old_ids = set(conn.execute(sa.select(schema.events.c.id).where(schema.events.c.id.in_(self.ids))).scalars())
        for chunk in _chunks([rid for members in self.reports for rid in members]):
            old_ids.update(conn.execute(sa.select(links.c.event_id).where(links.c.report_id.in_(chunk))).scalars())
        stored = _old_events(conn, sorted(old_ids))
        self.old = {event_id: _fingerprint(row) for event_id, row in stored.items()}
        self.again = {
            row["id"]: _fingerprint(dict(row, _reports=members))
            for members, row in zip(self.reports, self.events, strict=True)
            if row["id"] in stored
        }


def event_rows(conn: Connection, clusters: Sequence[Cluster], pins: Mapping[str, str]) -> EventRows:
    """The events, links and field values of ``clusters``: consensus with the analysts' values."""
    out = EventRows()
    out.ids = [c.event_id() for c in clusters]
    analyst_fields, status = _analyst(conn, out.ids)
    for c, event_id in zip(clusters, out.ids, strict=True):
        reports = sorted(c.reports, key=lambda r: r.sort_key)
        consensus = compute(reports, analyst_fields.get(event_id))
        out.events.append({"id": event_id, **consensus.row, "review_status": status.get(event_id, "unreviewed")})
        out.reports.append(sorted(r.id for r in reports))
        out.links += [
            {"report_id": r.id, "event_id": event_id, "origin": "analyst" if r.id in pins else "machine"}
            for r in reports
        ]
        out.fields += [
            {
                "event_id": event_id,
                "field": fv.field,
                "value_key": fv.key,
                "value": fv.value,
                "report_ids": fv.report_ids,
                "doc_ids": fv.doc_ids,
                "is_consensus": fv.is_consensus,
                "origin": fv.origin,
            }
            for fv in consensus.values
        ]
    return out


_replaced = sa.Table(  # per transaction: fingerprints of the stored events this run replaced
    "claimgraph_reconcile_replaced",
    sa.MetaData(),
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("fingerprint", sa.String(40), nullable=False),
    sa.Column("reach", sa.Date),
    sa.Column("written", sa.Boolean, nullable=False, default=False),  # written again (a parallel sweep keeps it)
    prefixes=["TEMPORARY"],
)


class _Writer:
    """Writes closed clusters as events in batches, replacing the stored events they overlap.

    ``reach`` is the last week a replaced stored event could still have been open: an
    incremental sweep must not stop before it (the stored state it compares with no longer
    holds that event).
    """

    def __init__(
        self,
        conn: Connection,
        result: ReconcileResult,
        pins: Mapping[str, str],
        progress: Progress | None = None,
        changes: Changes | None = None,
    ) -> None:
        self.conn = conn
        self.pins = pins
        self.progress = progress
        self.changes = changes
        self.sweep: Sweep | None = None  # set while an incremental sweep runs
        self.result = result
        self.pending: list[Cluster] = []
        self.pending_rows = EventRows()
        # a parallel sweep: stored events written again stay in the table of replaced ones (flagged),
        # since the workers' lists of stored events cannot tell a stored event from its new version
        self.keep_written = False
        self.reach = date.min
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {_replaced.name}")
        _replaced.create(conn)

    def week(self, week: date) -> None:
        self.result.weeks += 1
        if self.progress is not None:
            self.progress(self.result, week)

    def add(self, clusters: Iterable[Cluster]) -> None:
        self.pending.extend(clusters)
        if len(self.pending) >= _BATCH:
            self.flush()

    def add_rows(self, rows: EventRows) -> None:
        """Rows built elsewhere (by a worker process), written in batches like clusters."""
        self.pending_rows.extend(rows)
        if len(self.pending_rows.ids) >= _BATCH:
            self.flush()

    def flush(self) -> None:
        clusters, self.pending = self.pending, []
        if clusters:
            self.write(event_rows(self.conn, clusters, self.pins))
        rows, self.pending_rows = self.pending_rows, EventRows()
        self.write(rows)

    def write(self, rows: EventRows) -> None:
        """Replace the stored events these rows overlap, insert the rows, count what changed."""
        if not rows.ids:
            return
        conn, links = self.conn, schema.event_links
        ids = rows.ids
        if rows.old is not None:
            self._replace_known(rows.old)
        else:
            old_ids = set(conn.execute(sa.select(schema.events.c.id).where(schema.events.c.id.in_(ids))).scalars())
            for chunk in _chunks([rid for members in rows.reports for rid in members]):
                old_ids.update(conn.execute(sa.select(links.c.event_id).where(links.c.report_id.in_(chunk))).scalars())
            self._replace(sorted(old_ids))
        if self.changes is not None:  # after replacing: a stored event written again is still an original
            self.changes.written.update(ids)
        for table, values in (
            (schema.events, rows.events),
            (schema.event_links, rows.links),
            (schema.event_fields, rows.fields),
        ):
            if values:
                conn.execute(table.insert(), values)
        before = dict(
            conn.execute(sa.select(_replaced.c.id, _replaced.c.fingerprint).where(_replaced.c.id.in_(ids))).all()
        )
        for members, row in zip(rows.reports, rows.events, strict=True):
            self.result.reports += len(members)
            if row["id"] not in before:
                self.result.created += 1
            elif before[row["id"]] != (
                rows.again[row["id"]] if rows.old is not None else _fingerprint(dict(row, _reports=members))
            ):
                self.result.updated += 1
        if self.keep_written:
            conn.execute(_replaced.update().where(_replaced.c.id.in_(ids)).values(written=True))
        else:
            conn.execute(_replaced.delete().where(_replaced.c.id.in_(ids)))

    def _replace_known(self, old: Mapping[str, str]) -> None:
        """Delete the stored events a worker found (those not replaced yet), keeping the
        fingerprints it computed: the writer need not read them."""
        conn, links = self.conn, schema.event_links
        ids = sorted(old)
        known: set[str] = set()
        for chunk in _chunks(ids):
            known.update(conn.execute(sa.select(_replaced.c.id).where(_replaced.c.id.in_(chunk))).scalars())
        fresh = [i for i in ids if i not in known]
        for chunk in _chunks(fresh):
            conn.execute(schema.events.delete().where(schema.events.c.id.in_(chunk)))
            conn.execute(schema.event_fields.delete().where(schema.event_fields.c.event_id.in_(chunk)))
            conn.execute(links.delete().where(links.c.event_id.in_(chunk)))
        if fresh:
            conn.execute(_replaced.insert(), [{"id": i, "fingerprint": old[i]} for i in fresh])

    def _replace(self, event_ids: Sequence[str]) -> None:
        """Delete stored events (fingerprints kept for the counts), with their fields and links."""
        conn = self.conn
        old = _old_events(conn, event_ids)
        if not old:
            return
        if self.changes is not None:
            for event_id, row in old.items():
                if event_id not in self.changes.before and event_id not in self.changes.written:
                    self.changes.before[event_id] = frozenset(row["_reports"])
        links = schema.event_links
        if self.sweep is not None:  # incremental: the sweep may not stop while these could be open
            views = {v.id: v for v in load_reports(conn, [rid for row in old.values() for rid in row["_reports"]])}
            for row in old.values():
                members = [views[rid] for rid in row["_reports"] if rid in views]
                self.reach = max(self.reach, self.sweep.closes_on(members))
        for chunk in _chunks(sorted(old)):
            conn.execute(schema.events.delete().where(schema.events.c.id.in_(chunk)))
            conn.execute(schema.event_fields.delete().where(schema.event_fields.c.event_id.in_(chunk)))
            conn.execute(links.delete().where(links.c.event_id.in_(chunk)))
        known = set(
            conn.execute(sa.select(_replaced.c.id).where(_replaced.c.id.in_(list(old)))).scalars()
        )  # an event replaced twice keeps its first (stored) fingerprint
        rows = [{"id": i, "fingerprint": _fingerprint(row)} for i, row in old.items() if i not in known]
        if rows:
            conn.execute(_replaced.insert(), rows)

    def close(self) -> None:
        self.flush()
        conn = self.conn
        orphans = sa.select(schema.event_links.c.event_id)
        self.result.removed = (
            conn.execute(sa.select(sa.func.count()).select_from(_replaced).where(~_replaced.c.written)).scalar() or 0
        )
        self.result.removed += conn.execute(schema.events.delete().where(schema.events.c.id.not_in(orphans))).rowcount
        conn.execute(schema.event_fields.delete().where(schema.event_fields.c.event_id.not_in(orphans)))
        conn.exec_driver_sql(f"DROP TABLE {_replaced.name}")


def _pinned_static(sweep: Sweep, pinned: Iterable[ReportView]) -> dict[str, list[ReportView]]:
    """Pinned events without a dated report: written outside the sweep, as they are."""
    out: dict[str, list[ReportView]] = defaultdict(list)
    for r in pinned:
        if sweep.arrival(r) is None:
            out[sweep.pins[r.id]].append(r)
    return out


def _stored_open(conn: Connection, sweep: Sweep, week: date) -> list[list[ReportView]]:
    """Stored events that may be open before ``week``, with all their reports."""
    r, links = schema.event_reports, schema.event_links
    ids = set(
        conn.execute(
            sa.select(links.c.event_id)
            .join(r, r.c.id == links.c.report_id)
            .where(r.c.date_high >= week - _LOOKBACK, r.c.date_low < week)
            .distinct()
        ).scalars()
    )
    ids.update(event_id for event_id, (_, last) in sweep.pin_weeks.items() if last >= week)
    members: dict[str, list[str]] = defaultdict(list)
    for chunk in _chunks(sorted(ids)):
        for report_id, event_id in conn.execute(
            sa.select(links.c.report_id, links.c.event_id).where(links.c.event_id.in_(chunk))
        ):
            members[event_id].append(report_id)
    views = {v.id: v for v in load_reports(conn, [rid for rids in members.values() for rid in rids])}
    return [[views[rid] for rid in sorted(rids)] for _, rids in sorted(members.items())]


def _stored_state(conn: Connection, sweep: Sweep, pinned: Sequence[ReportView], week: date) -> set:
    probe = Sweep(sweep.pins, pinned, sweep.exclusions)
    probe.resume(week, _stored_open(conn, probe, week))
    return probe.state()


def _weeks(
    sweep: Sweep, reports: Iterable[ReportView], undated_pinned: Mapping[date, list[ReportView]]
) -> Iterator[tuple[date, list[ReportView]]]:
    """Reports (in date order) grouped by the week they enter the sweep, with the undated pinned
    reports of that week; reports that stand outside the sweep are skipped."""
    dated = ((week, r) for r in reports if (week := sweep.arrival(r)) is not None)
    extra = ((week, r) for week in sorted(undated_pinned) for r in undated_pinned[week])
    merged = heapq.merge(dated, extra, key=lambda item: item[0])
    for week, items in itertools.groupby(merged, key=lambda item: item[0]):
        yield week, [r for _, r in items]


Progress = Callable[[ReconcileResult, date], None]


def reconcile(
    conn: Connection,
    *,
    full: bool = False,
    dirty: Iterable[str] = (),
    progress: Progress | None = None,
    changes: Changes | None = None,
    workers: int = 1,
) -> ReconcileResult:
    """Recompute the canonical events touched by new reports (or all, with ``full``).

    ``progress`` is called once per week swept, with the counts so far and the week's Monday;
    ``changes``, when given, collects the events replaced and written. ``workers`` > 1 runs a full
    sweep (``full``, or an incremental run that sweeps everything) in that many processes, with the
    same result (``reconcile.parallel``): they read the committed database, so the caller's
    transaction must not have changed reports or analysts' decisions.
    """
    result = ReconcileResult()
    named = set(dirty)
    pins = _pins(conn)
    kept_out = _exclusions(conn)
    pinned = load_reports(conn, sorted(pins))
    writer = _Writer(conn, result, pins, progress, changes)
    for _ in range(3):  # a second pass only if the first left a report without an event
        sweep = Sweep(pins, pinned, kept_out)
        static = _pinned_static(sweep, pinned)
        if full:
            _sweep_all(conn, sweep, writer, pinned, static, workers)
        else:
            regions, standing_reports = _dirty(conn, sweep, named, static)
            if not regions and not standing_reports:
                break
            if _cheaper_in_full(conn, regions):
                _sweep_all(conn, sweep, writer, pinned, static, workers)
                regions, standing_reports = [], []
            writer.add(standing(standing_reports, pins))
            stopped = date.min
            for start, end in regions:
                if end < stopped:
                    continue  # the previous stretch's sweep went past this one
                stopped = _sweep_from(conn, Sweep(pins, pinned, kept_out), writer, pinned, start, end, named)
        writer.flush()
        full, named = False, set()
        if not _unlinked_exists(conn):
            break
    writer.close()
    reconcile_developments(conn)
    rebuild_actor_edges(conn)
    return result


def _undated_pinned(sweep: Sweep, pinned: Iterable[ReportView]) -> dict[date, list[ReportView]]:
    out: dict[date, list[ReportView]] = defaultdict(list)
    for r in pinned:
        start = sweep.arrival(r)
        if r.low is None and start is not None:
            out[start].append(r)
    return out


def _sweep_all(
    conn: Connection,
    sweep: Sweep,
    writer: _Writer,
    pinned: Sequence[ReportView],
    static: Mapping[str, list],
    workers: int = 1,
) -> None:
    pins = sweep.pins
    writer.add(standing([r for members in static.values() for r in members], pins))
    for r in _undated(conn):
        if r.id not in pins:
            writer.add([Cluster([r])])
    if workers > 1 and _sweep_in_workers(conn, sweep, writer, pinned, workers):
        return

    def dated() -> Iterator[ReportView]:
        for r in _dated(conn, None):
            if r.id not in pins and sweep.arrival(r) is None:
                writer.add([Cluster([r])])  # a year, or no precision: stands alone
            else:
                yield r

    for week, reports in _weeks(sweep, dated(), _undated_pinned(sweep, pinned)):
        writer.week(week)
        writer.add(sweep.step(week, reports))
    writer.add(sweep.finish())


def _sweep_in_workers(
    conn: Connection, sweep: Sweep, writer: _Writer, pinned: Sequence[ReportView], workers: int
) -> bool:
    """The dated part of a full sweep in ``workers`` processes; False (nothing done) when the store
    is too small to share or lives in memory."""
    from claimgraph.reconcile import parallel

    url = parallel.worker_url(conn)
    weeks = parallel.swept_weeks(conn, sweep, pinned) if url else {}
    segments = parallel.plan(weeks, sweep, workers)
    if url is None or segments is None:
        return False
    writer.flush()
    writer.keep_written = True
    r = schema.event_reports
    alone = sa.and_(  # dated reports the sweep does not place (a year, no precision): the workers skip them
        r.c.date_low.is_not(None),
        r.c.date_high.is_not(None),
        sa.func.coalesce(r.c.date_precision, "").not_in(("day", "week", "month")),
    )
    for row in conn.execute(_report_query().where(alone).order_by(r.c.date_low, r.c.id)).mappings():
        if row["id"] not in sweep.pins:
            writer.add([Cluster([_view(row)])])
    writer.result.weeks += len(weeks)

    def progress(week: date) -> None:
        if writer.progress is not None:
            writer.progress(writer.result, week)

    parallel.sweep_in_parallel(conn, url, segments, sweep.pins, sweep.exclusions, writer.add_rows, progress)
    writer.flush()
    writer.keep_written = False
    return True


def _sweep_from(
    conn: Connection,
    sweep: Sweep,
    writer: _Writer,
    pinned: Sequence[ReportView],
    start: date,
    end: date,
    named: set[str],
) -> date:
    """Sweep from ``start``; after ``end``, stop at the first week whose open events equal the
    stored ones, once every ``named`` report's event is written (its consensus may change).
    Returns the week it stopped before (``date.max``: it swept to the end)."""
    writer.sweep = sweep
    sweep.resume(start, _stored_open(conn, sweep, start))
    for r in _dated(conn, start - _LOOKBACK):
        if r.low >= start:  # type: ignore[operator]
            break
        if r.id not in sweep.pins and is_coarse(r) and not sweep.arrived(r, start):
            sweep.wait(r)
    undated = {w: rs for w, rs in _undated_pinned(sweep, pinned).items() if w >= start}
    stopped = date.max
    dirty = set(named)  # reports whose stored event (if any) the sweep must rewrite
    for week, reports in _weeks(sweep, _dated(conn, start), undated):
        writer.week(week)
        if week > end:
            writer.add(sweep.close(week))
            writer.flush()
            if (
                week >= writer.reach
                and not any(r.id in dirty for c in sweep.open for r in c.reports)
                and sweep.state() == _stored_state(conn, sweep, pinned, week)
            ):
                stopped = week  # from here on the stored events are what the sweep would write
                break
        dirty.update(_unlinked(conn, [r.id for r in reports]))  # no stored event: the states cannot meet yet
        writer.add(sweep.step(week, reports))
    else:
        writer.add(sweep.finish())
    writer.flush()
    writer.sweep = None
    return stopped


def _cheaper_in_full(conn: Connection, regions: Sequence[tuple[date, date]]) -> bool:
    """Whether the stretches to sweep (each ~6 weeks longer, until it meets the stored events, and
    dearer per week: it rebuilds open events and compares) cover most of the store: a full sweep,
    which gives the same result, is then faster."""
    r = schema.event_reports
    first, last = conn.execute(sa.select(sa.func.min(r.c.date_low), sa.func.max(r.c.date_low))).one()
    if first is None:
        return False
    weeks = (last - first).days / 7 + 1
    return sum((end - start).days / 7 + 7 for start, end in regions) >= 0.6 * weeks


def _unlinked(conn: Connection, report_ids: Sequence[str]) -> set[str]:
    links = schema.event_links
    linked: set[str] = set()
    for chunk in _chunks(report_ids):
        linked.update(conn.execute(sa.select(links.c.report_id).where(links.c.report_id.in_(chunk))).scalars())
    return set(report_ids) - linked


def _unlinked_exists(conn: Connection) -> bool:
    r, links = schema.event_reports, schema.event_links
    query = sa.select(r.c.id).where(~sa.exists().where(links.c.report_id == r.c.id)).limit(1)
    return conn.execute(query).first() is not None


def _dirty(
    conn: Connection, sweep: Sweep, dirty: set[str], static: Mapping[str, list[ReportView]]
) -> tuple[list[tuple[date, date]], list[ReportView]]:
    """The stretches of weeks to sweep, as (first week, last week it must cover), and the dirty
    reports that stand outside the sweep.

    Dirty reports are those named by the caller and those not linked to any event yet. A day's
    news also reports attacks of months ago: each stretch of dirty weeks is swept on its own (a
    sweep that runs into the next stretch covers it), so the weeks between are not swept again.
    """
    r, links = schema.event_reports, schema.event_links
    unlinked = ~sa.exists().where(links.c.report_id == r.c.id)
    spans: set[tuple[date, date]] = set()
    standing_reports: list[ReportView] = []
    seen_static: set[str] = set()

    def note(v: ReportView) -> None:
        week = sweep.arrival(v)
        if week is None:
            event_id = sweep.pins.get(v.id)
            if event_id is None:
                standing_reports.append(v)
            elif event_id not in seen_static:
                seen_static.add(event_id)
                standing_reports.extend(static.get(event_id, [v]))
            return
        last = week
        if v.id not in sweep.pins and is_coarse(v):
            last = max(last, week_of(placed_on(month_of(v.low))))  # type: ignore[arg-type]
        spans.add((week, last))

    for v in load_reports(conn, sorted(dirty)):
        note(v)
    # unlinked reports the sweep can place: by their distinct first days (a few thousand at most)
    sweepable = sa.and_(
        r.c.date_low.is_not(None),
        r.c.date_high.is_not(None),
        sa.func.coalesce(r.c.date_precision, "").in_(("day", "week", "month")),
    )
    for low, precision in conn.execute(
        sa.select(r.c.date_low, r.c.date_precision).where(unlinked, sweepable).distinct()
    ):
        week = week_of(low)
        spans.add((week, week_of(placed_on(month_of(low))) if precision == "month" else week))
    for row in conn.execute(_report_query().where(unlinked, ~sweepable)).mappings():
        v = _view(row)
        if v.id not in dirty:
            note(v)
    regions: list[tuple[date, date]] = []
    for start, end in sorted(spans):
        if regions and start <= regions[-1][1]:
            regions[-1] = (regions[-1][0], max(regions[-1][1], end))
        else:
            regions.append((start, end))
    return regions, standing_reports


__all__ = ["Changes", "ReconcileResult", "load_reports", "reconcile"]
