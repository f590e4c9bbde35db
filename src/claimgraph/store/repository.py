"""``Store``: the database as an analyst's Python API (``claimgraph.open(db)``).

Tabular queries return pandas DataFrames whose columns are those of the CSV export
(``export.acled.COLUMNS``); detail queries (one event, one actor, one document) return
plain dicts ready for JSON. The CLI, the web app and the exports all call these.

>>> import claimgraph
>>> db = claimgraph.open("claimgraph.db")
>>> db.events(claimed_by="Islamic Resistance in Iraq", country="SY").head()
>>> db.event("evt_...")["conflicts"]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from claimgraph.errors import UsageError
from claimgraph.export.acled import COLUMNS, DTYPES, acled_row
from claimgraph.store import review, schema
from claimgraph.store.engine import connect
from claimgraph.store.filters import EventFilter, where

if TYPE_CHECKING:
    import pandas as pd

    from claimgraph.reconcile import ReconcileResult
    from claimgraph.store.ingest import IngestSummary


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


class Store:
    """A claimgraph database (SQLite file or PostgreSQL)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, db: str | Path | None = None) -> Store:
        return cls(connect(db))

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ----------------------------------------------------------------------------
    def ingest(self, paths: Iterable[str | Path], **kw: Any) -> IngestSummary:
        from claimgraph.store.ingest import ingest

        return ingest(self.engine, paths, **kw)

    def reconcile(
        self, full: bool = False, progress: Callable[[ReconcileResult, date], None] | None = None
    ) -> ReconcileResult:
        """Cluster reports into events (see ``claimgraph.reconcile``); ``progress`` is called per week swept."""
        from claimgraph.reconcile import reconcile

        with self.engine.begin() as conn:
            return reconcile(conn, full=full, progress=progress)

    def confirm(self, event_id: str, user: str, fields: Iterable[str] = (), note: str = "") -> int:
        with self.engine.begin() as conn:
            return review.confirm(conn, event_id, user, list(fields), note)

    def edit(self, event_id: str, field: str, value: Any, user: str, note: str = "") -> int:
        with self.engine.begin() as conn:
            return review.edit(conn, event_id, field, value, user, note)

    def merge(
        self,
        event_id: str,
        others: Iterable[str],
        user: str,
        note: str = "",
        choose: dict[str, str] | None = None,
    ) -> int:
        """Merge ``others`` into ``event_id``; ``choose`` maps a field to the merged event whose value
        wins (default: the first event's, where they disagree)."""
        with self.engine.begin() as conn:
            return review.merge(conn, event_id, list(others), user, note, choose)

    def split(self, event_id: str, report_ids: Iterable[str], user: str, note: str = "") -> tuple[int, str]:
        with self.engine.begin() as conn:
            return review.split(conn, event_id, list(report_ids), user, note)

    def preview_merge(
        self, event_id: str, others: Iterable[str], choose: dict[str, str] | None = None
    ) -> dict[str, Any]:
        """What ``merge`` would do (reports moved, values before and after), without doing it."""
        with self.engine.begin() as conn:
            return review.preview_merge(conn, event_id, list(others), choose)

    def preview_split(self, event_id: str, report_ids: Iterable[str]) -> dict[str, Any]:
        """What ``split`` would do (reports moved, values before and after, the new id), without doing it."""
        with self.engine.begin() as conn:
            return review.preview_split(conn, event_id, list(report_ids))

    def reject(self, event_id: str, user: str, note: str = "") -> int:
        with self.engine.begin() as conn:
            return review.reject(conn, event_id, user, note)

    def reopen(self, event_id: str, user: str, note: str = "") -> int:
        with self.engine.begin() as conn:
            return review.reopen(conn, event_id, user, note)

    def undo(self, event_id: str, user: str, note: str = "") -> int:
        """Undo the last review action on ``event_id`` (see ``store.review.undo``)."""
        with self.engine.begin() as conn:
            return review.undo(conn, event_id, user, note)

    # -- tables -----------------------------------------------------------------------------
    def events(
        self,
        filter: EventFilter | None = None,
        *,
        limit: int | None = None,
        offset: int = 0,
        order: str = "date",
        **filters: Any,
    ) -> pd.DataFrame:
        """Events as a DataFrame in the CSV export's columns; keyword filters as ``EventFilter``
        (``actor``, ``claimed_by``, ``place``, ``country``, ``type``, ``since``, ``until``,
        ``conflicts``, ``review_status``)."""

        f = filter or EventFilter(**filters)
        with self.engine.connect() as conn:
            rows = acled_rows(conn, event_rows(conn, f, limit=limit, offset=offset, order=order))
        return typed_frame(rows)

    def count_events(self, **filters: Any) -> int:
        with self.engine.connect() as conn:
            e = schema.events
            return conn.execute(
                sa.select(sa.func.count()).select_from(e).where(*where(conn, EventFilter(**filters)))
            ).scalar_one()

    def documents(self) -> pd.DataFrame:
        import pandas as pd

        d = schema.documents
        cols = [d.c.id, d.c.ext_id, d.c.title, d.c.outlet, d.c.url, d.c.published, d.c.lang, d.c.n_events]
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(*cols).order_by(d.c.published, d.c.id)).mappings().all()
        return pd.DataFrame(rows, columns=[c.name for c in cols])

    def actors(self, name: str | None = None) -> pd.DataFrame:
        """Actors (KB and extracted) with their activity: one row per actor."""
        import pandas as pd

        from claimgraph.store.actors import actor_table

        with self.engine.connect() as conn:
            rows = actor_table(conn, name)
        return pd.DataFrame(rows)

    def failures(self) -> pd.DataFrame:
        import pandas as pd

        with self.engine.connect() as conn:
            rows = (
                conn.execute(sa.select(schema.failed_inputs).order_by(schema.failed_inputs.c.source)).mappings().all()
            )
        return pd.DataFrame(rows, columns=["source", "reason", "exit_code"])

    # -- details ----------------------------------------------------------------------------
    def event(self, event_id: str) -> dict[str, Any]:
        from claimgraph.store.details import event_detail

        with self.engine.connect() as conn:
            return event_detail(conn, event_id)

    def actor(self, name: str) -> dict[str, Any]:
        from claimgraph.store.actors import actor_detail

        with self.engine.connect() as conn:
            return actor_detail(conn, name)

    def document(self, doc_id: str) -> dict[str, Any]:
        from claimgraph.store.details import document_detail

        with self.engine.connect() as conn:
            return document_detail(conn, doc_id)

    def search(self, q: str, limit: int = 20) -> list[dict[str, Any]]:
        """Documents whose text matches ``q`` (FTS5 on SQLite, tsvector on PostgreSQL)."""
        from claimgraph.store.details import search

        with self.engine.connect() as conn:
            return search(conn, q, limit)

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {
                t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
                for t in (
                    schema.documents,
                    schema.event_reports,
                    schema.events,
                    schema.claims,
                    schema.memberships,
                    schema.failed_inputs,
                    schema.review_actions,
                )
            }


def open(db: str | Path | None = None) -> Store:
    """Open (creating or migrating) a claimgraph database: a SQLite path or a PostgreSQL URL."""
    return Store.open(db)


__all__ = ["Store", "acled_rows", "event_rows", "open"]
