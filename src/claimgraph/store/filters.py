"""Event filters, the same everywhere: CLI (`claimgraph events`, `export`), Python API, web.

Names are resolved through the KB before filtering, so ``--actor KH``, ``--actor "Kata'ib
Hizballah"`` and ``--actor "كتائب حزب الله"`` find the same events; a name the KB does not
know is matched as written (events can name actors the KB lacks).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from claimgraph.errors import UsageError
from claimgraph.kb.loader import surface_key
from claimgraph.store import schema

REVIEW_STATUSES = ("unreviewed", "confirmed", "edited", "rejected")
_YEAR = timedelta(days=366)


@dataclass(slots=True)
class EventFilter:
    actor: str | None = None  # any role: claimant, attributed, perpetrator, target
    claimed_by: str | None = None
    place: str | None = None
    country: str | None = None
    type: str | None = None  # sub-event type, event type, or a weapon ("drone")
    since: date | None = None
    until: date | None = None
    conflicts: bool = False
    review_status: str | None = None  # default: everything but rejected events

    def __post_init__(self) -> None:
        for name in ("since", "until"):
            value = getattr(self, name)
            if isinstance(value, str):
                try:
                    setattr(self, name, date.fromisoformat(value))
                except ValueError:
                    raise UsageError(f"{name} {value!r} is not a date: use YYYY-MM-DD") from None
        if self.review_status and self.review_status not in REVIEW_STATUSES:
            raise UsageError(f"unknown review status {self.review_status!r}: use one of {', '.join(REVIEW_STATUSES)}")
        if self.since and self.until and self.since > self.until:
            raise UsageError(f"--since {self.since} is after --until {self.until}")


def _contains(column: sa.ColumnElement, value: str) -> sa.ColumnElement[bool]:
    """A JSON list column holds ``value`` (portable: a LIKE on the stored JSON text)."""
    needle = json.dumps(value).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return sa.cast(column, sa.Text).like(f"%{needle}%", escape="\\")


def actor_name(conn: Connection, name: str) -> str:
    """The canonical KB name for any alias (any language), else ``name`` itself."""
    aliases, actors = schema.kb_aliases, schema.kb_actors
    key = surface_key(name)
    rows = conn.execute(
        sa.select(actors.c.name, aliases.c.alias).join(aliases, aliases.c.actor_id == actors.c.id)
    ).all()
    for canonical, alias in rows:
        if surface_key(alias) == key or alias == name:
            return canonical
    return name


def country_code(conn: Connection, value: str) -> str:
    if len(value) == 2:
        return value.upper()
    from claimgraph.acled import _countries

    for code, info in _countries().items():
        if value.casefold() in (info["name"].casefold(), info["iso3"].casefold()):
            return code
    raise UsageError(f"unknown country {value!r}: use an ISO code (IQ, SY) or an English name (Iraq)")


def where(conn: Connection, f: EventFilter, *, status: bool = True) -> list[sa.ColumnElement[bool]]:
    """The WHERE clauses of ``f``; ``status=False`` leaves out the review status (any status: the
    status counts of ``store.facets``)."""
    e = schema.events
    clauses: list[sa.ColumnElement[bool]] = []
    if f.actor:
        name = actor_name(conn, f.actor)
        clauses.append(
            sa.or_(
                _contains(e.c.actors, name),
                _contains(e.c.claimed_by, name),
                _contains(e.c.attributed_to, name),
                e.c.target == name,
            )
        )
    if f.claimed_by:
        clauses.append(_contains(e.c.claimed_by, actor_name(conn, f.claimed_by)))
    if f.place:
        # the consensus place, its province, or any place a source gave (al-Tanf finds Tower 22)
        text = f"%{f.place.casefold()}%"
        ef = schema.event_fields
        any_source = (
            sa.select(ef.c.event_id)
            .where(ef.c.event_id == e.c.id, ef.c.field == "place", sa.func.lower(ef.c.value_key).like(text))
            .exists()
        )
        clauses.append(
            sa.or_(sa.func.lower(e.c.place_name).like(text), sa.func.lower(e.c.admin1).like(text), any_source)
        )
    if f.country:
        clauses.append(e.c.country == country_code(conn, f.country))
    if f.type:
        t = f.type.casefold()
        clauses.append(
            sa.or_(
                sa.func.lower(e.c.sub_event_type).like(f"%{t}%"),
                sa.func.lower(e.c.event_type).like(f"%{t}%"),
                _contains(e.c.weapons, t),
            )
        )
    # An event's ``date`` is the first day of what it stands for (``date_low``), so ``date`` ranges
    # use the (country, date) and (date) indexes; ``date_high`` makes "since" exact for a week or month.
    if f.since:
        year_before = f.since - _YEAR if f.since > date.min + _YEAR else date.min  # since=0001-01-01 is a date too
        clauses += [e.c.date >= year_before, e.c.date_high >= f.since]
    if f.until:
        clauses.append(e.c.date <= f.until)
    if f.conflicts:
        clauses.append(sa.cast(e.c.conflicts, sa.Text) != "[]")
    if not status:
        pass
    elif f.review_status:
        clauses.append(e.c.review_status == f.review_status)
    else:
        clauses.append(e.c.review_status != "rejected")
    return clauses
