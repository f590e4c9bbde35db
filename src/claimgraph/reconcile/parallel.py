"""A full sweep in worker processes: the weeks cut into segments, the segments' sweeps spliced
where they meet.

Why time, not countries: reports without a place, or placed only in a country, fit every site of
their days, and sites 20 km apart across a border join, so places do not cut the reports into
groups that can never merge. Time does not cut them either (an event stays open for weeks), but
the sweep before any week is a small state that depends only on the reports and the analysts'
pins (``Sweep.signature``), and two sweeps in the same state before the same week write the same
events from there on. So:

- the parent cuts the swept weeks into one segment per worker, of about equal numbers of reports
  (the earlier segments shorter by the weeks their worker sweeps past its end), at weeks that no
  analyst-pinned event spans when it can;
- worker k sweeps its segment from a state with no open events (only the month reports still
  waiting, which the database gives exactly), builds its events' rows (consensus included) and
  sends them to the parent, each week's tagged with that week; after each week's closing it
  publishes its signature (for its first ``PUBLISHED`` weeks);
- worker k-1, at the end of its segment, goes on sweeping and compares its signature with worker
  k's for the same week; at the first week where they are equal (the events open at the
  boundary have closed, typically a few weeks) it stops: the parent keeps worker k-1's events up
  to that week and worker k's after it, and drops worker k's before it. If they never meet
  within what worker k published, worker k-1 sweeps on to the end alone and the parent drops the
  later workers: slower, never different.

Only the parent writes, in its own transaction (SQLite has a single writer): the workers read the
reports, the pins and the analysts' values on their own connections, so the caller's transaction
must not have changed those (``reconcile`` uses workers only for a full sweep, never in a review
action). The result is the one-process result, row for row (tested on both backends).
"""

from __future__ import annotations

import multiprocessing
import queue
import traceback
from collections import defaultdict
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from claimgraph.errors import ClaimgraphError
from claimgraph.reconcile.cluster import WEEK, ReportView, Sweep, is_coarse, week_of
from claimgraph.store import schema

PUBLISHED = 52  # weeks of signatures a worker publishes for its predecessor to meet
EXTENSION = 6  # weeks a worker is expected to sweep past its segment (the earlier segments are shorter by as much)
_SWEPT = ("day", "week", "month")  # precisions the sweep places (others stand alone, unless pinned)
_END = "end"


@dataclass(frozen=True, slots=True)
class Segment:
    index: int
    start: date | None  # its first week (None: from the first report)
    end: date | None  # the next segment's first week (None: to the last report)


def worker_url(conn: Connection) -> str | None:
    """The URL worker processes open, or None when they cannot share the caller's database (in memory)."""
    url = conn.engine.url
    if url.get_backend_name() == "sqlite" and (
        not url.database or url.database == ":memory:" or "mode=memory" in url.render_as_string()
    ):
        return None
    return url.render_as_string(hide_password=False)


def swept_weeks(conn: Connection, sweep: Sweep, pinned: Sequence[ReportView]) -> dict[date, int]:
    """Reports placed per week by a full sweep (the weeks it steps through)."""
    r = schema.event_reports
    query = (
        sa.select(r.c.date_low, sa.func.count())
        .where(
            r.c.date_low.is_not(None),
            r.c.date_high.is_not(None),
            sa.func.coalesce(r.c.date_precision, "").in_(_SWEPT),
        )
        .group_by(r.c.date_low)
    )
    weeks: dict[date, int] = defaultdict(int)
    for low, n in conn.execute(query):
        weeks[week_of(low)] += n
    for v in pinned:  # pinned reports of other precisions are placed too; undated ones with their event
        if v.low is not None and v.high is not None and v.precision not in _SWEPT:
            weeks[week_of(v.low)] += 1
        elif v.low is None and (week := sweep.arrival(v)) is not None:
            weeks[week] += 1
    return dict(sorted(weeks.items()))


def plan(weeks: Mapping[date, int], sweep: Sweep, workers: int) -> list[Segment] | None:
    """Segments of about equal work, or None when there are too few weeks to share."""
    if workers < 2 or len(weeks) < 2 * workers:
        return None
    days = list(weeks)
    total = sum(weeks.values())
    extension = EXTENSION * total / len(days)
    last = (total + (workers - 1) * extension) / workers  # the last worker has no extension
    targets = [min(total, (k + 1) * (last - extension)) for k in range(workers - 1)]
    starts: list[date] = []
    seen = 0
    for week in days:
        if targets and seen >= targets[0]:
            targets.pop(0)
            starts.append(_clear_of_pins(week, sweep, days))
        seen += weeks[week]
    starts = sorted({s for s in starts if days[0] < s})
    if not starts:
        return None
    bounds = [None, *starts, None]
    return [Segment(k, bounds[k], bounds[k + 1]) for k in range(len(bounds) - 1)]


def _clear_of_pins(week: date, sweep: Sweep, days: Sequence[date]) -> date:
    """``week``, or the first later one that no pinned event spans (a pinned event open across a
    boundary keeps two sweeps apart until it closes), if that is within four weeks."""
    for candidate in (w for w in days if week <= w < week + 4 * WEEK):
        if not any(first < candidate <= last for first, last in sweep.pin_weeks.values()):
            return candidate
    return week


def sweep_in_parallel(
    conn: Connection,
    url: str,
    segments: Sequence[Segment],
    pins: Mapping[str, str],
    exclusions: Mapping[str, AbstractSet[str]],
    write: Any,
    progress: Any = None,
) -> None:
    """Run one worker per segment and ``write`` (an ``EventRows`` consumer) the rows that the
    spliced sweeps keep, as they arrive."""
    ctx = multiprocessing.get_context("spawn")  # a fresh interpreter: no database handle inherited
    out = ctx.Queue()
    signatures = [ctx.Queue() for _ in segments]  # signatures[k]: worker k's, read by worker k - 1
    met = [ctx.Event() for _ in segments]  # set: worker k's signatures are no longer needed
    cancel = [ctx.Event() for _ in segments]  # set: worker k's rows will all be dropped; stop
    kept_out = {k: frozenset(v) for k, v in exclusions.items()}
    procs = [
        ctx.Process(
            target=_work,
            args=(
                url,
                s,
                dict(pins),
                kept_out,
                out,
                signatures[s.index] if s.index > 0 else None,
                signatures[s.index + 1] if s.index + 1 < len(segments) else None,
                met[s.index],
                met[s.index + 1] if s.index + 1 < len(segments) else None,
                cancel[s.index],
                PUBLISHED,  # read here, so that a test can lower it
            ),
            name=f"claimgraph-reconcile-{s.index}",
            daemon=True,
        )
        for s in segments
    ]
    for p in procs:
        p.start()
    cut: dict[int, date] = {0: date.min}  # worker k's rows are kept for weeks after cut[k]
    held: dict[int, list[tuple[date, Any]]] = defaultdict(list)
    done: set[int] = set()

    def drop_after(k: int) -> None:
        for j in range(k + 1, len(segments)):
            cut[j] = date.max
            held.pop(j, None)
            cancel[j].set()

    def keep(k: int, week: date, rows: Any) -> None:
        if week > cut[k]:
            write(rows)
            if progress is not None and week != date.max:
                progress(week)

    try:
        while len(done) < len(segments):
            try:
                message = out.get(timeout=1.0)
            except queue.Empty:
                for p, s in zip(procs, segments, strict=True):
                    if s.index not in done and p.exitcode not in (None, 0):
                        raise ClaimgraphError(
                            f"reconcile worker {s.index} exited with code {p.exitcode} before it finished; "
                            "run `claimgraph reconcile --full --workers 1`"
                        ) from None
                continue
            kind, k = message[0], message[1]
            if kind == "error":
                raise ClaimgraphError(f"reconcile worker {k} failed:\n{message[2]}")
            if kind == "rows":
                if k in cut:
                    keep(k, message[2], message[3])
                else:
                    held[k].append((message[2], message[3]))
            elif kind == "alone":  # it sweeps to the end: the later workers' rows are all dropped
                drop_after(k)
            elif kind == "done":
                done.add(k)
                met_at = message[2]
                if k + 1 < len(segments) and cut.get(k) != date.max:
                    if met_at is None:
                        drop_after(k)
                    else:
                        cut[k + 1] = met_at
                        for week, rows in held.pop(k + 1, []):
                            keep(k + 1, week, rows)
    finally:
        for e in cancel:
            e.set()
        for q in (out, *signatures):
            _drain(q)
        for p in procs:
            p.join(timeout=10)
            if p.is_alive():
                p.terminate()
                p.join()


def _drain(q: Any) -> None:
    try:
        while True:
            q.get_nowait()
    except (queue.Empty, OSError, ValueError):
        pass


def _work(
    url: str,
    segment: Segment,
    pins: dict[str, str],
    exclusions: dict[str, frozenset[str]],
    out: Any,
    publish: Any,
    follow: Any,
    met: Any,
    successor_met: Any,
    cancel: Any,
    limit: int,
) -> None:
    """One worker process: sweep ``segment`` (and past it, until it meets its successor)."""
    from claimgraph.store.engine import connect

    try:
        engine = connect(url, migrate=False)
        try:
            with engine.connect() as conn:
                _sweep_segment(conn, segment, pins, exclusions, out, publish, follow, met, successor_met, cancel, limit)
        finally:
            engine.dispose()
    except BaseException:  # reported to the parent, which raises it
        out.put(("error", segment.index, traceback.format_exc()))
    finally:
        if publish is not None:
            publish.put(_END)  # (a second one, after PUBLISHED weeks, is never read)


def _sweep_segment(
    conn: Connection,
    segment: Segment,
    pins: dict[str, str],
    exclusions: dict[str, frozenset[str]],
    out: Any,
    publish: Any,
    follow: Any,
    met: Any,
    successor_met: Any,
    cancel: Any,
    limit: int,
) -> None:
    from claimgraph.reconcile import _LOOKBACK, _dated, _undated_pinned, _weeks, event_rows, load_reports

    pinned = load_reports(conn, sorted(pins))
    sweep = Sweep(pins, pinned, exclusions)
    start, end = segment.start, segment.end
    if start is not None:  # the month reports of earlier weeks still waiting at ``start``
        for r in _dated(conn, start - _LOOKBACK):
            if r.low >= start:  # type: ignore[operator]
                break
            if r.id not in pins and is_coarse(r) and not sweep.arrived(r, start):
                sweep.wait(r)
    undated = {w: rs for w, rs in _undated_pinned(sweep, pinned).items() if start is None or w >= start}
    placed = (r for r in _dated(conn, start) if sweep.arrival(r) is not None)  # the parent writes the others
    theirs = _Signatures(follow) if follow is not None else None
    published = 0
    met_at: date | None = None

    def send(week: date, clusters: list) -> None:
        if clusters:
            rows = event_rows(conn, clusters, pins)
            rows.compare_with_stored(conn)  # the database as the run found it: the parent's writes are not visible
            out.put(("rows", segment.index, week, rows))

    for week, reports in _weeks(sweep, placed, undated):
        if cancel.is_set():
            break
        send(week, sweep.close(week))
        signature = None
        if publish is not None and published < limit and not met.is_set():
            signature = sweep.signature()
            publish.put((week, signature))
            published += 1
            if published == limit:
                publish.put(_END)  # the predecessor sweeps on alone if it has not met these
        if theirs is not None and end is not None and week >= end:
            other = theirs.at(week)
            if other is _END:  # the successor stopped before the sweeps met
                theirs = None
                out.put(("alone", segment.index))
            elif other is not None and other == (signature or sweep.signature()):
                met_at = week
                successor_met.set()
                break
        sweep.place(week, reports)
    else:
        send(date.max, sweep.finish())
    if successor_met is not None and met_at is None:
        successor_met.set()
    out.put(("done", segment.index, met_at))


class _Signatures:
    """A successor's published (week, signature) pairs, read in week order."""

    def __init__(self, source: Any) -> None:
        self.source = source
        self.ahead: Any = None
        self.ended = False

    def at(self, week: date) -> Any:
        """The successor's signature for ``week``; None if it did not step that week; ``_END`` if it
        published nothing more."""
        while True:
            if self.ended:
                return _END
            item, self.ahead = (self.ahead, None) if self.ahead is not None else (self.source.get(), None)
            if item == _END:
                self.ended = True
                return _END
            their_week, signature = item
            if their_week == week:
                return signature
            if their_week > week:
                self.ahead = item
                return None


__all__ = ["PUBLISHED", "Segment", "plan", "sweep_in_parallel", "swept_weeks", "worker_url"]
