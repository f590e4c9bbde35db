"""The Dask engine on a LocalCluster of 2 workers: the same database as the local engine, and a
worker killed mid-run still ends in a complete, duplicate-free database."""

from __future__ import annotations

import itertools
import json
import os
import signal
import threading
import time

import pytest
import sqlalchemy as sa

import claimgraph
from claimgraph.engines.partitions import plan_partitions
from claimgraph.store import schema
from conftest import DocFiles, refuse_documents, table_digests, write_sources

pytest.importorskip("dask.distributed", reason="the Dask engine needs claimgraph[dask]")

BASES = [
    "Ain al-Asad air base",
    "Harir air base",
    "Erbil airport",
    "the Conoco gas field",
    "al-Tanf garrison",
    "Victory Base",
    "the al-Omar oil field",
    "Ishtar base",
]


def corpus(files: DocFiles, n: int) -> None:
    """``n`` distinct reports in one .jsonl file (cut into many partitions below)."""
    lines = []
    for i in range(n):
        day = 1 + i % 28
        month = 1 + (i // 28) % 12
        lines.append(
            {
                "id": f"r{i:04d}",
                "published": f"2024-{month:02d}-{day:02d}",
                "text": (
                    f"A drone attack targeted {BASES[i % len(BASES)]} on 2024-{month:02d}-{day:02d}, wounding "
                    f"{i % 9 + 1} US service members, officials said. The Islamic Resistance in Iraq claimed it."
                ),
            }
        )
    files.jsonl("reports.jsonl", lines)


@pytest.fixture(scope="module")
def cluster():
    from dask.distributed import Client, LocalCluster

    local = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40)
    client = Client(local)
    yield local, client
    client.close()
    local.close()


def test_engines_partitions_cut_jsonl_at_line_boundaries(tmp_path):
    files = DocFiles(tmp_path / "docs")
    corpus(files, 50)
    path = files.root / "reports.jsonl"
    parts = list(plan_partitions([files.root], partition_bytes=4096))
    assert len(parts) > 2 and parts[0].start == 0 and parts[-1].end == path.stat().st_size
    data = path.read_bytes()
    for a, b in itertools.pairwise(parts):
        assert a.end == b.start and data[b.start - 1 : b.start] == b"\n"
        assert b.first_line == data[: b.start].count(b"\n") + 1


def test_engines_dask_builds_the_same_database_as_local(tmp_path, cluster, db_url, shared_extractor):
    files = DocFiles(tmp_path / "docs")
    corpus(files, 60)
    write_sources(files)  # plus small .json files, grouped into their own partitions
    local_url = str(tmp_path / "local.db")
    with claimgraph.open(local_url) as db:
        local = db.ingest([files.root])
    with claimgraph.open(db_url) as db:
        distributed = db.ingest(
            [files.root], engine_name="dask", scheduler=cluster[0].scheduler_address, partition_bytes=4096
        )
    assert (distributed.new, distributed.failed) == (local.new, local.failed) == (68, 0)
    fts = "documents_fts"  # SQLite's full-text table; PostgreSQL indexes the documents table instead
    assert {k: v for k, v in table_digests(db_url).items() if k != fts} == {
        k: v for k, v in table_digests(local_url).items() if k != fts
    }
    with claimgraph.open(db_url) as db:
        again = db.ingest(
            [files.root], engine_name="dask", scheduler=cluster[0].scheduler_address, partition_bytes=4096
        )
    assert (again.new, again.duplicate) == (0, 68)  # workers check the database: nothing re-extracted


def test_engines_dask_a_refused_and_a_repaired_document_cost_nothing_else(tmp_path, cluster, db_url, shared_extractor):
    # the Dask workers read and clean, the driver writes: a lone surrogate and a NUL are repaired on the
    # worker, and a document the database refuses fails alone, in whatever partition it lands
    files = DocFiles(tmp_path / "docs")
    corpus(files, 40)
    text = "Rockets hit Erbil airport on {day}, officials said. The Islamic Resistance in Iraq claimed the attack."
    with (files.root / "reports.jsonl").open("a", encoding="utf-8") as fh:
        hostile = {"id": "hostile", "title": "bad \udc80 title", "text": text.format(day="Monday\x00")}
        fh.write(json.dumps(hostile) + "\n")
        fh.write(json.dumps({"id": "poison", "text": text.format(day="Tuesday")}) + "\n")
    refuse_documents(db_url, "poison")
    with claimgraph.open(db_url) as db:
        summary = db.ingest(
            [files.root], engine_name="dask", scheduler=cluster[0].scheduler_address, partition_bytes=4096
        )
        failures = db.failures()
        with db.engine.connect() as conn:
            d = schema.documents
            title, notes = conn.execute(sa.select(d.c.title, d.c.notes).where(d.c.ext_id == "hostile")).one()
    assert (summary.new, summary.failed, summary.repaired, summary.exit_code) == (41, 1, 1, 4)
    assert title == "bad \ufffd title" and "text_repaired" in [n["kind"] for n in notes]
    (reason,) = failures.reason
    assert "reports.jsonl:42" in reason and "stage 'store'" in reason


def test_engines_dask_extract_output_equals_local(tmp_path, cluster, cli_runner, shared_extractor):
    from claimgraph.cli.app import app

    files = DocFiles(tmp_path / "docs")
    corpus(files, 30)
    local = cli_runner.invoke(app, ["extract", str(files.root)])
    distributed = cli_runner.invoke(
        app,
        [
            "extract",
            str(files.root),
            "--engine",
            "dask",
            "--scheduler",
            cluster[0].scheduler_address,
            "--partition-size",
            "4096",
        ],
    )
    assert distributed.exit_code == 0, distributed.output
    assert [json.loads(x) for x in distributed.stdout.splitlines()] == [
        json.loads(x) for x in local.stdout.splitlines()
    ]


def test_engines_dask_worker_killed_mid_run_still_gives_a_complete_database(tmp_path, cluster, shared_extractor):
    local_cluster, client = cluster
    files = DocFiles(tmp_path / "docs")
    corpus(files, 240)
    url = str(tmp_path / "dask.db")
    result = {}

    def run() -> None:
        with claimgraph.open(url) as db:
            result["summary"] = db.ingest(
                [files.root],
                engine_name="dask",
                scheduler=local_cluster.scheduler_address,
                partition_bytes=2048,
                batch_size=8,
            )

    thread = threading.Thread(target=run)
    thread.start()
    engine = sa.create_engine(f"sqlite:///{url}")
    deadline = time.monotonic() + 120
    killed = False
    while time.monotonic() < deadline and thread.is_alive():
        try:
            with engine.connect() as conn:
                stored = conn.execute(sa.select(sa.func.count()).select_from(schema.documents)).scalar()
        except sa.exc.OperationalError:
            stored = 0
        if stored >= 16:
            pids = client.run(os.getpid)
            os.kill(next(iter(pids.values())), signal.SIGKILL)  # a worker dies mid-run; its nanny restarts it
            killed = True
            break
        time.sleep(0.05)
    thread.join(timeout=300)
    engine.dispose()
    assert killed, "the run ended before a worker could be killed"
    summary = result["summary"]
    assert (summary.new, summary.duplicate, summary.failed) == (240, 0, 0)
    clean = str(tmp_path / "clean.db")
    with claimgraph.open(clean) as db:
        db.ingest([files.root])
    assert table_digests(url) == table_digests(clean)
