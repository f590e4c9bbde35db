"""How a review action is applied (``store.review`` holds the actions themselves).

- ``Journal`` writes the analyst rows of one action (``analyst_links``, ``analyst_fields``,
  ``analyst_status``, ``analyst_exclusions``, ``event_redirects``) and keeps every row it replaces:
  what ``restore`` (undo) puts back. Its rows carry the action id ``PENDING`` until ``commit``
  appends the audit row and gives them its id.
- ``perform`` applies an action's rows, reconciles, and *settles*: every event the action does not
  name must come out as it went in. A report of another event that the machine would now pull
  into a named one is kept out of it (an exclusion); an event that would still change (a
  month-precision report choosing among events) is held where it was (its reports pinned).
- ``describe`` says what moved where and which values changed; ``dry`` runs an action in a
  savepoint and rolls it back (a preview).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from claimgraph.errors import ClaimgraphError
from claimgraph.models import EDITABLE
from claimgraph.reconcile import Changes, reconcile
from claimgraph.store import schema
from claimgraph.store.engine import now

PENDING = 0  # the action id of the rows an action writes, until its audit row exists
_EXCLUDE_ROUNDS = 10  # settle: rounds that keep reports out before holding events in place
_ROUNDS = 40
ANALYST_TABLES = (
    schema.analyst_links,
    schema.analyst_fields,
    schema.analyst_status,
    schema.analyst_exclusions,
    schema.event_redirects,
)


# -- reading --------------------------------------------------------------------------------------------


def members(conn: Connection, event_ids: Iterable[str]) -> dict[str, frozenset[str]]:
    """Event id -> its report ids, for those of ``event_ids`` that exist."""
    t = schema.event_links
    ids = sorted(set(event_ids))
    out: dict[str, set[str]] = {}
    for i in range(0, len(ids), 500):
        for report_id, event_id in conn.execute(
            sa.select(t.c.report_id, t.c.event_id).where(t.c.event_id.in_(ids[i : i + 500]))
        ):
            out.setdefault(event_id, set()).add(report_id)
    return {k: frozenset(v) for k, v in out.items()}


def report_events(conn: Connection, report_ids: Iterable[str]) -> dict[str, str]:
    """Report id -> the event it is in."""
    t = schema.event_links
    ids = sorted(set(report_ids))
    out: dict[str, str] = {}
    for i in range(0, len(ids), 500):
        out.update(
            conn.execute(sa.select(t.c.report_id, t.c.event_id).where(t.c.report_id.in_(ids[i : i + 500]))).all()
        )
    return out


_PLACE = {  # a place as analyst_fields stores it: key -> events column
    "name": "place_name",
    "place_id": "place_id",
    "latitude": "latitude",
    "longitude": "longitude",
    "country": "country",
    "admin1": "admin1",
    "geo_precision": "geo_precision",
}


def event_values(e: Mapping[str, Any]) -> dict[str, Any]:
    """An events row's editable fields, in the form ``analyst_fields`` stores."""
    out = {name: e[name] for name in EDITABLE if name not in ("date", "place")}
    out["date"] = None
    if e["date"] is not None:
        out["date"] = {
            "date": e["date"].isoformat(),
            "precision": e["date_precision"],
            "low": e["date_low"].isoformat(),
            "high": e["date_high"].isoformat(),
        }
    unplaced = e["place_name"] is None and e["geo_precision"] is None
    out["place"] = None if unplaced else {k: e[column] for k, column in _PLACE.items()}
    return {name: out[name] for name in EDITABLE}


def all_values(conn: Connection, event_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    e = schema.events
    ids = sorted(set(event_ids))
    rows = conn.execute(sa.select(e).where(e.c.id.in_(ids))).mappings() if ids else []
    return {r["id"]: {**event_values(r), "review_status": r["review_status"]} for r in rows}


def value_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


# -- the journal ---------------------------------------------------------------------------


class Journal:
    """Writes analyst rows for one action, remembering each row it replaces (for undo)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.entries: list[dict[str, Any]] = []
        self._seen: set[tuple[str, str]] = set()

    def _remember(self, table: sa.Table, keys: Sequence[dict[str, Any]]) -> None:
        fresh = [k for k in keys if (table.name, value_key(k)) not in self._seen]
        if not fresh:
            return
        cols = list(fresh[0])
        found: dict[str, dict[str, Any]] = {}
        if len(cols) == 1:
            col = table.c[cols[0]]
            values = [k[cols[0]] for k in fresh]
            for i in range(0, len(values), 500):
                for row in self.conn.execute(sa.select(table).where(col.in_(values[i : i + 500]))).mappings():
                    found[value_key({cols[0]: row[cols[0]]})] = dict(row)
        else:
            for k in fresh:
                query = sa.select(table).where(*(table.c[c] == v for c, v in k.items()))
                for row in self.conn.execute(query).mappings():
                    found[value_key(k)] = dict(row)
        for k in fresh:
            self._seen.add((table.name, value_key(k)))
            self.entries.append({"table": table.name, "key": k, "before": found.get(value_key(k))})

    def _delete(self, table: sa.Table, keys: Sequence[dict[str, Any]]) -> None:
        cols = list(keys[0])
        if len(cols) == 1:
            values = [k[cols[0]] for k in keys]
            for i in range(0, len(values), 500):
                self.conn.execute(table.delete().where(table.c[cols[0]].in_(values[i : i + 500])))
        else:
            for k in keys:
                self.conn.execute(table.delete().where(*(table.c[c] == v for c, v in k.items())))

    def put(self, table: sa.Table, rows: Sequence[dict[str, Any]], key: Sequence[str]) -> None:
        """Insert ``rows`` (replacing any with the same ``key``), marked with the pending action."""
        if not rows:
            return
        keys = [{c: r[c] for c in key} for r in rows]
        self._remember(table, keys)
        self._delete(table, keys)
        self.conn.execute(table.insert(), [{**r, "action_id": PENDING} for r in rows])

    def delete(self, table: sa.Table, keys: Sequence[dict[str, Any]]) -> None:
        if not keys:
            return
        self._remember(table, keys)
        self._delete(table, keys)

    def pin(self, report_ids: Iterable[str], event_id: str) -> None:
        """Place reports in an event; an earlier action's keeping them out of it no longer holds."""
        reports = sorted(report_ids)
        self.put(schema.analyst_links, [{"report_id": r, "event_id": event_id} for r in reports], ["report_id"])
        t = schema.analyst_exclusions
        kept_out = set()
        for i in range(0, len(reports), 500):
            chunk = reports[i : i + 500]
            query = sa.select(t.c.report_id).where(t.c.event_id == event_id, t.c.report_id.in_(chunk))
            kept_out.update(self.conn.execute(query).scalars())
        self.delete(t, [{"report_id": r, "event_id": event_id} for r in sorted(kept_out)])

    def status(self, event_id: str, status: str | None) -> None:
        if status is None:
            self.delete(schema.analyst_status, [{"event_id": event_id}])
        else:
            self.put(schema.analyst_status, [{"event_id": event_id, "status": status}], ["event_id"])

    def set_field(self, event_id: str, name: str, value: Any) -> None:
        self.put(schema.analyst_fields, [{"event_id": event_id, "field": name, "value": value}], ["event_id", "field"])

    def touched_reports(self) -> set[str]:
        """Reports whose pins or exclusions this action wrote (reconcile must revisit them)."""
        return {
            e["key"]["report_id"]
            for e in self.entries
            if e["table"] in (schema.analyst_links.name, schema.analyst_exclusions.name)
        }


def restore(conn: Connection, entries: Sequence[dict[str, Any]]) -> set[str]:
    """Put back the rows a journal replaced (undo); returns the reports whose pins or exclusions changed."""
    tables = {t.name: t for t in ANALYST_TABLES}
    reports: set[str] = set()
    for entry in reversed(entries):
        table, key = tables[entry["table"]], entry["key"]
        conn.execute(table.delete().where(*(table.c[c] == v for c, v in key.items())))
        if entry["before"] is not None:
            conn.execute(table.insert().values(**entry["before"]))
        if "report_id" in key:
            reports.add(key["report_id"])
    return reports


# -- the outcome of an action -------------------------------------------------------------------------


@dataclass(slots=True)
class Outcome:
    """What an action did (or, previewed, would do): the ``detail`` of its audit row."""

    events: list[str]  # the events the action names
    moves: list[dict[str, Any]] = field(default_factory=list)  # {"report", "from", "to"}
    values: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)  # event -> field -> before/after
    kept_out: list[list[str]] = field(default_factory=list)  # [report, event]: kept out of a named event
    held: list[str] = field(default_factory=list)  # events outside held as they were
    redirects: dict[str, str] = field(default_factory=dict)  # retired id -> where its reports went
    extra: dict[str, Any] = field(default_factory=dict)  # per action: new_event, chosen, merged, ...
    restore: list[dict[str, Any]] = field(default_factory=list)  # the journal: rows undo puts back

    def summary(self) -> dict[str, Any]:
        """The outcome without the undo journal (what a preview returns)."""
        return {
            "events": self.events,
            "moves": self.moves,
            "values": self.values,
            "kept_out": self.kept_out,
            "held": self.held,
            "redirects": self.redirects,
            **self.extra,
        }

    def detail(self) -> dict[str, Any]:
        return {**self.summary(), "restore": self.restore}


def settle(conn: Connection, journal: Journal, named: set[str], dirty: set[str], changes: Changes) -> Outcome:
    """Reconcile until no event outside ``named`` differs from what it was before the action."""
    kept_out: list[list[str]] = []
    held: list[str] = []
    for round_ in range(_ROUNDS):
        reconcile(conn, dirty=sorted(dirty), changes=changes)
        final = members(conn, set(changes.before) | changes.written)
        outside = {e: reps for e, reps in changes.before.items() if e not in named}
        changed = sorted(e for e, reps in outside.items() if final.get(e, frozenset()) != reps)
        if not changed:
            return Outcome(events=sorted(named), kept_out=kept_out, held=held)
        came_from = {r: e for e, reps in outside.items() for r in reps}
        pairs = sorted((r, e) for e in named for r in final.get(e, ()) if r in came_from)  # pulled in
        if not pairs:  # lost a report some other way (a month report now fitting a named event too):
            done = {(r, e) for r, e in kept_out}  # keep the reports of the changed events out of the named ones
            pairs = sorted(
                (r, e) for c in changed for r in outside[c] for e in named if e in final and (r, e) not in done
            )
        dirty = set()
        if pairs and round_ < _EXCLUDE_ROUNDS:
            journal.put(
                schema.analyst_exclusions,
                [{"report_id": r, "event_id": e} for r, e in pairs],
                ["report_id", "event_id"],
            )
            kept_out += [[r, e] for r, e in pairs]
            for _, e in pairs:
                dirty |= final.get(e, frozenset())
        else:  # hold them where they were
            for e in changed:
                journal.pin(outside[e], e)
                if e not in held:
                    held.append(e)
        for e in changed:
            dirty |= outside[e] | final.get(e, frozenset())
    raise ClaimgraphError(
        f"review: events outside {', '.join(sorted(named))} kept changing; nothing was changed (please report this)"
    )


def perform(conn: Connection, named: Sequence[str], change: Callable[[Journal], None]) -> Outcome:
    """Apply ``change`` (analyst rows) for the events ``named``, reconcile and settle; the outcome."""
    named_set = set(named)
    before = members(conn, named_set)
    values_before = all_values(conn, named_set)
    journal = Journal(conn)
    change(journal)
    dirty = set().union(*before.values()) | journal.touched_reports()
    outcome = settle(conn, journal, named_set, dirty, Changes())
    outcome.events = list(named)
    after = members(conn, named_set)
    t = schema.event_redirects
    stale = conn.execute(sa.select(t.c.event_id).where(t.c.event_id.in_(sorted(after)))).scalars().all()
    journal.delete(t, [{"event_id": event_id} for event_id in stale])  # an event that exists is no redirect
    describe(conn, outcome, before, after, values_before)
    outcome.restore = journal.entries
    return outcome


def describe(
    conn: Connection,
    outcome: Outcome,
    before: Mapping[str, frozenset[str]],
    after: Mapping[str, frozenset[str]],
    values_before: Mapping[str, dict[str, Any]],
) -> None:
    """Fill in what moved where and the values that changed, for the events of ``values_before``
    and ``after`` (the events the action names)."""
    origin = {r: e for e, reps in before.items() for r in reps}
    now_in = report_events(conn, set(origin).union(*after.values()))
    outcome.moves = [
        {"report": r, "from": origin.get(r), "to": now_in.get(r)}
        for r in sorted(now_in.keys() | origin.keys())
        if origin.get(r) != now_in.get(r)
    ]
    ids = sorted(set(values_before) | set(after) | set(outcome.events))
    values_after = all_values(conn, ids)
    for event_id in ids:
        old, new = values_before.get(event_id), values_after.get(event_id)
        diff = {
            name: {"before": None if old is None else old[name], "after": None if new is None else new[name]}
            for name in (*EDITABLE, "review_status")
            if value_key(None if old is None else old[name]) != value_key(None if new is None else new[name])
        }
        if diff:
            outcome.values[event_id] = diff


def commit(conn: Connection, outcome: Outcome, action: str, event_id: str, user: str, note: str, **columns: Any) -> int:
    """Append the audit row of an action and mark the rows it wrote with its id."""
    action_id = conn.execute(
        schema.review_actions.insert().values(
            at=now(), user=user, action=action, event_id=event_id, detail=outcome.detail(), note=note, **columns
        )
    ).inserted_primary_key[0]
    for table in ANALYST_TABLES:
        conn.execute(table.update().where(table.c.action_id == PENDING).values(action_id=action_id))
    return action_id


def dry(conn: Connection, run: Callable[[], Outcome]) -> dict[str, Any]:
    """Run an action in a savepoint, roll it back, and return what it would do."""
    savepoint = conn.begin_nested()
    try:
        return run().summary()
    finally:
        savepoint.rollback()
