"""Open a claimgraph database: SQLite by default, PostgreSQL with a ``postgresql://`` URL.

``connect(url)`` returns a SQLAlchemy ``Engine`` with the schema migrated to the current
version. SQLite runs in WAL mode with foreign keys on; transactions are explicit
(``engine.begin()``), never the driver's implicit ones. A plain path is accepted for
SQLite (``claimgraph.db`` means ``sqlite:///claimgraph.db``).
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from claimgraph.errors import UsageError
from claimgraph.store import schema

DEFAULT_DB = "claimgraph.db"


def database_url(db: str | Path | None) -> str:
    """Normalise what the user typed (a path or a URL) into a SQLAlchemy URL."""
    text = str(db or DEFAULT_DB)
    if "://" not in text:
        return f"sqlite:///{text}"
    if text.startswith(("postgres://", "postgresql://")):
        # psycopg 3 is the driver we ship (claimgraph[postgres]); spell it out for SQLAlchemy.
        return "postgresql+psycopg://" + text.split("://", 1)[1]
    if text.startswith(("sqlite:", "postgresql+psycopg:")):
        return text
    raise UsageError(f"unsupported database URL {text!r}: use a SQLite path (claimgraph.db) or postgresql://HOST/DB")


def connect(db: str | Path | None = None, *, migrate: bool = True) -> Engine:
    """An engine for ``db`` (path or URL), its schema created or migrated."""
    url = database_url(db)
    if url.startswith("sqlite:"):
        path = url.removeprefix("sqlite:///")
        if path and path != ":memory:" and not Path(path).parent.is_dir():
            raise UsageError(f"cannot open database {path}: directory {Path(path).parent} does not exist")
        engine = sa.create_engine(url, connect_args={"timeout": 30})
        sa.event.listen(engine, "connect", _sqlite_on_connect)
        sa.event.listen(engine, "begin", _sqlite_on_begin)
    else:
        try:
            engine = sa.create_engine(url, pool_pre_ping=True)
        except ModuleNotFoundError as exc:
            raise UsageError(
                f"PostgreSQL needs the psycopg driver ({exc.name} is missing): pip install 'claimgraph[postgres]'"
            ) from exc
    try:
        if migrate:
            from claimgraph.store.migrations import migrate as run_migrations

            run_migrations(engine)
    except sa.exc.OperationalError as exc:
        engine.dispose()
        raise UsageError(f"cannot open database {_redacted(url)}: {exc.orig}") from exc
    return engine


def is_sqlite(conn: Connection | Engine) -> bool:
    return conn.dialect.name == "sqlite"


def now() -> datetime:
    return datetime.now(UTC)


def _redacted(url: str) -> str:
    return sa.engine.make_url(url).render_as_string(hide_password=True)


def _sqlite_on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # Let SQLAlchemy issue BEGIN itself (pysqlite's implicit transactions are off), so a
    # transaction covers exactly what ``engine.begin()`` covers.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_on_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN")


__all__ = ["DEFAULT_DB", "connect", "database_url", "is_sqlite", "now", "schema"]
