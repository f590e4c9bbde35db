"""One bad document never costs the others: hostile text is repaired at reading, and a document
the database refuses is rolled back alone, recorded in ``failed_inputs``, and the run goes on.
Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import sqlalchemy as sa

import claimgraph
from claimgraph.cli.app import app
from claimgraph.store import schema, writer
from conftest import SOURCES, DocFiles, allow_documents, refuse_documents, write_sources


def _good_and_bad(files: DocFiles) -> tuple[str, str]:
    """Issue 15, finding 1: a good file, and valid JSON whose title holds a lone surrogate."""
    outlet, published, text = SOURCES["wire-a-tower22"]
    record = {"id": "a", "title": "good", "outlet": outlet, "published": published, "text": text}
    good = files.json("a-good.json", record)
    outlet, published, text = SOURCES["wire-a-asad"]
    # json.dumps escapes the surrogate as \udc80: the file is valid UTF-8 and valid JSON; json.loads
    # gives the title back with a lone surrogate in it, as many scrapers' output does.
    bad = files.text(
        "b-bad.json",
        json.dumps({"id": "b", "title": "bad \udc80 title", "outlet": outlet, "published": published, "text": text}),
    )
    return str(good), str(bad)


def test_store_ingest_a_lone_surrogate_in_a_title_loses_nothing(db_url, tmp_docs, shared_extractor, cli_runner):
    good, bad = _good_and_bad(tmp_docs)
    result = cli_runner.invoke(app, ["ingest", good, bad, "--db", db_url])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 0, result.stderr
    assert "2 new documents, 0 duplicate, 0 failed; 1 with text repaired" in result.stderr
    events = cli_runner.invoke(app, ["events", "--db", db_url, "--format", "json"])
    assert events.exit_code == 0 and len(json.loads(events.stdout)) == 2
    with claimgraph.open(db_url) as db, db.engine.connect() as conn:
        d = schema.documents
        stored = {row.ext_id: row for row in conn.execute(sa.select(d.c.ext_id, d.c.title, d.c.notes))}
    assert stored["b"].title == "bad \ufffd title"  # the lone surrogate replaced, the rest kept
    (note,) = stored["b"].notes
    assert note["kind"] == "text_repaired" and "title: 1 lone surrogate" in note["message"]
    assert stored["a"].notes == []


def _poison(files: DocFiles) -> str:
    return str(
        files.json(
            "poison.json",
            {
                "id": "poison",
                "published": "2024-02-04",
                "text": "A rocket attack targeted Erbil airport on Sunday, officials said. No group has claimed it.",
            },
        )
    )


def _ledger(db_url: str, run_id: int) -> dict[str, str]:
    with claimgraph.open(db_url) as db, db.engine.connect() as conn:
        t = schema.ingest_ledger
        rows = conn.execute(sa.select(t.c.source, t.c.outcome).where(t.c.run_id == run_id)).all()
    return {Path(source).name: outcome for source, outcome in rows}


def test_store_a_document_the_database_refuses_is_rolled_back_alone(db_url, sources, shared_extractor):
    poison = _poison(sources)
    refuse_documents(db_url, "poison")
    with claimgraph.open(db_url) as db:
        summary = db.ingest([sources.root])  # one batch: the poison is in the middle of it
        failures = db.failures()
        counts = db.counts()
    assert (summary.new, summary.duplicate, summary.failed) == (len(SOURCES), 0, 1)
    assert summary.exit_code == 4 and counts["documents"] == len(SOURCES)
    assert counts["events"] == summary.events_created > 0  # the rest was reconciled as usual
    assert list(failures.source) == [poison]
    (reason,) = failures.reason
    assert "poison.json" in reason and "stage 'store'" in reason and "refused by the test trigger" in reason
    assert "run the same command again" in reason
    ledger = _ledger(db_url, summary.run_id)
    assert ledger.pop("poison.json") == "failed" and set(ledger.values()) == {"new"}

    allow_documents(db_url, "poison")  # the cause fixed: the same command stores it and clears the failure
    with claimgraph.open(db_url) as db:
        again = db.ingest([sources.root])
        assert (again.new, again.duplicate, again.failed) == (1, len(SOURCES), 0)
        assert db.failures().empty


def test_store_a_refused_document_and_its_copy_fail_alone_across_batches(db_url, tmp_docs, shared_extractor):
    # batches of 2: the refused document's batch is written again one document at a time, the
    # batches around it as usual; its copy under another name fails with it
    write_sources(tmp_docs, ["wire-a-asad", "wire-c-harir-jan", "wire-a-qaim"])
    poison = _poison(tmp_docs)
    tmp_docs.text("zz-poison-copy.txt", json.loads(Path(poison).read_text(encoding="utf-8"))["text"])
    refuse_documents(db_url, "poison")
    with claimgraph.open(db_url) as db:
        summary = db.ingest([tmp_docs.root], batch_size=2)
        failures = db.failures()
        counts = db.counts()
    assert (summary.new, summary.duplicate, summary.failed) == (3, 0, 2)
    assert counts["documents"] == 3
    reasons = dict(zip(failures.source.map(os.path.basename), failures.reason, strict=True))
    assert set(reasons) == {"poison.json", "zz-poison-copy.txt"}
    assert "the same text as an input the database refused" in reasons["zz-poison-copy.txt"]


def test_store_cli_ingest_names_the_refused_input_and_exits_non_zero(db_url, sources, shared_extractor, cli_runner):
    _poison(sources)
    refuse_documents(db_url, "poison")
    result = cli_runner.invoke(app, ["ingest", str(sources.root), "--db", db_url])
    assert result.exit_code == 4
    assert f"{len(SOURCES)} new documents, 0 duplicate, 1 failed" in result.stderr
    assert "poison.json" in result.stderr and "refused" in result.stderr
    assert "every other document was stored" in result.stderr


def test_store_a_count_no_database_column_holds_costs_only_its_document(db_url, sources, shared_extractor):
    # hostile text the readers cannot repair: a count beyond any integer column (SQLite: 64 bits,
    # PostgreSQL: 32). Whether the extractor keeps it or not, the rest of the run is stored.
    sources.json(
        "huge.json",
        {
            "id": "huge",
            "published": "2024-02-05",
            "text": "A drone attack on Victory Base on Monday killed 99999999999999999999 soldiers, officials said.",
        },
    )
    with claimgraph.open(db_url) as db:
        summary = db.ingest([sources.root])
        stored = db.counts()["documents"]
        failed = list(db.failures().source.map(os.path.basename))
    assert summary.new + summary.failed == len(SOURCES) + 1
    assert stored == summary.new >= len(SOURCES)
    assert failed == ([] if summary.failed == 0 else ["huge.json"])


def test_store_evidence_of_a_repaired_document_points_into_its_stored_text(db_url, tmp_docs, shared_extractor):
    # decomposed accents before the event (NFC shortens the text there), a NUL and a lone surrogate
    _, published, text = SOURCES["wire-a-tower22"]
    hostile = "Re\u0301sume\u0301 \x00 of the day \udc80 (Cafe\u0301 desk). " + text.replace("Jordan", "Jorda\u0308n")
    tmp_docs.text("hostile.json", json.dumps({"id": "hostile", "published": published, "text": hostile}))
    with claimgraph.open(db_url) as db:
        summary = db.ingest([tmp_docs.root])
        with db.engine.connect() as conn:
            d, ev, m = schema.documents, schema.evidence, schema.mentions
            stored = conn.execute(sa.select(d.c.text)).scalar_one()
            spans = conn.execute(sa.select(ev.c.start, ev.c.end, ev.c.text)).all()
            mentions = conn.execute(sa.select(m.c.start, m.c.end, m.c.surface)).all()
    assert (summary.new, summary.failed, summary.repaired) == (1, 0, 1)
    assert stored.startswith("Résumé \ufffd of the day \ufffd (Café desk). ") and "Jordän" in stored
    assert summary.reports >= 1 and spans and mentions
    for start, end, quoted in [*spans, *mentions]:
        assert stored[start:end] == quoted


def test_store_a_database_that_stops_answering_is_not_blamed_on_a_document(
    db_url, sources, shared_extractor, monkeypatch
):

    def gone(*_args, **_kw):
        raise sa.exc.OperationalError("INSERT ...", {}, ConnectionError("server closed the connection"))

    monkeypatch.setattr(writer, "write_documents", gone)
    with claimgraph.open(db_url) as db:
        with pytest.raises(sa.exc.OperationalError):
            db.ingest([sources.root])
        assert db.failures().empty and db.counts()["documents"] == 0  # nothing recorded against an input
