"""``Store``: the database as an analyst's Python API (``claimgraph.open(db)``).

Tabular queries return pandas DataFrames whose columns are those of the CSV export
(``export.acled.COLUMNS``); detail queries (one event, one actor, one document) return
plain dicts ready for JSON. Writing coordinates the stages: ``ingest`` (sources, extraction,
the store, reconcile) and the review actions (the store, then reconcile).

>>> import claimgraph
>>> db = claimgraph.open("claimgraph.db")
>>> db.events(claimed_by="Islamic Resistance in Iraq", country="SY").head()
>>> db.event("evt_...")["conflicts"]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from claimgraph.pipeline import review
from claimgraph.store import schema
from claimgraph.store.engine import begin_write, connect
from claimgraph.store.filters import EventFilter, where
from claimgraph.store.repository import acled_rows, event_rows, typed_frame

if TYPE_CHECKING:
    import pandas as pd

    from claimgraph.pipeline.ingest import IngestSummary
    from claimgraph.reconcile import ReconcileResult


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
        from claimgraph.pipeline.ingest import ingest

        return ingest(self.engine, paths, **kw)

    def reconcile(
        self,
        full: bool = False,
        progress: Callable[[ReconcileResult, date], None] | None = None,
        workers: int = 1,
    ) -> ReconcileResult:
        """Cluster reports into events (see ``claimgraph.reconcile``); ``progress`` is called per week
        swept; ``workers`` processes share a sweep of the whole store (a script that uses them needs
        ``if __name__ == "__main__":``, as any use of ``multiprocessing``)."""
        from claimgraph.reconcile import reconcile

        with begin_write(self.engine) as conn:
            return reconcile(conn, full=full, progress=progress, workers=workers)

    def confirm(self, event_id: str, user: str, fields: Iterable[str] = (), note: str = "") -> int:
        with begin_write(self.engine) as conn:
            return review.confirm(conn, event_id, user, list(fields), note)

    def edit(self, event_id: str, field: str, value: Any, user: str, note: str = "") -> int:
        with begin_write(self.engine) as conn:
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
        with begin_write(self.engine) as conn:
            return review.merge(conn, event_id, list(others), user, note, choose)

    def split(self, event_id: str, report_ids: Iterable[str], user: str, note: str = "") -> tuple[int, str]:
        with begin_write(self.engine) as conn:
            return review.split(conn, event_id, list(report_ids), user, note)

    def preview_merge(
        self, event_id: str, others: Iterable[str], choose: dict[str, str] | None = None
    ) -> dict[str, Any]:
        """What ``merge`` would do (reports moved, values before and after), without doing it."""
        with begin_write(self.engine) as conn:
            return review.preview_merge(conn, event_id, list(others), choose)

    def preview_split(self, event_id: str, report_ids: Iterable[str]) -> dict[str, Any]:
        """What ``split`` would do (reports moved, values before and after, the new id), without doing it."""
        with begin_write(self.engine) as conn:
            return review.preview_split(conn, event_id, list(report_ids))

    def reject(self, event_id: str, user: str, note: str = "") -> int:
        with begin_write(self.engine) as conn:
            return review.reject(conn, event_id, user, note)

    def reopen(self, event_id: str, user: str, note: str = "") -> int:
        with begin_write(self.engine) as conn:
            return review.reopen(conn, event_id, user, note)

    def undo(self, event_id: str, user: str, note: str = "") -> int:
        """Undo the last review action on ``event_id`` (see ``pipeline.review.undo``)."""
        with begin_write(self.engine) as conn:
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


__all__ = ["Store", "open"]
