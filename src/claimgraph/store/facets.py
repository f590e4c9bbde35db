"""Counts beside a filtered event list: how many events per review status, and the facets an
analyst narrows by (type, country, claimant), as Datasette and ACLED Explorer show them.

Every count is of the events the other filters select: the status counts ignore the filter's own
review status (so the four numbers add up to every event the other filters match), the facets
respect it (by default: every event but the rejected ones).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from claimgraph.store import schema
from claimgraph.store.engine import is_sqlite
from claimgraph.store.filters import REVIEW_STATUSES, EventFilter, where

FACET_LIMIT = 12


def status_counts(conn: Connection, f: EventFilter) -> dict[str, int]:
    """Review status -> number of events the other filters match (every status present, 0 if none)."""
    e = schema.events
    rows = conn.execute(
        sa.select(e.c.review_status, sa.func.count()).where(*where(conn, f, status=False)).group_by(e.c.review_status)
    ).all()
    counts = dict.fromkeys(REVIEW_STATUSES, 0)
    counts.update({status: n for status, n in rows if status in counts})
    return counts


def facets(conn: Connection, f: EventFilter, limit: int = FACET_LIMIT) -> dict[str, list[dict[str, Any]]]:
    """``{"type": [...], "country": [...], "claimed_by": [...]}``: the most frequent values with their
    counts (``{"value", "count"}``), most frequent first, at most ``limit`` each."""
    e = schema.events
    clauses = where(conn, f)
    out: dict[str, list[dict[str, Any]]] = {}
    for name, column in (("type", e.c.sub_event_type), ("country", e.c.country)):
        n = sa.func.count().label("n")
        rows = conn.execute(
            sa.select(column, n)
            .where(*clauses, column.is_not(None))
            .group_by(column)
            .order_by(n.desc(), column)
            .limit(limit)
        ).all()
        out[name] = [{"value": v, "count": c} for v, c in rows]
    out["claimed_by"] = _claimants(conn, clauses, limit)
    return out


def _claimants(conn: Connection, clauses: list[sa.ColumnElement[bool]], limit: int) -> list[dict[str, Any]]:
    """Claimant counts: ``claimed_by`` is a JSON list, unnested by the database."""
    e = schema.events
    if is_sqlite(conn):
        each = sa.func.json_each(e.c.claimed_by).table_valued("value").alias("claimant")
    else:
        each = (
            sa.func.json_array_elements_text(sa.cast(e.c.claimed_by, sa.JSON)).table_valued("value").alias("claimant")
        )
    value = each.c.value
    n = sa.func.count().label("n")
    rows = conn.execute(
        sa.select(value, n)
        .select_from(e)
        .join(each, sa.true())
        .where(*clauses)
        .group_by(value)
        .order_by(n.desc(), value)
        .limit(limit)
    ).all()
    return [{"value": v, "count": c} for v, c in rows]
