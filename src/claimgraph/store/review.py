"""Analyst decisions: confirm, edit a field, merge, split, reject, reopen, and undo the last one.

An action changes exactly the events it names. Each one:

1. checks its input once, here (``validate``), so the CLI, the API and the pages share the
   rules; a bad value raises ``InvalidValue`` and changes nothing;
2. records what it implies in tables reconcile reads but never writes, through a ``Journal``
   that keeps every row it replaces (what ``undo`` puts back):

   - ``analyst_links`` pins the reports of the events named to their event, so it keeps its id
     and its reports whatever later ingests bring (new reports may still join);
   - ``analyst_fields`` holds a confirmed, edited or merge-chosen value, which replaces the
     machine's consensus (the machine's alternatives stay visible next to it);
   - ``analyst_status`` holds confirmed / edited / rejected;
   - ``event_redirects`` sends an id the action retired (merged away, or a split undone) to the
     event its reports went to;

3. reconciles the events involved in the same transaction, then *settles*: an event it does not
   name must come out as it went in. A report of another event that the machine would now pull
   into a named one (a split-off event is smaller, so it fits more reports) is kept out of it
   (``analyst_exclusions``); should an event outside still change (a month-precision report
   choosing among events), its reports are held where they were (pinned by this action);
4. appends one row to ``review_actions`` (the audit log is never updated or deleted) whose
   ``detail`` names the events, what moved where, each named event's values before and after,
   what was kept out or held, and what undo restores.

``preview_split`` and ``preview_merge`` run the same code in a savepoint and roll it back, so a
preview is exactly what the action would do. ``merge`` keeps the first event's value of every
field where the merged events disagree, unless the analyst chooses another event's value
(``choose``), and records the choice as the analyst's: a merge never leaves a one-against-one
disagreement labelled the machine's consensus.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from claimgraph.errors import ClaimgraphError, NotFound, UsageError
from claimgraph.models import stable_id
from claimgraph.reconcile import Changes, reconcile
from claimgraph.reconcile.consensus import EDITABLE
from claimgraph.store import schema, validate
from claimgraph.store.details import redirected
from claimgraph.store.engine import now

ACTIONS = ("confirm", "edit", "merge", "split", "reject", "reopen", "undo")
#: ``choose`` value of a merge that leaves a field to the machine's consensus over the merged reports.
MACHINE = "machine"
#: Fields with one value per event: a merge of events that disagree on one must pick a value.
SINGLE_VALUED = ("sub_event_type", "date", "place", "fatalities", "injuries", "target")

_PENDING = 0  # the action id of the rows an action writes, until its audit row exists
_EXCLUDE_ROUNDS = 10  # settle: rounds that keep reports out before holding events in place
_ROUNDS = 40
_ANALYST_TABLES = (
    schema.analyst_links,
    schema.analyst_fields,
    schema.analyst_status,
    schema.analyst_exclusions,
    schema.event_redirects,
)


# -- reading ------------------------------------------------------------------------------------


def _event(conn: Connection, event_id: str) -> dict[str, Any]:
    if not isinstance(event_id, str) or not 0 < len(event_id) <= 64:
        raise NotFound(f"no event {str(event_id)[:80]!r}: list events with `claimgraph events`")
    row = conn.execute(sa.select(schema.events).where(schema.events.c.id == event_id)).mappings().first()
    if row is None:
        target = redirected(conn, event_id)
        if target is not None:
            raise NotFound(f"event {event_id} is now {target} (a review action moved its reports there): use {target}")
        raise NotFound(f"no event {event_id!r}: list events with `claimgraph events`")
    return dict(row)


def _reports(conn: Connection, event_id: str) -> list[str]:
    t = schema.event_links
    return sorted(conn.execute(sa.select(t.c.report_id).where(t.c.event_id == event_id)).scalars())


def _members(conn: Connection, event_ids: Iterable[str]) -> dict[str, frozenset[str]]:
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


def _where(conn: Connection, report_ids: Iterable[str]) -> dict[str, str]:
    """Report id -> the event it is in."""
    t = schema.event_links
    ids = sorted(set(report_ids))
    out: dict[str, str] = {}
    for i in range(0, len(ids), 500):
        out.update(
            conn.execute(sa.select(t.c.report_id, t.c.event_id).where(t.c.report_id.in_(ids[i : i + 500]))).all()
        )
    return out


def _values_of(e: Mapping[str, Any]) -> dict[str, Any]:
    """An events row's editable fields, in the form ``analyst_fields`` stores."""
    out: dict[str, Any] = {}
    for name in EDITABLE:
        if name == "date":
            out[name] = (
                None
                if e["date"] is None
                else {
                    "date": e["date"].isoformat(),
                    "precision": e["date_precision"],
                    "low": e["date_low"].isoformat(),
                    "high": e["date_high"].isoformat(),
                }
            )
        elif name == "place":
            out[name] = (
                None
                if e["place_name"] is None and e["geo_precision"] is None
                else {
                    k: e[c]
                    for k, c in (
                        ("name", "place_name"),
                        ("place_id", "place_id"),
                        ("latitude", "latitude"),
                        ("longitude", "longitude"),
                        ("country", "country"),
                        ("admin1", "admin1"),
                        ("geo_precision", "geo_precision"),
                    )
                }
            )
        else:
            out[name] = e[name]
    return out


def consensus_value(conn: Connection, event_id: str, field: str) -> Any:
    """The event's current value of ``field``, in the form ``analyst_fields`` stores."""
    _check_fields([field])
    return _values_of(_event(conn, event_id))[field]


def _all_values(conn: Connection, event_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    e = schema.events
    ids = sorted(set(event_ids))
    rows = conn.execute(sa.select(e).where(e.c.id.in_(ids))).mappings() if ids else []
    return {r["id"]: {**_values_of(r), "review_status": r["review_status"]} for r in rows}


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


# -- writing: the journal ---------------------------------------------------------------------------


class Journal:
    """Writes analyst rows for one action, remembering each row it replaces (for undo)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.entries: list[dict[str, Any]] = []
        self._seen: set[tuple[str, str]] = set()

    def _remember(self, table: sa.Table, keys: Sequence[dict[str, Any]]) -> None:
        fresh = [k for k in keys if (table.name, _key(k)) not in self._seen]
        if not fresh:
            return
        cols = list(fresh[0])
        found: dict[str, dict[str, Any]] = {}
        if len(cols) == 1:
            col = table.c[cols[0]]
            values = [k[cols[0]] for k in fresh]
            for i in range(0, len(values), 500):
                for row in self.conn.execute(sa.select(table).where(col.in_(values[i : i + 500]))).mappings():
                    found[_key({cols[0]: row[cols[0]]})] = dict(row)
        else:
            for k in fresh:
                row = self.conn.execute(sa.select(table).where(*(table.c[c] == v for c, v in k.items()))).mappings()
                for r in row:
                    found[_key(k)] = dict(r)
        for k in fresh:
            self._seen.add((table.name, _key(k)))
            self.entries.append({"table": table.name, "key": k, "before": found.get(_key(k))})

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
        self.conn.execute(table.insert(), [{**r, "action_id": _PENDING} for r in rows])

    def delete(self, table: sa.Table, keys: Sequence[dict[str, Any]]) -> None:
        if not keys:
            return
        self._remember(table, keys)
        self._delete(table, keys)

    def pin(self, report_ids: Iterable[str], event_id: str) -> None:
        self.put(
            schema.analyst_links, [{"report_id": r, "event_id": event_id} for r in sorted(report_ids)], ["report_id"]
        )

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
    tables = {t.name: t for t in _ANALYST_TABLES}
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


def _settle(conn: Connection, journal: Journal, named: set[str], dirty: set[str], changes: Changes) -> Outcome:
    """Reconcile until no event outside ``named`` differs from what it was before the action."""
    kept_out: list[list[str]] = []
    held: list[str] = []
    for round_ in range(_ROUNDS):
        reconcile(conn, dirty=sorted(dirty), changes=changes)
        final = _members(conn, set(changes.before) | changes.written)
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


def _perform(conn: Connection, named: Sequence[str], change: Callable[[Journal], None]) -> Outcome:
    """Apply ``change`` (analyst rows) for the events ``named``, reconcile and settle; the outcome."""
    named_set = set(named)
    before = _members(conn, named_set)
    values_before = _all_values(conn, named_set)
    journal = Journal(conn)
    change(journal)
    dirty = set().union(*before.values()) | journal.touched_reports()
    outcome = _settle(conn, journal, named_set, dirty, Changes())
    outcome.events = list(named)
    after = _members(conn, named_set)
    t = schema.event_redirects
    stale = conn.execute(sa.select(t.c.event_id).where(t.c.event_id.in_(sorted(after)))).scalars().all()
    journal.delete(t, [{"event_id": event_id} for event_id in stale])  # an event that exists is no redirect
    _describe(conn, outcome, before, after, values_before)
    outcome.restore = journal.entries
    return outcome


def _describe(
    conn: Connection,
    outcome: Outcome,
    before: Mapping[str, frozenset[str]],
    after: Mapping[str, frozenset[str]],
    values_before: Mapping[str, dict[str, Any]],
) -> None:
    """Fill in what moved where and the values that changed, for the events of ``values_before``
    and ``after`` (the events the action names)."""
    origin = {r: e for e, reps in before.items() for r in reps}
    now_in = _where(conn, set(origin).union(*after.values()))
    outcome.moves = [
        {"report": r, "from": origin.get(r), "to": now_in.get(r)}
        for r in sorted(now_in.keys() | origin.keys())
        if origin.get(r) != now_in.get(r)
    ]
    ids = sorted(set(values_before) | set(after) | set(outcome.events))
    values_after = _all_values(conn, ids)
    for event_id in ids:
        old, new = values_before.get(event_id), values_after.get(event_id)
        diff = {
            name: {"before": None if old is None else old[name], "after": None if new is None else new[name]}
            for name in (*EDITABLE, "review_status")
            if _key(None if old is None else old[name]) != _key(None if new is None else new[name])
        }
        if diff:
            outcome.values[event_id] = diff


def _commit(
    conn: Connection, outcome: Outcome, action: str, event_id: str, user: str, note: str, **columns: Any
) -> int:
    """Append the audit row of an action and mark the rows it wrote with its id."""
    action_id = conn.execute(
        schema.review_actions.insert().values(
            at=now(), user=user, action=action, event_id=event_id, detail=outcome.detail(), note=note, **columns
        )
    ).inserted_primary_key[0]
    for table in _ANALYST_TABLES:
        conn.execute(table.update().where(table.c.action_id == _PENDING).values(action_id=action_id))
    return action_id


def _dry(conn: Connection, run: Callable[[], Outcome]) -> dict[str, Any]:
    """Run an action in a savepoint, roll it back, and return what it would do."""
    savepoint = conn.begin_nested()
    try:
        return run().summary()
    finally:
        savepoint.rollback()


def _who(user: str, note: str) -> tuple[str, str]:
    return validate.user(user), validate.note(note)


# -- the actions ---------------------------------------------------------------------------------------


def confirm(conn: Connection, event_id: str, user: str, fields: Sequence[str] = (), note: str = "") -> int:
    """Confirm an event: its reports are pinned and the given fields (default: all) locked."""
    user, note = _who(user, note)
    _event(conn, event_id)
    fields = list(fields) or list(EDITABLE)
    _check_fields(fields)
    values = {f: consensus_value(conn, event_id, f) for f in fields}

    def change(j: Journal) -> None:
        j.pin(_reports(conn, event_id), event_id)
        for f, v in values.items():
            j.set_field(event_id, f, v)
        j.status(event_id, "confirmed")

    outcome = _perform(conn, [event_id], change)
    return _commit(conn, outcome, "confirm", event_id, user, note, new_value=values)


def edit(conn: Connection, event_id: str, field: str, value: Any, user: str, note: str = "") -> int:
    """Set one field of an event to the analyst's value (checked: see ``validate``)."""
    user, note = _who(user, note)
    _check_fields([field])
    _event(conn, event_id)
    value = validate.value(conn, field, value)
    old = consensus_value(conn, event_id, field)
    current = conn.execute(
        sa.select(schema.analyst_status.c.status).where(schema.analyst_status.c.event_id == event_id)
    ).scalar()

    def change(j: Journal) -> None:
        j.pin(_reports(conn, event_id), event_id)
        j.set_field(event_id, field, value)
        if current != "confirmed":
            j.status(event_id, "edited")

    outcome = _perform(conn, [event_id], change)
    return _commit(conn, outcome, "edit", event_id, user, note, field=field, old_value=old, new_value=value)


def _merge(conn: Connection, event_id: str, others: Sequence[str], choose: Mapping[str, str] | None) -> Outcome:
    _event(conn, event_id)
    others = list(others)
    if not others:
        raise UsageError("a merge needs at least one other event")
    if len(set(others)) != len(others):
        raise UsageError("an event is named twice in the merge")
    if event_id in others:
        raise UsageError("cannot merge an event into itself")
    for other in others:
        _event(conn, other)
    events = [event_id, *others]
    choose = dict(choose or {})
    _check_fields(list(choose))
    bad = {f: e for f, e in choose.items() if e not in (*events, MACHINE)}
    if bad:
        f, e = next(iter(bad.items()))
        raise UsageError(
            f"choose {f}={str(e)[:64]}: pick one of the merged events ({', '.join(events)}), "
            f"or {MACHINE!r} to let the sources decide"
        )
    values = _all_values(conn, events)
    chosen: dict[str, dict[str, Any]] = {}
    for name in EDITABLE:
        if choose.get(name) == MACHINE:
            continue  # the merged event's consensus, as the machine computes it
        if name in choose:
            chosen[name] = {"value": values[choose[name]][name], "from": choose[name], "by": "analyst"}
            continue
        if name not in SINGLE_VALUED:
            continue  # lists: the merged event holds the union
        given = [(e, values[e][name]) for e in events if values[e][name] is not None]
        if len({_key(v) for _, v in given}) > 1:  # the events disagree: the first event's value, said so
            source, value = given[0]
            chosen[name] = {"value": value, "from": source, "by": "default: the first event"}
    moved = [r for other in others for r in _reports(conn, other)]

    def change(j: Journal) -> None:
        j.pin([r for e in events for r in _reports(conn, e)], event_id)
        for name, pick in chosen.items():
            j.set_field(event_id, name, pick["value"])
        j.put(
            schema.event_redirects,
            [{"event_id": other, "target_id": event_id} for other in others],
            ["event_id"],
        )

    outcome = _perform(conn, events, change)
    outcome.redirects = dict.fromkeys(others, event_id)
    outcome.extra = {"merged": others, "reports": moved, "chosen": chosen}
    return outcome


def merge(
    conn: Connection,
    event_id: str,
    others: Sequence[str],
    user: str,
    note: str = "",
    choose: Mapping[str, str] | None = None,
) -> int:
    """Merge ``others`` into ``event_id``: their reports move, the first event's id stays.

    Where the events disagree on a single-valued field, the first event's value is kept unless
    ``choose`` maps the field to another of the merged events, whose value then wins; either way
    the value is recorded as the analyst's, and the audit row says which event it came from.
    ``choose={field: "machine"}`` leaves the field to the consensus of the merged reports.
    """
    user, note = _who(user, note)
    outcome = _merge(conn, event_id, others, choose)
    action = _commit(conn, outcome, "merge", event_id, user, note)
    for other in outcome.extra["merged"]:
        row = {"at": now(), "user": user, "action": "merge", "event_id": other, "note": note}
        conn.execute(schema.review_actions.insert().values(**row, detail={"into": event_id, "action": action}))
    return action


def preview_merge(
    conn: Connection, event_id: str, others: Sequence[str], choose: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """What ``merge`` would do (moves, values before and after, choices), without doing it."""
    return _dry(conn, lambda: _merge(conn, event_id, others, choose))


def _split(conn: Connection, event_id: str, report_ids: Sequence[str]) -> Outcome:
    _event(conn, event_id)
    current = _reports(conn, event_id)
    chosen = sorted({r for r in report_ids if isinstance(r, str)})
    unknown = [r for r in chosen if r not in current]
    if unknown:
        shown = ", ".join(r[:40] for r in unknown[:5])
        raise UsageError(f"reports {shown} are not in event {event_id} (see `claimgraph show {event_id}`)")
    if not chosen or len(chosen) == len(current):
        raise UsageError("a split needs some, but not all, of the event's reports")
    new_id = stable_id("evt", "split", event_id, *chosen)
    if conn.execute(sa.select(schema.events.c.id).where(schema.events.c.id == new_id)).first() is not None:
        raise UsageError(f"these reports were split off before, as {new_id}: see `claimgraph show {new_id}`")

    def change(j: Journal) -> None:
        j.pin([r for r in current if r not in chosen], event_id)
        j.pin(chosen, new_id)

    outcome = _perform(conn, [event_id, new_id], change)
    outcome.extra = {"new_event": new_id, "reports": chosen}
    return outcome


def split(conn: Connection, event_id: str, report_ids: Sequence[str], user: str, note: str = "") -> tuple[int, str]:
    """Move ``report_ids`` out of ``event_id`` into a new event; returns (action, new event id)."""
    user, note = _who(user, note)
    outcome = _split(conn, event_id, report_ids)
    return _commit(conn, outcome, "split", event_id, user, note), outcome.extra["new_event"]


def preview_split(conn: Connection, event_id: str, report_ids: Sequence[str]) -> dict[str, Any]:
    """What ``split`` would do (moves, values before and after, the new event's id), without doing it."""
    return _dry(conn, lambda: _split(conn, event_id, report_ids))


def reject(conn: Connection, event_id: str, user: str, note: str = "") -> int:
    """Mark an event as not an event (kept, hidden from queries and exports by default)."""
    user, note = _who(user, note)
    _event(conn, event_id)

    def change(j: Journal) -> None:
        j.pin(_reports(conn, event_id), event_id)
        j.status(event_id, "rejected")

    return _commit(conn, _perform(conn, [event_id], change), "reject", event_id, user, note)


def reopen(conn: Connection, event_id: str, user: str, note: str = "") -> int:
    """Back to unreviewed: the status goes; pins and field values set by analysts stay."""
    user, note = _who(user, note)
    _event(conn, event_id)
    outcome = _perform(conn, [event_id], lambda j: j.status(event_id, None))
    return _commit(conn, outcome, "reopen", event_id, user, note)


# -- undo ----------------------------------------------------------------------------------------------


def _involved(row: Mapping[str, Any]) -> set[str]:
    detail = row["detail"] or {}
    return {row["event_id"], *detail.get("events", ()), *detail.get("held", ()), *detail.get("merged", ())}


def last_action(conn: Connection, event_id: str) -> dict[str, Any] | None:
    """The latest action on ``event_id`` that is not undone (None: there is none to undo).

    Raises UsageError when a later action on one of the same events must be undone first, or
    when the action cannot be undone (recorded before undo existed, or a migration's repair).
    """
    t = schema.review_actions
    undone: set[int] = set()
    later: list[dict[str, Any]] = []
    for row in conn.execute(sa.select(t).order_by(t.c.id.desc())).mappings():
        detail = row["detail"] or {}
        if row["action"] == "undo":
            undone.add(detail.get("undoes"))
            continue
        if row["id"] in undone or "into" in detail:  # undone, or the other half of a merge
            continue
        involved = _involved(row)
        if event_id not in involved:
            later.append(dict(row, involved=involved))
            continue
        if row["action"] == "repair" or "restore" not in detail:
            raise UsageError(
                f"the last action on {event_id} (#{row['id']}, {row['action']}) cannot be undone: "
                "it was recorded before undo existed, or it is a migration's repair; review the event again instead"
            )
        blocking = [x for x in later if x["involved"] & involved]
        if blocking:
            x = blocking[-1]
            raise UsageError(
                f"action #{x['id']} ({x['action']} on {x['event_id']}) came after #{row['id']} and touches the same "
                f"events: undo it first (claimgraph review undo {x['event_id']})"
            )
        return dict(row, involved=involved)
    return None


def undo(conn: Connection, event_id: str, user: str, note: str = "") -> int:
    """Undo the last action on ``event_id``: the analyst rows it wrote are put back as they were and
    the events are reconciled again; ids it created and that are gone redirect to where their
    reports went. The undo is itself an audit row (``detail.undoes``)."""
    user, note = _who(user, note)
    if not isinstance(event_id, str) or len(event_id) > 64:
        raise NotFound(f"no event {str(event_id)[:80]!r}")
    target = last_action(conn, event_id)
    if target is None:
        _event(conn, event_id)  # no such event: NotFound (with the redirect, if any)
        raise UsageError(f"nothing to undo on {event_id}: it has no review action that is not undone")
    involved = sorted(target["involved"])
    detail = target["detail"]
    before = _members(conn, involved)
    values_before = _all_values(conn, involved)
    dirty = restore(conn, detail["restore"]).union(*before.values(), (m["report"] for m in detail["moves"]))
    reconcile(conn, dirty=sorted(dirty))
    after = _members(conn, involved)
    outcome = Outcome(events=involved)
    _describe(conn, outcome, before, after, values_before)
    for gone in sorted(set(before) - set(after)):  # ids the undone action made: where their reports are now
        places = sorted({m["to"] for m in outcome.moves if m["from"] == gone and m["to"]})
        if places:
            conn.execute(schema.event_redirects.delete().where(schema.event_redirects.c.event_id == gone))
            conn.execute(schema.event_redirects.insert().values(event_id=gone, target_id=places[0], action_id=_PENDING))
            outcome.redirects[gone] = places[0]
    outcome.extra = {"undoes": target["id"], "undone_action": target["action"]}
    return _commit(conn, outcome, "undo", event_id, user, note)


# -- analyst text -> values ------------------------------------------------------------------------------


def _check_fields(fields: Sequence[str]) -> None:
    bad = [f for f in fields if f not in EDITABLE]
    if bad:
        shown = ", ".join(str(f)[:40] for f in bad)
        raise UsageError(f"unknown field(s) {shown}: use one of {', '.join(EDITABLE)}")


_COORDINATES = re.compile(r"^\s*([-+]?\d{1,3}(?:\.\d+)?)\s*[,;\s]\s*([-+]?\d{1,3}(?:\.\d+)?)\s*$")


def parse_value(conn: Connection, field: str, text: str) -> Any:
    """An analyst's value for ``field`` typed as text (CLI, web form) -> the stored value (checked)."""
    from claimgraph.models import SUB_EVENT_TYPES, WEAPONS
    from claimgraph.store.filters import actor_name

    _check_fields([field])
    text = validate.typed(field, text)
    if field in ("fatalities", "injuries"):
        if text.lower() in ("", "null", "none", "unknown"):
            return None
        if not text.isdigit() or not text.isascii():
            raise UsageError(f"{field} must be a whole number (or 'unknown'), not {text[:40]!r}")
        return validate.value(conn, field, int(text))
    if field == "date":
        return validate.value(conn, field, text)
    if field == "place":
        return _place_value(conn, text)
    if field == "sub_event_type":
        match = [t for t in SUB_EVENT_TYPES if t.casefold() == text.casefold()]
        if not match:
            raise UsageError(f"unknown sub-event type {text[:60]!r}: use one of {'; '.join(SUB_EVENT_TYPES)}")
        return match[0]
    if field == "target":
        return validate.value(conn, field, actor_name(conn, text) if text else None)
    items = [x.strip() for x in text.split(",") if x.strip()]
    if field == "weapons":
        bad = [w for w in items if w not in WEAPONS]
        if bad:
            raise UsageError(f"unknown weapon(s) {', '.join(b[:30] for b in bad[:5])}: use {', '.join(WEAPONS)}")
        return validate.value(conn, field, items)
    return validate.value(conn, field, [actor_name(conn, x) for x in items])


def _place_value(conn: Connection, text: str) -> dict[str, Any]:
    """A KB place by any of its names, or coordinates typed as "latitude, longitude"."""
    from claimgraph.kb.loader import surface_key

    coordinates = _COORDINATES.match(text)
    if coordinates:
        lat, lon = (float(x) for x in coordinates.groups())
        return validate.value(conn, "place", {"latitude": lat, "longitude": lon})
    t = schema.kb_places
    key = surface_key(text)
    for row in conn.execute(sa.select(t.c.id, t.c.name, t.c.aliases)).mappings():
        if key in {surface_key(x) for x in (row["name"], *row["aliases"])}:
            return validate.value(conn, "place", {"place_id": row["id"]})
    raise UsageError(
        f"unknown place {text[:80]!r}: use a place of the knowledge base (`claimgraph kb places`) or coordinates "
        "as 'latitude, longitude' (e.g. '33.79, 38.64'), or add the place with --kb-file"
    )
