"""Analyst decisions: confirm, edit a field, merge, split, reject, reopen, and undo the last one.

An action changes exactly the events it names. Each one:

1. checks its input once, in the store (``store.validate``), so the CLI, the API and the pages
   share the rules; a bad value raises ``InvalidValue`` and changes nothing;
2. records what it implies in tables reconcile reads but never writes, through a ``Journal``
   (``pipeline.journal``) that keeps every row it replaces (what ``undo`` puts back):

   - ``analyst_links`` pins the reports of the events named to their event, so it keeps its id
     and its reports whatever later ingests bring (new reports may still join);
   - ``analyst_fields`` holds a confirmed, edited or merge-chosen value, which replaces the
     machine's consensus (the machine's alternatives stay visible next to it);
   - ``analyst_status`` holds confirmed / edited / rejected;
   - ``event_redirects`` sends an id the action retired (merged away, or a split undone) to the
     event its reports went to;

3. reconciles the events involved in the same transaction, then *settles* (``journal.perform``):
   an event it does not name must come out as it went in. A report of another event that the
   machine would now pull into a named one (a split-off event is smaller, so it fits more
   reports) is kept out of it (``analyst_exclusions``); should an event outside still change (a
   month-precision report choosing among events), its reports are held where they were (pinned
   by this action);
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
from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from claimgraph.errors import NotFound, UsageError
from claimgraph.models import EDITABLE, stable_id
from claimgraph.pipeline.journal import (
    PENDING,
    Journal,
    Outcome,
    all_values,
    commit,
    describe,
    dry,
    event_values,
    members,
    perform,
    restore,
    value_key,
)
from claimgraph.reconcile import reconcile
from claimgraph.store import schema, validate
from claimgraph.store.details import redirected
from claimgraph.store.engine import now
from claimgraph.store.validate import check_fields

ACTIONS = ("confirm", "edit", "merge", "split", "reject", "reopen", "undo")
#: ``choose`` value of a merge that leaves a field to the machine's consensus over the merged reports.
MACHINE = "machine"
#: Fields with one value per event: a merge of events that disagree on one must pick a value.
SINGLE_VALUED = ("sub_event_type", "date", "place", "fatalities", "injuries", "target")


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


def consensus_value(conn: Connection, event_id: str, field: str) -> Any:
    """The event's current value of ``field``, in the form ``analyst_fields`` stores."""
    check_fields([field])
    return event_values(_event(conn, event_id))[field]


def _who(user: str, note: str) -> tuple[str, str]:
    return validate.user(user), validate.note(note)


# -- the actions ---------------------------------------------------------------------------------------


def confirm(conn: Connection, event_id: str, user: str, fields: Sequence[str] = (), note: str = "") -> int:
    """Confirm an event: its reports are pinned and the given fields (default: all) locked."""
    user, note = _who(user, note)
    _event(conn, event_id)
    fields = list(fields) or list(EDITABLE)
    check_fields(fields)
    values = {f: consensus_value(conn, event_id, f) for f in fields}

    def change(j: Journal) -> None:
        j.pin(_reports(conn, event_id), event_id)
        for f, v in values.items():
            j.set_field(event_id, f, v)
        j.status(event_id, "confirmed")

    outcome = perform(conn, [event_id], change)
    return commit(conn, outcome, "confirm", event_id, user, note, new_value=values)


def edit(conn: Connection, event_id: str, field: str, value: Any, user: str, note: str = "") -> int:
    """Set one field of an event to the analyst's value (checked: see ``validate``)."""
    user, note = _who(user, note)
    check_fields([field])
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

    outcome = perform(conn, [event_id], change)
    return commit(conn, outcome, "edit", event_id, user, note, field=field, old_value=old, new_value=value)


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
    check_fields(list(choose))
    bad = {f: e for f, e in choose.items() if e not in (*events, MACHINE)}
    if bad:
        f, e = next(iter(bad.items()))
        raise UsageError(
            f"choose {f}={str(e)[:64]}: pick one of the merged events ({', '.join(events)}), "
            f"or {MACHINE!r} to let the sources decide"
        )
    values = all_values(conn, events)
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
        if len({value_key(v) for _, v in given}) > 1:  # the events disagree: the first event's value, said so
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

    outcome = perform(conn, events, change)
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
    action = commit(conn, outcome, "merge", event_id, user, note)
    for other in outcome.extra["merged"]:
        row = {"at": now(), "user": user, "action": "merge", "event_id": other, "note": note}
        conn.execute(schema.review_actions.insert().values(**row, detail={"into": event_id, "action": action}))
    return action


def preview_merge(
    conn: Connection, event_id: str, others: Sequence[str], choose: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """What ``merge`` would do (moves, values before and after, choices), without doing it."""
    return dry(conn, lambda: _merge(conn, event_id, others, choose))


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

    outcome = perform(conn, [event_id, new_id], change)
    outcome.extra = {"new_event": new_id, "reports": chosen}
    return outcome


def split(conn: Connection, event_id: str, report_ids: Sequence[str], user: str, note: str = "") -> tuple[int, str]:
    """Move ``report_ids`` out of ``event_id`` into a new event; returns (action, new event id)."""
    user, note = _who(user, note)
    outcome = _split(conn, event_id, report_ids)
    return commit(conn, outcome, "split", event_id, user, note), outcome.extra["new_event"]


def preview_split(conn: Connection, event_id: str, report_ids: Sequence[str]) -> dict[str, Any]:
    """What ``split`` would do (moves, values before and after, the new event's id), without doing it."""
    return dry(conn, lambda: _split(conn, event_id, report_ids))


def reject(conn: Connection, event_id: str, user: str, note: str = "") -> int:
    """Mark an event as not an event (kept, hidden from queries and exports by default)."""
    user, note = _who(user, note)
    _event(conn, event_id)

    def change(j: Journal) -> None:
        j.pin(_reports(conn, event_id), event_id)
        j.status(event_id, "rejected")

    return commit(conn, perform(conn, [event_id], change), "reject", event_id, user, note)


def reopen(conn: Connection, event_id: str, user: str, note: str = "") -> int:
    """Back to unreviewed: the status goes; pins and field values set by analysts stay."""
    user, note = _who(user, note)
    _event(conn, event_id)
    outcome = perform(conn, [event_id], lambda j: j.status(event_id, None))
    return commit(conn, outcome, "reopen", event_id, user, note)


# -- undo ----------------------------------------------------------------------------------------------


def _involved(row: Mapping[str, Any]) -> set[str]:
    detail = row["detail"] or {}
    return {row["event_id"], *detail.get("events", ()), *detail.get("held", ()), *detail.get("merged", ())}


def _mentioning(event_ids: Sequence[str]) -> sa.ColumnElement[bool]:
    """Audit rows on, or whose detail names, one of ``event_ids`` (a superset: checked in Python)."""
    t = schema.review_actions
    text = sa.cast(t.c.detail, sa.Text)
    like = [
        text.like("%" + json.dumps(e).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%", escape="\\")
        for e in event_ids
    ]
    return sa.or_(t.c.event_id.in_(list(event_ids)), *like)


def _live(conn: Connection, query: sa.Select, undone: set[int]) -> list[dict[str, Any]]:
    """The rows of ``query`` that are neither undone nor the other half of a merge, with ``involved``."""
    out = []
    for row in conn.execute(query).mappings():
        detail = row["detail"] or {}
        if row["id"] not in undone and "into" not in detail:
            out.append(dict(row, involved=_involved(row)))
    return out


def last_action(conn: Connection, event_id: str) -> dict[str, Any] | None:
    """The latest action on ``event_id`` that is not undone (None: there is none to undo).

    Raises UsageError when a later action on one of the same events must be undone first, or
    when the action cannot be undone (recorded before undo existed, or a migration's repair).
    """
    t = schema.review_actions
    undone = {
        (detail or {}).get("undoes")
        for detail in conn.execute(sa.select(t.c.detail).where(t.c.action == "undo")).scalars()
    }
    actions = sa.select(t).where(t.c.action != "undo")
    candidates = _live(conn, actions.where(_mentioning([event_id])).order_by(t.c.id.desc()), undone)
    row = next((r for r in candidates if event_id in r["involved"]), None)
    if row is None:
        return None
    if row["action"] == "repair" or "restore" not in (row["detail"] or {}):
        raise UsageError(
            f"the last action on {event_id} (#{row['id']}, {row['action']}) cannot be undone: "
            "it was recorded before undo existed, or it is a migration's repair; review the event again instead"
        )
    involved = sorted(row["involved"])
    later = _live(conn, actions.where(t.c.id > row["id"], _mentioning(involved)).order_by(t.c.id.desc()), undone)
    blocking = [x for x in later if x["involved"] & row["involved"]]
    if blocking:
        x = blocking[0]
        raise UsageError(
            f"action #{x['id']} ({x['action']} on {x['event_id']}) came after #{row['id']} and touches the same "
            f"events: undo it first (claimgraph review undo {x['event_id']})"
        )
    return row


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
    before = members(conn, involved)
    values_before = all_values(conn, involved)
    dirty = restore(conn, detail["restore"]).union(*before.values(), (m["report"] for m in detail["moves"]))
    reconcile(conn, dirty=sorted(dirty))
    after = members(conn, involved)
    outcome = Outcome(events=involved)
    describe(conn, outcome, before, after, values_before)
    for gone in sorted(set(before) - set(after)):  # ids the undone action made: where their reports are now
        places = sorted({m["to"] for m in outcome.moves if m["from"] == gone and m["to"]})
        if places:
            conn.execute(schema.event_redirects.delete().where(schema.event_redirects.c.event_id == gone))
            conn.execute(schema.event_redirects.insert().values(event_id=gone, target_id=places[0], action_id=PENDING))
            outcome.redirects[gone] = places[0]
    outcome.extra = {"undoes": target["id"], "undone_action": target["action"]}
    return commit(conn, outcome, "undo", event_id, user, note)
