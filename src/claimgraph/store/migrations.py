"""Named schema migrations, applied in order and recorded in ``schema_migrations``.

A migration is a function of a connection, listed in ``MIGRATIONS`` under a name that
never changes once released. ``migrate(engine)`` applies the ones a database has not
recorded yet, each in its own transaction (on PostgreSQL DDL is transactional; on
SQLite every statement here is too). To change the schema, append a migration; never
edit one that has shipped.

Full-text search differs by backend and is created here rather than in ``schema``:
SQLite gets an FTS5 table ``documents_fts(doc_id UNINDEXED, title, text)`` written by the
store next to each document; PostgreSQL gets a GIN index over ``to_tsvector('simple', ...)``.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from claimgraph.store import schema
from claimgraph.store.engine import begin_write, is_sqlite, now

Migration = Callable[[Connection], None]


_PEOPLE = ("users", "sessions", "api_tokens")


def _initial(conn: Connection) -> None:
    tables = [t for t in schema.metadata.sorted_tables if t.name not in _PEOPLE + schema.WATCH_TABLES]
    schema.metadata.create_all(conn, tables=tables)


def _people(conn: Connection) -> None:
    schema.metadata.create_all(conn, tables=[schema.metadata.tables[name] for name in _PEOPLE])


def _full_text(conn: Connection) -> None:
    if is_sqlite(conn):
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5("
            "doc_id UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2')"
        )
    else:
        conn.exec_driver_sql(
            "CREATE INDEX IF NOT EXISTS ix_documents_fts ON documents USING GIN "
            "(to_tsvector('simple', coalesce(title, '') || ' ' || text))"
        )


def _append_only_audit(conn: Connection) -> None:
    """The review log refuses UPDATE and DELETE in the database itself, whoever connects."""
    message = "review_actions is an append-only audit log"
    if is_sqlite(conn):
        for op in ("UPDATE", "DELETE"):
            conn.exec_driver_sql(
                f"CREATE TRIGGER IF NOT EXISTS review_actions_no_{op.lower()} BEFORE {op} ON review_actions "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            )
    else:
        conn.exec_driver_sql(
            "CREATE OR REPLACE FUNCTION claimgraph_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{message}'; END $$"
        )
        conn.exec_driver_sql(
            "CREATE TRIGGER review_actions_append_only BEFORE UPDATE OR DELETE ON review_actions "
            "FOR EACH ROW EXECUTE FUNCTION claimgraph_append_only()"
        )


def _query_indexes(conn: Connection) -> None:
    """Indexes for the web app's filtered, date-ordered pages (country or type plus a date range)."""
    for index in (schema.ix_events_country_date, schema.ix_events_type_date):
        index.create(conn, checkfirst=True)


def _reconcile_sweep(conn: Connection) -> None:
    """Events are now clustered by a bounded-memory sweep over the date axis: recompute them once
    (incremental runs resume from the stored events, which must come from the same algorithm)."""
    from claimgraph.reconcile import reconcile  # reconcile builds on the schema, not the reverse

    if conn.execute(sa.select(schema.event_reports.c.id).limit(1)).first() is not None:
        reconcile(conn, full=True)


def _review_integrity(conn: Connection) -> None:
    """Review actions that change only the events they name, and can be undone: the tables of kept-out
    reports and of retired ids; then repair analyst values older versions let in (a count of
    99999999999999999999 broke every reader): each is removed, the event falls back to the
    machine's value, and the audit log gets a ``repair`` row with the old value and the reason."""
    from claimgraph.reconcile import reconcile
    from claimgraph.store.validate import problem

    for table in (schema.analyst_exclusions, schema.event_redirects):
        table.create(conn, checkfirst=True)
    t = schema.analyst_fields
    bad = [
        (row["event_id"], row["field"], row["value"], reason)
        for row in conn.execute(sa.select(t).order_by(t.c.event_id, t.c.field)).mappings()
        if (reason := problem(row["field"], row["value"])) is not None
    ]
    if not bad:
        return
    for event_id, name, value, reason in bad:
        conn.execute(t.delete().where(t.c.event_id == event_id, t.c.field == name))
        conn.execute(
            schema.review_actions.insert().values(
                at=now(),
                user="claimgraph",
                action="repair",
                event_id=event_id,
                field=name,
                old_value=value,
                new_value=None,
                detail={"events": [event_id], "reason": reason},
                note=f"migration 0007 removed an analyst value out of range ({reason}); the machine's value applies",
            )
        )
    links = schema.event_links
    events = sorted({event_id for event_id, *_ in bad})
    dirty = conn.execute(sa.select(links.c.report_id).where(links.c.event_id.in_(events))).scalars().all()
    reconcile(conn, dirty=dirty)


def _watch(conn: Connection) -> None:
    """The tables of `claimgraph watch` and of saved searches (bookkeeping: wall-clock times allowed)."""
    for name in schema.WATCH_TABLES:
        schema.metadata.tables[name].create(conn, checkfirst=True)


def _developments(conn: Connection) -> None:
    """Strategic developments (announcements) and their reports; the actor graph's announced dates."""
    tables = (schema.development_reports, schema.developments, schema.development_status)
    schema.metadata.create_all(conn, tables=list(tables), checkfirst=True)
    have = {c["name"] for c in sa.inspect(conn).get_columns(schema.actor_edges.name)}
    for column in ("announced_start", "announced_end"):
        if column not in have:
            conn.execute(sa.text(f"ALTER TABLE {schema.actor_edges.name} ADD COLUMN {column} DATE"))


def _vessels(conn: Connection) -> None:
    """The ship an attack at sea hit ({name, type, flag}), on reports and canonical events. Reports stored
    before have none (their extraction did not read ships): ingest them into a fresh database to fill it."""
    for table in (schema.event_reports, schema.events):
        have = {c["name"] for c in sa.inspect(conn).get_columns(table.name)}
        if "vessel" not in have:
            conn.execute(sa.text(f"ALTER TABLE {table.name} ADD COLUMN vessel JSON"))


MIGRATIONS: tuple[tuple[str, Migration], ...] = (
    ("0001_initial", _initial),
    ("0002_full_text", _full_text),
    ("0003_append_only_audit", _append_only_audit),
    ("0004_users_sessions_tokens", _people),
    ("0005_query_indexes", _query_indexes),
    ("0006_reconcile_sweep", _reconcile_sweep),
    ("0007_review_integrity", _review_integrity),
    ("0008_watch", _watch),
    ("0009_developments", _developments),
    ("0011_vessels", _vessels),
)


def applied(conn: Connection) -> set[str]:
    if not sa.inspect(conn).has_table(schema.schema_migrations.name):
        return set()
    return set(conn.execute(sa.select(schema.schema_migrations.c.name)).scalars())


# PostgreSQL advisory lock key of schema migrations (any constant: the processes that open one store agree on it)
_MIGRATION_LOCK = 0x636C6D67  # "clmg"


def _serialised(conn: Connection) -> None:
    """Holds the migration lock until the transaction ends: two processes opening a new store at once (an ingest
    and a reader, two workers) each saw a migration pending and both applied it. On SQLite the write transaction
    (``BEGIN IMMEDIATE``) already excludes the other writer."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})


def migrate(engine: Engine) -> list[str]:
    """Apply pending migrations; returns the names applied now. Each is applied in a transaction that holds
    the migration lock and first checks, under it, that no other process has applied it meanwhile."""
    with begin_write(engine) as conn:
        _serialised(conn)
        schema.schema_migrations.create(conn, checkfirst=True)
        done = applied(conn)
    new = []
    for name, step in MIGRATIONS:
        if name in done:
            continue
        with begin_write(engine) as conn:
            _serialised(conn)
            if name in applied(conn):
                continue  # another process applied it while this one waited
            step(conn)
            conn.execute(schema.schema_migrations.insert().values(name=name, applied_at=now()))
        new.append(name)
    return new
