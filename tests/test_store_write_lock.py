"""Two writers on one SQLite file: a transaction that reads before it writes waits for the other
writer instead of failing with "database is locked" (SQLite's stale-snapshot error, which the busy
timeout cannot cure). `watch` writes its fetch log from its fetch threads while the main thread
stores documents: the failure a CI run once showed."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from claimgraph.store import schema
from claimgraph.store.engine import begin_write, connect

SRC = Path(__file__).resolve().parents[1] / "src" / "claimgraph"


def _add(conn: sa.Connection, name: str) -> None:
    conn.execute(schema.failed_inputs.insert().values(source=name, reason="test", exit_code=1))


def _read_then_write_while_another_commits(engine: sa.Engine, begin) -> None:
    """Open a transaction with ``begin``, read, let another thread commit a write, then write."""
    other_done = threading.Event()

    def other() -> None:
        with begin_write(engine) as conn:
            _add(conn, "other")
        other_done.set()

    with begin(engine) as conn:
        conn.execute(sa.select(sa.func.count()).select_from(schema.failed_inputs)).scalar_one()
        thread = threading.Thread(target=other)
        thread.start()
        other_done.wait(timeout=1.0)  # with BEGIN IMMEDIATE the other writer waits for us: times out
        _add(conn, "first")
    thread.join(timeout=60)
    assert not thread.is_alive()


def test_a_write_transaction_that_reads_first_waits_for_the_other_writer(tmp_path):
    engine = connect(str(tmp_path / "two-writers.db"))
    try:
        _read_then_write_while_another_commits(engine, begin_write)
        with engine.connect() as conn:
            names = set(conn.execute(sa.select(schema.failed_inputs.c.source)).scalars())
        assert names == {"first", "other"}
    finally:
        engine.dispose()


def test_a_deferred_transaction_fails_in_that_case_which_is_why_begin_write_exists(tmp_path):
    engine = connect(str(tmp_path / "deferred.db"))
    try:
        with pytest.raises(sa.exc.OperationalError, match="database is locked"):
            _read_then_write_while_another_commits(engine, lambda e: e.begin())
    finally:
        engine.dispose()


def test_the_package_opens_every_write_transaction_with_begin_write():
    offenders = [
        f"{path.relative_to(SRC)}:{n}"
        for path in SRC.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"engine\.begin\(\)", line)
        and not line.lstrip().startswith(("#", "``", "Why"))
        and path.name != "engine.py"
    ]
    assert offenders == [], "use claimgraph.store.engine.begin_write(engine), not engine.begin()"
