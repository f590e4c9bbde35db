"""Open a claimgraph database: SQLite by default, PostgreSQL with a ``postgresql://`` URL.

``connect(url)`` returns a SQLAlchemy ``Engine`` with the schema migrated to the current
version. SQLite runs in WAL mode with foreign keys on; transactions are explicit, never the
driver's implicit ones: a transaction that writes is opened with ``begin_write(engine)``, and a
reader uses ``engine.connect()``. A plain path is accepted for SQLite (``claimgraph.db`` means
``sqlite:///claimgraph.db``).

Why ``begin_write`` and not ``engine.begin()``: SQLite's plain ``BEGIN`` is deferred, so a
transaction that reads before it writes holds a snapshot; if another connection commits in
between, the write fails at once with "database is locked" (``SQLITE_BUSY_SNAPSHOT``: the busy
timeout cannot help, the snapshot is stale). ``begin_write`` opens SQLite transactions with
``BEGIN IMMEDIATE``, which takes the write lock first and so waits (up to the busy timeout) for
the other writer instead. On PostgreSQL it is ``engine.begin()``.

A server passes ``pool_size`` (and ``pool_timeout``): the pool then holds exactly that many
connections, with no overflow, and a caller that waits longer than ``pool_timeout`` seconds for
one gets ``sqlalchemy.exc.TimeoutError`` (the web app answers 503). Without them the engine keeps
SQLAlchemy's defaults, which suit the command line.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import QueuePool

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


def connect(
    db: str | Path | None = None,
    *,
    migrate: bool = True,
    pool_size: int | None = None,
    pool_timeout: float = 30.0,
) -> Engine:
    """An engine for ``db`` (path or URL), its schema created or migrated.

    ``pool_size``: a fixed pool of that many connections (no overflow), each wait for one bounded
    by ``pool_timeout`` seconds.
    """
    url = database_url(db)
    pool: dict[str, object] = {}
    if pool_size is not None:
        if pool_size < 1:
            raise UsageError(f"a connection pool needs at least one connection, not {pool_size}")
        pool = {"poolclass": QueuePool, "pool_size": pool_size, "max_overflow": 0, "pool_timeout": pool_timeout}
    if url.startswith("sqlite:"):
        path = url.removeprefix("sqlite:///")
        memory = not path or path == ":memory:" or "mode=memory" in path
        if not memory and not Path(path).parent.is_dir():
            raise UsageError(f"cannot open database {path}: directory {Path(path).parent} does not exist")
        # an in-memory database lives in one connection: it keeps SQLAlchemy's pool for it
        engine = sa.create_engine(url, connect_args={"timeout": 30}, **({} if memory else pool))
        sa.event.listen(engine, "connect", _sqlite_on_connect)
        sa.event.listen(engine, "begin", _sqlite_on_begin)
    else:
        try:
            engine = sa.create_engine(url, pool_pre_ping=True, **pool)
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


@contextmanager
def begin_write(engine: Engine) -> Iterator[Connection]:
    """A connection in a write transaction, committed when the block ends without error (on
    SQLite, begun with ``BEGIN IMMEDIATE``: see the module's docstring)."""
    with engine.connect() as conn:
        conn.execution_options(**{_WRITE: True})
        with conn.begin():
            yield conn


def is_sqlite(conn: Connection | Engine) -> bool:
    return conn.dialect.name == "sqlite"


def now() -> datetime:
    return datetime.now(UTC)


def _redacted(url: str) -> str:
    return sa.engine.make_url(url).render_as_string(hide_password=True)


def _sqlite_on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # Let SQLAlchemy issue BEGIN itself (pysqlite's implicit transactions are off), so a
    # transaction covers exactly what ``begin_write``'s block covers.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")
    _switch_to_wal(cursor)
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


_WAL_TRIES = 100  # x 0.05 s: several processes opening a new database at once take turns to switch it to WAL


def _switch_to_wal(cursor: sqlite3.Cursor) -> None:
    """``PRAGMA journal_mode=WAL``, again while another connection holds the lock it needs: on a new database opened
    by several processes at once (two workers, an ingest and a reader) the switch can fail at once with "database is
    locked", whatever the busy timeout, and the process that lost the race could not open the store."""
    for attempt in range(_WAL_TRIES):
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == _WAL_TRIES - 1:
                raise
            time.sleep(0.05)


_WRITE = "claimgraph_write"


def _sqlite_on_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN")


__all__ = ["DEFAULT_DB", "begin_write", "connect", "database_url", "is_sqlite", "now", "schema"]
