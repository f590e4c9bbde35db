"""Event rows in the ACLED layout (``acled.COLUMNS``): the queries ``Store.events``, the
web app and the exports share (``Store`` itself is in ``database.py``)."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from claimgraph.acled import COLUMNS, DTYPES, acled_row
from claimgraph.errors import UsageError
from claimgraph.store import schema
from claimgraph.store.filters import EventFilter, where

if TYPE_CHECKING:
    import pandas as pd


def actor_kinds(conn: Connection) -> dict[str, tuple[str, str]]:
    t = schema.kb_actors
    return {
        name: (kind, country or "") for name, kind, country in conn.execute(sa.select(t.c.name, t.c.kind, t.c.country))
    }


def event_rows(
    conn: Connection, f: EventFilter, *, limit: int | None = None, offset: int = 0, order: str = "date"
) -> list[dict[str, Any]]:
    """Event rows (mappings of the ``events`` table) matching ``f``, newest first by default."""
    e = schema.events
    orders = {
        "date": [e.c.date.desc(), e.c.id],
        "-date": [e.c.date.asc(), e.c.id],
        "sources": [e.c.n_sources.desc(), e.c.date.desc(), e.c.id],
        "fatalities": [sa.func.coalesce(e.c.fatalities, -1).desc(), e.c.date.desc(), e.c.id],
    }
    if order not in orders:
        raise UsageError(f"unknown sort {order!r}: use one of {', '.join(orders)}")
    query = sa.select(e).where(*where(conn, f)).order_by(*orders[order]).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return [dict(r) for r in conn.execute(query).mappings()]


def outlets_of(conn: Connection, event_ids: list[str]) -> dict[str, list[str]]:
    links, reports, docs = schema.event_links, schema.event_reports, schema.documents
    out: dict[str, list[str]] = defaultdict(list)
    for i in range(0, len(event_ids), 500):
        chunk = event_ids[i : i + 500]
        query = (
            sa.select(links.c.event_id, sa.func.coalesce(docs.c.outlet, docs.c.ext_id))
            .join(reports, reports.c.id == links.c.report_id)
            .join(docs, docs.c.id == reports.c.doc_id)
            .where(links.c.event_id.in_(chunk))
        )
        for event_id, outlet in conn.execute(query):
            out[event_id].append(outlet)
    return out


def acled_rows(conn: Connection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    kinds = actor_kinds(conn)
    outlets = outlets_of(conn, [r["id"] for r in rows])
    return [acled_row(r, kinds, outlets.get(r["id"], [])) for r in rows]


_WHOLE = 2**53  # whole numbers a float64 holds exactly


def typed_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """ACLED-layout rows as a DataFrame of the export's dtypes. A stored count that is not a whole
    number in range (an older version let ``99999999999999999999`` in; SQLite keeps it as a float)
    reads as unknown rather than failing the whole list."""
    import pandas as pd

    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    for column, dtype in DTYPES.items():
        if dtype != "Int64" or frame[column].dtype.kind in "iu":
            continue
        values = pd.to_numeric(frame[column], errors="coerce")
        frame[column] = values.mask(values.notna() & ((values % 1 != 0) | (values.abs() >= _WHOLE)))
    return frame.astype(DTYPES)


__all__ = ["acled_rows", "actor_kinds", "event_rows", "outlets_of", "typed_frame"]
