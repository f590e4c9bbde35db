"""Counts beside a filtered event list: how many events per review status, and the facets an
analyst narrows by (type, country, claimant), as Datasette and ACLED Explorer show them.

Every count is of the events the other filters select: the status counts ignore the filter's own
review status (so they add up to every event the other filters match), the facets respect it (by
default: every event but the rejected ones).

One scan of the filtered events answers everything: grouped by (status, type, country, the
claimant list as stored), its few hundred or thousand rows give the status counts, the type,
country and claimant facets and the list's total (a claimant counts once per event, whichever
other claimants share its list).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from claimgraph.store import schema
from claimgraph.store.filters import REVIEW_STATUSES, EventFilter, where

FACET_LIMIT = 12


@dataclass(slots=True)
class Summary:
    total: int  # events the filter selects (its own review status, or all but rejected)
    statuses: dict[str, int]  # review status -> events the other filters select
    facets: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # type, country, claimed_by


def summary(conn: Connection, f: EventFilter, limit: int = FACET_LIMIT) -> Summary:
    """The total, the status counts and the facets of ``f``."""
    e = schema.events
    claimants_text = sa.cast(e.c.claimed_by, sa.Text)  # grouped as stored (PostgreSQL's json has no equality)
    rows = conn.execute(
        sa.select(e.c.review_status, e.c.sub_event_type, e.c.country, claimants_text, sa.func.count())
        .where(*where(conn, f, status=False))
        .group_by(e.c.review_status, e.c.sub_event_type, e.c.country, claimants_text)
    ).all()
    statuses = dict.fromkeys(REVIEW_STATUSES, 0)
    types: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    claimants: Counter[str] = Counter()
    total = 0
    for status, kind, country, claimed, n in rows:
        if status in statuses:
            statuses[status] += n
        if status == f.review_status if f.review_status else status != "rejected":
            total += n
            types[kind] += n
            if country:
                countries[country] += n
            for name in set(json.loads(claimed) if claimed else ()):
                claimants[name] += n
    return Summary(
        total=total,
        statuses=statuses,
        facets={"type": _top(types, limit), "country": _top(countries, limit), "claimed_by": _top(claimants, limit)},
    )


def status_counts(conn: Connection, f: EventFilter) -> dict[str, int]:
    """Review status -> number of events the other filters match (every status present, 0 if none)."""
    return summary(conn, f).statuses


def facets(conn: Connection, f: EventFilter, limit: int = FACET_LIMIT) -> dict[str, list[dict[str, Any]]]:
    """``{"type": [...], "country": [...], "claimed_by": [...]}``: the most frequent values with their
    counts (``{"value", "count"}``), most frequent first, at most ``limit`` each."""
    return summary(conn, f, limit).facets


def _top(counts: Counter[str], limit: int) -> list[dict[str, Any]]:
    return [{"value": v, "count": n} for v, n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))[:limit]]
