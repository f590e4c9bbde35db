"""Stream the events an export covers, in batches, in a stable order (date, then id).

Exports never hold the whole result in memory: ``iter_event_batches`` pages through the
``events`` table with keyset pagination (``(date, id) > (last date, last id)``), so a batch
costs the same at the end of a million events as at the start, on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from claimgraph.store import schema
from claimgraph.store.filters import EventFilter, where

BATCH = 1000
_NO_DATE = date(1, 1, 1)


def iter_event_batches(conn: Connection, f: EventFilter, batch: int = BATCH) -> Iterator[list[dict[str, Any]]]:
    """Lists of ``events`` rows (as dicts) matching ``f``, oldest first, ``batch`` at a time."""
    e = schema.events
    day = sa.func.coalesce(e.c.date, _NO_DATE)
    clauses = where(conn, f)
    last: tuple[date, str] | None = None
    while True:
        query = sa.select(e).where(*clauses).order_by(day, e.c.id).limit(batch)
        if last is not None:
            query = query.where(sa.tuple_(day, e.c.id) > sa.tuple_(sa.literal(last[0], sa.Date), last[1]))
        rows = [dict(r) for r in conn.execute(query).mappings()]
        if not rows:
            return
        yield rows
        last = (rows[-1]["date"] or _NO_DATE, rows[-1]["id"])
        if len(rows) < batch:
            return


def iter_acled_rows(conn: Connection, f: EventFilter, batch: int = BATCH) -> Iterator[dict[str, Any]]:
    """Rows in the ACLED layout (``acled.COLUMNS``), oldest event first."""
    from claimgraph.store.repository import acled_rows

    for rows in iter_event_batches(conn, f, batch):
        yield from acled_rows(conn, rows)
