"""Analyst decisions: confirm, edit a field, merge, split, reject, reopen.

Each action appends one row to ``review_actions`` (the audit log is never updated or
deleted) and records what it implies in tables reconcile reads but never writes:

- ``analyst_links`` pins every report of the events involved to its event, so the event
  keeps its id and its reports whatever later ingests bring (new reports may still join);
- ``analyst_fields`` holds a confirmed or edited value, which replaces the machine's
  consensus (the machine's alternatives stay visible next to it);
- ``analyst_status`` holds confirmed / edited / rejected.

Then the events involved are reconciled again, in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from claimgraph.errors import NotFound, UsageError
from claimgraph.models import stable_id
from claimgraph.reconcile import reconcile
from claimgraph.reconcile.consensus import EDITABLE
from claimgraph.store import schema
from claimgraph.store.engine import now

ACTIONS = ("confirm", "edit", "merge", "split", "reject", "reopen")


def _event(conn: Connection, event_id: str) -> dict[str, Any]:
    row = conn.execute(sa.select(schema.events).where(schema.events.c.id == event_id)).mappings().first()
    if row is None:
        raise NotFound(f"no event {event_id!r}: list events with `claimgraph events`")
    return dict(row)


def _reports(conn: Connection, event_id: str) -> list[str]:
    t = schema.event_links
    return sorted(conn.execute(sa.select(t.c.report_id).where(t.c.event_id == event_id)).scalars())


def _log(conn: Connection, user: str, action: str, event_id: str, **values: Any) -> int:
    return conn.execute(
        schema.review_actions.insert().values(at=now(), user=user, action=action, event_id=event_id, **values)
    ).inserted_primary_key[0]


def _pin(conn: Connection, report_ids: Sequence[str], event_id: str, action_id: int) -> None:
    t = schema.analyst_links
    if not report_ids:
        return
    conn.execute(t.delete().where(t.c.report_id.in_(list(report_ids))))
    conn.execute(t.insert(), [{"report_id": r, "event_id": event_id, "action_id": action_id} for r in report_ids])


def _status(conn: Connection, event_id: str, status: str | None, action_id: int) -> None:
    t = schema.analyst_status
    conn.execute(t.delete().where(t.c.event_id == event_id))
    if status:
        conn.execute(t.insert().values(event_id=event_id, status=status, action_id=action_id))


def _set_field(conn: Connection, event_id: str, field: str, value: Any, action_id: int) -> None:
    t = schema.analyst_fields
    conn.execute(t.delete().where(t.c.event_id == event_id, t.c.field == field))
    conn.execute(t.insert().values(event_id=event_id, field=field, value=value, action_id=action_id))


def consensus_value(conn: Connection, event_id: str, field: str) -> Any:
    """The event's current value of ``field``, in the form ``analyst_fields`` stores."""
    e = _event(conn, event_id)
    if field == "date":
        if e["date"] is None:
            return None
        return {
            "date": e["date"].isoformat(),
            "precision": e["date_precision"],
            "low": e["date_low"].isoformat(),
            "high": e["date_high"].isoformat(),
        }
    if field == "place":
        if e["place_name"] is None and e["geo_precision"] is None:
            return None
        return {
            "name": e["place_name"],
            "place_id": e["place_id"],
            "latitude": e["latitude"],
            "longitude": e["longitude"],
            "country": e["country"],
            "admin1": e["admin1"],
            "geo_precision": e["geo_precision"],
        }
    return e[field]


def confirm(conn: Connection, event_id: str, user: str, fields: Sequence[str] = (), note: str = "") -> int:
    """Confirm an event: its reports are pinned and the given fields (default: all) locked."""
    _event(conn, event_id)
    fields = list(fields) or list(EDITABLE)
    _check_fields(fields)
    values = {f: consensus_value(conn, event_id, f) for f in fields}
    action = _log(conn, user, "confirm", event_id, new_value=values, note=note)
    _pin(conn, _reports(conn, event_id), event_id, action)
    for f, v in values.items():
        _set_field(conn, event_id, f, v, action)
    _status(conn, event_id, "confirmed", action)
    reconcile(conn, dirty=_reports(conn, event_id))
    return action


def edit(conn: Connection, event_id: str, field: str, value: Any, user: str, note: str = "") -> int:
    """Set one field of an event to the analyst's value."""
    _event(conn, event_id)
    _check_fields([field])
    old = consensus_value(conn, event_id, field)
    action = _log(conn, user, "edit", event_id, field=field, old_value=old, new_value=value, note=note)
    _pin(conn, _reports(conn, event_id), event_id, action)
    _set_field(conn, event_id, field, value, action)
    current = conn.execute(
        sa.select(schema.analyst_status.c.status).where(schema.analyst_status.c.event_id == event_id)
    ).scalar()
    if current != "confirmed":
        _status(conn, event_id, "edited", action)
    reconcile(conn, dirty=_reports(conn, event_id))
    return action


def merge(conn: Connection, event_id: str, others: Sequence[str], user: str, note: str = "") -> int:
    """Merge ``others`` into ``event_id`` (their reports move; the first event's id stays)."""
    _event(conn, event_id)
    moved: list[str] = []
    for other in others:
        if other == event_id:
            raise UsageError("cannot merge an event into itself")
        _event(conn, other)
        moved += _reports(conn, other)
    action = _log(conn, user, "merge", event_id, detail={"merged": list(others), "reports": moved}, note=note)
    for other in others:
        _log(conn, user, "merge", other, detail={"into": event_id}, note=note)
    reports = _reports(conn, event_id) + moved
    _pin(conn, reports, event_id, action)
    reconcile(conn, dirty=reports)
    return action


def split(conn: Connection, event_id: str, report_ids: Sequence[str], user: str, note: str = "") -> tuple[int, str]:
    """Move ``report_ids`` out of ``event_id`` into a new event; returns (action, new event id)."""
    _event(conn, event_id)
    current = _reports(conn, event_id)
    chosen = sorted(set(report_ids))
    unknown = [r for r in chosen if r not in current]
    if unknown:
        raise UsageError(f"reports {', '.join(unknown)} are not in event {event_id} (see `claimgraph show {event_id}`)")
    if not chosen or len(chosen) == len(current):
        raise UsageError("a split needs some, but not all, of the event's reports")
    new_id = stable_id("evt", "split", event_id, *chosen)
    action = _log(conn, user, "split", event_id, detail={"new_event": new_id, "reports": chosen}, note=note)
    _pin(conn, [r for r in current if r not in chosen], event_id, action)
    _pin(conn, chosen, new_id, action)
    reconcile(conn, dirty=current)
    return action, new_id


def reject(conn: Connection, event_id: str, user: str, note: str = "") -> int:
    """Mark an event as not an event (kept, hidden from queries and exports by default)."""
    _event(conn, event_id)
    action = _log(conn, user, "reject", event_id, note=note)
    _pin(conn, _reports(conn, event_id), event_id, action)
    _status(conn, event_id, "rejected", action)
    reconcile(conn, dirty=_reports(conn, event_id))
    return action


def reopen(conn: Connection, event_id: str, user: str, note: str = "") -> int:
    """Back to unreviewed: the status goes; pins and field values set by analysts stay."""
    _event(conn, event_id)
    action = _log(conn, user, "reopen", event_id, note=note)
    _status(conn, event_id, None, action)
    reconcile(conn, dirty=_reports(conn, event_id))
    return action


def _check_fields(fields: Sequence[str]) -> None:
    bad = [f for f in fields if f not in EDITABLE]
    if bad:
        raise UsageError(f"unknown field(s) {', '.join(bad)}: use one of {', '.join(EDITABLE)}")


def parse_value(conn: Connection, field: str, text: str) -> Any:
    """An analyst's value for ``field`` typed as text (CLI, web form) -> the stored value."""
    from claimgraph.models import SUB_EVENT_TYPES, WEAPONS
    from claimgraph.store.filters import actor_name

    _check_fields([field])
    text = text.strip()
    if field in ("fatalities", "injuries"):
        if text.lower() in ("", "null", "none", "unknown"):
            return None
        if not text.isdigit():
            raise UsageError(f"{field} must be a whole number (or 'unknown'), not {text!r}")
        return int(text)
    if field == "date":
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise UsageError(f"date must be YYYY-MM-DD, not {text!r}") from None
        return {"date": day.isoformat(), "precision": "day", "low": day.isoformat(), "high": day.isoformat()}
    if field == "place":
        return _place_value(conn, text)
    if field == "sub_event_type":
        match = [t for t in SUB_EVENT_TYPES if t.casefold() == text.casefold()]
        if not match:
            raise UsageError(f"unknown sub-event type {text!r}: use one of {'; '.join(SUB_EVENT_TYPES)}")
        return match[0]
    if field == "target":
        return actor_name(conn, text) if text else None
    items = [x.strip() for x in text.split(",") if x.strip()]
    if field == "weapons":
        bad = [w for w in items if w not in WEAPONS]
        if bad:
            raise UsageError(f"unknown weapon(s) {', '.join(bad)}: use {', '.join(WEAPONS)}")
        return sorted(items)
    return [actor_name(conn, x) for x in items]


def _place_value(conn: Connection, text: str) -> dict[str, Any]:
    from claimgraph.kb.loader import precision_of, surface_key

    t = schema.kb_places
    key = surface_key(text)
    for row in conn.execute(sa.select(t)).mappings():
        if key in {surface_key(x) for x in (row["name"], *row["aliases"])}:
            return {
                "name": row["name"],
                "place_id": row["id"],
                "latitude": row["latitude"],
                "longitude": row["longitude"],
                "country": row["country"],
                "admin1": row["admin1"],
                "geo_precision": precision_of(row["kind"]),
            }
    raise UsageError(
        f"unknown place {text!r}: use a place of the knowledge base (`claimgraph kb places`), or add it with --kb-file"
    )
