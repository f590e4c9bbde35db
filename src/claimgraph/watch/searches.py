"""Saved searches: a name and the filters of ``claimgraph events``, checked after every watch round.

For each search the database keeps what it matched and how each matching event stood
(``search_matches.state``: its claims with their status, who it is attributed to, the highest
tolls, the review status). ``check_searches`` compares that with the events as they are now and
records an alert (``search_alerts``) for each event that changed in a way an analyst cares about:

    new_match     an event newly matches the search
    new_claim     a group claims it that had not
    claim_revised a claim is retracted, superseded or contested
    attribution   someone now attributes it to a group not named before
    toll          a higher count of killed or injured
    confirmed     an analyst confirmed or edited it

The new state is written in the same transaction as the alert, so checking again changes nothing:
each alert exists once (its ``key`` is unique). A search added to a database that already holds
events starts from what they are (no alert for what was already there).
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from dataclasses import asdict, fields
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from claimgraph.errors import NotFound, UsageError
from claimgraph.store import schema
from claimgraph.store.engine import now
from claimgraph.store.filters import EventFilter, where

NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,79}")
FILTER_KEYS = tuple(f.name for f in fields(EventFilter))
_REVISED = {"retracted": "retracted", "superseded": "revised", "contested": "contested"}


def search_filter(filters: dict[str, Any]) -> EventFilter:
    unknown = set(filters) - set(FILTER_KEYS)
    if unknown:
        raise UsageError(f"unknown filter(s) {', '.join(sorted(unknown))}: use {', '.join(FILTER_KEYS)}")
    return EventFilter(**filters)


def stored_filters(f: EventFilter) -> dict[str, Any]:
    """The filters worth storing (those set), as JSON values."""
    out = {}
    for key, value in asdict(f).items():
        if value in (None, False, ""):
            continue
        out[key] = value.isoformat() if isinstance(value, date) else value
    return out


def add_search(
    conn: Connection,
    name: str,
    f: EventFilter,
    *,
    webhook_url: str | None = None,
    secret: str | None = None,
    by: str = "claimgraph",
) -> dict[str, Any]:
    """Save a search (and its webhook); its current matches become the baseline. Returns the row,
    with the webhook secret (generated when not given: shown to the user once)."""
    if not NAME.fullmatch(name or ""):
        raise UsageError(
            f"saved search name {name!r}: use 1-80 letters, digits, '-', '_' or '.', starting with a letter or digit"
        )
    if webhook_url and not re.match(r"https?://[^/\s]+", webhook_url):
        raise UsageError(f"webhook {webhook_url!r} is not an http(s) URL")
    filters = stored_filters(f)
    if not filters:
        raise UsageError("a saved search needs at least one filter (e.g. --claimed-by, --country, --type)")
    t = schema.saved_searches
    if conn.execute(sa.select(t.c.name).where(t.c.name == name)).first() is not None:
        raise UsageError(f"a saved search named {name!r} exists: remove it first, or pick another name")
    list(where(conn, f))  # an unknown country is refused now, not at the first round
    if webhook_url and not secret:
        secret = secrets.token_hex(32)
    row = {
        "name": name,
        "filters": filters,
        "webhook_url": webhook_url or None,
        "secret": secret if webhook_url else None,
        "created_at": now(),
        "created_by": by,
    }
    conn.execute(t.insert().values(**row))
    _check_one(conn, row, baseline=True)
    return row


def remove_search(conn: Connection, name: str) -> None:
    t = schema.saved_searches
    if conn.execute(t.delete().where(t.c.name == name)).rowcount == 0:
        raise NotFound(f"no saved search named {name!r} (see `claimgraph searches list`)")
    conn.execute(schema.search_matches.delete().where(schema.search_matches.c.search == name))
    conn.execute(schema.search_alerts.delete().where(schema.search_alerts.c.search == name))


def list_searches(conn: Connection) -> list[dict[str, Any]]:
    """Every saved search with how many events it matches and its alerts (counts by webhook state)."""
    t, m, a = schema.saved_searches, schema.search_matches, schema.search_alerts
    matches = dict(conn.execute(sa.select(m.c.search, sa.func.count()).group_by(m.c.search)).all())
    alerts: dict[str, dict[str, int]] = {}
    for search, state, n in conn.execute(
        sa.select(a.c.search, a.c.webhook, sa.func.count()).group_by(a.c.search, a.c.webhook)
    ):
        alerts.setdefault(search, {})[state] = n
    last = dict(conn.execute(sa.select(a.c.search, sa.func.max(a.c.created_at)).group_by(a.c.search)).all())
    out = []
    for row in conn.execute(sa.select(t).order_by(t.c.name)).mappings():
        out.append(
            {
                **{k: row[k] for k in ("name", "filters", "webhook_url", "created_at", "created_by")},
                "matches": matches.get(row["name"], 0),
                "alerts": sum(alerts.get(row["name"], {}).values()),
                "alerts_by_webhook": alerts.get(row["name"], {}),
                "last_alert_at": last.get(row["name"]),
            }
        )
    return out


def get_search(conn: Connection, name: str) -> dict[str, Any]:
    t = schema.saved_searches
    row = conn.execute(sa.select(t).where(t.c.name == name)).mappings().first()
    if row is None:
        raise NotFound(f"no saved search named {name!r} (see `claimgraph searches list`)")
    return dict(row)


def check_searches(conn: Connection) -> list[int]:
    """Compare every saved search with the events as they are now; record the alerts; their ids."""
    ids: list[int] = []
    for row in conn.execute(sa.select(schema.saved_searches)).mappings().all():
        ids += _check_one(conn, dict(row), baseline=False)
    return ids


def _check_one(conn: Connection, search: dict[str, Any], *, baseline: bool) -> list[int]:
    m = schema.search_matches
    f = search_filter(search["filters"])
    e = schema.events
    current = {r["id"]: dict(r) for r in conn.execute(sa.select(e).where(*where(conn, f))).mappings()}
    states = event_states(conn, current)
    before = {
        r.event_id: r.state
        for r in conn.execute(sa.select(m.c.event_id, m.c.state).where(m.c.search == search["name"]))
    }
    at = now()
    gone = [event_id for event_id in before if event_id not in current]
    if gone:
        conn.execute(m.delete().where(m.c.search == search["name"], m.c.event_id.in_(gone)))
    alert_ids = []
    for event_id in sorted(current):
        state = states[event_id]
        old = before.get(event_id)
        if old == state:
            continue
        if old is None:
            conn.execute(
                m.insert().values(
                    search=search["name"], event_id=event_id, state=state, first_matched_at=at, changed_at=at
                )
            )
            found = [{"kind": "new_match", "text": f"new event matches: {describe(current[event_id])}"}]
        else:
            conn.execute(
                m.update()
                .where(m.c.search == search["name"], m.c.event_id == event_id)
                .values(state=state, changed_at=at)
            )
            found = changes(old, state)
        if baseline or not found:
            continue
        alert_ids.append(_record_alert(conn, search, event_id, found, state, at))
    return [i for i in alert_ids if i is not None]


def _record_alert(
    conn: Connection, search: dict[str, Any], event_id: str, found: list[dict[str, str]], state: dict, at: Any
) -> int | None:
    a = schema.search_alerts
    key = hashlib.sha256(
        json.dumps([search["name"], event_id, found, state], sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()
    if conn.execute(sa.select(a.c.id).where(a.c.key == key)).first() is not None:
        return None
    return conn.execute(
        a.insert().values(
            key=key,
            search=search["name"],
            event_id=event_id,
            changes=found,
            created_at=at,
            webhook="pending" if search.get("webhook_url") else "none",
            attempts=0,
        )
    ).inserted_primary_key[0]


def event_states(conn: Connection, events: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """What an analyst follows of each event: claims (claimant, status), attributions, tolls, review."""
    claims: dict[str, set[tuple[str, str]]] = {event_id: set() for event_id in events}
    links, c = schema.event_links, schema.claims
    ids = list(events)
    for i in range(0, len(ids), 500):
        query = (
            sa.select(links.c.event_id, c.c.claimant, c.c.status)
            .join(c, c.c.report_id == links.c.report_id)
            .where(links.c.event_id.in_(ids[i : i + 500]))
        )
        for event_id, claimant, status in conn.execute(query):
            claims[event_id].add((claimant, status))
    out = {}
    for event_id, ev in events.items():
        out[event_id] = {
            "claims": sorted([list(pair) for pair in claims[event_id]]),
            "attributed_to": sorted(ev["attributed_to"] or []),
            "fatalities": _high(ev, "fatalities"),
            "injuries": _high(ev, "injuries"),
            "review_status": ev["review_status"],
        }
    return out


def _high(ev: dict[str, Any], name: str) -> int | None:
    value = ev.get(f"{name}_high")
    return value if value is not None else ev.get(name)


def changes(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, str]]:
    """The changes an analyst cares about between two states of one event."""
    out = []
    old_claims = {tuple(p) for p in old.get("claims", [])}
    new_claims = {tuple(p) for p in new.get("claims", [])}
    old_claimants = {claimant for claimant, _ in old_claims}
    for claimant in sorted({claimant for claimant, _ in new_claims} - old_claimants):
        out.append({"kind": "new_claim", "text": f"new claim of responsibility by {claimant}"})
    for claimant, status in sorted(new_claims - old_claims):
        if claimant in old_claimants and status in _REVISED:
            out.append({"kind": "claim_revised", "text": f"the claim by {claimant} was {_REVISED[status]}"})
    for actor in sorted(set(new.get("attributed_to", [])) - set(old.get("attributed_to", []))):
        out.append({"kind": "attribution", "text": f"now attributed to {actor}"})
    for name, word in (("fatalities", "killed"), ("injuries", "injured")):
        before, after = old.get(name), new.get(name)
        if after is not None and (before is None or after > before):
            was = f" (was {before})" if before is not None else ""
            out.append({"kind": "toll", "text": f"higher toll: {after} {word}{was}"})
    status = new.get("review_status")
    if status != old.get("review_status") and status in ("confirmed", "edited"):
        out.append({"kind": "confirmed", "text": f"an analyst {status} the event"})
    return out


def describe(ev: dict[str, Any]) -> str:
    """``Air/drone strike, Tower 22 (JO), 2024-01-28, claimed by X``."""
    parts = [ev.get("sub_event_type") or "event"]
    if ev.get("place_name"):
        parts.append(f"{ev['place_name']} ({ev['country']})" if ev.get("country") else ev["place_name"])
    if ev.get("date"):
        parts.append(str(ev["date"]))
    if ev.get("claimed_by"):
        parts.append("claimed by " + ", ".join(ev["claimed_by"]))
    return ", ".join(parts)
