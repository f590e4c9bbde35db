"""Ingest into the database: idempotent, crash-safe, nothing lost. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

import claimgraph
from claimgraph.store import schema
from conftest import SOURCES, DocFiles, table_digests, write_sources


def test_store_ingest_stores_documents_reports_and_events(db_url, sources, shared_extractor):
    with claimgraph.open(db_url) as db:
        summary = db.ingest([sources.root])
        counts = db.counts()
    assert (summary.new, summary.duplicate, summary.failed) == (len(SOURCES), 0, 0)
    assert counts["documents"] == len(SOURCES)
    assert counts["event_reports"] == summary.reports >= len(SOURCES)
    # Tower 22 / al-Tanf and the two Harir October reports each collapse into one event.
    assert counts["events"] == summary.events_created == summary.reports - 2


def test_store_reingest_same_input_changes_nothing(db_url, sources, shared_extractor):
    with claimgraph.open(db_url) as db:
        db.ingest([sources.root])
    before = table_digests(db_url)
    with claimgraph.open(db_url) as db:
        again = db.ingest([sources.root])
    assert (again.new, again.duplicate, again.failed) == (0, len(SOURCES), 0)
    assert (again.events_created, again.events_updated) == (0, 0)
    assert table_digests(db_url) == before


def test_store_same_text_under_another_name_is_one_document_with_two_sources(db_url, tmp_docs, shared_extractor):
    write_sources(tmp_docs, ["wire-a-asad"])
    tmp_docs.text("copy/asad.txt", SOURCES["wire-a-asad"][2])
    with claimgraph.open(db_url) as db:
        summary = db.ingest([tmp_docs.root])
        with db.engine.connect() as conn:
            n_sources = conn.execute(sa.select(sa.func.count()).select_from(schema.document_sources)).scalar()
    assert (summary.new, summary.duplicate) == (1, 1)
    assert n_sources == 2


def test_store_malformed_input_is_recorded_and_the_rest_ingested(db_url, sources, shared_extractor):
    sources.text("broken.json", '{"text": "unterminated')
    sources.bytes("latin1.txt", "Attaque à Erbil".encode("latin-1"))
    with claimgraph.open(db_url) as db:
        summary = db.ingest([sources.root])
        failures = db.failures()
        counts = db.counts()
    assert summary.failed == 2 and summary.exit_code == 2
    assert counts["documents"] == len(SOURCES)
    reasons = dict(zip(failures.source.map(os.path.basename), failures.reason, strict=True))
    assert set(reasons) == {"broken.json", "latin1.txt"}
    assert "JSON" in reasons["broken.json"] and "UTF-8" in reasons["latin1.txt"]


def test_store_fixed_input_clears_its_failure(db_url, tmp_docs, shared_extractor):
    path = tmp_docs.text("late.json", '{"text": ')
    with claimgraph.open(db_url) as db:
        assert db.ingest([tmp_docs.root]).failed == 1
        _, published, text = SOURCES["wire-a-asad"]
        path.write_text(f'{{"text": "{text}", "published": "{published}"}}', encoding="utf-8")
        assert db.ingest([tmp_docs.root]).new == 1
        assert db.failures().empty


def _corpus(files: DocFiles, n: int) -> None:
    """``n`` distinct reports (different days and bases), enough for a run to be killed midway."""
    bases = [
        "Ain al-Asad air base",
        "Harir air base",
        "Erbil airport",
        "the Conoco gas field",
        "al-Tanf garrison",
        "Victory Base",
        "Ishtar base",
        "the al-Omar oil field",
    ]
    for i in range(n):
        day = 1 + i % 28
        month = 1 + (i // 28) % 12
        text = (
            f"A drone attack targeted {bases[i % len(bases)]} on 2024-{month:02d}-{day:02d}, wounding {i + 1} "
            f"US service members, officials said. The Islamic Resistance in Iraq claimed the attack (report {i})."
        )
        files.json(f"r{i:03d}.json", {"id": f"r{i:03d}", "published": f"2024-{month:02d}-{day:02d}", "text": text})


def _ingest_cmd(db: str, root) -> list[str]:
    return [sys.executable, "-m", "claimgraph", "ingest", str(root), "--db", db, "--batch-size", "4"]


def test_store_kill_and_resume_equals_a_clean_run(db_url, tmp_path):
    files = DocFiles(tmp_path / "kill")
    _corpus(files, 160)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(_ingest_cmd(db_url, files.root), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    engine = claimgraph.open(db_url).engine
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        with engine.connect() as conn:
            stored = conn.execute(sa.select(sa.func.count()).select_from(schema.documents)).scalar() or 0
        if stored >= 12:
            break
        time.sleep(0.05)
    if proc.poll() is not None:
        pytest.fail(f"ingest ended before it could be killed: {proc.stderr.read().decode()[-500:]}")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    engine.dispose()
    with claimgraph.open(db_url) as db:
        partial = db.counts()
    assert 0 < partial["documents"] < 160 and partial["documents"] % 4 == 0  # whole batches only
    assert partial["events"] == 0  # killed before reconcile
    resumed = subprocess.run(_ingest_cmd(db_url, files.root), env=env, capture_output=True, text=True, check=False)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{160 - partial['documents']} new documents, {partial['documents']} duplicate" in resumed.stderr

    clean_url = _sibling_db(db_url, tmp_path)
    clean = subprocess.run(_ingest_cmd(clean_url, files.root), env=env, capture_output=True, text=True, check=False)
    assert clean.returncode == 0, clean.stderr
    assert table_digests(db_url) == table_digests(clean_url)


def _sibling_db(db_url: str, tmp_path) -> str:
    if "://" not in db_url:
        return str(tmp_path / "clean.db")
    # PostgreSQL: another schema on the same server, dropped with the test's own by the fixture's server.
    import uuid

    from claimgraph.store.engine import database_url

    name = f"cg_test_{uuid.uuid4().hex[:12]}"
    base = db_url.split("?")[0]
    engine = sa.create_engine(database_url(base))
    with engine.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{name}"')
    engine.dispose()
    _CLEANUP.append((base, name))
    return f"{base}?options=-csearch_path%3D{name}"


_CLEANUP: list[tuple[str, str]] = []


@pytest.fixture(autouse=True)
def _drop_sibling_schemas():
    yield
    from claimgraph.store.engine import database_url

    while _CLEANUP:
        base, name = _CLEANUP.pop()
        engine = sa.create_engine(database_url(base))
        with engine.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
        engine.dispose()


def test_store_telegram_export_ingests_first_hand_claims_and_quarantines_a_broken_message(db_url, shared_extractor):
    export = Path(__file__).parent / "fixtures" / "sources" / "telegram-iri"
    with claimgraph.open(db_url) as db:
        summary = db.ingest([export])
        failures = db.failures()
        with db.engine.connect() as conn:
            c, d = schema.claims, schema.documents
            rows = conn.execute(
                sa.select(d.c.ext_id, c.c.claimant, c.c.channel, c.c.first_hand).join(d, d.c.id == c.c.doc_id)
            ).all()
    assert summary.failed == 1 and list(failures.source.str.rsplit("#", n=1).str[-1]) == ["107"]
    by_message = {
        ext_id.split("/")[-1]: (claimant, channel, first_hand) for ext_id, claimant, channel, first_hand in rows
    }
    assert by_message["102"] == ("Islamic Resistance in Iraq", "telegram", True)
    assert by_message["104"][2] is False  # forwarded from a news channel: reported, not first-hand
