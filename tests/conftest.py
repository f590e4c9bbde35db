"""Shared fixtures: document files written into a temporary folder, hand-written report
snippets, one extractor per test session, and a CLI runner."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from typer.testing import CliRunner

    from claimgraph.extract import Extractor

# Hand-written report snippets (paraphrased from the kind of wire copy claimgraph reads).
TOWER22_REPORT = {
    "id": "tower22",
    "title": "Drone attack kills three US soldiers in Jordan",
    "published": "2024-01-29",
    "url": None,
    "lang": "en",
    "text": (
        "AMMAN, Jan 29 (wire) - A one-way attack drone struck Tower 22, a small US outpost in "
        "north-eastern Jordan near the Syrian border, on Sunday, killing three US soldiers and "
        "injuring at least 34, the Pentagon said. The Islamic Resistance in Iraq, an umbrella for "
        "Iran-backed Iraqi militias, claimed the attack in a statement on Telegram. US officials "
        "blamed Kataib Hezbollah, a member of the Islamic Resistance in Iraq."
    ),
}
AIN_AL_ASAD_REPORT = {
    "id": "ain-al-asad",
    "title": "Rockets hit Ain al-Asad air base",
    "published": "2024-01-21",
    "lang": "en",
    "text": (
        "BAGHDAD, Jan 21 (wire) - Several ballistic missiles and rockets were fired at Ain al-Asad "
        "air base in Iraq's western Anbar province on Saturday, wounding four US service members and "
        "an Iraqi soldier, US Central Command said. The Islamic Resistance in Iraq claimed the attack."
    ),
}
HARIR_REPORT = {
    "id": "harir",
    "title": "Drone downed near Harir air base",
    "published": "2023-10-19",
    "lang": "en",
    "text": (
        "ERBIL, Oct 19 (wire) - A drone was shot down near Harir air base, north-east of Erbil, on "
        "Tuesday, a coalition official said. No one was hurt. The Islamic Resistance in Iraq said it "
        "had targeted the base with a drone."
    ),
}
REPORTS = (TOWER22_REPORT, AIN_AL_ASAD_REPORT, HARIR_REPORT)


class DocFiles:
    """Writes document files under one folder; every method returns the file's path."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def path(self, name: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def text(self, name: str, text: str) -> Path:
        path = self.path(name)
        path.write_text(text, encoding="utf-8")
        return path

    def bytes(self, name: str, data: bytes) -> Path:
        path = self.path(name)
        path.write_bytes(data)
        return path

    def json(self, name: str, record: Any) -> Path:
        return self.text(name, json.dumps(record, ensure_ascii=False, indent=2))

    def jsonl(self, name: str, records: Iterable[Any]) -> Path:
        lines = (r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records)
        return self.text(name, "".join(line + "\n" for line in lines))

    def sparse(self, name: str, size: int) -> Path:
        """A file of ``size`` bytes created without writing them (sparse, instant)."""
        path = self.path(name)
        with path.open("wb") as fh:
            fh.truncate(size)
        return path


@pytest.fixture
def tmp_docs(tmp_path: Path) -> DocFiles:
    return DocFiles(tmp_path / "docs")


@pytest.fixture
def report() -> dict[str, Any]:
    """A fresh copy of one realistic report record, free to modify."""
    return dict(TOWER22_REPORT)


@pytest.fixture
def reports() -> dict[str, dict[str, Any]]:
    """Fresh copies of the hand-written report records, by id, in a fixed order."""
    return {r["id"]: dict(r) for r in REPORTS}


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The real extractor, built once per test session (it is the slow part)."""
    from claimgraph.extract import Extractor

    return Extractor.build()


@pytest.fixture
def shared_extractor(monkeypatch: pytest.MonkeyPatch, extractor: Extractor) -> Extractor:
    """Make CLI commands reuse the session's extractor instead of building their own."""
    from claimgraph.extract import runner

    real = runner.build_extractor
    # with the user's own KB files the command needs its own extractor; otherwise reuse the session's
    monkeypatch.setattr(runner, "build_extractor", lambda kb_files=(): real(kb_files) if kb_files else extractor)
    return extractor


@pytest.fixture
def cli_runner() -> CliRunner:
    from typer.testing import CliRunner

    # A wide terminal, so tables are not folded into unreadable columns.
    return CliRunner(env={"COLUMNS": "220", "NO_COLOR": "1"})


# -- databases ---------------------------------------------------------------------------------
# Storage tests take ``db_url`` and run twice: on a SQLite file, and on PostgreSQL when
# CLAIMGRAPH_TEST_PG_URL names a server (each test in a schema of its own, dropped after).

PG_ENV = "CLAIMGRAPH_TEST_PG_URL"


def _pg_url_or_skip() -> str:
    import sqlalchemy as sa

    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set: the PostgreSQL run of this storage test is skipped (see DEVELOPERS.md)")
    from claimgraph.store.engine import database_url

    try:
        engine = sa.create_engine(database_url(base))
        with engine.connect():
            pass
    except Exception as exc:  # no server here: skip, saying why
        pytest.skip(f"PostgreSQL at {base} is not reachable ({type(exc).__name__}); set {PG_ENV} to a live server")
    engine.dispose()
    return base


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path):
    """A fresh, empty database of each backend."""
    if request.param == "sqlite":
        yield str(tmp_path / "claimgraph.db")
        return
    yield from _pg_schema(_pg_url_or_skip())


def _pg_schema(base: str):
    import uuid

    import sqlalchemy as sa

    from claimgraph.store.engine import database_url

    name = f"cg_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(database_url(base))
    with admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{name}"')
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{name}"
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{name}" CASCADE')
        admin.dispose()


def table_digests(url: str) -> dict[str, tuple[int, str]]:
    """Row count and a content hash of every content table (and the SQLite full-text index)."""
    import hashlib

    import sqlalchemy as sa

    from claimgraph.store import schema
    from claimgraph.store.engine import connect, is_sqlite

    engine = connect(url)
    out = {}
    with engine.connect() as conn:
        tables = [(t.name, sa.select(t).order_by(*(t.primary_key.columns or t.columns))) for t in schema.CONTENT_TABLES]
        if is_sqlite(conn):
            tables.append(("documents_fts", sa.text("SELECT doc_id, title, text FROM documents_fts ORDER BY doc_id")))
        for name, query in tables:
            rows = [json.dumps([str(v) for v in row], ensure_ascii=False) for row in conn.execute(query)]
            out[name] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest()[:16])
    engine.dispose()
    return out


# Several outlets reporting overlapping events (hand-written): the reconcile test corpus.
SOURCES = {
    "wire-a-tower22": (
        "Wire A",
        "2024-01-29",
        (
            "AMMAN - A one-way attack drone struck Tower 22, a US outpost in north-eastern Jordan, on Sunday, "
            "killing three US soldiers and injuring 34, the Pentagon said. The Islamic Resistance in Iraq "
            "claimed the attack."
        ),
    ),
    "wire-b-tanf": (
        "Wire B",
        "2024-01-31",
        (
            "DAMASCUS - The drone attack on the al-Tanf garrison in Syria on Sunday killed three American troops "
            "and wounded 47, according to an updated US tally. The Islamic Resistance in Iraq said it carried "
            "out the strike."
        ),
    ),
    "wire-a-asad": (
        "Wire A",
        "2024-01-21",
        (
            "BAGHDAD - Rockets were fired at Ain al-Asad air base in Anbar province on Saturday, wounding four "
            "US service members. The Islamic Resistance in Iraq claimed the attack."
        ),
    ),
    "wire-c-harir-jan": (
        "Wire C",
        "2024-01-21",
        (
            "ERBIL - A drone targeted Harir air base north-east of Erbil on Saturday. There were no casualties. "
            "No group has claimed responsibility."
        ),
    ),
    "wire-c-harir-oct": (
        "Wire C",
        "2023-10-19",
        (
            "ERBIL - A drone was shot down near Harir air base on Tuesday, a coalition official said. No one was "
            "hurt. No group has claimed responsibility for the attack."
        ),
    ),
    "channel-harir-claim": (
        "Channel D",
        "2023-10-20",
        (
            "The Islamic Resistance in Iraq on Thursday claimed Tuesday's drone attack on Harir air base in a "
            "statement on Telegram."
        ),
    ),
    "wire-b-conoco": (
        "Wire B",
        "2024-02-06",
        (
            "A group calling itself Tashkil al-Waritheen first claimed Monday's drone attack on the Conoco gas "
            "field in Deir ez-Zor, but the claim was later re-issued under the name of the Islamic Resistance in "
            "Iraq. US officials said Kataib Hezbollah was likely behind the attack. Tashkil al-Waritheen is a "
            "member of the Islamic Resistance in Iraq."
        ),
    ),
    "wire-a-qaim": (
        "Wire A",
        "2024-02-03",
        (
            "US aircraft struck Kataib Hezbollah targets in al-Qaim on Friday, killing 16 people, Iraqi "
            "officials said. The Pentagon said it carried out the strikes."
        ),
    ),
}


def write_sources(files: DocFiles, names: Iterable[str] | None = None) -> list[Path]:
    paths = []
    for name in names or SOURCES:
        outlet, published, text = SOURCES[name]
        paths.append(
            files.json(
                f"{name}.json",
                {"id": name, "title": name, "outlet": outlet, "published": published, "lang": "en", "text": text},
            )
        )
    return paths


@pytest.fixture
def sources(tmp_docs: DocFiles) -> DocFiles:
    """The multi-outlet corpus written as .json files under ``tmp_docs.root``."""
    write_sources(tmp_docs)
    return tmp_docs


def assert_storable(doc: Any) -> None:
    """Every string field of a ``Document`` is text any database and JSON encoder accept: strict
    UTF-8, no NUL, Unicode NFC (the readers' text hygiene)."""
    import dataclasses
    import unicodedata

    for f in dataclasses.fields(doc):
        value = getattr(doc, f.name)
        if isinstance(value, str):
            value.encode("utf-8")  # raises on a lone surrogate
            assert "\x00" not in value, f"NUL in {f.name}"
            assert unicodedata.is_normalized("NFC", value), f"{f.name} is not NFC"
    json.dumps(dataclasses.asdict(doc), ensure_ascii=False, default=str).encode("utf-8")


def refuse_documents(db_url: str, ext_id: str) -> None:
    """Make the database itself refuse to store the document whose input id is ``ext_id`` (a trigger):
    a failure while storing that no reader could have repaired."""
    import claimgraph

    with claimgraph.open(db_url) as db, db.engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql(
                f"CREATE TRIGGER refuse_{ext_id} BEFORE INSERT ON documents WHEN NEW.ext_id = '{ext_id}' "
                "BEGIN SELECT RAISE(ABORT, 'refused by the test trigger'); END"
            )
        else:
            conn.exec_driver_sql(
                f"CREATE FUNCTION refuse_{ext_id}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                f"IF NEW.ext_id = '{ext_id}' THEN RAISE EXCEPTION 'refused by the test trigger'; END IF; "
                "RETURN NEW; END $$"
            )
            conn.exec_driver_sql(
                f"CREATE TRIGGER refuse_{ext_id} BEFORE INSERT ON documents FOR EACH ROW "
                f"EXECUTE FUNCTION refuse_{ext_id}()"
            )


def allow_documents(db_url: str, ext_id: str) -> None:
    import claimgraph

    with claimgraph.open(db_url) as db, db.engine.begin() as conn:
        on = "" if conn.dialect.name == "sqlite" else " ON documents"
        conn.exec_driver_sql(f"DROP TRIGGER refuse_{ext_id}{on}")


ANALYST_PASSWORD = "correct horse battery"


def analyst_site(db: str | Path, roots: Iterable[Path], extractor: Extractor) -> None:
    """A database for the web tests: ``roots`` ingested with the session's extractor, and an analyst
    ``alice`` (password ``ANALYST_PASSWORD``)."""
    import claimgraph
    from claimgraph.extract import runner
    from claimgraph.web import auth

    original = runner.build_extractor
    runner.build_extractor = lambda kb_files=(): extractor
    try:
        with claimgraph.open(str(db)) as store:
            store.ingest(list(roots))
            with store.engine.begin() as conn:
                auth.add_user(conn, "alice", "analyst", ANALYST_PASSWORD)
    finally:
        runner.build_extractor = original


def serve(app: Any) -> Iterable[str]:
    """Serve ``app`` with uvicorn on a free local port in a thread; yields its base URL, then stops it."""
    import socket
    import threading
    import time

    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    app.state.engine.dispose()


CHROMIUM = Path("/usr/bin/chromium")  # Debian's; Playwright's own download does not work here
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
